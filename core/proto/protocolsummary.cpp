#include "proto/protocolsummary.h"
#include "proto/mediatypes.h"
#include "proto/siptcp.h"
#include "tree/apptree.h"
#include "output/exceptiontext.h"
#include "proto/wlansummary.h"
#include "proto/valuenames.h"

#include "output/textformat.h"
#include "decode/linktypes.h"
#include "proto/columnaddress.h"
#include "proto/enterprisenames.h"
#include "proto/conversationprotocols.h"
#include "proto/dnssummary.h"
#include "proto/httpmessage.h"
#include "proto/asciicase.h"
#include "proto/icmpsummary.h"
#include "proto/ipprotocol.h"
#include "proto/linkprotocol.h"
#include "proto/bgpinfo.h"
#include "proto/kerberosinfo.h"
#include "proto/ldapinfo.h"
#include "proto/memcacheinfo.h"
#include "proto/mqttinfo.h"
#include "proto/stuninfo.h"
#include "proto/pgsqlinfo.h"
#include "proto/smb2info.h"
#include "proto/tpktinfo.h"
#include "proto/respinfo.h"
#include "proto/snmpinfo.h"
#include "proto/sshpackets.h"
#include "proto/x11info.h"
#include "proto/xmppinfo.h"
#include "tree/appvaluenames.h"
#include "tcp/tcpanalysis.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string_view>
#include <vector>

