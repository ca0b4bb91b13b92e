#pragma once
// One fuzz input through everything that reads untrusted bytes: the file readers, the
// decoders, the TCP tracker, the detail-tree builder and the fields writer.
#include <cstddef>
#include <cstdint>

namespace synflow::fuzz {

void runOneInput(const uint8_t* data, size_t size);

} // namespace synflow::fuzz
