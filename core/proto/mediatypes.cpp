#include "proto/mediatypes.h"
#include "proto/asciicase.h"
#include "proto/dnssummary.h"
#include "proto/imagemedia.h"
#include "proto/smtpdata.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>

namespace synflow {
namespace {

struct MediaType {
    std::string_view type;
    const char* layer;        // the dissector's filter name
    std::string_view xmlName; // an XML DTD's own name for the Protocol column
    const char* hierarchy;    // io,phs's name for the layer, when not the filter name
    const char* shown() const { return *hierarchy ? hierarchy : layer; }
};

constexpr MediaType kMediaTypes[] = {
#include "proto/mediatypes.inc"
};

bool lessNoCase(std::string_view a, std::string_view b)
{
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return asciiLower(x) < asciiLower(y); });
}

const MediaType* entryOf(std::string_view type)
{
    const auto find = [](std::string_view t) -> const MediaType* {
        const auto* it = std::lower_bound(std::begin(kMediaTypes), std::end(kMediaTypes), t,
                                          [](const MediaType& m, std::string_view v) { return lessNoCase(m.type, v); });
        return it != std::end(kMediaTypes) && equalsNoCase(it->type, t) ? it : nullptr;
    };
    if (const MediaType* m = find(type))
        return m;
    return startsNoCase(type, "multipart/") ? find("multipart/") : nullptr; // HTTP's second try
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = asciiLower(c);
    return out;
}

// A parameter of a Content-Type's parameters ("; boundary=\"x\""), unquoted.
std::string_view parameter(std::string_view params, std::string_view name)
{
    while (!params.empty()) {
        const size_t semi = params.find(';');
        std::string_view p = trimmedValue(params.substr(0, semi));
        params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
        const size_t eq = p.find('=');
        if (eq == std::string_view::npos || !equalsNoCase(trimmedValue(p.substr(0, eq)), name))
            continue;
        std::string_view v = trimmedValue(p.substr(eq + 1));
        if (v.size() >= 2 && v.front() == '"')
            v = v.substr(1, v.find('"', 1) == std::string_view::npos ? v.size() - 1 : v.find('"', 1) - 1);
        return v;
    }
    return {};
}

// The binary dissectors that write nothing to the columns for a well-formed body.
bool silent(std::string_view layer)
{
    for (std::string_view l : {"cbor", "cose", "grpc", "mikey", "tnef", "mp2t", "cms", "pkcs10", "rtmpt", "lwm2mtlv", "ieee1609dot2", "amf"})
        if (layer == l)
            return true;
    return false;
}

// file-mp4.c's box types: a body starts with one of them (its size first) or is no MP4 file.
bool mp4Box(std::string_view body)
{
    if (body.size() < 8)
        return false;
    static constexpr std::string_view kBoxes[] = {"ftyp", "moov", "mvhd", "trak", "tkhd", "mdia", "mdhd", "hdlr", "minf",
                                                  "vmhd", "smhd", "dinf", "dref", "stbl", "stts", "ctts", "stsd", "stsz",
                                                  "stz2", "stsc", "stco", "stss", "mvex", "moof", "mehd", "trex", "mfhd",
                                                  "traf", "tfhd", "trun", "mdat", "udta", "url ", "edts", "elst"};
    const std::string_view type = body.substr(4, 4);
    return std::find(std::begin(kBoxes), std::end(kBoxes), type) != std::end(kBoxes);
}

// JSON's parser (RFC 8259): one value, white space around it. tshark shows a body it rejects
// as text lines inside JSON.
struct JsonReader {
    std::string_view s;
    size_t at = 0;
    int depth = 0;

