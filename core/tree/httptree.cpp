// HTTP/1.x in the detail tree: the start line with its parts, each header line, the body's
// size (chunks listed), and text bodies line by line, laid out as tshark -V does.
#include "fields/fieldregistry.h"
#include "proto/protocolsummary.h"
#include "proto/httpmessage.h"
#include "proto/entityinflate.h"
#include "proto/asciicase.h"
#include "tree/apptree.h"

#include <cctype>
#include <optional>
#include <vector>

#include <charconv>

namespace synflow {
namespace {

using apptext::fmt;

// RFC 9110's reason phrases (tshark's "Status Code Description").
const char* statusDescription(unsigned code)
{
    switch (code) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 102: return "Processing";
    case 103: return "Early Hints";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 203: return "Non-authoritative Information";
    case 204: return "No Content";
    case 205: return "Reset Content";
    case 206: return "Partial Content";
    case 207: return "Multi-Status";
    case 226: return "IM Used";
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 305: return "Use Proxy";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 407: return "Proxy Authentication Required";
    case 408: return "Request Time-out";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Request Entity Too Large";
    case 414: return "Request-URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Requested Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 418: return "I'm a teapot";
    case 421: return "Misdirected Request";
    case 422: return "Unprocessable Entity";
    case 423: return "Locked";
    case 424: return "Failed Dependency";
    case 426: return "Upgrade Required";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 451: return "Unavailable For Legal Reasons";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Time-out";
    case 505: return "HTTP Version not supported";
    case 507: return "Insufficient Storage";
    case 511: return "Network Authentication Required";
    default: return nullptr;
    }
}

// RFC 9110's token characters: anything else in a header name is illegal.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

struct HttpLine {
    uint32_t off, len; // text without the line end
    uint32_t end;      // offset just past the line end
    bool complete;     // a line end was found
};

// The line starting at `off`, ended as tshark ends lines: CR LF, LF, or a lone CR.
HttpLine lineAt(const AppTree& a, uint32_t off)
{
    const uint8_t* p = a.data();
    for (uint32_t i = off; i < a.size(); ++i) {
        if (p[i] == '\n')
            return {off, i - off, i + 1, true};
        if (p[i] == '\r') {
            if (i + 1 < a.size() && p[i + 1] == '\n')
                return {off, i - off, i + 2, true};
            if (i + 1 < a.size())
                return {off, i - off, i + 1, true};
            return {off, a.size() - off, a.size(), false}; // a CR at the end may start a CR LF
        }
    }
    return {off, a.size() - off, a.size(), false};
}

// The line's label: its text with its line end, escaped.
std::string lineLabel(const AppTree& a, const HttpLine& l)
{
    return apptext::escaped(a.text(l.off, l.end - l.off));
}

struct Message {
    std::string host, uri, contentType, encoding;
    bool request = false;
    bool chunked = false;
    bool hasLength = false;
    uint64_t contentLength = 0;
};

void startLine(AppTree& a, int32_t root, const HttpLine& l, Message& m)
{
    const std::string_view s = a.text(l.off, l.len);
    const int32_t n = a.add(root, applabel::text(lineLabel(a, l)), l.off, l.end - l.off);
    a.expert(n, "Chat", "Sequence", lineLabel(a, l));
    const size_t sp1 = s.find(' ');
    const size_t sp2 = sp1 == std::string_view::npos ? sp1 : s.find(' ', sp1 + 1);
    if (s.starts_with("HTTP/")) {
        const std::string_view version = s.substr(0, sp1);
        const std::string_view code = sp1 == std::string_view::npos ? std::string_view() : s.substr(sp1 + 1, sp2 == std::string_view::npos ? std::string_view::npos : sp2 - sp1 - 1);
        const std::string_view phrase = sp2 == std::string_view::npos ? std::string_view() : s.substr(sp2 + 1);
        a.add(n, findField("http.response.version"), applabel::field("Response Version", apptext::ascii(version)), l.off, uint32_t(version.size()));
        unsigned c = 0;
        std::from_chars(code.data(), code.data() + code.size(), c);
        a.add(n, findField("http.response.code"), fmt("Status Code: %u", c), l.off + uint32_t(sp1 + 1), uint32_t(code.size()));
        if (const char* d = statusDescription(c))
            a.add(n, std::string("[Status Code Description: ") + d + "]");
        a.add(n, findField("http.response.phrase"), applabel::field("Response Phrase", apptext::ascii(phrase)), l.off + uint32_t(sp2 + 1), uint32_t(phrase.size()));
        return;
    }
    m.request = true;
    const std::string_view method = s.substr(0, sp1);
    a.add(n, findField("http.request.method"), applabel::field("Request Method", apptext::ascii(method)), l.off, uint32_t(method.size()));
    if (sp1 == std::string_view::npos)
        return;
    const std::string_view uri = s.substr(sp1 + 1, sp2 == std::string_view::npos ? std::string_view::npos : sp2 - sp1 - 1);
    m.uri = uri;
    const uint32_t uriOff = l.off + uint32_t(sp1 + 1);
    const int32_t u = a.add(n, findField("http.request.uri"), applabel::field("Request URI", apptext::ascii(uri)), uriOff, uint32_t(uri.size()));
    if (const size_t q = uri.find('?'); q != std::string_view::npos) {
        a.add(u, findField("http.request.uri.path"), applabel::field("Request URI Path", apptext::ascii(uri.substr(0, q))), uriOff, uint32_t(q));
        const std::string_view query = uri.substr(q + 1);
        const int32_t qn = a.add(u, findField("http.request.uri.query"), applabel::field("Request URI Query", apptext::ascii(query)), uriOff + uint32_t(q + 1), uint32_t(query.size()));
        size_t start = 0;
        while (start <= query.size()) {
            size_t amp = query.find('&', start);
            if (amp == std::string_view::npos)
                amp = query.size();
            if (amp > start)
                a.add(qn, applabel::field("Request URI Query Parameter", apptext::ascii(query.substr(start, amp - start))), uriOff + uint32_t(q + 1 + start), uint32_t(amp - start));
            start = amp + 1;
        }
    }
    if (sp2 != std::string_view::npos) {
        const std::string_view version = s.substr(sp2 + 1);
        a.add(n, findField("http.request.version"), applabel::field("Request Version", apptext::ascii(version)), l.off + uint32_t(sp2 + 1), uint32_t(version.size()));
    }
}

const Field* headerField(std::string_view name)
{
    static const std::pair<const char*, const char*> known[] = {
        {"host", "http.host"}, {"user-agent", "http.user_agent"}, {"content-type", "http.content_type"},
        {"server", "http.server"}, {"referer", "http.referer"}, {"cookie", "http.cookie"},
        {"connection", "http.connection"}, {"location", "http.location"}, {"transfer-encoding", "http.transfer_encoding"},
        {"content-length", "http.content_length_header"}, {"accept", "http.accept"}};
    for (const auto& [h, f] : known)
        if (equalsNoCase(name, h))
            return findField(f);
    return nullptr;
}

void headerLine(AppTree& a, int32_t root, const HttpLine& l, Message& m)
{
    const std::string_view s = a.text(l.off, l.len);
    const size_t colon = s.find(':');
    const std::string_view name = colon == std::string_view::npos ? s : s.substr(0, colon);
    bool legal = colon != std::string_view::npos && !name.empty();
    for (char c : name)
        legal = legal && isTokenChar(c);
    const std::string_view value = colon == std::string_view::npos ? std::string_view() : trim(s.substr(colon + 1));
    const int32_t n = a.add(root, legal ? headerField(name) : nullptr, applabel::text(lineLabel(a, l)), l.off, l.end - l.off);
    // A NUL ends the header's string early: the rest is "stray".
    if (s.find('\0') != std::string_view::npos)
        a.expert(n, "Warning", "Undecoded", "Trailing stray characters");
    if (!legal) {
        a.expert(n, "Warning", "Protocol", "Illegal characters found in header name");
        return;
    }
    if (equalsNoCase(name, "host"))
        m.host = value;
    else if (equalsNoCase(name, "content-type"))
        m.contentType = value;
    else if (equalsNoCase(name, "content-encoding"))
        m.encoding = value;
    else if (equalsNoCase(name, "transfer-encoding"))
        m.chunked = equalsNoCase(value, "chunked");
    else if (equalsNoCase(name, "content-length")) {
        uint64_t v = 0;
        if (std::from_chars(value.data(), value.data() + value.size(), v).ec == std::errc()) {
            m.hasLength = true;
            m.contentLength = v;
            a.add(n, findField("http.content_length"), fmt("[Content length: %llu]", static_cast<unsigned long long>(v)));
        }
    } else if (equalsNoCase(name, "cookie")) {
        size_t start = 0;
        while (start < value.size()) {
            size_t semi = value.find(';', start);
            if (semi == std::string_view::npos)
                semi = value.size();
            a.add(n, applabel::field("Cookie pair", apptext::ascii(trim(value.substr(start, semi - start)))), l.off + uint32_t(value.data() - s.data() + start),
                  uint32_t(semi - start));
            start = semi + 1;
        }
    }
}

// The chunks of a chunked body from `off`, their data appended to `data`; false when a chunk
// runs past the segment (tshark stops there: the rest needs reassembly).
bool chunks(AppTree& a, int32_t root, uint32_t off, bool request, std::vector<uint8_t>& data)
{
    const int32_t c = a.add(root, request ? "HTTP chunked request" : "HTTP chunked response", off, a.size() - off);
    while (off < a.size()) {
        const HttpLine sizeLine = lineAt(a, off);
        if (!sizeLine.complete)
            return false;
        const std::string_view digits = a.text(sizeLine.off, sizeLine.len);
        uint64_t size = 0;
        const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), size, 16);
        if (r.ptr == digits.data())
            return true;
        if (size == 0) {
            const int32_t e = a.add(c, "End of chunked encoding", off, sizeLine.end - off);
            a.add(e, "Chunk size: 0 octets", off, sizeLine.end - off);
            off = sizeLine.end;
            const HttpLine last = lineAt(a, off);
            if (last.complete && last.len == 0)
                a.add(c, applabel::text(lineLabel(a, last)), off, last.end - off);
            return true;
        }
        const uint32_t dataOff = sizeLine.end;
        if (uint64_t(dataOff) + size + 2 > a.size())
            return false;
        const uint32_t n = uint32_t(size);
        const int32_t d = a.add(c, fmt("Data chunk (%u octets)", n), off, sizeLine.end - off + n + 2);
        a.add(d, fmt("Chunk size: %u octets", n), off, sizeLine.end - off);
        a.add(d, "Chunk data: " + apptext::hex(a.data() + dataOff, n, 36), dataOff, n);
        data.insert(data.end(), a.data() + dataOff, a.data() + dataOff + n);
        off = dataOff + n;
        a.add(d, "Chunk boundary: " + apptext::hex(a.data() + off, 2), off, 2);
        off += 2;
    }
    return true;
}

