#include "fuzzbody.h"
#include "fuzzsupport.h"

#include "analysis/analysedcapture.h"
#include "capture/packetindex.h"
#include "follow/tcpfollow.h"
#include "follow/udpfollow.h"
#include "output/experttext.h"
#include "output/statstext.h"
#include "stats/captureproperties.h"
#include "stats/conversationtable.h"
#include "stats/expertinfo.h"
#include "stats/iostatistics.h"
#include "stats/protocolhierarchy.h"
#include "tcp/tcptracker.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

namespace synflow::fuzz {

namespace {

// The first, second and last stream: the ones the CLI suites follow against tshark.
std::vector<uint32_t> someStreams(uint32_t count)
{
    std::vector<uint32_t> picked;
    for (uint32_t s : {0u, 1u, count - 1})
        if (s < count && (picked.empty() || picked.back() < s))
            picked.push_back(s);
    return picked;
}

void followAll(const AnalysedCapture& capture, const TcpFollow& follow, bool udp, std::string& out)
{
    if (!follow.valid)
        return;
    std::string note;
    for (FollowFormat format : {FollowFormat::Ascii, FollowFormat::Hex, FollowFormat::Raw}) {
        out.clear();
        if (udp)
            appendUdpFollowHeader(out, follow, format);
        else
            appendFollowHeader(out, follow, format);
        uint64_t offsets[2] = {0, 0};
        for (const FollowChunk& chunk : follow.chunks) {
            if (chunk.frame >= capture.packetCount())
                abort();
            appendFollowChunk(out, follow, format, followChunkBytes(capture, chunk, note), chunk.fromServer,
                              offsets[chunk.fromServer]);
        }
        appendFollowFooter(out);
    }
}

} // namespace

void runStats(const uint8_t* data, size_t size)
{
    MemFile mem(data, size);
    if (!mem.ok())
        return;
    AnalysedCapture capture;
    std::string error;
    if (!capture.open(mem.path(), error))
        return;
    capture.analyse();
    const size_t frames = capture.packetCount();
    std::string out;

    // Conversations and endpoints of every type, whole and limited to every other frame.
    std::vector<uint8_t> shown(frames);
    for (size_t i = 0; i < frames; i += 2)
        shown[i] = 1;
    const std::vector<uint8_t>* limits[] = {nullptr, &shown};
    for (const std::vector<uint8_t>* limit : limits) {
        ConversationOptions options;
        options.shown = limit;
        const ConversationTables tables = buildConversationTables(capture, options);
        for (size_t t = 0; t < kConversationTypes; ++t) {
            const auto type = ConversationType(t);
            out.clear();
            appendConversationTable(out, type, tables.conv(type));
            appendEndpointTable(out, type, tables.ends(type));
            for (uint32_t k : tsharkConversationOrder(tables.conv(type)))
                if (k >= tables.conv(type).size())
                    abort();
        }
        const TcpConversationRows rows(capture, options);
        if (rows.size() != tables.conv(ConversationType::Tcp).size())
            abort();
        out.clear();
        appendConversationTable(out, ConversationType::Tcp, rows.size(), [&](size_t k) { return rows.row(k); });
    }

    // Expert information, protocol hierarchy, I/O statistics with a filter and a function column.
    out.clear();
    appendExpertReport(out, collectExpertInfo(capture));
    out.clear();
    appendPhsText(out, computeProtocolHierarchy(capture));
    appendPhsText(out, computeProtocolHierarchy(capture, &shown));
    // An interval giving about 64 rows: a row per second over a clock that jumps months would
    // make millions (the CLI does what it is asked; the fuzz run has a time limit).
    const PacketIndex& index = capture.file().index();
    int64_t spanNs = 0;
    for (size_t i = 0; i < index.size(); ++i)
        spanNs = std::max(spanNs, nsBetween(index[i].tsNs, index[0].tsNs));
    const int64_t intervalUs = std::max<int64_t>(1, spanNs / 64000);
    IoStatistics io;
    error.clear();
    if (computeIoStatistics(capture, intervalUs, 0, {"", "tcp", "AVG(tcp.analysis.ack_rtt)tcp.analysis.ack_rtt", "MAX(frame.len)"},
                            io, error, {})) {
        out.clear();
        appendIoStatTable(out, io);
    } else if (error.find("intervals") == std::string::npos) {
        abort(); // the columns are valid: only a clock spanning years may refuse them
    }
    out.clear();
    (void)capinfosText(captureProperties(capture.file()));

    // Follow TCP and UDP: some streams in every format.
    const uint32_t tcpStreams = capture.tracker() ? uint32_t(capture.tracker()->conversationCount()) : 0;
    for (uint32_t s : someStreams(tcpStreams))
        followAll(capture, followTcpStream(capture, s), false, out);
    uint32_t udpStreams = 0;
    (void)followUdpStream(capture, UINT32_MAX, udpStreams);
    for (uint32_t s : someStreams(udpStreams)) {
        uint32_t count = 0;
        followAll(capture, followUdpStream(capture, s, count), true, out);
    }
}

} // namespace synflow::fuzz
