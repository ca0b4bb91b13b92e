#pragma once
// A flow graph's vertical axis: one row per arrow (the default), or time-proportional, where
// the silence between two arrows takes room in proportion to its length (an RTO back-off's
// 1 s, 2 s, 4 s read as growing gaps), and never less than a row, so texts never overlap.
#include "flow/flowgraph.h"

#include <cstdint>
#include <vector>

namespace synflow {

enum class FlowTimeScale { Rows, Proportional };

// Pixels per second for `arrows` with rows `rowHeight` tall: the longest silence spans at most
// `longestGapPixels`, and all the silences together at most three times the rows' own height.
double proportionalScale(const std::vector<FlowArrow>& arrows, int rowHeight, int longestGapPixels);

// Each row's top from the first row's (size arrows + 1, the last the whole height): a row
// follows the one before by its height, or by the time between their arrows at
// `pixelsPerSecond` where that is more.
std::vector<int64_t> rowTops(const std::vector<FlowArrow>& arrows, int rowHeight, double pixelsPerSecond);

} // namespace synflow
