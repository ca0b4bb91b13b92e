// synflow-cli: the headless face of the SynFlow core.
#include "cli/commands.h"

#include "analysis/processmemory.h"
#include "capture/spillblock.h"
#include "cli/output.h"

#include "capture/capturefile.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace synflow::cli {

int fail(const std::string& message, int code)
{
    std::cerr << "synflow-cli: " << message << '\n';
    return code;
}

int damageStatus(const CaptureFile& file)
{
    file.checkShrunk(); // a file cut short after it was read is damaged too
    const auto dmg = file.damage();
    if (!dmg)
        return 0;
    std::fprintf(stderr, "synflow-cli: %s: damaged at byte %llu: %s (%zu packets read before it)\n", file.path().c_str(),
                 static_cast<unsigned long long>(dmg->offset), dmg->what.c_str(), file.packetsBeforeDamage());
    return 2;
}

bool parseNumber(const std::string& text, uint64_t& value, uint64_t min, uint64_t max)
{
    uint64_t v = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || ptr != end || v < min || v > max)
        return false;
    value = v;
    return true;
}

namespace {
long startAnonKb = 0, peakAnonKb = 0;
}

void sampleMemory()
{
    if (std::getenv("SYNFLOW_STATS"))
        peakAnonKb = std::max(peakAnonKb, anonymousMemoryKb());
}

void reportStats(size_t packets, size_t trackerBytes, size_t revivals)
{
    sampleMemory();
    const double n = packets ? double(packets) : 1.0;
    // spilled_kb: tables in the cache file (spillblock.h), which the kernel writes back and drops.
    std::fprintf(stderr,
                 "stats: packets=%zu rss_anon_kb=%ld grown_kb=%ld bytes_per_packet=%.1f grown_per_packet=%.1f tracker_bytes=%zu "
                 "revivals=%zu spilled_kb=%llu\n",
                 packets, peakAnonKb, peakAnonKb - startAnonKb, double(peakAnonKb) * 1024.0 / n,
                 double(peakAnonKb - startAnonKb) * 1024.0 / n, trackerBytes, revivals,
                 static_cast<unsigned long long>(spilledBytes() >> 10));
}

} // namespace synflow::cli

