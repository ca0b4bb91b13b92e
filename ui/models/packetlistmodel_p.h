#pragma once
// Internal to the packet list model; tests and benchmarks include it to count its work.
#include <atomic>
#include <cstdint>

namespace synflow::detail {
// Packets the model has decoded (each capture_->decode it calls), since the program started.
inline std::atomic<uint64_t> packetListDecodes{0};
} // namespace synflow::detail
