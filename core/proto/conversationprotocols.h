#pragma once
// What an earlier pass learned about each TCP conversation's application protocol: HTTP seen
// on any port, the TLS version a ServerHello chose, the SSH version a banner announced. tshark's second pass knows these for
// every frame of the conversation, so its Protocol column names them throughout.
#include "decode/packetdecoder.h"
#include "proto/amqpinfo.h"
#include "proto/desegmentedview.h"
#include "proto/ftpdata.h"
#include "proto/icmpsummary.h"
#include "proto/pducontinuation.h"
#include "proto/quicinfo.h"
#include "proto/rtspinfo.h"
#include "proto/sdpmedia.h"
#include "proto/smb2info.h"
#include "proto/smtpdata.h"
#include "proto/sshpackets.h"
#include "proto/x11info.h"
#include "tcp/chunkedstore.h"

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace synflow {

class PacketIndex;
class TcpTracker;

// Ports on which tshark tries TLS first.
inline bool isTlsPort(uint16_t a, uint16_t b)
{
    for (uint16_t p : {443, 8443, 993, 995, 465, 636, 853})
        if (a == p || b == p)
            return true;
    return false;
}

// Google QUIC's public header with a version ("Q025"): in the flags form, after the connection
// ID; in the long form of later versions, right after the first byte.
bool hasGquicVersion(const uint8_t* p, size_t n);

// Whether the TLS records `p` starts with hold a ChangeCipherSpec.
bool tlsChangesCipherSpec(const uint8_t* p, size_t n);

// The version a TLS ServerHello record settles on (supported_versions if present, else
// server_version), or -1 if `p` does not start one.
int tlsServerHelloMinor(const uint8_t* p, size_t n);

class ConversationProtocols {
public:
    // Kinds; TlsBase | minor version (0x10..0x14). Learned marks a conversation that was seen.
    // Ssh1/Ssh2: the version an SSH banner announced.
    // Gquic: a UDP conversation in which a packet carried a Google QUIC version.
    // FtpData: a connection an FTP control connection announced (ftpdata.h).
    // Mqtt5: an MQTT connection whose CONNECT asked for version 5 (mqttinfo.h).
    // Amqp09: an AMQP connection whose protocol header (or a lone frame) says 0-9-1; AmqpOther:
    // 0-10 or 1.0 (amqpinfo.h).
    // XmppTls: a segment of an XMPP conversation after the server's <proceed/>, no TLS version
    // known (kindAt): TLS, as on TLS's ports.
    // Http: HTTP with a request seen; HttpRepliesOnly: only status lines (the capture started
    // after the request, or in the default view no request came whole), where tshark leaves
    // the segments that start no message to TCP.
    // KeysChanged: added to Ssh1/Ssh2 and TLS kinds for a segment its side sends after its
    // NEWKEYS or ChangeCipherSpec (kindAt): what follows is encrypted.
    // SshKexGex/SshKexEcdh: added to Ssh1/Ssh2 for the key exchange the KEXINITs chose
    // (sshpackets.h; neither: Diffie-Hellman); SshKexUnread until both were read whole.
    enum Kind : uint8_t { Unknown = 0, Http = 1, Ssh1 = 2, Ssh2 = 3, Gquic = 4, HttpRepliesOnly = 5, SshKexGex = 0x04,
                          SshKexEcdh = 0x08, SshKexUnread = 0x0c, SshKexMask = 0x0c, TlsBase = 0x10, FtpData = 0x20,
                          Mqtt5 = 0x21, Amqp09 = 0x22, AmqpOther = 0x23, XmppTls = 0x24, KeysChanged = 0x40, Learned = 0x80 };
    static bool isSsh(uint8_t kind) { return !(kind & 0x30) && ((kind & 0x03) == Ssh1 || (kind & 0x03) == Ssh2); }
    static SshKex sshKex(uint8_t kind)
    {
        switch (kind & SshKexMask) {
        case SshKexGex: return SshKex::Gex;
        case SshKexEcdh: return SshKex::Ecdh;
        case SshKexUnread: return SshKex::Unread;
        default: return SshKex::Dh;
        }
    }

    // Looks at one TCP segment of `stream` (in capture order).
    void learn(uint32_t stream, const DecodedPacket& d);
    uint8_t kindOf(uint32_t stream) const { return uint8_t(Learned | (stream < kinds_.size() ? kinds_[stream] : 0)); }
    // Whether a Server Hello of the stream was captured up to its cipher suite, which tells
    // tshark's TLS (in both passes) how to read a Client Key Exchange.
    bool tlsKexKnown(uint32_t stream) const { return tlsKexKnown_.contains(stream); }
    // The same in the default view, where a ServerHello that spans segments is reassembled and
    // its version names the conversation (tshark without reassembly never reads it).
    uint8_t viewKindOf(uint32_t stream) const;

    // The same for a frame the tracker has just processed, plus the message framing behind
    // tshark's "[Continuation to #N]" (pdus()); a frame outside any TCP stream goes to learnDatagram().
    void learn(uint32_t frame, const DecodedPacket& d, const TcpTracker& tracker, const PacketIndex& index);
    const PduContinuations& pdus() const { return pdus_; }
    // The TLS handshake message a segment's side was gathering when the segment (its record at
    // `recordOffset`) began, without reassembly; null: none.
    const TlsHandshakeCarry* tlsCarryAt(uint64_t recordOffset) const
    {
        const auto it = tlsCarryAt_.find(recordOffset);
        return it == tlsCarryAt_.end() ? nullptr : &it->second;
    }
    // `kind` (kindOf or viewKindOf) for one segment, whose record begins at `recordOffset`:
    // SSH's segments that follow their side's NEWKEYS in the capture, and TLS's that follow
    // their side's ChangeCipherSpec (copies of earlier ones too, as tshark's state goes), are
    // encrypted. An XMPP conversation is XMPP up to its <proceed/> and TLS after it.
    // `view`: the kind is viewKindOf's (tshark with reassembly, which reads a KEXINIT that spans
    // segments whole).
    uint8_t kindAt(uint8_t kind, uint32_t stream, uint8_t direction, uint64_t recordOffset, bool view = false) const;
    // TCP reassembly of application messages and the default view it gives (desegmentedview.h).
    const DesegmentedView& view() const { return view_; }
    const IcmpEchoes& echoes() const { return echoes_; }
    // An FTP data connection's setup, or null; the streams announced before they opened, in the
    // order they opened (their SYN is not in tcp.completeness: the tracker is told).
    const FtpDataChannel* ftpData(uint32_t stream) const { return ftp_.channelOf(stream); }
    const std::vector<uint32_t>& announcedStreams() const { return announced_; }
    // The LDAP search result entries tshark's second pass counts for the conversation; `view`:
    // with reassembly, where entries that spanned segments count too.
    uint32_t ldapEntries(uint32_t stream, bool view) const
    {
        return pdus_.ldapEntries(stream) + (view ? view_.ldapEntries(stream) : 0);
    }
    // What each X11 conversation's requests, replies and QueryExtensions left (x11info.h).
    const X11Conversations& x11() const { return x11_; }
    // What AMQP conversations' content headers said (the media type of each channel's bodies),
    // read segment by segment, and as reassembly puts frames together (`view`).
    const AmqpConversations& amqp(bool view) const { return view ? amqpView_ : amqp_; }
    // The interleaved channels an RTSP conversation's SETUP replies gave RTP and RTCP (null: none).
    const RtspChannels* rtspChannels(uint32_t stream) const
    {
        const auto it = rtsp_.find(stream);
        return it == rtsp_.end() ? nullptr : &it->second;
    }

    // Which SMTP client segments carry a message's data, and what the last one names (smtpdata.h).
    const SmtpMessages& smtp() const { return smtp_; }

    // What SMB2 conversations' requests and Creates said (smb2info.h).
    const Smb2Conversations& smb2() const { return smb2_; }

    // The RTP streams SIP's SDP bodies announced (sdpmedia.h).
    const SdpMedia& sdp() const { return sdp_; }

    // A packet outside any TCP stream (UDP conversations, by addresses and ports).
    void learnDatagram(const DecodedPacket& d);
    uint8_t kindOfDatagram(const DecodedPacket& d) const;
    // The search result entries a CLDAP datagram's UDP conversation holds in all (tshark's second pass).
    uint32_t cldapEntries(const DecodedPacket& d) const;
    // A datagram of a QUIC conversation (any port: tshark's heuristic, quicinfo.h) read with what
    // its connection's packets said; nothing when it is not QUIC. `unclaimed`: no port's
    // dissector named the datagram, so the heuristic may take it on its own.
    std::optional<QuicSummary> quicDatagram(const DecodedPacket& d, bool unclaimed) const;
    // The same datagram's packets for the detail tree; `connection` its connection's number
    // in the order the capture began them (-1: none).
    std::optional<QuicRead> quicPackets(const DecodedPacket& d, int64_t& connection) const;

private:
    struct QuicInput {
        const uint8_t* payload = nullptr;
        size_t captured = 0, reported = 0;
        bool fromClient = false;
        const QuicConnections::Connection* connection = nullptr;
    };
    bool quicInput(const DecodedPacket& d, bool unclaimed, QuicInput& in) const;
    void learnKeyChange(uint32_t stream, uint8_t kind, const DecodedPacket& d, uint64_t recordOffset);
    void learnTlsHandshake(uint32_t stream, const DecodedPacket& d, uint32_t analysisFlags, uint8_t kind, uint64_t recordOffset);
    void learnSshKex(uint32_t stream, const DecodedPacket& d, const uint8_t* p, size_t n);

    ChunkedStore<uint8_t, 16> kinds_;          // per stream (chunks: no doubling, may spill)
    std::unordered_set<uint32_t> tlsKexKnown_; // TLS streams only
    std::unordered_set<uint64_t> gquicFlows_;  // hashed UDP conversations
    std::unordered_map<uint64_t, uint32_t> cldapEntries_; // per hashed UDP conversation on 389
    std::unordered_map<uint32_t, RtspChannels> rtsp_; // per RTSP stream that named channels
    std::unordered_map<uint32_t, uint64_t> xmppTls_;  // XMPP stream -> record offset + 1 of its <proceed/>
    // Without reassembly: per (stream << 1 | direction) the TLS handshake message being gathered,
    // and per record offset the one a segment began with (only where one was).
    std::unordered_map<uint64_t, TlsHandshakeCarry> tlsCarry_, tlsCarryAt_;
    AmqpConversations amqp_, amqpView_;
    SdpMedia sdp_;
    Smb2Conversations smb2_;
    SmtpMessages smtp_;
    QuicConnections quic_;                     // by the same hashes, on any port
    // Per SSH or TLS stream and direction, the record offset + 1 of the frame with its first
    // NEWKEYS or ChangeCipherSpec (0: none seen).
    std::unordered_map<uint32_t, std::array<uint64_t, 2>> keyChanges_;
    // Each side's KEXINIT until both are read: the method list as one segment holds it (what
    // tshark reads without reassembly) and as the side's bytes in order make it (the default view).
    struct SshKexInits {
        std::string bytes[2];
        uint32_t nextSeq[2] = {0, 0};
        bool started[2] = {false, false}, done[2] = {false, false}, inOne[2] = {false, false};
        std::string list[2];
    };
    std::unordered_map<uint32_t, SshKexInits> sshKexInits_;
    std::unordered_map<uint32_t, uint8_t> viewSshKex_; // the view's kex bits where reassembly found them
    std::vector<bool> httpRequestsCut_;               // by stream: an HTTP request in a segment cut short
    // Per SSH stream, the sides (by tcpDirectionBit) whose KEXINIT tshark read whole: bits 0-1
    // without reassembly, bits 2-3 with it. A side without its bit reads clear text throughout.
    std::unordered_map<uint32_t, uint8_t> sshKexRead_;
    FtpDataChannels ftp_;
    std::vector<uint32_t> announced_;
    uint32_t nextStream_ = 0; // streams below it were seen
    PduContinuations pdus_;
    DesegmentedView view_;
    IcmpEchoes echoes_;
    X11Conversations x11_;
};

} // namespace synflow
