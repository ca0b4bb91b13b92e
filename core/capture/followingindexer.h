#pragma once
// Indexes a capture on the calling thread while a second thread follows just behind,
// handed each finished batch of records in order, so decoding and analysis overlap the
// walk through the file instead of waiting for it.
#include "capture/capturefile.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace synflow {

// `consume(begin, end, linkTypes)` runs on the follower thread for records [begin, end);
// `linkTypes[iface]` is the link type of each interface known when the batch was handed over.
using BatchConsumer = std::function<void(size_t begin, size_t end, const std::vector<uint16_t>& linkTypes)>;

void indexWithFollower(CaptureFile& file, const BatchConsumer& consume, size_t batch = size_t(1) << 16);

} // namespace synflow