namespace synflow {
namespace {

bool either(uint16_t a, uint16_t b, std::initializer_list<uint16_t> ports)
{
    for (uint16_t p : ports)
        if (a == p || b == p)
            return true;
    return false;
}

bool isPrint(uint8_t c)
{
    return c >= 0x20 && c < 0x7f;
}

std::string_view firstLine(std::string_view s)
{
    const size_t end = s.find_first_of("\r\n"); // a line ends at CR LF, LF or CR
    return s.substr(0, std::min(end, size_t(4095))); // tshark's Info column holds 4095 characters
}

// What a message's body adds, read to the message's end: the media type's name, XML or JSON in
// the Protocol column; OCSP and the like (the first message only) replace HTTP's summary. `kept`: the body's
// bytes are all known. Returns whether its dissector read past them: the exception ends the
// segment's reading there.
bool httpMedia(ProtocolSummary& s, std::string_view message, bool first, bool kept = true, bool continuation = false)
{
    const HttpBodyMedia body = continuation ? httpContinuationMedia(message) : httpBodyMedia(message, kept);
    if (first)
        s.httpBodyLayer = httpBodyLayerNumber(body.layer), s.httpBodyChild = httpBodyLayerNumber(body.child);
    if (body.protocol.starts_with('/'))
        s.protocol = "HTTP" + body.protocol;
    else if (!body.protocol.empty() && first)
        s.protocol = body.protocol;
    if (!body.clearInfo)
        s.info += body.info;
    else if (first)
        s.info = body.info;
    if (body.readsPast) {
        s.info += kUnreassembled;
        s.httpReadPast = true;
    }
    return body.readsPast;
}

// What follows a message in its segment (as far as it was captured) from `at` on is read as the
// next message, after a fence: a message adds its first line (and the exception when its header
// runs past a whole segment), anything else one Continuation once HTTP read a request of the
// conversation; each adds an HTTP tree (a layer of the hierarchy). `lineWait` (reassembly on):
// text whose first line does not end waits for more, adding nothing.
// Returns whether it ended in binary data, which is read no further than captured.
bool httpFollowing(ProtocolSummary& s, std::string_view p, size_t at, bool requestSeen, bool lineWait, bool whole)
{
    while (at < p.size()) {
        std::string_view rest = p.substr(at);
        if (!whole && rest.size() < 2)
            return false; // the check for a stray CR LF reads two bytes: past the capture
        if (rest.size() > 3 && rest.starts_with("\r\n"))
            rest.remove_prefix(2); // a stray CR LF is skipped
        if (lineWait && isPrint(uint8_t(rest[0])) && !httpLineEnds(rest))
            return false;
        const bool message = startsHttpMessage(rest) && httpLineEnds(rest);
        if (!message && !requestSeen)
            return false;
        const HttpMessageRead read = message ? httpMessageRead(rest) : HttpMessageRead{};
        if (message && lineWait && !read.whole) {
            s.info += std::string(firstLine(rest)) + " "; // written before HTTP asks for the rest
            return false;
        }
        if (s.repeats < 255)
            ++s.repeats;
        s.protocol = "HTTP"; // each message names the row anew (its media after it)
        if (!message) {
            s.info += "Continuation";
            return !isPrint(uint8_t(rest[0]));
        }
        s.info += std::string(firstLine(rest)) + " ";
        if (read.runsPast) {
            if (whole && !lineWait)
                s.info += kUnreassembled;
            return false;
        }
        if (httpMedia(s, rest.substr(0, read.length), false))
            return false;
        at = p.size() - rest.size() + read.length;
    }
    return false;
}

// HTTP: a request or status line starts a message; other segments continue one. tshark
// calls them HTTP only once it read a request of the conversation (its URI kept, not a reply's).
// Returns whether what followed the message ended in binary data (read no further than captured).
bool http(ProtocolSummary& s, std::string_view p, bool requestSeen, bool following, bool whole, bool kept = true)
{
    if (p.size() > 3 && p.starts_with("\r\n") && startsHttpMessage(p.substr(2)))
        p.remove_prefix(2); // a stray CR LF before a message is skipped
    if (!startsHttpMessage(p)) {
        if (!requestSeen)
            return false;
        s.protocol = "HTTP";
        s.info = "Continuation";
        // Text is read as header lines, then a body (a captured segment's; a cut one's is read
        // up to the exception the caller writes).
        const std::string_view text = p.size() > 3 && p.starts_with("\r\n") ? p.substr(2) : p;
        if (!whole || text.empty() || !isPrint(uint8_t(text[0])))
            return false;
        const HttpMessageRead read = httpContinuationRead(text);
        if (read.runsPast) {
            s.info += kUnreassembled;
            s.httpReadPast = true;
            return false;
        }
        if (httpMedia(s, text.substr(0, read.length), true, kept, true))
            return false;
        if (following)
            return httpFollowing(s, text, read.length, requestSeen, false, whole);
        return false;
    }
    s.protocol = "HTTP";
    s.info = std::string(firstLine(p)) + " ";
    const HttpMessageRead read = httpMessageRead(p);
    if (httpMedia(s, read.runsPast ? p : p.substr(0, read.length), true, kept)) // its body, to the message's end
        return false;
    if (read.runsPast && whole)
        s.info += kUnreassembled; // a header line the segment ends in, read past its end
    else if (following && !read.runsPast)
        return httpFollowing(s, p, read.length, requestSeen || !p.starts_with("HTTP/1."), false, whole); // (a request read is seen)
    return false;
}

} // namespace

void appendHttpFollowing(ProtocolSummary& s, std::string_view bytes, bool requestSeen)
{
    httpFollowing(s, bytes, 0, requestSeen, true, true);
}

namespace {

const char* tlsVersion(uint8_t major, uint8_t minor)
{
    if (major != 3)
        return nullptr;
    switch (minor) {
    case 0: return "SSLv3";
    case 1: return "TLSv1";
    case 2: return "TLSv1.1";
    case 3: return "TLSv1.2";
    case 4: return "TLSv1.3";
    default: return nullptr;
    }
}

const char* handshakeName(uint8_t t)
{
    switch (t) {
    case 0: return "Hello Request";
    case 1: return "Client Hello";
    case 2: return "Server Hello";
    case 4: return "New Session Ticket";
    case 8: return "Encrypted Extensions";
    case 11: return "Certificate";
    case 12: return "Server Key Exchange";
    case 13: return "Certificate Request";
    case 14: return "Server Hello Done";
    case 15: return "Certificate Verify";
    case 16: return "Client Key Exchange";
    case 20: return "Finished";
    case 22: return "Certificate Status";
    default: return nullptr;
    }
}

// A ServerHello whose random is TLS 1.3's fixed value asks the client to try again.
bool isHelloRetryRequest(const uint8_t* body, size_t n)
{
    static constexpr uint8_t kRandom[32] = {0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c,
                                            0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb,
                                            0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};
    return n >= 2 + 32 && std::memcmp(body + 2, kRandom, 32) == 0;
}


uint32_t load24(const uint8_t* p)
{
    return uint32_t(p[0]) << 16 | uint32_t(p[1]) << 8 | p[2];
}

// Before it names a record that starts with a TLS 1.2 Server Hello, tshark scans the hello for a
// supported_versions extension (TLS 1.3 says its version there): it reads the session id's
// length and each extension's header up to the record's end. Could those reads be made in the
// `cap` captured bytes of the record's `len`? A read past them stops the record unnamed.
bool serverHelloScanned(const uint8_t* b, size_t len, size_t cap)
{
    if (len < 6 || b[0] != 2)
        return true;
    if (cap < 6)
        return false; // the hello's version itself was cut
    if (loadBe16(b + 4) != 0x0303 || len - 4 < 46)
        return true;
    size_t off = 4 + 2 + 32;
    if (off >= cap)
        return false;
    const size_t sessionId = b[off++];
    if (len - off < sessionId + 5)
        return true;
    for (off += sessionId + 5; len - off >= 6;) {
        if (off + 4 > cap)
            return false;
        const uint16_t type = loadBe16(b + off), extLen = loadBe16(b + off + 2);
        if (len - off < 4u + extLen)
            break;
        if (type == 43) // supported_versions
            return extLen != 2 || off + 6 <= cap;
        off += 4 + extLen;
    }
    return true;
}

// One handshake record's Info item, as tshark's handshake reassembly names it: a message the
// carry was gathering, completed here, first; then the record's own messages, a valid type or
// the first; one that runs past the record is a fragment, named only as the record's first.
// A record that does not continue a message is encrypted (when 16 bytes or more) if it starts
// with five zero bytes (an AEAD nonce), follows its side's ChangeCipherSpec in an earlier frame
// (`ccsBefore`), or starts with a type tshark does not know or a length of 64 KiB or more.
// Only `cap` of the record's `len` bytes captured: tshark stops on the first read past them
// (the caller adds why), having named the messages it began; it gathers nothing more. An
// encrypted message is not read (`bodyRead` false): nothing stops there.
std::string handshakeRecord(const uint8_t* b, size_t len, size_t cap, bool ccsBefore, TlsHandshakeCarry& carry, bool& bodyRead)
{
    const auto name = [](uint8_t type) {
        const char* h = handshakeName(type);
        return h ? h : "Encrypted Handshake Message";
    };
    std::string item;
    size_t off = 0;
    bool first = true;
    const bool kexUnknown = carry.kexUnknown;
    const auto stopGathering = [&] { carry = TlsHandshakeCarry{.kexUnknown = kexUnknown}; };
    if (carry.active && cap < len) {
        stopGathering();
    } else if (carry.active) {
        uint8_t header[4];
        size_t have = carry.headerLen;
        std::memcpy(header, carry.header, have);
        for (size_t i = 0; have < 4 && i < len;)
            header[have++] = b[i++];
        const uint32_t msgLen = have == 4 ? 4 + load24(header + 1) : 0;
        size_t take = len;
        if (msgLen && take > msgLen - carry.gathered)
            take = msgLen - carry.gathered;
        if (!msgLen || carry.gathered + take < msgLen) { // the middle of the message: nothing to name
            carry.gathered += uint32_t(take);
            carry.headerLen = uint8_t(have);
            std::memcpy(carry.header, header, have);
            return item;
        }
        item = name(header[0]);
        stopGathering();
        off = take;
        first = false;
    }
    if (first && !serverHelloScanned(b, len, cap))
        return item;
    if (first && len >= 16) {
        if (cap < 5)
            return item;
        if ((b[0] | b[1] | b[2] | b[3] | b[4]) == 0 || ccsBefore || !handshakeName(b[0]) || load24(b + 1) >= 0x10000) {
            bodyRead = false; // shown, not read
            return "Encrypted Handshake Message";
        }
    }
    while (off < len) {
        const size_t left = len - off;
        if (left >= 4 && off + 4 > cap)
            break;
        const size_t msgLen = left >= 4 ? 4 + load24(b + off + 1) : 0;
        if (msgLen == 0 || left < msgLen) {
            if (cap < len)
                break; // tshark cannot keep what it did not capture
            carry.active = true;
            carry.headerLen = uint8_t(std::min<size_t>(left, 4));
            std::memcpy(carry.header, b + off, carry.headerLen);
            carry.gathered = uint32_t(left);
            if (first)
                item = std::string("[") + name(b[off]) + " Fragment]";
            break;
        }
        if (const char* h = handshakeName(b[off]); h || first) {
            if (!item.empty())
                item += ", ";
            item += first && b[off] == 2 && isHelloRetryRequest(b + off + 4, std::min(msgLen, cap - off) - 4) ? "Hello Retry Request"
                                                                                                              : name(b[off]);
        }
        // A Client Key Exchange of an unknown key exchange ends the record unread.
        if (b[off] == 16 && kexUnknown && off + msgLen >= len && off + msgLen > cap)
            bodyRead = false;
        off += msgLen;
        first = false;
        if (off > cap)
            break; // its body was cut
    }
    return item;
}

} // namespace

bool tlsHasHandshakeRecord(const uint8_t* p, size_t n)
{
    for (size_t pos = 0; pos + 5 <= n && p[pos] >= 20 && p[pos] <= 24; pos += 5 + (size_t(p[pos + 3]) << 8 | p[pos + 4]))
        if (p[pos] == 22)
            return true;
    return false;
}

namespace {

// TLS: only a segment that starts with a record header is shown as TLS (no reassembly).
// `reported` bytes were sent, `n` of them captured: a record that runs past the segment is not
// named; one in it but cut by the snapshot length is named, and tshark stops at its body.
// Handshake records are read by handshakeRecord() with the side's `carry` and whether its
// ChangeCipherSpec came in an earlier segment (`keysChanged`); TLS 1.3's changes nothing (its
// encrypted records travel as application data). A 2-byte alert is clear.
bool tls(ProtocolSummary& s, const uint8_t* p, size_t n, size_t reported, bool keysChanged, bool tls13,
         TlsHandshakeCarry* carry, bool versionKnown = false)
{
    const bool ccsBefore = keysChanged && !tls13;
    TlsHandshakeCarry own;
    TlsHandshakeCarry& side = carry ? *carry : own;
    if (n < 5 || p[0] < 20 || p[0] > 25)
        return false;
    // Once the conversation's version is known, tshark reads a record by its content type alone.
    const char* v = tlsVersion(p[1], p[2]);
    if (!v && !versionKnown)
        return false;
    // The record's version names the row once the byte after its header was read.
    s.protocol = v && (n > 5 || (size_t(p[3]) << 8 | p[4]) == 0) ? v : "SSL";
    size_t pos = 0;
    std::string info;
    while (pos + 5 <= n) {
        const uint8_t type = p[pos];
        const size_t len = size_t(p[pos + 3]) << 8 | p[pos + 4];
        if (pos + 5 + len > reported) {
            if (pos == 0)
                s.protocol = "SSL"; // no record read: no version from it
            break;
        }
        const bool cut = pos + 5 + len > n;
        if (cut && pos + 5 == n) { // only the header: the first byte after it is read before any name
            info += kSizeLimited;
            break;
        }
        bool bodyRead = true; // an encrypted alert or handshake message is shown, not read
        bool stopped = false; // a read past the capture before the record was named
        std::string item;
        switch (type) {
        case 20:
            item = "Change Cipher Spec";
            bodyRead = false;
            break;
        case 21:
            if (len == 2 && pos + 6 == n) { // the level read, not the description
                stopped = true;
                break;
            }
            if (len == 2 && pos + 7 <= n) {
                const char* level = appnames::tlsAlertLevels(p[pos + 5]);
                const char* what = appnames::tlsAlertDescriptions(p[pos + 6]);
                item = std::string("Alert (Level: ") + (level ? level : "Unknown") + ", Description: " + (what ? what : "Unknown") + ")";
            } else {
                item = "Encrypted Alert";
                bodyRead = false;
            }
            break;
        case 23: item = "Application Data"; break;
        case 22: item = handshakeRecord(p + pos + 5, len, std::min(n - pos - 5, len), ccsBefore, side, bodyRead); break;
        case 24: // a heartbeat's type and length are read (three bytes) before its name
            if (cut && pos + 8 > n) {
                stopped = true;
                break;
            }
            item = "Encrypted Heartbeat";
            bodyRead = false;
            break;
        case 25: // a TLS 1.2 record with a connection ID: nothing to name
            bodyRead = false;
            break;
        default: item = "Ignored Unknown Record"; break;
        }
        if (stopped) {
            info += kSizeLimited;
            break;
        }
        if (!info.empty() && !item.empty())
            info += ", ";
        info += item;
        if (cut) {
            if (bodyRead)
                info += kSizeLimited;
            break;
        }
        pos += 5 + len;
        if (pos < n && (p[pos] < 20 || p[pos] > 25))
            break;
        if (pos + 5 > n && pos + 5 <= reported) { // the next record's header was cut
            info += kSizeLimited;
            break;
        }
    }
    s.info = info;
    return true;
}

// Data no record of a known version starts, as tshark's heuristics read it (and TLS 1.3's):
// fewer than five bytes sent are nothing; a byte with the high bit set may start an SSLv2
// record (its third byte a message type), a content type a record (its version next);
// anything else is continuation data without reading further.
void tlsUnknownData(ProtocolSummary& s, const uint8_t* p, size_t n, size_t reported)
{
    s.info.clear();
    if (reported < 5)
        return;
    const bool sslv2 = p[0] >= 0x80, contentType = p[0] >= 20 && p[0] <= 25;
    if ((sslv2 || contentType) && n < 3) {
        s.info = kSizeLimited;
    } else if (sslv2 && (p[2] == 0 || p[2] == 1 || p[2] == 2 || p[2] == 4)) {
        const size_t length = size_t(p[0] & 0x7f) << 8 | p[1];
        if (2 + length > reported)
            return; // a record that runs past the segment: nothing named
        s.protocol = "SSLv2";
        // Encrypted data names itself; a hello or master key is named once its fields were read.
        const size_t need = p[2] == 0 ? 3 : p[2] == 1 ? 5 : p[2] == 4 ? 7 : 12;
        const char* name = p[2] == 0 ? "Encrypted Data" : p[2] == 1 ? "Client Hello" : p[2] == 4 ? "Server Hello" : "Client Master Key";
        s.info = n < need ? kSizeLimited : std::string(name) + (p[2] == 1 || p[2] == 4 ? (n < 2 + length ? kSizeLimited : "") : "");
    } else if (contentType && tlsVersion(p[1], p[2])) {
        s.info = kSizeLimited; // a record header cut before its length (five bytes are read by tls())
    } else {
        s.info = "Continuation Data";
    }
}

// One DNS message over UDP of `reported` bytes, `n` of them captured; a message cut short ends in
// tshark's exception: a read past the capture but inside the datagram is the snapshot length's.
void dns(ProtocolSummary& s, const uint8_t* p, size_t n, size_t reported, const char* name = "DNS",
         DnsFlavour flavour = DnsFlavour::Dns)
{
    s.protocol = name;
    if (size_t need = 0; !appendDnsInfo(s.info, p, n, flavour, &need))
        s.info += n < reported && need <= reported ? kSizeLimited : kMalformed;
    else if (n < reported) // the bytes after the message, which tshark shows, were cut
        s.info += kSizeLimited;
}

// DNS over TCP: messages behind a 2-byte length. tshark's Info is the last message's; one cut
// short by the segment's end shows what was read of it and the exception tshark hits there.
void dnsOverTcp(ProtocolSummary& s, const uint8_t* p, size_t n)
{
    for (size_t off = 0; off + 2 <= n;) {
        const size_t len = loadBe16(p + off), avail = std::min(len, n - off - 2);
        s.protocol = "DNS";
        if (!appendDnsInfo(s.info, p + off + 2, avail)) {
            s.info += avail < len ? kUnreassembled : kMalformed;
            return;
        }
        off += 2 + len;
    }
}

// The version comes from the conversation's banners; without one tshark says just "SSH". Until
// its side's NEWKEYS a segment's binary packets are clear text, read as tshark reads them
// whatever they hold (sshReadClear); after it tshark names nothing (it set up a decryption that,
// without keys, shows nothing); after a group exchange, whose keys it does not derive, or when a
// KEXINIT was not read whole (no cipher chosen), it shows "Encrypted packet", also for the bytes
// that follow a NEWKEYS in its segment. A side whose own KEXINIT tshark never read whole reads
// clear text to the end (ConversationProtocols::kindAt leaves its segments unmarked).
// An exception drops the side's prefix, which tshark writes last. Without the conversation
// (`learned` false) or its banners, a segment is read as clear text only where it looks like it.
void ssh(ProtocolSummary& s, const uint8_t* p, size_t n, size_t reported, bool fromServer, uint8_t kind, bool learned, uint32_t analysisFlags)
{
    const bool encrypted = kind & ConversationProtocols::KeysChanged;
    kind &= uint8_t(~ConversationProtocols::KeysChanged);
    const SshKex kex = ConversationProtocols::isSsh(kind) ? ConversationProtocols::sshKex(kind) : SshKex::Dh;
    if (ConversationProtocols::isSsh(kind))
        kind &= uint8_t(~ConversationProtocols::SshKexMask);
    s.protocol = kind == ConversationProtocols::Ssh2 ? "SSHv2" : kind == ConversationProtocols::Ssh1 ? "SSHv1" : "SSH";
    const std::string side = fromServer ? "Server: " : "Client: ";
    std::string_view text(reinterpret_cast<const char*>(p), n);
    if (text.starts_with("SSH-")) {
        if (kind != ConversationProtocols::Ssh1 && kind != ConversationProtocols::Ssh2)
            s.protocol = text.starts_with("SSH-1.") && !text.starts_with("SSH-1.99") ? "SSHv1" : "SSHv2";
        std::string_view line = text.substr(0, std::min(text.find_first_of("\r\n"), size_t(200)));
        s.info = side + "Protocol (" + std::string(line) + ")";
        return;
    }
    // TCP's tags for a retransmission SSH still reads come first, fenced off by ", ".
    s.info = side;
    if (analysisFlags & TcpFastRetransmission)
        s.info += "[TCP Fast Retransmission] ";
    if (analysisFlags & TcpSpuriousRetransmission)
        s.info += "[TCP Spurious Retransmission] ";
    const bool tagged = s.info.size() > side.size();
    const bool cut = n < reported;
    const auto stopped = [&](const char* exception) { // a read past the bytes: no prefix
        s.info.erase(0, side.size());
        s.info += exception;
    };
    const auto encryptedPacket = [&](size_t len) {
        s.info += std::string(tagged || s.info.size() > side.size() ? ", " : "") + "Encrypted packet (len=" + std::to_string(len) + ")";
    };
    // Without the banners tshark never reads clear text: all is encrypted, as after a NEWKEYS.
    const bool bannersSeen = kind == ConversationProtocols::Ssh2 || kind == ConversationProtocols::Ssh1;
    if (encrypted || (cut && !bannersSeen)) {
        if (kex == SshKex::Gex || kex == SshKex::Unread || !bannersSeen) {
            encryptedPacket(reported);
            if (cut)
                stopped(kSizeLimited);
        }
        return;
    }
    if (learned && bannersSeen && kind == ConversationProtocols::Ssh2) {
        const SshClearRead r = sshReadClear(p, n, reported, kex);
        if (!r.names.empty())
            s.info += (tagged ? ", " : "") + r.names;
        if (r.afterNewKeys && r.afterNewKeys < n && (kex == SshKex::Gex || kex == SshKex::Unread)) {
            encryptedPacket(reported - r.afterNewKeys);
            if (cut)
                stopped(kSizeLimited);
        } else if (r.stop) {
            stopped(r.stop);
        }
        return;
    }
    if (cut && n < 6) { // a packet's length, padding and type
        stopped(kSizeLimited);
        return;
    }
    size_t o = 0;
    for (uint32_t len; (len = sshClearPacketAt(p, n, o)) != 0; o += len) {
        if (o + len > n) { // its body runs past the capture
            stopped(kSizeLimited);
            return;
        }
        s.info += o || tagged ? ", " : "";
        const char* name = sshMessageName(p[o + 5], kex);
        s.info += name ? std::string(name) : "Unknown (" + std::to_string(p[o + 5]) + ")";
        if (p[o + 5] == kSshNewKeys && (kex == SshKex::Gex || kex == SshKex::Unread) && o + len < n) {
            encryptedPacket(n - o - len);
            return;
        }
    }
    if (cut && o > 0 && o + 6 > n) // the next packet's header was cut
        stopped(kSizeLimited);
    else if (o == 0)
        encryptedPacket(n);
}

// Syslog (UDP 514): "<PRI>" names the facility and level (up to three digits; a '<' without any
// is priority 0, a '>' that does not follow them is the message's), then the message as text; a
// message without '<' is shown alone, and one with nothing after its priority is malformed.
// (`reported`: the datagram's payload length; `n`: what of it was captured.)
void syslogInfo(ProtocolSummary& s, const uint8_t* p, size_t n, size_t reported)
{
    static const char* const facilities[] = {"KERN", "USER", "MAIL", "DAEMON", "AUTH", "SYSLOG", "LPR", "NEWS",
                                             "UUCP", "CRON", "AUTHPRIV", "FTP", "NTP", "LOGAUDIT", "LOGALERT", "CRON",
                                             "LOCAL0", "LOCAL1", "LOCAL2", "LOCAL3", "LOCAL4", "LOCAL5", "LOCAL6", "LOCAL7"};
    static const char* const levels[] = {"EMERG", "ALERT", "CRIT", "ERR", "WARNING", "NOTICE", "INFO", "DEBUG"};
    s.protocol = "Syslog";
    size_t off = 0;
    int pri = -1;
    if (p[0] == '<') {
        pri = 0;
        for (off = 1; off <= 3 && off < n && p[off] >= '0' && p[off] <= '9'; ++off)
            pri = pri * 10 + (p[off] - '0');
        if (off >= n) {
            s.info = reported > off ? kSizeLimited : kMalformed;
            return;
        }
        if (p[off] == '>')
            ++off;
    }
    if (off >= n) { // no byte of the message: nothing to show
        s.info = off >= reported ? kMalformed : kSizeLimited;
        return;
    }
    // A message the capture cut shows what was captured, without more.
    s.info.clear();
    if (pri >= 0)
        s.info = std::string(pri / 8 < int(std::size(facilities)) ? facilities[pri / 8] : "UNKNOWN") + "." + levels[pri & 7] + ": ";
    s.info += apptext::escaped(std::string_view(reinterpret_cast<const char*>(p) + off, n - off));
}

// PPTP's control messages (length, message type 1, the magic cookie, then the control type).
std::string pptpInfo(const uint8_t* p, size_t n)
{
    static const char* const types[] = {nullptr, "Start-Control-Connection-Request", "Start-Control-Connection-Reply",
                                        "Stop-Control-Connection-Request", "Stop-Control-Connection-Reply", "Echo-Request",
                                        "Echo-Reply", "Outgoing-Call-Request", "Outgoing-Call-Reply", "Incoming-Call-Request",
                                        "Incoming-Call-Reply", "Incoming-Call-Connected", "Call-Clear-Request",
                                        "Call-Disconnect-Notify", "WAN-Error-Notify", "Set-Link-Info"};
    if (n < 10 || loadBe16(p + 2) != 1)
        return "Control Message";
    const uint16_t type = loadBe16(p + 8);
    return type < std::size(types) && types[type] ? types[type] : "Unknown control type (" + std::to_string(type) + ")";
}

// MySQL's connection phase, as tshark names it: the server's greeting (packet 0) and the
// client's login (packet 1: capabilities, max size, charset, 23 reserved bytes, then the user
// and, with CLIENT_CONNECT_WITH_DB, the database further on). Other packets: their direction.
std::string mysqlInfo(const uint8_t* p, size_t n, size_t reported, bool fromServer)
{
    // A cut greeting or login shows what was written before the capture ended (a server's packet
    // number 0 is only ever its greeting).
    const bool cut = n < reported;
    if (cut && fromServer && n == 4)
        return p[3] == 0 ? "Server Greeting " : "Response ";
    if (cut && fromServer && n == 5 && p[3] != 0 && p[4] >= 0x01 && p[4] <= 0xfa)
        return "Response "; // a result set is named once more than its column count was read
    if (cut && !fromServer && n >= 5 && p[3] == 1 && (n < 37 || !std::memchr(p + 36, 0, n - 36)))
        return "Login Request";
    const auto cstring = [&](size_t o) {
        if (o >= n)
            return std::string();
        const auto* b = reinterpret_cast<const char*>(p + o);
        return std::string(b, strnlen(b, n - o));
    };
    if (fromServer && (n > 5 || (cut && n == 5)) && p[3] == 0 && (p[4] == 10 || p[4] == 9)) {
        // A version the capture cut (no NUL) is not shown: the exception follows the protocol.
        if (cut && !std::memchr(p + 5, 0, n - 5))
            return "Server Greeting  proto=" + std::to_string(p[4]);
        std::string version = cstring(5);
        // MariaDB puts "5.5.5-" before its version for old clients; tshark shows the real one.
        if (version.starts_with("5.5.5-") && version.find("MariaDB") != std::string::npos)
            version.erase(0, 6);
        return "Server Greeting  proto=" + std::to_string(p[4]) + " version=" + version + " ";
    }
    if (!fromServer && n >= 36 && p[3] == 1) {
        std::string info = "Login Request user=" + cstring(36) + " ";
        const size_t userEnd = 36 + cstring(36).size() + 1;
        if ((p[4] & 0x08) && userEnd < n) { // CLIENT_CONNECT_WITH_DB: after the password
            // CLIENT_SECURE_CONNECTION prefixes the password with its length; else it ends in a NUL.
            const size_t db = (p[5] & 0x80) ? userEnd + 1 + p[userEnd] : userEnd + cstring(userEnd).size() + 1;
            if (db < n && (!cut || std::memchr(p + db, 0, n - db))) // a name the capture cut is not shown
                info += "db=" + cstring(db) + " ";
        }
        return info;
    }
    if (n < 5)
        return fromServer ? "Response" : "Request";
    if (fromServer) {
        // What the packet's first byte says it is (a result set's first packet: its column count).
        if (p[4] == 0x00)
            return "Response  OK ";
        if (p[4] == 0xff && n >= 7)
            return "Response  Error " + std::to_string(p[5] | p[6] << 8) + " ";
        if (p[4] >= 0x01 && p[4] <= 0xfa)
            return "Response TABULAR Response ";
        return "Response";
    }
    // A command opens its exchange (sequence 0): its name.
    static const char* const commands[] = {"Sleep", "Quit", "Use Database", "Query", "Show Fields", "Create Database",
                                           "Drop Database", "Refresh", "Shutdown", "Statistics", "Process List", "Connect",
                                           "Kill Server Thread", "Dump Debuginfo", "Ping", "Time", "Insert Delayed",
                                           "Change User", "Send Binlog", "Send Table", "Slave Connect", "Register Slave",
                                           "Prepare Statement", "Execute Statement", "Send BLOB", "Close Statement",
                                           "Reset Statement", "Set Option", "Fetch Data", "Daemon", "Binlog Dump GTID",
                                           "Reset Connection"};
    if (p[3] == 0 && p[4] < std::size(commands))
        return std::string("Request ") + commands[p[4]];
    // A command tshark does not know is named whatever the packet's number; its body is not read.
    if (p[4] >= std::size(commands))
        return "Request Unknown (" + std::to_string(p[4]) + ") ";
    return "Request";
}

// DHCPv6 client/server messages: the type, the transaction ID and the client's DUID (relay
// messages keep UDP's Info).
void dhcpv6Info(std::string& info, const uint8_t* p, size_t n)
{
    static const char* const types[] = {nullptr, "Solicit", "Advertise", "Request", "Confirm", "Renew", "Rebind",
                                        "Reply", "Release", "Decline", "Reconfigure", "Information-request"};
    if (n == 0 || p[0] == 0 || p[0] >= std::size(types))
        return;
    if (n < 4) { // the transaction ID cut off
        info = std::string(types[p[0]]) + " ";
        return;
    }
    char head[64];
    std::snprintf(head, sizeof head, "%s XID: 0x%x ", types[p[0]], unsigned(p[1]) << 16 | unsigned(p[2]) << 8 | p[3]);
    info = head;
    for (size_t o = 4; o + 4 <= n;) {
        const uint16_t code = loadBe16(p + o), len = loadBe16(p + o + 2);
        if (o + 4 + len > n)
            break;
        if (code == 1) { // Client Identifier
            info += "CID: ";
            appendHexBytes(info, p + o + 4, len);
            info += ' ';
        }
        o += 4 + len;
    }
}

// An NBNS query: the operation and each question's type and NetBIOS name ("WPAD<00>"), its 32
// letters decoded to 15 characters and a suffix. Other messages keep UDP's Info.
void nbnsQueryInfo(std::string& info, const uint8_t* p, size_t n)
{
    if (n < 12 || (p[2] & 0x80) || ((p[2] >> 3) & 0x0f) != 0)
        return;
    const uint16_t questions = loadBe16(p + 4);
    std::string out = "Name query";
    size_t o = 12;
    for (uint16_t q = 0; q < questions; ++q) {
        if (o + 1 + 32 + 1 + 4 > n || p[o] != 32)
            return;
        std::string name;
        for (size_t i = 0; i < 16; ++i) {
            const uint8_t hi = uint8_t(p[o + 1 + 2 * i] - 'A'), lo = uint8_t(p[o + 2 + 2 * i] - 'A');
            if (hi > 15 || lo > 15)
                return;
            name += char(hi << 4 | lo);
        }
        const uint8_t suffix = uint8_t(name.back());
        name.pop_back();
        name.erase(name.find_last_not_of(' ') + 1);
        size_t e = o + 33;
        while (e < n && p[e] != 0) { // a scope: its labels follow the name
            if (e + 1 + p[e] > n) {
                info = out + kMalformed;
                return;
            }
            name += '.';
            name.append(reinterpret_cast<const char*>(p + e + 1), p[e]);
            e += 1 + p[e];
        }
        if (e + 5 > n)
            return;
        const uint16_t type = loadBe16(p + e + 1);
        char tail[8];
        std::snprintf(tail, sizeof tail, "<%02x>", suffix);
        out += std::string(type == 0x21 ? " NBSTAT " : type == 0x20 ? " NB " : " ") + name + tail;
        o = e + 5;
    }
    info = out;
}

// Google QUIC's Info: the handshake message a clear packet carries ("Client Hello") or
// "Payload (Encrypted)", then the packet number and the connection ID when the public header
// holds one. Versions before Q039 write numbers little-endian and carry a private flags byte
// before Q034; without a version in the packet, those older layouts are assumed.
std::string gquicInfo(const uint8_t* p, size_t n, bool fromClient)
{
    if (n < 2)
        return {};
    const uint8_t flags = p[0];
    size_t o = 1, cidLen = 0, pknLen = 0;
    int version = 0; // unknown
    uint64_t cid = 0, pkn = 0;
    if (flags & 0xc0) {
        // Q046's IETF-style headers: a long one with its version and one 8-byte connection ID
        // (tshark reads no second), a short one with the ID only towards the server; big-endian.
        version = 46;
        if (flags & 0x80) {
            if (n < 6)
                return {};
            cidLen = p[5] ? 8 : 0;
            o = 6;
        } else {
            cidLen = fromClient ? 8 : 0;
        }
        pknLen = (flags & 3) + 1u;
        if (o + cidLen > n)
            return {};
        for (size_t i = 0; i < cidLen; ++i)
            cid = cid << 8 | p[o + i];
    } else {
        static constexpr size_t cidLengths[] = {0, 1, 4, 8}, pknLengths[] = {1, 2, 4, 6};
        cidLen = cidLengths[(flags >> 2) & 3];
        pknLen = pknLengths[(flags >> 4) & 3];
        if (o + cidLen > n)
            return {};
        for (size_t i = 0; i < cidLen; ++i)
            cid |= uint64_t(p[o + i]) << (8 * i);
        o += cidLen;
        if (flags & 0x01) {
            if (o + 4 > n || p[o] != 'Q')
                return {};
            version = (p[o + 1] - '0') * 100 + (p[o + 2] - '0') * 10 + (p[o + 3] - '0');
            o += 4;
        }
    }
    if (flags & 0xc0)
        o += cidLen;
    if (o + pknLen > n)
        return {};
    for (size_t i = 0; i < pknLen; ++i)
        pkn = version >= 39 ? pkn << 8 | p[o + i] : pkn | uint64_t(p[o + i]) << (8 * i);
    o += pknLen;
    if (o + 12 > n) // no room for the authentication hash
        return "Payload (Encrypted)[Malformed Packet]";
    // A clear packet: the authentication hash, the private flags, then a STREAM frame on the
    // handshake stream (1) opening with a message tag.
    const char* message = "Payload (Encrypted)";
    size_t f = o + 12 + (version == 0 || version < 34 ? 1 : 0);
    if (f < n && (p[f] & 0x80)) {
        const uint8_t type = p[f];
        const size_t idLen = (type & 3) + 1, offLen = ((type >> 2) & 7) ? ((type >> 2) & 7) + 1 : 0, lenLen = (type & 0x20) ? 2 : 0;
        const size_t data = f + 1 + idLen + offLen + lenLen;
        if (data + 4 <= n && p[f + 1] == 1) {
            const std::string_view tag(reinterpret_cast<const char*>(p + data), 4);
            if (tag == "CHLO")
                message = "Client Hello";
            else if (tag == "SHLO")
                message = "Server Hello";
            else if (tag == std::string_view("REJ\0", 4))
                message = "Rejection";
            // Its tags are read (a count, then each tag with the end of its value) before the
            // packet number is written: a message the capture cut ends in the exception there.
            if (message[0] != 'P') {
                const size_t tags = data + 8 <= n ? size_t(p[data + 4] | p[data + 5] << 8) : 0;
                const size_t last = data + 8 + 8 * tags;
                const size_t end = tags == 0 ? data + 8 : last <= n ? last + (p[last - 4] | p[last - 3] << 8 | size_t(p[last - 2]) << 16 | size_t(p[last - 1]) << 24) : SIZE_MAX;
                if (end > n)
                    return std::string(message) + kSizeLimited;
            }
        }
    }
    std::string info = std::string(message) + ", PKN: " + std::to_string(pkn);
    if (cidLen)
        info += ", CID: " + std::to_string(cid);
    return info;
}

// QUIC on UDP 443. Google QUIC needs a version in the packet or, as tshark remembers it, in an
// earlier packet of the conversation; IETF QUIC names itself in a long header.
const char* quic(const uint8_t* p, size_t n, uint8_t kind)
{
    if (kind == ConversationProtocols::Gquic || hasGquicVersion(p, n))
        return "GQUIC";
    return quicLongHeaderClaimed(p, n) ? "QUIC" : nullptr;
}

// UDP's own Info: the ports and the length, with what tshark flags in them: a length beyond the
// IP payload, and a zero checksum over IPv6 (where it is mandatory).
void udpPorts(std::string& info, const UdpView& u, const DecodedPacket& d)
{
    appendUnsigned(info, u.srcPort());
    info += " \xe2\x86\x92 ";
    appendUnsigned(info, u.dstPort());
    if (u.length() > d.ipPayloadLen && d.ipPayloadLen >= 8 && !d.ipFragment && !d.reassembled) {
        info += " [BAD UDP LENGTH ";
        appendUnsigned(info, u.length());
        info += " > IP PAYLOAD LENGTH]";
    }
    info += " Len=";
    appendUnsigned(info, u.length() >= 8 ? u.length() - 8u : 0u);
    if (d.net == NetLayer::IPv6 && loadBe16(d.at(d.transportOffset + 6)) == 0)
        info += " [ILLEGAL CHECKSUM (0)]";
}

// A MySQL packet (3-byte length, sequence number) rather than a TLS record: what a MySQL
// conversation sends before it switches to TLS.
bool mysqlBeforeTls(const uint8_t* p, size_t n, size_t reported)
{
    if (n < 5 || (p[0] >= 20 && p[0] <= 24 && p[1] == 3))
        return false;
    const size_t len = size_t(p[0]) | size_t(p[1]) << 8 | size_t(p[2]) << 16;
    return len > 0 && len + 4 <= reported;
}

// A MAC address as tshark resolves one in Info: "Dell_dc:9e:35 (00:0d:56:dc:9e:35)", or the
// address alone when no name is known.
std::string namedMac(const uint8_t* mac)
{
    const std::string plain = formatMac(mac), name = resolvedMac(mac);
    return name == plain ? plain : name + " (" + plain + ")";
}

// Wake-on-LAN's target, and the SecureOn password that may follow (4 bytes read as an IPv4
// address, 6 as a MAC address).
std::string wolInfo(const uint8_t* p, size_t n)
{
    std::string info = "MagicPacket for " + namedMac(p + 6);
    if (n == 102 + 4)
        info += ", password " + formatIpv4(p + 102);
    else if (n == 102 + 6)
        info += ", password " + formatMac(p + 102);
    return info;
}

// Wake-on-LAN: six 0xff bytes, then the target's address sixteen times.
bool isMagicPacket(const uint8_t* p, size_t n)
{
    if (n < 102)
        return false;
    for (size_t i = 0; i < 6; ++i)
        if (p[i] != 0xff)
            return false;
    for (size_t i = 1; i < 16; ++i)
        if (std::memcmp(p + 6, p + 6 + 6 * i, 6) != 0)
            return false;
    return true;
}

// A TFTP message's opcode and its first fields, in tshark's words.
std::string tftp(const uint8_t* p, size_t n)
{
    if (n < 2)
        return {};
    const uint16_t op = loadBe16(p);
    const auto cstr = [&](size_t at) {
        size_t end = at;
        while (end < n && p[end])
            ++end;
        return std::pair{std::string(reinterpret_cast<const char*>(p + std::min(at, n)), end - std::min(at, n)), end + 1};
    };
    switch (op) {
    case 1:
    case 2: {
        const auto [file, next] = cstr(2);
        const auto [mode, rest] = cstr(next);
        return std::string(op == 1 ? "Read" : "Write") + " Request, File: " + file + ", Transfer type: " + mode;
    }
    case 3:
    case 4:
        if (n < 4)
            return {};
        return std::string(op == 3 ? "Data Packet" : "Acknowledgement") + ", Block: " + std::to_string(loadBe16(p + 2))
             + (op == 3 && n - 4 < 512 ? " (last)" : "");
    case 5:
        if (n < 4)
            return {};
        return "Error Code, Code: " + std::to_string(loadBe16(p + 2)) + ", Message: " + cstr(4).first;
    case 6:
        return "Option Acknowledgement";
    default: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "Unknown (0x%04x)", op);
        return buf;
    }
    }
}

