#include "proto/amqpinfo.h"

#include "decode/bytes.h"
#include "output/exceptiontext.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace synflow {
namespace {

constexpr uint8_t kFrameMethod = 1, kFrameHeader = 2, kFrameBody = 3, kFrameHeartbeat = 8;



std::string lowerCase(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return out;
}

struct Method {
    uint16_t id;
    const char* name;
    // The arguments Info names, in order: a number of bytes to step over, or a short string
    // (its label, or "" for one Info leaves out).
    const char* args = "";
};

struct Class {
    uint16_t id;
    const char* name;
    std::initializer_list<Method> methods;
    bool namesUnknown = true; // an unknown method is "Class.Unknown (N)"; else no Info at all
};

// tshark's tables; args: "2" skips two bytes, "s:x" writes "x=VALUE ", "s:" reads a string unnamed.
const Class kClasses[] = {
    {10, "Connection", {{10, "Start"}, {11, "Start-Ok"}, {20, "Secure"}, {21, "Secure-Ok"}, {30, "Tune"}, {31, "Tune-Ok"},
                        {40, "Open", "s:vhost"}, {41, "Open-Ok"}, {50, "Close", "2 s:reply"}, {51, "Close-Ok"},
                        {60, "Blocked"}, {61, "Unblocked"}}},
    {20, "Channel", {{10, "Open"}, {11, "Open-Ok"}, {20, "Flow"}, {21, "Flow-Ok"}, {40, "Close", "2 s:reply"},
                     {41, "Close-Ok"}, {50, "Resume"}, {60, "Ping"}, {70, "Pong"}, {80, "Ok"}}},
    {30, "Access", {{10, "Request"}, {11, "Request-Ok"}}, false},
    {40, "Exchange", {{10, "Declare", "2 s:x"}, {11, "Declare-Ok"}, {20, "Delete", "2 s:x"}, {21, "Delete-Ok"},
                      {30, "Bind", "2 s:dx s:sx s:bk"}, {31, "Bind-Ok"}, {40, "Unbind", "2 s:dx s:sx s:bk"},
                      {41, "Unbind-Ok"}}},
    {50, "Queue", {{10, "Declare", "2 s:q"}, {11, "Declare-Ok", "s:q"}, {20, "Bind", "2 s:q s:x s:bk"}, {21, "Bind-Ok"},
                   {30, "Purge", "2 s:q"}, {31, "Purge-Ok"}, {40, "Delete", "2 s:q"}, {41, "Delete-Ok"},
                   {50, "Unbind", "2 s:q s:x s:rk"}, {51, "Unbind-Ok"}}},
    {60, "Basic", {{10, "Qos"}, {11, "Qos-Ok"}, {20, "Consume", "2 s:q"}, {21, "Consume-Ok"}, {30, "Cancel"},
                   {31, "Cancel-Ok"}, {40, "Publish", "2 s:x s:rk"}, {50, "Return"},
                   {60, "Deliver", "s: 9 s:x s:rk"}, {70, "Get", "2 s:q"}, {71, "Get-Ok", "9 s:x s:rk"},
                   {72, "Get-Empty"}, {80, "Ack"}, {90, "Reject"}, {100, "Recover-Async"}, {110, "Recover"},
                   {111, "Recover-Ok"}, {120, "Nack"}}},
    {70, "File", {{10, "Qos"}, {11, "Qos-Ok"}, {20, "Consume"}, {21, "Consume-Ok"}, {30, "Cancel"}, {31, "Cancel-Ok"},
                  {40, "Open"}, {41, "Open-Ok"}, {50, "Stage"}, {60, "Publish"}, {70, "Return"}, {80, "Deliver"},
                  {90, "Ack"}, {100, "Reject"}}},
    {80, "Stream", {{10, "Qos"}, {11, "Qos-Ok"}, {20, "Consume"}, {21, "Consume-Ok"}, {30, "Cancel"}, {31, "Cancel-Ok"},
                    {40, "Publish"}, {50, "Return"}, {60, "Deliver"}}},
    {85, "Confirm", {{10, "Select"}, {11, "Select-Ok"}}, false},
    {90, "Tx", {{10, "Select"}, {11, "Select-Ok"}, {20, "Commit"}, {21, "Commit-Ok"}, {30, "Rollback"}, {31, "Rollback-Ok"}}},
    {100, "Dtx", {{10, "Select"}, {11, "Select-Ok"}, {20, "Start"}, {21, "Start-Ok"}}},
    {110, "Tunnel", {{10, "Request"}}, false},
};

// A method frame's Info from its payload p[0, n) (`whole`: all of the frame's bytes are there).
// Access.Request names itself after reading its arguments, the others before. False: a class or
// method tshark does not know, whose arguments it never reads.
bool methodInfo(std::string& info, const uint8_t* p, size_t n, bool whole)
{
    if (n < 4)
        return true;
    const uint16_t classId = uint16_t(loadBe16(p)), methodId = uint16_t(loadBe16(p + 2));
    const Class* c = nullptr;
    for (const Class& k : kClasses)
        if (k.id == classId)
            c = &k;
    if (!c)
        return false; // a class tshark does not know: no Info
    const Method* m = nullptr;
    for (const Method& k : c->methods)
        if (k.id == methodId)
            m = &k;
    if (!m) {
        if (c->namesUnknown)
            info += std::string(c->name) + ".Unknown (" + std::to_string(methodId) + ") ";
        return false;
    }
    const bool nameLast = classId == 30 && methodId == 10;
    if (!nameLast)
        info += std::string(c->name) + "." + m->name + " ";
    size_t off = 4;
    for (std::string_view args = m->args; !args.empty();) {
        const size_t space = args.find(' ');
        const std::string_view step = args.substr(0, space);
        args = space == std::string_view::npos ? std::string_view{} : args.substr(space + 1);
        if (step.starts_with("s:")) {
            if (off >= n || off + 1 + p[off] > n)
                return true;
            const std::string_view value(reinterpret_cast<const char*>(p + off + 1), p[off]);
            if (step.size() > 2)
                info += std::string(step.substr(2)) + "=" + std::string(value) + " ";
            off += 1 + p[off];
        } else {
            off += size_t(step[0] - '0');
        }
    }
    if (whole && nameLast)
        info += std::string(c->name) + "." + m->name + " ";
    return true;
}

bool isXmlType(std::string_view t)
{
    return t == "text/xml" || t == "application/xml" || t == "application/xml-dtd"
        || (t.starts_with("application/") && t.size() > 16 && t.ends_with("+xml"));
}

// What the media type's dissector adds for a body, as tshark's media table has it: text shown as
// lines names its type, JSON and XML name the protocol, others nothing.
void bodyMedia(AmqpSummary& s, const std::string& type)
{
    static constexpr std::string_view named[] = {"text/plain", "text/html", "text/css", "text/javascript", "text/richtext",
                                                 "text/enriched", "text/parameters", "application/x-www-form-urlencoded",
                                                 "message/http", "text/xml-external-parsed-entity"};
    static constexpr std::string_view json[] = {"application/json", "application/json-rpc", "application/jsonrequest",
                                                "application/x-ndjson", "application/problem+json"};
    if (std::find(std::begin(named), std::end(named), type) != std::end(named)) {
        s.info += " (" + type + ")";
    } else if (std::find(std::begin(json), std::end(json), type) != std::end(json)) {
        s.protocol += "/JSON";
        s.info += ", JavaScript Object Notation (" + type + ")";
    } else if (isXmlType(type)) {
        s.protocol += "/XML";
    } else if (type == "application/sdp") {
        s.protocol += "/SDP";
    }
}

// The content type a header frame's payload gives (its first property, as written), or none.
bool headerType(const uint8_t* p, size_t n, std::string& type)
{
    if (n < 15 || !(p[12] & 0x80) || 15 + size_t(p[14]) > n)
        return false;
    type.assign(reinterpret_cast<const char*>(p + 15), p[14]);
    return true;
}

} // namespace

