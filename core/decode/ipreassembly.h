#pragma once
// IPv4 and IPv6 fragment reassembly as tshark 4.0 does it by default (ip.defragment and
// ipv6.defragment on): fragments of one datagram (same addresses, identification, protocol and
// VLAN) are collected in frame order; the frame whose fragment completes the data from offset 0
// to the end carries the reassembled datagram, decoded whole, and the earlier fragments say
// where it was reassembled. Only which frames hold which pieces is kept, never their bytes:
// the datagram is rebuilt from the capture when the completing frame is decoded again.
//
// Bounds (tshark keeps every unfinished datagram until the file is closed): at most
// kMaxPending unfinished datagrams are waited for, the oldest given up first; a datagram longer
// than kMaxDatagram bytes or in more than kMaxPieces fragments is never reassembled.
#include "decode/packetdecoder.h"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <span>
#include <unordered_map>
#include <vector>

namespace synflow {

class IpReassembly {
public:
    static constexpr size_t kMaxPending = 4096;
    static constexpr uint32_t kMaxDatagram = 1u << 20;
    static constexpr size_t kMaxPieces = 8192;

    // One fragment's data as a frame holds it.
    struct Piece {
        uint32_t frame;
        uint32_t dataOffset; // in that frame's bytes
        uint32_t length;
        uint32_t fragOffset; // in the datagram
    };
    // The frame that completed a datagram: its pieces in datagram order, and the whole length.
    struct Datagram {
        std::vector<Piece> pieces;
        uint32_t length = 0;
        uint32_t fragHeader = 0; // in the completing frame
        bool v6 = false;
    };

    using FrameBytes = std::function<std::span<const uint8_t>(uint32_t frame)>;

    // The first pass, in frame order: `d` is frame's decode with ipFragment set. Returns true when
    // this fragment completes its datagram.
    bool add(uint32_t frame, const DecodedPacket& d);
    // The datagram `frame` completed, decoded (reassembled == true), when it completed one.
    bool decode(uint32_t frame, const DecodedPacket& fragment, const FrameBytes& bytesOf, DecodedPacket& out) const;

    // The frame whose fragment completed `frame`'s datagram (0 when none did, or frame itself did).
    uint32_t reassembledIn(uint32_t frame) const;
    // The pieces of the datagram `frame` completed (none when it completed none).
    Datagram datagram(uint32_t frame) const;

    void clear();

private:
    struct Key {
        std::array<uint8_t, 16> src{};
        std::array<uint8_t, 16> dst{};
        uint32_t id = 0;
        uint16_t vlan = 0;
        uint8_t proto = 0;
        bool v6 = false;
        bool operator<(const Key& o) const;
    };
    struct Pending {
        std::vector<Piece> pieces;
        uint32_t length = 0; // known once the last fragment (more fragments clear) is seen
        bool lengthKnown = false;
        uint64_t order = 0; // when it began, to give up the oldest
    };

    mutable std::mutex mutex_;
    std::map<Key, Pending> pending_;
    uint64_t nextOrder_ = 0;
    std::unordered_map<uint32_t, uint32_t> reassembledIn_; // fragment frame -> completing frame
    std::unordered_map<uint32_t, Datagram> done_;          // completing frame -> its datagram
};

} // namespace synflow
