#pragma once
// Finds the latest conversation of a pair of endpoints: open addressing over (hash, stream)
// slots of 8 bytes, with no copy of the endpoints (the caller compares candidates against its
// own conversation table). A node-based map cost ~90 bytes a conversation; this costs 10 to 15:
// the table grows by half when 80 % full, and a hash picks its slot by multiplying, so the size
// need not be a power of two. The slots are a SpillBlock (heap, or the spill file).
#include "capture/spillblock.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>

namespace synflow {

class StreamTable {
public:
    static constexpr uint32_t kNone = UINT32_MAX;

    // The slot of the stream stored under `hash` for which same(stream) holds (write to it to
    // replace the stream), or nullptr.
    template <typename Same>
    uint32_t* find(uint32_t hash, const Same& same)
    {
        if (capacity_ == 0)
            return nullptr;
        for (size_t i = home(hash);; i = next(i)) {
            Slot& s = slots_[i];
            if (s.stream == kNone)
                return nullptr;
            if (s.hash == hash && same(s.stream))
                return &s.stream;
        }
    }

    void insert(uint32_t hash, uint32_t stream)
    {
        if ((used_ + 1) * 5 > capacity_ * 4)
            rehash(capacity_ == 0 ? 1024 : capacity_ + capacity_ / 2);
        place(hash, stream);
        ++used_;
    }

    size_t memoryBytes() const { return capacity_ * sizeof(Slot); }
    void release()
    {
        block_ = SpillBlock();
        slots_ = nullptr;
        capacity_ = 0;
        used_ = 0;
    }

private:
    struct Slot {
        uint32_t hash = 0;
        uint32_t stream = kNone;
    };
    static_assert(std::is_trivially_destructible_v<Slot>);
    size_t home(uint32_t hash) const { return size_t((uint64_t(hash) * capacity_) >> 32); }
    size_t next(size_t i) const { return i + 1 == capacity_ ? 0 : i + 1; }
    void place(uint32_t hash, uint32_t stream)
    {
        size_t i = home(hash);
        while (slots_[i].stream != kNone)
            i = next(i);
        slots_[i] = {hash, stream};
    }
    void rehash(size_t capacity)
    {
        SpillBlock block(capacity * sizeof(Slot));
        Slot* fresh = static_cast<Slot*>(block.data());
        std::uninitialized_value_construct_n(fresh, capacity);
        std::swap(block, block_);
        const Slot* old = std::exchange(slots_, fresh);
        const size_t oldCapacity = std::exchange(capacity_, capacity);
        for (size_t i = 0; i < oldCapacity; ++i)
            if (old[i].stream != kNone)
                place(old[i].hash, old[i].stream);
    }

    SpillBlock block_;
    Slot* slots_ = nullptr; // block_'s memory; at most 80 % full
    size_t capacity_ = 0;
    size_t used_ = 0;
};

} // namespace synflow
