// TLS in the detail tree: each record's type, version and length; handshake messages with the
// hello's version, random, session id, cipher suites and extensions (SNI, ALPN, groups,
// signature algorithms, supported versions, key shares), as tshark -V shows them.
#include "fields/fieldregistry.h"
#include "proto/conversationprotocols.h"
#include "proto/quicinfo.h"
#include "tree/apptree.h"
#include "tree/appvaluenames.h"
#include "tree/md5.h"

#include <ctime>
#include <vector>

namespace synflow {
namespace {

using apptext::fmt;

std::string versionName(uint16_t v)
{
    const char* n = appnames::tlsVersions(v);
    if (!n && (v & 0x0f0f) == 0x0a0a)
        n = "Reserved (GREASE)";
    return fmt("%s (0x%04x)", n ? n : "Unknown", v);
}

// "TLSv1.2" for the record layer's heading.
const char* shortVersion(uint16_t v)
{
    switch (v) {
    case 0x0300: return "SSLv3";
    case 0x0301: return "TLSv1";
    case 0x0302: return "TLSv1.1";
    case 0x0303: return "TLSv1.2";
    case 0x0304: return "TLSv1.3";
    default: return "SSL";
    }
}

std::string namedAs(const char* name, uint32_t v, const char* numberFormat = "%u")
{
    return fmt("%s (", name ? name : "Unknown") + fmt(numberFormat, v) + ")";
}

std::string handshakeName(uint8_t t)
{
    const char* n = appnames::tlsHandshakeTypes(t);
    return n ? n : "Encrypted Handshake Message";
}

std::string groupName(uint16_t g)
{
    const char* n = appnames::tlsGroups(g);
    if (!n && (g & 0x0f0f) == 0x0a0a)
        n = "Reserved (GREASE)";
    return n ? n : "Unknown";
}

void extensionBody(AppTree& a, int32_t x, uint16_t type, uint32_t o, uint32_t len, bool clientHello)
{
    const uint8_t* p = a.data();
    const uint32_t end = o + len;
    switch (type) {
    case 0: { // server_name
        if (len == 0)
            return;
        const int32_t s = a.add(x, "Server Name Indication extension", o, len);
        if (len < 2)
            return;
        a.add(s, fmt("Server Name list length: %u", loadBe16(p + o)), o, 2);
        for (uint32_t i = o + 2; i + 3 <= end;) {
            const uint16_t n = loadBe16(p + i + 1);
            a.add(s, "Server Name Type: " + namedAs(appnames::tlsServerNameTypes(p[i]), p[i]), i, 1);
            a.add(s, fmt("Server Name length: %u", n), i + 1, 2);
            if (i + 3 + n > end)
                return;
            a.add(s, findField("tls.handshake.extensions_server_name"), applabel::field("Server Name", a.text(i + 3, n)), i + 3, n);
            i += 3 + n;
        }
        return;
    }
    case 16: { // application_layer_protocol_negotiation
        if (len < 2)
            return;
        a.add(x, fmt("ALPN Extension Length: %u", loadBe16(p + o)), o, 2);
        const int32_t l = a.add(x, "ALPN Protocol", o + 2, len - 2);
        for (uint32_t i = o + 2; i + 1 <= end && i + 1 + p[i] <= end; i += 1 + p[i]) {
            a.add(l, fmt("ALPN string length: %u", p[i]), i, 1);
            a.add(l, findField("tls.handshake.extensions_alpn_str"), applabel::field("ALPN Next Protocol", a.text(i + 1, p[i])), i + 1, p[i]);
        }
        return;
    }
    case 10: { // supported_groups
        if (len < 2)
            return;
        const uint16_t n = loadBe16(p + o);
        a.add(x, fmt("Supported Groups List Length: %u", n), o, 2);
        const int32_t g = a.add(x, fmt("Supported Groups (%u group%s)", n / 2, n / 2 == 1 ? "" : "s"), o + 2, n);
        for (uint32_t i = o + 2; i + 2 <= end && i + 2 <= o + 2 + n; i += 2)
            a.add(g, "Supported Group: " + groupName(loadBe16(p + i)) + fmt(" (0x%04x)", loadBe16(p + i)), i, 2);
        return;
    }
    case 11: { // ec_point_formats
        if (len < 1)
            return;
        a.add(x, fmt("EC point formats Length: %u", p[o]), o, 1);
        const int32_t f = a.add(x, fmt("Elliptic curves point formats (%u)", p[o]), o + 1, p[o]);
        for (uint32_t i = o + 1; i < end && i < o + 1u + p[o]; ++i)
            a.add(f, "EC point format: " + namedAs(appnames::tlsEcPointFormats(p[i]), p[i]), i, 1);
        return;
    }
    case 13:   // signature_algorithms
    case 34: { // delegated_credentials: the same list
        if (len < 2)
            return;
        const uint16_t n = loadBe16(p + o);
        a.add(x, fmt("Signature Hash Algorithms Length: %u", n), o, 2);
        const int32_t s = a.add(x, fmt("Signature Hash Algorithms (%u algorithm%s)", n / 2, n / 2 == 1 ? "" : "s"), o + 2, n);
        for (uint32_t i = o + 2; i + 2 <= end && i + 2 <= o + 2 + n; i += 2) {
            const uint16_t v = loadBe16(p + i);
            const char* name = appnames::tlsSignatureAlgorithms(v);
            // Without a name of its own, an algorithm is called by its hash and signature.
            std::string algName = name ? name : "";
            if (!name) {
                const char* hash = appnames::tlsSignatureHashes(p[i]);
                const char* sig = appnames::tlsSignatureSignatures(p[i + 1]);
                algName = std::string(hash ? hash : "Unknown") + " " + (sig ? sig : "Unknown");
            }
            const int32_t alg = a.add(s, "Signature Algorithm: " + algName + fmt(" (0x%04x)", v), i, 2);
            a.add(alg, "Signature Hash Algorithm Hash: " + namedAs(appnames::tlsSignatureHashes(p[i]), p[i]), i, 1);
            a.add(alg, "Signature Hash Algorithm Signature: " + namedAs(appnames::tlsSignatureSignatures(p[i + 1]), p[i + 1]), i + 1, 1);
        }
        return;
    }
    case 57: { // quic_transport_parameters: QUIC variable-length integers
        static const char* const names[] = {"original_destination_connection_id", "max_idle_timeout", "stateless_reset_token",
                                            "max_udp_payload_size", "initial_max_data", "initial_max_stream_data_bidi_local",
                                            "initial_max_stream_data_bidi_remote", "initial_max_stream_data_uni",
                                            "initial_max_streams_bidi", "initial_max_streams_uni", "ack_delay_exponent",
                                            "max_ack_delay", "disable_active_migration", "preferred_address",
                                            "active_connection_id_limit", "initial_source_connection_id",
                                            "retry_source_connection_id"};
        auto varint = [&](uint32_t& at, uint64_t& v) {
            size_t pos = at;
            const bool ok = quicVarint(p, end, pos, v);
            at = uint32_t(pos);
            return ok;
        };
        for (uint32_t i = o; i < end;) {
            const uint32_t start = i;
            uint64_t id = 0, n = 0;
            if (!varint(i, id) || !varint(i, n) || end - i < n)
                return;
            const char* name = id < std::size(names) ? names[id] : nullptr;
            // The integer parameters show their value (and unit) in the heading.
            const bool integer = id == 0x01 || (id >= 0x03 && id <= 0x0b) || id == 0x0e;
            uint32_t vi = i;
            uint64_t value = 0;
            const bool read = integer && varint(vi, value) && vi == i + n;
            std::string heading = fmt("Parameter: %s (len=%llu)", name ? name : "Unknown", (unsigned long long)n);
            if (read)
                heading += fmt(" %llu%s", (unsigned long long)value, id == 0x01 || id == 0x0b ? " ms" : "");
            const int32_t pn = a.add(x, heading, start, uint32_t(i + n - start));
            a.add(pn, fmt("Type: %s (0x%02llx)", name ? name : "Unknown", (unsigned long long)id), start, 1);
            a.add(pn, fmt("Length: %llu", (unsigned long long)n));
            if (n)
                a.add(pn, "Value: " + apptext::hex(p + i, size_t(n)), i, uint32_t(n));
            if (read)
                a.add(pn, fmt("%s: %llu", name, (unsigned long long)value), i, uint32_t(n));
            i += uint32_t(n);
        }
        return;
    }
    case 43: { // supported_versions
        uint32_t i = o;
        if (clientHello) {
            if (len < 1)
                return;
            a.add(x, fmt("Supported Versions length: %u", p[o]), o, 1);
            i = o + 1;
        }
        for (; i + 2 <= end; i += 2)
            a.add(x, "Supported Version: " + versionName(loadBe16(p + i)), i, 2);
        return;
    }
    case 45: { // psk_key_exchange_modes
        if (len < 1)
            return;
        a.add(x, fmt("PSK Key Exchange Modes Length: %u", p[o]), o, 1);
        for (uint32_t i = o + 1; i < end && i < o + 1u + p[o]; ++i)
            a.add(x, "PSK Key Exchange Mode: " + namedAs(appnames::tlsPskKeModes(p[i]), p[i]), i, 1);
        return;
    }
    case 51: { // key_share
        const int32_t k = a.add(x, "Key Share extension", o, len);
        uint32_t i = o;
        if (clientHello) {
            if (len < 2)
                return;
            a.add(k, fmt("Client Key Share Length: %u", loadBe16(p + o)), o, 2);
            i = o + 2;
        }
        for (; i + 4 <= end;) {
            const uint16_t g = loadBe16(p + i), n = loadBe16(p + i + 2);
            const std::string entryGroup = groupName(g) == "Unknown" ? fmt("Unknown (%u)", g) : groupName(g);
            const int32_t e = a.add(k, fmt("Key Share Entry: Group: %s, Key Exchange length: %u", entryGroup.c_str(), n), i, 4u + n);
            a.add(e, fmt("Group: %s (%u)", groupName(g).c_str(), g), i, 2);
            a.add(e, fmt("Key Exchange Length: %u", n), i + 2, 2);
            if (i + 4 + n > end)
                return;
            a.add(e, "Key Exchange: " + apptext::hex(p + i + 4, n, 36), i + 4, n);
            i += 4 + n;
        }
        return;
    }
    case 65281: { // renegotiation_info
        const int32_t r = a.add(x, "Renegotiation Info extension", o, len);
        if (len >= 1)
            a.add(r, fmt("Renegotiation info extension length: %u", p[o]), o, 1);
        return;
    }
    case 35: // session_ticket
        a.add(x, fmt("Data (%u bytes)", len), o, len);
        return;
    case 5: // status_request
        if (len >= 5 && p[o] == 1) {
            a.add(x, "Certificate Status Type: " + namedAs(appnames::tlsStatusRequestTypes(p[o]), p[o]), o, 1);
            a.add(x, fmt("Responder ID list Length: %u", loadBe16(p + o + 1)), o + 1, 2);
            a.add(x, fmt("Request Extensions Length: %u", loadBe16(p + o + 3)), o + 3, 2);
        }
        return;
    case 28: // record_size_limit
        if (len == 2)
            a.add(x, fmt("Record Size Limit: %u", loadBe16(p + o)), o, 2);
        return;
    case 27: // compress_certificate
        if (len >= 1) {
            a.add(x, fmt("Algorithms Length: %u", p[o]), o, 1);
            for (uint32_t i = o + 1; i + 2 <= end && i + 2 <= o + 1u + p[o]; i += 2)
                a.add(x, "Algorithm: " + namedAs(appnames::tlsCertificateCompressions(loadBe16(p + i)), loadBe16(p + i)), i, 2);
        }
        return;
    case 22: // encrypt_then_mac
    case 23: // extended_master_secret
        return;
    default:
        if (len)
            a.add(x, "Data: " + apptext::hex(p + o, len, 36), o, len);
        return;
    }
}

bool isGrease(uint16_t v) { return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff); }

// JA3 (client) or JA3S (server) of a hello whose body starts at `o`: tshark's fingerprints.
void fingerprint(AppTree& a, int32_t h, uint32_t o, uint32_t end, bool client)
{
    const uint8_t* p = a.data();
    std::string ciphers, extensions, groups, formats;
    const auto join = [](std::string& to, unsigned v) {
        if (!to.empty())
            to += '-';
        to += std::to_string(v);
    };
    const uint16_t version = loadBe16(p + o);
    o += 34;
    o += 1 + p[o];
    if (client) {
        const uint16_t n = loadBe16(p + o);
        for (uint32_t i = o + 2; i + 2 <= o + 2u + n && i + 2 <= end; i += 2)
            if (!isGrease(loadBe16(p + i)))
                join(ciphers, loadBe16(p + i));
        o += 2 + n;
        o += 1 + p[o];
    } else {
        join(ciphers, loadBe16(p + o));
        o += 3;
    }
    if (o + 2 <= end) {
        const uint32_t extEnd = std::min<uint32_t>(end, o + 2 + loadBe16(p + o));
        for (o += 2; o + 4 <= extEnd;) {
            const uint16_t type = loadBe16(p + o), len = loadBe16(p + o + 2);
            if (o + 4 + len > extEnd)
                break;
            if (!isGrease(type))
                join(extensions, type);
            if (client && type == 10 && len >= 2)
                for (uint32_t i = o + 6; i + 2 <= o + 4u + len; i += 2)
                    if (!isGrease(loadBe16(p + i)))
                        join(groups, loadBe16(p + i));
            if (client && type == 11 && len >= 1)
                for (uint32_t i = o + 5; i < o + 4u + len; ++i)
                    join(formats, p[i]);
            o += 4 + len;
        }
    }
    const std::string full = client ? fmt("%u,%s,%s,%s,%s", version, ciphers.c_str(), extensions.c_str(), groups.c_str(), formats.c_str())
                                    : fmt("%u,%s,%s", version, ciphers.c_str(), extensions.c_str());
    const char* name = client ? "JA3" : "JA3S";
    a.add(h, applabel::generated(std::string(name) + " Fullstring", full));
    a.add(h, applabel::generated(name, md5Hex(full)));
}

// "7200 seconds (2 hours)"
std::string lifetime(uint32_t s)
{
    static const std::pair<uint32_t, const char*> units[] = {{86400, "day"}, {3600, "hour"}, {60, "minute"}, {1, "second"}};
    std::string out;
    uint32_t rest = s;
    for (const auto& [size, unit] : units) {
        const uint32_t n = rest / size;
        rest %= size;
        if (n)
            out += (out.empty() ? "" : ", ") + fmt("%u %s%s", n, unit, n == 1 ? "" : "s");
    }
    return fmt("%u seconds (%s)", s, out.empty() ? "0 seconds" : out.c_str());
}

// One DER element at `o`: its tag, where its content starts and its length; false if cut.
bool der(const uint8_t* p, uint32_t o, uint32_t end, uint8_t& tag, uint32_t& content, uint32_t& len)
{
    if (o + 2 > end)
        return false;
    tag = p[o];
    uint32_t l = p[o + 1];
    content = o + 2;
    if (l & 0x80) {
        const uint32_t n = l & 0x7f;
        if (n == 0 || n > 3 || content + n > end)
            return false;
        l = 0;
        for (uint32_t i = 0; i < n; ++i)
            l = l << 8 | p[content + i];
        content += n;
    }
    len = l;
    return content + len <= end;
}

std::string oidName(const uint8_t* p, uint32_t len)
{
    std::string dotted;
    uint64_t v = 0;
    for (uint32_t i = 0; i < len; ++i) {
        v = v << 7 | (p[i] & 0x7f);
        if (p[i] & 0x80)
            continue;
        if (dotted.empty())
            dotted = v < 80 ? fmt("%u.%u", unsigned(v / 40), unsigned(v % 40)) : fmt("2.%llu", static_cast<unsigned long long>(v - 80));
        else
            dotted += "." + std::to_string(v);
        v = 0;
    }
    static const std::pair<const char*, const char*> names[] = {
        {"2.5.4.3", "id-at-commonName"},          {"2.5.4.4", "id-at-surname"},
        {"2.5.4.5", "id-at-serialNumber"},        {"2.5.4.6", "id-at-countryName"},
        {"2.5.4.7", "id-at-localityName"},        {"2.5.4.8", "id-at-stateOrProvinceName"},
        {"2.5.4.9", "id-at-streetAddress"},       {"2.5.4.10", "id-at-organizationName"},
        {"2.5.4.11", "id-at-organizationalUnitName"}, {"2.5.4.12", "id-at-title"},
        {"2.5.4.15", "id-at-businessCategory"},   {"2.5.4.17", "id-at-postalCode"},
        {"2.5.4.42", "id-at-givenName"},          {"1.2.840.113549.1.9.1", "pkcs-9-at-emailAddress"}};
    for (const auto& [oid, name] : names)
        if (dotted == oid)
            return name;
    return dotted;
}

// "id-at-commonName=x,id-at-organizationName=y,…" of a certificate's subject, most specific first.
std::string subjectSummary(const uint8_t* p, uint32_t o, uint32_t end)
{
    uint8_t tag;
    uint32_t c, l;
    if (!der(p, o, end, tag, c, l) || tag != 0x30) // Certificate
        return {};
    if (!der(p, c, c + l, tag, c, l) || tag != 0x30) // tbsCertificate
        return {};
    const uint32_t tbsEnd = c + l;
    uint32_t at = c;
    int field = 0;
    while (at < tbsEnd) {
        uint32_t fc, fl;
        if (!der(p, at, tbsEnd, tag, fc, fl))
            return {};
        if (field == 0 && tag == 0xa0) { // explicit version
            at = fc + fl;
            continue;
        }
        if (field == 4) { // serial, signature, issuer, validity, subject
            std::vector<std::string> parts;
            for (uint32_t set = fc; set < fc + fl;) {
                uint32_t sc, sl;
                if (!der(p, set, fc + fl, tag, sc, sl))
                    return {};
                for (uint32_t atv = sc; atv < sc + sl;) {
                    uint32_t ac, al, oc, ol, vc, vl;
                    uint8_t vt;
                    if (!der(p, atv, sc + sl, tag, ac, al) || !der(p, ac, ac + al, tag, oc, ol) || !der(p, oc + ol, ac + al, vt, vc, vl))
                        return {};
                    parts.push_back(oidName(p + oc, ol) + "=" + std::string(reinterpret_cast<const char*>(p + vc), vl));
                    atv = ac + al;
                }
                set = sc + sl;
            }
            std::string out;
            for (auto it = parts.rbegin(); it != parts.rend(); ++it)
                out += (out.empty() ? "" : ",") + *it;
            return out;
        }
        ++field;
        at = fc + fl;
    }
    return {};
}

void handshakeBody(AppTree& a, int32_t hn, uint8_t type, uint32_t o, uint32_t end)
{
    const uint8_t* p = a.data();
    switch (type) {
    case 4: // New Session Ticket (TLS 1.2's: lifetime, ticket)
        if (o + 6 <= end) {
            const int32_t t = a.add(hn, "TLS Session Ticket", o, end - o);
            a.add(t, "Session Ticket Lifetime Hint: " + lifetime(loadBe32(p + o)), o, 4);
            const uint16_t n = loadBe16(p + o + 4);
            a.add(t, fmt("Session Ticket Length: %u", n), o + 4, 2);
            if (o + 6 + n <= end)
                a.add(t, "Session Ticket: " + apptext::hex(p + o + 6, n, 36), o + 6, n);
        }
        return;
    case 16: // Client Key Exchange: an elliptic-curve point has a one-byte length
        if (o + 1 <= end && o + 1 + p[o] == end) {
            const int32_t e = a.add(hn, "EC Diffie-Hellman Client Params", o, end - o);
            a.add(e, fmt("Pubkey Length: %u", p[o]), o, 1);
            a.add(e, "Pubkey: " + apptext::hex(p + o + 1, p[o], 36), o + 1, p[o]);
        }
        return;
    case 11: { // Certificate
        if (o + 3 > end)
            return;
        const uint32_t all = uint32_t(p[o]) << 16 | loadBe16(p + o + 1);
        a.add(hn, fmt("Certificates Length: %u", all), o, 3);
        const int32_t list = a.add(hn, fmt("Certificates (%u bytes)", all), o + 3, all);
        for (uint32_t i = o + 3; i + 3 <= end && i + 3 <= o + 3 + all;) {
            const uint32_t n = uint32_t(p[i]) << 16 | loadBe16(p + i + 1);
            a.add(list, fmt("Certificate Length: %u", n), i, 3);
            if (i + 3 + n > end)
                return;
            std::string label = "Certificate: " + apptext::hex(p + i + 3, n, 36);
            const std::string subject = subjectSummary(p, i + 3, i + 3 + n);
            if (!subject.empty())
                label += " (" + subject + ")";
            if (label.size() > 239) // tshark cuts the appended summary at its label buffer
                label.resize(239);
            a.add(list, findField("tls.handshake.certificate"), label, i + 3, n);
            i += 3 + n;
        }
        return;
    }
    default:
        return;
    }
}

// Whether a hello (body at `o`) carries the supported_versions extension (TLS 1.3).
bool hasSupportedVersions(const AppTree& a, uint32_t o, uint32_t end, bool client)
{
    const uint8_t* p = a.data();
    o += 34;
    if (o + 1 > end)
        return false;
    o += 1 + p[o];
    if (client) {
        if (o + 2 > end)
            return false;
        o += 2 + loadBe16(p + o);
        if (o + 1 > end)
            return false;
        o += 1 + p[o];
    } else {
        o += 3;
    }
    if (o + 2 > end)
        return false;
    const uint32_t extEnd = std::min<uint32_t>(end, o + 2 + loadBe16(p + o));
    for (o += 2; o + 4 <= extEnd; o += 4 + loadBe16(p + o + 2))
        if (loadBe16(p + o) == 43)
            return true;
    return false;
}

void hello(AppTree& a, int32_t h, uint32_t o, uint32_t end, bool client, uint16_t& negotiated)
{
    const uint8_t* p = a.data();
    const uint32_t start = o;
    if (o + 38 > end)
        return;
    a.add(h, findField("tls.handshake.version"), "Version: " + versionName(loadBe16(p + o)), o, 2);
    const int32_t r = a.add(h, "Random: " + apptext::hex(p + o + 2, 32), o + 2, 32);
    // TLS 1.3 made the first four bytes random too: tshark splits off the time only without it.
    if (!hasSupportedVersions(a, o, end, client)) {
        const time_t sec = time_t(loadBe32(p + o + 2));
        struct tm tm {};
        static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        if (gmtime_r(&sec, &tm))
            a.add(r, fmt("GMT Unix Time: %s %2d, %d %02d:%02d:%02d.000000000 UTC", months[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900, tm.tm_hour,
                         tm.tm_min, tm.tm_sec), o + 2, 4);
        a.add(r, "Random Bytes: " + apptext::hex(p + o + 6, 28), o + 6, 28);
    }
    o += 34;
    const uint8_t sidLen = p[o];
    a.add(h, fmt("Session ID Length: %u", sidLen), o, 1);
    if (o + 1 + sidLen > end)
        return;
    if (sidLen)
        a.add(h, "Session ID: " + apptext::hex(p + o + 1, sidLen), o + 1, sidLen);
    o += 1 + sidLen;
    if (client) {
        if (o + 2 > end)
            return;
        const uint16_t n = loadBe16(p + o);
        a.add(h, fmt("Cipher Suites Length: %u", n), o, 2);
        const int32_t cs = a.add(h, fmt("Cipher Suites (%u suite%s)", n / 2, n / 2 == 1 ? "" : "s"), o + 2, n);
        for (uint32_t i = o + 2; i + 2 <= end && i + 2 <= o + 2u + n; i += 2) {
            const uint16_t v = loadBe16(p + i);
            const char* name = appnames::tlsCipherSuites(v);
            if (!name && (v & 0x0f0f) == 0x0a0a)
                name = "Reserved (GREASE)";
            a.add(cs, findField("tls.handshake.ciphersuite"), std::string("Cipher Suite: ") + (name ? name : "Unknown") + fmt(" (0x%04x)", v), i, 2);
        }
        o += 2 + n;
        if (o + 1 > end)
            return;
        const uint8_t m = p[o];
        a.add(h, fmt("Compression Methods Length: %u", m), o, 1);
        const int32_t cm = a.add(h, fmt("Compression Methods (%u method%s)", m, m == 1 ? "" : "s"), o + 1, m);
        for (uint32_t i = o + 1; i < end && i < o + 1u + m; ++i)
            a.add(cm, "Compression Method: " + namedAs(appnames::tlsCompressionMethods(p[i]), p[i]), i, 1);
        o += 1 + m;
    } else {
        if (o + 3 > end)
            return;
        const uint16_t v = loadBe16(p + o);
        const char* name = appnames::tlsCipherSuites(v);
        a.add(h, findField("tls.handshake.ciphersuite"), std::string("Cipher Suite: ") + (name ? name : "Unknown") + fmt(" (0x%04x)", v), o, 2);
        a.add(h, "Compression Method: " + namedAs(appnames::tlsCompressionMethods(p[o + 2]), p[o + 2]), o + 2, 1);
        o += 3;
    }
    if (o + 2 > end)
        return;
    const uint16_t extLen = loadBe16(p + o);
    a.add(h, fmt("Extensions Length: %u", extLen), o, 2);
    o += 2;
    const uint32_t extEnd = std::min(end, o + extLen);
    while (o + 4 <= extEnd) {
        const uint16_t type = loadBe16(p + o), len = loadBe16(p + o + 2);
        const char* name = appnames::tlsExtensionTypes(type);
        const bool grease = !name && (type & 0x0f0f) == 0x0a0a;
        const std::string heading = name ? name : grease ? "Reserved (GREASE)" : "Unknown type " + std::to_string(type);
        const int32_t x = a.add(h, fmt("Extension: %s (len=%u)", heading.c_str(), len), o, 4u + len);
        a.add(x, findField("tls.handshake.extension.type"), fmt("Type: %s (%u)", name ? name : grease ? "Reserved (GREASE)" : "Unknown", type), o, 2);
        a.add(x, fmt("Length: %u", len), o + 2, 2);
        if (o + 4 + len > extEnd)
            return;
        extensionBody(a, x, type, o + 4, len, client);
        if (type == 43 && !client && len == 2)
            negotiated = loadBe16(p + o + 4);
        o += 4 + len;
    }
    fingerprint(a, h, start, end, client);
}

// Whether a handshake record's body reads as clear messages: a known type whose length fits.
// (Finished after Change Cipher Spec is encrypted: its bytes rarely pass both tests.)
bool plainHandshake(const uint8_t* p, uint32_t body, uint32_t end)
{
    if (body + 4 > end || !appnames::tlsHandshakeTypes(p[body]))
        return false;
    const uint32_t len = uint32_t(p[body + 1]) << 16 | loadBe16(p + body + 2);
    return body + 4 + len <= end;
}

// One handshake message at `h` (its 4-byte header, then its body up to `end` at most), under
// `parent`; returns where its body ends. A ServerHello settles `session`.
uint32_t handshakeMessage(AppTree& a, int32_t parent, uint32_t h, uint32_t end, uint16_t& session)
{
    const uint8_t* p = a.data();
    const uint8_t ht = p[h];
    const uint32_t hl = uint32_t(p[h + 1]) << 16 | loadBe16(p + h + 2);
    const int32_t hn = a.add(parent, "Handshake Protocol: " + handshakeName(ht), h, 4 + hl);
    a.add(hn, findField("tls.handshake.type"), "Handshake Type: " + namedAs(appnames::tlsHandshakeTypes(ht), ht), h, 1);
    a.add(hn, findField("tls.handshake.length"), fmt("Length: %u", hl), h + 1, 3);
    const uint32_t hend = std::min(end, h + 4 + hl);
    if (ht == 1 || ht == 2) {
        uint16_t negotiated = 0;
        hello(a, hn, h + 4, hend, ht == 1, negotiated);
        if (ht == 2 && h + 6 <= hend)
            session = negotiated && negotiated != loadBe16(p + h + 4) ? negotiated : loadBe16(p + h + 4);
    } else {
        handshakeBody(a, hn, ht, h + 4, hend);
    }
    return hend;
}

} // namespace

void addQuicHandshakes(DetailTree& t, const AppPayload& pl, int32_t parent)
{
    AppTree a(t, pl);
    const uint8_t* p = a.data();
    uint16_t session = 0x0304;
    if (a.size() > 0 && !appnames::tlsHandshakeTypes(p[0])) { // not a message tshark can read
        const int32_t rec = a.add(parent, "TLSv1.3 Record Layer: Handshake Protocol: Encrypted Handshake Message", 0, a.size());
        a.add(rec, "Handshake Protocol: Encrypted Handshake Message", 0, a.size());
        return;
    }
    // QUIC carries TLS 1.3's handshake messages without records: each shown as one.
    for (uint32_t h = 0; h + 4 <= a.size();) {
        const uint32_t hl = uint32_t(p[h + 1]) << 16 | loadBe16(p + h + 2);
        if (!appnames::tlsHandshakeTypes(p[h]) || h + 4 + hl > a.size())
            return; // a message continued in a later packet (tshark reassembles it there)
        const int32_t rec = a.add(parent, "TLSv1.3 Record Layer: Handshake Protocol: " + handshakeName(p[h]), h, 4 + hl);
        h = handshakeMessage(a, rec, h, h + 4 + hl, session);
    }
}

bool buildTlsTree(DetailTree& t, const AppPayload& pl)
{
    AppTree a(t, pl);
    const uint8_t* p = a.data();
    if (a.size() == 0)
        return false;
    const int32_t root = a.add(-1, &field("tls"), "Transport Layer Security", 0, a.size());
    // The session's version (tshark's second pass knows it for every frame) names the record
    // layer; the Protocol column carries it.
    uint16_t session = 0;
    if (pl.protocol.starts_with("TLSv1.3"))
        session = 0x0304;
    else if (pl.protocol.starts_with("TLSv1.2"))
        session = 0x0303;
    else if (pl.protocol.starts_with("TLSv1.1"))
        session = 0x0302;
    else if (pl.protocol.starts_with("TLSv1"))
        session = 0x0301;
    else if (pl.protocol.starts_with("SSLv3"))
        session = 0x0300;
    if (a.size() < 5 || p[0] < 20 || p[0] > 24 || p[1] != 3) {
        // Not a record's start: the middle of one. TLS 1.0 to 1.2 flag it; otherwise it is
        // "Continuation Data" with an empty layer.
        if (a.size() >= 5 && session >= 0x0301 && session <= 0x0303) {
            const int32_t n = a.add(root, "Ignored Unknown Record", 0, a.size());
            a.expert(n, "Warning", "Protocol", "Ignored Unknown Record");
        }
        return true;
    }
    // After its side's ChangeCipherSpec a handshake record is encrypted (as in the Info column;
    // not in TLS 1.3). Only a frame with a handshake record long enough to be encrypted asks.
    bool keysChanged = false, asks = false;
    for (uint32_t o = 0; o + 5 <= a.size() && p[o] >= 20 && p[o] <= 24; o += 5 + loadBe16(p + o + 3))
        asks = asks || (p[o] == 22 && loadBe16(p + o + 3) >= 16);
    if (asks && session != 0x0304 && pl.stream && pl.frame)
        (*pl.stream)([&](const StreamSegment& seg) {
            if (seg.frame >= pl.frame)
                return false;
            keysChanged = seg.fromServer == pl.fromServer && tlsChangesCipherSpec(seg.payload.data(), seg.payload.size());
            return !keysChanged;
        });
    for (uint32_t o = 0; o + 5 <= a.size() && p[o] >= 20 && p[o] <= 24;) {
        const uint8_t type = p[o];
        const uint16_t version = loadBe16(p + o + 1), len = loadBe16(p + o + 3);
        const char* typeName = appnames::tlsContentTypes(type);
        const uint32_t body = o + 5;
        if (body + len > a.size())
            break; // a record that runs past the segment waits for reassembly: not shown
        const uint32_t end = body + len;
        std::string heading = std::string(shortVersion(session ? session : version)) + " Record Layer: ";
        std::string what;
        if (type == 22) {
            const bool encrypted = (keysChanged && len >= 16) || !plainHandshake(p, body, end);
            what = "Handshake Protocol: " + (encrypted ? std::string("Encrypted Handshake Message") : handshakeName(p[body]));
        } else if (type == 20) {
            what = "Change Cipher Spec Protocol: Change Cipher Spec";
        } else if (type == 21) {
            if (len == 2)
                what = "Alert (Level: " + std::string(appnames::tlsAlertLevels(p[body]) ? appnames::tlsAlertLevels(p[body]) : "Unknown")
                       + ", Description: " + (appnames::tlsAlertDescriptions(p[body + 1]) ? appnames::tlsAlertDescriptions(p[body + 1]) : "Unknown") + ")";
            else
                what = "Encrypted Alert";
        } else if (type == 23) {
            what = std::string("Application Data Protocol: ") + (pl.serverPort == 443 ? "Hypertext Transfer Protocol" : "Application Data");
        } else {
            what = "Heartbeat";
        }
        const int32_t rec = a.add(root, heading + what, o, 5u + len);
        // TLS 1.3 hides the real type: the outer one is "opaque".
        a.add(rec, findField(session == 0x0304 && type == 23 ? "tls.record.opaque_type" : "tls.record.content_type"),
              std::string(session == 0x0304 && type == 23 ? "Opaque Type: " : "Content Type: ") + namedAs(typeName, type), o, 1);
        a.add(rec, findField("tls.record.version"), "Version: " + versionName(version), o + 1, 2);
        a.add(rec, findField("tls.record.length"), fmt("Length: %u", len), o + 3, 2);
        if (type == 22) {
            const bool known = !(keysChanged && len >= 16) && plainHandshake(p, body, end);
            if (!known) {
                a.add(rec, "Handshake Protocol: Encrypted Handshake Message", body, end - body);
            } else {
                for (uint32_t h = body; h + 4 <= end;) {
                    const uint32_t hend = handshakeMessage(a, rec, h, end, session);
                    if (hend < h + 4 + (uint32_t(p[h + 1]) << 16 | loadBe16(p + h + 2)))
                        break;
                    h = hend;
                }
            }
        } else if (type == 20) {
            a.add(rec, "Change Cipher Spec Message", body, end - body);
            keysChanged = session != 0x0304;
        } else if (type == 21 && len == 2 && body + 2 <= a.size()) {
            const int32_t al = a.add(rec, "Alert Message", body, 2);
            a.add(al, "Level: " + namedAs(appnames::tlsAlertLevels(p[body]), p[body]), body, 1);
            a.add(al, "Description: " + namedAs(appnames::tlsAlertDescriptions(p[body + 1]), p[body + 1]), body + 1, 1);
        } else if (type == 21) {
            a.add(rec, "Alert Message: Encrypted Alert", body, end - body);
        } else if (type == 23) {
            a.add(rec, "Encrypted Application Data: " + apptext::hex(p + body, end - body, 36), body, end - body);
            a.add(rec, std::string("[Application Data Protocol: ") + (pl.serverPort == 443 ? "Hypertext Transfer Protocol" : "Application Data") + "]");
        }
        o = body + len;
    }
    return true;
}

} // namespace synflow
