#include "capture/packetindex.h"

#include <memory>
#include <new>

namespace synflow {

PacketIndex::PacketIndex()
{
    // The chunk table never reallocates, so concurrent readers never see it move.
    chunks_.reserve(kMaxChunks);
}

bool PacketIndex::append(const PacketRecord& rec)
{
    size_t n = size_.load(std::memory_order_relaxed);
    size_t chunk = n >> kChunkBits;
    if (chunk >= kMaxChunks)
        return false;
    if (chunk == chunks_.size())
        chunks_.emplace_back(kChunkSize * sizeof(PacketRecord));
    std::construct_at(&this->chunk(chunk)[n & (kChunkSize - 1)], rec);
    size_.store(n + 1, std::memory_order_release);
    return true;
}

void PacketIndex::clear()
{
    chunks_.clear();
    size_.store(0, std::memory_order_release);
}

size_t PacketIndex::memoryBytes() const
{
    return chunks_.size() * kChunkSize * sizeof(PacketRecord) + chunks_.capacity() * sizeof(SpillBlock);
}

} // namespace synflow
