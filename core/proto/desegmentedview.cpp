#include "proto/desegmentedview.h"
#include "output/exceptiontext.h"
#include "proto/amqpinfo.h"
#include "proto/bgpinfo.h"
#include "proto/httpmessage.h"
#include "proto/ldapinfo.h"
#include "proto/memcacheinfo.h"
#include "proto/mqttinfo.h"
#include "proto/pgsqlinfo.h"
#include "proto/rtspinfo.h"
#include "proto/siptcp.h"
#include "proto/smb2info.h"
#include "proto/tpktinfo.h"
#include "proto/stuninfo.h"
#include "proto/sshpackets.h"
#include "proto/xmppinfo.h"
#include "decode/bytes.h"

#include "proto/conversationprotocols.h"
#include "proto/pducontinuation.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace synflow {
namespace {

enum Framer : uint8_t { None, Http, Tls, Dns, Mysql, Lbmsrs, Drda, HttpText, Mqtt, Pgsql, Ldap, Memcache, Bgp, Stun, Rtsp, Amqp, Xmpp, Nbss, Tpkt, Ssh, Sip };

// The longest HTTP message whose media type is still named when only its start was kept.
constexpr uint32_t kPaddedBodyMax = 8u << 20;

bool onPort(uint16_t a, uint16_t b, std::initializer_list<uint16_t> ports)
{
    for (uint16_t p : ports)
        if (a == p || b == p)
            return true;
    return false;
}

bool onStunPort(const DecodedPacket& d)
{
    const TcpView tcp{d.at(d.transportOffset)};
    return tcp.srcPort() == kStunPort || tcp.dstPort() == kStunPort;
}

bool onRtspPort(const DecodedPacket& d)
{
    const TcpView tcp{d.at(d.transportOffset)};
    return isRtspPort(tcp.srcPort(), tcp.dstPort());
}

bool onRdpPort(const DecodedPacket& d)
{
    const TcpView tcp{d.at(d.transportOffset)};
    return isRdpPort(tcp.srcPort(), tcp.dstPort());
}

// SSH-2 before its side's NEWKEYS (or for good, its KEXINIT never read): binary packets that
// tshark's SSH reassembles by their length.
bool sshClearText(uint8_t kind)
{
    return ConversationProtocols::isSsh(kind) && (kind & 0x03) == ConversationProtocols::Ssh2
        && !(kind & ConversationProtocols::KeysChanged);
}

bool startsSshBanner(const uint8_t* p, size_t n)
{
    return n >= 4 && std::memcmp(p, "SSH-", 4) == 0;
}

bool onXmppPort(const DecodedPacket& d)
{
    const TcpView tcp{d.at(d.transportOffset)};
    return tcp.srcPort() == kXmppPort || tcp.dstPort() == kXmppPort;
}

bool isLoopback4(const DecodedPacket& d)
{
    if (d.net != NetLayer::IPv4)
        return false;
    const Ipv4View ip{d.at(d.netOffset)};
    return (ip.src()[0] == 127 && ip.src()[3] == 1) || (ip.dst()[0] == 127 && ip.dst()[3] == 1);
}

// An SMB message up to 128 KiB is kept whole (a Trans2 response's most, with its header): one
// per direction while it is incoming.
constexpr uint32_t kNbssKeep = 128 * 1024 + 4;

PduFraming lengthFraming(Framer f, const uint8_t* p, size_t n)
{
    switch (f) {
    case Tls:
        if (n < 5)
            return {PduFraming::NeedMore, 0};
        return {PduFraming::Length, (uint32_t(p[3]) << 8 | p[4]) + 5u};
    case Dns:
        if (n < 2)
            return {PduFraming::NeedMore, 0};
        return {PduFraming::Length, (uint32_t(p[0]) << 8 | p[1]) + 2u};
    case Mysql:
        if (n < 3)
            return {PduFraming::NeedMore, 0};
        return {PduFraming::Length, (uint32_t(p[2]) << 16 | p[1] << 8 | p[0]) + 4u};
    case Drda: { // each DSS by its 16-bit length, which counts its 6-byte header
        if (n < 2)
            return {PduFraming::NeedMore, 0};
        const uint32_t len = uint32_t(p[0]) << 8 | p[1];
        return len < 6 ? PduFraming{} : PduFraming{PduFraming::Length, len};
    }
    case Lbmsrs:
        if (n < 3)
            return {PduFraming::NeedMore, 0};
        return {PduFraming::Length, (uint32_t(p[0]) << 16 | p[1] << 8 | p[2]) + 3u};
    case Mqtt: { // the type, then one to four bytes of remaining length
        const uint32_t len = mqttMessageLength(p, n);
        return len ? PduFraming{PduFraming::Length, len} : n < 5 ? PduFraming{PduFraming::NeedMore, 0} : PduFraming{};
    }
    case Pgsql: { // a type letter and a 32-bit length (a client's first messages: the length alone)
        if (n == 1 && (p[0] == 'N' || p[0] == 'S'))
            return {PduFraming::Length, 1}; // the server's answer to an SSL request: one byte
        const uint32_t len = pgsqlMessageLength(p, n);
        return len >= 4 ? PduFraming{PduFraming::Length, len} : len == 0 ? PduFraming{PduFraming::NeedMore, 0} : PduFraming{};
    }
    case Ldap: { // a BER SEQUENCE; tshark reads its length once it has seven bytes
        const uint32_t len = n >= 7 ? ldapMessageLength(p, n) : 0;
        return len ? PduFraming{PduFraming::Length, len} : n < 7 ? PduFraming{PduFraming::NeedMore, 0} : PduFraming{};
    }
    case Stun: // a STUN header's, ChannelData's or RFC 4571's length (stuninfo.h)
        return n < 4 ? PduFraming{PduFraming::NeedMore, 0} : PduFraming{PduFraming::Length, stunMessageLength(p, n)};
    case Bgp: { // the marker, then a 16-bit length that counts the 19-byte header
        const uint32_t len = bgpMessageLength(p, n);
        return len >= 19 ? PduFraming{PduFraming::Length, len} : n < 19 ? PduFraming{PduFraming::NeedMore, 0} : PduFraming{};
    }
    case Memcache: { // a line, and the data block it announces; else all of the segment
        bool needMore = false;
        const size_t len = memcacheMessageLength(p, n, needMore);
        return needMore ? PduFraming{PduFraming::NeedMore, 0} : PduFraming{PduFraming::Length, uint32_t(len)};
    }
    case Amqp: { // a frame's 7-byte header gives its length (the protocol header is 8 bytes)
        const uint32_t len = amqpFrameLength(p, n);
        return len ? PduFraming{PduFraming::Length, len} : PduFraming{PduFraming::NeedMore, 0};
    }
    case Rtsp: { // an interleaved frame's length; a request's or reply's headers and body
        bool needMore = false;
        const uint32_t len = rtspMessageLength(p, n, needMore);
        return needMore ? PduFraming{PduFraming::NeedMore, 0} : len ? PduFraming{PduFraming::Length, len} : PduFraming{};
    }
    case Xmpp: // a lone space is a keep-alive; else everything until the last byte not blank is '>'
        return (n == 1 && p[0] == ' ') || !xmppWantsMore(p, n) ? PduFraming{PduFraming::Length, uint32_t(n)}
                                                                : PduFraming{PduFraming::NeedMore, 0};
    case Nbss: // a 4-byte header: the type, then a 24-bit length; SMB's find responses are named by all their entries
        return n < 4 ? PduFraming{PduFraming::NeedMore, 0} : PduFraming{PduFraming::Length, nbssMessageLength(p, n, true), kNbssKeep};
    case Tpkt: { // version 3, then a 16-bit length that counts the 4-byte header
        bool needMore = false;
        const uint32_t len = tpktLength(p, n, needMore);
        return needMore ? PduFraming{PduFraming::NeedMore, 0} : len ? PduFraming{PduFraming::Length, len} : PduFraming{};
    }
    case Ssh: { // a binary packet's 32-bit length, which does not count itself (sshAsksAgain)
        if (n < 4)
            return {PduFraming::NeedMore, 0};
        const uint32_t len = loadBe32(p) + 4u;
        // A length tshark's reassembly never finds its end by (sequence numbers wrap at 2^31) leaves
        // the segment to itself, as a wrapped-around one does.
        return len < 5 || int32_t(len) < 0 ? PduFraming{} : PduFraming{PduFraming::Length, len, std::min<uint32_t>(len, 64 * 1024)};
    }
    case Sip: { // its header, then Content-Length bytes
        bool needMore = false;
        const uint32_t len = sipMessageLength(p, n, needMore);
        return needMore ? PduFraming{PduFraming::NeedMore, 0} : len ? PduFraming{PduFraming::Length, len} : PduFraming{};
    }
    case Http: return httpFraming(p, n, false);
    case HttpText: // text on an HTTP port that is not HTTP: its first line, read to its end
        return httpLineFraming(p, n);
    default: return {};
    }
}

bool isTlsName(std::string_view name)
{
    return name.starts_with("TLS") || name.starts_with("SSL");
}

// Chooses the protocol for data of one segment the way its Protocol column would name it.
class SegmentFramer final : public PduFramer {
public:
    SegmentFramer(const DecodedPacket& d, const uint8_t* payload, uint8_t kind) : d_(d), payload_(payload), kind_(kind) {}

