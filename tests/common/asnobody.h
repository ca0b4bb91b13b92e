#pragma once
// Runs an attempt as the unprivileged user "nobody" in a child process (root reads and
// captures anything, so permission errors can only be seen that way).
#include <functional>
#include <string>
#include <sys/types.h>

namespace synflow::test {

// `attempt` returns the error it met ("" if it succeeded). Returns false if the child could
// not run as nobody; otherwise `error` holds what the attempt reported. A `group` other than
// 0 is nobody's one supplementary group (a member of the capture group, say).
bool runAsNobody(const std::function<std::string()>& attempt, std::string& error, gid_t group = 0);

} // namespace synflow::test
