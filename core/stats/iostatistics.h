#pragma once
// Frames and bytes per time interval, one column per display filter (empty: every frame), as
// tshark's -z io,stat,INTERVAL,FILTER... counts them: times in microseconds since the first
// frame, intervals from 0, and (tshark's rule, kept for the CLI) a frame earlier than the
// latest interval a column has reached is not counted there. A column may instead compute a
// function of a field over its frames, written as tshark takes it: "AVG(tcp.analysis.ack_rtt)tcp",
// COUNT, SUM, MIN, MAX, AVG (and FRAMES, BYTES alone).
#include "analysis/workcontrol.h"
#include "fields/field.h"

#include <cstdint>
#include <string>
#include <vector>

namespace synflow {

class AnalysedCapture;

enum class IoFunction : uint8_t { FramesAndBytes, Frames, Bytes, Count, Sum, Min, Max, Avg };

// One column's request, parsed from tshark's text.
struct IoColumnSpec {
    std::string text;        // as given (tshark prints it as the column's title)
    IoFunction function = IoFunction::FramesAndBytes;
    std::string field;       // of a function, e.g. tcp.analysis.ack_rtt
    FieldType fieldType = FieldType::None;
    std::string filter;      // the display filter part; empty counts every frame
};

// Parses "FILTER" or "FUNC(FIELD)FILTER" as tshark 4.0 does (a field only where the function
// takes one; SUM/MIN/MAX/AVG only on integer and relative-time fields). False with a reason.
bool parseIoColumn(const std::string& text, IoColumnSpec& spec, std::string& error);
const char* ioFunctionName(IoFunction f); // tshark's: "SUM", …; FramesAndBytes: ""

struct IoColumn {
    std::string filter; // the column's text as given; empty counts every frame
    IoColumnSpec spec;
    std::vector<uint64_t> frames, bytes; // per interval, from interval 0 to the last one reached
    std::vector<uint32_t> firstFrame;     // per interval: its first counted frame (0-based), UINT32_MAX none
    uint64_t maxFrames = 0, maxBytes = 0; // over its intervals
    // A function column, per interval: the field's occurrences, the frames that have it, and
    // the sum, least and greatest of its values (integers; nanoseconds for relative times);
    // firstHas: the interval's first counted frame has the field (tshark's MIN starts from it).
    std::vector<uint64_t> count, fieldFrames;
    std::vector<int64_t> sum, min, max;
    std::vector<uint8_t> firstHas;
    // tshark's width source for the column: the largest value its cell held after any frame
    // (for SUM/MIN/MAX/AVG of a relative time, nanoseconds; AVG of one: whole seconds).
    uint64_t maxCell = 0;

    // tshark's figure for interval `i` of a function column: MIN as tshark computes it (0 when
    // the interval's first frame lacks the field), AVG in whole units (relative times: in
    // nanoseconds), 0 for an interval with no occurrence.
    int64_t tsharkValue(size_t i) const;
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

// The most intervals one computation holds (each is a row of every column).
inline constexpr uint64_t kMaxIoIntervals = 10'000'000;

// Compiles each filter (error names the one that fails) and counts the capture's frames. Also
// false, with the figures, when the capture's time span holds more than kMaxIoIntervals. Stops
// early (complete = false) when `control` asks it to stop; `control` also hears how far it got.
bool computeIoStatistics(const AnalysedCapture& capture, int64_t intervalUs, uint32_t decimals,
                         const std::vector<std::string>& filters, IoStatistics& out, std::string& error,
                         const IoOptions& options = {}, WorkControl* control = nullptr);

} // namespace synflow