    PduFraming begin(const uint8_t* p, size_t n, uint8_t& protocol) const override
    {
        static const PacketRecord plain;
        const ProtocolSummary s = summarizeProtocol(d_, plain, 0, kind_, uint32_t(p - payload_));
        Framer f = None;
        if (onRdpPort(d_))
            f = n && p[0] == 3 ? Tpkt : None; // what is not a TPKT is shown segment by segment
        else if (onRtspPort(d_))
            f = Rtsp; // whatever the segment holds: tshark's RTSP takes the port
        else if (onXmppPort(d_) && (kind_ & 0x7f) != ConversationProtocols::XmppTls && (kind_ & 0x70) != ConversationProtocols::TlsBase)
            f = Xmpp; // its XML; after <proceed/>, TLS's records (below)
        else if (s.protocol.starts_with("AMQP") && (kind_ & 0x7f) == ConversationProtocols::Amqp09)
            f = Amqp;
        else if (s.protocol == "HTTP" || s.protocol.starts_with("HTTP/") || s.protocol == "OCSP")
            f = Http;
        else if (s.protocol == "SSHv2" && sshClearText(kind_) && !startsSshBanner(p, n) && !afterNewKeys(p))
            f = Ssh;
        else if (isTlsName(s.protocol))
            f = n < 5 || (p[0] >= 20 && p[0] <= 24 && p[1] == 3) ? Tls : None; // fewer than 5 bytes: TLS waits for its header
        else if (s.protocol == "DNS")
            f = Dns;
        else if (s.protocol.starts_with("SIP") && s.info != "Continuation")
            f = Sip;
        else if (s.protocol == "MySQL") // a connection switched to TLS carries records
            f = n >= 5 && p[0] >= 20 && p[0] <= 23 && p[1] == 3 && p[2] <= 4 ? Tls : Mysql;
        else if (s.protocol == "DRDA")
            f = Drda;
        else if (s.protocol == "MQTT")
            f = Mqtt;
        else if (s.protocol == "SMB2" || s.protocol == "SMB" || (s.protocol == "NBSS" && s.info != "NBSS Continuation Message"))
            f = Nbss;
        else if (s.protocol == "PGSQL")
            f = Pgsql;
        else if (s.protocol == "LDAP")
            f = Ldap;
        else if (s.protocol == "MEMCACHE")
            f = Memcache;
        else if (s.protocol == "BGP" && n >= 16 && p[0] == 0xff)
            f = Bgp;
        else if (s.protocol == "STUN" || s.protocol == "CLASSIC-STUN" || (s.protocol == "TCP" && onStunPort(d_)))
            f = Stun; // framed on its port even where STUN takes no message
        else if ((s.protocol == "TCP" || s.protocol == "MPTCP") && looksLikeLbmsrs(d_, p, n))
            f = Lbmsrs;
        else if (s.protocol == "TCP" && httpTextOnHttpPort(d_, p, n, kind_))
            f = HttpText; // tshark's HTTP waits for the end of a first line that starts with text
        protocol = f;
        if (f == Http)
            return httpFraming(p, n, true);
        return f == None ? PduFraming{} : lengthFraming(f, p, n);
    }
    PduFraming more(uint8_t protocol, const uint8_t* p, size_t n) const override { return lengthFraming(Framer(protocol), p, n); }

private:
    // A NEWKEYS came before `p` in the segment: what follows is encrypted, not framed.
    bool afterNewKeys(const uint8_t* p) const { return p != payload_ && sshNewKeysBefore(payload_, size_t(p - payload_), size_t(p - payload_)); }

