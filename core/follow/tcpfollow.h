#pragma once
// Follow TCP Stream: a conversation's payload in the order each end's receiver got it, as
// tshark's follow tap puts it together (old data sent again is left out, a segment that arrives
// ahead of a gap waits for it, and a gap the peer acknowledged is named "[N bytes missing in
// capture file]"). Chunks point into the capture's packets, so a stream of any size costs a
// few bytes a segment; their bytes are read when written or shown.
#include "tcp/tcpconversation.h"

#include <cstdint>
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

struct TcpFollow {
    bool valid = false;
    uint32_t stream = 0;
    bool ipv6 = false;
    TcpEndpoint client, server; // node 0, node 1
    std::vector<FollowChunk> chunks;
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
