#pragma once
// Memory for the large tables that grow with a capture (the packet index, the TCP tracker's
// per-frame and per-conversation records, its endpoint table). Normally from the heap. Once
// spilling is enabled, each new block is a region of one nameless cache file, mapped shared: the
// kernel writes its pages back and drops them when memory is short, as it does a mapped capture's,
// so the process's own (anonymous) memory stays the same whatever the capture's size. The blocks
// are reserved on disk when made, so a full disk means a heap block, never a SIGBUS later.
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow {

// Blocks made from now on spill to a cache file (cachefile.h); false and a reason when none
// can be made (blocks then stay on the heap). Process-wide, for a command that reads a capture
// once (synflow-cli flow); the window keeps its tables in memory.
bool enableSpill(std::string& error);
bool spillEnabled();
uint64_t spilledBytes(); // of the blocks alive in the cache file

class SpillBlock {
public:
    SpillBlock() = default;
    explicit SpillBlock(size_t bytes); // uninitialised heap memory, or zeroed file pages
    ~SpillBlock();
    SpillBlock(SpillBlock&& other) noexcept;
    SpillBlock& operator=(SpillBlock&& other) noexcept;
    SpillBlock(const SpillBlock&) = delete;
    SpillBlock& operator=(const SpillBlock&) = delete;

    void* data() const { return data_; }
    bool spilled() const { return mapped_ != 0; }

private:
    void free();

    void* data_ = nullptr;
    size_t mapped_ = 0;  // bytes mapped from the cache file (page multiple), 0 for the heap
    size_t anonymous_ = 0; // bytes mapped whole huge pages at a time, 0 for the heap
    uint64_t offset_ = 0; // of the region in the cache file
};

} // namespace synflow
