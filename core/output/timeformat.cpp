#include "output/timeformat.h"

#include <cstdio>
#include <ctime>

namespace synflow {

namespace {

constexpr uint32_t kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

// ".ddd" of `nsec`, truncated to `digits` (none for 0).
std::string fraction(uint32_t nsec, int digits)
{
    if (digits <= 0)
        return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, ".%0*u", digits, nsec / kPow10[9 - digits]);
    return buf;
}

} // namespace

int timeDigits(TimePrecision precision, uint8_t tsResol)
{
    switch (precision) {
    case TimePrecision::Seconds: return 0;
    case TimePrecision::Deciseconds: return 1;
    case TimePrecision::Centiseconds: return 2;
    case TimePrecision::Milliseconds: return 3;
    case TimePrecision::Microseconds: return 6;
    case TimePrecision::Nanoseconds: return 9;
    case TimePrecision::Auto: break;
    }
    // Decimal digits of the resolution; 2^-n is about n * log10(2) digits.
    const int digits = (tsResol & 0x80) ? ((tsResol & 0x7f) * 30103 + 99999) / 100000 : tsResol;
    if (digits <= 3)
        return digits;
    return digits <= 6 ? 6 : 9;
}

bool isRelative(TimeFormat format)
{
    return format == TimeFormat::SinceStart || format == TimeFormat::SincePrevious || format == TimeFormat::SincePreviousCaptured;
}

std::string formatAbsoluteTime(TimeFormat format, const Timestamp& t, int digits)
{
    char buf[64];
    if (format == TimeFormat::Epoch) {
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(t.sec));
        return buf + fraction(t.nsec, digits);
    }
    const bool utc = format == TimeFormat::UtcDateTime || format == TimeFormat::UtcYearDayTime || format == TimeFormat::UtcTimeOfDay;
    const time_t sec = time_t(t.sec);
    struct tm tm {};
    if (!(utc ? gmtime_r(&sec, &tm) : localtime_r(&sec, &tm)))
        return "Not representable";
    switch (format) {
    case TimeFormat::DateTime:
    case TimeFormat::UtcDateTime:
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                      tm.tm_min, tm.tm_sec);
        break;
    case TimeFormat::YearDayTime:
    case TimeFormat::UtcYearDayTime:
        std::snprintf(buf, sizeof buf, "%04d/%03d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_yday + 1, tm.tm_hour, tm.tm_min, tm.tm_sec);
        break;
    default:
        std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
        break;
    }
    return buf + fraction(t.nsec, digits);
}

std::string formatRelativeTime(int64_t ns, int digits)
{
    const bool negative = ns < 0;
    const uint64_t abs = negative ? uint64_t(0) - uint64_t(ns) : uint64_t(ns);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%llu", negative ? "-" : "", static_cast<unsigned long long>(abs / 1000000000u));
    return buf + fraction(uint32_t(abs % 1000000000u), digits);
}

} // namespace synflow
