#pragma once
// Subcommands of synflow-cli; each returns the process exit code.
#include <string>
#include <vector>

namespace synflow::cli {

using Args = std::vector<std::string>;

int runInfo(const Args& args);
int runFields(const Args& args);
int runDetail(const Args& args);
int runConv(const Args& args);
int runInterfaces(const Args& args);
int runCapture(const Args& args);
int runFlow(const Args& args);

// With SYNFLOW_STATS set: prints packets, anonymous memory (RssAnon) and bytes per packet to stderr.
void reportStats(size_t packets, size_t trackerBytes = 0);

// Prints "synflow-cli: MESSAGE" to stderr and returns 1 (or 2 for usage errors).
int fail(const std::string& message, int code = 1);

} // namespace synflow::cli
