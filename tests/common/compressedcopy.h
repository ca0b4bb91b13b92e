#pragma once
// Compressed copies of test captures, made at test time with the libraries (not the command-line
// tools), in the formats SynFlow reads: gzip, zstd and lz4 frame.
#include "capture/decompressor.h"

#include <cstdint>
#include <string>
#include <vector>

namespace synflow::test {

std::vector<uint8_t> readWholeFile(const std::string& path);
bool writeWholeFile(const std::string& path, const std::vector<uint8_t>& bytes);

// `bytes` compressed as one stream (gzip member, zstd or lz4 frame); `pieces` > 1 splits the input
// into that many concatenated streams, as `cat a.gz b.gz` or pigz/zstd -T make.
std::vector<uint8_t> compressed(Compression c, const std::vector<uint8_t>& bytes, int pieces = 1);

// The file name suffix usual for `c` (".gz", ".zst", ".lz4").
std::string suffix(Compression c);

} // namespace synflow::test
