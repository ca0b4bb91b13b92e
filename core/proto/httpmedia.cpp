#include "proto/httpmedia.h"
#include "proto/asciicase.h"

#include <algorithm>
#include <cstdint>

namespace synflow {
namespace {

bool endsWithNoCase(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && equalsNoCase(s.substr(s.size() - suffix.size()), suffix);
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

HttpMedia mediaOf(std::string_view type)
{
    type = trim(type.substr(0, type.find(';')));
    if (equalsNoCase(type, "text/xml") || equalsNoCase(type, "application/xml")
        || (type.size() > 16 && equalsNoCase(type.substr(0, 12), "application/") && endsWithNoCase(type, "+xml")))
        return HttpMedia::Xml;
    if (equalsNoCase(type, "application/json")
        || (type.size() > 17 && equalsNoCase(type.substr(0, 12), "application/") && endsWithNoCase(type, "+json")))
        return HttpMedia::Json;
    if (equalsNoCase(type, "application/ocsp-request"))
        return HttpMedia::OcspRequest;
    if (equalsNoCase(type, "application/ocsp-response"))
        return HttpMedia::OcspResponse;
    return HttpMedia::None;
}

} // namespace

namespace {

struct MessageHead {
    bool complete = false;     // the header ends in the message
    bool partial = false;      // 206 Partial Content: a range of a body, never handed to its media type
    std::string_view type;     // Content-Type without parameters
    bool haveLength = false, encoded = false, chunked = false;
    uint64_t length = 0;
    std::string_view body;     // the body bytes present
};

MessageHead readHead(std::string_view message)
{
    MessageHead h;
    const size_t headerEnd = httpHeaderEnd(message, true);
    if (headerEnd == std::string_view::npos)
        return h;
    h.complete = true;
    h.body = message.substr(headerEnd);
    h.partial = message.starts_with("HTTP/1.") && message.substr(message.find(' ') + 1, 4) == "206 ";
    size_t length = 0;
    size_t pos = httpLineEnd(message, 0, length, true); // past the request or status line
    while (pos < headerEnd) {
        const size_t end = httpLineEnd(message, pos, length, true);
        const std::string_view line = message.substr(pos, length);
        pos = end;
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        const std::string_view name = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
        if (equalsNoCase(name, "content-type")) {
            h.type = trim(value.substr(0, value.find(';')));
        } else if (equalsNoCase(name, "content-length")) {
            h.haveLength = !value.empty();
            h.length = 0;
            for (char c : value) {
                if (c < '0' || c > '9' || h.length > (uint64_t(1) << 40)) {
                    h.haveLength = false;
                    break;
                }
                h.length = h.length * 10 + uint64_t(c - '0');
            }
        } else if (equalsNoCase(name, "content-encoding")) {
            h.encoded = !equalsNoCase(value, "identity");
        } else if (equalsNoCase(name, "transfer-encoding")) {
            h.chunked = equalsNoCase(value, "chunked");
        }
    }
    return h;
}

// The body is handed to a media dissector: some of it is here, no other message follows it,
// and a compressed one is whole.
bool bodyHandedOn(const MessageHead& h)
{
    if (!h.complete || h.partial || h.type.empty() || h.body.empty() || (h.haveLength && h.length == 0))
        return false;
    if (h.haveLength && h.body.size() > h.length)
        return false;
    // A chunked body whose first chunk is the last (size 0) holds no data to hand on.
    if (h.chunked) {
        const size_t digits = h.body.find_first_not_of('0');
        if (digits != 0 && digits != std::string_view::npos && (h.body[digits] == '\r' || h.body[digits] == ';'))
            return false;
    }
    // A compressed body is readable only whole: all its bytes, or its last chunk.
    const bool whole = h.chunked ? h.body.ends_with("0\r\n\r\n") : h.haveLength && h.body.size() >= h.length;
    return !(h.encoded && !whole);
}

} // namespace

size_t httpLineEnd(std::string_view text, size_t from, size_t& lineLength, bool crAtEndEnds)
{
    const size_t eol = text.find_first_of("\r\n", from);
    if (eol == std::string_view::npos)
        return std::string_view::npos;
    lineLength = eol - from;
    if (text[eol] == '\r') {
        if (eol + 1 == text.size())
            return crAtEndEnds ? eol + 1 : std::string_view::npos;
        if (text[eol + 1] == '\n')
            return eol + 2;
    }
    return eol + 1;
}

size_t httpHeaderEnd(std::string_view text, bool crAtEndEnds)
{
    size_t length = 0;
    for (size_t pos = 0; pos < text.size();) {
        const size_t next = httpLineEnd(text, pos, length, crAtEndEnds);
        if (next == std::string_view::npos || length == 0)
            return next;
        pos = next;
    }
    return std::string_view::npos;
}

namespace {

// Where a chunked body that starts at `pos` ends: each chunk's size line (hex, up to a ';'), its
// data and line end; after the last (size 0), trailer lines up to an empty one. A body that does
// not end in the bytes: npos.
size_t chunkedEnd(std::string_view message, size_t pos)
{
    size_t length = 0;
    while (pos < message.size()) {
        const size_t next = httpLineEnd(message, pos, length, true);
        if (next == std::string_view::npos || length == 0)
            return std::string_view::npos;
        uint64_t size = 0;
        for (char c : message.substr(pos, length)) {
            const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0 || size > (uint64_t(1) << 40))
                break;
            size = size * 16 + uint64_t(digit);
        }
        pos = next;
        if (size == 0) { // the last chunk: trailer lines, then the empty line
            while (pos < message.size()) {
                const size_t end = httpLineEnd(message, pos, length, true);
                if (end == std::string_view::npos)
                    return std::string_view::npos;
                pos = end;
                if (length == 0)
                    return pos;
            }
            return std::string_view::npos;
        }
        if (size + 2 > message.size() - pos)
            return std::string_view::npos;
        pos += size_t(size) + 2; // its data, then CR LF
    }
    return std::string_view::npos;
}

} // namespace

HttpMessageRead httpMessageRead(std::string_view message)
{
    // Its lines as the header loop reads them (a line the bytes end in ends there), until the
    // empty line, or a line that is no header (no colon), which is left for the next message.
    size_t length = 0;
    size_t pos = httpLineEnd(message, 0, length, true);
    if (pos == std::string_view::npos)
        return {message.size(), false};
    bool haveLength = false, chunked = false, headerEnded = false;
    uint64_t contentLength = 0;
    while (pos < message.size()) {
        const size_t next = httpLineEnd(message, pos, length, true);
        if (next == std::string_view::npos) // a last line without its end: read past it unless a header
            return {message.size(), message.find(':', pos) == std::string_view::npos};
        const std::string_view line = message.substr(pos, length);
        if (line.empty()) {
            pos = next;
            headerEnded = true;
            break;
        }
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            break;
        const std::string_view name = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
        if (equalsNoCase(name, "content-length")) {
            haveLength = !value.empty();
            contentLength = 0;
            for (char c : value)
                if (c < '0' || c > '9' || contentLength > (uint64_t(1) << 40)) {
                    haveLength = false;
                    break;
                } else {
                    contentLength = contentLength * 10 + uint64_t(c - '0');
                }
        } else if (equalsNoCase(name, "transfer-encoding")) {
            chunked = equalsNoCase(value, "chunked");
        }
        pos = next;
    }
    if (chunked) {
        const size_t end = chunkedEnd(message, pos);
        return {end == std::string_view::npos ? message.size() : end, false, end != std::string_view::npos};
    }
    if (haveLength)
        return {pos + size_t(std::min<uint64_t>(contentLength, message.size() - pos)), false,
                contentLength <= message.size() - pos};
    if (!message.starts_with("HTTP/1."))
        return {pos, false, headerEnded}; // a request without a length has no body
    const size_t sp = message.find(' ');
    const std::string_view code = sp == std::string_view::npos ? std::string_view() : message.substr(sp + 1, 3);
    const bool none = code.starts_with('1') || code == "204" || code == "304";
    return {none ? pos : message.size(), false, headerEnded && none};
}

HttpMedia httpBodyMedia(std::string_view message)
{
    const MessageHead h = readHead(message);
    return bodyHandedOn(h) ? mediaOf(h.type) : HttpMedia::None;
}

std::string httpBodyMediaName(std::string_view message)
{
    const MessageHead h = readHead(message);
    if (!bodyHandedOn(h) || mediaOf(h.type) != HttpMedia::None)
        return {};
    // Image dissectors name themselves; any other media type is named as sent, in lower case.
    for (std::string_view jpeg : {"image/jpeg", "image/jpg", "image/jpe", "image/pjpeg"})
        if (equalsNoCase(h.type, jpeg))
            return "JPEG JFIF image";
    if (equalsNoCase(h.type, "image/png"))
        return "PNG";
    if (equalsNoCase(h.type, "application/octet-stream"))
        return {}; // tshark's media table hands this type to data, which names nothing
    if (equalsNoCase(h.type, "image/gif") && h.body.size() >= 6 && !h.encoded)
        return std::string(h.body.substr(0, 6));
    std::string name(h.type);
    for (char& c : name)
        c = asciiLower(c);
    return name;
}

} // namespace synflow
