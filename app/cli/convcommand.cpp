#include "cli/commands.h"
#include "cli/output.h"

#include "analysis/analysedcapture.h"
#include "output/textformat.h"
#include "tcp/tcptracker.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <numeric>

namespace synflow::cli {
namespace {

std::string endpoint(const TcpConversation& c, int side)
{
    std::string s = c.ipv6 ? formatIpv6(c.ep[side].addr) : formatIpv4(c.ep[side].addr); // tshark writes v6 without brackets
    s += ':';
    appendUnsigned(s, c.ep[side].port);
    return s;
}

// tshark's rounding of byte counts in statistics tables (SI units, below 10 000 as bytes).
std::string sizeText(uint64_t bytes)
{
    if (bytes < 10000)
        return std::to_string(bytes) + " bytes";
    if (bytes < 10000000)
        return std::to_string(bytes / 1000) + " kB";
    if (bytes < 10000000000ull)
        return std::to_string(bytes / 1000000) + " MB";
    return std::to_string(bytes / 1000000000) + " GB";
}

std::string jsonEscape(const std::string& s)
{
    std::string out;
    appendJsonEscaped(out, s);
    return out;
}

} // namespace

int runConv(const Args& args)
{
    std::string path, format = "text";
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--format" && i + 1 < args.size())
            format = args[++i];
        else if (args[i].starts_with("--format="))
            format = args[i].substr(9);
        else if (path.empty() && !args[i].starts_with("-"))
            path = args[i];
        else
            return fail("usage: synflow-cli conv FILE [--format text|tsv|json]", 2);
    }
    if (path.empty() || (format != "text" && format != "tsv" && format != "json"))
        return fail("usage: synflow-cli conv FILE [--format text|tsv|json]", 2);
    AnalysedCapture capture;
    std::string error;
    if (!capture.open(path, error))
        return fail(error);
    capture.analyse(AnalysedCapture::Depth::Tcp);
    const CaptureFile& file = capture.file();
    const PacketIndex& index = file.index();
    const TcpTracker& tracker = *capture.tracker();
    const auto& convs = tracker.conversations();
    const int64_t t0 = index.size() ? index[0].tsNs : 0;
    std::vector<uint32_t> order(convs.size()); // stream numbers fit 32 bits: 4 bytes a conversation
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        const uint64_t fa = convs[a].frames[0] + convs[a].frames[1], fb = convs[b].frames[0] + convs[b].frames[1];
        const uint64_t ba = convs[a].bytes[0] + convs[a].bytes[1], bb = convs[b].bytes[0] + convs[b].bytes[1];
        return fa != fb ? fa > fb : ba > bb;
    });

    // Written as it is made, in 64 KiB pieces: a million conversations' lines are never held.
    std::string out;
    auto flushSome = [&] {
        if (out.size() >= (size_t(1) << 16)) {
            writeStdout(out);
            out.clear();
        }
    };
    if (format == "text") {
        out += "================================================================================\n"
               "TCP Conversations\nFilter:<No Filter>\n"
               "                                                           |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n"
               "                                                           | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n";
        for (size_t k : order) {
            const TcpConversation& c = convs[k];
            char line[512];
            std::string start, a = endpoint(c, 0), b = endpoint(c, 1);
            appendSeconds(start, nsBetween(c.earliestTsNs, t0));
            std::snprintf(line, sizeof line, "%-26s <-> %-26s  %6llu %-9s  %6llu %-9s  %6llu %-9s  %14s   %12.4f\n", a.c_str(), b.c_str(),
                          static_cast<unsigned long long>(c.frames[1]), sizeText(c.bytes[1]).c_str(),
                          static_cast<unsigned long long>(c.frames[0]), sizeText(c.bytes[0]).c_str(),
                          static_cast<unsigned long long>(c.frames[0] + c.frames[1]), sizeText(c.bytes[0] + c.bytes[1]).c_str(),
                          start.c_str(), double(nsBetween(c.latestTsNs, c.earliestTsNs)) / 1e9);
            out += line;
            flushSome();
        }
        out += "================================================================================\n";
    } else if (format == "tsv") {
        out += "stream\taddress_a\tport_a\taddress_b\tport_b\tframes_b_to_a\tbytes_b_to_a\tframes_a_to_b\tbytes_a_to_b\t"
               "frames\tbytes\trel_start\tduration\tcompleteness\n";
        for (size_t k : order) {
            const TcpConversation& c = convs[k];
            char line[512];
            std::string start;
            appendSeconds(start, nsBetween(c.earliestTsNs, t0));
            const std::string a = c.ipv6 ? formatIpv6(c.ep[0].addr) : formatIpv4(c.ep[0].addr);
            const std::string b = c.ipv6 ? formatIpv6(c.ep[1].addr) : formatIpv4(c.ep[1].addr);
            std::snprintf(line, sizeof line, "%u\t%s\t%u\t%s\t%u\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\t%s\t%.6f\t%u\n", c.stream,
                          a.c_str(), c.ep[0].port, b.c_str(), c.ep[1].port, static_cast<unsigned long long>(c.frames[1]),
                          static_cast<unsigned long long>(c.bytes[1]), static_cast<unsigned long long>(c.frames[0]),
                          static_cast<unsigned long long>(c.bytes[0]), static_cast<unsigned long long>(c.frames[0] + c.frames[1]),
                          static_cast<unsigned long long>(c.bytes[0] + c.bytes[1]), start.c_str(),
                          double(nsBetween(c.latestTsNs, c.earliestTsNs)) / 1e9, unsigned(c.completeness | c.firstFrameBits));
            out += line;
            flushSome();
        }
    } else {
        out += "[\n";
        for (size_t n = 0; n < order.size(); ++n) {
            const TcpConversation& c = convs[order[n]];
            char line[768];
            std::string start;
            appendSeconds(start, nsBetween(c.earliestTsNs, t0));
            const std::string a = c.ipv6 ? formatIpv6(c.ep[0].addr) : formatIpv4(c.ep[0].addr);
            const std::string b = c.ipv6 ? formatIpv6(c.ep[1].addr) : formatIpv4(c.ep[1].addr);
            std::snprintf(line, sizeof line,
                          "  {\"stream\": %u, \"a\": {\"address\": \"%s\", \"port\": %u}, \"b\": {\"address\": \"%s\", \"port\": %u}, "
                          "\"frames_a_to_b\": %llu, \"bytes_a_to_b\": %llu, \"frames_b_to_a\": %llu, \"bytes_b_to_a\": %llu, "
                          "\"rel_start\": %s, \"duration\": %.9f, \"completeness\": %u}%s\n",
                          c.stream, jsonEscape(a).c_str(), c.ep[0].port, jsonEscape(b).c_str(), c.ep[1].port,
                          static_cast<unsigned long long>(c.frames[0]), static_cast<unsigned long long>(c.bytes[0]),
                          static_cast<unsigned long long>(c.frames[1]), static_cast<unsigned long long>(c.bytes[1]), start.c_str(),
                          double(nsBetween(c.latestTsNs, c.earliestTsNs)) / 1e9, unsigned(c.completeness | c.firstFrameBits),
                          n + 1 < order.size() ? "," : "");
            out += line;
            flushSome();
        }
        out += "]\n";
    }
    writeStdout(out);
    if (std::getenv("SYNFLOW_STATS"))
        reportStats(index.size(), tracker.memoryBytes());
    return damageStatus(file);
}

} // namespace synflow::cli
