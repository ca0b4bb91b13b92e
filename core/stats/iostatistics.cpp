#include "stats/iostatistics.h"

#include "analysis/analysedcapture.h"
#include "filter/displayfilter.h"

#include <algorithm>
#include <cstdlib>

namespace synflow {

namespace {

// tshark's relative time in microseconds: nanoseconds rounded half up.
int64_t microseconds(int64_t ns)
{
    const int64_t s = ns >= 0 ? ns / 1000000000 : -((-ns + 999999999) / 1000000000);
    const int64_t rest = ns - s * 1000000000;
    return s * 1000000 + (rest + 500) / 1000;
}

} // namespace

bool parseIoInterval(const std::string& text, int64_t& intervalUs, uint32_t& decimals, std::string& error)
{
    // Digits, at most one point, digits: checked whole, as the CLI checks every number.
    const size_t dot = text.find('.');
    const std::string whole = text.substr(0, dot);
    const std::string frac = dot == std::string::npos ? std::string() : text.substr(dot + 1);
    const auto digits = [](const std::string& s) { return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }); };
    if (text.empty() || !digits(whole) || !digits(frac) || (whole.empty() && frac.empty()) || whole.size() > 9 ||
        (dot != std::string::npos && frac.empty())) {
        error = "interval '" + text + "' is not a number of seconds";
        return false;
    }
    // tshark reads a double and rounds it to microseconds.
    const double seconds = std::strtod(text.c_str(), nullptr);
    if (seconds == 0) {
        intervalUs = 0; // the whole capture
        decimals = 0;
        return true;
    }
    intervalUs = int64_t(seconds * 1000000.0 + 0.5);
    if (intervalUs < 1) {
        error = "interval must be at least 0.000001 seconds, or 0 for the whole capture";
        return false;
    }
    // As many decimals as the microseconds need; "1.0" asks for one more than "1".
    decimals = 6;
    for (int64_t p = 10; p < 10000000 && intervalUs % p == 0; p *= 10)
        --decimals;
    if (decimals == 0 && !frac.empty())
        decimals = uint32_t(std::min<size_t>(frac.size(), 6));
    return true;
}

bool computeIoStatistics(const AnalysedCapture& capture, int64_t intervalUs, uint32_t decimals,
                         const std::vector<std::string>& filters, IoStatistics& out, std::string& error,
                         const IoOptions& options, const std::atomic<bool>* cancel)
{
    out = IoStatistics{};
    out.intervalUs = intervalUs;
    out.intervalDecimals = decimals;
    std::vector<DisplayFilter> compiled;
    const std::vector<std::string> names = filters.empty() ? std::vector<std::string>{std::string()} : filters;
    for (const std::string& f : names) {
        DisplayFilter df;
        std::string why;
        if (!df.compile(f, why)) {
            error = "display filter '" + f + "': " + why;
            return false;
        }
        compiled.push_back(std::move(df));
        IoColumn col;
        col.filter = f;
        out.columns.push_back(std::move(col));
    }
    const CaptureFile& file = capture.file();
    const PacketIndex& index = file.index();
    const size_t n = std::min(index.size(), capture.packetCount());
    if (n == 0)
        return true;
    const int64_t t0 = index[0].tsNs;
    // 0 means one interval for the whole capture.
    const int64_t step = intervalUs > 0 ? intervalUs : INT64_MAX;
    std::vector<int64_t> lastStart(out.columns.size(), 0);
    int64_t lastTimed = 0; // a record without a time (pcapng simple packet) counts where the one before it did
    for (size_t i = 0; i < n; ++i) {
        if ((i & 4095) == 0 && cancel && cancel->load(std::memory_order_relaxed)) {
            out.complete = false;
            break;
        }
        const PacketRecord& rec = index[i];
        int64_t rel = lastTimed;
        if (!(rec.flags & RecordNoTimestamp)) {
            rel = lastTimed = microseconds(nsBetween(rec.tsNs, t0));
            out.durationUs = std::max(out.durationUs, rel);
        }
        rel = std::max<int64_t>(rel, 0); // before the first frame: tshark counts it in the first interval
        for (size_t c = 0; c < out.columns.size(); ++c) {
            if (!compiled[c].empty() && !frameMatches(compiled[c], file, capture.tracker(), capture.protocols(), i))
                continue;
            IoColumn& col = out.columns[c];
            if (options.skipFramesInThePast && rel < lastStart[c])
                continue;
            const size_t slot = size_t(rel / step);
            if (slot >= col.frames.size()) {
                col.frames.resize(slot + 1, 0);
                col.bytes.resize(slot + 1, 0);
                col.firstFrame.resize(slot + 1, UINT32_MAX);
            }
            lastStart[c] = std::max<int64_t>(lastStart[c], int64_t(slot) * step);
            ++col.frames[slot];
            col.bytes[slot] += rec.origLen;
            if (col.firstFrame[slot] == UINT32_MAX)
                col.firstFrame[slot] = uint32_t(i);
            col.maxFrames = std::max(col.maxFrames, col.frames[slot]);
            col.maxBytes = std::max(col.maxBytes, col.bytes[slot]);
        }
    }
    return true;
}

} // namespace synflow
