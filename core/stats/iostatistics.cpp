#include "stats/iostatistics.h"

#include "analysis/analysedcapture.h"
#include "filter/displayfilter.h"
#include "filter/filterfields.h"
#include "proto/pducontinuation.h"
#include "tcp/tcptracker.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace synflow {

namespace {

// tshark's relative time in microseconds: nanoseconds rounded half up.
int64_t microseconds(int64_t ns)
{
    const int64_t s = ns >= 0 ? ns / 1000000000 : -((-ns + 999999999) / 1000000000);
    const int64_t rest = ns - s * 1000000000;
    return s * 1000000 + (rest + 500) / 1000;
}

constexpr std::pair<const char*, IoFunction> kFunctions[] = {
    {"FRAMES", IoFunction::Frames}, {"BYTES", IoFunction::Bytes}, {"COUNT", IoFunction::Count}, {"SUM", IoFunction::Sum},
    {"MIN", IoFunction::Min},       {"MAX", IoFunction::Max},     {"AVG", IoFunction::Avg}};

bool takesField(IoFunction f) { return f != IoFunction::FramesAndBytes && f != IoFunction::Frames && f != IoFunction::Bytes; }

// What a column needs of one frame: whether it passes the filter, and the field's values.
struct ColumnReader {
    DisplayFilter filter;
    const Field* field = nullptr;
};

// One counted frame's occurrences of a function column's field, and tshark's width source.
void addFieldValues(IoColumn& col, size_t slot, bool first, const Field& field, const FilterInput& in)
{
    FieldValues values;
    field.read(filter::sourceOf(in), values);
    if (!values.empty()) {
        for (const FieldValue& v : values) {
            col.min[slot] = col.count[slot] == 0 ? v.n : std::min(col.min[slot], v.n);
            col.max[slot] = col.count[slot] == 0 ? v.n : std::max(col.max[slot], v.n);
            col.sum[slot] += v.n;
            ++col.count[slot];
        }
        ++col.fieldFrames[slot];
        if (first)
            col.firstHas[slot] = 1;
    }
    uint64_t cell = uint64_t(col.tsharkValue(slot));
    if (col.spec.function == IoFunction::Avg && col.spec.fieldType == FieldType::RelTime)
        cell = (cell + 500000000) / 1000000000; // tshark keeps whole seconds for this one
    col.maxCell = std::max(col.maxCell, cell);
}

} // namespace

const char* ioFunctionName(IoFunction f)
{
    for (const auto& [name, fn] : kFunctions)
        if (fn == f)
            return name;
    return "";
}

bool parseIoColumn(const std::string& text, IoColumnSpec& spec, std::string& error)
{
    spec = IoColumnSpec{};
    spec.text = text;
    spec.filter = text;
    for (const auto& [name, fn] : kFunctions) {
        const size_t n = std::strlen(name);
        if (text.compare(0, n, name) != 0 || text.size() <= n || text[n] != '(')
            continue;
        const size_t close = text.find(')', n + 1);
        if (close == std::string::npos) {
            error = "closing parenthesis missing from calculated expression '" + text + "'";
            return false;
        }
        spec.function = fn;
        spec.field = text.substr(n + 1, close - n - 1);
        spec.filter = text.substr(close + 1);
        if (!takesField(fn)) {
            if (!spec.field.empty()) {
                error = std::string(name) + " does not require or allow a field name within the parens";
                return false;
            }
            return true;
        }
        if (spec.field.empty()) {
            error = std::string("no field name given for ") + name + "(*)";
            return false;
        }
        std::string why;
        const Field* f = filter::bindField(spec.field, why);
        if (!f) {
            error = "there is no field named '" + spec.field + "'" + (why.empty() ? std::string() : " (" + why + ")");
            return false;
        }
        spec.fieldType = f->type;
        const bool integral = f->type == FieldType::Uint || f->type == FieldType::Int || f->type == FieldType::RelTime;
        if (fn != IoFunction::Count && !integral) {
            error = spec.field + " doesn't have integral values, so " + name + "(*) calculations are not supported on it";
            return false;
        }
        return true;
    }
    return true;
}

