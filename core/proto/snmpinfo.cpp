#include "proto/snmpinfo.h"

#include "output/exceptiontext.h"
#include "proto/ber.h"

#include <string_view>

namespace synflow {

namespace {

using ber::Element;
using ber::Read;
using ber::element;
using ber::oidText;

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
            r.oids += " " + ber::rootNamedOid(oidText(r.p + e.start, e.end - e.start));
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
        info = r.oids.empty() ? kMalformed : r.oids + kMalformed;
    return true;
}

} // namespace synflow
