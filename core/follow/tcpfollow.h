#pragma once
// Follow TCP Stream: a conversation's payload in the order each end's receiver got it, as
// tshark's follow tap puts it together (old data sent again is left out, a segment that arrives
// ahead of a gap waits for it, and a gap the peer acknowledged is named "[N bytes missing in
// capture file]"). Chunks point into the capture's packets, so a stream of any size costs a
// byte or a few a segment; their bytes are read when written or shown.
#include "tcp/tcpconversation.h"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string>
#include <vector>

namespace synflow {

class AnalysedCapture;

struct FollowChunk {
    bool fromServer = false; // node 1: the end that did not send the stream's first segment
    uint32_t frame = 0;      // 0-based, the segment the bytes came in
    uint32_t offset = 0;     // of the bytes in the frame
    uint32_t length = 0;
    uint32_t missing = 0;    // > 0: no bytes, a gap of this many bytes the peer acknowledged
};

// A stream's chunks, each kept against the one before it in a byte or a few (usually the next
// frame or the one after, the same header length, the same segment size: one byte), a full one
// every kBlock chunks: a million segments cost about a megabyte, not 20. Read in order with the
// iterators; [] decodes from the block's first chunk.
class FollowChunks {
public:
    static constexpr uint32_t kBlock = 64;

    class const_iterator {
    public:
        using value_type = FollowChunk;
        using difference_type = std::ptrdiff_t;
        using reference = const FollowChunk&;
        using pointer = const FollowChunk*;
        using iterator_category = std::input_iterator_tag;
        const_iterator() = default;
        const FollowChunk& operator*() const { return chunk_; }
        const FollowChunk* operator->() const { return &chunk_; }
        const_iterator& operator++();
        const_iterator operator++(int)
        {
            const_iterator was = *this;
            ++*this;
            return was;
        }
        bool operator==(const const_iterator& o) const { return index_ == o.index_; }
        size_t index() const { return index_; }

    private:
        friend class FollowChunks;
        void decode(); // the chunk at index_, from the bytes at at_ and the chunk before it
        const FollowChunks* of_ = nullptr;
        size_t index_ = 0;
        size_t at_ = 0;
        FollowChunk chunk_;
    };

    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const_iterator begin() const { return iteratorAt(0); }
    const_iterator end() const;
    const_iterator iteratorAt(size_t i) const; // i <= size()
    FollowChunk operator[](size_t i) const { return *iteratorAt(i); }
    void push_back(const FollowChunk& c);
    void reserve(size_t chunks); // room for about that many, in the common one-byte form
    void shrink_to_fit();

private:
    std::vector<uint8_t> bytes_;
    std::vector<uint64_t> blocks_; // where chunk kBlock * n starts in bytes_
    size_t size_ = 0;
    FollowChunk last_; // the chunk pushed last (the next one is kept against it)
};

struct TcpFollow {
    bool valid = false;
    uint32_t stream = 0;
    bool ipv6 = false;
    TcpEndpoint client, server; // node 0, node 1
    FollowChunks chunks;
    uint64_t bytes[2] = {0, 0}; // payload shown from node 0, node 1 (gaps not counted)
    bool partial = false;       // only the stream's first frames were read (see followTcpStream)
};

// With `frameLimit`, only the stream's first frameLimit frames are read: the chunks are then the
// first ones of the whole stream's, exactly (what a window shows while it follows the rest).
TcpFollow followTcpStream(const AnalysedCapture& capture, uint32_t stream, size_t frameLimit = SIZE_MAX);

// The bytes of a chunk: its part of the packet (read in place, valid while the capture is), or
// the gap's note, written into `note`. Empty if the packet's bytes are no longer there.
std::span<const uint8_t> followChunkBytes(const AnalysedCapture& capture, const FollowChunk& chunk, std::string& note);

enum class FollowFormat { Ascii, Hex, Raw };

// Appends what `tshark -q -z follow,tcp,FORMAT,N` prints, chunk by chunk from `first` on;
// `header`/`footer` add the lines around them. Callers write it out in pieces.
void appendFollowHeader(std::string& out, const TcpFollow& f, FollowFormat format);
void appendFollowChunk(std::string& out, const TcpFollow& f, FollowFormat format, std::span<const uint8_t> bytes,
                       bool fromServer, uint64_t& offsetOfNode);
void appendFollowFooter(std::string& out);

} // namespace synflow
