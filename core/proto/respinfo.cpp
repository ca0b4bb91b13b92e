#include "proto/respinfo.h"

#include <charconv>
#include <string_view>

namespace synflow {

namespace {

// Bytes tshark shows as a bulk string's text: under 100 of them, all ASCII (UTF-8 is not).
bool shownAsText(std::string_view s)
{
    if (s.size() >= 100)
        return false;
    for (const char c : s)
        if (uint8_t(c) >= 0x80)
            return false;
    return true;
}

class Parser {
public:
    Parser(const uint8_t* p, size_t n) : s_(reinterpret_cast<const char*>(p), n) {}
    bool done() const { return at_ >= s_.size(); }

    // One item from `at_`; `text` empty with `shown` false for a null or empty array. False
    // when the item runs past the segment.
    bool item(std::string& text, bool& shown, bool request)
    {
        shown = true;
        const size_t eol = s_.find("\r\n", at_);
        if (eol == s_.npos)
            return false;
        const char type = s_[at_];
        const std::string_view line = s_.substr(at_ + 1, eol - at_ - 1);
        const size_t next = eol + 2;
        long long value = 0;
        const bool number = std::from_chars(line.data(), line.data() + line.size(), value).ec == std::errc();
        switch (type) {
        case '+': text = std::string(line); at_ = next; return true;
        case '-': text = "Error: " + std::string(line); at_ = next; return true;
        case ':': text = std::string(line); at_ = next; return true;
        case '$': {
            if (!number || value < 0) {
                shown = false;
                at_ = next;
                return true;
            }
            if (next + size_t(value) + 2 > s_.size())
                return false;
            const std::string_view data = s_.substr(next, size_t(value));
            // A request's argument that is not text is left out; a reply's is named by its size.
            if (request && !shownAsText(data) && data.size() < 100)
                shown = false;
            text = shownAsText(data) ? std::string(data) : "BulkString(" + std::to_string(value) + ")";
            at_ = next + size_t(value) + 2;
            return true;
        }
        case '*': {
            at_ = next;
            if (!number || value <= 0) {
                shown = false;
                return true;
            }
            std::string joined;
            bool any = false;
            for (long long k = 0; k < value; ++k) {
                std::string element;
                bool elementShown = false;
                if (!item(element, elementShown, request))
                    return false;
                if (!elementShown)
                    continue;
                joined += any ? " " + element : element;
                any = true;
            }
            text = request ? joined : "Array(" + std::to_string(value) + ")";
            shown = request ? any : true;
            return true;
        }
        default: // an inline command or a type tshark does not know: a line of its own
            text = "[fragment]";
            shown = eol > at_; // an empty line is passed over
            at_ = next;
            return true;
        }
    }

private:
    std::string_view s_;
    size_t at_ = 0;
};

} // namespace

std::string respInfo(const uint8_t* p, size_t n, bool fromServer)
{
    std::string info = fromServer ? "Response:" : "Request:";
    Parser parser(p, n);
    while (!parser.done()) {
        std::string text;
        bool shown = false;
        if (!parser.item(text, shown, !fromServer))
            break;
        if (shown)
            info += " " + text;
    }
    return info;
}

} // namespace synflow