namespace {

const char* kUsage =
    "usage: synflow-cli COMMAND [OPTIONS] FILE\n"
    "\n"
    "Commands:\n"
    "  info FILE      format, link types, interfaces, packet count, times, size, damage\n"
    "  capinfos FILE  file type, encapsulation, packets, sizes, times, rates, interfaces (as capinfos)\n"
    "  fields FILE [-Y FILTER] [--no-desegment]\n"
    "                 one tab-separated line per frame, tshark field names in the header;\n"
    "                 Protocol/Info as Wireshark shows them (TCP reassembly on) unless --no-desegment\n"
    "                 (-Y keeps the frames a display filter accepts)\n"
    "  list FILE [-Y FILTER] [--no-desegment]\n"
    "                 one line per packet as tshark -2 -r FILE prints it (its default columns;\n"
    "                 TCP reassembly on unless --no-desegment)\n"
    "  detail FILE -n N [--no-desegment]\n"
    "                     the layered detail tree of frame N (as tshark -V; --no-desegment as\n"
    "                     -o tcp.desegment_tcp_streams:FALSE)\n"
    "  conv FILE [--type eth|ip|ipv6|tcp|udp] [-Y FILTER] [--format text|tsv|json]\n"
    "                 conversations (tcp unless --type), as tshark -z conv,TYPE\n"
    "  endpoints FILE [--type eth|ip|ipv6|tcp|udp] [-Y FILTER]\n"
    "                 endpoints (tcp unless --type), as tshark -z endpoints,TYPE\n"
    "  io FILE -i SECONDS [-Y FILTER|FUNC(FIELD)FILTER]...\n"
    "                 frames and bytes per interval, a column per filter, as tshark -z io,stat;\n"
    "                 FUNC: COUNT, SUM, MIN, MAX, AVG of a field (or FRAMES(), BYTES())\n"
    "                 (-i 0: the whole capture)\n"
    "  expert FILE [-Y FILTER] [--severity error|warn|note|chat|comment] [--no-desegment]\n"
    "                 expert items by severity (--severity: it and above), as tshark -z expert[,LEVEL][,FILTER]\n"
    "                 (TCP reassembly on, its errors included, unless --no-desegment)\n"
    "  phs FILE [-Y FILTER] [--no-desegment]\n"
    "                 protocol hierarchy: frames and bytes per layer, as tshark -z io,phs\n"
    "                 (TCP reassembly on unless --no-desegment)\n"
    "  flow FILE [--stream N] [--filter EXPR] [--by address|endpoint] [--format txt|svg|png|pdf] [--explain] [--handout OUT.pdf] [-o OUT]\n"
    "                 TCP flow graph as text (tshark -z flow,tcp,standard); --explain: each step in words;\n"
    "                 --handout: a PDF page per step of the conversation (diagram, explanation, states)\n"
    "                 [--time-scale proportional]: silences at true scale (svg, png, pdf);\n"
    "                 [--anonymise]: documentation addresses (192.0.2.x, 2001:db8::N) for the real ones;\n"
    "                 the analysis's tables go to a nameless cache file: any capture in the same memory\n"
    "  follow FILE tcp|udp N [--format ascii|hex|raw]\n"
    "                 the payload of TCP or UDP stream N both ways, in order (tshark -z follow,PROTO,FORMAT,N)\n"
    "  interfaces     the interfaces libpcap can capture on\n"
    "  capture -i IFACE [-f FILTER] [-c COUNT] [-a duration:SECONDS|filesize:KB] [-s SNAPLEN] [-p] -w OUT.pcapng|-\n"
    "                 capture live to a pcapng file (Ctrl+C stops)\n"
    "\n"
    "FILE is a pcap or pcapng file, also gzip, zstd or lz4 compressed (recognised by content),\n"
    "or - to read one from standard input (compressed or not), as tshark -r -. Such captures are\n"
    "decompressed once into a nameless cache file ($XDG_CACHE_HOME/synflow, else /tmp). A named\n"
    "FIFO is refused (it could wait forever for a writer): redirect it to standard input.\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help\n"
    "  --version      show the version\n"
    "\n"
    "Exit status: 0 success; 1 the file cannot be read or the output cannot be written\n"
    "(one line on stderr); 2 usage errors, and damaged captures: every command prints what\n"
    "the packets before the damage give, says where the damage is on stderr and exits 2\n"
    "(an -o file is then left as it was); a file cut short while it is read is damaged\n"
    "where it now ends. Output files are replaced only when complete.\n";

} // namespace

namespace synflow::cli {
namespace {

int dispatch(Args args)
{
    if (args.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    const std::string cmd = args.front();
    args.erase(args.begin());
    if (cmd == "-h" || cmd == "--help" || cmd == "help") {
        writeStdout(kUsage);
        return 0;
    }
    if (cmd == "--version") {
        writeStdout(std::string("synflow-cli ") + SYNFLOW_VERSION + "\n");
        return 0;
    }
    if (cmd == "info")
        return runInfo(args);
    if (cmd == "fields")
        return runFields(args);
    if (cmd == "list")
        return runList(args);
    if (cmd == "detail")
        return runDetail(args);
    if (cmd == "conv")
        return runConv(args);
    if (cmd == "endpoints")
        return runEndpoints(args);
    if (cmd == "io")
        return runIo(args);
    if (cmd == "expert")
        return runExpert(args);
    if (cmd == "capinfos")
        return runCapinfos(args);
    if (cmd == "phs")
        return runPhs(args);
    if (cmd == "flow")
        return runFlow(args);
    if (cmd == "follow")
        return runFollow(args);
    if (cmd == "interfaces")
        return runInterfaces(args);
    if (cmd == "capture")
        return runCapture(args);
    return fail("unknown command '" + cmd + "' (try --help)", 2);
}

} // namespace
} // namespace synflow::cli

int main(int argc, char** argv)
{
    using namespace synflow::cli;
    if (std::getenv("SYNFLOW_STATS"))
        startAnonKb = synflow::anonymousMemoryKb();
    // Every command's output goes through one check: a failed write exits 1.
    return finishStdout(dispatch(Args(argv + 1, argv + argc)));
}
