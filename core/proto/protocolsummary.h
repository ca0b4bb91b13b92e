#pragma once
// The Protocol and Info columns for a frame: the highest protocol we recognise and a
// one-line summary of it, in tshark's words where we can.
#include "capture/packetrecord.h"
#include "decode/packetdecoder.h"
#include "proto/rtspinfo.h"
#include "tcp/tcpinfo.h"

#include <string>
#include <string_view>

namespace synflow {

struct ProtocolSummary {
    std::string protocol; // "TCP", "HTTP", "TLSv1.2", "DNS", "ARP", ...
    std::string info;     // empty when protocol is "TCP": the TCP tracker writes that Info
    uint32_t continuationTo = 0; // tshark's "[Continuation to #N]" (see pducontinuation.h); 0 none
    PduNote pduNote = PduNote::None; // what TCP reassembly adds to a TCP row (desegmentedview.h)
    // The protocol names the row but TCP's Info stays, `info` appended to it (X11 stopped by the
    // snapshot length before writing anything).
    bool keepsTcpInfo = false;
    // The protocol stayed TCP but its dissector had cleared TCP's Info: `info` is the whole Info
    // (MQTT whose message length the capture cut off).
    bool replacesTcpInfo = false;
    // More packets of the protocol after the first in the same datagram or segment (QUIC's
    // coalesced packets, HTTP's messages): each is a layer of its own in the hierarchy.
    uint8_t repeats = 0;
    // With reassembly on, the repeats were read after the reassembled message ended, on their
    // own (its segments' item sits between them in the hierarchy).
    bool repeatsAfterPdu = false;
    // `info` holds text a dissector wrote without format_text (STUN's values): its control
    // bytes are shown as tshark's fields output shows them, not escaped as other Info text.
    bool rawInfoText = false;
    // HTTP (a header line of a continuation) or its body's dissector read past the segment's or
    // the body's bytes: without reassembly tshark writes "[BoundErrorUnreassembled Packet]", with
    // it "[Malformed Packet]" (desegmentedview.cpp).
    bool httpReadPast = false;
    // The hierarchy's layer for the first HTTP message's body as its dissector took it
    // (httpBodyLayerName); 0: none worked out here.
    uint8_t httpBodyLayer = 0;
    uint8_t httpBodyChild = 0; // a layer inside it (data-text-lines inside JSON that does not parse)
    // The layers a segment's messages add in tshark's protocol hierarchy, one filter name per
    // line ("stun\nstun\ndata": a message, then ChannelData and its data), where a segment may
    // hold several messages of a protocol that names each (STUN over TCP); empty otherwise.
    std::string pduLayers;
};

// The well-known ports of the protocols that frame their messages by a length over TCP: only
// there (and for the LBMSRS heuristic) can a segment continue a message (pducontinuation.h).
constexpr uint16_t kDnsPort = 53;
constexpr uint16_t kMysqlPort = 3306;

// `tcpAnalysisFlags`: the tracker's flags for a TCP segment. Like tshark, the data of a plain
// retransmission or an out-of-order segment is not handed to application protocols: "TCP".
// `conversationKind`: what ConversationProtocols learned of the segment's conversation (0 if
// nothing): HTTP on any port, and the negotiated TLS version for every TLS record; for a UDP
// packet, what ConversationProtocols::kindOfDatagram says.
// With reassembly on, what follows a reassembled HTTP message in its last segment, read as the
// next message: first lines or one Continuation appended to `s.info` (protocolsummary.cpp).
void appendHttpFollowing(ProtocolSummary& s, std::string_view bytes, bool requestSeen);
// A GTP T-PDU's row: tshark's GTP names what it carried ("GTP <UDP>", "GTP <GTP <UDP>>" through
// two tunnels) once that was dissected without an error. TCP rows keep TCP, for their Info.
void nameGtpPayload(ProtocolSummary& s, const DecodedPacket& d);
// The GTPv2 messages of a datagram decoding stopped at that tshark's tree shows (0 when none).
int gtpv2MessageItems(const DecodedPacket& d);

// An RTSP reading (rtspinfo.h) as the row's Protocol and Info.
void applyRtsp(ProtocolSummary& s, RtspSummary r);

// Bytes on an HTTP port of a conversation that carries no HTTP message, starting with a printable
// character: tshark's HTTP reads them as the start of a line (to its end, past the segment).
bool httpTextOnHttpPort(const DecodedPacket& d, const uint8_t* p, size_t n, uint8_t conversationKind);

// A UDP payload no dissector took, p[0, n) captured of `reported` bytes: whether tshark's heuristic
// dissectors read past what was captured (its first 4 bytes, or 10 of a payload of 13 bytes or
// more whose third byte has bits 3-6 clear), which ends the frame before its data.
bool udpHeuristicsReadPastCapture(const uint8_t* p, size_t n, size_t reported);

// "TLSv1.2" for minor version 3 of major version 3, ...; null for a version TLS does not know.
const char* tlsVersionName(uint8_t minor);

// A TLS handshake message that ran past its record: tshark gathers it from its side's next
// handshake records, in whatever segments they come, and names it in the record that completes
// it ("[Certificate Fragment]", nothing for the records between, then "Certificate"). One per
// side of a conversation, carried in capture order; inactive when nothing is being gathered.
struct TlsHandshakeCarry {
    bool active = false;
    uint8_t headerLen = 0;   // of the message's 4-byte header, gathered so far
    uint8_t header[4] = {};
    uint32_t gathered = 0;   // bytes of the message gathered so far
    // The conversation's key exchange is unknown (no Server Hello's cipher suite was captured):
    // a Client Key Exchange is named but its body not read.
    bool kexUnknown = false;
};

// Whether a TCP payload holds a TLS handshake record among the records that start it.
bool tlsHasHandshakeRecord(const uint8_t* p, size_t n);

// `messageStart`: where in a TCP segment's payload the application data begins (a segment that
// first finishes a message of an earlier one is dissected from the next message on).
// `tlsCarry`: the side's TLS handshake gathering when the segment starts, advanced past it
// (null: none, as for a side's first records).
ProtocolSummary summarizeProtocol(const DecodedPacket& d, const PacketRecord& rec, uint32_t tcpAnalysisFlags = 0,
                                  uint8_t conversationKind = 0, uint32_t messageStart = 0,
                                  TlsHandshakeCarry* tlsCarry = nullptr);

} // namespace synflow
