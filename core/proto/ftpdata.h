#pragma once
// FTP data connections: the control connection (TCP port 21) announces each one before it opens
// (PASV's 227 and EPSV's 229 replies, PORT and EPRT requests), and tshark names the connection
// that then opens FTP-DATA: "FTP Data: N bytes (EPASV) (RETR big.txt)", the way it was set up and
// the first request that followed.
#include "decode/packetdecoder.h"

#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

namespace synflow {

struct FtpDataChannel {
    const char* method = ""; // PASV, EPASV, PORT, EPRT
    std::string command;     // the first request after the announcement; empty: none yet
};

class FtpDataChannels {
public:
    // One segment of a control conversation, in capture order: its lines as the client's requests
    // or the server's replies (the server is on port 21).
    void learnControl(uint32_t controlStream, const DecodedPacket& d, const uint8_t* p, size_t n);
    // The first segment of TCP stream `stream`: the channel an earlier line announced, if any.
    const FtpDataChannel* claim(uint32_t stream, const DecodedPacket& d);
    const FtpDataChannel* channelOf(uint32_t stream) const;

private:
    struct Address {
        std::array<uint8_t, 16> bytes{};
        uint8_t size = 0; // 4 or 16; 0: none
        bool operator==(const Address&) const = default;
    };
    struct Expectation {
        Address announced, listener; // the address a reply or request gave, and its sender's own
        uint16_t port = 0;
        Address peer; // the other end's address (the control connection's)
        uint32_t channel = 0;
    };
    void expect(const DecodedPacket& d, const char* method, const Address& announced, uint16_t port,
                uint32_t controlStream);
    static Address source(const DecodedPacket& d, bool destination);

    std::vector<Expectation> expectations_;
    std::deque<FtpDataChannel> channels_;
    std::unordered_map<uint32_t, uint32_t> latest_; // control stream -> its latest channel, until a request names it
    std::unordered_map<uint32_t, uint32_t> streams_; // data stream -> channel
};

} // namespace synflow