    void blanks()
    {
        while (at < s.size() && (s[at] == ' ' || s[at] == '\t' || s[at] == '\n' || s[at] == '\r'))
            ++at;
    }
    bool take(char c) { return at < s.size() && s[at] == c ? (++at, true) : false; }
    bool digits()
    {
        const size_t from = at;
        while (at < s.size() && s[at] >= '0' && s[at] <= '9')
            ++at;
        return at > from;
    }
    bool string()
    {
        if (!take('"'))
            return false;
        while (at < s.size()) {
            const auto c = static_cast<unsigned char>(s[at++]);
            if (c == '"')
                return true;
            if (c < 0x20)
                return false;
            if (c == '\\') {
                if (at >= s.size())
                    return false;
                const char e = s[at++];
                if (e == 'u') {
                    for (int i = 0; i < 4; ++i, ++at)
                        if (at >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[at])))
                            return false;
                } else if (!std::strchr("\"\\/bfnrt", e)) {
                    return false;
                }
            }
        }
        return false;
    }
    bool value()
    {
        blanks();
        if (at >= s.size() || ++depth > 64)
            return false;
        bool ok = false;
        const char c = s[at];
        if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            ++at;
            blanks();
            ok = take(close);
            while (!ok) {
                if (c == '{') {
                    blanks();
                    if (!string())
                        return false;
                    blanks();
                    if (!take(':'))
                        return false;
                }
                if (!value())
                    return false;
                blanks();
                if (take(close))
                    ok = true;
                else if (!take(','))
                    return false;
            }
        } else if (c == '"') {
            ok = string();
        } else if (s.substr(at).starts_with("true") || s.substr(at).starts_with("null")) {
            at += 4, ok = true;
        } else if (s.substr(at).starts_with("false")) {
            at += 5, ok = true;
        } else {
            take('-');
            ok = (take('0') || digits()) && (!take('.') || digits());
            if (ok && (take('e') || take('E'))) {
                take('+') || take('-');
                ok = digits();
            }
        }
        --depth;
        return ok;
    }
    bool whole()
    {
        if (!value())
            return false;
        blanks();
        return at == s.size();
    }
};

struct WbxmlId {
    uint32_t value;
    const char* name;
};

constexpr WbxmlId kWbxmlPublicIds[] = {
#include "proto/wbxmlpublicids.inc"
};

// WBXML's multi-byte integer (7 bits a byte, the high bit continues it, at most 5 bytes).
bool wbxmlInteger(std::string_view s, size_t& at, uint32_t& value)
{
    value = 0;
    for (int i = 0; i < 5; ++i) {
        if (at >= s.size())
            return false;
        const auto b = static_cast<uint8_t>(s[at++]);
        value = (value << 7) | (b & 0x7f);
        if (!(b & 0x80))
            break;
    }
    return true;
}

// packet-wbxml.c's summary: " (WBXML 1.3, Public ID: \"...\")", or the version it does not know.
// False when its header runs past the body (the exception).
bool wbxmlSummary(std::string_view body, std::string& info)
{
    if (body.empty())
        return false;
    const auto version = static_cast<uint8_t>(body[0]);
    if (version > 3) {
        char text[40];
        std::snprintf(text, sizeof text, " (Unknown WBXML version 0x%02x)", version);
        info = text;
        return true;
    }
    size_t at = 1;
    uint32_t id = 0, index = 0, ignored = 0;
    if (!wbxmlInteger(body, at, id) || (id == 0 && !wbxmlInteger(body, at, index)))
        return false;
    if (version > 0 && !wbxmlInteger(body, at, ignored)) // the character set
        return false;
    if (!wbxmlInteger(body, at, ignored)) // the string table's length
        return false;
    std::string name;
    if (id) {
        const auto* it = std::lower_bound(std::begin(kWbxmlPublicIds), std::end(kWbxmlPublicIds), id,
                                          [](const WbxmlId& w, uint32_t v) { return w.value < v; });
        if (it != std::end(kWbxmlPublicIds) && it->value == id) {
            name = it->name;
        } else {
            char text[24];
            std::snprintf(text, sizeof text, "(unknown 0x%x)", id);
            name = text;
        }
    } else {
        // A string of the string table, which starts after its length.
        const size_t from = at + index, end = from < body.size() ? body.find('\0', from) : std::string_view::npos;
        if (end == std::string_view::npos)
            return false;
        name = body.substr(from, end - from);
    }
    info = " (WBXML 1." + std::to_string(version) + ", Public ID: \"" + name + "\")";
    return true;
}

// ISUP's message types as tshark names them in Info: ITU-T Q.763's abbreviations, and ANSI
// T1.113's, which has five more and calls every other code "reserved".
std::string_view isupMessageName(uint8_t type, bool ansi)
{
    static constexpr std::string_view kItu[] = {
        "reserved", "IAM", "SAM", "INR", "INF", "COT", "ACM", "CON", "FOT", "ANM", "Reserved", "Reserved", "REL", "SUS",
        "RES", "Reserved", "RLC", "CCR", "RSC", "BLO", "UBL", "BLA", "UBLA", "GRS", "CGB", "CGU", "CGBA", "CGUA",
        "Reserved", "Reserved", "Reserved", "FAR", "FAA", "FRJ", "Reserved", "Reserved", "LPA", "Reserved", "Reserved",
        "Reserved", "PAM", "GRA", "CQM", "CQR", "CPG", "UUI", "UCIC", "CFN", "OLM", "CRG", "NRM", "FAC", "UPT", "UPA",
        "IDR", "IDS", "SGM", "Reserved", "Reserved", "Reserved", "Reserved", "Reserved", "Unknown", "Unknown", "LOP",
        "APM", "PRI", "SDN"};
    static constexpr std::string_view kAnsi[] = {"CRA", "CRM", "CVR", "CVT", "EXIT"};
    if (ansi && type >= 233 && type <= 237)
        return kAnsi[type - 233];
    if (type >= std::size(kItu))
        return "reserved";
    const std::string_view name = kItu[type];
    return ansi && (name == "Reserved" || name == "Unknown") ? "reserved" : name;
}

