#include "proto/pducontinuation.h"

#include "output/exceptiontext.h"
#include "proto/amqpinfo.h"
#include "proto/conversationprotocols.h"
#include "proto/ldapinfo.h"
#include "proto/mqttinfo.h"
#include "proto/pgsqlinfo.h"
#include "proto/smb2info.h"
#include "proto/stuninfo.h"

#include <algorithm>
#include <cstring>
#include <cstring>

namespace synflow {
namespace {

// How a framed protocol reads a message's total length from its first bytes.
enum class Framing : uint8_t { None, Dns, Mysql, Lbmsrs, Drda, Mqtt, Pgsql, Ldap, Stun, Amqp, Nbss };

uint32_t headerBytes(Framing f)
{
    if (f == Framing::Stun || f == Framing::Nbss)
        return 4; // type and length
    if (f == Framing::Amqp)
        return 7; // type, channel, 32-bit length
    return f == Framing::Dns || f == Framing::Drda || f == Framing::Mqtt || f == Framing::Ldap ? 2 : 3;
}

uint32_t messageLength(Framing f, const uint8_t* p, size_t n)
{
    switch (f) {
    case Framing::Nbss: return nbssMessageLength(p, n, true);                   // type, 24-bit length
    case Framing::Stun: return stunMessageLength(p, n);                         // see stuninfo.h
    case Framing::Amqp: return amqpFrameLength(p, n);                           // see amqpinfo.h
    case Framing::Mqtt: return mqttMessageLength(p, n);                         // type, then 1-4 bytes of length
    case Framing::Pgsql: return pgsqlMessageLength(p, n);                       // type letter, 32-bit length
    case Framing::Ldap: return ldapMessageLength(p, n);                         // a BER SEQUENCE's tag and length
    case Framing::Dns: return uint32_t(p[0] << 8 | p[1]) + 2u;                   // 16-bit length, big-endian
    case Framing::Mysql: return (uint32_t(p[2]) << 16 | p[1] << 8 | p[0]) + 4u; // 24-bit LE length + sequence id
    case Framing::Lbmsrs: return (uint32_t(p[0]) << 16 | p[1] << 8 | p[2]) + 3u; // RSocket 24-bit frame length
    case Framing::Drda: return loadBe16(p);                                        // each DSS: its 16-bit length
    default: return 0;
    }
}

bool onFramedPort(const DecodedPacket& d)
{
    const TcpView tcp{d.at(d.transportOffset)};
    for (uint16_t port : {kDnsPort, kMysqlPort, kMqttPort, kPgsqlPort, kLdapPort, kLdapGlobalCatalogPort, kStunPort, kAmqpPort, kSmbDirectPort, kNbssPort})
        if (tcp.srcPort() == port || tcp.dstPort() == port)
            return true;
    return false;
}

bool onStunPort(const DecodedPacket& d)
{
    const TcpView tcp{d.at(d.transportOffset)};
    return tcp.srcPort() == kStunPort || tcp.dstPort() == kStunPort;
}

bool isIpv4Loopback(const uint8_t* a)
{
    return a[0] == 127 && a[1] == 0 && a[2] == 0 && a[3] == 1;
}

// One bit that tells the two directions of a conversation apart from the packet alone.
uint64_t directionKey(const DecodedPacket& d, uint32_t stream)
{
    const TcpView tcp{d.at(d.transportOffset)};
    const uint16_t sp = tcp.srcPort(), dp = tcp.dstPort();
    bool up = sp > dp;
    if (sp == dp) {
        const uint8_t* ip = d.at(d.netOffset);
        up = d.net == NetLayer::IPv6 ? std::memcmp(ip + 8, ip + 24, 16) > 0 : std::memcmp(ip + 12, ip + 16, 4) > 0;
    }
    return uint64_t(stream) << 1 | (up ? 1 : 0);
}

} // namespace

const char* rsocketFrameName(uint8_t type)
{
    static const char* names[] = {"RESERVED", "SETUP", "LEASE", "KEEPALIVE", "REQUEST_RESPONSE", "REQUEST_FNF",
                                  "REQUEST_STREAM", "REQUEST_CHANNEL", "REQUEST_N", "CANCEL", "PAYLOAD", "ERROR",
                                  "METADATA_PUSH", "RESUME", "RESUME_OK"};
    if (type < std::size(names))
        return names[type];
    return type == 0x3f ? "EXT" : "UNKNOWN";
}

bool looksLikeLbmsrs(const DecodedPacket& d, const uint8_t* p, size_t n)
{
    if (d.net != NetLayer::IPv4)
        return false;
    const Ipv4View ip{d.at(d.netOffset)};
    if (!isIpv4Loopback(ip.src()) && !isIpv4Loopback(ip.dst()))
        return false;
    // 3-byte frame length, 4-byte stream id, then 6 bits of frame type and the I/M flags.
    if (n < 8)
        return false;
    const uint32_t streamId = loadBe32(p + 3);
    const uint8_t type = p[7] >> 2;
    const bool metadata = p[7] & 0x03;
    size_t pos = 7;
    switch (type) {
    case 0x01: case 0x03: case 0x0c: case 0x0d: case 0x0e: // connection-level frames: stream 0 only
        return streamId == 0;
    case 0x3f: // extension: taken as is
        return true;
    case 0x04: case 0x05: case 0x09: case 0x0a:
        pos += 2;
        break;
    case 0x06: case 0x07: case 0x08: case 0x0b:
        pos += 6;
        break;
    default:
        return false;
    }
    if (metadata) {
        if (n < pos + 3)
            return false;
        pos += 3 + (size_t(p[pos]) << 16 | p[pos + 1] << 8 | p[pos + 2]);
        if (n < pos + 6)
            return false;
    }
    // An SRS message id (1..12) must follow; too short a frame for one is not LBMSRS either
    // (tshark stops on a bounds error there, leaving the segment TCP).
    if (pos + 2 >= n)
        return false;
    const uint16_t id = loadBe16(p + pos);
    return id >= 1 && id <= 12;
}

bool PduContinuations::candidate(const DecodedPacket& d)
{
    if (d.transport != TransportLayer::Tcp || !d.tcpHeaderValid || d.tcpPayloadLen == 0)
        return false;
    if (onFramedPort(d))
        return true;
    if (d.net != NetLayer::IPv4)
        return false;
    const Ipv4View ip{d.at(d.netOffset)};
    return isIpv4Loopback(ip.src()) || isIpv4Loopback(ip.dst());
}

const PduContinuations::Pdu* PduContinuations::lookup(uint64_t dir, uint32_t seq) const
{
    const auto it = pdus_.find(dir);
    if (it == pdus_.end())
        return nullptr;
    // The message announced last at or before seq - 1 (unsigned, as tshark's tree compares).
    const uint32_t key = seq - 1;
    const auto& v = it->second;
    auto after = std::upper_bound(v.begin(), v.end(), key, [](uint32_t k, const Pdu& p) { return k < p.seq; });
    return after == v.begin() ? nullptr : &*(after - 1);
}

PduPosition PduContinuations::find(const DecodedPacket& d, const TcpPacketAnalysis& a) const
{
    PduPosition pos;
    if (pdus_.empty() || !a.valid || d.tcpPayloadLen == 0)
        return pos;
    const uint32_t seq = a.seq, nxt = a.seq + d.tcpPayloadLen;
    const Pdu* m = lookup(directionKey(d, a.stream), seq);
    if (!m)
        return pos;
    // tshark's second pass prefixes only a segment wholly inside the message; one that runs
    // past its end is dissected from the next message, without the prefix.
    if (seq > m->seq && nxt <= m->end) {
        pos.inside = true;
        pos.continuationTo = m->frame;
    } else if (seq < m->end && nxt > m->end)
        pos.start = m->end - seq;
    return pos;
}

namespace {

// DRDA's heuristic may claim a segment on any port: one that begins with a DSS header (its magic
// byte), or one of a direction whose messages run across segments already.
bool mayBeDrda(const DecodedPacket& d)
{
    const uint32_t payload = d.transportOffset + d.tcpHeaderLen;
    return d.transport == TransportLayer::Tcp && d.tcpHeaderValid && d.tcpPayloadLen >= 10 && payload + 10 <= d.frame.size()
        && d.frame[payload + 2] == 0xd0;
}

} // namespace

bool PduContinuations::worthLearning(const DecodedPacket& d) const
{
    return candidate(d) || mayBeDrda(d) || (drdaSeen_ && d.transport == TransportLayer::Tcp && d.tcpHeaderValid && d.tcpPayloadLen);
}

void PduContinuations::learn(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a, uint8_t kind)
{
    if (!a.valid || !worthLearning(d))
        return;
    // Only what the messages known so far say (the first pass sees no later frame).
    const PduPosition pos = find(d, a);
    if (pos.inside || (a.flags & TcpNotHandedOn))
        return;
    const uint32_t payload = d.transportOffset + d.tcpHeaderLen;
    if (payload >= d.frame.size())
        return;
    const uint8_t* p = d.at(payload);
    const uint32_t captured = std::min<uint32_t>(d.tcpPayloadLen, uint32_t(d.frame.size() - payload));
    if (pos.start >= captured)
        return;

    // Name the protocol (which builds strings) only where framing may follow: on the framed
    // protocols' ports, or where the heuristic would match.
    const bool framedPort = onFramedPort(d);
    const bool lbmsrs = looksLikeLbmsrs(d, p + pos.start, captured - pos.start);
    const bool drda = captured - pos.start >= 10 && p[pos.start + 2] == 0xd0;
    if (!framedPort && !lbmsrs && !drda)
        return;
    static const PacketRecord plain;
    const ProtocolSummary s = summarizeProtocol(d, plain, a.flags, kind, pos.start);
    Framing f = Framing::None;
    if (s.protocol == "MySQL")
        f = Framing::Mysql;
    else if (s.protocol == "DNS")
        f = Framing::Dns;
    else if ((s.protocol == "TCP" || s.protocol == "MPTCP") && lbmsrs)
        f = Framing::Lbmsrs;
    else if (s.protocol == "DRDA")
        f = Framing::Drda;
    else if (s.protocol == "MQTT")
        f = Framing::Mqtt;
    else if (s.protocol == "PGSQL")
        f = Framing::Pgsql;
    else if (s.protocol == "SMB2" || s.protocol == "SMB") // SMB tells TCP where its NBSS message ends; NBSS alone does not
        f = Framing::Nbss;
    else if (s.protocol == "LDAP")
        f = Framing::Ldap;
    else if (s.protocol == "STUN" || s.protocol == "CLASSIC-STUN" || (framedPort && onStunPort(d)))
        f = Framing::Stun; // framed on its port even where STUN takes no message
    else if (s.protocol.starts_with("AMQP") && (kind & 0x7f) == ConversationProtocols::Amqp09)
        f = Framing::Amqp;
    if (f == Framing::None)
        return;
    // A MySQL connection that switched to TLS carries TLS records, which TLS (unframed here)
    // dissects; the conversation may learn that it is TLS only from the ServerHello after.
    const uint8_t* q = p + pos.start;
    if (f == Framing::Mysql && captured - pos.start >= 5 && q[0] >= 20 && q[0] <= 23 && q[1] == 3 && q[2] <= 4)
        return;

    // Walk the messages; the one that runs past the segment is remembered, keyed by the
    // segment's own seq (a later announcement at the same seq replaces it).
    const uint32_t len = d.tcpPayloadLen;
    for (uint32_t off = pos.start; off < len;) {
        if (off + headerBytes(f) > captured)
            return; // the length itself is cut off: nothing is announced
        const uint32_t plen = messageLength(f, p + off, captured - off);
        if (plen < headerBytes(f))
            return; // no length to walk by
        if (f == Framing::Ldap && plen <= captured - off && ldapSearchEntry(p + off, plen))
            ++ldapEntries_[a.stream];
        if (plen > len - off) {
            auto& v = pdus_[directionKey(d, a.stream)];
            const Pdu pdu{a.seq, a.seq + off + plen, frame + 1};
            drdaSeen_ = drdaSeen_ || f == Framing::Drda;
            auto it = std::lower_bound(v.begin(), v.end(), a.seq, [](const Pdu& q, uint32_t s) { return q.seq < s; });
            if (it != v.end() && it->seq == a.seq)
                *it = pdu;
            else
                v.insert(it, pdu);
            return;
        }
        off += plen;
    }
}

ProtocolSummary summarizeFrame(const DecodedPacket& d, const PacketRecord& rec, const TcpPacketAnalysis* a,
                               const ConversationProtocols* protocols, bool continuations, const TlsHandshakeCarry* tlsCarry)
{
    const bool tcp = a && a->valid && d.transport == TransportLayer::Tcp;
    uint8_t kind = 0;
    if (protocols && tcp)
        kind = protocols->kindAt(continuations ? protocols->kindOf(a->stream) : protocols->viewKindOf(a->stream), a->stream,
                                 tcpDirectionBit(d), rec.offset, !continuations);
    else if (protocols && d.transport != TransportLayer::Tcp)
        kind = protocols->kindOfDatagram(d);
    const bool tcpData = tcp && d.tcpHeaderValid && d.tcpPayloadLen != 0 && !(TcpView{d.at(d.transportOffset)}.flags() & TcpRst);
    const PduPosition pos = tcpData && protocols && continuations ? protocols->pdus().find(d, *a) : PduPosition{};
    // Without reassembly, a TLS handshake message its side's earlier segments began.
    TlsHandshakeCarry carry;
    if (!tlsCarry && protocols && tcpData && continuations)
        tlsCarry = protocols->tlsCarryAt(rec.offset);
    if (tlsCarry)
        carry = *tlsCarry;
    carry.kexUnknown = protocols && tcp && !protocols->tlsKexKnown(a->stream);
    ProtocolSummary s = summarizeProtocol(d, rec, tcp ? a->flags : 0, kind, pos.start, &carry);
    if (s.protocol == "FTP-DATA" && protocols && tcp)
        if (const FtpDataChannel* c = protocols->ftpData(a->stream)) {
            s.info += std::string(" (") + c->method + ")";
            if (!c->command.empty())
                s.info += " (" + c->command + ")";
        }
    // Without reassembly TCP hands its payload on as a fragment: reading past it is
    // "Unreassembled"; with reassembly on, the same read is a malformed packet (a segment the
    // snapshot length cut is never reassembled: a fragment still).
    const bool cut = tcp && d.tcpHeaderValid && size_t(d.transportOffset) + d.tcpHeaderLen + d.tcpPayloadLen > d.frame.size();
    if (!continuations && !cut && s.info == kUnreassembled)
        s.info = kMalformed;
    else if (!continuations && (s.pduLayers.starts_with("tpkt") || s.pduLayers.starts_with("rdp\n")) && s.info.ends_with(kUnreassembled)) {
        s.info.replace(s.info.size() - std::strlen(kUnreassembled), std::string::npos, kMalformed);
        s.pduLayers.replace(s.pduLayers.rfind('\n') + 1, std::string::npos, "_ws.malformed");
    }
    if (s.protocol == "LDAP") // the conversation's count of search results, as tshark's second pass has it
        fillLdapResults(s.info, protocols && tcp ? protocols->ldapEntries(a->stream, !continuations) : 0);
    else if (s.protocol == "CLDAP")
        fillLdapResults(s.info, protocols ? protocols->cldapEntries(d) : 0);
    if ((s.protocol == "SMB2" || s.protocol == "SMB") && protocols && tcp) {
        // Read again with what the conversation's requests and Creates told the first pass.
        const TcpView t{d.at(d.transportOffset)};
        const uint32_t start = d.transportOffset + d.tcpHeaderLen;
        const size_t captured = start < d.frame.size() ? std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start) : 0;
        if (pos.start < captured) {
            NbssSummary x = protocols->smb2().summary(a->stream, rec.offset, d.at(start) + pos.start, captured - pos.start,
                                                      d.tcpPayloadLen - pos.start,
                                                      isSmbDirect(t.srcPort(), t.dstPort()), !continuations);
            s.info = std::move(x.info);
            s.pduLayers = std::move(x.layers);
        }
    }
    if (s.protocol == "SMTP" && protocols && tcp && !protocols->smtp().empty())
        if (const SmtpDataRow* row = protocols->smtp().row(rec.offset)) { // a message's data, gathered by SMTP
            s.protocol = row->ends ? "SMTP/IMF" : "SMTP";
            s.info = row->info;
        }
    if (s.protocol == "X11" && protocols && tcp) {
        // Read again with what the conversation's earlier messages told tshark's first pass.
        const TcpView t{d.at(d.transportOffset)};
        bool fromServer = false;
        x11Ports(t.srcPort(), t.dstPort(), fromServer);
        const uint32_t start = d.transportOffset + d.tcpHeaderLen;
        X11Summary x = protocols->x11().summary(a->stream, rec.offset, fromServer, d.at(start),
                                                std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start), d.tcpPayloadLen,
                                                !continuations);
        s.info = std::move(x.info);
        s.keepsTcpInfo = !x.ownInfo;
    }
    if (protocols && tcpData && !pos.inside && (kind & 0x7f) == ConversationProtocols::Amqp09 && s.protocol.starts_with("AMQP")) {
        // AMQP read again with the media types the conversation's earlier content headers gave.
        const uint32_t start = d.transportOffset + d.tcpHeaderLen;
        const size_t captured = start < d.frame.size() ? std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start) : 0;
        if (pos.start <= captured) {
            AmqpChannelTypes types = protocols->amqp(!continuations).typesBefore(a->stream, rec.offset);
            AmqpSummary r = amqp09Summary(d.at(start) + pos.start, captured - pos.start, d.tcpPayloadLen - pos.start, types, !continuations);
            s.protocol = std::move(r.protocol);
            s.info = std::move(r.info);
            s.pduLayers = std::move(r.layers);
        }
    }
    if (protocols && tcpData && !(a->flags & TcpNotHandedOn)) {
        // RTSP read again with the interleaved channels the conversation's SETUP replies mapped.
        const TcpView t{d.at(d.transportOffset)};
        const uint32_t start = d.transportOffset + d.tcpHeaderLen;
        if (isRtspPort(t.srcPort(), t.dstPort()) && start < d.frame.size())
            applyRtsp(s, rtspSummary(d.at(start), std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start), d.tcpPayloadLen,
                                     protocols->rtspChannels(a->stream), !continuations));
    }
    // A datagram of an RTP stream SDP announced before it is RTP (or RTCP) whatever its ports say
    // (tshark asks the conversation's dissector first).
    if (protocols && d.transport == TransportLayer::Udp && !d.stopName && d.transportCaptured >= 8)
        if (const SdpStream* stream = protocols->sdp().find(d, rec.offset)) {
            const UdpView u{d.at(d.transportOffset)};
            const size_t reported = u.length() >= 8 ? u.length() - 8u : 0u;
            const std::string udpInfo = std::to_string(u.srcPort()) + " \xe2\x86\x92 " + std::to_string(u.dstPort())
                + " Len=" + std::to_string(reported);
            SdpDatagram r = sdpDatagram(*stream, d.at(d.transportOffset + 8), std::min<size_t>(d.transportCaptured - 8, reported),
                                        reported, udpInfo);
            s.protocol = std::move(r.protocol);
            s.info = std::move(r.info);
            s.pduLayers = std::move(r.layers);
        }
    // A QUIC conversation's datagrams are QUIC whatever their ports say (tshark asks the
    // conversation's dissector first).
    if (protocols && d.transport == TransportLayer::Udp && !d.stopName)
        if (const std::optional<QuicSummary> q = protocols->quicDatagram(d, s.protocol == "UDP" || s.protocol == "QUIC")) {
            s.protocol = "QUIC";
            if (q->udpSuffix)
                s.info += q->udpSuffix;
            else
                s.info = q->info;
            s.repeats = q->packets > 1 ? uint8_t(q->packets - 1) : 0;
        }
    if (protocols && !d.stopName && (d.transport == TransportLayer::Icmp || d.transport == TransportLayer::Icmpv6)
        && s.protocol != "Teredo")
        s.info += protocols->echoes().pairing(rec, d);
    nameGtpPayload(s, d);
    if (!tcpData)
        return s;
    const bool plainTcp = s.protocol == "TCP" || s.protocol == "MPTCP";
    if (pos.inside) {
        if (!plainTcp)
            s.protocol = "TCP";
        s.info.clear();
        s.keepsTcpInfo = false;
    } else if (plainTcp && !(a->flags & TcpNotHandedOn)) {
        // Heuristic dissectors get what no port claimed.
        const uint32_t payload = d.transportOffset + d.tcpHeaderLen;
        const size_t captured = payload < d.frame.size() ? std::min<size_t>(d.tcpPayloadLen, d.frame.size() - payload) : 0;
        if (pos.start < captured && looksLikeLbmsrs(d, d.at(payload + pos.start), captured - pos.start)) {
            s.protocol = "LBMSRS";
            s.info = rsocketFrameName(d.at(payload + pos.start)[7] >> 2);
        }
    }
    s.continuationTo = pos.continuationTo; // only on a segment left to TCP, whose Info the caller writes
    return s;
}

} // namespace synflow
