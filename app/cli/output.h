#pragma once
// Checked standard output for every synflow-cli command: a full disk or a closed pipe must
// not look like success. The first failure is kept and reported once by finishStdout().
#include <string_view>

namespace synflow::cli {

// Writes all of `bytes` to stdout; false once any write has failed.
bool writeStdout(std::string_view bytes);
// Flushes stdout and checks it. On a failure (now or in an earlier write) prints
// "synflow-cli: cannot write stdout: REASON" and returns 1; otherwise returns `code`.
int finishStdout(int code);

} // namespace synflow::cli
