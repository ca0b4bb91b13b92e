#pragma once
// AMQP 0-9-1 over TCP port 5672 (RabbitMQ's protocol) as tshark 4.0 writes its Info: the protocol
// header, each frame's method ("Basic.Publish x=amq.direct rk=key "), content header ("type=...")
// and body (what the media type's dissector adds), heartbeats. Frames follow each other in a
// segment, each 7 header bytes, its payload and a frame-end byte.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace synflow {

inline constexpr uint16_t kAmqpPort = 5672;

// The version a protocol header names ("AMQP" 0 0 9 1: 0-9-1), as tshark tells them apart.
enum class AmqpVersion : uint8_t { Unknown, V0_9, V0_10, V1_0 };
AmqpVersion amqpHeaderVersion(const uint8_t* p, size_t n);
// A segment that is exactly one 0-9 frame (its length, then 0xCE): tshark takes the
// conversation for 0-9 when it met no protocol header.
bool amqpLooksLike09Frame(const uint8_t* p, size_t n, size_t reported);

// A frame's length from its first 7 bytes (8 for the protocol header); 0 if fewer are given.
uint32_t amqpFrameLength(const uint8_t* p, size_t n);

// The content type (lower case; empty: none) the last content header of each channel gave; a
// channel not in `known` is asked of `before` (the conversation's earlier segments), if set.
struct AmqpChannelTypes {
    std::unordered_map<uint16_t, std::string> known;
    std::function<std::string(uint16_t channel)> before;
    const std::string& of(uint16_t channel);
};

struct AmqpSummary {
    std::string protocol = "AMQP"; // "AMQP/JSON" where a body went to JSON's dissector
    std::string info;
    std::string layers; // the hierarchy's layers, one per line: "amqp" for each frame, then an exception's
};

// The frames of p[0, n), `n` captured of `reported` bytes, in a 0-9 conversation. `types`: the
// channels' content types before these bytes, updated by their content headers. `reassembling`:
// TCP reassembly is on (a read past the data is then a malformed packet, not an unreassembled one).
// `kept`: of a reassembled message only its first bytes may be kept; the rest counts as there.
AmqpSummary amqp09Summary(const uint8_t* p, size_t n, size_t reported, AmqpChannelTypes& types, bool reassembling,
                          size_t kept = SIZE_MAX);

// What the content headers of each AMQP conversation said, in capture order, so a body frame
// anywhere can be read with the type in force before its segment.
class AmqpConversations {
public:
    // One segment's captured bytes (`recordOffset`: its frame's place in the capture file).
    void learn(uint32_t stream, uint64_t recordOffset, const uint8_t* p, size_t n);
    // A channel's type from the segment at `recordOffset` on (empty: none).
    void record(uint32_t stream, uint64_t recordOffset, uint16_t channel, const std::string& type);
    // A channel's type before the segment at `recordOffset` (empty: none).
    std::string typeBefore(uint32_t stream, uint64_t recordOffset, uint16_t channel) const;
    // Types that ask typeBefore() for that segment.
    AmqpChannelTypes typesBefore(uint32_t stream, uint64_t recordOffset) const
    {
        return {{}, [this, stream, recordOffset](uint16_t c) { return typeBefore(stream, recordOffset, c); }};
    }

private:
    struct Change {
        uint64_t offset;
        uint16_t channel;
        uint32_t type; // index into types_
    };
    std::unordered_map<uint32_t, std::vector<Change>> changes_;
    std::vector<std::string> types_;
    std::unordered_map<std::string, uint32_t> typeIndex_;
};

} // namespace synflow
