#pragma once
// Indexes a capture on the calling thread while a second thread follows just behind,
// handed each finished batch of records in order, so decoding and analysis overlap the
// walk through the file instead of waiting for it.
#include "capture/capturefile.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace synflow {

// Records [begin, end) of the index, and where their bytes are while the batch is handled.
struct IndexedBatch {
    size_t begin = 0;
    size_t end = 0;
    const std::vector<uint16_t>& linkTypes; // of each interface known when the batch was read
    const ReadWindow& window;

    std::span<const uint8_t> packet(const PacketRecord& r) const { return window.packet(r); }
    // The record's layers, as CaptureFile::decode() gives them (empty for a pcapng custom block).
    DecodedPacket decode(const PacketRecord& r) const
    {
        return r.kind == RecordKind::CustomBlock ? DecodedPacket{} : decodePacket(linkTypes[r.iface], packet(r), r.origLen);
    }
    // Decode loops call this for record i + CaptureFile::kPrefetchAhead (kept inside the batch).
    void prefetch(const PacketIndex& index, size_t i) const { window.prefetch(index[i < end ? i : end - 1]); }
};

// `consume` runs on the follower thread, once per batch, in file order.
using BatchConsumer = std::function<void(const IndexedBatch&)>;

// `afterRead`, if given, runs on the calling thread after each piece of the file is indexed (for
// progress); returning false stops the reading early (the follower finishes what it was given).
// `windowBytes`: the size of each of the few read buffers (tests make it small).
void indexWithFollower(CaptureFile& file, const BatchConsumer& consume, const std::function<bool()>& afterRead = {},
                       size_t windowBytes = size_t(256) << 10);

// How many records the whole file will hold, judged from the `indexed` first ones (to size
// per-frame tables once).
size_t estimateRecordCount(const CaptureFile& file, size_t indexed);

} // namespace synflow
