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

void reportStats(size_t packets, size_t trackerBytes)
{
    // Anonymous (private) memory only: the mapped capture is file-backed and not counted.
    long anonKb = -1;
    if (FILE* f = std::fopen("/proc/self/status", "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, f))
            if (std::sscanf(line, "RssAnon: %ld kB", &anonKb) == 1)
                break;
        std::fclose(f);
    }
    std::fprintf(stderr, "stats: packets=%zu rss_anon_kb=%ld bytes_per_packet=%.1f tracker_bytes=%zu\n", packets, anonKb,
                 packets ? anonKb * 1024.0 / double(packets) : 0.0, trackerBytes);
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
    "  conv FILE [--format text|tsv|json]   TCP conversations (like tshark -z conv,tcp)\n"
    "  flow FILE [--stream N] [--by address|endpoint] [--format txt|svg|png|pdf] [--explain] [-o OUT]\n"
    "                 TCP flow graph as text (tshark -z flow,tcp,standard); --explain: each step in words\n"
    "  interfaces     the interfaces libpcap can capture on\n"
    "  capture -i IFACE [-f FILTER] [-c COUNT] [-a duration:SECONDS|filesize:KB] [-s SNAPLEN] [-p] -w OUT.pcapng|-\n"
    "                 capture live to a pcapng file (Ctrl+C stops)\n"
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
    if (cmd == "conv")
        return runConv(args);
    if (cmd == "flow")
        return runFlow(args);
    if (cmd == "interfaces")
        return runInterfaces(args);
    if (cmd == "capture")
        return runCapture(args);
    return fail("unknown command '" + cmd + "' (try --help)", 2);
}
