#pragma once
// RTSP over TCP (ports 554, 8554 and Wi-Fi Display's 7236) as tshark 4.0 reads a segment or a
// reassembled message: requests and replies by their first line, the SDP or other media a body
// holds, and the interleaved frames ("$", channel, 16-bit length) that carry RTP and RTCP on the
// channels a SETUP reply's Transport header named.
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow {

bool isRtspPort(uint16_t a, uint16_t b);

// The interleaved channels of one conversation that carry RTP and RTCP. tshark takes them from
// the replies ("interleaved=0-1": RTP on 0, RTCP on 1), not from the requests.
struct RtspChannels {
    std::bitset<256> rtp, rtcp;
};
// Reads the replies among the messages of p[0, n) (a segment's captured bytes).
void learnRtspChannels(RtspChannels& channels, const uint8_t* p, size_t n);

struct RtspSummary {
    std::string protocol; // "RTSP", "RTSP/SDP", "RTP", "RTCP", a payload's; empty: TCP's
    std::string info;
    bool keepsTcpInfo = false;    // TCP's Info, then `info` (nothing was read before an exception)
    bool replacesTcpInfo = false; // the row stays TCP, `info` is all of its Info
};

// The messages of p[0, n), `n` captured of `reported` bytes (a segment's payload, or a
// reassembled message and what follows it in its last segment), each after ", ". `channels`:
// the conversation's (null: none known). `reassembling`: TCP reassembly is on, where a read past
// the data is a malformed packet rather than an unreassembled one.
RtspSummary rtspSummary(const uint8_t* p, size_t n, size_t reported, const RtspChannels* channels, bool reassembling);

// How long the message that begins p[0, n) is, as tshark's RTSP asks TCP to reassemble it: an
// interleaved frame's 4 + length; a request or reply's headers, then Content-Length bytes (none
// given: what follows in `n`, up to a next message). `needMore`: the length is not known from
// these bytes yet. 0 without needMore: not the start of a message.
uint32_t rtspMessageLength(const uint8_t* p, size_t n, bool& needMore);

// RTP's and RTCP's Info for one packet (or compound packet), as tshark writes it; `protocol` is
// set to the dissector that named it. Empty Info: nothing was written (an RTCP type it does not
// name). `lengthError`: the packet is too short for what RTP reads first.
std::string rtpInfo(const uint8_t* p, size_t n, std::string& protocol, bool& lengthError);
std::string rtcpInfo(const uint8_t* p, size_t n, std::string& protocol);

} // namespace synflow
