#include "follow/tcpfollow.h"

#include "analysis/analysedcapture.h"
#include "output/textformat.h"

#include <algorithm>
#include <cstdio>
#include <list>

namespace synflow {
namespace {

inline bool seqLt(uint32_t a, uint32_t b) { return int32_t(a - b) < 0; }
inline bool seqGt(uint32_t a, uint32_t b) { return int32_t(a - b) > 0; }

// A segment that arrived ahead of a gap, kept until the gap is filled or acknowledged.
struct Pending {
    uint32_t seq;
    FollowChunk chunk;
};

// The follow tap's state for one conversation, per node (0 client, 1 server).
struct Assembler {
    explicit Assembler(TcpFollow& f) : out(f) { }
    TcpFollow& out;
    uint32_t next[2] = {0, 0};   // next sequence number expected
    uint64_t written[2] = {0, 0};
    std::list<Pending> pending[2]; // in arrival order, as tshark scans them

    void emit(const FollowChunk& c)
    {
        out.chunks.push_back(c);
        out.bytes[c.fromServer] += c.length;
    }

    // One waiting segment that now fits (or the acknowledged gap before the lowest one).
    bool settle(int node, uint32_t acknowledged, uint32_t frame, bool useAck)
    {
        auto& list = pending[node];
        if (list.empty())
            return false;
        uint32_t lowest = list.front().seq;
        for (auto it = list.begin(); it != list.end(); ++it) {
            if (seqGt(lowest, it->seq))
                lowest = it->seq;
            if (seqLt(it->seq, next[node])) {
                // Partly seen already: keep what is new of it.
                const uint32_t end = it->seq + it->chunk.length;
                if (seqGt(end, next[node])) {
                    const uint32_t skip = next[node] - it->seq;
                    if (it->chunk.length > skip) {
                        FollowChunk c = it->chunk;
                        c.offset += skip;
                        c.length -= skip;
                        emit(c);
                    }
                    next[node] += it->chunk.length - skip;
                }
                list.erase(it);
                return true;
            }
            if (it->seq == next[node]) {
                if (it->chunk.length > 0)
                    emit(it->chunk);
                next[node] += it->chunk.length;
                list.erase(it);
                return true;
            }
        }
        if (useAck && seqGt(acknowledged, lowest)) {
            // The receiver had bytes the capture lacks: name the gap, go on after it.
            FollowChunk gap;
            gap.fromServer = node == 1;
            gap.frame = frame;
            gap.missing = lowest - next[node];
            out.chunks.push_back(gap);
            next[node] = lowest;
            return true;
        }
        return false;
    }
};

std::string gapNote(uint32_t missing)
{
    // tshark's note, with the terminating NUL it counts as data.
    char text[64];
    const int n = std::snprintf(text, sizeof text, "[%d bytes missing in capture file]", int(missing));
    return std::string(text, size_t(n) + 1);
}

} // namespace

TcpFollow followTcpStream(const AnalysedCapture& capture, uint32_t stream, size_t frameLimit)
{
    TcpFollow f;
    const TcpTracker* tracker = capture.tracker();
    if (!tracker || stream >= tracker->conversationCount())
        return f;
    const TcpConversation c = tracker->conversation(uint32_t(stream));
    f.valid = true;
    f.stream = stream;
    f.ipv6 = c.ipv6;
    std::vector<uint32_t> frames = tracker->framesOf(stream);
    if (frames.size() > frameLimit) {
        frames.resize(frameLimit);
        f.partial = true;
    }

    // A chunk a frame at most (and a gap now and then): one allocation, its pages touched as
    // filled, where growing by doubling would leave the freed smaller copies in the heap.
    f.chunks.reserve(frames.size());
    Assembler a(f);
    int clientSide = -1; // which of the conversation's endpoints sent the first segment
    for (uint32_t frame : frames) {
        const DecodedPacket d = capture.decode(frame);
        const TcpPacketAnalysis t = capture.tcpAnalysis(frame, d);
        if (!t.valid || !d.tcpHeaderValid)
            continue;
        const int side = tracker->sentByFirst(frame) ? 0 : 1;
        if (clientSide < 0) {
            clientSide = side;
            f.client = c.ep[side];
            f.server = c.ep[1 - side];
        }
        const int node = side == clientSide ? 0 : 1;
        uint32_t seq = t.seq + (t.isSyn ? 1 : 0);
        uint32_t length = t.seqLen;
        const uint32_t payloadAt = d.transportOffset + d.tcpHeaderLen;
        uint32_t offset = payloadAt;
        uint32_t captured = payloadAt < d.frame.size() ? std::min<uint32_t>(uint32_t(d.frame.size()) - payloadAt, t.seqLen) : 0;

        if (!a.pending[1 - node].empty())
            while (a.settle(1 - node, t.ack, frame, true)) { }
        if (a.written[node] == 0 && a.next[node] == 0)
            a.next[node] = seq;
        if (seqLt(seq, a.next[node])) {
            const uint32_t end = seq + length;
            if (seqGt(end, a.next[node])) {
                const uint32_t skip = a.next[node] - seq;
                captured = captured <= skip ? 0 : captured - skip;
                offset += skip;
                seq = a.next[node];
                length = end - a.next[node];
            }
        }
        if (captured == 0 || seqLt(seq, a.next[node]))
            continue;
        FollowChunk chunk{node == 1, frame, offset, captured, 0};
        if (seq == a.next[node]) {
            a.next[node] += length;
            a.written[node] += captured;
            a.emit(chunk);
            while (a.settle(node, 0, frame, false)) { }
        } else {
            a.pending[node].push_back({seq, chunk});
        }
    }
    if (clientSide < 0) { // no segment could be read: the conversation's own order
        f.client = c.ep[0];
        f.server = c.ep[1];
    }
    return f;
}

std::span<const uint8_t> followChunkBytes(const AnalysedCapture& capture, const FollowChunk& chunk, std::string& note)
{
    if (chunk.missing) {
        note = gapNote(chunk.missing);
        return {reinterpret_cast<const uint8_t*>(note.data()), note.size()};
    }
    const auto bytes = capture.file().packetBytes(chunk.frame);
    if (size_t(chunk.offset) + chunk.length > bytes.size())
        return {};
    return bytes.subspan(chunk.offset, chunk.length);
}

namespace {

std::string nodeText(const TcpEndpoint& e, bool ipv6)
{
    std::string s = ipv6 ? "[" + formatIpv6(e.addr) + "]" : formatIpv4(e.addr);
    s += ':';
    appendUnsigned(s, e.port);
    return s;
}

const char* formatName(FollowFormat f)
{
    switch (f) {
    case FollowFormat::Ascii: return "ascii";
    case FollowFormat::Hex: return "hex";
    case FollowFormat::Raw: return "raw";
    }
    return "";
}

bool printable(uint8_t b) { return b >= 0x20 && b < 0x7f; }

} // namespace

void appendFollowHeader(std::string& out, const TcpFollow& f, FollowFormat format)
{
    out += "\n===================================================================\nFollow: tcp,";
    out += formatName(format);
    out += "\nFilter: tcp.stream eq ";
    appendUnsigned(out, f.stream);
    out += "\nNode 0: " + nodeText(f.client, f.ipv6) + "\nNode 1: " + nodeText(f.server, f.ipv6) + "\n";
}

void appendFollowChunk(std::string& out, const TcpFollow&, FollowFormat format, std::span<const uint8_t> bytes,
                       bool fromServer, uint64_t& offsetOfNode)
{
    static const char hex[] = "0123456789abcdef";
    const char* indent = fromServer ? "\t" : "";
    switch (format) {
    case FollowFormat::Ascii:
        out += indent;
        appendUnsigned(out, bytes.size());
        out += '\n';
        for (uint8_t b : bytes)
            out += printable(b) || b == '\n' || b == '\r' ? char(b) : '.';
        out += '\n';
        break;
    case FollowFormat::Raw:
        out += indent;
        for (uint8_t b : bytes) {
            out += hex[b >> 4];
            out += hex[b & 15];
        }
        out += '\n';
        break;
    case FollowFormat::Hex:
        for (size_t line = 0; line < bytes.size(); line += 16) {
            char head[16];
            std::snprintf(head, sizeof head, "%08llX  ", static_cast<unsigned long long>(offsetOfNode + line) & 0xffffffffull);
            out += indent;
            out += head;
            const size_t n = std::min<size_t>(16, bytes.size() - line);
            for (size_t i = 0; i < 16; ++i) {
                if (i < n) {
                    out += hex[bytes[line + i] >> 4];
                    out += hex[bytes[line + i] & 15];
                    out += ' ';
                } else {
                    out += "   ";
                }
                if (i == 7)
                    out += ' ';
            }
            out += ' ';
            for (size_t i = 0; i < n; ++i) {
                out += printable(bytes[line + i]) ? char(bytes[line + i]) : '.';
                if (i == 7)
                    out += ' ';
            }
            if (out.back() == ' ') // tshark drops one trailing blank: the gap after 8 bytes, or a space byte
                out.pop_back();
            out += '\n';
        }
        break;
    }
    offsetOfNode += bytes.size();
}

void appendFollowFooter(std::string& out)
{
    out += "===================================================================\n";
}

} // namespace synflow
