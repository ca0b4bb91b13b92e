#include "proto/memcacheinfo.h"

#include "output/exceptiontext.h"
#include "output/textformat.h"

#include <algorithm>
#include <string>
#include <string_view>

namespace synflow {

namespace {

// The words tshark's memcache reads as a request's command or a reply's first word.
bool knownWord(std::string_view w)
{
    static constexpr std::string_view words[] = {"OK", "END", "STAT", "VALUE", "EXISTS", "STORED", "VERSION", "DELETED",
                                                 "NOT_FOUND", "NOT_STORED", "get", "set", "add", "cas", "gets", "incr",
                                                 "decr", "quit", "stats", "append", "delete", "replace", "prepend",
                                                 "version", "flush_all"};
    for (std::string_view k : words)
        if (w == k)
            return true;
    return false;
}

// The n-th word (1-based) of a line, as a count of bytes; false when it is not one.
bool wordNumber(std::string_view line, int nth, uint64_t& value)
{
    size_t at = 0;
    for (int k = 1;; ++k) {
        at = line.find_first_not_of(' ', at);
        if (at == std::string_view::npos)
            return false;
        const size_t end = std::min(line.find(' ', at), line.size());
        if (k == nth) {
            const std::string_view w = line.substr(at, end - at);
            if (w.empty() || w.size() > 10 || w.find_first_not_of("0123456789") != std::string_view::npos)
                return false;
            value = std::stoull(std::string(w));
            return true;
        }
        at = end;
    }
}

size_t wordCount(std::string_view line)
{
    size_t words = 0;
    for (size_t at = line.find_first_not_of(' '); at != std::string_view::npos; at = line.find_first_not_of(' ', at)) {
        ++words;
        at = line.find(' ', at);
        if (at == std::string_view::npos)
            break;
    }
    return words;
}

// Where tshark's reading of a cut message stops without an exception: a storage command
// without all its numbers or its line's CRLF, VALUE without its numbers, incr/decr without key
// and value, a STAT line without its value.
bool givesUp(std::string_view word, std::string_view text)
{
    const std::string_view line = text.substr(0, std::min(text.find_first_of("\r\n"), text.size()));
    const size_t words = wordCount(line);
    const bool lineEnded = text.substr(line.size(), 2) == "\r\n";
    if (word == "set" || word == "add" || word == "replace" || word == "append" || word == "prepend")
        return words < 5 || !lineEnded;
    if (word == "cas")
        return words < 6 || !lineEnded;
    if (word == "incr" || word == "decr")
        return words < 3;
    if (word == "VALUE") { // its numbers, its data block, then another VALUE or END
        uint64_t bytes = 0;
        if (words < 4 || !wordNumber(line, 4, bytes))
            return true;
        const size_t next = line.size() + 2 + size_t(bytes) + 2;
        if (next >= text.size())
            return false;
        const std::string_view after = text.substr(next);
        const std::string_view w = after.substr(0, std::min(after.find_first_of(" \r\n"), after.size()));
        return w != "VALUE" && w != "END";
    }
    if (word != "STAT")
        return false;
    for (size_t at = 0; at < text.size();) { // each STAT line must hold a name and a value
        const size_t eol = std::min(text.find('\n', at), text.size());
        std::string_view l = text.substr(at, eol - at);
        if (!l.empty() && l.back() == '\r')
            l.remove_suffix(1);
        if (l == "END")
            return false;
        if (wordCount(l) < 3)
            return true;
        at = eol + 1;
    }
    return false;
}

} // namespace

size_t memcacheMessageLength(const uint8_t* p, size_t n, bool& needMore)
{
    needMore = false;
    const std::string_view text(reinterpret_cast<const char*>(p), n);
    const size_t eol = text.find('\n');
    const std::string_view word = text.substr(0, std::min(text.find_first_of(" \r\n"), n));
    if (!knownWord(word))
        return n;
    if (eol == std::string_view::npos) {
        needMore = true;
        return 0;
    }
    const std::string_view line = text.substr(0, eol > 0 && text[eol - 1] == '\r' ? eol - 1 : eol);
    static constexpr std::string_view withData[] = {"set", "add", "cas", "replace", "append", "prepend"};
    int nth = word == "VALUE" ? 4 : 0;
    for (std::string_view w : withData)
        if (word == w)
            nth = 5;
    uint64_t bytes = 0;
    if (nth == 0 || !wordNumber(line, nth, bytes))
        return n;
    return eol + 1 + size_t(bytes) + 2;
}

std::string memcacheInfo(const uint8_t* p, size_t n, size_t reported)
{
    const std::string_view text(reinterpret_cast<const char*>(p), n);
    // The first line: to the CR or LF that ends it, or all that was captured.
    size_t end = text.find_first_of("\r\n");
    const std::string_view line = text.substr(0, end == std::string_view::npos ? n : end);
    const std::string_view word = line.substr(0, line.find(' '));
    std::string info = "MEMCACHE Continuation";
    if (knownWord(word)) {
        info.clear();
        appendEscapedText(info, line);
        info += ' ';
    }
    // A message takes all the captured bytes; when the capture cut the segment, memcache reads
    // on for another past them (a continuation, then the exception), unless the first one's
    // reading already gave up on a line that lacks its words.
    if (n < reported && !givesUp(word, text))
        info += std::string("MEMCACHE Continuation") + kSizeLimited;
    return info;
}

} // namespace synflow
