#include "cli/commands.h"
#include "cli/output.h"

#include "analysis/analysedcapture.h"
#include "output/statstext.h"
#include "output/textformat.h"
#include "stats/conversationtable.h"

#include <cstdio>
#include <cstdlib>
#include <optional>

namespace synflow::cli {
namespace {

const char* kUsage = "usage: synflow-cli conv FILE [--type eth|ip|ipv6|tcp|udp] [-Y FILTER] [--format text|tsv|json]";

std::string jsonEscape(const std::string& s)
{
    std::string out;
    appendJsonEscaped(out, s);
    return out;
}

std::string seconds(int64_t ns)
{
    std::string s;
    appendSeconds(s, ns);
    return s;
}

} // namespace

int runConv(const Args& args)
{
    std::string path, format = "text", filter;
    ConversationType type = ConversationType::Tcp;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--type" || args[i].starts_with("--type=")) {
            if (!takeType(args, i, type))
                return fail(kUsage, 2);
        } else if ((args[i] == "-Y" || args[i] == "--filter") && i + 1 < args.size())
            filter = args[++i];
        else if (args[i] == "--format" && i + 1 < args.size())
            format = args[++i];
        else if (args[i].starts_with("--format="))
            format = args[i].substr(9);
        else if (path.empty() && isFileArgument(args[i]))
            path = args[i];
        else
            return fail(kUsage, 2);
    }
    if (path.empty() || (format != "text" && format != "tsv" && format != "json"))
        return fail(kUsage, 2);
    AnalysedCapture capture;
    std::vector<uint8_t> shown;
    // TCP rows are counted again from the tracker: the first pass marks the frames that need no
    // second decode for it.
    const FrameHook mark = [](size_t, PacketRecord& rec, const DecodedPacket& d) { markTcpTapPlain(rec, d); };
    if (const int code = openForStatistics(path, type, filter, capture, shown, type == ConversationType::Tcp ? mark : FrameHook{});
        code >= 0)
        return code;
    ConversationOptions options;
    options.types = typeBit(type);
    options.tcpDetails = false;
    options.endpoints = false;
    options.shown = filter.empty() ? nullptr : &shown;
    const bool ports = hasPorts(type), tcp = type == ConversationType::Tcp;
    // TCP rows are put together one at a time from the tracker: a row per conversation held at
    // once would be most of the memory on a capture of many short connections.
    std::optional<TcpConversationRows> tcpRows;
    ConversationTables tables;
    std::vector<uint32_t> order;
    if (tcp) {
        sampleMemory();
        capture.releaseTrackingLookup();
        tcpRows.emplace(capture, options);
    }
    else {
        tables = buildConversationTables(capture, options);
        order = tsharkConversationOrder(tables.conv(type));
    }
    const size_t count = tcp ? tcpRows->size() : order.size();
    const auto rowAt = [&](size_t k) { return tcp ? tcpRows->row(k) : tables.conv(type)[order[k]]; };

    // Written in 64 KiB pieces: a million conversations' lines are never all held as text.
    std::string out;
    auto flushSome = [&] {
        if (out.size() >= (size_t(1) << 16)) {
            writeStdout(out);
            out.clear();
        }
    };
    if (format == "text") {
        appendConversationTable(out, type, count, rowAt, filter, [&](std::string&) { flushSome(); });
    } else if (format == "tsv") {
        out += tcp ? "stream\t" : "";
        out += ports ? "address_a\tport_a\taddress_b\tport_b\t" : "address_a\taddress_b\t";
        out += "frames_b_to_a\tbytes_b_to_a\tframes_a_to_b\tbytes_a_to_b\tframes\tbytes\trel_start\tduration";
        out += tcp ? "\tcompleteness\n" : "\n";
        for (size_t k = 0; k < count; ++k) {
            const ConversationRow c = rowAt(k);
            char line[512];
            if (tcp)
                out += std::to_string(c.stream) + '\t';
            out += formatStatsAddress(c.addrA) + '\t';
            if (ports)
                out += std::to_string(c.portA) + '\t';
            out += formatStatsAddress(c.addrB) + '\t';
            if (ports)
                out += std::to_string(c.portB) + '\t';
            std::snprintf(line, sizeof line, "%llu\t%llu\t%llu\t%llu\t%llu\t%llu\t%s\t%.6f",
                          static_cast<unsigned long long>(c.framesBtoA), static_cast<unsigned long long>(c.bytesBtoA),
                          static_cast<unsigned long long>(c.framesAtoB), static_cast<unsigned long long>(c.bytesAtoB),
                          static_cast<unsigned long long>(c.frames()), static_cast<unsigned long long>(c.bytes()),
                          seconds(c.startNs).c_str(), double(c.durationNs()) / 1e9);
            out += line;
            out += tcp ? '\t' + std::to_string(unsigned(c.completeness)) + '\n' : std::string("\n");
            flushSome();
        }
    } else {
        out += "[\n";
        for (size_t n = 0; n < count; ++n) {
            const ConversationRow c = rowAt(n);
            const auto side = [&](const StatsAddress& a, uint16_t port) {
                std::string s = "{\"address\": \"" + jsonEscape(formatStatsAddress(a)) + "\"";
                if (ports)
                    s += ", \"port\": " + std::to_string(port);
                return s + "}";
            };
            out += "  {";
            if (tcp)
                out += "\"stream\": " + std::to_string(c.stream) + ", ";
            out += "\"a\": " + side(c.addrA, c.portA) + ", \"b\": " + side(c.addrB, c.portB) + ", ";
            char line[512];
            std::snprintf(line, sizeof line,
                          "\"frames_a_to_b\": %llu, \"bytes_a_to_b\": %llu, \"frames_b_to_a\": %llu, \"bytes_b_to_a\": %llu, "
                          "\"rel_start\": %s, \"duration\": %.9f",
                          static_cast<unsigned long long>(c.framesAtoB), static_cast<unsigned long long>(c.bytesAtoB),
                          static_cast<unsigned long long>(c.framesBtoA), static_cast<unsigned long long>(c.bytesBtoA),
                          seconds(c.startNs).c_str(), double(c.durationNs()) / 1e9);
            out += line;
            if (tcp)
                out += ", \"completeness\": " + std::to_string(unsigned(c.completeness));
            out += n + 1 < count ? "},\n" : "}\n";
            flushSome();
        }
        out += "]\n";
    }
    writeStdout(out);
    if (std::getenv("SYNFLOW_STATS"))
        reportStats(capture.index().size(), capture.tracker() ? capture.tracker()->memoryBytes() : 0,
                    capture.tracker() ? capture.tracker()->revivals() : 0);
    return damageStatus(capture.file());
}

} // namespace synflow::cli
