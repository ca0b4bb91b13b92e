#include "proto/snmpinfo.h"

#include "output/exceptiontext.h"

#include <string_view>

namespace synflow {

namespace {

// One BER element at `o`: its tag, where its contents start and end. Its header must be in the
// captured bytes p[0, cap) and it must fit in `end`, what holds it; its contents may run past
// `cap` (the capture cut them).
struct Element {
    uint8_t tag = 0;
    size_t start = 0, end = 0;
};

enum class Read { Ok, Cut, Bad };

Read element(const uint8_t* p, size_t cap, size_t end, size_t o, Element& e)
{
    if (o + 2 > end)
        return Read::Bad;
    if (o + 2 > cap)
        return Read::Cut;
    e.tag = p[o];
    size_t len = p[o + 1], at = o + 2;
    if (len & 0x80) { // long form
        const size_t bytes = len & 0x7f;
        if (bytes == 0 || bytes > 4 || at + bytes > end)
            return Read::Bad;
        if (at + bytes > cap)
            return Read::Cut;
        len = 0;
        for (size_t k = 0; k < bytes; ++k)
            len = len << 8 | p[at + k];
        at += bytes;
    }
    if (at + len > end)
        return Read::Bad;
    e.start = at;
    e.end = at + len;
    return Read::Ok;
}

std::string oidText(const uint8_t* p, size_t n)
{
    std::string out;
    uint64_t value = 0;
    bool first = true;
    for (size_t i = 0; i < n; ++i) {
        value = value << 7 | (p[i] & 0x7f);
        if (p[i] & 0x80)
            continue;
        if (first) {
            const uint64_t a = value < 40 ? 0 : value < 80 ? 1 : 2;
            out = std::to_string(a) + "." + std::to_string(value - 40 * a);
            first = false;
        } else {
            out += "." + std::to_string(value);
        }
        value = 0;
    }
    return out;
}

const char* pduName(uint8_t tag)
{
    static const char* const names[] = {"get-request", "get-next-request", "get-response", "set-request", "trap",
                                        "getBulkRequest", "informRequest", "snmpV2-trap", "report"};
    return tag >= 0xa0 && tag <= 0xa8 ? names[tag - 0xa0] : nullptr;
}

// Reads the message as tshark does: what it wrote to the Info column so far, and how it ended.
// The PDU's name goes first, but is written last: a message cut inside its bindings shows only
// the identifiers read before the cut.
struct Reading {
    const uint8_t* p;
    size_t cap;
    std::string oids;
    Read result = Read::Ok;
    bool pduReached = false;

    bool step(size_t end, size_t& at, Element& e, bool primitive)
    {
        result = element(p, cap, end, at, e);
        if (result == Read::Ok && primitive && e.end > cap)
            result = Read::Cut;
        if (result != Read::Ok)
            return false;
        at = primitive ? e.end : e.start;
        return true;
    }
};

std::string readPdu(Reading& r, size_t end, size_t at)
{
    Element pdu, e;
    if (!r.step(end, at, pdu, false))
        return {};
    r.pduReached = true; // SNMP clears the Info column here
    const char* name = pduName(pdu.tag);
    if (!name) {
        r.result = Read::Bad;
        return {};
    }
    const int fields = pdu.tag == 0xa4 ? 5 : 3; // a version 1 trap's enterprise ... time stamp; request ID, error status, index
    for (int k = 0; k < fields; ++k) {
        if (!r.step(pdu.end, at, e, true))
            return {};
        if (k == 0 && pdu.tag == 0xa4 && e.tag == 0x06) { // the enterprise, by its first arc's name
            static const char* const roots[] = {"itu-t", "iso", "joint-iso-itu-t"};
            const std::string oid = oidText(r.p + e.start, e.end - e.start);
            const unsigned root = unsigned(oid[0] - '0');
            r.oids += " " + (root < 3 && oid.size() > 1 && oid[1] == '.' ? std::string(roots[root]) + oid.substr(1) : oid);
        }
    }
    Element list;
    if (!r.step(pdu.end, at, list, false))
        return {};
    for (size_t b = list.start; b < list.end;) {
        Element binding, oid, value;
        size_t in = b;
        if (!r.step(list.end, in, binding, false) || !r.step(binding.end, in, oid, true))
            return {};
        if (!r.step(binding.end, in, value, true))
            return {};
        if (oid.tag == 0x06) // written once its value was read
            r.oids += " " + oidText(r.p + oid.start, oid.end - oid.start);
        b = binding.end;
    }
    return std::string(name) + r.oids;
}

std::string readMessage(Reading& r, size_t n)
{
    Element message, version, e;
    size_t at = 0;
    if (!r.step(n, at, message, false) || !r.step(message.end, at, version, true))
        return {};
    const uint8_t v = version.end > version.start ? r.p[version.end - 1] : 0;
    if (v == 3) {
        // Header data, security parameters, then the scoped PDU (a plain one: engine ID, context).
        if (!r.step(message.end, at, e, true) || !r.step(message.end, at, e, true))
            return {};
        Element scoped;
        if (!r.step(message.end, at, scoped, false))
            return {};
        if (scoped.tag != 0x30)
            return "encryptedPDU: privKey Unknown";
        if (!r.step(scoped.end, at, e, true) || !r.step(scoped.end, at, e, true))
            return {};
        return readPdu(r, scoped.end, at);
    }
    if (!r.step(message.end, at, e, true)) // community
        return {};
    return readPdu(r, message.end, at);
}

} // namespace

bool snmpInfo(const uint8_t* p, size_t n, size_t reported, std::string& info)
{
    if (n < 5 || p[0] != 0x30) {
        if (n < reported && n >= 1 && p[0] == 0x30)
            info += kSizeLimited; // SNMP read past the capture before it named the datagram
        return false;
    }
    Reading r{p, n, {}};
    const std::string read = readMessage(r, reported);
    if (r.result == Read::Ok)
        info = read;
    else if (r.result == Read::Cut) // what was written before the cut (else UDP's Info stays), then why
        info = (r.pduReached ? r.oids : info) + kSizeLimited;
    else
        info = r.oids.empty() ? "[Malformed Packet]" : r.oids + "[Malformed Packet]";
    return true;
}

} // namespace synflow
