#pragma once
// RTP sessions that SDP announces in SIP's offers and answers over UDP. tshark sets up an RTP
// conversation on each audio or video line's address and port (RTCP on the next port) from the
// packet that carried the SDP on, and names a dynamic payload type by the line's a=rtpmap (an
// answer's line also by its offer's, for types it does not map itself); a datagram to such an
// endpoint, else from one, is then RTP (or RTCP) whatever its ports.
// Measured with SIPp's calls (G.711 and RFC 4733 events) and probe datagrams (tests/data/sip).
#include "decode/packetdecoder.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace synflow {

struct SdpStream {
    uint64_t from = 0;  // record offset of the packet whose SDP announced it
    bool rtcp = false;  // the RTCP port (the media port + 1)
    std::vector<std::pair<uint8_t, std::string>> rtpmap; // dynamic payload type -> encoding name
};

class SdpMedia {
public:
    // A UDP datagram at record offset `at`: a SIP message's SDP body announces its streams.
    void learn(uint64_t at, const DecodedPacket& d);
    bool empty() const { return streams_.empty(); }
    // The stream a UDP datagram at record offset `at` belongs to: its destination endpoint's, else
    // its source's, the latest announced before it; null if none.
    const SdpStream* find(const DecodedPacket& d, uint64_t at) const;

private:
    using RtpMap = std::vector<std::pair<uint8_t, std::string>>;
    std::unordered_map<std::string, std::vector<SdpStream>> streams_; // address bytes + port -> by `from`
    std::unordered_map<std::string, std::vector<RtpMap>> offers_;      // Call-ID -> its last offer's maps, by media line
};

// A datagram of an announced stream as tshark's RTP (or RTCP) names it: Protocol, Info and the
// hierarchy's layers ("rtp\nrtpevent"); `udpInfo` is UDP's own Info (a header cut short keeps it).
struct SdpDatagram {
    std::string protocol, info, layers;
};
SdpDatagram sdpDatagram(const SdpStream& stream, const uint8_t* p, size_t n, size_t reported, const std::string& udpInfo);

} // namespace synflow
