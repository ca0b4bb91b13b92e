#include "flow/timeaxis.h"

#include <algorithm>
#include <cmath>

namespace synflow {

double proportionalScale(const std::vector<FlowArrow>& arrows, int rowHeight, int longestGapPixels)
{
    double longest = 0, span = 0;
    for (size_t i = 1; i < arrows.size(); ++i) {
        const double gap = std::max(0.0, secondsBetween(arrows[i].time, arrows[i - 1].time)); // out of order: no room
        longest = std::max(longest, gap);
        span += gap;
    }
    if (longest <= 0 || rowHeight <= 0)
        return 0;
    const double byLongest = std::max(longestGapPixels, rowHeight) / longest;
    const double byTotal = 3.0 * double(rowHeight) * double(arrows.size()) / span;
    return std::min(byLongest, byTotal);
}

std::vector<int64_t> rowTops(const std::vector<FlowArrow>& arrows, int rowHeight, double pixelsPerSecond)
{
    std::vector<int64_t> tops(arrows.size() + 1, 0);
    for (size_t i = 1; i <= arrows.size(); ++i) {
        int64_t step = rowHeight;
        if (i < arrows.size() && pixelsPerSecond > 0) {
            const double gap = secondsBetween(arrows[i].time, arrows[i - 1].time) * pixelsPerSecond;
            if (std::isfinite(gap) && gap > rowHeight)
                step = int64_t(std::min(gap, 1e12));
        }
        tops[i] = tops[i - 1] + step;
    }
    return tops;
}

} // namespace synflow