const char* drdaCodepoint(uint16_t cp)
{
    switch (cp) {
    case 0x1041: return "EXCSAT";
    case 0x1443: return "EXCSATRD";
    case 0x106d: return "ACCSEC";
    case 0x14ac: return "ACCSECRD";
    case 0x106e: return "SECCHK";
    case 0x1219: return "SECCHKRM";
    case 0x2001: return "ACCRDB";
    case 0x2201: return "ACCRDBRM";
    case 0x2005: return "CLSQRY";
    case 0x2006: return "CNTQRY";
    case 0x2008: return "DSCSQLSTT";
    case 0x200b: return "EXCSQLSTT";
    case 0x200c: return "OPNQRY";
    case 0x200d: return "PRPSQLSTT";
    case 0x200e: return "RDBCMM";
    case 0x2014: return "EXCSQLSET";
    case 0x2205: return "OPNQRYRM";
    case 0x220b: return "ENDQRYRM";
    case 0x220c: return "ENDUOWRM";
    case 0x2219: return "RSLSETRM";
    case 0x2408: return "SQLCARD";
    case 0x240b: return "SQLCINRD";
    case 0x240e: return "SQLRSLRD";
    case 0x2411: return "SQLDARD";
    case 0x2412: return "SQLDTA";
    case 0x2413: return "SQLDTARD";
    case 0x2414: return "SQLSTT";
    case 0x241a: return "QRYDSC";
    case 0x241b: return "QRYDTA";
    case 0x2450: return "SQLATTR";
    default: return nullptr;
    }
}

