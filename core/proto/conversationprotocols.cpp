#include "proto/conversationprotocols.h"
#include "proto/xmppinfo.h"
#include "proto/httpmessage.h"
#include "proto/protocolsummary.h"
#include "proto/desegmentedview.h"
#include "proto/mqttinfo.h"
#include "proto/ldapinfo.h"
#include "proto/sshpackets.h"
#include "proto/tpktinfo.h"

#include "capture/capturefile.h"
#include "tcp/tcptracker.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <string_view>

namespace synflow {
namespace {

} // namespace

bool tlsChangesCipherSpec(const uint8_t* p, size_t n)
{
    for (size_t o = 0; o + 5 <= n && p[o] >= 20 && p[o] <= 24 && p[o + 1] == 3; o += 5 + (size_t(p[o + 3]) << 8 | p[o + 4]))
        if (p[o] == 20)
            return true;
    return false;
}

int tlsServerHelloMinor(const uint8_t* p, size_t n)
{
    if (n < 5 + 4 + 2 || p[0] != 22 || p[5] != 2)
        return -1;
    size_t pos = 9;
    int minor = p[pos] == 3 ? p[pos + 1] : -1;
    if (n < 5 + 4 + 2 + 32 + 1)
        return minor; // the snapshot length cut the hello after its version
    pos += 2 + 32;
    pos += 1 + size_t(p[pos]); // session id
    pos += 2 + 1;              // cipher suite, compression
    if (pos + 2 > n)
        return minor;
    const size_t extEnd = std::min(n, pos + 2 + (size_t(p[pos]) << 8 | p[pos + 1]));
    pos += 2;
    while (pos + 4 <= extEnd) {
        const uint16_t type = uint16_t(p[pos] << 8 | p[pos + 1]);
        const size_t len = size_t(p[pos + 2]) << 8 | p[pos + 3];
        if (type == 43 && len == 2 && pos + 6 <= extEnd && p[pos + 4] == 3)
            return p[pos + 5];
        pos += 4 + len;
    }
    return minor;
}

namespace {

// The version of a record that tshark trusts for the conversation when no ServerHello has set
// it: any valid record type, but a handshake only if it is not a ClientHello; a record the
// segment holds (`reported` bytes), as only such a one is read without reassembly.
int authoritativeRecordMinor(const uint8_t* p, size_t n, size_t reported)
{
    if (n < 6 || p[0] < 20 || p[0] > 24 || p[1] != 3 || p[2] > 3 || 5 + (size_t(p[3]) << 8 | p[4]) > reported)
        return -1;
    if (p[0] == 22) {
        static constexpr uint8_t known[] = {0, 2, 3, 4, 5, 6, 8, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23, 24, 25, 67, 254};
        if (std::find(std::begin(known), std::end(known), p[5]) == std::end(known))
            return -1;
    }
    return p[2];
}

// The UDP payload as captured, without what follows the datagram (an Ethernet frame's padding).
size_t quicPayloadLength(const DecodedPacket& d)
{
    const UdpView u{d.at(d.transportOffset)};
    return std::min<size_t>(d.transportCaptured - 8, u.length() >= 8 ? u.length() - 8u : 0u);
}

// A UDP conversation, both directions alike, and the endpoint that sent this datagram; false for
// other packets.
bool udpFlowKey(const DecodedPacket& d, uint64_t& key, uint64_t& from)
{
    if (d.transport != TransportLayer::Udp || d.transportCaptured < 8 || d.net == NetLayer::Arp || d.net == NetLayer::None)
        return false;
    const UdpView u{d.at(d.transportOffset)};
    const uint16_t a = u.srcPort(), b = u.dstPort();
    const bool v4 = d.net == NetLayer::IPv4;
    const uint32_t addrLen = v4 ? 4 : 16, src = d.netOffset + (v4 ? 12 : 8);
    if (d.frame.size() < src + 2 * addrLen)
        return false;
    // FNV-1a over each endpoint, combined without regard to direction.
    auto endpoint = [&](uint32_t off, uint16_t port) {
        uint64_t h = 1469598103934665603ull;
        for (uint32_t i = 0; i < addrLen; ++i)
            h = (h ^ d.frame[off + i]) * 1099511628211ull;
        return ((h ^ port) * 1099511628211ull);
    };
    const uint64_t x = endpoint(src, a), y = endpoint(src + addrLen, b);
    key = (x < y ? x * 31 + y : y * 31 + x) ^ (v4 ? 4 : 6);
    from = x;
    return true;
}

bool onPort443(const DecodedPacket& d)
{
    const UdpView u{d.at(d.transportOffset)};
    return u.srcPort() == 443 || u.dstPort() == 443;
}

} // namespace

bool hasGquicVersion(const uint8_t* p, size_t n)
{
    auto version = [&](size_t at) {
        return n >= at + 4 && (p[at] == 'Q' || p[at] == 'T') && p[at + 1] >= '0' && p[at + 1] <= '9'
            && p[at + 2] >= '0' && p[at + 2] <= '9' && p[at + 3] >= '0' && p[at + 3] <= '9';
    };
    if (n < 5)
        return false;
    if (p[0] & 0x80) // the IETF-style long header only Q046 used; Q050 and later are IETF QUIC's
        return std::memcmp(p + 1, "Q046", 4) == 0;
    return !(p[0] & 0x40) && (p[0] & 0x01) && version((p[0] & 0x0c) == 0x0c ? 9 : 1);
}

uint32_t ConversationProtocols::cldapEntries(const DecodedPacket& d) const
{
    uint64_t key, from;
    if (cldapEntries_.empty() || !udpFlowKey(d, key, from))
        return 0;
    const auto it = cldapEntries_.find(key);
    return it == cldapEntries_.end() ? 0 : it->second;
}

void ConversationProtocols::learnDatagram(const DecodedPacket& d)
{
    if (d.transport != TransportLayer::Udp || d.transportCaptured < 8)
        return;
    const uint8_t* payload = d.at(d.transportOffset + 8);
    const size_t n = quicPayloadLength(d);
    if (const UdpView u{d.at(d.transportOffset)}; u.srcPort() == kLdapPort || u.dstPort() == kLdapPort) {
        uint64_t key, from;
        if (udpFlowKey(d, key, from))
            cldapEntries_[key] += synflow::cldapEntries(payload, n);
        return;
    }
    const bool gquic = onPort443(d) && hasGquicVersion(payload, n);
    // Most datagrams are neither: no hashing for them.
    if (!gquic && quic_.empty() && !quic_.claims(payload, n))
        return;
    uint64_t key, from;
    if (!udpFlowKey(d, key, from))
        return;
    if (gquic) {
        gquicFlows_.insert(key);
        return;
    }
    if (!quic_.find(key)) {
        if (!quic_.claims(payload, n))
            return;
        // tshark's heuristics see only what no port's dissector took.
        static const PacketRecord plain;
        const std::string protocol = summarizeProtocol(d, plain, 0, kindOfDatagram(d)).protocol;
        if (protocol != "UDP" && protocol != "QUIC")
            return;
    }
    quic_.learn(key, from, payload, n);
}

bool ConversationProtocols::quicInput(const DecodedPacket& d, bool unclaimed, QuicInput& in) const
{
    if (d.transport != TransportLayer::Udp || d.transportCaptured < 8)
        return false;
    in.payload = d.at(d.transportOffset + 8);
    in.captured = quicPayloadLength(d);
    if (quic_.empty() && !(unclaimed && quicLongHeaderClaimed(in.payload, in.captured)))
        return false; // no QUIC in the capture: no hashing for other datagrams
    uint64_t key, from;
    if (!udpFlowKey(d, key, from) || gquicFlows_.count(key))
        return false;
    const UdpView u{d.at(d.transportOffset)};
    in.connection = quic_.find(key);
    // Without a first pass (a live capture not yet learnt), a datagram QUIC's heuristic takes.
    if (!in.connection && !(unclaimed && quic_.claims(in.payload, in.captured)))
        return false;
    in.reported = u.length() >= 8 ? u.length() - 8u : 0u;
    // Before an Initial names the client, the side on QUIC's usual port is the server.
    in.fromClient = in.connection && in.connection->clientKnown ? from == in.connection->client : u.srcPort() != 443;
    return true;
}

std::optional<QuicSummary> ConversationProtocols::quicDatagram(const DecodedPacket& d, bool unclaimed) const
{
    QuicInput in;
    if (!quicInput(d, unclaimed, in))
        return std::nullopt;
    return quicInfo(in.payload, in.captured, in.reported, in.fromClient, in.connection);
}

std::optional<QuicRead> ConversationProtocols::quicPackets(const DecodedPacket& d, int64_t& connection) const
{
    QuicInput in;
    connection = -1;
    if (!quicInput(d, true, in))
        return std::nullopt;
    if (in.connection)
        connection = in.connection->number;
    return quicRead(in.payload, in.captured, in.reported, in.fromClient, in.connection);
}

uint8_t ConversationProtocols::kindOfDatagram(const DecodedPacket& d) const
{
    uint64_t key, from;
    if (gquicFlows_.empty() || !onPort443(d) || !udpFlowKey(d, key, from))
        return Learned;
    return uint8_t(Learned | (gquicFlows_.count(key) ? Gquic : Unknown));
}

uint8_t ConversationProtocols::viewKindOf(uint32_t stream) const
{
    const int minor = view_.tlsMinor(stream);
    if (minor >= 0)
        return uint8_t(Learned | TlsBase | minor);
    const uint8_t kind = kindOf(stream);
    // HTTP calls other data of the conversation its continuation once it read a request, which
    // with reassembly is one whose header (and body) came whole.
    if ((kind & 0x7f) == Http && !view_.httpRequestRead(stream) && !(stream < httpRequestsCut_.size() && httpRequestsCut_[stream]))
        return uint8_t((kind & ~0x7f) | HttpRepliesOnly);
    if (const auto it = viewSshKex_.find(stream); it != viewSshKex_.end() && isSsh(kind))
        return uint8_t((kind & ~SshKexMask) | it->second);
    return kind;
}

// tshark reads a KEXINIT's method list when the packet is whole: in one segment without
// reassembly, in the side's bytes joined in order with it. Banners and other packets before it
// are skipped; the family goes into the kind once both sides' lists are known.
void ConversationProtocols::learnSshKex(uint32_t stream, const DecodedPacket& d, const uint8_t* p, size_t n)
{
    SshKexInits& k = sshKexInits_[stream];
    const TcpView tcp{d.at(d.transportOffset)};
    const int side = tcp.srcPort() < tcp.dstPort() ? 1 : 0; // the server: the well-known port
    if (k.done[side])
        return;
    std::string_view text(reinterpret_cast<const char*>(p), n);
    if (text.starts_with("SSH-")) {
        const size_t eol = text.find('\n');
        if (eol == text.npos)
            return;
        p += eol + 1;
        n -= eol + 1;
        k.started[side] = false;
        k.bytes[side].clear();
        if (n == 0)
            return;
    }
    const uint32_t seq = tcp.seq() + uint32_t(d.tcpPayloadLen - n);
    if (!k.started[side]) {
        if (const auto one = sshClearPacketAt(p, n, 0) ? sshKexAlgorithms(p, n, 0) : std::nullopt) {
            k.list[side] = std::string(*one);
            k.inOne[side] = k.done[side] = true;
            sshKexRead_[stream] |= uint8_t(0x5 << tcpDirectionBit(d)); // read in both modes
        } else if (n >= 6 && p[5] == kSshKexInit) {
            k.started[side] = true;
            k.bytes[side].assign(reinterpret_cast<const char*>(p), n);
            k.nextSeq[side] = seq + uint32_t(n);
        } else {
            k.done[side] = true; // the side's first packet is not a KEXINIT
        }
    } else if (seq == k.nextSeq[side] && k.bytes[side].size() + n <= 65536) {
        k.bytes[side].append(reinterpret_cast<const char*>(p), n);
        k.nextSeq[side] = seq + uint32_t(n);
        const auto* b = reinterpret_cast<const uint8_t*>(k.bytes[side].data());
        if (const auto joined = sshKexAlgorithms(b, k.bytes[side].size(), 0)) {
            k.list[side] = std::string(*joined);
            k.done[side] = true;
            sshKexRead_[stream] |= uint8_t(0x4 << tcpDirectionBit(d)); // read by reassembly only
        }
    }
    if (!k.done[0] || !k.done[1])
        return;
    auto bits = [](SshKex x) { return uint8_t(x == SshKex::Gex ? SshKexGex : x == SshKex::Ecdh ? SshKexEcdh : 0); };
    const bool read = !k.list[0].empty() && !k.list[1].empty();
    const uint8_t view = read ? bits(sshKexFamily(k.list[0], k.list[1])) : uint8_t(SshKexUnread);
    const uint8_t plain = k.inOne[0] && k.inOne[1] ? view : uint8_t(SshKexUnread);
    kinds_[stream] = uint8_t((kinds_[stream] & ~SshKexMask) | plain);
    if (view != plain)
        viewSshKex_[stream] = view;
    k = SshKexInits{};
    k.done[0] = k.done[1] = true; // settled: later packets change nothing
}

namespace {

bool onHttpPort(const DecodedPacket& d)
{
    const TcpView tcp{d.at(d.transportOffset)};
    return isHttpPort(tcp.srcPort(), tcp.dstPort());
}

} // namespace

void ConversationProtocols::learn(uint32_t stream, const DecodedPacket& d)
{
    if (d.transport != TransportLayer::Tcp || !d.tcpHeaderValid || d.tcpPayloadLen == 0)
        return;
    const uint32_t start = d.transportOffset + d.tcpHeaderLen;
    if (start >= d.frame.size())
        return;
    if (kinds_.size() <= stream)
        kinds_.resize(stream + 1); // Unknown: 0
    const uint8_t* p = d.at(start);
    const size_t n = std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start);
    const std::string_view text(reinterpret_cast<const char*>(p), n);
    if (kinds_[stream] == FtpData)
        return; // a file's bytes, whatever they look like
    if (const TcpView tcp{d.at(d.transportOffset)}; tcp.srcPort() == kAmqpPort || tcp.dstPort() == kAmqpPort) {
        // The version a protocol header names; without one, a segment that is one 0-9 frame.
        if (const AmqpVersion v = amqpHeaderVersion(p, n); v != AmqpVersion::Unknown && kinds_[stream] == Unknown)
            kinds_[stream] = v == AmqpVersion::V0_9 ? Amqp09 : AmqpOther;
        else if (kinds_[stream] == Unknown && amqpLooksLike09Frame(p, n, d.tcpPayloadLen))
            kinds_[stream] = Amqp09;
        return;
    }
    if (const TcpView tcp{d.at(d.transportOffset)}; isRtspPort(tcp.srcPort(), tcp.dstPort())) {
        // RTSP's port: its requests are not HTTP's ("OPTIONS "); its replies map channels.
        RtspChannels& channels = rtsp_[stream];
        learnRtspChannels(channels, p, n);
        if (channels.rtp.none() && channels.rtcp.none())
            rtsp_.erase(stream); // only conversations that mapped channels are kept
        return;
    }
    if (const TcpView tcp{d.at(d.transportOffset)}; (tcp.srcPort() == kXmppPort || tcp.dstPort() == kXmppPort) && !xmppTls_.contains(stream))
        return; // XML until the server says <proceed/>; then a TLS version to learn
    if (const TcpView tcp{d.at(d.transportOffset)}; isRdpPort(tcp.srcPort(), tcp.dstPort()))
        return; // TPKT's port: tshark 4.0 does not follow RDP's switch to TLS
    if (const TcpView tcp{d.at(d.transportOffset)}; tcp.srcPort() == 21 || tcp.dstPort() == 21)
        ftp_.learnControl(stream, d, p, n);
    else if (tcp.dstPort() == kMqttPort && kinds_[stream] == Unknown && mqttConnectV5(p, n))
        kinds_[stream] = Mqtt5;
    // In a segment the snapshot length cut, tshark's HTTP counts a request whose method was
    // captured (its header loop reads what was captured as the line; its heuristic off its
    // ports wants the whole line), a response only once its headers were read whole (the row
    // of one cut before is named all the same, by summarizeProtocol).
    const auto counted = [&] {
        if (n == d.tcpPayloadLen)
            return true;
        return text.starts_with("HTTP/1.") ? httpHeaderEnd(text) != text.npos : httpLineEnds(text) || onHttpPort(d);
    };
    if (const uint8_t k = kinds_[stream]; k == Unknown || k == HttpRepliesOnly || (k == Http && n < d.tcpPayloadLen)) {
        std::string_view m = text;
        if (m.size() > 3 && m.starts_with("\r\n") && startsHttpMessage(m.substr(2)))
            m.remove_prefix(2); // a stray CR LF before a message is skipped
        const bool message = (startsHttpMessage(m) && counted() && (onHttpPort(d) || httpHeuristicLine(m)))
            || (n < d.tcpPayloadLen && onHttpPort(d) && isHttpMethodAlone(m));
        const bool request = message && !m.starts_with("HTTP/1.");
        if (request && n < d.tcpPayloadLen) { // never reassembled: read as captured in the default view too
            if (stream >= httpRequestsCut_.size())
                httpRequestsCut_.resize(size_t(stream) + 1);
            httpRequestsCut_[stream] = true;
        }
        if (message && k != Http)
            kinds_[stream] = request ? Http : HttpRepliesOnly;
    }
    if ((kinds_[stream] == Unknown || isSsh(kinds_[stream])) && text.starts_with("SSH-"))
        kinds_[stream] = uint8_t((text.starts_with("SSH-1.") && !text.starts_with("SSH-1.99") ? Ssh1 : Ssh2)
                                 | (isSsh(kinds_[stream]) ? kinds_[stream] & SshKexMask : SshKexUnread));
    if (isSsh(kinds_[stream]) && (kinds_[stream] & 0x03) == Ssh2)
        learnSshKex(stream, d, p, n);
    const int minor = tlsServerHelloMinor(p, n);
    if (minor >= 0 && n >= 5 + 4 + (size_t(p[6]) << 16 | size_t(p[7]) << 8 | p[8]))
        tlsKexKnown_.insert(stream); // tshark keeps its cipher suite once it read the whole hello
    if (minor >= 0 && minor <= 4) {
        kinds_[stream] = uint8_t(TlsBase | minor);
    } else if (n < d.tcpPayloadLen && n >= 6 && p[0] == 22 && p[1] == 3 && p[2] <= 3
               && ((p[5] == 1 && kinds_[stream] == Unknown) || p[5] == 2)) {
        // A hello the snapshot length cut: tshark's heuristic takes it by its record header and
        // handshake type; a ClientHello's record version stands until a ServerHello's replaces it.
        kinds_[stream] = uint8_t(TlsBase | p[2]);
    } else if (kinds_[stream] == Unknown && d.tcpHeaderValid) {
        const TcpView tcp{d.at(d.transportOffset)};
        if (isTlsPort(tcp.srcPort(), tcp.dstPort()))
            if (const int m = authoritativeRecordMinor(p, n, d.tcpPayloadLen); m >= 0)
                kinds_[stream] = uint8_t(TlsBase | m);
    }
}

