#include "proto/httpmessage.h"
#include "proto/asciicase.h"
#include "proto/entityinflate.h"
#include "proto/imagemedia.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <vector>

namespace synflow {
namespace {

constexpr size_t npos = std::string_view::npos;

bool isSpace(char c) // C's isspace in the C locale, as GLib's g_ascii_isspace
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

std::string_view skipBlanks(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    return s;
}

// The methods tshark's HTTP knows (is_http_request_or_reply), compared with case.
constexpr std::string_view kMethods[] = {
    "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL", "TRACE", "PATCH", "LABEL",
    "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN",
    "PROPFIND", "CHECKOUT", "CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT",
    "MKACTIVITY", "MKWORKSPACE", "RPC_CONNECT", "RPC_IN_DATA", "UNSUBSCRIBE", "RPC_OUT_DATA", "VERSION-CONTROL",
    "BASELINE-CONTROL", "SSTP_DUPLEX_POST"};

bool isMethod(std::string_view token)
{
    return std::find(std::begin(kMethods), std::end(kMethods), token) != std::end(kMethods);
}

enum class FirstLine { None, Request, Notification, Response };

FirstLine firstLineKind(std::string_view p)
{
    if (p.starts_with("M-"))
        p.remove_prefix(2);
    if (p.starts_with("HTTP/") || p.starts_with("ICY"))
        return FirstLine::Response;
    // The method is all before the first space; a line that ends after it is a request too.
    const size_t end = p.find_first_of(" \r\n");
    if (end == npos || !isMethod(p.substr(0, end)))
        return FirstLine::None;
    const std::string_view method = p.substr(0, end);
    return method == "NOTIFY" || method == "SUBSCRIBE" || method == "UNSUBSCRIBE" ? FirstLine::Notification
                                                                                 : FirstLine::Request;
}

// A reply's status code: the second token's three digits (0 if none).
int statusCode(std::string_view message)
{
    const size_t sp = message.find(' ');
    if (sp == npos || sp + 4 > message.size())
        return 0;
    int code = 0;
    for (size_t i = sp + 1; i < sp + 4; ++i) {
        if (message[i] < '0' || message[i] > '9')
            return 0;
        code = code * 10 + (message[i] - '0');
    }
    return code;
}

bool bodyless(int status)
{
    return status / 100 == 1 || status == 204 || status == 304;
}

} // namespace

bool isHttpPort(uint16_t a, uint16_t b)
{
    for (uint16_t port : {80, 3128, 3132, 5985, 8080, 8088, 11371, 1900, 2869, 2710, 3689, 631})
        if (a == port || b == port)
            return true;
    return false;
}

bool httpHeuristicLine(std::string_view text)
{
    const size_t eol = text.find_first_of("\r\n");
    if (eol == npos || eol == 8)
        return false;
    const auto httpAt = [&](size_t at) { return at + 7 <= text.size() && equalsNoCase(text.substr(at, 7), "HTTP/1."); };
    return httpAt(0) || (eol > 8 && httpAt(eol - 8));
}

bool startsHttpMessage(std::string_view p)
{
    return firstLineKind(p) != FirstLine::None;
}

bool isHttpRequest(std::string_view message)
{
    const FirstLine kind = firstLineKind(message);
    return kind == FirstLine::Request || kind == FirstLine::Notification;
}

bool isHttpMethodAlone(std::string_view p)
{
    return isMethod(p.starts_with("M-") ? p.substr(2) : p);
}

size_t httpLineEnd(std::string_view text, size_t from, size_t& lineLength, bool crAtEndEnds)
{
    const size_t eol = text.find_first_of("\r\n", from);
    if (eol == npos)
        return npos;
    lineLength = eol - from;
    if (text[eol] == '\r') {
        if (eol + 1 == text.size())
            return crAtEndEnds ? eol + 1 : npos;
        if (text[eol + 1] == '\n')
            return eol + 2;
    }
    return eol + 1;
}

bool httpLineEnds(std::string_view p)
{
    size_t length = 0;
    return httpLineEnd(p, 0, length) != npos;
}

size_t httpHeaderEnd(std::string_view text, bool crAtEndEnds)
{
    size_t length = 0;
    for (size_t pos = 0; pos < text.size();) {
        const size_t next = httpLineEnd(text, pos, length, crAtEndEnds);
        if (next == npos || length == 0)
            return next;
        pos = next;
    }
    return npos;
}

// ---- The reassembly's reading (req_resp_hdrs_do_reassembly) ----

namespace {

// "Content-Length:"'s value as the reassembly takes it: stripped of white space, a whole number
// of at most 31 bits. An invalid value leaves an earlier valid one's presence but not its length.
void reassemblyLength(std::string_view value, bool& found, uint64_t& length)
{
    while (!value.empty() && isSpace(value.front()))
        value.remove_prefix(1);
    while (!value.empty() && isSpace(value.back()))
        value.remove_suffix(1);
    const bool negative = !value.empty() && value.front() == '-';
    std::string_view digits = !value.empty() && (value.front() == '+' || negative) ? value.substr(1) : value;
    uint64_t v = 0;
    bool valid = !digits.empty();
    for (char c : digits) {
        if (c < '0' || c > '9') {
            valid = false;
            break;
        }
        v = std::min<uint64_t>(v * 10 + uint64_t(c - '0'), uint64_t(1) << 32);
    }
    if (!valid) {
        length = 0;
    } else if (v > uint64_t(std::numeric_limits<int32_t>::max())) {
        length = negative ? 0 : uint64_t(std::numeric_limits<int32_t>::max());
    } else if (!negative || v == 0) {
        found = true;
        length = v;
    } else {
        length = 0;
    }
}

} // namespace

PduFraming httpLineFraming(const uint8_t* p, size_t n)
{
    std::string_view text(reinterpret_cast<const char*>(p), n);
    if (n > 3 && text.starts_with("\r\n"))
        text.remove_prefix(2); // a stray CR LF before it
    if (text.empty() || uint8_t(text[0]) < 0x20 || uint8_t(text[0]) >= 0x7f)
        return {}; // binary is left alone
    return httpLineEnds(text) ? PduFraming{PduFraming::Length, uint32_t(n)} : PduFraming{PduFraming::NeedMore, 0};
}

namespace {

HttpMessageRead dissectorRead(std::string_view message, bool continuation = false);

PduFraming reassemblyFraming(const uint8_t* p, size_t n)
{
    const std::string_view text(reinterpret_cast<const char*>(p), n);
    if (n > 3 && text.starts_with("\r\n") && startsHttpMessage(text.substr(2))) {
        PduFraming f = reassemblyFraming(p + 2, n - 2); // a stray CR LF before the message is skipped
        if (f.kind == PduFraming::Length || f.kind == PduFraming::Chunked)
            f.length += 2;
        return f;
    }
    if (!startsHttpMessage(text))
        return httpLineFraming(p, n);
    const size_t header = httpHeaderEnd(text);
    if (header == npos)
        return {PduFraming::NeedMore, 0};
    const bool response = firstLineKind(text) == FirstLine::Response;
    if (response && bodyless(statusCode(text)))
        return {PduFraming::Length, uint32_t(header)};
    // Header lines are matched by their first bytes, the name and its colon together.
    bool chunked = false, haveLength = false, rpcType = false;
    uint64_t length = 0;
    size_t lineLength = 0;
    for (size_t pos = httpLineEnd(text, 0, lineLength); pos < header;) {
        const size_t next = httpLineEnd(text, pos, lineLength);
        const std::string_view line = text.substr(pos, lineLength);
        pos = next;
        if (startsNoCase(line, "Content-Length:"))
            reassemblyLength(line.substr(15), haveLength, length);
        else if (startsNoCase(line, "Content-Type:"))
            rpcType = line.substr(std::min(line.find_first_not_of(' ', 13), line.size())).starts_with("application/rpc");
        else if (startsNoCase(line, "Transfer-Encoding:") && startsNoCase(skipBlanks(line.substr(18)), "chunked"))
            chunked = true;
    }
    if (chunked)
        return {PduFraming::Chunked, uint32_t(header)};
    if (haveLength) {
        // MS-RPCH's RPC_IN_DATA and RPC_OUT_DATA announce a length they never fill: what is here.
        if (length >= 128 * 1024 && (rpcType || text.starts_with("RPC_IN_DATA") || text.starts_with("RPC_OUT_DATA")))
            return {PduFraming::Length, uint32_t(std::min<uint64_t>(n, header + length))};
        return {PduFraming::Length, uint32_t(header + length)};
    }
    if (response)
        return {PduFraming::UntilFin, 0};
    return {PduFraming::Length, uint32_t(header)};
}

} // namespace

PduFraming httpFraming(const uint8_t* p, size_t n, bool segmentOwn)
{
    PduFraming f = reassemblyFraming(p, n);
    const std::string_view text(reinterpret_cast<const char*>(p), n);
    const size_t skip = n > 3 && text.starts_with("\r\n") && startsHttpMessage(text.substr(2)) ? 2 : 0;
    if (f.kind == PduFraming::Length && f.length == n && segmentOwn && !startsHttpMessage(text.substr(skip))) {
        // Text that continues a message ends where the dissector's reading of it does (a length
        // its header lines gave); what follows is read as the next message.
        const size_t lead = n > 3 && text.starts_with("\r\n") ? 2 : 0;
        const HttpMessageRead c = dissectorRead(text.substr(lead), true);
        if (!c.runsPast && lead + c.length > 0 && lead + c.length < n)
            f.length = uint32_t(lead + c.length);
        return f;
    }
    if (f.kind != PduFraming::Length || f.length > n || !startsHttpMessage(text.substr(skip)))
        return f;
    // Whole as the reassembly sees it: the dissector then reads the message by its own rules (a
    // notification's body runs to the end, a length it finds invalid leaves the rest to the
    // body). In a segment of its own the next message starts where it stopped; bytes gathered
    // segment by segment are all read, message after message, the reassembled one no shorter.
    const uint32_t read = uint32_t(skip + dissectorRead(text.substr(skip)).length);
    f.length = segmentOwn ? read : std::max(f.length, read);
    return f;
}

// ---- The dissector's reading (dissect_http_message) ----

namespace {

struct HttpHead {
    FirstLine kind = FirstLine::None;
    bool lineEnds = false;     // the first line ends in the bytes
    bool runsPast = false;     // the bytes end inside a line without a colon
    bool ended = false;        // by the empty line, or a line without a colon
    size_t bodyStart = 0;      // past the empty line, at a line without a colon, or the bytes' end
    std::string_view type;     // Content-Type up to a ';' or white space
    std::string_view typeParams; // what follows it (a multipart's boundary)
    std::string_view encoding; // Content-Encoding
    bool haveLength = false;
    uint64_t length = 0;
    bool transferCoded = false;      // a Transfer-Encoding was given: Content-Length is ignored
    bool chunked = false;            // one of its codings is "chunked"
    bool transferCompressed = false; // and gzip, deflate or compress: the body goes to data
};

// Content-Length: a number (white space, a sign allowed before it) followed by the value's end or
// white space; a later header replaces an earlier one, valid or not.
void dissectorLength(std::string_view value, HttpHead& h)
{
    size_t i = 0;
    while (i < value.size() && isSpace(value[i]))
        ++i;
    const bool negative = i < value.size() && value[i] == '-';
    if (i < value.size() && (value[i] == '+' || value[i] == '-'))
        ++i;
    const size_t first = i;
    uint64_t v = 0;
    bool overflow = false;
    for (; i < value.size() && value[i] >= '0' && value[i] <= '9'; ++i) {
        overflow = overflow || v > (uint64_t(std::numeric_limits<int64_t>::max()) - uint64_t(value[i] - '0')) / 10;
        v = v * 10 + uint64_t(value[i] - '0');
    }
    h.haveLength = i > first && !overflow && (!negative || v == 0) && (i == value.size() || isSpace(value[i]));
    h.length = h.haveLength ? v : 0;
}

// Transfer-Encoding: codings named with case, after blanks and commas; chunked with at most one
// other, which is what the body is handed on by.
void transferCodings(std::string_view value, HttpHead& h)
{
    h.transferCoded = true;
    bool other = false;
    while (!value.empty()) {
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t' || value.front() == ','))
            value.remove_prefix(1);
        if (value.empty())
            break;
        if (value.starts_with("chunked")) {
            h.chunked = true;
            value.remove_prefix(7);
            continue;
        }
        if (other)
            break;
        bool known = false;
        for (std::string_view coding : {"compress", "deflate", "gzip", "identity", "x-compress", "x-gzip"})
            if (value.starts_with(coding)) {
                other = known = true;
                h.transferCompressed = coding != "identity";
                value.remove_prefix(coding.size());
                break;
            }
        if (!known) {
            const size_t comma = value.find(',');
            if (comma == npos)
                break;
            value.remove_prefix(comma);
        }
    }
}

// `continuation`: text that starts no message, read as header lines from its first line on; a
// line without a colon ends them, and is read past the bytes only after a header line.
HttpHead readHead(std::string_view message, bool continuation = false)
{
    HttpHead h;
    size_t length = 0;
    size_t pos = 0;
    bool sawLine = !continuation;
    if (!continuation) {
        h.kind = firstLineKind(message);
        pos = httpLineEnd(message, 0, length, true);
    }
    h.lineEnds = pos != npos;
    if (!h.lineEnds) {
        h.bodyStart = message.size();
        return h;
    }
    while (pos < message.size()) {
        const size_t next = httpLineEnd(message, pos, length, true);
        const std::string_view line = next == npos ? message.substr(pos) : message.substr(pos, length);
        if (next != npos && line.empty()) {
            pos = next;
            h.ended = true;
            break;
        }
        const size_t colon = line.find(':');
        if (colon == npos) {
            h.runsPast = sawLine && next == npos; // (read past the bytes for the line's end)
            h.ended = !h.runsPast;
            break;
        }
        sawLine = true;
        const std::string_view name = line.substr(0, colon), value = skipBlanks(line.substr(colon + 1));
        if (equalsNoCase(name, "content-type")) {
            h.type = value.substr(0, std::min(value.find(';'), size_t(std::find_if(value.begin(), value.end(), isSpace) - value.begin())));
            h.typeParams = value.substr(h.type.size());
        }
        else if (equalsNoCase(name, "content-length"))
            dissectorLength(value, h);
        else if (equalsNoCase(name, "content-encoding"))
            h.encoding = value;
        else if (equalsNoCase(name, "transfer-encoding"))
            transferCodings(value, h);
        pos = next == npos ? message.size() : next;
    }
    h.bodyStart = std::min(pos, message.size());
    return h;
}

// A chunk's size line: hex digits up to anything else (a ';' and its extensions).
uint64_t chunkSize(std::string_view line)
{
    uint64_t size = 0;
    for (char c : line) {
        const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (digit < 0 || size > (uint64_t(1) << 40))
            break;
        size = size * 16 + uint64_t(digit);
    }
    return size;
}

// Where a chunked body that starts at `pos` ends: each chunk's size line (hex, up to a ';'), its
// data and line end; after the last (size 0), trailer lines up to an empty one. A body that does
// not end in the bytes: npos.
size_t chunkedEnd(std::string_view message, size_t pos)
{
    size_t length = 0;
    while (pos < message.size()) {
        const size_t next = httpLineEnd(message, pos, length, true);
        if (next == npos || length == 0)
            return npos;
        const uint64_t size = chunkSize(message.substr(pos, length));
        pos = next;
        if (size == 0) { // the last chunk: trailer lines, then the empty line
            while (pos < message.size()) {
                const size_t end = httpLineEnd(message, pos, length, true);
                if (end == npos)
                    return npos;
                pos = end;
                if (length == 0)
                    return pos;
            }
            return npos;
        }
        if (size + 2 > message.size() - pos)
            return npos;
        pos += size_t(size) + 2; // its data, then CR LF
    }
    return npos;
}

// The dissector's dechunking of a body at `pos`: chunk after chunk while a size line ends, a
// size larger than what is left cut to it; after the last (size 0), trailer lines up to an empty
// one, as far as they end. `runsPast`: a chunk's data (or its CR LF) runs past the bytes, where
// the copy throws. Returns the bytes read (0: no chunk).
struct ChunkedRead {
    size_t length = 0;
    bool runsPast = false;
    uint64_t data = 0; // the bytes handed on (dechunked)
};

ChunkedRead chunkedRead(std::string_view message, size_t start, std::string* dechunked = nullptr)
{
    size_t pos = start, length = 0;
    uint64_t data = 0;
    while (pos < message.size()) {
        const size_t next = httpLineEnd(message, pos, length);
        if (next == npos) // a size line the bytes end in: read to the end (a kept head padded with zeros ends so)
            return {pos == start ? 0 : message.size() - start, false, data};
        if (length == 0)
            break;
        uint64_t size = chunkSize(message.substr(pos, length));
        size = std::min<uint64_t>(size, message.size() - pos);
        if (next + size > message.size())
            return {message.size() - start, true, data};
        if (dechunked)
            dechunked->append(message.substr(next, size_t(size)));
        pos = next + size_t(size);
        data += size;
        if (size > 0) {
            pos += 2; // the chunk's CR LF
            if (pos > message.size())
                return {message.size() - start, true, data};
            continue;
        }
        while (pos < message.size()) { // the last chunk: trailer lines, then an empty one
            const size_t end = httpLineEnd(message, pos, length);
            if (end == npos)
                break;
            pos = end;
            if (length == 0)
                break;
        }
        break;
    }
    return {pos - start, false, data};
}

// How many bytes after the header the dissector reads as the body; `runsPast`: its chunks run
// past the bytes.
ChunkedRead bodyRead(const HttpHead& h, std::string_view message)
{
    const size_t rest = message.size() - h.bodyStart;
    size_t length = rest;
    if (h.haveLength && !h.transferCoded)
        length = size_t(std::min<uint64_t>(h.length, rest));
    else if (h.kind == FirstLine::Response)
        length = bodyless(statusCode(message)) ? 0 : rest;
    else if (h.kind == FirstLine::Request)
        length = h.transferCoded ? rest : 0;
    if (length > 0 && h.chunked) {
        const ChunkedRead read = chunkedRead(message.substr(0, h.bodyStart + length), h.bodyStart);
        return read.length == 0 ? ChunkedRead{length, false, 0} : read; // no chunk: nothing handed on
    }
    return {length, false, length};
}

// The body handed to a media dissector: de-chunked and inflated into `entity` as tshark does,
// or nullopt when none is: nothing here, a 206 reply's range, a body chunked past its bytes or
// compressed as a transfer coding, a content coding tshark cannot undo or that fails to inflate
// (the body then goes to data, named by nothing). A brotli body counts only when whole, and is
// not read (`readable` false), nor is one inflated from bytes not all kept.
// `content`: its bytes are read (else only whether a body is handed on matters: no copy is made,
// and inflating stops at its first byte).
std::optional<std::string_view> handedBody(const HttpHead& h, std::string_view message, std::string& entity, bool& readable, bool& toData,
                                           bool content)
{
    if (h.runsPast || !h.lineEnds)
        return std::nullopt;
    const ChunkedRead read = bodyRead(h, message);
    toData = read.data > 0 && !read.runsPast && h.transferCompressed;
    if (read.data == 0 || read.runsPast || (h.kind == FirstLine::Response && statusCode(message) == 206) || h.transferCompressed)
        return std::nullopt;
    std::string_view body = message.substr(h.bodyStart, read.length);
    const bool coded = !h.encoding.empty() && !equalsNoCase(h.encoding, "identity");
    if (h.chunked && (content || coded)) {
        chunkedRead(message.substr(0, h.bodyStart + read.length), h.bodyStart, &entity);
        body = entity;
    }
    if (!coded)
        return body;
    for (std::string_view zlib : {"gzip", "deflate", "x-gzip", "x-deflate"})
        if (equalsNoCase(h.encoding, zlib)) {
            std::optional<std::string> inflated = content ? inflateEntity(body) : inflateEntity(body, 1);
            if (!inflated)
                return toData = true, std::nullopt;
            entity = std::move(*inflated);
            return std::string_view(entity);
        }
    const bool whole = h.chunked ? message.substr(h.bodyStart, read.length).ends_with("0\r\n\r\n") : h.haveLength && body.size() >= h.length;
    toData = !equalsNoCase(h.encoding, "br"); // a coding tshark does not undo
    if (toData || !whole)
        return std::nullopt;
    readable = false;
    return body;
}

} // namespace

namespace {

// The dissector's reading alone (httpMessageRead without `whole`).
HttpMessageRead dissectorRead(std::string_view message, bool continuation)
{
    const HttpHead h = readHead(message, continuation);
    if (!h.lineEnds || h.runsPast)
        return {message.size(), h.runsPast};
    const ChunkedRead body = bodyRead(h, message);
    return {h.bodyStart + body.length, body.runsPast};
}

} // namespace

HttpMessageRead httpMessageRead(std::string_view message)
{
    HttpMessageRead read = dissectorRead(message);
    if (read.runsPast)
        return read;
    // Whole as the reassembly sees it: it would ask for no more bytes.
    const PduFraming f = reassemblyFraming(reinterpret_cast<const uint8_t*>(message.data()), message.size());
    read.whole = (f.kind == PduFraming::Length && f.length <= message.size())
                 || (f.kind == PduFraming::Chunked && chunkedEnd(message, f.length) != npos);
    return read;
}

HttpBodyStart httpBodyStart(std::string_view message)
{
    const HttpHead h = readHead(message);
    if (!h.ended)
        return {};
    return {h.bodyStart, h.type, h.chunked};
}

const char* httpTypeLayer(std::string_view t)
{
    if (t.empty())
        return nullptr; // the body goes to data inside HTTP's own subtree
    const char* layer = mediaTypeLayer(t);
    return layer ? layer : "media";
}

namespace {

// kDataInside, media, then the table's layers.
const std::vector<const char*>& bodyLayers()
{
    static const std::vector<const char*> layers = [] {
        std::vector<const char*> out{nullptr, kDataInside, "media"};
        out.insert(out.end(), mediaLayers().begin(), mediaLayers().end());
        return out;
    }();
    return layers;
}

} // namespace

uint8_t httpBodyLayerNumber(const char* layer)
{
    const std::vector<const char*>& layers = bodyLayers();
    for (size_t n = 1; layer && n < layers.size() && n < 256; ++n)
        if (std::strcmp(layer, layers[n]) == 0)
            return uint8_t(n);
    return 0;
}

const char* httpBodyLayerName(uint8_t number)
{
    return number < bodyLayers().size() ? bodyLayers()[number] : nullptr;
}

namespace {

const char* imageLayer(ImageKind k)
{
    return k == ImageKind::Jfif ? "image-jfif" : k == ImageKind::Png ? "png" : "image-gif";
}

} // namespace

namespace {

HttpBodyMedia bodyMedia(const HttpHead& h, std::string_view message, bool kept)
{
    const std::string_view type = h.type;
    const bool reads = type.empty() || mediaReadsBody(type);
    std::string entity;
    bool readable = true, toData = false;
    const std::optional<std::string_view> body = handedBody(h, message, entity, readable, toData, reads);
    HttpBodyMedia out;
    if (!body) {
        out.layer = toData ? kDataInside : nullptr;
        return out;
    }
    // What was not kept of a reassembled body is read as a well-formed file would be.
    const bool walk = readable && kept;
    // The type's dissector first; when it declines, or the type has none (tshark's media
    // dissector), or there is no type, HTTP's heuristic image dissectors look at the bytes.
    if (!type.empty() && (readable || !reads) && mediaWrite(type, h.typeParams, *body, walk, out))
        return out;
    if (readable) {
        if (ImageTake t = takeImageByContent(*body, walk); t.kind != ImageKind::None) {
            out.info = " (" + t.name + ")";
            out.name = std::move(t.name);
            out.layer = imageLayer(t.kind);
            out.readsPast = t.readsPast;
            return out;
        }
    }
    if (type.empty()) {
        out.layer = kDataInside;
        return out;
    }
    out.info = " (";
    for (char c : type)
        out.info += asciiLower(c);
    out.info += ")";
    out.layer = "media";
    return out;
}

} // namespace

HttpBodyMedia httpBodyMedia(std::string_view message, bool kept)
{
    return bodyMedia(readHead(message), message, kept);
}

HttpMessageRead httpContinuationRead(std::string_view text)
{
    return dissectorRead(text, true);
}

HttpBodyMedia httpContinuationMedia(std::string_view text)
{
    return bodyMedia(readHead(text, true), text, true);
}

} // namespace synflow