// DRDA (tshark's heuristic on any TCP port): chained DSS headers with the 0xd0 magic; Info
// names each one's command or reply, and a DSS the segment cuts short ends with the exception
// tshark hits there.
bool drda(ProtocolSummary& s, const uint8_t* p, size_t n, size_t reported)
{
    // The first DSS: magic, a DSS type (1-5), and its DDM object's length inside its own.
    if (n < 10 || p[2] != 0xd0 || (p[3] & 0x0f) < 1 || (p[3] & 0x0f) > 5 || loadBe16(p) < 10
        || loadBe16(p + 6) != loadBe16(p) - 6)
        return false;
    // Past the capture inside the segment: the snapshot length; past the segment: the PDU TCP
    // did not reassemble.
    const auto stop = [&](size_t end) { return end <= reported ? kSizeLimited : kUnreassembled; };
    const bool cut = n < reported;
    std::string info;
    s.pduLayers.clear(); // a layer per DSS read, then the exception's node
    for (size_t off = 0; off + 10 <= n && p[off + 2] == 0xd0;) {
        const size_t len = loadBe16(p + off);
        s.pduLayers += "drda\n";
        if (!info.empty())
            info += " | ";
        if (const char* name = drdaCodepoint(loadBe16(p + off + 8)))
            info += name;
        else {
            char hex[24];
            std::snprintf(hex, sizeof hex, "Unknown (0x%02x)", loadBe16(p + off + 8));
            info += hex;
        }
        if (len < 10)
            break;
        if (off + len > n && !cut) {
            info += kUnreassembled;
            break;
        }
        if (off + len > n) {
            // Cut: tshark reads the DDM's parameters on, past the capture; an SQL statement's or
            // attributes' text it only shows, so there the row ends without an exception.
            const uint16_t cp = loadBe16(p + off + 8);
            if (cp != 0x2414 && cp != 0x2450)
                info += stop(off + len);
            break;
        }
        off += len;
        // The next DSS's header started but the capture ended inside it, or just before it.
        if (cut && off <= n && off < reported && off + 10 > n) {
            if (off + 2 <= n) // its length read, the DSS is handed to DRDA's reader
                s.pduLayers += "drda\n";
            info += stop(off + 10);
        }
    }
    if (info.ends_with(kSizeLimited))
        s.pduLayers += "_ws.short\n";
    else if (info.ends_with(kUnreassembled))
        s.pduLayers += "_ws.unreassembled\n";
    s.protocol = "DRDA";
    s.info = info;
    return true;
}

// HART-IP (TCP and UDP 5094): message ID and type from its 8-byte header.
void hartIp(ProtocolSummary& s, const uint8_t* p, size_t n)
{
    s.protocol = "HART_IP";
    if (n < 8)
        return;
    static const char* const ids[] = {"Session Initiate", "Session Close", "Keep Alive", "Pass Through", "Direct PDU",
                                      "Read Audit Log"};
    static const char* const types[] = {"Request", "Response", "Publish", "Error", "NAK"};
    const char* id = p[2] < std::size(ids) ? ids[p[2]] : "Unknown";
    const char* type = p[1] < 4 ? types[p[1]] : p[1] == 15 ? types[4] : "Unknown";
    s.info = std::string(id) + " " + type + ", Sequence Number " + std::to_string(loadBe16(p + 4));
}

// SIP over UDP: the request or status line, then what its body's dissector writes.
void sip(ProtocolSummary& s, const uint8_t* p, size_t n)
{
    const std::string_view text(reinterpret_cast<const char*>(p), n);
    const std::string_view line = firstLine(text);
    const size_t body = text.find("\r\n\r\n");
    const std::string_view head = text.substr(0, body);
    // A header's value (full or compact name), or empty.
    const auto header = [&](std::string_view full, std::string_view compact = {}) -> std::string_view {
        for (std::string_view name : {full, compact}) {
            if (name.empty())
                continue;
            for (size_t at = head.find_first_of("\r\n"); at != std::string_view::npos; at = head.find_first_of("\r\n", at + 1)) {
                if (head[at] == '\r' && at + 1 < head.size() && head[at + 1] == '\n')
                    ++at; // (a line ends at CR LF, LF or CR)
                const std::string_view rest = head.substr(at + 1);
                if (rest.size() > name.size() && equalsNoCase(rest.substr(0, name.size()), name)) {
                    size_t v = name.size();
                    while (v < rest.size() && rest[v] == ' ')
                        ++v;
                    if (v < rest.size() && rest[v] == ':')
                        return firstLine(rest.substr(v + 1 + (v + 1 < rest.size() && rest[v + 1] == ' ')));
                }
            }
        }
        return {};
    };
    s.protocol = "SIP";
    if (line.starts_with("SIP/2.0 ")) {
        s.info = "Status: " + std::string(line.substr(8));
        // A success names the request it answers, by CSeq's method.
        const std::string_view cseq = header("CSeq");
        if (line.size() > 8 && line[8] == '2' && cseq.find(' ') != std::string_view::npos)
            s.info += " (" + std::string(cseq.substr(cseq.rfind(' ') + 1)) + ")";
    } else {
        s.info = "Request: " + std::string(line.substr(0, line.rfind(" SIP/2.0")));
        // An INVITE whose To already carries a tag re-invites within a dialog.
        if (line.starts_with("INVITE ") && header("To", "t").find(";tag=") != std::string_view::npos)
            s.info += ", in-dialog";
    }
    s.info += " | ";
    // The body goes to the dissector tshark's media type table names for its type (SIP/SDP,
    // SIP/XML, a multipart's parts each by theirs); SIP shows a body none takes as its own lines.
    const std::string_view value = header("Content-Type", "c");
    if (body == std::string_view::npos || value.empty())
        return;
    std::string_view content = text.substr(body + 4);
    const std::string_view length = header("Content-Length", "l");
    if (size_t bytes = 0; !length.empty() && std::from_chars(length.data(), length.data() + length.size(), bytes).ec == std::errc()
                          && bytes < content.size())
        content = content.substr(0, bytes);
    const size_t semi = value.find(';');
    const std::string_view type = trimmedValue(value.substr(0, semi));
    MediaWrite w;
    if (content.empty() || !mediaWrite(type, semi == std::string_view::npos ? std::string_view() : value.substr(semi), content, true, w))
        return;
    if (w.protocol.starts_with('/'))
        s.protocol += w.protocol;
    else if (!w.protocol.empty())
        s.protocol = w.protocol;
    s.info = w.clearInfo ? w.info : s.info + w.info;
}

// SIP over TCP: each message of the segment in turn, the last naming the row; a header the
// segment ends in is read past its end. On SIP's port, data that starts no message is a
// continuation (blank lines are keep-alives: TCP's).
void sipTcp(ProtocolSummary& s, std::string_view text, bool onPort)
{
    bool any = false;
    for (size_t at = 0; at < text.size() && startsSipMessage(text.substr(at));) {
        const std::string_view rest = text.substr(at);
        ProtocolSummary m;
        sip(m, reinterpret_cast<const uint8_t*>(rest.data()), rest.size());
        s.protocol = m.protocol;
        any = true;
        bool needMore = false;
        const uint32_t length = sipMessageLength(reinterpret_cast<const uint8_t*>(rest.data()), rest.size(), needMore);
        if (needMore) {
            s.info += m.info.substr(0, m.info.size() - 3) + kUnreassembled; // (" | " comes after the header)
            break;
        }
        s.info += m.info;
        at += length;
        if (at < text.size() && startsSipMessage(text.substr(at)) && s.repeats < 255)
            ++s.repeats; // each message is a layer of the hierarchy
    }
    if (!any && onPort && text.find_first_not_of("\r\n") != std::string_view::npos)
        s.protocol = "SIP", s.info = "Continuation";
}

} // namespace

bool udpHeuristicsReadPastCapture(const uint8_t* p, size_t n, size_t reported)
{
    return n < reported && ((n < 4 && reported >= 4) || (n < 10 && reported >= 13 && (p[2] & 0x78) == 0));
}

namespace {

// STUN on its port, or by its heuristic (a whole message with the magic cookie, or classic STUN).
void stun(ProtocolSummary& s, const uint8_t* p, size_t n, size_t reported, bool onStunPort)
{
    StunSummary t = stunDatagram(p, n, reported, onStunPort);
    if (!t.protocol)
        return;
    s.protocol = t.protocol;
    s.info = std::move(t.info);
    s.rawInfoText = true;
}

// tshark's RTCP heuristic, tried on UDP no port claimed: to an odd port, version 2, a first
// packet that may open a compound one, a length in whole words. Info names each packet.
void rtcpHeuristic(ProtocolSummary& s, const uint8_t* p, size_t n, size_t reported, uint16_t dstPort)
{
    if (dstPort % 2 == 0 || n < 2 || (p[0] >> 6) != 2 || reported % 4)
        return;
    const uint8_t first = p[1];
    if (first != 200 && first != 201 && first != 203 && first != 204 && first != 206)
        return;
    s.info = rtcpInfo(p, n, s.protocol); // each packet's name, as RTCP over RTSP (rtspinfo.h)
}

// tshark's WireGuard heuristic, tried on UDP no port claimed: a message type 1-4 and the
// datagram length that type has (transport data: a 16-byte header and at least its 16-byte tag).
// Indices are little-endian, printed in upper-case hex.
void wireguardHeuristic(ProtocolSummary& s, const uint8_t* p, size_t n, size_t reported)
{
    if (n < 4 || p[0] < 1 || p[0] > 4)
        return;
    const size_t need[] = {0, 148, 92, 64, 32}, fields[] = {0, 8, 12, 8, 16};
    if (p[0] == 4 ? reported < need[4] : reported != need[p[0]])
        return;
    static const char* const names[] = {nullptr, "Handshake Initiation", "Handshake Response", "Cookie Reply", "Transport Data"};
    if (n < fields[p[0]]) { // the type is known by the length; its fields were not captured
        s.protocol = "WireGuard";
        s.info = std::string(names[p[0]]) + kSizeLimited;
        return;
    }
    auto index = [&](size_t at) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "0x%08X", unsigned(loadLe32(p + at)));
        return std::string(buf);
    };
    s.protocol = "WireGuard";
    switch (p[0]) {
    case 1: s.info = "Handshake Initiation, sender=" + index(4); break;
    case 2: s.info = "Handshake Response, sender=" + index(4) + ", receiver=" + index(8); break;
    case 3: s.info = "Cookie Reply, receiver=" + index(4); break;
    default: {
        uint64_t counter = 0;
        for (int i = 7; i >= 0; --i)
            counter = counter << 8 | p[8 + i];
        s.info = std::string(reported == 32 ? "Keepalive" : "Transport Data") + ", receiver=" + index(4)
            + ", counter=" + std::to_string(counter);
        if (reported > 32)
            s.info += ", datalen=" + std::to_string(reported - 32);
    }
    }
}

// SMTP, FTP, POP and IMAP on their well-known ports: the Info tshark gives their lines.
bool textLines(ProtocolSummary& s, uint16_t sp, uint16_t dp, const uint8_t* p, size_t n)
{
    const auto side = [&](uint16_t port) { return sp == port || dp == port; };
    const char* protocol = side(25) || side(587) ? "SMTP" : side(21) ? "FTP" : side(110) ? "POP" : side(143) ? "IMAP" : nullptr;
    if (!protocol)
        return false;
    const bool fromServer = sp < dp;
    std::vector<std::string_view> lines;
    std::string_view rest(reinterpret_cast<const char*>(p), n);
    while (!rest.empty()) {
        const size_t eol = rest.find('\n');
        std::string_view line = rest.substr(0, eol);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        lines.push_back(line);
        rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
    }
    if (lines.empty())
        return false;
    s.protocol = protocol;
    const std::string_view name(protocol);
    if (name == "SMTP") {
        // A multi-line reply: the code once, then each line's text.
        s.info = fromServer ? "S: " : "C: ";
        for (size_t i = 0; i < lines.size(); ++i) {
            if (i)
                s.info += " | ";
            s.info += std::string(!fromServer || !i ? lines[i] : lines[i].size() >= 4 ? lines[i].substr(4) : std::string_view());
        }
    } else if (name == "FTP") {
        s.info = std::string(fromServer ? "Response: " : "Request: ") + std::string(lines.front());
    } else if (name == "POP") {
        s.info = std::string(fromServer ? "S: " : "C: ") + std::string(lines.front());
    } else {
        s.info = std::string(fromServer ? "Response: " : "Request: ") + std::string(lines.back());
    }
    return true;
}

// IRC (TCP 6667): "Request" or "Response" by the direction, then each line's command, after the
// line's optional ":prefix" ("Response (001) (002)"). A segment is read on its own: the parts of
// a line split over segments are lines of their own.
std::string ircInfo(const uint8_t* p, size_t n, size_t reported, bool request)
{
    std::string info = request ? "Request" : "Response";
    std::string_view rest(reinterpret_cast<const char*>(p), n);
    while (!rest.empty()) {
        const size_t eol = rest.find_first_of("\r\n");
        std::string_view line = rest.substr(0, eol);
        rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + (rest.substr(eol, 2) == "\r\n" ? 2 : 1));
        if (line.empty())
            continue;
        if (line.front() == ':') { // the prefix, up to its space
            const size_t space = line.find(' ');
            if (space == std::string_view::npos)
                continue;
            line.remove_prefix(space + 1);
        }
        const std::string_view command = line.substr(0, line.find(' '));
        if (command.empty())
            continue;
        info += " (";
        appendEscapedText(info, command);
        info += ')';
        // A CTCP message (":\001...") has its first byte read: past the capture's end when it ended
        // right after the \001.
        const size_t ctcp = line.find(" :\x01");
        if (rest.empty() && n < reported && ctcp != std::string_view::npos && ctcp + 3 == line.size())
            info += kSizeLimited;
    }
    return info;
}

// tshark's XMPP: a keep-alive space; a segment cut short stops on its first read (the last byte);
// one that does not end in '>' waits for more (TCP without reassembly); else the XML read.
void xmpp(ProtocolSummary& s, const uint8_t* p, size_t n, size_t reported, bool toServer)
{
    if (xmppKeepAlive(p, n, reported)) {
        s.protocol = "XMPP";
        s.info = "Whitespace Keepalive";
    } else if (n < reported) {
        s.info = kSizeLimited;
        s.keepsTcpInfo = true;
    } else if (!xmppWantsMore(p, n)) {
        XmppSummary x = xmppSummary(p, n, toServer);
        s.protocol = x.xml ? "XMPP/XML" : "XMPP";
        s.info = x.malformed ? kUnreassembled : std::move(x.info);
    }
}

} // namespace

void applyRtsp(ProtocolSummary& s, RtspSummary r)
{
    s.protocol = r.protocol.empty() ? "TCP" : std::move(r.protocol);
    s.info = std::move(r.info);
    s.keepsTcpInfo = r.keepsTcpInfo;
    s.replacesTcpInfo = r.replacesTcpInfo;
}

