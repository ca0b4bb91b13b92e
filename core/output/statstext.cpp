#include "output/statstext.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace synflow {

namespace {

const char* kRule = "================================================================================\n";

// nstime_to_sec: seconds and nanoseconds added as doubles, as tshark turns times into seconds.
double toSeconds(int64_t ns)
{
    int64_t s = ns / 1000000000, rest = ns % 1000000000;
    return double(s) + double(rest) / 1e9;
}

std::string sideText(ConversationType type, const StatsAddress& a, uint16_t port)
{
    std::string s = formatStatsAddress(a); // tshark writes IPv6 without brackets
    if (hasPorts(type))
        s += ':' + std::to_string(port);
    return s;
}

} // namespace

std::string tsharkSizeText(uint64_t bytes)
{
    // Decimal prefixes, a number below 10 000 kept whole.
    static const char* const prefix[] = {"k", "M", "G", "T", "P"};
    if (bytes < 10000)
        return std::to_string(bytes) + " bytes";
    uint64_t limit = 10000000, div = 1000;
    for (int p = 0; p < 4; ++p, limit *= 1000, div *= 1000)
        if (bytes < limit)
            return std::to_string(bytes / div) + ' ' + prefix[p] + 'B';
    return std::to_string(bytes / div) + " PB";
}

void appendConversationTable(std::string& out, ConversationType type, const std::vector<ConversationRow>& rows,
                             const std::string& filter, const std::function<void(std::string&)>& drain)
{
    const std::vector<uint32_t> order = tsharkConversationOrder(rows);
    appendConversationTable(
        out, type, order.size(), [&](size_t k) { return rows[order[k]]; }, filter, drain);
}

void appendConversationTable(std::string& out, ConversationType type, size_t count,
                             const std::function<ConversationRow(size_t)>& rowAt, const std::string& filter,
                             const std::function<void(std::string&)>& drain)
{
    const bool ports = hasPorts(type);
    const char* pad = ports ? "            " : "";
    out += kRule;
    out += conversationTypeTitle(type);
    out += " Conversations\nFilter:" + (filter.empty() ? std::string("<No Filter>") : filter) + "\n";
    out += pad;
    out += "                                               |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n";
    out += pad;
    out += "                                               | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n";
    for (size_t k = 0; k < count; ++k) {
        const ConversationRow r = rowAt(k);
        const std::string a = sideText(type, r.addrA, r.portA), b = sideText(type, r.addrB, r.portB);
        char line[512];
        std::snprintf(line, sizeof line, ports ? "%-26s <-> %-26s" : "%-20s <-> %-20s", a.c_str(), b.c_str());
        out += line;
        std::snprintf(line, sizeof line, "  %6llu %-9s  %6llu %-9s  %6llu %-9s  %14.9f   %12.4f\n",
                      static_cast<unsigned long long>(r.framesBtoA), tsharkSizeText(r.bytesBtoA).c_str(),
                      static_cast<unsigned long long>(r.framesAtoB), tsharkSizeText(r.bytesAtoB).c_str(),
                      static_cast<unsigned long long>(r.frames()), tsharkSizeText(r.bytes()).c_str(), toSeconds(r.startNs),
                      toSeconds(r.stopNs) - toSeconds(r.startNs));
        out += line;
        if (drain)
            drain(out);
    }
    out += kRule;
}