ImageKind imageOf(std::string_view layer)
{
    return layer == "image-jfif" ? ImageKind::Jfif : layer == "png" ? ImageKind::Png : layer == "image-gif" ? ImageKind::Gif : ImageKind::None;
}

void multipart(std::string_view params, std::string_view body, bool walk, MediaWrite& out, int depth);

} // namespace

const char* mediaTypeLayer(std::string_view type)
{
    const MediaType* m = entryOf(type);
    return m ? m->shown() : nullptr;
}

const std::vector<const char*>& mediaLayers()
{
    static const std::vector<const char*> layers = [] {
        std::vector<const char*> out;
        for (const MediaType& m : kMediaTypes)
            if (std::none_of(out.begin(), out.end(), [&](const char* l) { return std::strcmp(l, m.shown()) == 0; }))
                out.push_back(m.shown());
        return out;
    }();
    return layers;
}

bool mediaReadsBody(std::string_view type)
{
    const MediaType* m = entryOf(type);
    if (!m)
        return true; // media: HTTP's heuristic image dissectors look first
    const std::string_view layer = m->layer;
    return imageOf(layer) != ImageKind::None || layer == "mime_multipart" || layer == "json" || layer == "dns" || layer == "imf" || layer == "mp4"
        || layer == "tiff" || layer == "wbxml" || layer == "sipfrag" || layer == "isup";
}