    const DecodedPacket& d_;
    const uint8_t* payload_;
    uint8_t kind_;
};

// The summary of application bytes that are not the segment's own: the segment's headers
// with `app` then `zeros` zero bytes as its payload, summarised as tshark summarises a
// reassembled message. Built in `buf`, whose first `dirty` bytes are all that may not be zeros.
// With reassembly on, an HTTP body's dissector reading past the body is a malformed packet
// (without it, the body is taken for part of one that was not reassembled).
void bodyReadPastReassembled(ProtocolSummary& s)
{
    if (s.httpReadPast && s.info.ends_with(kUnreassembled))
        s.info.replace(s.info.size() - std::strlen(kUnreassembled), std::string::npos, kMalformed);
}

ProtocolSummary summarizeBytes(const DecodedPacket& d, std::string_view app, size_t zeros, uint8_t kind,
                               std::vector<uint8_t>& buf, size_t& dirty, TlsHandshakeCarry* tlsCarry = nullptr)
{
    const uint32_t start = d.transportOffset + d.tcpHeaderLen;
    const size_t written = start + app.size(), total = written + zeros;
    if (buf.size() < total)
        buf.resize(total); // the new bytes are zeros
    std::memcpy(buf.data(), d.frame.data(), start);
    std::memcpy(buf.data() + start, app.data(), app.size());
    if (dirty > written)
        std::memset(buf.data() + written, 0, dirty - written);
    dirty = written;
    DecodedPacket copy = d;
    copy.frame = std::span<const uint8_t>(buf.data(), total);
    copy.reportedLen = uint32_t(total);
    copy.tcpPayloadLen = uint32_t(app.size() + zeros);
    if (zeros)
        copy.standInFrom = uint32_t(written);
    static const PacketRecord plain;
    ProtocolSummary s = summarizeProtocol(copy, plain, 0, kind, 0, tlsCarry);
    if ((s.protocol == "TCP" || s.protocol == "MPTCP") && looksLikeLbmsrs(copy, copy.at(start), app.size() + zeros)) {
        s.protocol = "LBMSRS";
        s.info = rsocketFrameName(copy.at(start)[7] >> 2);
    }
    return s;
}

} // namespace

uint8_t tcpDirectionBit(const DecodedPacket& d)
{
    const TcpView tcp{d.at(d.transportOffset)};
    const uint16_t sp = tcp.srcPort(), dp = tcp.dstPort();
    if (sp != dp)
        return sp > dp ? 1 : 0;
    const uint8_t* ip = d.at(d.netOffset);
    return (d.net == NetLayer::IPv6 ? std::memcmp(ip + 8, ip + 24, 16) : std::memcmp(ip + 12, ip + 16, 4)) > 0 ? 1 : 0;
}

bool DesegmentedView::worthLearning(const DecodedPacket& d, uint8_t kind) const
{
    if (candidate(d, kind))
        return true;
    if (d.transport != TransportLayer::Tcp || !d.tcpHeaderValid || d.tcpPayloadLen == 0)
        return false;
    // DRDA's heuristic claims any port: a segment that opens with a DSS header, and once one
    // ran across segments, every data segment (its later ones start anywhere).
    const uint32_t payload = d.transportOffset + d.tcpHeaderLen;
    if (drdaSeen_ || sipSeen_ || (d.tcpPayloadLen >= 10 && payload + 10 <= d.frame.size() && d.frame[payload + 2] == 0xd0))
        return true;
    // So does SIP's: a segment that opens with a request or status line, and once a message ran
    // across segments, every data segment.
    if (payload >= d.frame.size() || d.frame[payload] < 'A' || d.frame[payload] > 'Z')
        return false;
    const size_t head = std::min<size_t>({d.tcpPayloadLen, d.frame.size() - payload, 512});
    return startsSipMessage({reinterpret_cast<const char*>(d.at(payload)), head});
}

