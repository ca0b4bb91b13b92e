#pragma once
// Frames and bytes per time interval, one column per display filter (empty: every frame), as
// tshark's -z io,stat,INTERVAL,FILTER... counts them: times in microseconds since the first
// frame, intervals from 0, and (tshark's rule, kept for the CLI) a frame earlier than the
// latest interval a column has reached is not counted there.
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace synflow {

class AnalysedCapture;

struct IoColumn {
    std::string filter; // as given; empty counts every frame
    std::vector<uint64_t> frames, bytes; // per interval, from interval 0 to the last one reached
    std::vector<uint32_t> firstFrame;     // per interval: its first counted frame (0-based), UINT32_MAX none
    uint64_t maxFrames = 0, maxBytes = 0; // over its intervals
};

struct IoStatistics {
    int64_t intervalUs = 0;      // as asked (tshark's unit)
    int64_t durationUs = 0;      // last frame's time since the first, rounded to microseconds
    uint32_t intervalDecimals = 0; // decimals the interval was written with (tshark prints that many)
    std::vector<IoColumn> columns;
    bool complete = true;
};

struct IoOptions {
    // tshark skips a frame earlier than the latest interval its column has reached; the
    // window's graph counts it in its own interval instead.
    bool skipFramesInThePast = true;
};

// Parses an interval in seconds as tshark does ("1", "0.25", "0.001": at most 6 decimals,
// greater than zero after rounding to microseconds; "0" means the whole capture). False with
// a reason otherwise.
bool parseIoInterval(const std::string& text, int64_t& intervalUs, uint32_t& decimals, std::string& error);

// Compiles each filter (error names the one that fails) and counts the capture's frames.
bool computeIoStatistics(const AnalysedCapture& capture, int64_t intervalUs, uint32_t decimals,
                         const std::vector<std::string>& filters, IoStatistics& out, std::string& error,
                         const IoOptions& options = {}, const std::atomic<bool>* cancel = nullptr);

} // namespace synflow
