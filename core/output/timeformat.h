#pragma once
// The packet list's Time column as Wireshark's View → Time Display Format writes it: the
// format (tshark -t a|ad|adoy|d|dd|e|r|u|ud|udoy) and the precision (automatic: the
// capture's own, or fixed from seconds to nanoseconds). Fewer digits truncate, as Wireshark's.
#include "capture/captureinfo.h"

#include <cstdint>
#include <string>

namespace synflow {

enum class TimeFormat {
    SinceStart,             // r  seconds since the first packet (or the time reference)
    SincePrevious,          // dd since the previous displayed packet
    TimeOfDay,              // a  local
    UtcDateTime,            // ud
    DateTime,               // ad local
    YearDayTime,            // adoy local
    Epoch,                  // e
    SincePreviousCaptured,  // d
    UtcYearDayTime,         // udoy
    UtcTimeOfDay,           // u
};
inline constexpr int kTimeFormatCount = 10;

enum class TimePrecision { Auto, Seconds, Deciseconds, Centiseconds, Milliseconds, Microseconds, Nanoseconds };
inline constexpr int kTimePrecisionCount = 7;

// Decimals of a precision; Auto takes the interface's resolution (pcapng if_tsresol byte, 6 or 9
// for pcap) and, as Wireshark, shows 0, 1, 2, 3, 6 or 9 digits.
int timeDigits(TimePrecision precision, uint8_t tsResol);
bool isRelative(TimeFormat format); // counted from another packet, not a wall-clock time

// A wall-clock format (DateTime ... UtcTimeOfDay, Epoch) of time `t`, with `digits` decimals.
// Local formats use the process's time zone (TZ).
std::string formatAbsoluteTime(TimeFormat format, const Timestamp& t, int digits);
// A relative time of `ns` nanoseconds (may be negative), with `digits` decimals.
std::string formatRelativeTime(int64_t ns, int digits);

} // namespace synflow