bool DesegmentedView::candidate(const DecodedPacket& d, uint8_t kind)
{
    if (d.transport != TransportLayer::Tcp || !d.tcpHeaderValid)
        return false;
    const TcpView tcp{d.at(d.transportOffset)};
    if (tcp.flags() & TcpRst)
        return false;
    if (d.tcpPayloadLen == 0 && !(tcp.flags() & TcpFin))
        return false;
    if (sshClearText(kind))
        return true;
    kind &= 0x7f;
    if (kind == ConversationProtocols::Http || kind == ConversationProtocols::HttpRepliesOnly || (kind & 0xf0) == ConversationProtocols::TlsBase)
        return true;
    const uint16_t sp = tcp.srcPort(), dp = tcp.dstPort();
    return isHttpPort(sp, dp) || onPort(sp, dp, {kDnsPort, kMysqlPort, kMqttPort, kPgsqlPort, kLdapPort, kLdapGlobalCatalogPort, kMemcachePort, kBgpPort, kStunPort})
        || isTlsPort(sp, dp) || isSmbPort(sp, dp) || isRdpPort(sp, dp) || isRtspPort(sp, dp) || onPort(sp, dp, {kAmqpPort, kXmppPort, kSipPort})
        || isLoopback4(d);
}

void DesegmentedView::learn(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a, uint8_t kind,
                            const RtspChannels* rtsp, AmqpChannelTypes* amqp, const Smb2Conversations* smb2)
{
    const bool outOfOrder = a.valid && (a.flags & TcpNotHandedOnReassembled) == TcpOutOfOrder;
    if (!a.valid || ((a.flags & TcpNotHandedOnReassembled) && !outOfOrder))
        return;
    const uint32_t start = d.transportOffset + d.tcpHeaderLen;
    const size_t captured = start < d.frame.size() ? std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start) : 0;
    if (captured < d.tcpPayloadLen)
        return; // cut by the snapshot length: nothing to reassemble with
    if (outOfOrder) {
        if (reassembly_.anyWaited())
            reassembly_.addOutOfOrder({frame, a.stream, tcpDirectionBit(d), a.seq, nullptr, d.tcpPayloadLen});
        return;
    }
    PduReassembly::Segment s;
    s.frame = frame;
    s.stream = a.stream;
    s.direction = tcpDirectionBit(d);
    s.seq = a.seq;
    s.data = d.tcpPayloadLen ? d.at(start) : nullptr;
    s.len = d.tcpPayloadLen;
    s.fin = TcpView{d.at(d.transportOffset)}.flags() & TcpFin;
    s.sentBefore = a.flags & TcpAnyRetransmission;
    s.oldDataReadAgain = sshClearText(kind);
    const SegmentFramer framer(d, s.data, kind);
    const PduReassembly::Outcome out = reassembly_.add(s, framer);
    drdaSeen_ = drdaSeen_ || (out.protocol == Drda && (out.role == PduReassembly::Outcome::PartOfPdu || out.role == PduReassembly::Outcome::Shows));
    sipSeen_ = sipSeen_ || (out.protocol == Sip && out.role == PduReassembly::Outcome::PartOfPdu);
    switch (out.role) {
    case PduReassembly::Outcome::OldData:
        if (out.restAfterHoled && out.protocol == Http) {
            // TCP notes the segment; HTTP, called for the rest after TCP's fence, writes its line.
            ProtocolSummary rest = summarizeBytes(d, {reinterpret_cast<const char*>(s.data) + out.from, s.len - out.from}, 0, kind,
                                                  scratch_, scratchDirty_);
            if (rest.protocol.starts_with("HTTP")) {
                ProtocolSummary shown;
                shown.protocol = "TCP";
                shown.info = std::move(rest.info);
                shown.keepsTcpInfo = true;
                shown.pduNote = PduNote::SegmentThenRest;
                shown.pduLayers = "http\n";
                shown_.emplace_back(frame, std::move(shown));
                break;
            }
        }
        oldData_.push_back(frame);
        break;
    case PduReassembly::Outcome::Untouched: {
        if (s.len && isHttpRequest({reinterpret_cast<const char*>(s.data), s.len}) 
            && ((kind & 0x7f) == ConversationProtocols::Http || (kind & 0x7f) == ConversationProtocols::HttpRepliesOnly))
            markHttpRequest(a.stream); // whole in its segment
        // Whole TLS records shown as the segment's own: its handshake records still carry the side's
        // gathering on (viewOfFrame reads the frame with what it began with).
        const TcpView tcp{d.at(d.transportOffset)};
        if (!s.len || ((kind & 0x70) != ConversationProtocols::TlsBase && (kind & 0x7f) != ConversationProtocols::XmppTls
                       && !isTlsPort(tcp.srcPort(), tcp.dstPort())))
            break;
        const uint64_t side = uint64_t(a.stream) << 1 | s.direction;
        const auto carried = tlsCarry_.find(side);
        if (carried == tlsCarry_.end() && !tlsHasHandshakeRecord(s.data, s.len))
            break;
        TlsHandshakeCarry carry = carried == tlsCarry_.end() ? TlsHandshakeCarry{} : carried->second;
        if (carry.active)
            tlsCarryAt_.emplace(frame, carry);
        static const PacketRecord plain;
        summarizeProtocol(d, plain, a.flags, kind, 0, &carry);
        if (carry.active)
            tlsCarry_[side] = carry;
        else if (carried != tlsCarry_.end())
            tlsCarry_.erase(carried);
        break;
    }
    case PduReassembly::Outcome::Shows: {
        // Each message is dissected on its own, the reassembled one first: TLS names every
        // record ("Application Data, Application Data, Application Data").
        const std::string_view rest(reinterpret_cast<const char*>(s.data) + out.from, out.to - out.from);
        if (out.protocol == Tls && !out.completed.empty()) {
            const int minor = tlsServerHelloMinor(reinterpret_cast<const uint8_t*>(out.completed.data()), out.completed.size());
            if (minor >= 0 && minor <= 4)
                tlsVersions_[a.stream] = uint8_t(minor);
        }
        const std::string_view message = out.completed.empty() ? rest : out.completed;
        if (out.protocol == Http && (isHttpRequest(message) || isHttpRequest(rest)))
            markHttpRequest(a.stream);
        size_t padding = 0;
        // (A TLS record completed by a resend keeps only what came before the hole: its content
        // is named by its type, but a handshake's messages need their bytes.)
        const bool tlsNotHandshake = out.protocol == Tls && !out.completed.empty() && out.completed[0] != 22;
        if (!out.completed.empty() && !out.completedWhole && (out.protocol == Http || out.protocol == Drda || tlsNotHandshake)) {
            // Only the message's start was kept, but it was whole: its body stands in at its
            // length (for a compressed one, which tshark names only when it has all of it).
            const auto ended = reassembly_.pdusEndingAt(frame);
            const uint32_t length = ended.empty() ? 0 : ended.back()->endSeq - ended.back()->startSeq;
            if (length > message.size() && length <= kPaddedBodyMax)
                padding = length - message.size();
        }
        // TLS handshake messages are gathered across records, the side's carry going from one to the next.
        const uint64_t side = uint64_t(a.stream) << 1 | s.direction;
        const auto carried = out.protocol == Tls ? tlsCarry_.find(side) : tlsCarry_.end();
        TlsHandshakeCarry carry = carried == tlsCarry_.end() ? TlsHandshakeCarry{} : carried->second;
        ProtocolSummary first = summarizeBytes(d, message, padding, kind, scratch_, scratchDirty_,
                                               out.protocol == Tls && !out.completed.empty() ? &carry : nullptr);
        if (out.protocol == Drda && !out.completed.empty() && !rest.empty() && first.protocol == "DRDA") {
            // The DSSs that follow the reassembled one in this segment, named after it.
            const ProtocolSummary next = summarizeBytes(d, rest, 0, kind, scratch_, scratchDirty_);
            if (next.protocol == "DRDA" && !next.info.empty())
                first.info += " | " + next.info;
        }
        if (out.protocol == Http && !out.completed.empty() && first.protocol != "TCP" && out.from < s.len) {
            // What follows the reassembled message in its last segment is read as the next one:
            // inside the reassembled bytes when its header ended in this segment (tshark asked for
            // one more segment and got all of it), on its own after them when the body it waited
            // for by length ended here.
            appendHttpFollowing(first, {reinterpret_cast<const char*>(s.data) + out.from, s.len - out.from},
                                (kind & 0x7f) == ConversationProtocols::Http || isHttpRequest(out.completed));
            const size_t header = httpHeaderEnd(out.completed);
            const auto ended = reassembly_.pdusEndingAt(frame);
            const size_t length = ended.empty() ? out.completed.size() : ended.back()->endSeq - ended.back()->startSeq;
            first.repeatsAfterPdu = first.repeats && header != std::string_view::npos && header + out.from <= length;
        } else if (out.protocol == Http && out.completed.empty() && first.protocol != "TCP" && out.to < s.len) {
            // A message that begins after the whole ones and waits for more: its first line is written first.
            appendHttpFollowing(first, {reinterpret_cast<const char*>(s.data) + out.to, s.len - out.to},
                                (kind & 0x7f) == ConversationProtocols::Http || isHttpRequest(rest));
        }
        bodyReadPastReassembled(first); // (the messages that followed read too)
        if (out.protocol == Ldap) {
            // Each message its own call, joined by LDAP's separator; every entry read whole counts.
            if (!out.completed.empty() && !rest.empty() && first.protocol == "LDAP")
                if (const ProtocolSummary next = summarizeBytes(d, rest, 0, kind, scratch_, scratchDirty_); next.protocol == "LDAP")
                    first.info += " | " + next.info;
            countLdapEntries(a.stream, out.completed); // the rest was whole in its segment: counted there
        }
        if (out.protocol == Bgp && !out.completed.empty() && !rest.empty() && first.protocol == "BGP")
            if (const ProtocolSummary next = summarizeBytes(d, rest, 0, kind, scratch_, scratchDirty_); !next.info.empty())
                first.info += ", " + next.info;
        if (out.protocol == Sip && !out.completed.empty() && !rest.empty() && first.protocol.starts_with("SIP")) {
            // SIP asked for one more segment while its header had not ended, and reads all of it in
            // one call (the last message names the row); for the rest of a body it asked for just
            // that, and what follows is a call of its own, after TCP's fence.
            const size_t header = out.completed.find("\r\n\r\n");
            const auto ended = reassembly_.pdusEndingAt(frame);
            const size_t length = ended.empty() ? out.completed.size() : ended.back()->endSeq - ended.back()->startSeq;
            if (header == std::string_view::npos || header + 4 + out.from > length) {
                first = summarizeBytes(d, std::string(out.completed) + std::string(rest), 0, kind, scratch_, scratchDirty_);
            } else if (const ProtocolSummary next = summarizeBytes(d, rest, 0, kind, scratch_, scratchDirty_); next.protocol.starts_with("SIP")) {
                first.info += next.info;
                first.repeats = uint8_t(std::min(255, first.repeats + 1 + next.repeats));
                first.repeatsAfterPdu = true;
            }
        }
        if (out.protocol == Memcache && !out.completed.empty() && !rest.empty() && first.protocol == "MEMCACHE")
            if (const ProtocolSummary next = summarizeBytes(d, rest, 0, kind, scratch_, scratchDirty_); next.protocol == "MEMCACHE")
                first.info += next.info; // the rest of the segment is one more call, after memcache's fence
        if (out.protocol == Stun && !out.completed.empty() && !rest.empty() && first.protocol.find("STUN") != std::string::npos)
            if (const ProtocolSummary next = summarizeBytes(d, rest, 0, kind, scratch_, scratchDirty_);
                next.protocol.find("STUN") != std::string::npos)
            {
                first.info += next.info; // the messages after the reassembled one: after TCP's fence
                first.pduLayers += next.pduLayers;
            }
        if (out.protocol == Pgsql && !out.completed.empty() && !rest.empty() && first.protocol == "PGSQL") {
            // The messages after the reassembled one are a call of their own: "<D" then "<D/D";
            // unless the earlier segments did not hold the message's header, when tshark asked
            // for the whole next segment and reads it all in one call: "<D/D/D".
            if (out.completed.size() - std::min<size_t>(out.completed.size(), out.from) < 5) {
                const std::string joined = std::string(out.completed) + std::string(rest);
                first = summarizeBytes(d, joined, 0, kind, scratch_, scratchDirty_);
            } else if (const ProtocolSummary next = summarizeBytes(d, rest, 0, kind, scratch_, scratchDirty_); next.protocol == "PGSQL") {
                first.info += next.info;
            }
        }
        if (out.protocol == Nbss && smb2) {
            // Read with what the conversation's requests and Creates said; SMB2 clears the
            // column for each NBSS message, so the segment's last one names the row.
            const TcpView tcp{d.at(d.transportOffset)};
            const bool direct = isSmbDirect(tcp.srcPort(), tcp.dstPort());
            const std::string_view last = rest.empty() || !nbssStartsMessage(s.data + out.from, rest.size(), direct) ? message : rest;
            NbssSummary x = smb2->summary(a.stream, UINT64_MAX - 1, reinterpret_cast<const uint8_t*>(last.data()), last.size(),
                                          last.size(), direct, true, last.data() == message.data() && !out.completedWhole);
            if (!x.protocol.empty()) {
                first.protocol = std::move(x.protocol);
                first.info = std::move(x.info);
                first.pduLayers = std::move(x.layers);
            }
        }
        if (out.protocol == Tpkt) {
            // Each PDU its own call: the segment's last names the row, each adds its layers.
            TpktSummary x = tpktSummary(reinterpret_cast<const uint8_t*>(message.data()), message.size(), message.size(), true);
            if (!out.completed.empty() && !rest.empty()) {
                TpktSummary next = tpktSummary(s.data + out.from, rest.size(), rest.size(), true);
                x.protocol = std::move(next.protocol);
                x.info = std::move(next.info);
                x.layers += next.layers.substr(4);
            }
            first.protocol = std::move(x.protocol);
            first.info = std::move(x.info);
            first.pduLayers = std::move(x.layers);
        }
        if (out.protocol == Rtsp) {
            // The reassembled message, then the segment's own in a call of their own: after TCP's
            // fence, without a separator. Each with the conversation's channels.
            RtspSummary all;
            if (!out.completed.empty())
                all = rtspSummary(reinterpret_cast<const uint8_t*>(out.completed.data()), out.completed.size(),
                                  out.completed.size(), rtsp, true);
            if (!rest.empty() || out.completed.empty()) {
                RtspSummary next = rtspSummary(s.data + out.from, rest.size(), rest.size(), rtsp, true);
                all.info += next.info;
                if (!next.protocol.empty())
                    all.protocol = std::move(next.protocol);
                if (out.completed.empty()) {
                    all.keepsTcpInfo = next.keepsTcpInfo;
                    all.replacesTcpInfo = next.replacesTcpInfo;
                }
            }
            first.protocol = all.protocol.empty() ? "TCP" : all.protocol;
            first.info = std::move(all.info);
            first.keepsTcpInfo = all.keepsTcpInfo;
            first.replacesTcpInfo = all.protocol.empty() && !all.keepsTcpInfo;
        }
        if (out.protocol == Amqp && amqp) {
            // The reassembled frame, then the segment's own, each written after the one before.
            size_t completedLength = out.completed.size();
            if (!out.completed.empty() && !out.completedWhole) // only its start was kept: its length stands
                if (const auto ended = reassembly_.pdusEndingAt(frame); !ended.empty())
                    completedLength = std::max<size_t>(completedLength, ended.back()->endSeq - ended.back()->startSeq);
            const auto read = [&](std::string_view bytes, size_t length) {
                return amqp09Summary(reinterpret_cast<const uint8_t*>(bytes.data()), length, length, *amqp, true, bytes.size());
            };
            AmqpSummary all = out.completed.empty() ? read(rest, rest.size()) : read(out.completed, completedLength);
            if (!out.completed.empty() && !rest.empty()) {
                const AmqpSummary next = read(rest, rest.size());
                all.info += next.info;
                all.layers += next.layers;
                all.protocol += next.protocol.substr(4); // "/JSON" and such
            }
            first.protocol = std::move(all.protocol);
            first.info = std::move(all.info);
            first.pduLayers = std::move(all.layers);
            first.keepsTcpInfo = first.replacesTcpInfo = false;
        }
        if (isTlsName(first.protocol)) { // a record's header says where the next one starts, kept whole or not
            std::string_view records = out.completed.empty() ? std::string_view{} : rest;
            if (out.completed.empty()) { // the first record of `rest` was summarised alone
                const size_t len = rest.size() >= 5 ? 5 + (size_t(uint8_t(rest[3])) << 8 | uint8_t(rest[4])) : rest.size();
                first = summarizeBytes(d, rest.substr(0, len), 0, kind, scratch_, scratchDirty_, &carry);
                records = rest.substr(std::min(len, rest.size()));
            }
            while (records.size() >= 5) {
                const size_t len = std::min(records.size(), 5 + (size_t(uint8_t(records[3])) << 8 | uint8_t(records[4])));
                const ProtocolSummary next = summarizeBytes(d, records.substr(0, len), 0, kind, scratch_, scratchDirty_, &carry);
                const bool between = records[0] == 22 && next.info.empty(); // inside a gathered message: nothing to name
                if (!isTlsName(next.protocol) || (next.info.empty() && !between))
                    break;
                if (!next.info.empty())
                    first.info += (first.info.empty() ? "" : ", ") + next.info;
                records.remove_prefix(len);
            }
        }
        if (out.protocol == Tls) {
            if (carry.active)
                tlsCarry_[side] = carry;
            else if (carried != tlsCarry_.end())
                tlsCarry_.erase(carried);
        }
        shown_.emplace_back(frame, std::move(first));
        break;
    }
    default: break;
    }
}

