#pragma once
// A content-coded HTTP entity inflated as tshark 4.0's tvb_child_uncompress does it, so that a
// body is handed on (or not) exactly when tshark's is: zlib first; when that fails on the first
// bytes, a gzip header skipped by hand, then raw deflate (servers that send no zlib header).
// Bytes inflated before the input ran out count: a body cut by its segment (no reassembly) is
// handed on as far as it inflates, even when that is nothing.
#include <optional>
#include <string>
#include <string_view>

namespace synflow {

// The inflated bytes (at most `cap` of them are kept), or nullopt when tshark's decompression
// fails ("[Error: Decompression failed]"; the body then goes to data).
std::optional<std::string> inflateEntity(std::string_view in, size_t cap = size_t(64) << 20);

} // namespace synflow
