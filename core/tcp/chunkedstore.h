#pragma once
// A growing array kept in fixed-size chunks: growing never moves or copies what is already
// there, so a live capture adding millions of frames or conversations never stalls the
// thread that follows it, and references to elements stay valid. Chunks are SpillBlocks: on
// the heap, or in the cache file once spilling is enabled.
#include "capture/spillblock.h"

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace synflow {

template <typename T, size_t ChunkBits>
class ChunkedStore {
public:
    static constexpr size_t kChunk = size_t(1) << ChunkBits;

    ChunkedStore() = default;
    ChunkedStore(ChunkedStore&& other) noexcept
        : chunks_(std::move(other.chunks_)), blocks_(std::move(other.blocks_)), size_(std::exchange(other.size_, 0))
    {
        other.chunks_.clear();
        other.blocks_.clear();
    }
    ChunkedStore& operator=(ChunkedStore&& other) noexcept
    {
        if (this != &other) {
            destroy();
            chunks_ = std::move(other.chunks_);
            blocks_ = std::move(other.blocks_);
            size_ = std::exchange(other.size_, 0);
            other.chunks_.clear();
            other.blocks_.clear();
        }
        return *this;
    }
    ~ChunkedStore() { destroy(); }

    T& operator[](size_t i) { return chunks_[i >> ChunkBits][i & (kChunk - 1)]; }
    const T& operator[](size_t i) const { return chunks_[i >> ChunkBits][i & (kChunk - 1)]; }
    size_t size() const { return size_; }
    size_t capacity() const { return chunks_.size() * kChunk; }
    void reserve(size_t n)
    {
        chunks_.reserve((n + kChunk - 1) / kChunk);
        blocks_.reserve((n + kChunk - 1) / kChunk);
    }
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
        static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__); // a heap block's alignment
        while (capacity() < n) {
            SpillBlock block(kChunk * sizeof(T));
            T* chunk = static_cast<T*>(block.data());
            std::uninitialized_value_construct_n(chunk, kChunk);
            blocks_.push_back(std::move(block));
            chunks_.push_back(chunk);
        }
    }
    void destroy()
    {
        for (T* chunk : chunks_)
            std::destroy_n(chunk, kChunk);
        chunks_.clear();
        blocks_.clear();
        size_ = 0;
    }

    std::vector<T*> chunks_; // blocks_' memory as T, for the per-element path
    std::vector<SpillBlock> blocks_;
    size_t size_ = 0;
};

} // namespace synflow