namespace {

bool hasMptcpOption(const DecodedPacket& d)
{
    bool found = false;
    forEachTcpOption(d, [&](uint8_t kind, uint32_t, uint32_t) { found |= kind == tcpopt::Mptcp; });
    return found;
}

void summarizeTcp(ProtocolSummary& s, const DecodedPacket& d, uint8_t kind, bool learned, uint32_t messageStart, uint32_t analysisFlags,
                  TlsHandshakeCarry* tlsCarry)
{
    s.protocol = "TCP";
    if (!d.tcpHeaderValid)
        return;
    // The key-change mark belongs to SSH's and TLS's own readers; the kind is the rest.
    const bool keysChanged = (kind & 0x30) == ConversationProtocols::TlsBase && (kind & ConversationProtocols::KeysChanged);
    if (keysChanged)
        kind &= uint8_t(~ConversationProtocols::KeysChanged);
    const TcpView tcp{d.at(d.transportOffset)};
    const uint16_t sp = tcp.srcPort(), dp = tcp.dstPort();
    if (hasMptcpOption(d))
        s.protocol = "MPTCP"; // tshark names the segment after its Multipath TCP option
    const uint32_t start = d.transportOffset + d.tcpHeaderLen;
    // Data in a RST is a reset cause, not application data (tshark shows it as TCP).
    if (d.tcpPayloadLen == 0 || start >= d.frame.size() || (tcp.flags() & TcpRst))
        return;
    const size_t captured = std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start);
    const size_t skip = std::min<size_t>(messageStart, captured);
    const uint8_t* p = d.at(start) + skip;
    const size_t n = captured - skip;
    const std::string_view text(reinterpret_cast<const char*>(p), n);
    if ((kind & 0x7f) == ConversationProtocols::FtpData) {
        // summarizeFrame() adds how the connection was set up and what it was for.
        s.protocol = "FTP-DATA";
        s.info = "FTP Data: " + std::to_string(d.tcpPayloadLen - skip) + " bytes";
        return;
    }
    // HTTP once the conversation shows a request or status line (on any port); a port-80
    // stream that never does stays TCP, as tshark shows it. Without that knowledge (the
    // conversation not learned yet), the port decides.
    const bool httpPort = isHttpPort(sp, dp);
    if (kind == ConversationProtocols::Http || kind == ConversationProtocols::HttpRepliesOnly
        || (httpPort && kind == ConversationProtocols::Unknown && !learned)) {
        const bool binaryTail = http(s, text, kind != ConversationProtocols::HttpRepliesOnly, true, n == d.tcpPayloadLen - skip,
                                     d.standInFrom == DecodedPacket::kNoOffset);
        const bool cut = n < d.tcpPayloadLen - skip;
        // The snapshot length cut the first line: tshark finds no line to read as a request or
        // status (a CR the capture ends on may still be a CR LF's) and takes it for a body.
        if (cut && s.info != "Continuation" && s.protocol.starts_with("HTTP") && !httpLineEnds(text))
            s.info = "Continuation", s.protocol = "HTTP";
        // A continuation that starts with text (after a stray CR LF) is read as text to its
        // reported end; binary is data, read no further than captured.
        const std::string_view line = d.tcpPayloadLen - skip > 3 && text.starts_with("\r\n") ? text.substr(2) : text;
        if (cut && s.info == "Continuation" && !line.empty() && isPrint(uint8_t(line[0])))
            s.info += kSizeLimited;
        // A message in a cut segment: tshark reads on to the reported end (the headers, the
        // body, the next message) and stops where the capture does.
        else if (s.info != "Continuation" && s.protocol.starts_with("HTTP") && cut && !binaryTail)
            s.info += kSizeLimited;
        // A whole segment that ends inside a message's first line: without reassembly tshark
        // finds no line to read as a request or status, and takes it for the body it continues.
        else if (s.info != "Continuation" && s.protocol.starts_with("HTTP") && n == d.tcpPayloadLen - skip && !httpLineEnds(text))
            s.info = "Continuation", s.protocol = "HTTP";
    } else if (kind == ConversationProtocols::Unknown && n < d.tcpPayloadLen - skip && startsHttpMessage(text)
               && httpLineEnds(text) && (httpPort || httpHeuristicLine(text))) {
        // A message whose headers the snapshot length cut, in a conversation that showed no
        // other: named by its first line, which tshark read.
        http(s, text, false, false, false);
        s.info += kSizeLimited;
    } else if (httpPort && kind == ConversationProtocols::Unknown) {
        // a port-80 conversation without any HTTP message: plain TCP
    } else if (isRdpPort(sp, dp)) {
        // TPKT's PDUs, RDP's fast-path ones, else a continuation (TLS, once RDP chose it)
        TpktSummary x = tpktSummary(p, n, d.tcpPayloadLen - skip, false);
        if (!x.protocol.empty()) {
            s.protocol = std::move(x.protocol);
            s.info = std::move(x.info);
            s.pduLayers = std::move(x.layers);
        }
    } else if (((kind & 0xf0) == ConversationProtocols::TlsBase && !(either(sp, dp, {kMysqlPort}) && mysqlBeforeTls(p, n, d.tcpPayloadLen - skip)))
               || isTlsPort(sp, dp) || (kind & 0x7f) == ConversationProtocols::XmppTls) {
        // tshark's TLS refuses a segment opening with four printable characters (clear text); after
        // STARTTLS, XMPP's port then takes it.
        if (n > 4 && isPrint(p[0]) && isPrint(p[1]) && isPrint(p[2]) && isPrint(p[3])) {
            if (either(sp, dp, {kXmppPort}))
                xmpp(s, p, n, d.tcpPayloadLen - skip, dp == kXmppPort);
            return;
        }
        const size_t reported = d.tcpPayloadLen - skip;
        // TLS 1.0-1.2 ignore what is not a record, marking all the rest: cut, it cannot be. Their
        // records are read by content type alone (tshark's dispatch on the conversation's version).
        const bool ignores = (kind & 0xf0) == ConversationProtocols::TlsBase && (kind & 0x0f) >= 1 && (kind & 0x0f) <= 3;
        // SSLv3 reads a record by its content type too (but calls what is none continuation data).
        const bool byType = (kind & 0xf0) == ConversationProtocols::TlsBase && (kind & 0x0f) <= 3;
        const bool parsed = tls(s, p, n, reported, keysChanged, kind == (ConversationProtocols::TlsBase | 4), tlsCarry, byType);
        if ((kind & 0xf0) == ConversationProtocols::TlsBase) {
            // The conversation's version names every segment, records or not.
            s.protocol = tlsVersion(3, kind & 0x0f);
            // TLS 1.3 reads what is no record as an unknown version does; TLS 1.0-1.2 take an SSLv2
            // Client Hello (0x80, its type 1) too.
            const bool sslv2Hello = ignores && n >= 3 && p[0] == 0x80 && p[2] == 1;
            if (!parsed && ((kind & 0x0f) == 4 || sslv2Hello))
                tlsUnknownData(s, p, n, reported);
            else if (!parsed)
                s.info = n < 5 ? (reported >= 5 ? kSizeLimited : "")
                    : ignores ? (reported > n ? kSizeLimited : "Ignored Unknown Record") : "Continuation Data";
        } else if (!parsed) {
            s.protocol = "SSL"; // no version known in the whole conversation
            tlsUnknownData(s, p, n, reported);
        }
    } else if (either(sp, dp, {kAmqpPort})) {
        // 0-9-1 frames once the conversation said so; summarizeFrame() adds the bodies' media types.
        s.protocol = "AMQP";
        if ((kind & 0x7f) == ConversationProtocols::Amqp09) {
            AmqpChannelTypes types;
            AmqpSummary a = amqp09Summary(p, n, d.tcpPayloadLen - skip, types, false);
            s.protocol = std::move(a.protocol);
            s.info = std::move(a.info);
            s.pduLayers = std::move(a.layers);
        } else if ((kind & 0x7f) == ConversationProtocols::Unknown) {
            s.info = "AMQP (unknown version)";
        }
    } else if (isRtspPort(sp, dp)) {
        // Read alone here; summarizeFrame() reads it with the channels its conversation mapped.
        applyRtsp(s, rtspSummary(p, n, d.tcpPayloadLen - skip, nullptr, false));
    } else if (isSmbPort(sp, dp)) {
        // Read alone here; summarizeFrame() reads it with what its conversation said before.
        if (NbssSummary x = nbssSummary(p, n, d.tcpPayloadLen - skip, isSmbDirect(sp, dp)); !x.protocol.empty()) {
            s.protocol = std::move(x.protocol);
            s.info = std::move(x.info);
            s.pduLayers = std::move(x.layers);
        }
    } else if (either(sp, dp, {kXmppPort})) {
        xmpp(s, p, n, d.tcpPayloadLen - skip, dp == kXmppPort);
    } else if (either(sp, dp, {22})) {
        ssh(s, p, n, d.tcpPayloadLen - skip, sp == 22, learned ? kind : uint8_t(ConversationProtocols::Ssh2), learned, analysisFlags);
    } else if (either(sp, dp, {kDnsPort}) && n > 2) {
        dnsOverTcp(s, p, n);
    } else if (either(sp, dp, {kMysqlPort})) {
        const size_t reported = d.tcpPayloadLen - skip;
        // MySQL reads its packet's 3-byte length before it names the row, and its number before it
        // writes Info; cut shorter, the row is TCP's, then TCP's Info stays (with the exception).
        if (n < reported && n < 3)
            return;
        s.protocol = "MySQL";
        if (n < reported && n < 4) {
            s.info = kSizeLimited;
            s.keepsTcpInfo = true;
            s.pduLayers = "mysql\n_ws.short\n";
            return;
        }
        s.info = mysqlInfo(p, n, reported, sp == kMysqlPort);
        // An unknown command's body is shown, not read: only an empty one (none captured) fails.
        const bool bodyRead = !s.info.starts_with("Request Unknown (") || n <= 5;
        // A layer per packet whose length was captured; it reads every packet of the segment,
        // so a cut segment ends in the exception.
        for (size_t off = 0; off < reported && off + 3 <= n; off += 4 + (p[off] | p[off + 1] << 8 | p[off + 2] << 16))
            s.pduLayers += "mysql\n";
        if (n < reported && bodyRead) {
            s.info += kSizeLimited;
            s.pduLayers += "_ws.short\n";
        }
    } else if (bool fromServer; x11Ports(sp, dp, fromServer)) {
        // Read on its own here; summarizeFrame() reads it with what its conversation said before.
        s.protocol = "X11";
        X11Summary x = x11Summary(fromServer, p, n, d.tcpPayloadLen - skip);
        s.info = std::move(x.info);
        s.keepsTcpInfo = !x.ownInfo;
    } else if (either(sp, dp, {23})) {
        // tshark's Telnet names every segment alike, then reads all of it (commands and data).
        s.protocol = "TELNET";
        s.info = "Telnet Data ...";
        if (n < d.tcpPayloadLen - skip)
            s.info += kSizeLimited;
    } else if (either(sp, dp, {1723})) {
        s.protocol = "PPTP";
        // It reads every field of the message; cut before its control type, it stops before its
        // name and its tree item.
        const bool cut = n < d.tcpPayloadLen - skip;
        if (cut && n < 10)
            s.pduLayers = "_ws.short\n";
        s.info = (cut && n < 10 ? "" : pptpInfo(p, n)) + (cut ? kSizeLimited : "");
    } else if (either(sp, dp, {5094})) {
        // TCP's PDU loop reads the 8-byte header's length first: cut before it, the row is TCP's.
        if (n < 8 && n < d.tcpPayloadLen - skip)
            return;
        hartIp(s, p, n);
        if (n < d.tcpPayloadLen - skip)
            s.info += kSizeLimited; // its body is read on
    } else if (either(sp, dp, {kRedisPort})) {
        s.protocol = "RESP";
        s.info = respInfo(p, n, sp == kRedisPort);
    } else if (either(sp, dp, {kPgsqlPort})) {
        s.protocol = "PGSQL";
        s.info = pgsqlInfo(p, n, d.tcpPayloadLen - skip, sp == kPgsqlPort);
    } else if (either(sp, dp, {kMqttPort})) {
        if (mqttMessageLength(p, n) == 0 && n < d.tcpPayloadLen - skip && n < 5) {
            // MQTT cleared the Info, then the capture ended inside the length it reads first.
            s.info = kSizeLimited;
            s.replacesTcpInfo = true;
            return;
        }
        s.protocol = "MQTT";
        s.info = mqttInfo(p, n, d.tcpPayloadLen - skip, (kind & 0x7f) == ConversationProtocols::Mqtt5);
    } else if (either(sp, dp, {kKerberosPort}) && n >= 4 && (n == 4 || startsKerberosMessage(p + 4, n - 4))) {
        s.protocol = "KRB5"; // after the record mark, as on UDP
        if (n > 4)
            s.info = kerberosInfo(p + 4, n - 4, d.tcpPayloadLen - skip - 4);
        else if (d.tcpPayloadLen - skip > 4)
            s.info = kSizeLimited; // the capture ended with the mark
    } else if (either(sp, dp, {6667})) {
        s.protocol = "IRC";
        s.info = ircInfo(p, n, d.tcpPayloadLen - skip, dp == 6667);
    } else if (either(sp, dp, {kStunPort})) {
        // tshark's STUN frames the stream whether or not it takes a message: a TCP row when not.
        StunSummary t = stunSegment(p, n, d.tcpPayloadLen - skip);
        s.pduLayers = std::move(t.layers);
        if (t.protocol && !*t.protocol) {
            s.info = std::move(t.info);
            s.keepsTcpInfo = true;
        } else if (t.protocol) {
            s.protocol = t.protocol;
            s.info = std::move(t.info);
            s.rawInfoText = true;
        }
    } else if (either(sp, dp, {kBgpPort})) {
        s.protocol = "BGP"; // named whether or not a marker starts a message in the segment
        s.info = bgpInfo(p, n, d.tcpPayloadLen - skip);
    } else if (either(sp, dp, {kMemcachePort}) && !memcacheBinary(p, n)) {
        s.protocol = "MEMCACHE";
        s.info = memcacheInfo(p, n, d.tcpPayloadLen - skip);
    } else if (isLdapPort(sp, dp)) {
        if (n < 4) { // LDAP first reads four bytes (a SASL buffer's length?), past these
            s.info = n < d.tcpPayloadLen - skip && d.tcpPayloadLen - skip >= 4 ? kSizeLimited : kUnreassembled;
            s.keepsTcpInfo = true;
            return;
        }
        if (!startsLdapMessage(p, n)) {
            s.keepsTcpInfo = true; // not a message's start: LDAP took it and left TCP's Info
            return;
        }
        s.protocol = "LDAP";
        s.info = ldapInfo(p, n, d.tcpPayloadLen - skip);
    } else if (either(sp, dp, {kSipPort}) || startsSipMessage(text)) {
        sipTcp(s, text, either(sp, dp, {kSipPort}));
    } else if (textLines(s, sp, dp, p, n)) {
        // SMTP, FTP, POP, IMAP
    } else {
        drda(s, p, n, d.tcpPayloadLen - skip);
    }
}

