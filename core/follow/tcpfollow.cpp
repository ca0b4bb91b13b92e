#include "follow/tcpfollow.h"

#include "analysis/analysedcapture.h"
#include "output/textformat.h"

#include <algorithm>
#include <cstdio>
#include <list>

namespace synflow {

// A chunk's form: a byte of flags, then what differs from the chunk before it (in a block,
// the first chunk is kept against an empty one). Flags: bit 0 from the server, bit 1 an offset
// follows, bit 2 a length follows, bit 3 a gap's size follows; bits 4-7 the frame's step from
// the chunk before's (1-15), or 0: the step follows, zigzagged (a segment that waited for a gap
// came in an earlier frame). Numbers are LEB128.
namespace {

void putNumber(std::vector<uint8_t>& out, uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(uint8_t(v | 0x80));
        v >>= 7;
    }
    out.push_back(uint8_t(v));
}

uint64_t getNumber(const uint8_t*& p)
{
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
        const uint8_t b = *p++;
        v |= uint64_t(b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
    }
}

} // namespace

void FollowChunks::push_back(const FollowChunk& c)
{
    if (size_ % kBlock == 0) {
        blocks_.push_back(bytes_.size());
        last_ = FollowChunk{};
    }
    const int64_t step = int64_t(c.frame) - int64_t(last_.frame);
    uint8_t flags = c.fromServer ? 1 : 0;
    flags |= c.offset != last_.offset ? 2 : 0;
    flags |= c.length != last_.length ? 4 : 0;
    flags |= c.missing ? 8 : 0;
    flags |= step >= 1 && step <= 15 ? uint8_t(step << 4) : 0;
    bytes_.push_back(flags);
    if (!(flags & 0xf0))
        putNumber(bytes_, step < 0 ? (uint64_t(-step) << 1) - 1 : uint64_t(step) << 1);
    if (flags & 2)
        putNumber(bytes_, c.offset);
    if (flags & 4)
        putNumber(bytes_, c.length);
    if (flags & 8)
        putNumber(bytes_, c.missing);
    last_ = c;
    ++size_;
}

void FollowChunks::reserve(size_t chunks)
{
    bytes_.reserve(chunks);
    blocks_.reserve(chunks / kBlock + 1);
}

void FollowChunks::shrink_to_fit()
{
    bytes_.shrink_to_fit();
    blocks_.shrink_to_fit();
}

FollowChunks::const_iterator FollowChunks::end() const
{
    const_iterator it;
    it.of_ = this;
    it.index_ = size_;
    return it;
}

FollowChunks::const_iterator FollowChunks::iteratorAt(size_t i) const
{
    if (i >= size_)
        return end();
    const_iterator it;
    it.of_ = this;
    it.index_ = i - i % kBlock;
    it.at_ = size_t(blocks_[i / kBlock]);
    it.decode();
    while (it.index_ < i)
        ++it;
    return it;
}

FollowChunks::const_iterator& FollowChunks::const_iterator::operator++()
{
    if (++index_ < of_->size_)
        decode();
    return *this;
}

void FollowChunks::const_iterator::decode()
{
    if (index_ % kBlock == 0)
        chunk_ = FollowChunk{};
    const uint8_t* p = of_->bytes_.data() + at_;
    const uint8_t flags = *p++;
    chunk_.fromServer = flags & 1;
    if (flags & 0xf0) {
        chunk_.frame += flags >> 4;
    } else {
        const uint64_t z = getNumber(p);
        chunk_.frame = uint32_t(int64_t(chunk_.frame) + ((z & 1) ? -int64_t((z + 1) >> 1) : int64_t(z >> 1)));
    }
    if (flags & 2)
        chunk_.offset = uint32_t(getNumber(p));
    if (flags & 4)
        chunk_.length = uint32_t(getNumber(p));
    chunk_.missing = (flags & 8) ? uint32_t(getNumber(p)) : 0;
    at_ = size_t(p - of_->bytes_.data());
}

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

    // A chunk a frame at most (and a gap now and then), a byte each mostly: one allocation.
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