// A text body, line by line.
void textBody(AppTree& a, uint32_t off, uint32_t len, const std::string& type)
{
    uint32_t lines = 0;
    for (uint32_t i = off; i < off + len;) {
        const HttpLine l = lineAt(a, i);
        ++lines;
        i = std::min(l.end, off + len);
    }
    const int32_t root = a.add(-1, fmt("Line-based text data: %s (%u lines)", type.c_str(), lines), off, len);
    for (uint32_t i = off; i < off + len;) {
        const HttpLine l = lineAt(a, i);
        const uint32_t end = std::min(l.end, off + len);
        a.add(root, applabel::text(apptext::escaped(a.text(i, end - i))), i, end - i);
        i = end;
    }
}

// tshark's test for a header line: a colon somewhere (a bad name only earns a warning).
bool looksLikeHeader(std::string_view s)
{
    return s.find(':') != std::string_view::npos;
}

// "http://host/uri" of a request message.
std::string requestTarget(std::span<const uint8_t> bytes)
{
    const std::string_view s(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    const size_t eol = s.find('\n');
    const std::string_view first = s.substr(0, eol);
    const size_t sp1 = first.find(' ');
    const size_t sp2 = sp1 == std::string_view::npos ? sp1 : first.find(' ', sp1 + 1);
    std::string uri(sp1 == std::string_view::npos ? std::string_view() : first.substr(sp1 + 1, sp2 == std::string_view::npos ? sp2 : sp2 - sp1 - 1));
    if (!uri.empty() && uri.back() == '\r')
        uri.pop_back();
    std::string host;
    for (size_t at = eol; at != std::string_view::npos && at + 1 < s.size();) {
        const size_t next = s.find('\n', at + 1);
        std::string_view line = s.substr(at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty())
            break;
        const size_t colon = line.find(':');
        if (colon != std::string_view::npos && equalsNoCase(line.substr(0, colon), "host")) {
            host = trim(line.substr(colon + 1));
            break;
        }
        at = next;
    }
    return host.empty() ? uri : "http://" + host + uri; // without a Host, the URI as sent
}

// The request/response pairing tshark keeps per conversation: requests and responses are
// counted in order, the n-th response answering the n-th request.
void exchange(AppTree& a, int32_t root, const AppPayload& p, bool request)
{
    if (!p.stream || !p.frame)
        return;
    struct Msg {
        uint64_t frame;
        int64_t timeNs;
        std::string target;
    };
    std::vector<Msg> requests, responses;
    (*p.stream)([&](const StreamSegment& seg) {
        if (!seg.protocol.starts_with("HTTP"))
            return true;
        const std::string_view text(reinterpret_cast<const char*>(seg.payload.data()), seg.payload.size());
        if (!startsHttpMessage(text))
            return true;
        if (text.starts_with("HTTP/"))
            responses.push_back({seg.frame, seg.timeNs, {}});
        else
            requests.push_back({seg.frame, seg.timeNs, requestTarget(seg.payload)});
        return true;
    });
    const std::vector<Msg>& mine = request ? requests : responses;
    size_t k = 0;
    while (k < mine.size() && mine[k].frame != p.frame)
        ++k;
    if (k == mine.size())
        return;
    // tshark's second pass knows the whole conversation: "n/total" and the next messages.
    const auto frameLine = [&](const char* what, uint64_t frame) {
        a.add(root, fmt("[%s in frame: %llu]", what, static_cast<unsigned long long>(frame)));
    };
    a.add(root, fmt("[HTTP %s %zu/%zu]", request ? "request" : "response", k + 1, mine.size()));
    if (request) {
        if (k > 0)
            frameLine("Prev request", requests[k - 1].frame);
        if (k < responses.size() && responses[k].frame > p.frame)
            frameLine("Response", responses[k].frame);
        if (k + 1 < requests.size())
            frameLine("Next request", requests[k + 1].frame);
        return;
    }
    const bool answered = k < requests.size() && requests[k].frame < p.frame;
    if (answered) {
        const int64_t ns = p.timeNs - requests[k].timeNs;
        a.add(root, fmt("[Time since request: %lld.%09lld seconds]", static_cast<long long>(ns / 1000000000), static_cast<long long>(ns % 1000000000)));
    }
    if (k > 0) {
        if (k - 1 < requests.size())
            frameLine("Prev request", requests[k - 1].frame);
        frameLine("Prev response", responses[k - 1].frame);
    }
    if (answered)
        frameLine("Request", requests[k].frame);
    if (k + 1 < requests.size())
        frameLine("Next request", requests[k + 1].frame);
    if (k + 1 < responses.size())
        frameLine("Next response", responses[k + 1].frame);
    if (answered)
        a.add(root, applabel::generated("Request URI", requests[k].target));
}

} // namespace

