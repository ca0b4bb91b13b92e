#include "proto/pdureassembly.h"

#include <algorithm>

namespace synflow {
namespace {

uint64_t keyOf(uint32_t stream, uint8_t direction)
{
    return uint64_t(stream) << 1 | (direction & 1);
}

// Once a message's length is known its summary needs no more than a whole TLS record (header,
// 16 KiB and its expansion): HTTP's headers and the start of its body, a DNS message.
constexpr size_t kKnownLengthCap = 5 + 16384 + 2048;

template <typename Direction>
size_t knownLengthCap(const Direction& dir)
{
    return dir.keep ? dir.keep : kKnownLengthCap;
}

void appendBounded(std::string& head, const uint8_t* p, size_t n, size_t cap)
{
    const size_t room = cap - std::min(head.size(), cap);
    head.append(reinterpret_cast<const char*>(p), std::min(n, room));
}

// What a waiting message keeps of its first bytes for good: its first line (HTTP's, shown before
// the segment note), not a whole header for each of a lossy capture's many.
void keepFirstLine(std::string& kept, const std::string& head)
{
    const size_t lf = head.find('\n');
    kept.assign(head, 0, std::min<size_t>(lf == std::string::npos ? head.size() : lf + 1, 1024));
}

} // namespace

bool PduReassembly::Chunks::feed(const uint8_t* p, uint32_t n, uint32_t& used)
{
    for (uint32_t i = 0; i < n; ++i) {
        const uint8_t c = p[i];
        switch (state) {
        case Size:
        case Extension: {
            const int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (state == Size && v >= 0 && size < (uint64_t(1) << 40)) {
                size = size * 16 + uint64_t(v);
                digits = true;
            } else if (c == '\n') {
                if (digits && size == 0) {
                    last = true;
                    state = Trailer;
                    lineLen = 0;
                } else {
                    state = Data;
                }
                digits = false;
            } else {
                state = Extension;
            }
            break;
        }
        case Data: { // size > 0 here
            const uint64_t take = std::min<uint64_t>(size, n - i);
            size -= take;
            i += uint32_t(take) - 1;
            if (size == 0)
                state = DataEnd;
            break;
        }
        case DataEnd:
            if (c == '\n') {
                state = Size;
                size = 0;
            }
            break;
        case Trailer:
            if (c == '\n') {
                if (lineLen == 0) {
                    used = i + 1;
                    return true;
                }
                lineLen = 0;
            } else if (c != '\r') {
                ++lineLen;
            }
            break;
        }
    }
    used = n;
    return false;
}

uint32_t PduReassembly::startPending(Direction& dir, const Segment& s, uint32_t off, const PduFraming& f, uint8_t protocol)
{
    TcpPdu pdu;
    pdu.stream = s.stream;
    pdu.direction = s.direction;
    pdu.protocol = protocol;
    pdu.startSeq = s.seq + off;
    pdu.endSeq = f.kind == PduFraming::Length ? pdu.startSeq + f.length : TcpPdu::kOpen;
    pdu.firstFrame = s.frame;
    dir.pending = true;
    dir.protocol = protocol;
    dir.untilFin = f.kind == PduFraming::UntilFin;
    dir.chunked = false;
    dir.holes.clear();
    dir.headFrozen = false;
    dir.pdu = uint32_t(pdus_.size());
    dir.head.clear();
    dir.keep = f.keep;
    appendBounded(dir.head, s.data + off, s.len - off, f.kind == PduFraming::NeedMore ? kHeadCap : knownLengthCap(dir));
    pdus_.push_back(pdu);
    auto& v = byDirection_[keyOf(s.stream, s.direction)];
    const auto at = std::upper_bound(v.begin(), v.end(), pdu.startSeq,
                                     [this](uint32_t seq, uint32_t i) { return seq < pdus_[i].startSeq; });
    v.insert(at, dir.pdu);
    return dir.pdu;
}

bool PduReassembly::complete(Direction& dir, uint32_t frame, uint32_t endSeq)
{
    TcpPdu& pdu = pdus_[dir.pdu];
    pdu.endSeq = endSeq;
    const bool whole = dir.holes.empty();
    if (!whole) { // not reassembled (unless a resend brings what is missing): its last frame is left to TCP
        dir.pending = dir.untilFin = dir.chunked = false;
        if (!dir.holes.empty()) {
            Ended& e = ended_[keyOf(pdu.stream, pdu.direction)];
            e.pdu = dir.pdu;
            e.holes.swap(dir.holes);
            e.head.swap(dir.head);
        }
        dir.holes.clear();
        std::string().swap(dir.head);
        return false;
    }
    pdu.lastFrame = frame;
    completions_.emplace_back(frame, dir.pdu);
    done_.swap(dir.head);
    std::string().swap(dir.head); // an idle direction keeps no buffer
    if (done_.size() > endSeq - pdu.startSeq)
        done_.resize(endSeq - pdu.startSeq);
    dir.pending = false;
    dir.untilFin = false;
    dir.chunked = false;
    return true;
}

void PduReassembly::sweep(uint32_t frame)
{
    constexpr uint32_t kIdleFrames = 1024;
    for (auto it = dirs_.begin(); it != dirs_.end();) {
        const Direction& d = it->second;
        if (!d.pending && d.head.empty() && d.lastFrame + kIdleFrames < frame) {
            const uint64_t stream = it->first >> 1;
            if (givenUp_.size() <= stream)
                givenUp_.resize(stream + 1);
            givenUp_[stream] |= uint8_t(1u << (it->first & 1));
            waiting_.erase(it->first);
            ended_.erase(it->first);
            it = dirs_.erase(it);
        } else {
            ++it;
        }
    }
    sweepAt_ = std::max<size_t>(8192, dirs_.size() * 2);
}

PduReassembly::Fed PduReassembly::feedPending(Direction& dir, const Segment& s, uint32_t& off, const PduFramer& framer)
{
    Fed fed;
    if (!dir.pending)
        return fed;
    const uint32_t end = s.seq + s.len;
    TcpPdu& pdu = pdus_[dir.pdu];
    if (dir.chunked) {
        uint32_t used = 0;
        const bool done = dir.chunks.feed(s.data + off, s.len - off, used);
        appendBounded(dir.head, s.data + off, used, knownLengthCap(dir));
        off += used;
        if (done) {
            fed.completed = complete(dir, s.frame, s.seq + off);
            fed.ended = true;
        }
    } else if (pdu.endSeq != TcpPdu::kOpen) {
        const uint32_t need = pdu.endSeq - (s.seq + off);
        const uint32_t take = std::min(need, s.len - off);
        if (!dir.headFrozen)
            appendBounded(dir.head, s.data + off, take, knownLengthCap(dir));
        off += take;
        if (take == need) {
            fed.completed = complete(dir, s.frame, pdu.endSeq);
            fed.ended = true;
        }
    } else if (dir.untilFin) {
        if (!dir.headFrozen)
            appendBounded(dir.head, s.data + off, s.len - off, knownLengthCap(dir));
        off = s.len;
    } else {
        const size_t before = dir.head.size();
        appendBounded(dir.head, s.data + off, s.len - off, kHeadCap);
        const PduFraming f = framer.more(dir.protocol, reinterpret_cast<const uint8_t*>(dir.head.data()), dir.head.size());
        const uint32_t seen = pdu.startSeq + uint32_t(before); // sequence number of head[before]
        if (f.kind == PduFraming::Length && f.length >= before) {
            dir.keep = f.keep;
            pdu.endSeq = pdu.startSeq + f.length;
            // What the message still needs from head[before] on, which is this segment's byte
            // `off` (counted, not compared as sequence numbers: a length of 2 GiB or more
            // would wrap).
            if (const uint32_t need = f.length - uint32_t(before); need <= s.len - off) {
                off += need;
                fed.completed = complete(dir, s.frame, pdu.endSeq);
                fed.ended = true;
            } else {
                off = s.len;
            }
        } else if (f.kind == PduFraming::Chunked && f.length >= before && f.length <= dir.head.size()
                   && dir.head.size() < kHeadCap) {
            Chunks c;
            uint32_t used = 0;
            const uint32_t bodySeen = uint32_t(dir.head.size() - f.length);
            if (c.feed(reinterpret_cast<const uint8_t*>(dir.head.data()) + f.length, bodySeen, used)) {
                pdu.endSeq = pdu.startSeq + f.length + used;
                off += pdu.endSeq - seen;
                fed.completed = complete(dir, s.frame, pdu.endSeq);
                fed.ended = true;
            } else {
                dir.chunked = true;
                dir.chunks = c;
                off = s.len;
            }
        } else if (f.kind == PduFraming::UntilFin) {
            dir.untilFin = true;
            off = s.len;
        } else if (f.kind == PduFraming::NeedMore) {
            dir.untilFin = dir.head.size() >= kHeadCap; // tshark asks for more for ever
            off = s.len;
        } else {
            // Not a message after all, or too long a header: what came before stays a
            // segment of it, and this data is framed anew.
            pdu.endSeq = seen;
            dir.pending = false;
            std::string().swap(dir.head);
        }
    }
    if (dir.pending && dir.untilFin && s.fin) {
        fed.completed = complete(dir, s.frame, end);
        fed.ended = fed.atFin = true;
        off = s.len;
    }
    return fed;
}

PduReassembly::Outcome PduReassembly::add(const Segment& s, const PduFramer& framer)
{
    Outcome out;
    const uint64_t key = keyOf(s.stream, s.direction);
    auto [it, fresh] = dirs_.try_emplace(key);
    Direction& dir = it->second;
    if (fresh && s.stream < givenUp_.size() && (givenUp_[s.stream] >> (s.direction & 1) & 1) && s.sentBefore) {
        // An idle direction given up: nothing of it was pending, and the tracker says these
        // bytes came before, so they were reassembled then.
        dirs_.erase(it);
        if (s.len)
            out.role = Outcome::OldData;
        return out;
    }
    const uint32_t previousFrame = dir.lastFrame;
    dir.lastFrame = s.frame;
    if (dirs_.size() > sweepAt_)
        sweep(s.frame);
    if (!dir.synced) {
        dir.synced = true;
        dir.next = s.seq;
    }
    const int32_t lead = int32_t(s.seq - dir.next);
    if (lead > 0 && dir.pending) {
        TcpPdu& pdu = pdus_[dir.pdu];
        if (pdu.endSeq == TcpPdu::kOpen && !dir.untilFin) {
            // Read one more segment at a time: it waits at its end for the missing bytes, and
            // tshark reads this segment afresh (it lies past the message's reach).
            pdu.endSeq = dir.next;
            pdu.waits = pdu.holed = true;
            WaitEnd& w = waitEnds_[dir.pdu];
            w.lastFrame = previousFrame;
            keepFirstLine(w.head, dir.head);
            waitLast_[previousFrame] = dir.pdu;
            waiting_[key] = std::move(dir);
            dir = Direction();
            dir.synced = true;
            dir.lastFrame = s.frame;
        } else if (pdu.endSeq == TcpPdu::kOpen || int32_t(pdu.endSeq - s.seq) > 0) {
            // Bytes never seen in a message of known length (or one read to the FIN): it cannot be
            // completed unless they are resent, and its later segments still belong to it.
            pdu.holed = true;
            dir.holes.emplace_back(dir.next, s.seq);
            dir.headFrozen = true;
        } else {
            // It ends in the gap: a resend may still complete it.
            dir.holes.emplace_back(dir.next, pdu.endSeq);
            pdu.holed = true;
            complete(dir, s.frame, pdu.endSeq);
        }
    }
    if (lead > 0)
        dir.next = s.seq;
    uint32_t off = 0;
    if (lead < 0 && resume(key, s, framer, out))
        return out;
    if (lead < 0) {
        const uint32_t old = uint32_t(-int64_t(lead));
        if (old >= s.len && fillsHole(dir, s)) {
            out.role = Outcome::PartOfPdu;
            return out;
        }
        if (old >= s.len && !ended_.empty() && fillsEndedHole(key, s, out))
            return out;
        if (old >= s.len) {
            // Old data is plain TCP, unless it falls in a message not completed: one still pending,
            // or one ended by its length with bytes missing. tshark adds it to that message.
            if (s.len) {
                const TcpPdu* pdu = pduAt(s.stream, s.direction, s.seq);
                const bool open = pdu && pdu->lastFrame == TcpPdu::kOpen && (pdu->holed || (dir.pending && pdu == &pdus_[dir.pdu]));
                if (s.oldDataReadAgain)
                    out.role = !pdu ? Outcome::Untouched : open && pdu->startSeq != s.seq ? Outcome::PartOfPdu : Outcome::OldData;
                else
                    out.role = open ? Outcome::PartOfPdu : Outcome::OldData;
            }
            return out;
        }
        off = old;
    }
    const uint32_t end = s.seq + s.len;
    const bool wasPending = dir.pending;
    const auto [completed, ended, atFin] = feedPending(dir, s, off, framer);
    const uint32_t from = off;
    uint32_t startedAt = s.len; // where a message begun here runs past the segment
    while (off < s.len && !dir.pending) {
        uint8_t protocol = 0;
        const PduFraming f = framer.begin(s.data + off, s.len - off, protocol);
        if (f.kind == PduFraming::NotAPdu)
            break;
        if (f.kind == PduFraming::Length && f.length > 0 && f.length <= s.len - off) {
            off += f.length;
            continue;
        }
        if (f.kind == PduFraming::UntilFin && s.fin) {
            off = s.len;
            break;
        }
        Chunks c;
        if (f.kind == PduFraming::Chunked) {
            uint32_t used = 0;
            if (c.feed(s.data + off + f.length, s.len - off - f.length, used)) {
                off += f.length + used;
                continue;
            }
        }
        startedAt = off;
        startPending(dir, s, off, f, protocol);
        if (f.kind == PduFraming::Chunked) {
            dir.chunked = true;
            dir.chunks = c;
        }
    }
    dir.next = end;

    out.protocol = completed ? pdus_[completions_.back().second].protocol : dir.protocol;
    if (completed) {
        out.role = Outcome::Shows;
        out.completed = done_;
        const TcpPdu& pdu = pdus_[completions_.back().second];
        out.completedWhole = done_.size() == pdu.endSeq - pdu.startSeq;
        out.from = from;
        out.to = startedAt;
    } else if (ended && startedAt == s.len) {
        // A message with bytes missing ends here. Where its length said, tshark adds the segment
        // to it all the same; one that only the FIN could end is plain TCP.
        out.role = atFin || from < s.len ? Outcome::OldData : Outcome::PartOfPdu;
        out.restAfterHoled = !atFin && from < s.len;
        out.from = from;
    } else if ((wasPending && dir.pending && startedAt == s.len && s.len) || (startedAt == from && startedAt < s.len)) {
        out.role = Outcome::PartOfPdu;
    } else if (startedAt < s.len) {
        out.role = Outcome::Shows;
        out.from = from;
        out.to = startedAt;
    }
    return out;
}

// Takes [from, to) out of the holes; false if it touches none.
static bool fillHoles(std::vector<std::pair<uint32_t, uint32_t>>& holes, uint32_t from, uint32_t to)
{
    bool touched = false;
    std::vector<std::pair<uint32_t, uint32_t>> left;
    for (const auto& [a, b] : holes) {
        if (int32_t(to - a) <= 0 || int32_t(b - from) <= 0) {
            left.emplace_back(a, b);
            continue;
        }
        touched = true;
        if (int32_t(from - a) > 0)
            left.emplace_back(a, from);
        if (int32_t(b - to) > 0)
            left.emplace_back(to, b);
    }
    holes.swap(left);
    return touched;
}

bool PduReassembly::fillsEndedHole(uint64_t key, const Segment& s, Outcome& out)
{
    const auto it = ended_.find(key);
    if (it == ended_.end() || s.len == 0 || !fillHoles(it->second.holes, s.seq, s.seq + s.len))
        return false;
    Ended& e = it->second;
    TcpPdu& pdu = pdus_[e.pdu];
    out.protocol = pdu.protocol;
    if (!e.holes.empty()) {
        out.role = Outcome::PartOfPdu;
        return true;
    }
    pdu.holed = false;
    pdu.lastFrame = s.frame;
    completions_.emplace_back(s.frame, e.pdu);
    done_.swap(e.head);
    if (done_.size() > pdu.endSeq - pdu.startSeq)
        done_.resize(pdu.endSeq - pdu.startSeq);
    out.role = Outcome::Shows;
    out.completed = done_;
    out.completedWhole = false; // (what came after the first hole is not kept)
    out.from = out.to = s.len;  // (what follows it in the segment is not read)
    ended_.erase(it);
    return true;
}

bool PduReassembly::fillsHole(Direction& dir, const Segment& s)
{
    if (!dir.pending || dir.holes.empty() || s.len == 0 || !fillHoles(dir.holes, s.seq, s.seq + s.len))
        return false;
    if (dir.holes.empty())
        pdus_[dir.pdu].holed = false; // whole again: the segment reaching its end completes it
    return true;
}

bool PduReassembly::resume(uint64_t key, const Segment& s, const PduFramer& framer, Outcome& out)
{
    const auto it = waiting_.find(key);
    if (it == waiting_.end() || s.len == 0 || s.seq != pdus_[it->second.pdu].endSeq)
        return false;
    // tshark adds the whole segment and hands the message to its protocol again.
    Direction& dir = it->second;
    const uint32_t index = dir.pdu;
    TcpPdu& pdu = pdus_[index];
    pdu.endSeq = TcpPdu::kOpen;
    uint32_t off = 0;
    const Fed fed = feedPending(dir, s, off, framer);
    WaitEnd& w = waitEnds_[index];
    waitLast_.erase(w.lastFrame);
    w.lastFrame = s.frame;
    if (fed.completed) {
        pdu.holed = pdu.waits = false;
        out.role = Outcome::Shows;
        out.protocol = pdu.protocol;
        out.completed = done_;
        out.completedWhole = done_.size() == pdu.endSeq - pdu.startSeq;
        out.from = out.to = off; // (what follows it in the segment is not read)
        waiting_.erase(it);
        return true;
    }
    out.role = Outcome::PartOfPdu;
    out.protocol = pdu.protocol;
    if (dir.pending && pdu.endSeq == TcpPdu::kOpen && !dir.untilFin) {
        pdu.endSeq = s.seq + s.len; // still waiting, one segment further on
        waitLast_[s.frame] = index;
        keepFirstLine(w.head, dir.head);
    } else {
        // Its length is known now, past bytes gone by (or it ended without them): it stays
        // incomplete.
        if (pdu.endSeq == TcpPdu::kOpen)
            pdu.endSeq = s.seq + s.len;
        pdu.waits = false;
        waiting_.erase(it);
    }
    return true;
}

void PduReassembly::addOutOfOrder(const Segment& s)
{
    const auto it = waiting_.find(keyOf(s.stream, s.direction));
    if (it == waiting_.end() || s.len == 0 || s.seq != pdus_[it->second.pdu].endSeq)
        return;
    const uint32_t index = it->second.pdu;
    TcpPdu& pdu = pdus_[index];
    pdu.endSeq = s.seq + s.len;
    pdu.waits = false;
    WaitEnd& w = waitEnds_[index];
    waitLast_.erase(w.lastFrame);
    w.lastFrame = s.frame;
    waiting_.erase(it);
}

uint32_t PduReassembly::lastFrameTaken(const TcpPdu& pdu) const
{
    const auto it = waitEnds_.find(uint32_t(&pdu - pdus_.data()));
    return it == waitEnds_.end() ? TcpPdu::kOpen : it->second.lastFrame;
}

const TcpPdu* PduReassembly::pduAt(uint32_t stream, uint8_t direction, uint32_t seq) const
{
    const auto it = byDirection_.find(keyOf(stream, direction));
    if (it == byDirection_.end())
        return nullptr;
    const auto& v = it->second;
    const auto after = std::upper_bound(v.begin(), v.end(), seq, [this](uint32_t q, uint32_t i) { return q < pdus_[i].startSeq; });
    if (after == v.begin())
        return nullptr;
    const TcpPdu& pdu = pdus_[*(after - 1)];
    return seq - pdu.startSeq < pdu.endSeq - pdu.startSeq + pdu.waits || pdu.endSeq == TcpPdu::kOpen ? &pdu : nullptr;
}

const std::string* PduReassembly::unfinishedTail(uint32_t stream, uint8_t direction, uint32_t frame) const
{
    if (const auto w = waitLast_.find(frame); w != waitLast_.end()) {
        const TcpPdu& pdu = pdus_[w->second];
        if (pdu.stream == stream && pdu.direction == direction && pdu.waits && pdu.firstFrame != frame)
            return &waitEnds_.at(w->second).head;
    }
    const auto it = dirs_.find(keyOf(stream, direction));
    if (it == dirs_.end())
        return nullptr;
    const Direction& d = it->second;
    const bool oneMore = d.chunked || (!d.untilFin && pdus_[d.pdu].endSeq == TcpPdu::kOpen);
    return d.pending && oneMore && d.holes.empty() && d.lastFrame == frame && pdus_[d.pdu].firstFrame != frame ? &d.head : nullptr;
}

std::vector<const TcpPdu*> PduReassembly::pdusEndingAt(uint32_t frame) const
{
    std::vector<const TcpPdu*> out;
    auto it = std::lower_bound(completions_.begin(), completions_.end(), std::make_pair(frame, uint32_t(0)));
    for (; it != completions_.end() && it->first == frame; ++it)
        out.push_back(&pdus_[it->second]);
    return out;
}

} // namespace synflow