AmqpVersion amqpHeaderVersion(const uint8_t* p, size_t n)
{
    if (n < 8 || std::memcmp(p, "AMQP", 4) != 0)
        return AmqpVersion::Unknown;
    if (p[5] == 1 && p[6] == 0 && p[7] == 0)
        return AmqpVersion::V1_0;
    if ((p[6] == 0 && p[7] == 9) || (p[5] == 0 && p[6] == 9)) // 0-9 ("AMQP" 1 1 0 9) and 0-9-1 ("AMQP" 0 0 9 1)
        return AmqpVersion::V0_9;
    if (p[6] == 0 && p[7] == 10)
        return AmqpVersion::V0_10;
    return AmqpVersion::Unknown;
}

bool amqpLooksLike09Frame(const uint8_t* p, size_t n, size_t reported)
{
    return n >= 7 && n == reported && uint64_t(loadBe32(p + 3)) + 8 == reported && p[n - 1] == 0xCE;
}

uint32_t amqpFrameLength(const uint8_t* p, size_t n)
{
    if (n >= 4 && std::memcmp(p, "AMQP", 4) == 0)
        return 8;
    if (n < 7)
        return 0;
    return uint32_t(std::min<uint64_t>(uint64_t(loadBe32(p + 3)) + 8, UINT32_MAX));
}