namespace {

bool write(std::string_view type, std::string_view params, std::string_view body, bool walk, MediaWrite& out, int depth)
{
    const MediaType* m = entryOf(type);
    if (!m)
        return false;
    const std::string_view layer = m->layer;
    const std::string name = lower(type);
    out.layer = m->shown();
    if (layer == "data-text-lines") {
        out.info = " (" + name + ")";
    } else if (layer == "xml") {
        out.protocol = "/" + std::string(m->xmlName.empty() ? "XML" : m->xmlName);
    } else if (layer == "json") {
        out.protocol = "/JSON";
        out.info = ", JavaScript Object Notation (" + name + ")";
        if (walk && !JsonReader{body}.whole())
            out.child = "data-text-lines";
    } else if (layer == "sdp") {
        out.protocol = "/SDP";
    } else if (layer == "data" || silent(layer)) {
        // nothing written
    } else if (layer == "ocsp") {
        out.protocol = "OCSP", out.clearInfo = true, out.info = name.ends_with("request") ? "Request" : "Response";
    } else if (layer == "x509af") {
        out.protocol = "PKIX-CRL", out.clearInfo = true, out.info = "Certificate Revocation List";
    } else if (layer == "pkixtsp") {
        out.protocol = "PKIXTSP", out.clearInfo = true, out.info = name.ends_with("query") ? "Query" : "Reply";
    } else if (layer == "cmp" && !name.ends_with("-poll")) {
        out.protocol = "CMP", out.clearInfo = true, out.info = "PKIXCMP";
    } else if (layer == "git") {
        out.protocol = "Git", out.clearInfo = true, out.info = "Git Smart Protocol";
    } else if (layer == "dns") {
        // DNS over HTTPS (RFC 8484), the message as DNS writes it.
        out.protocol = "DoH", out.clearInfo = true;
        out.readsPast = walk && !appendDnsInfo(out.info, reinterpret_cast<const uint8_t*>(body.data()), body.size());
    } else if (layer == "imf") {
        out.protocol = "/IMF", out.clearInfo = true, out.info = imfInfo(body);
    } else if (layer == "mp4") {
        if (!mp4Box(body))
            return out = {}, false;
        out.protocol = "MP4", out.clearInfo = true;
    } else if (layer == "tiff") {
        // A body that is no TIFF file goes to media, inside TIFF's layer.
        if (!body.starts_with(std::string_view("II*\0", 4)) && !body.starts_with(std::string_view("MM\0*", 4)))
            out.info = " (" + name + ")", out.child = "media";
    } else if (const ImageKind image = imageOf(layer); image != ImageKind::None) {
        ImageTake t = takeImage(image, body, walk);
        if (t.kind == ImageKind::None)
            return out = {}, false;
        out.info = " (" + t.name + ")";
        out.name = std::move(t.name);
        out.readsPast = t.readsPast;
    } else if (layer == "mime_multipart") {
        multipart(params, body, walk, out, depth);
    } else if (layer == "sipfrag") {
        // Its first line (to a NUL), and "..." when more lines follow.
        size_t lines = 0, at = 0, firstEnd = 0;
        while (at < body.size()) {
            size_t end = body.find_first_of("\r\n", at);
            const size_t lineEnd = end == std::string_view::npos ? body.size() : end;
            if (end != std::string_view::npos)
                end += body.substr(end).starts_with("\r\n") ? 2 : 1;
            if (lines++ == 0)
                firstEnd = lineEnd;
            at = end == std::string_view::npos ? body.size() : end;
        }
        const std::string_view first = body.substr(0, firstEnd);
        out.protocol = "/sipfrag";
        out.info = ", with Sipfrag(" + std::string(first.substr(0, first.find('\0'))) + (lines > 1 ? "...)" : ")");
    } else if (layer == "isup") {
        // ANSI's when the type's version or base names it (SIP-T), else ITU's.
        const bool ansi = startsNoCase(parameter(params, "version"), "ansi") || startsNoCase(parameter(params, "base"), "ansi");
        out.protocol = ansi ? "/ISUP(ANSI)" : "/ISUP(ITU)";
        if (body.empty())
            out.readsPast = walk; // (its message type is past the bytes)
        else
            out.info = ", ISUP:" + std::string(isupMessageName(static_cast<uint8_t>(body[0]), ansi));
    } else if (layer == "wbxml") {
        out.readsPast = walk && !wbxmlSummary(body, out.info);
    } else {
        // A dissector whose writing we do not model (WBXML, ISUP, ...): media's.
        out.info = " (" + name + ")";
    }
    return true;
}

// packet-multipart.c: the parts between "--BOUNDARY" lines, each read by its Content-Type's
// dissector (media when none takes it, data when it has no type), behind a fence: what a part's
// dissector clears is only what the parts wrote.
void multipart(std::string_view params, std::string_view body, bool walk, MediaWrite& out, int depth)
{
    const std::string_view boundary = parameter(params, "boundary");
    if (boundary.empty())
        out.layer = "text", out.child = "data"; // its note that the boundary is missing, then the bytes
    if (boundary.empty() || depth > 8)
        return;
    const std::string delimiter = "--" + std::string(boundary);
    size_t at = body.starts_with(delimiter) ? 0 : body.find("\r\n" + delimiter);
    if (at == std::string_view::npos)
        return;
    if (at > 0 || !body.starts_with(delimiter))
        at += 2;
    while (true) {
        size_t p = at + delimiter.size();
        if (body.substr(p).starts_with("--"))
            return; // the closing delimiter
        const size_t lineEnd = body.find("\r\n", p);
        if (lineEnd == std::string_view::npos)
            return;
        p = lineEnd + 2;
        const size_t next = body.find("\r\n" + delimiter, p);
        if (next == std::string_view::npos)
            return;
        const std::string_view part = body.substr(p, next - p);
        size_t headEnd = part.starts_with("\r\n") ? 0 : part.find("\r\n\r\n");
        std::string_view type, typeParams;
        if (headEnd != std::string_view::npos) {
            const std::string_view head = part.substr(0, headEnd);
            for (size_t l = 0; l < head.size();) {
                const size_t e = std::min(head.find("\r\n", l), head.size());
                const std::string_view line = head.substr(l, e - l);
                if (const size_t colon = line.find(':'); colon != std::string_view::npos && equalsNoCase(trimmedValue(line.substr(0, colon)), "content-type")) {
                    const std::string_view value = trimmedValue(line.substr(colon + 1));
                    const size_t semi = value.find(';');
                    type = trimmedValue(value.substr(0, semi));
                    typeParams = semi == std::string_view::npos ? std::string_view() : value.substr(semi);
                }
                l = e + 2;
            }
            headEnd += part.starts_with("\r\n") ? 2 : 4;
        } else {
            headEnd = part.size();
        }
        const std::string_view partBody = part.substr(headEnd);
        MediaWrite w;
        if (!type.empty() && !partBody.empty() && !write(type, typeParams, partBody, walk, w, depth + 1))
            w.info = " (" + lower(type) + ")"; // media
        if (!w.protocol.empty())
            out.protocol = w.protocol.front() == '/' ? out.protocol + w.protocol : w.protocol;
        out.info += w.info;
        if (w.readsPast) {
            out.readsPast = true;
            return;
        }
        at = next + 2;
    }
}

} // namespace

bool mediaWrite(std::string_view type, std::string_view params, std::string_view body, bool walk, MediaWrite& out)
{
    out = {};
    return write(type, params, body, walk, out, 0);
}

} // namespace synflow
