#include "proto/mqttinfo.h"

#include "decode/bytes.h"
#include "output/exceptiontext.h"

#include <algorithm>
#include <string_view>

namespace synflow {

namespace {

const char* const kNames[] = {"Reserved", "Connect Command", "Connect Ack", "Publish Message", "Publish Ack",
                              "Publish Received", "Publish Release", "Publish Complete", "Subscribe Request",
                              "Subscribe Ack", "Unsubscribe Request", "Unsubscribe Ack", "Ping Request",
                              "Ping Response", "Disconnect Req", "Authentication Exchange"};

// A variable byte integer at p[o] (up to four bytes); false when it is cut or too long.
bool varint(const uint8_t* p, size_t n, size_t& o, uint32_t& value)
{
    value = 0;
    for (int k = 0; k < 4; ++k) {
        if (o >= n)
            return false;
        const uint8_t b = p[o++];
        value |= uint32_t(b & 0x7f) << (7 * k);
        if (!(b & 0x80))
            return true;
    }
    return false;
}

// Reads a message's variable part field by field, as tshark does, adding to the Info what each
// field completes; a read past the captured bytes stops it with the capture's exception, one past
// the segment (a message continued in the next) with tshark's bound error.
class MqttReader {
public:
    MqttReader(const uint8_t* p, size_t captured, size_t inSegment) : p_(p), captured_(captured), inSegment_(inSegment) {}
    bool take(size_t k)
    {
        if (stop_)
            return false;
        if (at_ + k > inSegment_)
            stop_ = kUnreassembled;
        else if (at_ + k > captured_)
            stop_ = kSizeLimited;
        else
            at_ += k;
        return !stop_;
    }
    bool varint(uint32_t& value)
    {
        value = 0;
        for (int k = 0; k < 4; ++k) {
            if (!take(1))
                return false;
            value |= uint32_t(p_[at_ - 1] & 0x7f) << (7 * k);
            if (!(p_[at_ - 1] & 0x80))
                return true;
        }
        return false;
    }
    const uint8_t* at() const { return p_ + at_; }
    size_t offset() const { return at_; }
    const char* stopped() const { return stop_; }

private:
    const uint8_t* p_;
    size_t captured_, inSegment_, at_ = 0;
    const char* stop_ = nullptr;
};

// What follows a message's name, read from its variable part (`remaining` bytes long).
void details(std::string& info, uint8_t type, uint8_t flags, MqttReader& r, size_t remaining, bool v5)
{
    auto id = [&] {
        if (r.take(2))
            info += " (id=" + std::to_string(loadBe16(r.at() - 2)) + ")";
        return !r.stopped();
    };
    auto properties = [&] {
        uint32_t len = 0;
        return !v5 || (r.varint(len) && r.take(len));
    };
    auto rest = [&] { return r.offset() >= remaining || r.take(remaining - r.offset()); };
    switch (type) {
    case 3: { // topic, the identifier when QoS > 0, version 5's properties, then the message
        if (!r.take(2))
            return;
        const size_t len = loadBe16(r.at() - 2);
        if (!r.take(len))
            return;
        const std::string topic(reinterpret_cast<const char*>(r.at() - len), len);
        if (((flags >> 1) & 3) && !id())
            return;
        if (!properties())
            return;
        info += " [" + topic + "]";
        rest();
        return;
    }
    case 2: // acknowledge flags and return code; version 5's properties
        if (r.take(std::min<size_t>(remaining, 2)) && v5)
            rest();
        return;
    case 4: case 5: case 6: case 7: case 11: // the identifier; version 5's reason and properties
        if (id() && v5)
            rest();
        return;
    case 8: // the identifier, then each topic filter with its options
        if (!id() || !properties())
            return;
        while (r.offset() < remaining) {
            if (!r.take(2))
                return;
            const size_t len = loadBe16(r.at() - 2);
            if (!r.take(len))
                return;
            info += " [" + std::string(reinterpret_cast<const char*>(r.at() - len), len) + "]";
            if (!r.take(1))
                return;
        }
        return;
    case 9: case 10: // the identifier, then return codes or topics (not shown)
        if (id())
            rest();
        return;
    case 12: case 13:
        return;
    case 14:
        if (v5)
            rest();
        return;
    default:
        rest();
        return;
    }
}

} // namespace

uint32_t mqttMessageLength(const uint8_t* p, size_t n)
{
    size_t o = 1;
    uint32_t remaining = 0;
    if (n < 2 || !varint(p, n, o, remaining))
        return 0;
    return uint32_t(o) + remaining;
}

bool mqttConnectV5(const uint8_t* p, size_t n)
{
    size_t o = 1;
    uint32_t remaining = 0;
    if (n < 2 || (p[0] >> 4) != 1 || !varint(p, n, o, remaining) || o + 2 > n)
        return false;
    const size_t nameLen = loadBe16(p + o);
    return o + 2 + nameLen < n && p[o + 2 + nameLen] == 5;
}

std::string mqttInfo(const uint8_t* p, size_t n, size_t reported, bool v5)
{
    std::string info;
    for (size_t at = 0; at < n;) {
        size_t o = at + 1;
        uint32_t remaining = 0;
        if (!varint(p, n, o, remaining))
            break;
        const uint8_t type = p[at] >> 4, flags = p[at] & 0x0f;
        if (!info.empty())
            info += ", ";
        info += kNames[type];
        MqttReader r(p + o, n - o, std::min<size_t>(reported, o + remaining) - o);
        details(info, type, flags, r, remaining, v5);
        if (r.stopped()) {
            info += r.stopped();
            break;
        }
        at = o + remaining;
    }
    return info;
}

} // namespace synflow