void appendEndpointTable(std::string& out, ConversationType type, const std::vector<EndpointRow>& rows,
                         const std::string& filter)
{
    const bool ports = hasPorts(type);
    out += kRule;
    out += conversationTypeTitle(type);
    out += " Endpoints\nFilter:" + (filter.empty() ? std::string("<No Filter>") : filter) + "\n";
    out += "                       |  ";
    out += ports ? "Port  ||  " : "";
    out += "Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n";
    for (uint32_t k : tsharkEndpointOrder(rows)) {
        const EndpointRow& e = rows[k];
        const std::string addr = formatStatsAddress(e.addr);
        char line[512];
        if (ports)
            std::snprintf(line, sizeof line, "%-20s      %5u     ", addr.c_str(), unsigned(e.port));
        else
            std::snprintf(line, sizeof line, "%-20s      ", addr.c_str());
        out += line;
        std::snprintf(line, sizeof line, "%6llu     %9llu     %6llu       %9llu      %6llu       %9llu   \n",
                      static_cast<unsigned long long>(e.frames()), static_cast<unsigned long long>(e.bytes()),
                      static_cast<unsigned long long>(e.txFrames), static_cast<unsigned long long>(e.txBytes),
                      static_cast<unsigned long long>(e.rxFrames), static_cast<unsigned long long>(e.rxBytes));
        out += line;
    }
    out += kRule;
}

} // namespace synflow