bool buildHttpTree(DetailTree& t, const AppPayload& p)
{
    AppTree a(t, p);
    if (a.size() == 0)
        return false;
    const int32_t root = a.add(-1, &field("http"), "Hypertext Transfer Protocol", 0, a.size());
    const bool message = startsHttpMessage(a.text(0, a.size()));
    Message m;
    uint32_t off = 0;
    bool headersDone = false;
    if (message) {
        const HttpLine first = lineAt(a, 0);
        startLine(a, root, first, m);
        off = first.end;
    } else if (!std::isprint(a.data()[0]) && a.data()[0] != '\r' && a.data()[0] != '\n') {
        // A continuation of binary body data: tshark hands it to the data dissector.
        const int32_t d = a.add(root, fmt("Data (%u bytes)", a.size()), 0, a.size());
        a.add(d, "Data: " + apptext::hex(a.data(), a.size(), 36), 0, a.size());
        a.add(d, fmt("[Length: %u]", a.size()));
        return true;
    }
    // Lines are headers while they look like one: printable up to a colon (tshark's test).
    while (off < a.size()) {
        const HttpLine l = lineAt(a, off);
        if (l.complete && l.len == 0) {
            a.add(root, applabel::text(lineLabel(a, l)), l.off, l.end - l.off);
            off = l.end;
            headersDone = true;
            break;
        }
        if (!looksLikeHeader(a.text(l.off, l.len))) {
            if (!l.complete && (message || off > 0)) {
                // Text cut by the segment's end after a first or header line, read past it.
                AppTree(t, p).readPast("HTTP");
                return true;
            }
            break;
        }
        headerLine(a, root, l, m);
        off = l.end;
    }
    // Headers that fill the segment to a line end: tshark ends the message there.
    if (!headersDone && off >= a.size() && (message || off > 0))
        headersDone = true;
    if (!headersDone) {
        // What follows the header-like lines is opaque: the data dissector's.
        if (off < a.size()) {
            a.add(root, fmt("File Data: %u bytes", a.size() - off), off, a.size() - off);
            const int32_t d = a.add(root, fmt("Data (%u bytes)", a.size() - off), off, a.size() - off);
            a.add(d, "Data: " + apptext::hex(a.data() + off, a.size() - off, 36), off, a.size() - off);
            a.add(d, fmt("[Length: %u]", a.size() - off));
        }
        return true;
    }
    if (m.request && !m.host.empty())
        a.add(root, applabel::generated("Full request URI", "http://" + m.host + m.uri));
    if (message)
        exchange(a, root, p, m.request);
    if (off >= a.size())
        return true;
    // The entity: in the frame as it is, or de-chunked and inflated into a buffer of its own.
    std::vector<uint8_t> entity;
    bool separate = false;
    uint32_t body = a.size() - off;
    if (m.chunked) {
        if (!chunks(a, root, off, m.request, entity)) {
            AppTree(t, p).unreassembled("HTTP");
            return true;
        }
        separate = true;
    } else {
        if (m.hasLength)
            body = uint32_t(std::min<uint64_t>(body, m.contentLength));
        if (body == 0)
            return true;
    }
    std::string encoding = m.encoding;
    for (char& c : encoding)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    if (encoding == "gzip" || encoding == "deflate" || encoding == "x-gzip" || encoding == "x-deflate") {
        const std::span<const uint8_t> in = separate ? std::span<const uint8_t>(entity) : a.payload().bytes.subspan(off, body);
        const std::optional<std::string> out = inflateEntity({reinterpret_cast<const char*>(in.data()), in.size()});
        const std::string label = fmt("Content-encoded entity body (%s): %zu bytes", encoding.c_str(), in.size());
        if (!out) {
            // The body goes to data inside the entity's item.
            const int32_t e = a.add(root, label, separate ? 0 : off, separate ? 0 : body);
            a.expert(e, "Warning", "Undecoded", "Decompression failed");
            const int32_t d = a.add(e, fmt("Data (%zu bytes)", in.size()), separate ? 0 : off, separate ? 0 : body);
            a.add(d, "Data: " + apptext::hex(in.data(), in.size(), 36), separate ? 0 : off, separate ? 0 : body);
            a.add(d, fmt("[Length: %zu]", in.size()));
            return true;
        }
        a.add(root, label + fmt(" -> %zu bytes", out->size()), separate ? 0 : off, separate ? 0 : body);
        entity.assign(out->begin(), out->end());
        separate = true;
    }
    const size_t fileData = separate ? entity.size() : body;
    a.add(root, fmt("File Data: %zu bytes", fileData), separate ? 0 : off, separate ? 0 : body);
    if (fileData == 0)
        return true;
    std::string type = m.contentType.substr(0, m.contentType.find(';'));
    for (char& c : type)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    while (!type.empty() && type.back() == ' ')
        type.pop_back();
    AppPayload bp = p;
    if (separate) {
        bp.bytes = entity;
        bp.inFrame = false;
    } else {
        bp.bytes = p.bytes.subspan(off, body);
        bp.frameOffset = p.frameOffset + off;
    }
    AppTree b(t, bp);
    // The body's dissector as the packet list's reading chose it: an image's, or media's.
    const std::string_view whole = a.text(0, a.size());
    const HttpBodyMedia taken = message ? httpBodyMedia(whole) : httpContinuationMedia(whole);
    const std::string_view layer = taken.layer ? taken.layer : "";
    if (layer == "image-jfif" || layer == "png" || layer == "image-gif" || layer == "media") {
        if (layer == "media") {
            const int32_t m = b.add(-1, "Media Type", 0, b.size());
            b.add(m, fmt("Media type: %s (%u bytes)", type.c_str(), b.size()), 0, b.size());
        } else {
            b.add(-1, layer == "image-jfif" ? std::string("JPEG File Interchange Format")
                      : layer == "png"      ? std::string("Portable Network Graphics")
                                            : "Compuserve GIF, Version: " + taken.name,
                  0, b.size());
        }
        if (taken.readsPast)
            b.readPast(layer == "image-jfif" ? "JFIF (JPEG) image" : layer == "png" ? "PNG" : "GIF image");
    } else if (type.starts_with("text/") && layer != "media") {
        textBody(b, 0, b.size(), type);
    } else {
        // Typed media go to their own (top-level) dissector; untyped data stays under HTTP.
        const int32_t d = b.add(type.empty() ? root : -1, fmt("Data (%u bytes)", b.size()), 0, b.size());
        b.add(d, "Data: " + apptext::hex(b.data(), b.size(), 36), 0, b.size());
        b.add(d, fmt("[Length: %u]", b.size()));
    }
    return true;
}

} // namespace synflow
