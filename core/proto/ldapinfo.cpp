#include "proto/ldapinfo.h"

#include "output/exceptiontext.h"
#include "output/textformat.h"
#include "proto/ber.h"

#include <string_view>

namespace synflow {

namespace {

using ber::Element;
using ber::Read;


const char* operationName(uint8_t tag)
{
    switch (tag & 0x1f) {
    case 0: return "bindRequest";
    case 1: return "bindResponse";
    case 2: return "unbindRequest";
    case 3: return "searchRequest";
    case 4: return "searchResEntry";
    case 5: return "searchResDone";
    case 6: return "modifyRequest";
    case 7: return "modifyResponse";
    case 8: return "addRequest";
    case 9: return "addResponse";
    case 10: return "delRequest";
    case 11: return "delResponse";
    case 12: return "modDNRequest";
    case 13: return "modDNResponse";
    case 14: return "compareRequest";
    case 15: return "compareResponse";
    case 16: return "abandonRequest";
    case 19: return "searchResRef";
    case 23: return "extendedReq";
    case 24: return "extendedResp";
    case 25: return "intermediateResponse";
    default: return nullptr;
    }
}

const char* resultName(uint32_t code)
{
    switch (code) {
    case 0: return "success";
    case 1: return "operationsError";
    case 2: return "protocolError";
    case 3: return "timeLimitExceeded";
    case 4: return "sizeLimitExceeded";
    case 5: return "compareFalse";
    case 6: return "compareTrue";
    case 7: return "authMethodNotSupported";
    case 8: return "strongAuthRequired";
    case 10: return "referral";
    case 11: return "adminLimitExceeded";
    case 12: return "unavailableCriticalExtension";
    case 13: return "confidentialityRequired";
    case 14: return "saslBindInProgress";
    case 16: return "noSuchAttribute";
    case 17: return "undefinedAttributeType";
    case 18: return "inappropriateMatching";
    case 19: return "constraintViolation";
    case 20: return "attributeOrValueExists";
    case 21: return "invalidAttributeSyntax";
    case 32: return "noSuchObject";
    case 33: return "aliasProblem";
    case 34: return "invalidDNSyntax";
    case 36: return "aliasDereferencingProblem";
    case 48: return "inappropriateAuthentication";
    case 49: return "invalidCredentials";
    case 50: return "insufficientAccessRights";
    case 51: return "busy";
    case 52: return "unavailable";
    case 53: return "unwillingToPerform";
    case 54: return "loopDetect";
    case 64: return "namingViolation";
    case 65: return "objectClassViolation";
    case 66: return "notAllowedOnNonLeaf";
    case 67: return "notAllowedOnRDN";
    case 68: return "entryAlreadyExists";
    case 69: return "objectClassModsProhibited";
    case 71: return "affectsMultipleDSAs";
    case 80: return "other";
    case 118: return "canceled";
    case 119: return "noSuchOperation";
    case 120: return "tooLate";
    case 121: return "cannotCancel";
    default: return nullptr;
    }
}

// The names tshark's OID table gives the extended operations; others by their first arc.
std::string oidName(std::string_view oid)
{
    static const struct {
        const char* oid;
        const char* name;
    } names[] = {{"1.3.6.1.4.1.1466.20037", "LDAP_START_TLS_OID"},
                 {"1.3.6.1.4.1.4203.1.11.1", "passwdModifyOID"},
                 {"1.3.6.1.1.8", "cancelRequestOID"},
                 {"1.2.840.113556.1.4.1781", "LDAP_SERVER_FAST_BIND_OID"}};
    for (const auto& n : names)
        if (oid == n.oid)
            return n.name;
    if (oid.empty() || oid.find_first_not_of("0123456789.") != std::string_view::npos)
        return {};
    return ber::rootNamedOid(std::string(oid));
}

// One message, read as tshark's generated LDAP dissector writes its Info: the operation and
// message ID go in front of the first thing that names the message, or at its end.
class MessageReader {
public:
    MessageReader(const uint8_t* p, size_t cap, size_t end) : p_(p), cap_(cap), end_(end) {}

