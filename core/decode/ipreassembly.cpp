#include "decode/ipreassembly.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <tuple>

namespace synflow {

bool IpReassembly::Key::operator<(const Key& o) const
{
    return std::tie(v6, id, proto, vlan, src, dst) < std::tie(o.v6, o.id, o.proto, o.vlan, o.src, o.dst);
}

bool IpReassembly::add(uint32_t frame, const DecodedPacket& d)
{
    // tshark reassembles only a fragment whose data the frame holds whole.
    if (!d.ipFragment || d.reassembled || d.fragDataLen == 0 || d.fragData + uint64_t(d.fragDataLen) > d.frame.size())
        return false;
    Key key;
    key.v6 = d.net == NetLayer::IPv6;
    // The innermost tag whose ID the decoder keeps (the first two of a deeper stack).
    key.vlan = d.vlanCount ? d.vlanIds[std::min<size_t>(d.vlanCount, std::size(d.vlanIds)) - 1] : 0;
    uint32_t fragOffset = 0;
    bool more = false;
    if (key.v6) {
        const Ipv6View ip{d.at(d.netOffset)};
        std::memcpy(key.src.data(), ip.src(), 16);
        std::memcpy(key.dst.data(), ip.dst(), 16);
        const uint8_t* f = d.at(d.fragHeader);
        key.id = loadBe32(f + 4);
        key.proto = f[0];
        fragOffset = loadBe16(f + 2) & 0xfff8u;
        more = loadBe16(f + 2) & 1;
    } else {
        const Ipv4View ip{d.at(d.fragHeader)};
        std::memcpy(key.src.data(), ip.src(), 4);
        std::memcpy(key.dst.data(), ip.dst(), 4);
        key.id = ip.id();
        key.proto = ip.protocol();
        fragOffset = (ip.flagsFragment() & 0x1fffu) * 8;
        more = ip.flagsFragment() & 0x2000;
    }
    if (fragOffset + uint64_t(d.fragDataLen) > kMaxDatagram)
        return false;

    std::lock_guard lock(mutex_);
    auto it = pending_.find(key);
    if (it == pending_.end()) {
        if (pending_.size() >= kMaxPending) { // give up the datagram waited for longest
            auto oldest = pending_.begin();
            for (auto p = pending_.begin(); p != pending_.end(); ++p)
                if (p->second.order < oldest->second.order)
                    oldest = p;
            pending_.erase(oldest);
        }
        it = pending_.emplace(key, Pending{}).first;
        it->second.order = nextOrder_++;
    }
    Pending& p = it->second;
    if (p.pieces.size() >= kMaxPieces)
        return false;
    p.pieces.push_back({frame, d.fragData, d.fragDataLen, fragOffset});
    if (!more) {
        p.length = fragOffset + d.fragDataLen;
        p.lengthKnown = true;
    }
    if (!p.lengthKnown)
        return false;
    std::vector<Piece> sorted = p.pieces;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Piece& a, const Piece& b) { return a.fragOffset < b.fragOffset; });
    uint64_t covered = 0;
    for (const Piece& piece : sorted) {
        if (piece.fragOffset > covered)
            return false; // a gap: more fragments to come
        covered = std::max<uint64_t>(covered, uint64_t(piece.fragOffset) + piece.length);
    }
    if (covered < p.length)
        return false;
    Datagram g;
    g.pieces = std::move(sorted);
    g.length = p.length;
    g.fragHeader = d.fragHeader;
    g.v6 = key.v6;
    for (const Piece& piece : g.pieces)
        if (piece.frame != frame)
            reassembledIn_[piece.frame] = frame;
    done_[frame] = std::move(g);
    pending_.erase(it); // a later fragment with the same identification begins a new datagram
    return true;
}

bool IpReassembly::decode(uint32_t frame, const DecodedPacket& fragment, const FrameBytes& bytesOf, DecodedPacket& out) const
{
    Datagram g;
    {
        std::lock_guard lock(mutex_);
        const auto it = done_.find(frame);
        if (it == done_.end())
            return false;
        g = it->second;
    }
    if (fragment.fragHeader != g.fragHeader || fragment.fragData > fragment.frame.size())
        return false;
    auto bytes = std::make_shared<std::vector<uint8_t>>(size_t(fragment.fragData) + g.length);
    std::memcpy(bytes->data(), fragment.frame.data(), fragment.fragData);
    uint8_t* data = bytes->data() + fragment.fragData;
    // In datagram order, each piece adds only what the ones before it did not cover (as tshark).
    uint64_t filled = 0;
    for (const Piece& piece : g.pieces) {
        const std::span<const uint8_t> src = piece.frame == frame ? fragment.frame : bytesOf(piece.frame);
        const uint64_t end = std::min<uint64_t>(uint64_t(piece.fragOffset) + piece.length, g.length);
        if (end <= filled)
            continue;
        const uint64_t from = std::max<uint64_t>(filled, piece.fragOffset);
        const uint64_t at = piece.dataOffset + (from - piece.fragOffset);
        if (at + (end - from) > src.size())
            return false; // the file changed under us
        std::memcpy(data + from, src.data() + at, end - from);
        filled = end;
    }
    out = decodeReassembled(fragment.linkType, std::move(bytes), uint32_t(fragment.frame.size()), g.fragHeader, g.length);
    out.reportedLen = uint32_t(out.frame.size());
    return true;
}

uint32_t IpReassembly::reassembledIn(uint32_t frame) const
{
    std::lock_guard lock(mutex_);
    const auto it = reassembledIn_.find(frame);
    return it == reassembledIn_.end() ? 0 : it->second;
}

IpReassembly::Datagram IpReassembly::datagram(uint32_t frame) const
{
    std::lock_guard lock(mutex_);
    const auto it = done_.find(frame);
    return it == done_.end() ? Datagram{} : it->second;
}

void IpReassembly::clear()
{
    std::lock_guard lock(mutex_);
    pending_.clear();
    reassembledIn_.clear();
    done_.clear();
    nextOrder_ = 0;
}

} // namespace synflow
