#pragma once
// Finds the latest conversation of a pair of endpoints: open addressing over (hash, stream)
// slots of 8 bytes, with no copy of the endpoints (the caller compares candidates against its
// own conversation table). A node-based map cost ~90 bytes a conversation; this costs 10 to 15:
// the table grows by half when 80 % full, and a hash picks its slot by multiplying, so the size
// need not be a power of two.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace synflow {

class StreamTable {
public:
    static constexpr uint32_t kNone = UINT32_MAX;

    // The slot of the stream stored under `hash` for which same(stream) holds (write to it to
    // replace the stream), or nullptr.
    template <typename Same>
    uint32_t* find(uint32_t hash, const Same& same)
    {
        if (slots_.empty())
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
        if ((used_ + 1) * 5 > slots_.size() * 4)
            rehash(slots_.empty() ? 1024 : slots_.size() + slots_.size() / 2);
        place(hash, stream);
        ++used_;
    }

    size_t memoryBytes() const { return slots_.capacity() * sizeof(Slot); }
    void release()
    {
        std::vector<Slot>().swap(slots_);
        used_ = 0;
    }

private:
    struct Slot {
        uint32_t hash = 0;
        uint32_t stream = kNone;
    };
    size_t home(uint32_t hash) const { return size_t((uint64_t(hash) * slots_.size()) >> 32); }
    size_t next(size_t i) const { return i + 1 == slots_.size() ? 0 : i + 1; }
    void place(uint32_t hash, uint32_t stream)
    {
        size_t i = home(hash);
        while (slots_[i].stream != kNone)
            i = next(i);
        slots_[i] = {hash, stream};
    }
    void rehash(size_t capacity)
    {
        std::vector<Slot> old(capacity);
        old.swap(slots_);
        for (const Slot& s : old)
            if (s.stream != kNone)
                place(s.hash, s.stream);
    }

    std::vector<Slot> slots_; // at most 80 % full
    size_t used_ = 0;
};

} // namespace synflow
