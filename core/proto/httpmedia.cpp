#include "proto/httpmedia.h"

#include <cstdint>

namespace synflow {
namespace {

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

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

HttpMedia httpBodyMedia(std::string_view message)
{
    const size_t headerEnd = message.find("\r\n\r\n");
    if (headerEnd == std::string_view::npos)
        return HttpMedia::None;
    const size_t bodyBytes = message.size() - headerEnd - 4;
    HttpMedia media = HttpMedia::None;
    bool haveLength = false, encoded = false;
    uint64_t length = 0;
    size_t pos = message.find("\r\n") + 2; // past the request or status line
    while (pos < headerEnd) {
        size_t end = message.find("\r\n", pos);
        const std::string_view line = message.substr(pos, end - pos);
        pos = end + 2;
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        const std::string_view name = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
        if (equalsNoCase(name, "content-type")) {
            media = mediaOf(value);
        } else if (equalsNoCase(name, "content-length")) {
            haveLength = !value.empty();
            length = 0;
            for (char c : value) {
                if (c < '0' || c > '9' || length > (uint64_t(1) << 40)) {
                    haveLength = false;
                    break;
                }
                length = length * 10 + uint64_t(c - '0');
            }
        } else if (equalsNoCase(name, "content-encoding")) {
            encoded = !equalsNoCase(value, "identity");
        }
    }
    if (media == HttpMedia::None || bodyBytes == 0 || (haveLength && length == 0))
        return HttpMedia::None;
    // Bytes after the body start another message, which names the frame HTTP again.
    if (haveLength && bodyBytes > length)
        return HttpMedia::None;
    // A compressed body is only readable when it is all here.
    if (encoded && (!haveLength || bodyBytes < length))
        return HttpMedia::None;
    return media;
}

} // namespace synflow