void summarizeUdp(ProtocolSummary& s, const DecodedPacket& d, uint8_t kind)
{
    s.protocol = "UDP";
    if (d.transportCaptured < 8) {
        if (d.transportCaptured >= 4) { // the ports, and why tshark stopped
            const UdpView u{d.at(d.transportOffset)};
            s.info = std::to_string(u.srcPort()) + " \xe2\x86\x92 " + std::to_string(u.dstPort());
            if (d.transportCaptured >= 6)
                s.info += " Len=" + std::to_string(u.length() >= 8 ? u.length() - 8u : 0u);
            s.info += d.reportedLen >= d.transportOffset + 8 ? kSizeLimited : kMalformed;
        }
        return;
    }
    const UdpView u{d.at(d.transportOffset)};
    udpPorts(s.info, u, d);
    const uint16_t sp = u.srcPort(), dp = u.dstPort();
    const uint8_t* p = d.at(d.transportOffset + 8);
    const size_t datagram = std::min<size_t>(d.ipPayloadLen, u.length());
    const size_t reported = datagram > 8 ? datagram - 8 : 0;
    // The payload ends where the datagram does (padding and trailers after it are not its); a
    // datagram without one is handed to no protocol.
    const size_t n = u.length() >= 8 ? std::min<size_t>(d.transportCaptured - 8, reported) : d.transportCaptured - 8;
    if (u.length() >= 8 && reported == 0)
        return;
    if (n == 0) { // nothing captured to hand on: UDP stops on it
        s.info += kSizeLimited;
        return;
    }
    if (either(sp, dp, {53}))
        dns(s, p, n, reported);
    else if (either(sp, dp, {5353}))
        dns(s, p, n, reported, "MDNS", DnsFlavour::Mdns);
    else if (either(sp, dp, {5355}))
        dns(s, p, n, reported, "LLMNR");
    else if (either(sp, dp, {137})) {
        s.protocol = "NBNS";
        std::string query;
        nbnsQueryInfo(query, p, n);
        // A query whose name the capture cut: named once its flags were read.
        if (query.empty() && n < reported && n >= 4 && !(p[2] & 0x80) && ((p[2] >> 3) & 0x0f) == 0)
            query = std::string("Name query") + kSizeLimited;
        if (n < 4 && n < reported) { // its flags cut: stopped before Info and its tree item
            query = kSizeLimited;
            s.pduLayers = "_ws.short\n";
        }
        if (!query.empty())
            s.info = std::move(query);
    } else if (either(sp, dp, {67, 68})) {
        // DHCP when a message type option is present, plain BOOTP otherwise.
        int type = -1;
        if (n > 240 && loadBe32(p + 236) == 0x63825363)
            for (size_t i = 240; i + 2 <= n && p[i] != 255;) {
                if (p[i] == 0) { ++i; continue; }
                if (p[i] == 53) { type = i + 2 < n ? p[i + 2] : 0; break; }
                i += 2 + p[i + 1];
            }
        static const char* const types[] = {nullptr, "Discover", "Offer", "Request", "Decline", "ACK", "NAK", "Release", "Inform"};
        s.protocol = type >= 0 ? "DHCP" : "BOOTP";
        // A request is named by its client's hardware address (an Ethernet one, then its name),
        // read before Info is written: cut before it, Info stays empty.
        s.info.clear();
        if (n >= 3 && p[0] == 1) { // (its address's type and length captured)
            const size_t length = p[2];
            if ((p[1] == 1 || p[1] == 6) && length == 6) {
                if (n >= 34)
                    s.info = "Boot Request from " + formatMac(p + 28) + " (" + resolvedMac(p + 28) + ")";
            } else if (length == 0) {
                s.info = "Boot Request from <No address>";
            } else if (n >= 28 + length) {
                static const char digits[] = "0123456789abcdef";
                s.info = "Boot Request from ";
                for (size_t i = 0; i < std::min<size_t>(length, 36); ++i) // tshark shows 36 bytes, then an ellipsis
                    (s.info += digits[p[28 + i] >> 4]) += digits[p[28 + i] & 15];
                if (length > 36)
                    s.info += "\u2026";
            }
        } else if (n >= 3 && p[0] == 2) { // (its address's type and length read first)
            s.info = "Boot Reply";
        } else if (n >= 3 && p[0] != 1) {
            s.info = "Unknown BOOTP message type (" + std::to_string(p[0]) + ")";
        }
        if (d.transportCaptured < std::min<size_t>(d.ipPayloadLen, u.length())) { // options cut by the snapshot length
            s.info += kSizeLimited;
            if (s.info == kSizeLimited)
                s.pduLayers = "_ws.short\n"; // stopped before its tree item too
        } else if (reported < 240) { // the magic cookie is read whether there or not
            s.pduLayers = s.info.empty() ? "_ws.malformed\n" : "dhcp\n_ws.malformed\n";
            s.info += kMalformed;
        }
        if (type > 0 && type < int(std::size(types)) && n >= 8) {
            char xid[24];
            std::snprintf(xid, sizeof xid, "0x%x", loadBe32(p + 4));
            char name[16];
            std::snprintf(name, sizeof name, "%-8s", types[type]); // tshark pads the type
            s.info = std::string("DHCP ") + name + " - Transaction ID " + xid;
        }
    } else if (either(sp, dp, {546, 547})) {
        s.protocol = "DHCPv6";
        std::string message;
        if (n >= 4 || n < reported) // (a whole datagram of fewer bytes is no message)
            dhcpv6Info(message, p, n);
        if (!message.empty() && n < reported)
            message += kSizeLimited; // its options are read to the datagram's end
        if (!message.empty())
            s.info = std::move(message);
    } else if (either(sp, dp, {123})) {
        s.protocol = "NTP";
        static const char* const modes[] = {"reserved", "symmetric active", "symmetric passive", "client", "server",
                                            "broadcast", "reserved for NTP control message", "reserved for private use"};
        if (n > 0)
            s.info = "NTP Version " + std::to_string((p[0] >> 3) & 7) + ", " + modes[p[0] & 7];
        if (n > 0 && n < reported)
            s.info += kSizeLimited;
    } else if (either(sp, dp, {1900}) && n < reported && !httpLineEnds(std::string_view(reinterpret_cast<const char*>(p), n))) {
        s.protocol = "SSDP"; // a first line the capture cut is no request or status line
        s.info = "Continuation";
    } else if (either(sp, dp, {1900})) {
        s.protocol = "SSDP";
        s.info = std::string(firstLine(std::string_view(reinterpret_cast<const char*>(p), n))) + " "; // as HTTP writes its line
    } else if (either(sp, dp, {520}) && n > 1) {
        s.protocol = p[1] == 2 ? "RIPv2" : "RIPv1";
        if (p[0] == 1 || p[0] == 2)
            s.info = std::string(p[0] == 1 ? "Request" : "Response") + (n < reported ? kSizeLimited : ""); // entries read on
    } else if (either(sp, dp, {17500})) {
        // JSON reads a cut object as no JSON at all
        const bool json = n == reported;
        s.protocol = json ? "DB-LSP-DISC/JSON" : "DB-LSP-DISC";
        s.info = std::string("Dropbox LAN sync Discovery Protocol") + (json ? ", JavaScript Object Notation" : "");
    } else if (either(sp, dp, {8612})) {
        s.protocol = "BJNP";
        if (n >= 6 && std::memcmp(p, "BJN", 3) == 0 && (p[4] & 0x7f) >= 1 && (p[4] & 0x7f) <= 2 && p[5] == 0x01)
            s.info = std::string((p[4] & 0x7f) == 1 ? "Printer " : "Scanner ") + ((p[4] & 0x80) ? "Response" : "Command") + ": Discover";
    } else if (either(sp, dp, {4500}) && n >= 4 && loadBe32(p) != 0) {
        // NAT traversal: ESP behind a UDP header (a zero marker would be IKE).
        char spi[40];
        std::snprintf(spi, sizeof spi, "ESP (SPI=0x%08x)", loadBe32(p));
        s.protocol = "ESP";
        s.info = spi;
    } else if (either(sp, dp, {kSipPort}) && startsSipMessage({reinterpret_cast<const char*>(p), n})) {
        sip(s, p, n); // (text that starts no request or status line is no SIP: UDP's)
    } else if (either(sp, dp, {69})) {
        s.protocol = "TFTP";
        s.info = tftp(p, n);
    } else if (either(sp, dp, {7, 9}) && isMagicPacket(p, n)) {
        s.protocol = "WOL";
        s.info = wolInfo(p, n);
    } else if (either(sp, dp, {kKerberosPort}) && startsKerberosMessage(p, n)) {
        s.protocol = "KRB5";
        s.info = kerberosInfo(p, n, reported);
    } else if (either(sp, dp, {kLdapPort})) {
        s.protocol = "CLDAP"; // summarizeFrame() counts its conversation's search results
        s.info = cldapInfo(p, n, reported);
        s.pduLayers = "cldap\n"; // and the node of an exception that stopped it
        if (s.info.ends_with(kSizeLimited))
            s.pduLayers += "_ws.short\n";
        else if (s.info.ends_with("item]"))
            s.pduLayers += "_ws.malformed\n";
    } else if (either(sp, dp, {161, 162}) && snmpInfo(p, n, reported, s.info)) {
        s.protocol = "SNMP"; // (its Info: UDP's when the capture cut it before SNMP wrote any)
    } else if (either(sp, dp, {514})) {
        syslogInfo(s, p, n, reported);
    } else if (either(sp, dp, {2222})) {
        s.protocol = "CIP I/O"; // EtherNet/IP's implicit messaging port
    } else if (either(sp, dp, {443})) {
        if (const char* q = quic(p, n, kind)) {
            s.protocol = q;
            if (s.protocol == "GQUIC")
                s.info = gquicInfo(p, n, sp != 443);
        }
    }
    const bool stunPort = either(sp, dp, {kStunPort});
    if (s.protocol == "UDP" && u.length() >= 8 && stunPort) // STUN's port, before the heuristics
        stun(s, p, std::min<size_t>(n, u.length() - 8u), u.length() - 8u, true);
    if (s.protocol == "UDP" && u.length() >= 8)
        wireguardHeuristic(s, p, std::min<size_t>(n, u.length() - 8u), u.length() - 8u);
    if (s.protocol == "UDP" && u.length() >= 8)
        rtcpHeuristic(s, p, std::min<size_t>(n, u.length() - 8u), u.length() - 8u, dp);
    if (s.protocol == "UDP" && u.length() >= 8 && !stunPort)
        stun(s, p, std::min<size_t>(n, u.length() - 8u), u.length() - 8u, false);
    if (s.protocol == "UDP" && startsSipMessage({reinterpret_cast<const char*>(p), n}))
        sip(s, p, n); // SIP's heuristic: a request or status line on any port
    // A payload no dissector takes, cut short: tshark's heuristic dissectors read past the
    // captured bytes before they decline, and stop there.
    if (s.protocol == "UDP" && !s.info.ends_with(kSizeLimited) && !s.info.ends_with(kMalformed)) {
        // (nothing captured at all stopped above)
        if (udpHeuristicsReadPastCapture(p, n, reported))
            s.info += kSizeLimited;
    }
}

// JXTA's TCP heuristic reads a message's framing headers: a name's length byte, the name when it
// was captured, then the value's 16-bit length, unchecked, and the value when it was captured.
// Past the captured bytes there it stops with the exception (`held` of `promised` bytes).
bool jxtaFramingReadsPast(const uint8_t* p, size_t held, size_t promised)
{
    for (size_t off = 0; off < held;) {
        const size_t name = p[off];
        if (name == 0 || held - off - 1 < name)
            return false; // the end of the headers, or a name it waits for
        off += 1 + name;
        if (promised - off < 2)
            return false;
        if (held - off < 2)
            return true;
        const size_t value = size_t(p[off]) << 8 | p[off + 1];
        off += 2;
        if (held - off < value)
            return false;
        off += value;
    }
    return false;
}

// PPP's control protocols name their packet's code; LCP knows more codes than the others.
std::string pppControlInfo(const uint8_t* p, size_t n, size_t reported, bool lcp)
{
    static const char* const codes[] = {nullptr, "Configuration Request", "Configuration Ack", "Configuration Nak",
                                        "Configuration Reject", "Termination Request", "Termination Ack", "Code Reject",
                                        "Protocol Reject", "Echo Request", "Echo Reply", "Discard Request", "Identification",
                                        "Time Remaining"};
    if (n < 1)
        return kMalformed;
    const size_t known = lcp ? std::size(codes) : 8;
    std::string info = p[0] < known && codes[p[0]] ? codes[p[0]] : "Unknown";
    // Its options are read to the packet's length: past the capture, the exception.
    if (n < reported && (n < 4 || loadBe16(p + 2) > n))
        info += kSizeLimited;
    return info;
}

// PPPoE discovery: the stage by its code, and the access concentrator when a tag names it.
std::string pppoeDiscoveryInfo(const uint8_t* p, size_t n)
{
    if (n < 6)
        return kMalformed;
    std::string info;
    switch (p[1]) {
    case 0x09: info = "Active Discovery Initiation (PADI)"; break;
    case 0x07: info = "Active Discovery Offer (PADO)"; break;
    case 0x19: info = "Active Discovery Request (PADR)"; break;
    case 0x65: info = "Active Discovery Session-confirmation (PADS)"; break;
    case 0xa7: info = "Active Discovery Terminate (PADT)"; break;
    default: info = "Unknown"; break;
    }
    const size_t end = std::min<size_t>(n, 6 + size_t(loadBe16(p + 4)));
    for (size_t o = 6; o + 4 <= end;) {
        const uint16_t type = loadBe16(p + o), len = loadBe16(p + o + 2);
        if (o + 4 + len > end)
            return info + kMalformed; // a tag running past the payload
        if (type == 0x0102)
            info += " AC-Name='" + std::string(reinterpret_cast<const char*>(p + o + 4), len) + "'";
        o += 4 + len;
    }
    return info;
}

// Whether the type no dissector takes is Linux cooked's own protocol field (not one after a tag).
bool sllProtocolUnknown(const DecodedPacket& d)
{
    if (d.linkType != linktype::LinuxSll && d.linkType != linktype::LinuxSll2)
        return false;
    const uint32_t at = d.linkType == linktype::LinuxSll ? 14 : 0;
    return at + 2 <= d.frame.size() && loadBe16(d.at(at)) == d.unknownType;
}

