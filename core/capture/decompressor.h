#pragma once
// Streaming decompression of the compressed files captures come in (gzip, zstd, lz4 frame), the
// ones Wireshark opens too. Recognised by content, never by the file's name.
#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace synflow {

enum class Compression { None, Gzip, Zstd, Lz4 };

// The compression the first bytes of a file announce (None when they announce none we read).
Compression sniffCompression(std::span<const uint8_t> head);
const char* compressionName(Compression c);

class Decompressor {
public:
    enum class Status {
        More,  // needs more input or more output room
        End,   // every stream (gzip member, zstd/lz4 frame) fed so far is complete
        Error, // damaged data: `error` says how
    };
    virtual ~Decompressor() = default;
    // Consumes from the front of `in` and fills `out` from its front; both spans are shrunk by what
    // was used. Concatenated streams (several gzip members, several frames) decode as one.
    virtual Status run(std::span<const uint8_t>& in, std::span<uint8_t>& out, std::string& error) = 0;
};

std::unique_ptr<Decompressor> makeDecompressor(Compression c);

} // namespace synflow
