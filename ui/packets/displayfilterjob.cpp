#include "packets/displayfilterjob.h"

#include "analysis/analysedcapture.h"
#include "filter/displayfilter.h"

#include <algorithm>

using namespace synflow;

DisplayFilterJob::DisplayFilterJob(QObject* parent) : QObject(parent), job_(this) { }

void DisplayFilterJob::apply(std::shared_ptr<const AnalysedCapture> capture, std::shared_ptr<const DisplayFilter> filter, bool growing)
{
    job_.cancel();
    if (!capture || !filter || filter->empty()) {
        emit applied(nullptr, {});
        return;
    }
    if (growing) {
        emit applied(filter, filterFrames(*filter, *capture));
        return;
    }
    job_.start(
        [capture, filter](QPromise<std::vector<uint8_t>>& promise) {
            // Frame by frame, asking the promise every 64K frames whether it is still wanted.
            std::vector<uint8_t> shown;
            const size_t n = capture->packetCount();
            constexpr size_t kPiece = size_t(1) << 16;
            shown.reserve(n);
            for (size_t begin = 0; begin < n; begin += kPiece) {
                if (promise.isCanceled())
                    return;
                for (size_t f = begin; f < std::min(n, begin + kPiece); ++f)
                    shown.push_back(frameMatches(*filter, capture->file(), capture->tracker(), capture->protocols(), f) ? 1 : 0);
            }
            promise.addResult(std::move(shown));
        },
        [this, filter](std::vector<uint8_t> shown) { emit applied(filter, std::move(shown)); });
}