// LLDP's Info: the chassis and port IDs with their subtype's tag ("NA/172.16.10.109",
// "LA/port 2"), the TTL, then the system's name and description when sent; each ends in a space.
std::string lldpInfo(const uint8_t* p, size_t n)
{
    static const char* const chassisTags[] = {nullptr, "CO/", "IA/", "PC/", "MA/", "NA/", "IN/", "LA/"};
    static const char* const portTags[] = {nullptr, "IA/", "PC/", "MA/", "NA/", "IN/", "AC/", "LA/"};
    const auto id = [&](const uint8_t* v, size_t len, const char* const* tags) {
        if (len < 1)
            return std::string();
        const uint8_t sub = v[0];
        std::string out = sub < 8 && tags[sub] ? tags[sub] : "";
        const std::string_view tag(out);
        if (tag == "MA/" && len == 7)
            out += formatMac(v + 1);
        else if (tag == "NA/" && len == 6 && v[1] == 1)
            out += formatIpv4(v + 2);
        else
            out.append(reinterpret_cast<const char*>(v + 1), len - 1);
        return out;
    };
    std::string info, name, description;
    for (size_t o = 0; o + 2 <= n;) {
        const uint16_t head = loadBe16(p + o);
        const size_t type = head >> 9, len = head & 0x1ff;
        if (type == 0 || o + 2 + len > n)
            break;
        const uint8_t* v = p + o + 2;
        if (type == 1)
            info += id(v, len, chassisTags) + " ";
        else if (type == 2)
            info += id(v, len, portTags) + " ";
        else if (type == 3 && len >= 2)
            info += std::to_string(loadBe16(v)) + " ";
        else if (type == 5)
            name.assign(reinterpret_cast<const char*>(v), len);
        else if (type == 6)
            description.assign(reinterpret_cast<const char*>(v), len);
        o += 2 + len;
    }
    if (!name.empty())
        info += "SysN=" + name + " ";
    if (!description.empty())
        info += "SysD=" + description + " ";
    return info;
}

// Linux cooked Info: the packet type, as tshark writes it before the payload's protocol. In v2
// tshark 4.0 reads it as two bytes, the address length with it.
std::string sllPacketType(const DecodedPacket& d)
{
    static const char* const types[] = {"Unicast to us", "Broadcast", "Multicast", "Unicast to another host", "Sent by us"};
    const uint32_t at = d.linkType == linktype::LinuxSll2 ? 10 : 0;
    if (d.frame.size() < at + 2)
        return {};
    const uint16_t type = loadBe16(d.at(at));
    return type < std::size(types) ? types[type] : "Unknown (" + std::to_string(type) + ")";
}

// The Info tshark's IPv6 extension headers write, for a packet that stops in them or before its
// transport's ports: the options headers append their names, a fragment header and AH replace
// what came before; then why it stopped. `pos` is where the extension headers begin.
std::string extensionHeadersInfo(const DecodedPacket& d, uint8_t next, uint32_t pos)
{
    const uint32_t caplen = uint32_t(d.frame.size());
    const auto cut = [&]() { return caplen < d.reportedLen ? kSizeLimited : kMalformed; };
    std::string info;
    const auto append = [&](const char* name) {
        if (!info.empty())
            info += " , ";
        info += name;
    };
    for (int guard = 0; guard < 16; ++guard) {
        if (next == 0 || next == 43 || next == 60) {
            append(next == 0 ? "IPv6 hop-by-hop options" : next == 43 ? "IPv6 routing" : "IPv6 destination options");
            if (caplen < pos + 2 || caplen < pos + (d.frame[pos + 1] + 1u) * 8)
                return info + cut();
            next = d.frame[pos];
            pos += (d.frame[pos + 1] + 1u) * 8;
        } else if (next == 44) {
            if (caplen < pos + 8)
                return info + cut();
            const uint16_t offFlags = loadBe16(d.at(pos + 2));
            char buf[96];
            std::snprintf(buf, sizeof buf, "IPv6 fragment (off=%u more=%s ident=0x%08x nxt=%u)", unsigned(offFlags & 0xfff8),
                          (offFlags & 1) ? "y" : "n", unsigned(loadBe32(d.at(pos + 4))), unsigned(d.frame[pos]));
            info = buf;
            if (offFlags & 0xfff9)
                return info; // a fragment's data is not read further
            next = d.frame[pos];
            pos += 8;
        } else if (next == 51) {
            info.clear();
            if (caplen < pos + 8)
                return cut();
            char buf[32];
            std::snprintf(buf, sizeof buf, "AH (SPI=0x%08x)", unsigned(loadBe32(d.at(pos + 4))));
            info = buf;
            if (caplen < pos + (d.frame[pos + 1] + 2u) * 4)
                return info + cut();
            next = d.frame[pos];
            pos += (d.frame[pos + 1] + 2u) * 4;
        } else {
            break;
        }
    }
    return info + cut(); // the payload, or TCP's or UDP's ports, not captured
}

// An IP header decoding stopped at: a bogus version or length as tshark words it, else the
// header (or the payload its length promises) cut short: by the snapshot length ("limited"), or
// by the frame or an outer length itself (malformed).
std::string stoppedIpInfo(const DecodedPacket& d, std::string_view protocol, uint32_t off)
{
    const size_t captured = off < d.frame.size() ? d.frame.size() - off : 0;
    const size_t reported = d.reportedLen > off ? d.reportedLen - off : 0;
    const uint8_t* p = captured ? d.at(off) : nullptr;
    const auto cut = [&](size_t needed) {
        return reported >= needed && captured < needed ? kSizeLimited : kMalformed;
    };
    char buf[96];
    if (protocol == "IP") {
        std::snprintf(buf, sizeof buf, "Bogus IP version (%u)", unsigned(p ? p[0] >> 4 : 0));
        return buf;
    }
    if (protocol == "IPv6" || (protocol == "AH" && p && (p[0] >> 4) == 6)) {
        if (reported < 40) {
            std::snprintf(buf, sizeof buf, "Invalid IPv6 header (%zu bytes, need exactly 40)[Malformed Packet]", reported);
            return buf;
        }
        if (captured < 40)
            return cut(40);
        return extensionHeadersInfo(d, p[6], off + 40);
    }
    if (!p)
        return cut(20);
    const uint32_t hl = (p[0] & 0x0f) * 4u;
    if (hl < 20) {
        std::snprintf(buf, sizeof buf, "Bogus IP header length (%u, must be at least 20)", hl);
        return buf;
    }
    const uint16_t total = captured >= 4 ? loadBe16(p + 2) : 0;
    if (total != 0 && total < hl) {
        std::snprintf(buf, sizeof buf, "Bogus IP length (%u, less than header length %u)", unsigned(total), hl);
        return buf;
    }
    if (captured < hl)
        return cut(hl);
    if (protocol == "AH") // IPv4's authentication header cut short, or the ports after it
        return extensionHeadersInfo(d, 51, off + hl);
    // The payload the length promises, none of it held: beyond the reported bytes tshark only
    // notes it; within them, it is cut.
    if (total > reported)
        return {};
    return cut(total ? total : reported);
}

// An IP payload no protocol takes: tshark names its number when no dissector is registered
// for it; a GRE header too short to read is cut.
std::string unclaimedIpPayloadInfo(const DecodedPacket& d)
{
    const uint32_t off = d.netOffset + d.netHeaderLen;
    if (d.ipFragment || d.ipPayloadLen == 0)
        return {};
    if (d.ipProto == 47) {
        const size_t captured = off < d.frame.size() ? d.frame.size() - off : 0;
        return captured < std::min<size_t>(4, d.ipPayloadLen) ? kSizeLimited : d.ipPayloadLen < 4 ? kMalformed : "";
    }
    if (ipProtocolValueName(d.ipProto))
        return {};
    return "Unknown (" + std::to_string(d.ipProto) + ")";
}

// The bytes of the UDP datagram a GTP header stopped decoding in (at stopOffset) carries from
// there: its length's, bounded by IP's (not the frame's padding).
size_t gtpDatagram(const DecodedPacket& d)
{
    const uint32_t off = d.stopOffset;
    const uint32_t udpLen = off >= 8 && off - 2 <= d.frame.size() ? loadBe16(d.at(off - 4)) : 0;
    return udpLen >= 8 && udpLen <= d.ipPayloadLen ? udpLen - 8 : d.ipPayloadLen > 8 ? d.ipPayloadLen - 8 : 0;
}

// What tshark appends when a read up to `end` fails: past the `declared` end of the data (or of a
// message inside it) the packet is malformed, past what was captured only limited.
const char* gtpReadPast(size_t end, size_t declared)
{
    return end > declared ? kMalformed : kSizeLimited;
}

// A GTP (version 0 or 1) header that stopped decoding (`captured` of the datagram's `reported`
// payload bytes): its message type, then whatever cut it. tshark reads the sequence number when
// any optional flag is set, the N-PDU number with PN or E, the next type with E; a T-PDU's
// payload (what its length leaves) was not IP, or not captured.
std::string gtpInfo(const uint8_t* p, size_t captured, size_t reported)
{
    if (captured < 2)
        return {};
    const std::string name = gtpMessageValueName(p[1]) ? gtpMessageValueName(p[1]) : "";
    const unsigned version = p[0] >> 5;
    // GTP' (protocol type 0): 6 bytes, version 0 20 unless its last flag says 6.
    size_t need = (p[0] & 0x10) ? (version == 0 ? 20 : 8) : (version == 0 && !(p[0] & 0x01)) ? 20 : 6, payload = need;
    if (version == 1 && (p[0] & 0x10) && (p[0] & 0x07)) {
        need = 10 + ((p[0] & 0x05) ? 1 : 0) + ((p[0] & 0x04) ? 1 : 0);
        payload = 12;
    }
    if (captured < need)
        return name + gtpReadPast(need, reported);
    if (version == 1 && need == 12) { // its extension headers, to the first one cut
        for (uint8_t next = p[11], guard = 0; next && guard < 8; ++guard) {
            if (captured < payload + 1)
                return name + gtpReadPast(payload + 1, reported);
            if (p[payload] == 0)
                break;
            payload += p[payload] * 4u;
            if (captured < payload)
                return name + gtpReadPast(payload, reported);
            next = p[payload - 1];
        }
    }
    const size_t end = std::min(reported, (version == 0 ? 20 : 8) + size_t(loadBe16(p + 2)));
    if (p[1] != 0xff) {
        // Its information elements, within its length: a TV element's value has the size its
        // type gives, a TLV element (from 128) says its own; an unknown type ends the walk.
        static constexpr uint8_t kTvSizes[30] = {0, 1, 8, 6, 4, 4, 3, 0, 1, 28, 0, 1, 3, 1, 1, 1, 4, 4, 5, 1, 1, 1, 9, 1, 1, 2, 2, 2, 2, 1};
        if (!(p[0] & 0x10) && version == 1)
            return name; // GTP' carries data records, not read here
        for (size_t ie = payload; ie < end;) {
            if (ie >= captured)
                return name + kSizeLimited;
            const uint8_t type = p[ie];
            size_t next;
            if (type < 128) {
                const uint8_t size = type < 30 ? kTvSizes[type] : type == 126 ? 1 : type == 127 ? 4 : 0;
                if (!size)
                    break;
                next = ie + 1 + size;
            } else {
                if (type >= 225 && type <= 248)
                    break;
                if (ie + 3 > end || ie + 3 > captured)
                    return name + gtpReadPast(ie + 3, end);
                next = ie + 3 + loadBe16(p + ie + 1);
            }
            if (next > end || next > captured)
                return name + gtpReadPast(next, end);
            ie = next;
        }
        return name;
    }
    // T-PDU data tshark looks into: its first byte, and 15 bytes of a longer payload.
    if (end > payload && (captured == payload || (end - payload >= 15 && captured < payload + 15)))
        return name + kSizeLimited;
    return name;
}

// GTPv2 (`captured` of the datagram's `reported` bytes): each message's type, those piggybacked
// (P flag) after " / ", until a read past the data. A piggybacked message is its length's bytes,
// past the datagram's end an error of its own; the last one reads to the datagram's end. Its
// information elements are walked by their headers while three bytes are left, stopping at one
// longer than what is left; what their values hold is not read here.
// `items`: how many messages tshark gave a tree item (their length read).
std::string gtpv2Info(const uint8_t* p, size_t captured, size_t reported, int* items = nullptr)
{
    std::string info;
    size_t o = 0;
    for (int guard = 0; guard < 256; ++guard) {
        if (items && o + 4 <= captured)
            ++*items;
        if (o >= captured)
            return info + gtpReadPast(o + 1, reported);
        if (o + 2 > captured)
            return info + gtpReadPast(o + 2, reported);
        const char* name = gtpv2MessageValueName(p[o + 1]);
        info += name ? name : "Unknown";
        const uint8_t flags = p[o];
        const size_t header = o + ((flags & 0x08) ? 12 : 8);
        if (header > captured)
            return info + gtpReadPast(header, reported);
        const bool piggybacked = flags & 0x10;
        const size_t end = piggybacked ? o + 4 + loadBe16(p + o + 2) : reported;
        if (end > reported)
            return info + "[Malformed Packet: length of contained item exceeds length of containing item]";
        for (size_t ie = header; ie < end && end - ie >= 3;) {
            if (ie + 4 > end || ie + 4 > captured)
                return info + gtpReadPast(ie + 4, end);
            const size_t length = loadBe16(p + ie + 1);
            if (length > end - ie - 4)
                break; // tshark: less data left than the length says
            ie += 4 + length;
            if (ie > captured)
                return info + kSizeLimited; // a value not captured
        }
        if (!piggybacked)
            return info;
        o = end;
        info += " / ";
    }
    return info;
}