void DesegmentedView::markHttpRequest(uint32_t stream)
{
    if (stream >= httpRequests_.size())
        httpRequests_.resize(size_t(stream) + 1);
    httpRequests_[stream] = true;
}

void DesegmentedView::countLdapEntries(uint32_t stream, std::string_view bytes)
{
    const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
    for (size_t off = 0; off < bytes.size();) {
        const uint32_t len = ldapMessageLength(p + off, bytes.size() - off);
        if (len == 0 || len > bytes.size() - off)
            return;
        if (ldapSearchEntry(p + off, len))
            ++ldapEntries_[stream];
        off += len;
    }
}

const ProtocolSummary* DesegmentedView::shownAt(uint32_t frame) const
{
    const auto it = std::lower_bound(shown_.begin(), shown_.end(), frame, [](const auto& e, uint32_t f) { return e.first < f; });
    return it != shown_.end() && it->first == frame ? &it->second : nullptr;
}

bool DesegmentedView::segmentOfPdu(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a) const
{
    if (!a.valid || d.tcpPayloadLen == 0 || (a.flags & TcpNotHandedOnReassembled))
        return false;
    const TcpPdu* pdu = reassembly_.pduAt(a.stream, tcpDirectionBit(d), a.seq);
    return pdu && frame >= pdu->firstFrame && frame != pdu->lastFrame;
}