void ConversationProtocols::learnKeyChange(uint32_t stream, uint8_t kind, const DecodedPacket& d, uint64_t recordOffset)
{
    const uint32_t start = d.transportOffset + d.tcpHeaderLen;
    if (start >= d.frame.size())
        return;
    auto& seen = keyChanges_[stream];
    uint64_t& mine = seen[tcpDirectionBit(d)];
    if (mine != 0)
        return; // the first key change of this side
    const uint8_t* p = d.at(start);
    const size_t n = std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start);
    if ((kind & 0xf0) == TlsBase) {
        if (tlsChangesCipherSpec(p, n))
            mine = recordOffset + 1;
        return;
    }
    for (size_t o = 0; const uint32_t len = sshClearPacketAt(p, n, o); o += len)
        if (p[o + 5] == kSshNewKeys) {
            mine = recordOffset + 1;
            return;
        }
}

// What TLS without reassembly gathers of a side's handshake messages: the segment read as its
// row is, with the carry the side's earlier segments left.
void ConversationProtocols::learnTlsHandshake(uint32_t stream, const DecodedPacket& d, uint32_t analysisFlags, uint8_t kind,
                                              uint64_t recordOffset)
{
    const uint32_t start = d.transportOffset + d.tcpHeaderLen;
    if (start >= d.frame.size())
        return;
    const uint64_t side = uint64_t(stream) << 1 | tcpDirectionBit(d);
    const auto it = tlsCarry_.find(side);
    if (it == tlsCarry_.end() && !tlsHasHandshakeRecord(d.at(start), std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start)))
        return;
    TlsHandshakeCarry carry = it == tlsCarry_.end() ? TlsHandshakeCarry{} : it->second;
    if (carry.active)
        tlsCarryAt_[recordOffset] = carry;
    static const PacketRecord plain;
    summarizeProtocol(d, plain, analysisFlags, kind, 0, &carry);
    if (carry.active && it != tlsCarry_.end())
        it->second = carry;
    else if (carry.active)
        tlsCarry_.emplace(side, carry);
    else if (it != tlsCarry_.end())
        tlsCarry_.erase(it);
}

