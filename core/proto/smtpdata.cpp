#include "proto/smtpdata.h"
#include "proto/asciicase.h"

#include "output/textformat.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace synflow {
namespace {

// A header block: each field's name and raw value (continuation lines kept, with their CRLF),
// and where the body begins.
struct Fields {
    std::vector<std::pair<std::string_view, std::string_view>> fields;
    size_t body = 0;
};

Fields readFields(std::string_view m)
{
    Fields f;
    size_t at = 0;
    while (at < m.size()) {
        size_t eol = m.find("\r\n", at);
        if (eol == std::string_view::npos)
            eol = m.size();
        if (eol == at) { // the blank line: the body follows (with no fields, it is the body's first line)
            f.body = f.fields.empty() ? at : eol + 2;
            return f;
        }
        // A field runs on over lines that start with a space or a tab.
        size_t end = eol;
        while (end + 2 < m.size() && (m[end + 2] == ' ' || m[end + 2] == '\t')) {
            const size_t next = m.find("\r\n", end + 2);
            end = next == std::string_view::npos ? m.size() : next;
        }
        const std::string_view field = m.substr(at, end - at);
        const size_t colon = field.find(':');
        const std::string_view name = field.substr(0, colon);
        if (colon == std::string_view::npos || name.empty()
            || std::any_of(name.begin(), name.end(), [](char c) { return uint8_t(c) <= ' ' || uint8_t(c) > '~'; })) {
            f.body = at; // not a field: the body starts here (with no fields, it is all body)
            return f;
        }
        std::string_view value = field.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        f.fields.emplace_back(name, value);
        at = end + 2;
    }
    f.body = m.size();
    return f;
}

std::string_view fieldValue(const Fields& f, std::string_view name)
{
    for (const auto& [n, v] : f.fields)
        if (equalsNoCase(n, name))
            return v;
    return {};
}

// A Content-Type's media type as written ("TEXT/HTML"), and its boundary parameter.
std::string_view mediaType(std::string_view contentType)
{
    return trimmedValue(contentType.substr(0, contentType.find(';')));
}

std::string boundaryOf(std::string_view contentType)
{
    for (size_t at = contentType.find(';'); at != std::string_view::npos; at = contentType.find(';', at + 1)) {
        std::string_view param = trimmedValue(contentType.substr(at + 1, contentType.find(';', at + 1) - at - 1));
        if (param.size() > 9 && equalsNoCase(param.substr(0, 9), "boundary=")) {
            param.remove_prefix(9);
            if (param.size() >= 2 && param.front() == '"' && param.back() == '"')
                param = param.substr(1, param.size() - 2);
            return std::string(param);
        }
    }
    return {};
}

bool isText(std::string_view type)
{
    return type.size() > 5 && equalsNoCase(type.substr(0, 5), "text/");
}

} // namespace

std::string imfInfo(std::string_view m)
{
    std::string info;
    const Fields f = readFields(m);
    for (const auto& [name, value] : f.fields)
        for (const char* shown : {"from", "subject"})
            if (equalsNoCase(name, shown)) {
                info += shown;
                info += ": ";
                appendEscapedText(info, value);
                info += ", ";
            }
    const std::string_view type = mediaType(fieldValue(f, "content-type"));
    const std::string_view body = m.substr(std::min(f.body, m.size()));
    if (isText(type)) {
        info += " (" + std::string(type) + ")";
        return info;
    }
    if (type.size() > 10 && equalsNoCase(type.substr(0, 10), "multipart/")) {
        // Each part's text type; parts of other types name nothing here.
        const std::string boundary = "--" + boundaryOf(fieldValue(f, "content-type"));
        if (boundary.size() > 2)
            for (size_t at = body.find(boundary); at != std::string_view::npos;) {
                const size_t start = body.find("\r\n", at);
                if (start == std::string_view::npos || body.substr(at + boundary.size(), 2) == "--")
                    break;
                const size_t next = body.find(boundary, start);
                const std::string_view part = body.substr(start + 2, next == std::string_view::npos ? std::string_view::npos : next - start - 2);
                const std::string_view partType = mediaType(fieldValue(readFields(part), "content-type"));
                if (isText(partType))
                    info += " (" + std::string(partType) + ")";
                at = next;
            }
        return info;
    }
    // No text type: IMF shows the body's lines.
    for (size_t at = 0; at < body.size();) {
        size_t eol = body.find("\r\n", at);
        if (eol == std::string_view::npos)
            eol = body.size();
        if (!info.empty())
            info += ", ";
        appendEscapedText(info, body.substr(at, eol - at));
        info += "  ";
        at = eol + 2;
    }
    return info;
}

void SmtpMessages::learn(uint32_t stream, uint64_t frameKey, const uint8_t* p, size_t n, size_t reported)
{
    const std::string_view segment(reinterpret_cast<const char*>(p), n);
    State& st = states_[stream];
    if (!st.reading) {
        // The DATA command (on a line of its own) starts the message with the next segment.
        for (size_t at = 0; at < segment.size();) {
            size_t eol = segment.find('\n', at);
            std::string_view line = segment.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol - at);
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            if (equalsNoCase(line, "DATA")) {
                st.reading = true;
                st.lineEnded = true;
            }
            at = eol == std::string_view::npos ? segment.size() : eol + 1;
        }
        if (!st.reading)
            states_.erase(stream);
        return;
    }
    // The line "." ends the message: within the segment, or at its start when the segment before
    // ended its line (what the capture showed of it).
    const bool ends = (st.lineEnded && segment.starts_with(".\r\n")) || segment.find("\r\n.\r\n") != std::string_view::npos;
    st.lineEnded = n == reported && segment.ends_with("\r\n");
    if (n == reported && st.message.size() < kKeptMax) // SMTP's reassembly keeps nothing of a segment the capture cut
        st.message.append(segment.substr(0, kKeptMax - st.message.size()));
    SmtpDataRow row;
    const std::string_view m = st.message;
    if (ends) {
        row.ends = true;
        const size_t dot = m.ends_with("\r\n.\r\n") ? m.size() - 5 : m.ends_with(".\r\n") ? m.size() - 3 : m.size();
        row.info = imfInfo(m.substr(0, dot));
        states_.erase(stream);
    } else {
        row.info = "C: DATA fragment, " + std::to_string(reported) + " bytes";
    }
    rows_[frameKey] = std::move(row);
}

} // namespace synflow