bool DesegmentedView::unfinishedHttpTail(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a, std::string& line) const
{
    const std::string* head = reassembly_.unfinishedTail(a.stream, tcpDirectionBit(d), frame);
    if (!head || !startsHttpMessage(*head))
        return false;
    size_t length = 0;
    if (httpLineEnd(*head, 0, length) == std::string::npos)
        return false;
    line = head->substr(0, length) + ' ';
    return true;
}

bool DesegmentedView::overlapsPdu(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a) const
{
    // An out-of-order segment or a keep-alive's byte inside a message reassembly had begun
    // is added to it and clashes with the bytes it holds; one at the message's start is not.
    if (!a.valid || d.tcpPayloadLen == 0 || !(a.flags & (TcpOutOfOrder | TcpKeepAlive)) || (a.flags & TcpRetransmission))
        return false;
    const TcpPdu* pdu = reassembly_.pduAt(a.stream, tcpDirectionBit(d), a.seq);
    // (A waiting message took the segment whole: no clash.)
    return pdu && frame > pdu->firstFrame && a.seq != pdu->startSeq
        && !endsWaitingPdu(frame, d, a);
}

bool DesegmentedView::pastWaitingPdu(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a) const
{
    if (!a.valid || d.tcpPayloadLen == 0 || !reassembly_.anyWaited())
        return false;
    const TcpPdu* pdu = reassembly_.pduAt(a.stream, tcpDirectionBit(d), a.seq);
    return pdu && pdu->waits && a.seq == pdu->endSeq && frame > pdu->firstFrame && frame < reassembly_.lastFrameTaken(*pdu);
}