    // False when the capture ended inside a field the Info needed.
    bool read(std::string& info)
    {
        Element message, id, op;
        size_t at = 0;
        if (!step(end_, at, message, false) || !step(message.end, at, id, true))
            return false;
        id_ = ber::unsignedValue(p_, id);
        if (!step(message.end, at, op, false))
            return false;
        name_ = operationName(op.tag);
        if (!name_) {
            info_ = "Unknown (" + std::to_string(op.tag & 0x1f) + ")";
            info += info_;
            return true;
        }
        const bool primitive = !(op.tag & 0x20);
        const bool ok = primitive ? readPrimitive(op) : readConstructed(op);
        if (ok)
            operation(); // what names nothing still shows the operation
        info += info_;
        return ok;
    }

private:
    bool step(size_t end, size_t& at, Element& e, bool primitive)
    {
        const Read r = ber::element(p_, cap_, end, at, e);
        if (r != Read::Ok || (primitive && e.end > cap_))
            return false;
        at = primitive ? e.end : e.start;
        return true;
    }
    void operation()
    {
        if (written_)
            return;
        info_ += std::string(name_) + "(" + std::to_string(id_) + ") ";
        written_ = true;
    }
    void quoted(const Element& e)
    {
        operation();
        info_ += '"';
        if (e.end == e.start)
            info_ += "<ROOT>";
        else
            appendEscapedText(info_, std::string_view(reinterpret_cast<const char*>(p_ + e.start), e.end - e.start));
        info_ += "\" ";
    }
    void result(const Element& code)
    {
        operation();
        const uint32_t v = ber::unsignedValue(p_, code);
        const char* name = resultName(v);
        info_ += (name ? std::string(name) : "Unknown result(" + std::to_string(v) + ")") + " ";
    }
    void oid(const Element& e)
    {
        const std::string name = oidName(std::string_view(reinterpret_cast<const char*>(p_ + e.start), e.end - e.start));
        if (!name.empty()) {
            operation();
            info_ += name + " ";
        }
    }
    // An LDAPResult's code, matched DN and message; `extended`: tshark writes no code there.
    bool readResult(const Element& op, size_t& at, bool extended)
    {
        Element code, matched, message;
        if (!step(op.end, at, code, true))
            return false;
        if (!extended)
            result(code);
        if (!step(op.end, at, matched, true))
            return false;
        operation();
        if (!step(op.end, at, message, true))
            return false;
        if (message.end > message.start) {
            info_ += '(';
            appendEscapedText(info_, std::string_view(reinterpret_cast<const char*>(p_ + message.start), message.end - message.start));
            info_ += ") ";
        }
        return true;
    }
    bool readPrimitive(const Element& op)
    {
        if (op.end > cap_)
            return false;
        switch (op.tag & 0x1f) {
        case 10: quoted(op); break;                  // delRequest: the DN itself
        case 16: id_ = ber::unsignedValue(p_, op); break;  // abandonRequest: the ID it abandons, shown as the message's
        default: break;
        }
        return true;
    }
    bool readConstructed(const Element& op)
    {
        size_t at = op.start;
        Element e;
        switch (op.tag & 0x1f) {
        case 0: { // bindRequest: version, name, authentication
            if (!step(op.end, at, e, true) || !step(op.end, at, e, true))
                return false;
            quoted(e);
            if (!step(op.end, at, e, true))
                return false;
            const uint8_t choice = e.tag & 0x1f;
            if (choice == 10 || choice == 11)
                return true; // NTLMSSP writes its own
            info_ += choice == 0 ? "simple " : choice == 3 ? "sasl " : choice == 9 ? "sicilyPackageDiscovery " : "Unknown auth(" + std::to_string(choice) + ") ";
            return true;
        }
        case 3: { // searchRequest: base, scope
            if (!step(op.end, at, e, true))
                return false;
            quoted(e);
            if (!step(op.end, at, e, true))
                return false;
            const uint32_t scope = ber::unsignedValue(p_, e);
            static const char* const scopes[] = {"baseObject", "singleLevel", "wholeSubtree"};
            info_ += (scope < 3 ? std::string(scopes[scope]) : "Unknown scope(" + std::to_string(scope) + ")") + " ";
            return true;
        }
        case 4: case 6: case 8: case 12: case 14: // the entry's DN first
            if (!step(op.end, at, e, true))
                return false;
            quoted(e);
            return true;
        case 1: case 5: case 7: case 9: case 11: case 13: case 15:
            if (!readResult(op, at, false))
                return false;
            if ((op.tag & 0x1f) == 5)
                info_ += kLdapResultsMark;
            return true;
        case 19: // searchResRef: its URLs are read (not shown) before the operation is named
            while (at < op.end)
                if (!step(op.end, at, e, true))
                    return false;
            return true;
        case 23: // extendedReq: the request's name
            if (!step(op.end, at, e, true))
                return false;
            oid(e);
            return true;
        case 24: // extendedResp: no code, a message, then the response's name
            if (!readResult(op, at, true))
                return false;
            while (at < op.end && step(op.end, at, e, true))
                if ((e.tag & 0x1f) == 10)
                    oid(e);
            return true;
        case 25: // intermediateResponse: its name
            if (at < op.end && step(op.end, at, e, true) && (e.tag & 0x1f) == 0)
                oid(e);
            return true;
        default: return true;
        }
    }

