// synflow-cli: the headless face of the SynFlow core.
#include "cli/commands.h"

#include <cstdio>
#include <cstring>
#include <iostream>

namespace synflow::cli {

int fail(const std::string& message, int code)
{
    std::cerr << "synflow-cli: " << message << '\n';
    return code;
}

} // namespace synflow::cli

namespace {

const char* kUsage =
    "usage: synflow-cli COMMAND [OPTIONS] FILE\n"
    "\n"
    "Commands:\n"
    "  info FILE      format, link types, interfaces, packet count, times, size, damage\n"
    "  fields FILE    one tab-separated line per frame, tshark field names in the header\n"
    "  detail FILE -n N   the layered detail tree of frame N (as tshark -V)\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help\n"
    "  --version      show the version\n";

} // namespace

int main(int argc, char** argv)
{
    using namespace synflow::cli;
    Args args(argv + 1, argv + argc);
    if (args.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    const std::string cmd = args.front();
    args.erase(args.begin());
    if (cmd == "-h" || cmd == "--help" || cmd == "help") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (cmd == "--version") {
        std::printf("synflow-cli %s\n", SYNFLOW_VERSION);
        return 0;
    }
    if (cmd == "info")
        return runInfo(args);
    if (cmd == "fields")
        return runFields(args);
    if (cmd == "detail")
        return runDetail(args);
    return fail("unknown command '" + cmd + "' (try --help)", 2);
}