int64_t IoColumn::tsharkValue(size_t i) const
{
    if (i >= count.size())
        return 0;
    const bool any = count[i] > 0;
    const bool isSigned = spec.fieldType == FieldType::Int;
    switch (spec.function) {
    case IoFunction::Count: return int64_t(count[i]);
    case IoFunction::Sum: return sum[i];
    case IoFunction::Min:
        // tshark's cell starts at 0 and takes the first frame's value only when that frame has one.
        if (!any)
            return 0;
        if (firstHas[i])
            return min[i];
        return isSigned ? std::min<int64_t>(0, min[i]) : 0;
    case IoFunction::Max: return any ? (isSigned || spec.fieldType == FieldType::RelTime ? std::max<int64_t>(0, max[i]) : max[i]) : 0;
    case IoFunction::Avg: return any ? int64_t(uint64_t(sum[i]) / count[i]) : 0; // tshark divides unsigned
    default: return 0;
    }
}

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
                         const IoOptions& options, WorkControl* control)
{
    out = IoStatistics{};
    out.intervalUs = intervalUs;
    out.intervalDecimals = decimals;
    std::vector<ColumnReader> readers;
    const std::vector<std::string> names = filters.empty() ? std::vector<std::string>{std::string()} : filters;
    bool needsTcp = false, needsProtocol = false;
    for (const std::string& f : names) {
        IoColumn col;
        col.filter = f;
        if (!parseIoColumn(f, col.spec, error))
            return false;
        ColumnReader reader;
        std::string why;
        if (!reader.filter.compile(col.spec.filter, why)) {
            error = "display filter '" + col.spec.filter + "': " + why;
            return false;
        }
        if (takesField(col.spec.function))
            reader.field = filter::bindField(col.spec.field, why);
        const unsigned fieldNeeds = reader.field ? filter::filterNeeds(*reader.field) : 0;
        needsTcp = needsTcp || reader.filter.needsTcpAnalysis() || (fieldNeeds & 1);
        needsProtocol = needsProtocol || reader.filter.needsProtocol() || (fieldNeeds & 2);
        readers.push_back(std::move(reader));
        out.columns.push_back(std::move(col));
    }
    const bool plain = std::all_of(readers.begin(), readers.end(), [](const ColumnReader& r) { return r.filter.empty() && !r.field; });
    const CaptureFile& file = capture.file();
    const PacketIndex& index = file.index();
    const size_t n = std::min(index.size(), capture.packetCount());
    if (n == 0)
        return true;
    const int64_t t0 = index[0].tsNs;
    // 0 means one interval for the whole capture.
    const int64_t step = intervalUs > 0 ? intervalUs : INT64_MAX;
    // Every interval up to the last frame's is a row (tshark prints them all): a capture whose
    // clock jumps years ahead would ask for hundreds of millions of them at 1 s. Refused with the
    // figures instead of running out of memory (tshark aborts there).
    int64_t spanUs = 0;
    for (size_t i = 0; i < n; ++i)
        if (!(index[i].flags & RecordNoTimestamp))
            spanUs = std::max(spanUs, microseconds(nsBetween(index[i].tsNs, t0)));
    if (const uint64_t intervals = uint64_t(spanUs / step) + 1; intervals > kMaxIoIntervals) {
        error = "the capture spans " + std::to_string(spanUs / 1000000) + " s: " + std::to_string(intervals)
            + " intervals of this length are more than " + std::to_string(kMaxIoIntervals)
            + "; choose a longer interval (0: the whole capture)";
        return false;
    }
    if (control)
        control->setTotal(n);
    std::vector<int64_t> lastStart(out.columns.size(), 0);
    int64_t lastTimed = 0; // a record without a time (pcapng simple packet) counts where the one before it did
    for (size_t i = 0; i < n; ++i) {
        if (WorkControl::stopAt(control, i)) {
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
        // The frame as the filters and fields see it, made once for all the columns.
        DecodedPacket decoded;
        TcpPacketAnalysis analysis;
        ProtocolSummary summary;
        FilterInput in;
        if (!plain) {
            decoded = file.decode(i);
            in.number = i + 1;
            in.record = &rec;
            in.decoded = &decoded;
            in.timeRelativeNs = nsBetween(rec.tsNs, t0);
            if (capture.tracker() && decoded.transport == TransportLayer::Tcp && (needsTcp || needsProtocol)) {
                analysis = capture.tracker()->analysis(uint32_t(i), index, decoded);
                in.tcp = &analysis;
            }
            if (needsProtocol) {
                summary = summarizeFrame(decoded, rec, in.tcp, capture.protocols());
                in.protocol = summary.protocol;
            }
        }
        for (size_t c = 0; c < out.columns.size(); ++c) {
            if (!readers[c].filter.empty() && !readers[c].filter.matches(in))
                continue;
            IoColumn& col = out.columns[c];
            if (options.skipFramesInThePast && rel < lastStart[c])
                continue;
            const size_t slot = size_t(rel / step);
            if (slot >= col.frames.size()) {
                col.frames.resize(slot + 1, 0);
                col.bytes.resize(slot + 1, 0);
                col.firstFrame.resize(slot + 1, UINT32_MAX);
                if (readers[c].field) {
                    col.count.resize(slot + 1, 0);
                    col.fieldFrames.resize(slot + 1, 0);
                    col.sum.resize(slot + 1, 0);
                    col.min.resize(slot + 1, 0);
                    col.max.resize(slot + 1, 0);
                    col.firstHas.resize(slot + 1, 0);
                }
            }
            lastStart[c] = std::max<int64_t>(lastStart[c], int64_t(slot) * step);
            ++col.frames[slot];
            col.bytes[slot] += rec.origLen;
            const bool first = col.firstFrame[slot] == UINT32_MAX;
            if (first)
                col.firstFrame[slot] = uint32_t(i);
            col.maxFrames = std::max(col.maxFrames, col.frames[slot]);
            col.maxBytes = std::max(col.maxBytes, col.bytes[slot]);
            if (readers[c].field)
                addFieldValues(col, slot, first, *readers[c].field, in);
        }
    }
    if (out.complete)
        WorkControl::finished(control, n);
    return true;
}

} // namespace synflow