// The Info of a layer decoding stopped at (DecodedPacket::stopOffset), for those tshark
// summarises; a label stack cut short or ending the frame is malformed.
std::string stoppedLayerInfo(const DecodedPacket& d, std::string_view protocol)
{
    const uint32_t off = d.stopOffset;
    const size_t n = off < d.frame.size() ? d.frame.size() - off : 0;
    const uint8_t* p = n ? d.at(off) : nullptr;
    if (protocol == "PPP LCP" || protocol == "PPP IPCP" || protocol == "PPP IPV6CP" || protocol == "PPP CCP")
        return pppControlInfo(p, n, off < d.reportedLen ? d.reportedLen - off : 0, protocol == "PPP LCP");
    if (protocol == "PPPoED")
        return pppoeDiscoveryInfo(p, n);
    if (protocol == "LLC")
        return llcInfo(d, off);
    if (protocol == "LLDP")
        return lldpInfo(p, n);
    if (protocol == "SLL") // its header cut short
        return sllPacketType(d) + kMalformed;
    if (protocol == "WOL" && isMagicPacket(p, n))
        return wolInfo(p, n);
    if (protocol == "PPPoES") // decoding stops here only when the header or the PPP protocol is cut
        return "Session Data[Malformed Packet]";
    if (protocol == "IP" || protocol == "IPv4" || protocol == "IPv6" || protocol == "AH")
        return stoppedIpInfo(d, protocol, off);
    // Headers cut short: by the snapshot length ("limited"), or by the frame or an outer length.
    const size_t reported = d.reportedLen > off ? d.reportedLen - off : 0;
    const auto cut = [&](size_t needed) -> std::string {
        if (n >= needed)
            return {};
        return reported >= needed ? kSizeLimited : kMalformed;
    };
    if (protocol == "GTP" || protocol == "GTPv2") { // within the UDP datagram, not the frame's padding
        const size_t datagram = gtpDatagram(d);
        const size_t bytes = std::min(n, datagram);
        return protocol == "GTP" ? gtpInfo(p, bytes, datagram) : gtpv2Info(p, bytes, datagram);
    }
    if (protocol == "VxLAN")
        return cut(8);
    if (protocol == "IPX") // its 30-byte header cut short
        return cut(30);
    if (protocol == "Ethernet")
        return cut(14);
    if (protocol == "VLAN") { // the tag control information, if it is there
        if (n < 2)
            return cut(4);
        char tci[48];
        std::snprintf(tci, sizeof tci, "PRI: %u  DEI: %u  ID: %u", p[0] >> 5, (p[0] >> 4) & 1, unsigned(loadBe16(p) & 0x0fff));
        return tci + cut(4);
    }
    if (protocol == "PBB" && n >= 4) { // the I-TAG
        char tag[96];
        std::snprintf(tag, sizeof tag, "PRI: %u  Drop: %u  NCA: %u  Res1: %u  Res2: %u  I-SID: %u", p[0] >> 5, (p[0] >> 4) & 1,
                      (p[0] >> 3) & 1, (p[0] >> 2) & 1, p[0] & 3, unsigned(loadBe32(p) & 0xffffff));
        return tag;
    }
    if (protocol == "GRE" && n >= 4) { // what it encapsulates, and a header cut short
        const uint16_t flags = loadBe16(p), type = loadBe16(p + 2);
        const size_t header = 4 + ((flags & 0x8000) ? 4 : 0) + ((flags & 0x2000) || (flags & 7) == 1 ? 4 : 0)
                              + ((flags & 0x1000) ? 4 : 0) + ((flags & 7) == 1 && (flags & 0x0080) ? 4 : 0);
        char name[32];
        std::snprintf(name, sizeof name, "0x%04x (unknown)", unsigned(type));
        // GRE's own payloads (PPP, bridged Ethernet, ERSPAN, EoIP) stop here only when empty.
        const bool own = type == 0x880b || type == 0x6558 || type == 0x88be || type == 0x22eb || type == 0x6400;
        if (type == 0x0800)
            std::snprintf(name, sizeof name, "IP");
        else if (type == 0x86dd)
            std::snprintf(name, sizeof name, "IPv6");
        else if (own && n >= header && d.stopName && std::string_view(d.stopName) == "Ethernet") // its inner frame cut short
            std::snprintf(name, sizeof name, "%s", etherTypeValueName(type) ? etherTypeValueName(type) : "Unknown");
        else if (own || n < header)
            return {};
        if (n == header && reported > header) // none of the payload captured
            return std::string("Encapsulated ") + name + kSizeLimited;
        return std::string("Encapsulated ") + name + cut(header);
    }
    if (protocol == "MPLS") {
        size_t o = 0;
        while (o + 4 <= n && !(p[o + 2] & 1))
            o += 4;
        const std::string info = "MPLS Label Switched Packet";
        if (o + 4 >= n) // the stack cut short, or nothing after the bottom label
            return info + (reported > n ? kSizeLimited : kMalformed);
        // An Ethernet pseudowire's control word, and the start of the frame tshark looks at to
        // tell one, cut short.
        if ((p[o + 4] >> 4) == 0 && n < o + 4 + 9 && reported > n)
            return info + kSizeLimited;
        return info;
    }
    if (protocol == "802.1ah" || protocol == "802.1ad") {
        // An 802.1ad tag cut short (at its TCI), or a PBB I-TAG and customer header cut short after
        // the frame's header or such a tag (at the I-TAG), which then keeps the tag's name and,
        // until the I-TAG is read, its Info.
        const auto tagInfo = [&](const uint8_t* tci) {
            char tag[48];
            std::snprintf(tag, sizeof tag, "PRI: %u  DROP: %u ID: %u", tci[0] >> 5, (tci[0] >> 4) & 1, unsigned(loadBe16(tci) & 0x0fff));
            return std::string(tag);
        };
        const bool pbb = off >= 2 && loadBe16(d.at(off - 2)) == 0x88e7;
        if (!pbb)
            return n < 2 ? cut(4) : tagInfo(p) + cut(4);
        if (n < 4)
            return (protocol == "802.1ad" ? tagInfo(d.at(off - 4)) : std::string()) + cut(18);
        char tag[96];
        std::snprintf(tag, sizeof tag, "PRI: %u  Drop: %u  NCA: %u  Res1: %u  Res2: %u  I-SID: %u", p[0] >> 5, (p[0] >> 4) & 1,
                      (p[0] >> 3) & 1, (p[0] >> 2) & 1, p[0] & 3, unsigned(loadBe32(p) & 0xffffff));
        return tag + cut(18);
    }
    return {};
}

// tshark's Info of an IP fragment it does not decode (std::string: a rare row).
std::string fragmentInfo(const DecodedPacket& d)
{
    char buf[128];
    if (d.net == NetLayer::IPv6) {
        const uint8_t* f = d.at(d.fragHeader);
        const uint16_t offFlags = loadBe16(f + 2);
        std::snprintf(buf, sizeof buf, "IPv6 fragment (off=%u more=%s ident=0x%08x nxt=%u)", unsigned(offFlags & 0xfff8),
                      (offFlags & 1) ? "y" : "n", unsigned(loadBe32(f + 4)), unsigned(f[0]));
    } else {
        const Ipv4View ip{d.at(d.fragHeader)};
        const char* name = ipProtocolValueName(ip.protocol());
        std::snprintf(buf, sizeof buf, "Fragmented IP protocol (proto=%s %u, off=%u, ID=%04x)", name ? name : "Unknown",
                      unsigned(ip.protocol()), unsigned((ip.flagsFragment() & 0x1fff) * 8), unsigned(ip.id()));
    }
    std::string info = buf;
    if (d.reassembledIn && d.net != NetLayer::IPv6) // tshark names the frame for IPv4 only
        info += " [Reassembled in #" + std::to_string(d.reassembledIn) + "]";
    return info;
}

} // namespace

int gtpv2MessageItems(const DecodedPacket& d)
{
    if (!d.stopName || std::strcmp(d.stopName, "GTPv2") || d.stopOffset >= d.frame.size())
        return 0;
    const size_t datagram = gtpDatagram(d);
    int items = 0;
    gtpv2Info(d.at(d.stopOffset), std::min<size_t>(d.frame.size() - d.stopOffset, datagram), datagram, &items);
    return items;
}

const char* tlsVersionName(uint8_t minor)
{
    return tlsVersion(3, minor);
}

bool httpTextOnHttpPort(const DecodedPacket& d, const uint8_t* p, size_t n, uint8_t conversationKind)
{
    // (HTTP read no request of the conversation: replies alone leave it where it was.)
    const uint8_t kind = conversationKind & 0x7f;
    if (n == 0 || !isPrint(p[0]) || (kind != ConversationProtocols::Unknown && kind != ConversationProtocols::HttpRepliesOnly))
        return false;
    const TcpView tcp{d.at(d.transportOffset)};
    return isHttpPort(tcp.srcPort(), tcp.dstPort());
}

void nameGtpPayload(ProtocolSummary& s, const DecodedPacket& d)
{
    // A malformed or cut payload threw past GTP before it could write the column.
    if (d.gtpUser && s.protocol != "TCP" && s.protocol != "MPTCP" && s.info.find("[Malformed Packet") == std::string::npos
        && !s.info.ends_with(kSizeLimited))
        for (int i = 0; i < d.gtpUser; ++i)
            s.protocol = "GTP <" + s.protocol + ">";
}

ProtocolSummary summarizeProtocol(const DecodedPacket& d, const PacketRecord& rec, uint32_t tcpAnalysisFlags, uint8_t conversationKind,
                                  uint32_t messageStart, TlsHandshakeCarry* tlsCarry)
{
    ProtocolSummary s;
    if (rec.kind == RecordKind::CustomBlock) {
        s.protocol = "PCAPNG";
        s.info = "Custom Block";
        if (d.customBlock) {
            const char* name = enterpriseName(d.customPen);
            // tshark's Info prints the number signed (a PEN of 2^31 and above reads negative); its tree does not.
            s.info += ": PEN = " + std::string(name ? name : "Unknown") + " (" + std::to_string(int32_t(d.customPen)) + "), will "
                + (d.customCopyAllowed ? "be copied" : "not be copied");
        }
        return s;
    }
    if (d.stopName) { // decoding ended below IP or inside a tunnel
        if (d.stopName == kUnknownType) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%04x", d.unknownType);
            s.protocol = hex;
            const std::string_view after = d.unknownTypeAfter ? d.unknownTypeAfter : "";
            if (after == "PPP")
                s.info = std::string("PPP Unknown (") + hex + ")";
            else if (sllProtocolUnknown(d))
                s.info = sllPacketType(d); // what Linux cooked wrote before handing on to nothing
            else if (const char* name = etherTypeValueName(d.unknownType)) // no dissector: the type's name
                s.info = name;
            else if (after == "Ethernet II")
                s.info = after;
            else if (!after.empty()) // a tag's Info, which nothing after it replaced
                s.info = stoppedLayerInfo(d, after);
            return s;
        }
        s.protocol = d.stopName;
        if (s.protocol == "Ethernet" && d.unknownTypeAfter) { // inside a tunnel, cut short: the tunnel's Info
            s.info = stoppedLayerInfo(d, d.unknownTypeAfter);
            if (!s.info.ends_with(kSizeLimited) && !s.info.ends_with(kMalformed))
                s.info += d.frame.size() < d.reportedLen ? kSizeLimited : kMalformed;
            return s;
        }
        if (s.protocol == "ARP") // cut before its sizes and opcode
            s.info = d.frame.size() < d.reportedLen ? kSizeLimited : kMalformed;
        else if (s.protocol == "802.11")
            s.info = wlanInfo(d);
        else if (d.stopOffset != DecodedPacket::kNoOffset)
            s.info = stoppedLayerInfo(d, s.protocol);
        return s;
    }
    switch (d.transport) {
    case TransportLayer::Tcp:
        // Plain retransmissions, out-of-order segments and keep-alives (their one byte is old
        // data) are not handed to the application (fast and spurious retransmissions are).
        if (tcpAnalysisFlags & TcpNotHandedOn) {
            s.protocol = "TCP";
            return s;
        }
        summarizeTcp(s, d, conversationKind & 0x7f, conversationKind & ConversationProtocols::Learned, messageStart, tcpAnalysisFlags,
                     tlsCarry);
        if ((s.protocol == "TCP" || s.protocol == "MPTCP") && !s.replacesTcpInfo && !s.keepsTcpInfo) {
            s.info.clear(); // the tracker writes TCP's Info
            // A payload no dissector takes, cut short: tshark's heuristic dissectors read a few
            // bytes before they decline and stop there: 4 of any payload, 8 of one of 20 bytes
            // or more, 5 of one of 10, 11, 14 or 15 bytes.
            if (d.tcpHeaderValid && d.tcpPayloadLen > 0 && !(TcpView{d.at(d.transportOffset)}.flags() & TcpRst)) {
                const uint32_t start = d.transportOffset + d.tcpHeaderLen;
                const uint32_t held = start < d.frame.size() ? uint32_t(d.frame.size()) - start : 0;
                const uint32_t promised = d.tcpPayloadLen;
                const bool fiveRead = held == 4 && (promised == 10 || promised == 11 || promised == 14 || promised == 15);
                // On an HTTP port HTTP takes the payload, not the heuristics: text is read as a line
                // up to its end, past the captured bytes; binary is left alone.
                const TcpView tcp{d.at(d.transportOffset)};
                const auto heuristicsRead = [&] {
                    return isHttpPort(tcp.srcPort(), tcp.dstPort())
                        ? httpTextOnHttpPort(d, d.at(start), held, conversationKind)
                        : (held < 4 && promised >= 4) || (held < 8 && promised >= 20) || fiveRead || jxtaFramingReadsPast(d.at(start), held, promised);
                };
                if (held > 0 && held < promised && heuristicsRead()) {
                    s.info = kSizeLimited;
                    s.keepsTcpInfo = true;
                }
            }
        }
        return s;
    case TransportLayer::Udp:
        summarizeUdp(s, d, conversationKind & 0x7f);
        return s;
    case TransportLayer::Icmp:
        s.protocol = "ICMP";
        s.info = icmpInfo(d);
        return s;
    case TransportLayer::Icmpv6:
        s.protocol = isTeredoTest(d) ? "Teredo" : "ICMPv6";
        s.info = icmpInfo(d);
        return s;
    default:
        break;
    }
    if (d.net == NetLayer::Arp) {
        s.protocol = "ARP";
        const uint8_t* p = d.at(d.netOffset);
        if (const uint32_t need = d.netOffset + 8 + 2u * (p[4] + p[5]); d.frame.size() < need) // addresses cut off
            s.info = d.reportedLen >= need ? kSizeLimited : kMalformed;
        else if (d.frame.size() >= d.netOffset + 28) {
            const uint16_t op = loadBe16(p + 6);
            // A sender announcing its own address, or probing with none, as tshark words it.
            const bool self = std::memcmp(p + 14, p + 24, 4) == 0, probe = loadBe32(p + 14) == 0;
            if (op == 1 && self)
                s.info = "ARP Announcement for " + formatIpv4(p + 24);
            else if (op == 1 && probe)
                s.info = "Who has " + formatIpv4(p + 24) + "? (ARP Probe)";
            else if (op == 1)
                s.info = "Who has " + formatIpv4(p + 24) + "? Tell " + formatIpv4(p + 14);
            else if (op == 2 && self)
                s.info = "Gratuitous ARP for " + formatIpv4(p + 14) + " (Reply)";
            else if (op == 2)
                s.info = formatIpv4(p + 14) + " is at " + formatMac(p + 8);
        }
        return s;
    }
    if (d.ipFragment) { // a fragment whose datagram is decoded elsewhere, or never
        s.protocol = d.net == NetLayer::IPv6 ? "IPv6" : "IPv4";
        s.info = fragmentInfo(d);
        return s;
    }
    if (const char* ip = ipPayloadProtocolName(d)) {
        s.protocol = ip;
        s.info = ipPayloadInfo(d, ip);
        return s;
    }
    if (d.net == NetLayer::IPv4 || d.net == NetLayer::IPv6) {
        s.protocol = d.net == NetLayer::IPv4 ? "IPv4" : "IPv6";
        s.info = unclaimedIpPayloadInfo(d);
        return s;
    }
    if (const char* link = linkProtocolName(d)) {
        s.protocol = link;
        s.info = linkProtocolInfo(d);
    }
    else
        s.protocol = d.linkKnown ? "Ethernet" : "Data";
    return s;
}

} // namespace synflow