AmqpSummary amqp09Summary(const uint8_t* p, size_t n, size_t reported, AmqpChannelTypes& types, bool reassembling,
                          size_t kept)
{
    AmqpSummary s;
    const char* readPast = reassembling ? kMalformed : kUnreassembled;
    for (size_t off = 0; off < reported;) {
        if (off >= n) {
            s.info += kSizeLimited;
            s.layers += "_ws.short\n";
            break;
        }
        if (off + 7 > kept)
            break; // past what reassembly kept of a long message
        const uint8_t* f = p + off;
        const size_t have = n - off, left = reported - off, readable = std::min(have, kept - off);
        if (left >= 4 && have >= 4 && std::memcmp(f, "AMQP", 4) == 0) {
            if (have < 8) {
                s.info += left >= 8 ? kSizeLimited : readPast;
                s.layers += left >= 8 ? "_ws.short\n" : reassembling ? "_ws.malformed\n" : "_ws.unreassembled\n";
                break;
            }
            s.info += "Protocol-Header " + std::to_string(f[5]) + "-" + std::to_string(f[6]) + "-" + std::to_string(f[7]);
            s.layers += "amqp\n";
            off += 8;
            continue;
        }
        if (left < 7)
            break; // not even a frame header: nothing read
        if (have < 7) {
            s.info += kSizeLimited;
            s.layers += "_ws.short\n";
            break;
        }
        const uint64_t length = uint64_t(loadBe32(f + 3)) + 8;
        const char* cut = length > left ? readPast : length > have ? kSizeLimited : nullptr;
        bool reads = true; // the frame's bytes are read (so a cut one stops the dissection)
        const size_t payload = size_t(std::min<uint64_t>(length - 8, readable - 7));
        const uint16_t channel = uint16_t(loadBe16(f + 1));
        s.layers += "amqp\n";
        switch (f[0]) {
        case kFrameMethod:
            reads = methodInfo(s.info, f + 7, payload, !cut);
            break;
        case kFrameHeader:
            if (!cut) {
                std::string type;
                s.info += "Content-Header ";
                if (headerType(f + 7, payload, type))
                    s.info += "type=" + type + " ";
                types.known[channel] = lowerCase(type); // the media table is looked up in lower case
            }
            break;
        case kFrameBody:
            if (!cut) {
                s.info += "Content-Body ";
                if (const std::string& type = types.of(channel); !type.empty() && length > 8)
                    bodyMedia(s, type);
            }
            break;
        case kFrameHeartbeat:
            if (!cut)
                s.info += "Heartbeat ";
            break;
        default: reads = false; break; // a frame type 0-9-1 does not have: nothing read or written
        }
        if (cut) {
            if (reads) {
                s.info += cut;
                s.layers += cut == kSizeLimited ? "_ws.short\n" : reassembling ? "_ws.malformed\n" : "_ws.unreassembled\n";
            }
            break;
        }
        off += size_t(length);
    }
    return s;
}

void AmqpConversations::record(uint32_t stream, uint64_t recordOffset, uint16_t channel, const std::string& type)
{
    uint32_t index = UINT32_MAX;
    if (!type.empty()) {
        const auto [it, added] = typeIndex_.try_emplace(type, uint32_t(types_.size()));
        if (added)
            types_.push_back(type);
        index = it->second;
    }
    changes_[stream].push_back({recordOffset, channel, index});
}

void AmqpConversations::learn(uint32_t stream, uint64_t recordOffset, const uint8_t* p, size_t n)
{
    for (size_t off = 0; off + 7 <= n;) {
        if (std::memcmp(p + off, "AMQP", 4) == 0) {
            off += 8;
            continue;
        }
        const uint64_t length = uint64_t(loadBe32(p + off + 3)) + 8;
        if (length > n - off)
            return;
        if (p[off] == kFrameHeader) {
            std::string type;
            headerType(p + off + 7, size_t(length - 8), type);
            record(stream, recordOffset, uint16_t(loadBe16(p + off + 1)), lowerCase(type));
        }
        off += size_t(length);
    }
}

std::string AmqpConversations::typeBefore(uint32_t stream, uint64_t recordOffset, uint16_t channel) const
{
    const auto it = changes_.find(stream);
    if (it == changes_.end())
        return {};
    const std::vector<Change>& v = it->second;
    auto k = std::lower_bound(v.begin(), v.end(), recordOffset, [](const Change& c, uint64_t o) { return c.offset < o; });
    // The channel's last change; a body on a channel without any header is rare, so the look back is bounded.
    for (int steps = 0; k != v.begin() && steps < 4096; ++steps) {
        --k;
        if (k->channel == channel)
            return k->type == UINT32_MAX ? std::string() : types_[k->type];
    }
    return {};
}

const std::string& AmqpChannelTypes::of(uint16_t channel)
{
    if (const auto it = known.find(channel); it != known.end())
        return it->second;
    return known[channel] = before ? before(channel) : std::string();
}

} // namespace synflow
