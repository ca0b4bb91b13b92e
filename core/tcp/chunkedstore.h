#pragma once
// A growing array kept in fixed-size chunks: growing never moves or copies what is already
// there, so a live capture adding millions of frames or conversations never stalls the
// thread that follows it, and references to elements stay valid.
#include <cstddef>
#include <memory>
#include <vector>

namespace synflow {

template <typename T, size_t ChunkBits>
class ChunkedStore {
public:
    static constexpr size_t kChunk = size_t(1) << ChunkBits;

    T& operator[](size_t i) { return chunks_[i >> ChunkBits][i & (kChunk - 1)]; }
    const T& operator[](size_t i) const { return chunks_[i >> ChunkBits][i & (kChunk - 1)]; }
    size_t size() const { return size_; }
    size_t capacity() const { return chunks_.size() * kChunk; }
    void reserve(size_t n) { chunks_.reserve((n + kChunk - 1) / kChunk); }
    void resize(size_t n) // grows only; new elements are value-initialised
    {
        if (n > capacity()) [[unlikely]]
            addChunks(n);
        if (n > size_)
            size_ = n;
    }
    T& push_back(const T& v)
    {
        resize(size_ + 1);
        return (*this)[size_ - 1] = v;
    }

private:
    [[gnu::noinline]] void addChunks(size_t n) // kept out of the per-packet path
    {
        while (capacity() < n)
            chunks_.push_back(std::make_unique<T[]>(kChunk));
    }

    std::vector<std::unique_ptr<T[]>> chunks_;
    size_t size_ = 0;
};

} // namespace synflow