    const uint8_t* p_;
    size_t cap_, end_;
    uint32_t id_ = 0;
    const char* name_ = nullptr;
    bool written_ = false;
    std::string info_;
};

size_t headerLength(const uint8_t* p)
{
    return p[1] & 0x80 ? 2 + (p[1] & 0x7f) : 2;
}

} // namespace

uint32_t ldapMessageLength(const uint8_t* p, size_t n)
{
    if (n < 2)
        return 0;
    Element e;
    if (ber::element(p, n, SIZE_MAX / 2, 0, e) != Read::Ok)
        return 0;
    return e.end > UINT32_MAX ? 0 : uint32_t(e.end);
}

bool ldapSearchEntry(const uint8_t* p, size_t n)
{
    // The message's SEQUENCE, its ID, then the operation's tag: [APPLICATION 4] constructed.
    Element message, id, op;
    return ber::element(p, n, n, 0, message) == Read::Ok && ber::element(p, n, message.end, message.start, id) == Read::Ok
        && id.tag == 0x02 && ber::element(p, n, message.end, id.end, op) == Read::Ok && op.tag == 0x64;
}

std::string ldapInfo(const uint8_t* p, size_t n, size_t reported)
{
    std::string info;
    for (size_t off = 0; off < reported;) {
        if (off >= n) { // TCP reads on for the next message's length: the capture ended first
            info += kSizeLimited;
            break;
        }
        const uint32_t len = ldapMessageLength(p + off, n - off);
        if (len == 0) {
            // TCP's reading of the next message's length ran out of bytes.
            if (n - off < 2 || (p[off + 1] & 0x80 && n - off < headerLength(p + off)))
                info += n < reported ? kSizeLimited : kUnreassembled;
            break;
        }
        if (off)
            info += " | "; // each message after the first, fenced off
        const size_t end = off + len;
        // Fewer than six bytes, or contents shorter than four: LDAP gives up on it quietly.
        if (n - off >= 6 && len - headerLength(p + off) >= 4) {
            MessageReader r(p + off, std::min(n, end) - off, len);
            if (!r.read(info) || end > n) {
                // tshark's reading stopped at the capture's end, else at the segment's.
                info += n < reported ? kSizeLimited : kUnreassembled;
                break;
            }
        } else if (end > n) {
            break; // TCP goes no further than a message the capture cut
        }
        off = end;
    }
    return info;
}

std::string cldapInfo(const uint8_t* p, size_t n, size_t reported)
{
    std::string info;
    for (size_t off = 0; off < reported && off < n;) {
        const uint32_t len = ldapMessageLength(p + off, n - off);
        if (len == 0 || n - off < 6 || len - headerLength(p + off) < 4)
            break;
        const size_t end = off + len;
        MessageReader r(p + off, std::min(n, end) - off, len);
        if (!r.read(info) || end > n) {
            // A message longer than the datagram: BER's complaint about its SEQUENCE.
            info += n < reported ? kSizeLimited : "[Malformed Packet: length of contained item exceeds length of containing item]";
            break;
        }
        off = end;
    }
    return info;
}

uint32_t cldapEntries(const uint8_t* p, size_t n)
{
    uint32_t entries = 0;
    for (size_t off = 0; off < n;) {
        const uint32_t len = ldapMessageLength(p + off, n - off);
        if (len == 0 || len > n - off)
            break;
        entries += ldapSearchEntry(p + off, len);
        off += len;
    }
    return entries;
}

void fillLdapResults(std::string& info, uint32_t entries)
{
    for (size_t at = info.find(kLdapResultsMark); at != std::string::npos; at = info.find(kLdapResultsMark, at))
        info.replace(at, 1, " [" + std::to_string(entries) + (entries == 1 ? " result]" : " results]"));
}

} // namespace synflow
