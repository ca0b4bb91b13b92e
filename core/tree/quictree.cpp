// IETF QUIC's layers in the detail tree, one "QUIC IETF" per packet of the datagram, as tshark
// 4.0 shows them: the header's fields, and for an Initial whose protection came off, its packet
// number and frames (a CRYPTO frame's whole TLS handshake messages below it). The reading is
// proto/quicinfo's, the same that writes the Info column.
#include "tree/quictree.h"

#include "decode/bytes.h"
#include "tree/apptree.h"
#include "tree/treebuild.h"

namespace synflow {

namespace {

using treebuild::bitLine;
using treebuild::fmt;

// Up to 36 bytes in hex, then "…" when there were more (tshark's cut of long byte fields).
std::string bytesCut(const uint8_t* p, size_t n) { return apptext::hex(p, n, 36); }

std::string versionName(uint32_t v)
{
    if (v == 0)
        return "Version Negotiation (0x00000000)";
    if (v == 1 || v == 0x6b3343cf)
        return fmt("%u (0x%08x)", v == 1 ? 1u : 2u, v);
    if ((v & 0xffffff00) == 0xff000000 && (v & 0xff) <= 34)
        return fmt("draft-%02u (0x%08x)", v & 0xff, v);
    if (v == 0xfaceb002)
        return "Facebook mvfst (draft-27) (0xfaceb002)";
    if ((v & 0x0f0f0f0f) == 0x0a0a0a0a)
        return fmt("Unknown (0x%08x) (Forcing Version Negotiation)", v);
    return fmt("Unknown (0x%08x)", v);
}

// A picture of one bit of a 64-bit field (tshark's stream ID bits): groups of four dots.
std::string bit64(uint64_t value, int bit, const std::string& rest)
{
    std::string s;
    for (int i = 63; i >= 0; --i) {
        s += i == bit ? char('0' + ((value >> i) & 1)) : '.';
        if (i % 4 == 0 && i)
            s += ' ';
    }
    return s + " = " + rest;
}

bool varint(const std::vector<uint8_t>& f, size_t& at, uint64_t& value) { return quicVarint(f.data(), f.size(), at, value); }

const char* frameTypeName(uint64_t type)
{
    switch (type) {
    case 0x00: return "PADDING";
    case 0x01: return "PING";
    case 0x02:
    case 0x03: return "ACK";
    case 0x04: return "RESET_STREAM";
    case 0x05: return "STOP_SENDING";
    case 0x06: return "CRYPTO";
    case 0x07: return "NEW_TOKEN";
    case 0x10: return "MAX_DATA";
    case 0x11: return "MAX_STREAM_DATA";
    case 0x12: return "MAX_STREAMS (BIDI)";
    case 0x13: return "MAX_STREAMS (UNI)";
    case 0x14: return "DATA_BLOCKED";
    case 0x15: return "STREAM_DATA_BLOCKED";
    case 0x16: return "STREAMS_BLOCKED (BIDI)";
    case 0x17: return "STREAMS_BLOCKED (UNI)";
    case 0x18: return "NEW_CONNECTION_ID";
    case 0x19: return "RETIRE_CONNECTION_ID";
    case 0x1a: return "PATH_CHALLENGE";
    case 0x1b: return "PATH_RESPONSE";
    case 0x1c: return "CONNECTION_CLOSE (Transport)";
    case 0x1d: return "CONNECTION_CLOSE (Application)";
    case 0x1e: return "HANDSHAKE_DONE";
    case 0x30:
    case 0x31: return "DATAGRAM";
    default: return type >= 0x08 && type <= 0x0f ? "STREAM" : "Unknown";
    }
}

const char* transportError(uint64_t code)
{
    static const char* const names[] = {"NO_ERROR", "INTERNAL_ERROR", "CONNECTION_REFUSED", "FLOW_CONTROL_ERROR",
                                        "STREAM_LIMIT_ERROR", "STREAM_STATE_ERROR", "FINAL_SIZE_ERROR", "FRAME_ENCODING_ERROR",
                                        "TRANSPORT_PARAMETER_ERROR", "CONNECTION_ID_LIMIT_ERROR", "PROTOCOL_VIOLATION",
                                        "INVALID_TOKEN", "APPLICATION_ERROR", "CRYPTO_BUFFER_EXCEEDED", "KEY_UPDATE_ERROR",
                                        "AEAD_LIMIT_REACHED", "NO_VIABLE_PATH"};
    return code < std::size(names) ? names[code] : nullptr;
}

// The frames of an opened packet, each a node. Values not in the frame's bytes (decrypted):
// the nodes cover no bytes.
void addFrames(DetailTree& t, int32_t parent, const QuicPacket& q, uint16_t serverPort)
{
    const AppPayload none; // expert lines cover no payload bytes
    const std::vector<uint8_t>& f = q.payload;
    size_t at = 0;
    while (at < f.size()) {
        uint64_t type = 0;
        if (!varint(f, at, type))
            return;
        const std::string typeLine = fmt("Frame Type: %s (0x%016llx)", frameTypeName(type), (unsigned long long)type);
        if (type == 0) {
            size_t run = 1;
            while (at < f.size() && f[at] == 0)
                ++at, ++run;
            const int32_t n = t.add(parent, fmt("PADDING Length: %zu", run));
            t.add(n, typeLine);
            t.add(n, fmt("[Padding Length: %zu]", run));
            continue;
        }
        uint64_t a = 0, b = 0, c = 0;
        auto read = [&](uint64_t& v) { return varint(f, at, v); };
        auto bytes = [&](uint64_t n, std::string& out) {
            if (f.size() - at < n)
                return false;
            out = apptext::hex(f.data() + at, size_t(n));
            at += size_t(n);
            return true;
        };
        std::string text;
        int32_t n = -1, typeNode = -1;
        auto node = [&](const std::string& label) {
            n = t.add(parent, label);
            typeNode = t.add(n, typeLine);
        };
        bool ok = true;
        switch (type) {
        case 0x01: node("PING"); break;
        case 0x02:
        case 0x03: {
            node("ACK");
            uint64_t ranges = 0;
            ok = read(a) && read(b) && read(ranges) && read(c);
            if (!ok)
                break;
            t.add(n, fmt("Largest Acknowledged: %llu", (unsigned long long)a));
            t.add(n, fmt("ACK Delay: %llu", (unsigned long long)b));
            t.add(n, fmt("ACK Range Count: %llu", (unsigned long long)ranges));
            t.add(n, fmt("First ACK Range: %llu", (unsigned long long)c));
            for (uint64_t i = 0; ok && i < ranges; ++i)
                if ((ok = read(a) && read(b))) {
                    t.add(n, fmt("Gap: %llu", (unsigned long long)a));
                    t.add(n, fmt("ACK Range: %llu", (unsigned long long)b));
                }
            if (ok && type == 0x03) {
                static const char* const ecn[] = {"ECT(0) Count", "ECT(1) Count", "ECN-CE Count"};
                for (const char* name : ecn)
                    if ((ok = read(a)))
                        t.add(n, fmt("%s: %llu", name, (unsigned long long)a));
            }
            break;
        }
        case 0x04:
        case 0x05: {
            ok = read(a) && read(b) && (type == 0x05 || read(c));
            if (!ok)
                break;
            node(fmt("%s id=%llu Error code: 0x%llx", frameTypeName(type), (unsigned long long)a, (unsigned long long)b));
            t.add(n, fmt("Stream ID: %llu", (unsigned long long)a));
            t.add(n, fmt("Application Error code: %llu", (unsigned long long)b));
            if (type == 0x04)
                t.add(n, fmt("Final Size: %llu", (unsigned long long)c));
            break;
        }
        case 0x06: {
            node("CRYPTO");
            if (!(ok = read(a) && read(b)))
                break;
            t.add(n, fmt("Offset: %llu", (unsigned long long)a));
            t.add(n, fmt("Length: %llu", (unsigned long long)b));
            t.add(n, "Crypto Data");
            b = std::min<uint64_t>(b, f.size() - at); // cut short: what there is, kept for reassembly
            if (a == 0) { // a message continued from an earlier packet is tshark's to reassemble
                AppPayload pl;
                pl.bytes = std::span<const uint8_t>(f.data() + at, size_t(b));
                pl.inFrame = false;
                pl.overTcp = false;
                pl.serverPort = serverPort;
                addQuicHandshakes(t, pl, n);
            }
            at += size_t(b);
            break;
        }
        case 0x07:
            node("NEW_TOKEN");
            if ((ok = read(a) && bytes(a, text))) {
                t.add(n, fmt("(Token) Length: %llu", (unsigned long long)a));
                t.add(n, "Token: " + text);
            }
            break;
        case 0x10:
        case 0x14:
        case 0x12:
        case 0x13:
        case 0x16:
        case 0x17:
        case 0x19: {
            node(frameTypeName(type));
            const char* what = type == 0x10 ? "Maximum Data" : type == 0x14 ? "Stream Data Limit" : type == 0x19 ? "Sequence"
                : type <= 0x13 ? "Max Streams" : "Stream Limit";
            if ((ok = read(a)))
                t.add(n, fmt("%s: %llu", what, (unsigned long long)a));
            break;
        }
        case 0x11:
        case 0x15:
            if ((ok = read(a) && read(b))) {
                node(fmt("%s id=%llu", frameTypeName(type), (unsigned long long)a));
                t.add(n, fmt("Stream ID: %llu", (unsigned long long)a));
                t.add(n, fmt("%s: %llu", type == 0x11 ? "Maximum Stream Data" : "Stream Data Limit", (unsigned long long)b));
            }
            break;
        case 0x18:
            node("NEW_CONNECTION_ID");
            if ((ok = read(a) && read(b) && at < f.size())) {
                t.add(n, fmt("Sequence: %llu", (unsigned long long)a));
                t.add(n, fmt("Retire Prior To: %llu", (unsigned long long)b));
                const uint8_t len = f[at++];
                std::string id, token;
                if ((ok = bytes(len, id) && bytes(16, token))) {
                    t.add(n, fmt("Connection ID Length: %u", len));
                    t.add(n, "Connection ID: " + id);
                    t.add(n, "Stateless Reset Token: " + token);
                }
            }
            break;
        case 0x1a:
        case 0x1b:
            node(frameTypeName(type));
            if ((ok = bytes(8, text)))
                t.add(n, "Data: " + text);
            break;
        case 0x1c:
        case 0x1d: {
            ok = read(a) && (type == 0x1d || read(b)) && read(c) && f.size() - at >= c;
            if (!ok)
                break;
            const char* name = type == 0x1c ? transportError(a) : nullptr;
            node(std::string(frameTypeName(type)) + " Error code: " + (name ? name : std::to_string(a)));
            if (type == 0x1c) {
                t.add(n, name ? fmt("Error code: %s (%llu)", name, (unsigned long long)a) : fmt("Error code: %llu", (unsigned long long)a));
                t.add(n, fmt("Frame Type: %llu", (unsigned long long)b));
            } else {
                t.add(n, fmt("Application Error code: %llu", (unsigned long long)a));
            }
            t.add(n, fmt("Reason phrase Length: %llu", (unsigned long long)c));
            t.add(n, "Reason phrase: " + apptext::escaped(std::string_view(reinterpret_cast<const char*>(f.data() + at), size_t(c))));
            at += size_t(c);
            break;
        }
        case 0x1e: node("HANDSHAKE_DONE"); break;
        case 0x30:
        case 0x31:
            node("DATAGRAM");
            a = type == 0x31 ? 0 : f.size() - at;
            if ((ok = (type == 0x30 || read(a)) && bytes(a, text))) {
                if (type == 0x31)
                    t.add(n, fmt("Datagram Length: %llu", (unsigned long long)a));
                t.add(n, "Datagram: " + text);
            }
            break;
        default:
            if (type >= 0x08 && type <= 0x0f) {
                ok = read(a) && ((type & 0x04) == 0 || read(b));
                if (!ok)
                    break;
                c = (type & 0x02) ? 0 : f.size() - at;
                if ((type & 0x02) && !(ok = read(c)))
                    break;
                node(fmt("STREAM id=%llu fin=%u off=%llu len=%llu dir=%s origin=%s", (unsigned long long)a, unsigned(type & 1),
                         (unsigned long long)b, (unsigned long long)c, (a & 2) ? "Unidirectional" : "Bidirectional",
                         (a & 1) ? "Server-initiated" : "Client-initiated"));
                t.add(typeNode, bitLine(uint32_t(type), 0x01, 8, (type & 1) ? "Fin: True" : "Fin: False"));
                t.add(typeNode, bitLine(uint32_t(type), 0x02, 8, (type & 2) ? "Len(gth): True" : "Len(gth): False"));
                t.add(typeNode, bitLine(uint32_t(type), 0x04, 8, (type & 4) ? "Off(set): True" : "Off(set): False"));
                const int32_t id = t.add(n, fmt("Stream ID: %llu", (unsigned long long)a));
                t.add(id, bit64(a, 0, (a & 1) ? "Stream initiator: Server-initiated (1)" : "Stream initiator: Client-initiated (0)"));
                t.add(id, bit64(a, 1, (a & 2) ? "Stream direction: Unidirectional (1)" : "Stream direction: Bidirectional (0)"));
                if (type & 0x04)
                    t.add(n, fmt("Offset: %llu", (unsigned long long)b));
                if (type & 0x02)
                    t.add(n, fmt("Length: %llu", (unsigned long long)c));
                if ((ok = bytes(c, text)))
                    t.add(n, "Stream Data: " + text);
                break;
            }
            node("Unknown");
            AppTree(t, none).expert(n, "Note", "Undecoded", fmt("Unknown Frame Type 0x%llx", (unsigned long long)type));
            continue; // it has no length to skip: the next byte is read as the next frame, as tshark does
        }
        if (!ok)
            return;
    }
}

} // namespace

void buildQuicTree(DetailTree& t, const FrameContext& c, uint32_t payloadOffset, uint16_t serverPort)
{
    if (!c.quic)
        return;
    const DecodedPacket& d = *c.decoded;
    const uint8_t* datagram = d.at(payloadOffset);
    const AppPayload none; // expert lines cover no payload bytes
    bool first = true;
    for (const QuicPacket& q : c.quic->packets) {
        const uint8_t* h = datagram + q.offset;
        const uint32_t at = payloadOffset + uint32_t(q.offset);
        const int32_t root = t.add(-1, "QUIC IETF", at, uint32_t(q.size));
        if (first) { // the connection is named once a datagram
            const int32_t info = t.add(root, "QUIC Connection information");
            if (c.quicConnection >= 0 && (q.longHeader || q.dcidKnown))
                t.add(info, fmt("[Connection Number: %lld]", (long long)c.quicConnection));
            else
                AppTree(t, none).expert(info, "Note", "Protocol", "Unknown QUIC connection. Missing Initial Packet or migrated connection?");
        }
        first = false;
        t.add(root, fmt("[Packet Length: %zu]", q.size));
        if (!q.longHeader) {
            std::string head = "QUIC Short Header";
            if (q.dcidKnown)
                head += " DCID=" + apptext::hex(h + 1, q.dcidLen);
            const int32_t s = t.add(root, head, at, uint32_t(1 + (q.dcidKnown ? q.dcidLen : 0)));
            t.add(s, bitLine(h[0], 0x80, 8, "Header Form: Short Header (0)"), at, 1, 0x80);
            t.add(s, bitLine(h[0], 0x40, 8, (h[0] & 0x40) ? "Fixed Bit: True" : "Fixed Bit: False"), at, 1, 0x40);
            t.add(s, bitLine(h[0], 0x20, 8, (h[0] & 0x20) ? "Spin Bit: True" : "Spin Bit: False"), at, 1, 0x20);
            size_t rest = 1;
            if (q.dcidKnown) {
                t.add(s, "Destination Connection ID: " + apptext::hex(h + 1, q.dcidLen), at + 1, uint32_t(q.dcidLen));
                rest += q.dcidLen;
            }
            // 1-RTT keys come from the handshake; tshark says so on the client's packets.
            if (q.dcidKnown && c.quic->fromClient)
                AppTree(t, none).expert(root, "Warning", "Decryption", "Failed to create decryption context: Secrets are not available");
            if (q.size > rest)
                t.add(root, "Remaining Payload: " + bytesCut(h + rest, q.size - rest), at + uint32_t(rest), uint32_t(q.size - rest));
            continue;
        }
        const uint8_t b0 = q.opened ? q.first : h[0];
        t.add(root, bitLine(b0, 0x80, 8, "Header Form: Long Header (1)"), at, 1, 0x80);
        if (q.version == 0) {
            t.add(root, bitLine(b0, 0x7f, 8, fmt("Unused: 0x%02x", b0 & 0x7f)), at, 1, 0x7f);
        } else {
            t.add(root, bitLine(b0, 0x40, 8, (b0 & 0x40) ? "Fixed Bit: True" : "Fixed Bit: False"), at, 1, 0x40);
            t.add(root, bitLine(b0, 0x30, 8, "Packet Type: " + q.name + fmt(" (%u)", (b0 >> 4) & 3)), at, 1, 0x30);
            if (q.opened) {
                t.add(root, bitLine(b0, 0x0c, 8, fmt("Reserved: %u", (b0 >> 2) & 3)), at, 1, 0x0c);
                t.add(root, bitLine(b0, 0x03, 8, fmt("Packet Number Length: %zu bytes (%u)", q.pnLen, b0 & 3)), at, 1, 0x03);
            }
        }
        t.add(root, "Version: " + versionName(q.version), at + 1, 4);
        t.add(root, fmt("Destination Connection ID Length: %zu", q.dcidLen), at + 5, 1);
        if (q.dcidLen)
            t.add(root, "Destination Connection ID: " + apptext::hex(h + 6, q.dcidLen), at + 6, uint32_t(q.dcidLen));
        const size_t scidAt = 7 + q.dcidLen;
        t.add(root, fmt("Source Connection ID Length: %zu", q.scidLen), at + uint32_t(scidAt - 1), 1);
        if (q.scidLen)
            t.add(root, "Source Connection ID: " + apptext::hex(h + scidAt, q.scidLen), at + uint32_t(scidAt),
                  uint32_t(q.scidLen));
        if (q.version == 0) {
            for (size_t v = scidAt + q.scidLen; v + 4 <= q.size; v += 4)
                t.add(root, "Supported Version: " + versionName(loadBe32(h + v)), at + uint32_t(v), 4);
            continue;
        }
        if (q.name == "Retry") {
            const size_t token = scidAt + q.scidLen;
            if (q.size >= token + 16) {
                t.add(root, "Retry Token: " + apptext::hex(h + token, q.size - token - 16), at + uint32_t(token),
                      uint32_t(q.size - token - 16));
                t.add(root, "Retry Integrity Tag: " + apptext::hex(h + q.size - 16, 16), at + uint32_t(q.size - 16), 16);
            }
            continue;
        }
        if (q.name == "Initial") {
            t.add(root, fmt("Token Length: %llu", (unsigned long long)q.token));
            if (q.token)
                t.add(root, "Token: " + bytesCut(h + q.tokenAt, size_t(q.token)));
        }
        t.add(root, fmt("Length: %llu", (unsigned long long)q.length), at + uint32_t(q.lengthAt), uint32_t(q.pnAt - q.lengthAt));
        if (q.opened) {
            t.add(root, fmt("Packet Number: %llu", (unsigned long long)q.pn), at + uint32_t(q.pnAt), uint32_t(q.pnLen));
            const size_t body = q.pnAt + q.pnLen;
            t.add(root, "Payload: " + bytesCut(h + body, q.size - body), at + uint32_t(body), uint32_t(q.size - body));
            addFrames(t, root, q, serverPort);
        } else {
            AppTree(t, none).expert(root, "Warning", "Decryption", "Failed to create decryption context: Secrets are not available");
            if (q.size > q.pnAt)
                t.add(root, "Remaining Payload: " + bytesCut(h + q.pnAt, q.size - q.pnAt), at + uint32_t(q.pnAt),
                      uint32_t(q.size - q.pnAt));
        }
    }
}

} // namespace synflow
