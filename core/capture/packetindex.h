#pragma once
// Chunked array of PacketRecord: appends never move existing entries, so a live
// source can grow it while readers hold references, and no copy of the whole is made.
#include "capture/packetrecord.h"
#include "capture/spillblock.h"

#include <atomic>
#include <cstddef>
#include <memory>
#include <vector>

namespace synflow {

class PacketIndex {
public:
    static constexpr size_t kChunkBits = 16;
    static constexpr size_t kChunkSize = size_t(1) << kChunkBits;
    static constexpr size_t kMaxChunks = 1 << 14; // 2^30 records

    PacketIndex();
    PacketIndex(const PacketIndex&) = delete;
    PacketIndex& operator=(const PacketIndex&) = delete;
    PacketIndex(PacketIndex&&) = delete; // readers on other threads hold references into it
    PacketIndex& operator=(PacketIndex&&) = delete;

    // Number of records visible to readers (published with release order).
    size_t size() const { return size_.load(std::memory_order_acquire); }
    bool empty() const { return size() == 0; }

    const PacketRecord& operator[](size_t i) const { return chunk(i >> kChunkBits)[i & (kChunkSize - 1)]; }
    PacketRecord& mutableAt(size_t i) { return chunk(i >> kChunkBits)[i & (kChunkSize - 1)]; }

    // Returns false when the index is full (2^30 records).
    bool append(const PacketRecord& rec);
    void clear();

    // Heap bytes held by the index (for memory reports).
    size_t memoryBytes() const;

private:
    // Chunks are raw storage (heap, or the spill file: spillblock.h): a record is constructed
    // when appended, so a new chunk is not first filled with default records only to be overwritten.
    PacketRecord* chunk(size_t c) const { return static_cast<PacketRecord*>(chunks_[c].data()); }
    std::vector<SpillBlock> chunks_;
    std::atomic<size_t> size_{0};
};

} // namespace synflow
