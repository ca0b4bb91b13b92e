#pragma once
// Finds the latest conversation of a pair of endpoints: open addressing over (hash, stream)
// slots of 8 bytes, with no copy of the endpoints (the caller compares candidates against its
// own conversation table). A node-based map cost ~90 bytes a conversation; this costs ~16.
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
        const size_t mask = slots_.size() - 1;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot& s = slots_[i];
            if (s.stream == kNone)
                return nullptr;
            if (s.hash == hash && same(s.stream))
                return &s.stream;
        }
    }

    void insert(uint32_t hash, uint32_t stream)
    {
        if ((used_ + 1) * 2 > slots_.size())
            rehash(slots_.empty() ? 1024 : slots_.size() * 2);
        place(hash, stream);
        ++used_;
    }

    size_t memoryBytes() const { return slots_.capacity() * sizeof(Slot); }

private:
    struct Slot {
        uint32_t hash = 0;
        uint32_t stream = kNone;
    };
    void place(uint32_t hash, uint32_t stream)
    {
        const size_t mask = slots_.size() - 1;
        size_t i = hash & mask;
        while (slots_[i].stream != kNone)
            i = (i + 1) & mask;
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

    std::vector<Slot> slots_; // size a power of two, at most half full
    size_t used_ = 0;
};

} // namespace synflow