namespace synflow {

namespace {

// Digits of `v`, at least 1 and at most `maxWidth` (tshark caps widths this way).
int magnitude(uint64_t v, int maxWidth)
{
    int mag = 0;
    for (int i = 0; i < maxWidth; ++i) {
        ++mag;
        if ((v /= 10) == 0)
            break;
    }
    return mag;
}

template <typename... T>
void appendf(std::string& out, const char* format, T... values)
{
    char buf[512];
    const int n = std::snprintf(buf, sizeof buf, format, values...);
    if (n > 0)
        out.append(buf, std::min<size_t>(size_t(n), sizeof buf - 1));
}

// A label centred in a column `width` wide, as tshark's printcenter: too wide a column gets
// the bare label, wider still gets nothing.
void appendCentred(std::string& out, const char* label, int width)
{
    const int lenLab = int(std::strlen(label));
    const int len = 6 - ((width - lenLab) / 2 + 1);
    if (len > 0 && len < 6) {
        const std::string pad(size_t(6 - len), ' ');
        out += (width - lenLab) % 2 == 0 ? pad : pad + ' ';
        out += label;
        out += pad;
        out += '|';
    } else if (len > 0 && len <= 15) {
        out += label;
        out += '|';
    }
}

// tshark's column widths: FRAMES and bytes at least 6 and 5 digits, COUNT (and BYTES) at least
// 5, an integer function at least its name, a relative time its whole seconds and ".%06u".
struct IoWidth {
    int fr = 0, val = 0;
};
IoWidth ioColumnWidth(const IoColumn& c)
{
    switch (c.spec.function) {
    case IoFunction::FramesAndBytes: return {std::max(6, magnitude(c.maxFrames, 15)), std::max(5, magnitude(c.maxBytes, 15))};
    case IoFunction::Frames: return {std::max(6, magnitude(c.maxFrames, 15)), 0};
    case IoFunction::Bytes: return {0, std::max(5, magnitude(c.maxBytes, 15))};
    case IoFunction::Count: return {0, std::max(5, magnitude(c.maxCell, 15))};
    default: break;
    }
    if (c.spec.fieldType == FieldType::RelTime) {
        const uint64_t secs = c.spec.function == IoFunction::Avg ? c.maxCell : (c.maxCell + 500000000) / 1000000000;
        return {0, magnitude(secs, 15) + 7};
    }
    return {0, std::max(int(std::strlen(ioFunctionName(c.spec.function))), magnitude(c.maxCell, 15))};
}

void appendIoCell(std::string& out, const IoColumn& c, size_t row, int width)
{
    const auto u = [](uint64_t v) { return static_cast<unsigned long long>(v); };
    const uint64_t frames = row < c.frames.size() ? c.frames[row] : 0;
    const uint64_t bytes = row < c.bytes.size() ? c.bytes[row] : 0;
    switch (c.spec.function) {
    case IoFunction::FramesAndBytes: {
        const IoWidth w = ioColumnWidth(c);
        appendf(out, " %*llu | %*llu |", w.fr, u(frames), w.val, u(bytes));
        return;
    }
    case IoFunction::Frames: appendf(out, " %*llu |", width, u(frames)); return;
    case IoFunction::Bytes: appendf(out, " %*llu |", width, u(bytes)); return;
    default: break;
    }
    const int64_t v = c.tsharkValue(row);
    if (c.spec.function != IoFunction::Count && c.spec.fieldType == FieldType::RelTime) {
        const uint64_t us = (uint64_t(v) + 500) / 1000; // nanoseconds to rounded microseconds
        appendf(out, " %*u.%06u |", width - 7, unsigned(us / 1000000), unsigned(us % 1000000));
    } else if (c.spec.function != IoFunction::Count && c.spec.fieldType == FieldType::Int) {
        appendf(out, " %*lld |", width, static_cast<long long>(v));
    } else {
        appendf(out, " %*llu |", width, u(uint64_t(v)));
    }
}

} // namespace

// tshark 4.0's io,stat layout, quirks included: widths from the duration's digits (at most 5),
// a whole-second interval prints the duration's microseconds as %6u (so "5.  3877"), and the
// report starts with a blank line.
void appendIoStatTable(std::string& out, const IoStatistics& stats)
{
    uint64_t duration = uint64_t(std::max<int64_t>(stats.durationUs, 0));
    const uint64_t rawDuration = duration;
    const bool whole = stats.intervalUs <= 0 || uint64_t(stats.intervalUs) > duration;
    uint64_t interval = whole ? duration : uint64_t(stats.intervalUs);
    const int durMag = magnitude(duration / 1000000, 5);
    const int invlMag = magnitude(interval / 1000000, 5);
    int prec;
    int borderlen;
    if (interval == duration) {
        prec = durMag >= 2 ? 1 : durMag == 1 ? 3 : 6;
        borderlen = 30 + durMag + prec + 1;
    } else {
        prec = int(stats.intervalDecimals);
        borderlen = 24 + invlMag + (prec == 0 ? 0 : prec + 1);
    }
    uint64_t dv = 1000000;
    for (int i = 0; i < prec; ++i)
        dv /= 10;
    if (duration % dv > 5 * (dv / 10))
        duration = (duration + 5 * (dv / 10)) / dv * dv; // rounded up; a smaller rest stays as it is
    if (whole)
        interval = duration;
    const int rowMag = magnitude(duration / 1000000, 5);
    int invlColW = prec == 0 ? 2 * rowMag + 8 : 2 * rowMag + 2 * prec + 10;
    invlColW = std::max(invlColW, 12);
    borderlen = std::max(borderlen, invlColW);

    std::vector<IoWidth> widths; // fr alone for FRAMES, val alone for the other functions
    int tabrowW = invlColW;
    for (const IoColumn& c : stats.columns) {
        const IoWidth w = ioColumnWidth(c);
        tabrowW += (w.fr ? w.fr + 3 : 0) + (w.val ? w.val + 3 : 0);
        widths.push_back(w);
    }
    borderlen = std::max(borderlen, tabrowW);
    int maxFilterW = 0;
    for (const IoColumn& c : stats.columns)
        maxFilterW = std::max(maxFilterW, c.filter.empty() ? 26 : int(c.filter.size()) + 11);
    if (maxFilterW > borderlen && borderlen < 102)
        borderlen = std::min(maxFilterW, 102);
    if (borderlen - tabrowW == 1)
        ++borderlen;

    const auto spaces = [&](int skip) { return std::string(size_t(std::max(borderlen - skip, 0)), ' '); };
    out += '\n';
    out += std::string(size_t(borderlen), '=');
    out += "\n| IO Statistics" + spaces(16) + "|\n";
    out += "|" + spaces(2) + "|\n";
    char numFmt[32];
    if (prec == 0) {
        std::snprintf(numFmt, sizeof numFmt, "%%%du", durMag);
        out += "| Duration: ";
        appendf(out, numFmt, unsigned(rawDuration / 1000000));
        appendf(out, ".%6u secs", unsigned(rawDuration % 1000000));
        out += spaces(25 + durMag) + "|\n";
        out += "| Interval: ";
        appendf(out, numFmt, unsigned(interval / 1000000));
        out += " secs" + spaces(18 + durMag) + "|\n";
    } else {
        std::snprintf(numFmt, sizeof numFmt, "%%%du.%%0%du", durMag, prec);
        out += "| Duration: ";
        appendf(out, numFmt, unsigned(duration / 1000000), unsigned((duration % 1000000) / dv));
        out += " secs" + spaces(19 + durMag + prec) + "|\n";
        out += "| Interval: ";
        appendf(out, numFmt, unsigned(interval / 1000000), unsigned((interval % 1000000) / dv));
        out += " secs" + spaces(19 + durMag + prec) + "|\n";
    }
    out += "|" + spaces(2) + "|\n";
    for (size_t j = 0; j < stats.columns.size(); ++j) {
        appendf(out, j == 0 ? "| Col%2u: " : "|    %2u: ", unsigned(j + 1));
        const std::string& f = stats.columns[j].filter;
        if (f.empty())
            out += "Frames and bytes" + spaces(26) + "|\n";
        else
            out += f + spaces(int(f.size()) + 10) + "|\n";
    }
    out += "|-" + std::string(size_t(std::max(borderlen - 3, 0)), '-') + "|\n";

    const std::string filler = tabrowW < borderlen ? std::string(size_t(borderlen - tabrowW - 1), ' ') + "|" : std::string();
    out += "|" + std::string(size_t(invlColW - 2), ' ') + "|";
    for (size_t j = 0; j < widths.size(); ++j) {
        appendf(out, "%-2d", int(j + 1));
        const int pad = widths[j].fr && widths[j].val ? widths[j].fr + widths[j].val + 3 : widths[j].fr + widths[j].val;
        out += std::string(size_t(pad), ' ') + "|";
    }
    out += filler + "\n";
    out += "| Interval" + std::string(size_t(std::max(invlColW - 11, 0)), ' ') + "|";
    for (size_t j = 0; j < widths.size(); ++j) {
        const IoFunction fn = stats.columns[j].spec.function;
        if (fn == IoFunction::FramesAndBytes) {
            appendCentred(out, "Frames", widths[j].fr);
            appendCentred(out, "Bytes", widths[j].val);
        } else {
            appendCentred(out, ioFunctionName(fn), widths[j].fr + widths[j].val);
        }
    }
    out += filler + "\n|-" + std::string(size_t(std::max(tabrowW - 3, 0)), '-') + "|" + filler + "\n";

    if (prec == 0)
        std::snprintf(numFmt, sizeof numFmt, "%%%du", durMag);
    else
        std::snprintf(numFmt, sizeof numFmt, "%%%du.%%0%du", durMag, prec);
    uint64_t row = 0;
    for (uint64_t t = 0; t < duration; t += interval, ++row) {
        uint64_t end = t + interval;
        const bool last = end >= duration;
        if (last)
            end = duration;
        if (prec == 0) {
            out += durMag == 1 ? "|  " : "| ";
            appendf(out, numFmt, unsigned(t / 1000000));
            out += " <> ";
            if (last)
                appendf(out, "%-*s|", durMag >= 3 ? durMag + 1 : 3, "Dur");
            else {
                appendf(out, numFmt, unsigned(end / 1000000));
                out += durMag == 1 ? "  |" : " |";
            }
        } else {
            out += "| ";
            appendf(out, numFmt, unsigned(t / 1000000), unsigned((t % 1000000) / dv));
            out += " <> ";
            appendf(out, numFmt, unsigned(end / 1000000), unsigned((end % 1000000) / dv));
            out += " |";
        }
        for (size_t j = 0; j < widths.size(); ++j)
            appendIoCell(out, stats.columns[j], size_t(row), widths[j].fr + widths[j].val);
        out += filler + "\n";
        if (last)
            break;
    }
    out += std::string(size_t(borderlen), '=');
    out += '\n';
}

} // namespace synflow
