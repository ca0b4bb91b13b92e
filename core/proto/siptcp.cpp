#include "proto/siptcp.h"
#include "proto/asciicase.h"

#include <charconv>

namespace synflow {
namespace {

std::string_view firstLineOf(std::string_view text, bool& ended)
{
    const size_t end = text.find_first_of("\r\n");
    ended = end != std::string_view::npos;
    return text.substr(0, end);
}

} // namespace

bool startsSipMessage(std::string_view text)
{
    // A method or "SIP/2.0" starts with a letter (checked first: most data is no SIP).
    if (text.empty() || !((text[0] >= 'A' && text[0] <= 'Z') || (text[0] >= 'a' && text[0] <= 'z')))
        return false;
    bool ended = false;
    const std::string_view line = firstLineOf(text, ended);
    if (!ended)
        return false;
    if (line.starts_with("SIP/2.0 "))
        return true;
    // A method (a token), a space, the Request-URI, " SIP/2.0".
    const size_t space = line.find(' ');
    if (space == 0 || space == std::string_view::npos || !line.ends_with(" SIP/2.0") || line.size() < space + 10)
        return false;
    for (char c : line.substr(0, space))
        if (!(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-' && c != '.' && c != '_' && c != '!'
            && c != '%' && c != '*' && c != '+' && c != '`' && c != '\'' && c != '~')
            return false;
    return true;
}

uint32_t sipMessageLength(const uint8_t* p, size_t n, bool& needMore)
{
    needMore = false;
    const std::string_view text(reinterpret_cast<const char*>(p), n);
    if (!startsSipMessage(text))
        return 0;
    const size_t end = text.find("\r\n\r\n");
    if (end == std::string_view::npos) {
        needMore = true;
        return 0;
    }
    const std::string_view head = text.substr(0, end + 2);
    uint64_t body = 0;
    for (size_t at = head.find("\r\n"); at != std::string_view::npos && at + 2 < head.size(); at = head.find("\r\n", at + 2)) {
        const std::string_view line = head.substr(at + 2, head.find("\r\n", at + 2) - at - 2);
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        const std::string_view name = trimmedValue(line.substr(0, colon)), value = trimmedValue(line.substr(colon + 1));
        if (!equalsNoCase(name, "Content-Length") && !equalsNoCase(name, "l"))
            continue;
        std::from_chars(value.data(), value.data() + value.size(), body);
    }
    const uint64_t total = end + 4 + body;
    return total > UINT32_MAX ? UINT32_MAX : uint32_t(total);
}

} // namespace synflow
