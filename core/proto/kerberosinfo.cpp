#include "proto/kerberosinfo.h"

#include "output/exceptiontext.h"
#include "proto/ber.h"

#include <cstdio>
#include <iterator>

namespace synflow {

namespace {

const char* messageType(uint32_t t)
{
    switch (t) {
    case 1: return "Ticket";
    case 2: return "Authenticator";
    case 3: return "EncTicketPart";
    case 10: return "AS-REQ";
    case 11: return "AS-REP";
    case 12: return "TGS-REQ";
    case 13: return "TGS-REP";
    case 14: return "AP-REQ";
    case 15: return "AP-REP";
    case 16: return "TGT-REQ";
    case 17: return "TGT-REP";
    case 20: return "KRB-SAFE";
    case 21: return "KRB-PRIV";
    case 22: return "KRB-CRED";
    case 25: return "EncASRepPart";
    case 26: return "EncTGSRepPart";
    case 27: return "EncAPRepPart";
    case 28: return "EncKrbPrivPart";
    case 29: return "EncKrbCredPart";
    case 30: return "KRB-ERROR";
    default: return nullptr;
    }
}

const char* krbErrorName(uint32_t code)
{
    static const char* const kdc[] = {
        "KRB5KDC_ERR_NONE", "KRB5KDC_ERR_NAME_EXP", "KRB5KDC_ERR_SERVICE_EXP", "KRB5KDC_ERR_BAD_PVNO",
        "KRB5KDC_ERR_C_OLD_MAST_KVNO", "KRB5KDC_ERR_S_OLD_MAST_KVNO", "KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN",
        "KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN", "KRB5KDC_ERR_PRINCIPAL_NOT_UNIQUE", "KRB5KDC_ERR_NULL_KEY",
        "KRB5KDC_ERR_CANNOT_POSTDATE", "KRB5KDC_ERR_NEVER_VALID", "KRB5KDC_ERR_POLICY", "KRB5KDC_ERR_BADOPTION",
        "KRB5KDC_ERR_ETYPE_NOSUPP", "KRB5KDC_ERR_SUMTYPE_NOSUPP", "KRB5KDC_ERR_PADATA_TYPE_NOSUPP",
        "KRB5KDC_ERR_TRTYPE_NOSUPP", "KRB5KDC_ERR_CLIENT_REVOKED", "KRB5KDC_ERR_SERVICE_REVOKED",
        "KRB5KDC_ERR_TGT_REVOKED", "KRB5KDC_ERR_CLIENT_NOTYET", "KRB5KDC_ERR_SERVICE_NOTYET", "KRB5KDC_ERR_KEY_EXP",
        "KRB5KDC_ERR_PREAUTH_FAILED", "KRB5KDC_ERR_PREAUTH_REQUIRED", "KRB5KDC_ERR_SERVER_NOMATCH",
        "KRB5KDC_ERR_MUST_USE_USER2USER", "KRB5KDC_ERR_PATH_NOT_ACCEPTED", "KRB5KDC_ERR_SVC_UNAVAILABLE"};
    static const char* const ap[] = {
        "KRB5KRB_AP_ERR_BAD_INTEGRITY", "KRB5KRB_AP_ERR_TKT_EXPIRED", "KRB5KRB_AP_ERR_TKT_NYV", "KRB5KRB_AP_ERR_REPEAT",
        "KRB5KRB_AP_ERR_NOT_US", "KRB5KRB_AP_ERR_BADMATCH", "KRB5KRB_AP_ERR_SKEW", "KRB5KRB_AP_ERR_BADADDR",
        "KRB5KRB_AP_ERR_BADVERSION", "KRB5KRB_AP_ERR_MSG_TYPE", "KRB5KRB_AP_ERR_MODIFIED", "KRB5KRB_AP_ERR_BADORDER",
        "KRB5KRB_AP_ERR_ILL_CR_TKT", "KRB5KRB_AP_ERR_BADKEYVER", "KRB5KRB_AP_ERR_NOKEY", "KRB5KRB_AP_ERR_MUT_FAIL",
        "KRB5KRB_AP_ERR_BADDIRECTION", "KRB5KRB_AP_ERR_METHOD", "KRB5KRB_AP_ERR_BADSEQ", "KRB5KRB_AP_ERR_INAPP_CKSUM",
        "KRB5KDC_AP_PATH_NOT_ACCEPTED", "KRB5KRB_ERR_RESPONSE_TOO_BIG"};
    static const char* const pkinit[] = {
        "KRB5KRB_ERR_GENERIC", "KRB5KRB_ERR_FIELD_TOOLONG", "KDC_ERROR_CLIENT_NOT_TRUSTED", "KDC_ERROR_KDC_NOT_TRUSTED",
        "KDC_ERROR_INVALID_SIG", "KDC_ERR_KEY_TOO_WEAK", "KDC_ERR_CERTIFICATE_MISMATCH", "KRB_AP_ERR_NO_TGT",
        "KDC_ERR_WRONG_REALM", "KRB_AP_ERR_USER_TO_USER_REQUIRED", "KDC_ERR_CANT_VERIFY_CERTIFICATE",
        "KDC_ERR_INVALID_CERTIFICATE", "KDC_ERR_REVOKED_CERTIFICATE", "KDC_ERR_REVOCATION_STATUS_UNKNOWN",
        "KDC_ERR_REVOCATION_STATUS_UNAVAILABLE", "KDC_ERR_CLIENT_NAME_MISMATCH", "KDC_ERR_KDC_NAME_MISMATCH"};
    if (code < std::size(kdc))
        return kdc[code];
    if (code >= 31 && code < 31 + std::size(ap))
        return ap[code - 31];
    if (code >= 60 && code < 60 + std::size(pkinit))
        return pkinit[code - 60];
    return nullptr;
}

char* hexText(char* buf, size_t size, uint32_t v)
{
    std::snprintf(buf, size, "%#x", v);
    return buf;
}

} // namespace

bool startsKerberosMessage(const uint8_t* p, size_t n)
{
    return n >= 1 && (p[0] & 0xe0) == 0x60 && messageType(p[0] & 0x1f);
}

std::string kerberosInfo(const uint8_t* p, size_t n, size_t reported)
{
    // The application tag, its SEQUENCE, then the fields by their context tags: msg-type is [2]
    // in a KDC request, [1] elsewhere; a KRB-ERROR's code is [6].
    const uint8_t app = p[0] & 0x1f;
    const uint8_t typeTag = app == 10 || app == 12 ? 0xa2 : 0xa1;
    std::string info;
    ber::Element outer, seq, field, value;
    size_t at = 0;
    const auto cut = [&]() { return info + (n < reported ? kSizeLimited : kMalformed); };
    if (ber::element(p, n, reported, at, outer) != ber::Read::Ok)
        return cut();
    at = outer.start;
    if (ber::element(p, n, outer.end, at, seq) != ber::Read::Ok)
        return cut();
    for (at = seq.start; at < seq.end;) {
        if (ber::element(p, n, seq.end, at, field) != ber::Read::Ok)
            return cut();
        if (field.tag == typeTag || (app == 30 && field.tag == 0xa6)) {
            if (ber::element(p, n, field.end, field.start, value) != ber::Read::Ok || value.end > n)
                return cut();
            const uint32_t v = ber::unsignedValue(p, value);
            char buf[32];
            if (field.tag == typeTag) {
                const char* name = messageType(v);
                info = name ? name : std::string("Unknown msg type ") + hexText(buf, sizeof buf, v);
            } else {
                const char* name = krbErrorName(v);
                info = std::string("KRB Error: ") + (name ? name : std::string("Unknown error code ") + hexText(buf, sizeof buf, v));
                break;
            }
            if (app != 30)
                break;
        }
        at = field.end;
    }
    // The rest of the message is read too: the capture's end stops that.
    if (outer.end > n)
        info += kSizeLimited;
    return info;
}

uint32_t kerberosRecordLength(const uint8_t* p, size_t n)
{
    if (n < 4)
        return 0;
    const uint32_t mark = uint32_t(p[0] & 0x7f) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
    return mark > UINT32_MAX - 4 ? 0 : mark + 4;
}

} // namespace synflow