bool DesegmentedView::endsWaitingPdu(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a) const
{
    if (!a.valid || d.tcpPayloadLen == 0 || !reassembly_.anyWaited())
        return false;
    const TcpPdu* pdu = reassembly_.pduAt(a.stream, tcpDirectionBit(d), a.seq);
    return pdu && reassembly_.lastFrameTaken(*pdu) == frame;
}

// A TCP payload cut by the snapshot length is never reassembled.
static bool payloadCut(const DecodedPacket& d)
{
    const uint32_t payload = d.transportOffset + d.tcpHeaderLen;
    return d.tcpPayloadLen && (payload >= d.frame.size() || d.frame.size() - payload < d.tcpPayloadLen);
}

PduNote tcpReassemblyError(uint32_t frame, const DecodedPacket& d, const TcpPacketAnalysis& a,
                           const ConversationProtocols* protocols)
{
    if (!protocols || !a.valid || d.transport != TransportLayer::Tcp || !d.tcpHeaderValid || payloadCut(d))
        return PduNote::None;
    // The same tests, in the other order, as summarizeFrameView's: overlapsPdu is the cheap one.
    const DesegmentedView& view = protocols->view();
    if (view.pastWaitingPdu(frame, d, a) && !view.shownAt(frame))
        return PduNote::PastLimitsError;
    if (view.overlapsPdu(frame, d, a) && !view.shownAt(frame) && !view.oldData(frame) && !view.segmentOfPdu(frame, d, a))
        return PduNote::OverlapError;
    return PduNote::None;
}