uint8_t ConversationProtocols::kindAt(uint8_t kind, uint32_t stream, uint8_t direction, uint64_t recordOffset, bool view) const
{
    if (const auto x = xmppTls_.find(stream); x != xmppTls_.end()) {
        if (recordOffset + 1 <= x->second)
            return Learned; // XMPP's own, whatever TLS said later
        if ((kind & 0x70) != TlsBase)
            return uint8_t(Learned | XmppTls);
    }
    if (!isSsh(kind) && (kind & 0x70) != TlsBase)
        return kind;
    const auto it = keyChanges_.find(stream);
    if (it == keyChanges_.end() || it->second[direction & 1] == 0 || recordOffset + 1 <= it->second[direction & 1])
        return kind;
    // tshark's SSH marks where a side's key exchange began when it reads the side's KEXINIT
    // whole; a side it never saw begin stays in clear text after its NEWKEYS.
    if (isSsh(kind) && (kind & 0x03) == Ssh2) {
        const auto read = sshKexRead_.find(stream);
        const uint8_t bits = read == sshKexRead_.end() ? 0 : read->second;
        if (!(bits & ((view ? 0x4 : 0x1) << (direction & 1))))
            return kind;
    }
    return uint8_t(kind | KeysChanged);
}

void ConversationProtocols::learn(uint32_t frame, const DecodedPacket& d, const TcpTracker& tracker, const PacketIndex& index)
{
    const int64_t stream = tracker.streamOf(frame);
    if (stream < 0) {
        learnDatagram(d);
        echoes_.learn(frame, index[frame], d);
        sdp_.learn(index[frame].offset, d);
        return;
    }
    if (uint32_t(stream) >= nextStream_) { // its first segment: an FTP data connection announced before?
        nextStream_ = uint32_t(stream) + 1;
        if (ftp_.claim(uint32_t(stream), d)) {
            if (kinds_.size() <= uint64_t(stream))
                kinds_.resize(uint32_t(stream) + 1);
            kinds_[uint32_t(stream)] = FtpData;
            announced_.push_back(uint32_t(stream));
        }
    }
    if (d.tcpHeaderValid && d.tcpPayloadLen > 0 && !xmppTls_.contains(uint32_t(stream))) {
        const TcpView tcp{d.at(d.transportOffset)};
        const uint32_t start = d.transportOffset + d.tcpHeaderLen;
        if ((tcp.srcPort() == kXmppPort || tcp.dstPort() == kXmppPort) && start + d.tcpPayloadLen <= d.frame.size()
            && xmppProceeds(d.at(start), d.tcpPayloadLen))
            xmppTls_[uint32_t(stream)] = index[frame].offset + 1;
    }
    learn(uint32_t(stream), d);
    const uint8_t kind = kindOf(uint32_t(stream));
    // TLS 1.3's ChangeCipherSpec changes nothing (protocolsummary.cpp): nothing to learn there.
    const bool tlsBefore13 = (kind & 0x70) == TlsBase && (kind & 0x0f) != 4;
    if ((isSsh(kind) || tlsBefore13) && d.tcpHeaderValid && d.tcpPayloadLen > 0)
        learnKeyChange(uint32_t(stream), uint8_t(kind & 0x7f), d, index[frame].offset);
    // The view frames an XMPP conversation's segments as XML or TLS by where they lie against
    // <proceed/>, reads a TLS handshake record as encrypted after its side's ChangeCipherSpec,
    // and reassembles SSH in clear text only (before its side's key change).
    uint8_t viewKind = viewKindOf(uint32_t(stream));
    if (xmppTls_.contains(uint32_t(stream)) || (viewKind & 0x70) == TlsBase || isSsh(viewKind))
        viewKind = kindAt(viewKind, uint32_t(stream), d.tcpHeaderValid ? tcpDirectionBit(d) : 0, index[frame].offset, true);
    const bool framed = pdus_.worthLearning(d), reassembled = view_.worthLearning(d, viewKind);
    bool x11 = false, fromServer = false, smtpClient = false;
    if (d.tcpHeaderValid && d.tcpPayloadLen > 0 && d.transportOffset + d.tcpHeaderLen < d.frame.size()) {
        const TcpView tcp{d.at(d.transportOffset)};
        x11 = x11Ports(tcp.srcPort(), tcp.dstPort(), fromServer);
        smtpClient = (tcp.dstPort() == 25 || tcp.dstPort() == 587) && tcp.srcPort() > tcp.dstPort();
    }
    if (!framed && !reassembled && !x11 && !smtpClient)
        return;
    const TcpPacketAnalysis a = tracker.analysis(frame, index, d);
    if (a.valid && d.tcpHeaderValid && d.tcpPayloadLen > 0) {
        const TcpView tcp{d.at(d.transportOffset)};
        const uint8_t here = kindAt(kind, uint32_t(stream), tcpDirectionBit(d), index[frame].offset);
        if ((here & 0x70) == TlsBase || (here & 0x7f) == XmppTls || isTlsPort(tcp.srcPort(), tcp.dstPort()))
            learnTlsHandshake(uint32_t(stream), d, a.flags, here, index[frame].offset);
    }
    if (x11) {
        // Only what the Protocol column gives X11 (not a retransmission, no earlier claim).
        static const PacketRecord plain;
        if (summarizeProtocol(d, plain, a.flags, kind).protocol == "X11") {
            const uint32_t start = d.transportOffset + d.tcpHeaderLen;
            x11_.learn(uint32_t(stream), index[frame].offset, fromServer, d.at(start),
                       std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start), d.tcpPayloadLen);
        }
    }
    if (smtpClient && a.valid && !(a.flags & TcpNotHandedOn)) {
        // A client's commands and message data (the server's replies change nothing here).
        const uint32_t start = d.transportOffset + d.tcpHeaderLen;
        smtp_.learn(uint32_t(stream), index[frame].offset, d.at(start), std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start),
                    d.tcpPayloadLen);
    }
    if (!framed && !reassembled)
        return;
    if (framed)
        pdus_.learn(frame, d, a, kind);
    const uint32_t start = d.transportOffset + d.tcpHeaderLen;
    const TcpView tcp{d.at(d.transportOffset)};
    if (d.tcpPayloadLen > 0 && start < d.frame.size() && !(a.flags & TcpNotHandedOn)
        && isSmbPort(tcp.srcPort(), tcp.dstPort())) {
        // Before the view, which names the messages it reassembles here with what came so far.
        const PduPosition pos = pdus_.find(d, a);
        const size_t captured = std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start);
        if (!pos.inside && pos.start < captured)
            smb2_.learn(uint32_t(stream), index[frame].offset, d.at(start) + pos.start, captured - pos.start,
                        d.tcpPayloadLen - pos.start, isSmbDirect(tcp.srcPort(), tcp.dstPort()));
    }
    const bool amqp = (kind & 0x7f) == Amqp09 && d.tcpPayloadLen > 0 && start < d.frame.size() && !(a.flags & TcpNotHandedOn);
    AmqpChannelTypes amqpTypes = amqp ? amqpView_.typesBefore(uint32_t(stream), index[frame].offset) : AmqpChannelTypes{};
    const size_t shownBefore = view_.shownCount();
    if (reassembled)
        view_.learn(frame, d, a, viewKind, rtspChannels(uint32_t(stream)), amqp ? &amqpTypes : nullptr, &smb2_);
    if (amqp) { // after the view, which reads this segment's bodies with what came before it
        const uint64_t offset = index[frame].offset;
        const size_t n = std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start);
        amqp_.learn(uint32_t(stream), offset, d.at(start), n);
        amqpView_.learn(uint32_t(stream), offset, d.at(start), n);
        if (view_.shownCount() != shownBefore) // frames reassembled here: what their headers said
            for (const auto& [channel, type] : amqpTypes.known)
                amqpView_.record(uint32_t(stream), offset, channel, type);
    }
}

} // namespace synflow