// A segment shown on its own whose first SSH packet runs past it: the framing above took every
// other such packet, so its length is one tshark's reassembly never finds the end of
// (lengthFraming). Each pass hands the segment to SSH again, which asks for more; SSH cleared the
// Info column, so TCP's note stands alone.
static bool sshAsksAgain(const DecodedPacket& d, const TcpPacketAnalysis& a, const PacketRecord& rec, const ConversationProtocols& protocols)
{
    const uint8_t kind = protocols.kindAt(protocols.viewKindOf(a.stream), a.stream, tcpDirectionBit(d), rec.offset, true);
    const uint32_t start = d.transportOffset + d.tcpHeaderLen;
    if (!sshClearText(kind) || start >= d.frame.size())
        return false;
    const uint8_t* p = d.at(start);
    const size_t n = std::min<size_t>(d.tcpPayloadLen, d.frame.size() - start);
    return !startsSshBanner(p, n) && (n < 4 || loadBe32(p) + 4u > n);
}

static ProtocolSummary viewOfFrame(uint32_t frame, const DecodedPacket& d, const PacketRecord& rec, const TcpPacketAnalysis* a,
                                   const ConversationProtocols* protocols, bool desegment)
{
    if (!desegment || !protocols)
        return summarizeFrame(d, rec, a, protocols);
    const bool tcp = a && a->valid && d.transport == TransportLayer::Tcp && d.tcpHeaderValid;
    if (!tcp)
        return summarizeFrame(d, rec, a, protocols);
    if (payloadCut(d))
        return summarizeFrame(d, rec, a, protocols, false);
    const DesegmentedView& view = protocols->view();
    if (const ProtocolSummary* shown = view.shownAt(frame)) {
        ProtocolSummary s = *shown;
        // tshark's second pass names every record by the version the conversation settled on.
        const uint8_t kind = protocols->viewKindOf(a->stream) & 0x7f;
        if ((kind & 0xf0) == ConversationProtocols::TlsBase && isTlsName(s.protocol))
            if (const char* v = tlsVersionName(kind & 0x0f))
                s.protocol = v;
        if (s.protocol == "LDAP")
            fillLdapResults(s.info, protocols->ldapEntries(a->stream, true));
        nameGtpPayload(s, d);
        return s;
    }
    if (view.pastWaitingPdu(frame, d, *a)) {
        ProtocolSummary s = summarizeProtocol(d, rec, TcpRetransmission, 0, 0);
        s.pduNote = PduNote::PastLimitsError;
        return s;
    }
    const bool old = view.oldData(frame), segment = !old && view.segmentOfPdu(frame, d, *a);
    if (!old && !segment && !(a->flags & TcpSpuriousRetransmission)) {
        ProtocolSummary s = summarizeFrame(d, rec, a, protocols, false, view.tlsCarryAt(frame));
        bodyReadPastReassembled(s);
        if (s.protocol == "SSHv2" && sshAsksAgain(d, *a, rec, *protocols)) {
            // A copy of such a segment meets the message its original began: plain TCP.
            s = summarizeProtocol(d, rec, TcpRetransmission, 0, 0);
            if (!(a->flags & TcpAnyRetransmission)) {
                s.info = "[TCP segment of a reassembled PDU]";
                s.replacesTcpInfo = true;
                s.pduLayers = "ssh\n"; // SSH's tree is in the frame
            }
            return s;
        }
        if (view.overlapsPdu(frame, d, *a))
            s.pduNote = PduNote::OverlapError;
        return s;
    }
    ProtocolSummary s = summarizeProtocol(d, rec, TcpRetransmission, 0, 0); // TCP or MPTCP, no application
    s.pduNote = segment ? PduNote::Segment : PduNote::None;

    if (segment && view.unfinishedHttpTail(frame, d, *a, s.info))
        s.pduNote = PduNote::SegmentAfterLine;
    return s;
}

} // namespace synflow

namespace synflow {

// TCP fences its analysis tags off before handing the payload on, so they stay in front of
// whatever an application protocol writes. TLS appends its records with a separator, so a ", "
// follows the tags; the others set their text after them. SSH places the tags itself.
static void tagApplicationInfo(ProtocolSummary& s, const TcpPacketAnalysis& a)
{
    std::string_view name = s.protocol;
    if (name.starts_with("GTP <"))
        name.remove_prefix(5);
    if (name == "TCP" || name == "MPTCP" || name.starts_with("SSH") || s.keepsTcpInfo)
        return; // (TCP's Info carries the tags)
    std::string tags;
    appendTcpAnalysisTags(tags, a);
    if (tags.empty())
        return;
    // (An exception that stopped TLS before its first record follows the tags directly.)
    const bool appends = isTlsName(name) && !s.info.starts_with(kSizeLimited) && !s.info.starts_with(kMalformed)
        && !s.info.starts_with(kUnreassembled);
    s.info = tags + (appends ? ", " : "") + s.info;
}

ProtocolSummary summarizeFrameView(uint32_t frame, const DecodedPacket& d, const PacketRecord& rec, const TcpPacketAnalysis* a,
                                   const ConversationProtocols* protocols, bool desegment)
{
    ProtocolSummary s = viewOfFrame(frame, d, rec, a, protocols, desegment);
    if (a && a->valid && d.transport == TransportLayer::Tcp)
        tagApplicationInfo(s, *a);
    return s;
}

} // namespace synflow
