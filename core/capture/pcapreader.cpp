// Classic libpcap files: both byte orders, micro- and nanosecond magic, and the
// "modified" (Kuznetzov) variant whose record headers are 8 bytes longer.
#include "capture/recordwalker.h"
#include "decode/bytes.h"

#include <memory>
#include <string>

namespace synflow {
namespace {

constexpr uint32_t kMaxPacket = 262144; // tshark's WTAP_MAX_PACKET_SIZE_STANDARD

class PcapWalker final : public RecordWalker {
public:
    explicit PcapWalker(std::span<const uint8_t> f) { setWindow(f, 0); }

    bool start() override
    {
        if (windowEnd() < 24) {
            damage = Damage{0, "file header is cut short (" + std::to_string(windowEnd()) + " of 24 bytes)"};
            return false;
        }
        const uint8_t* header = at(0);
        const uint32_t le = loadLe32(header);
        const uint32_t be = loadBe32(header);
        auto is = [&](uint32_t magic) {
            if (le == magic) {
                big_ = false;
                return true;
            }
            if (be == magic) {
                big_ = true;
                return true;
            }
            return false;
        };
        if (is(0xa1b2c3d4)) {
            nanos_ = false;
        } else if (is(0xa1b23c4d)) {
            nanos_ = true;
        } else if (is(0xa1b2cd34)) {
            nanos_ = false;
            recHeader_ = 24;
        } else {
            damage = Damage{0, "not a pcap file header"};
            return false;
        }
        const uint16_t major = load16(header + 4, big_);
        if (major != 2) {
            damage = Damage{4, "unsupported pcap version " + std::to_string(major)};
            return false;
        }
        InterfaceInfo iface;
        iface.bigEndian = big_;
        iface.snapLen = load32(header + 16, big_);
        iface.linkType = uint16_t(load32(header + 20, big_) & 0xffff);
        iface.tsResol = nanos_ ? 9 : 6;
        iface.hasTsResol = nanos_; // wiretap describes a nanosecond file's interface with if_tsresol 9
        interfaces.push_back(iface);
        pos_ = 24;
        return true;
    }

    bool walk(PacketIndex& index, size_t maxRecords) override
    {
        const size_t size = windowEnd();
        const int64_t fracScale = nanos_ ? 1 : 1000;
        for (size_t n = 0; n < maxRecords; ++n) {
            if (pos_ == size)
                return false;
            if (following && (size - pos_ < recHeader_ || size - pos_ - recHeader_ < load32(at(pos_) + 8, big_)))
                return false; // the writer has not finished this record yet
            if (size - pos_ < recHeader_) {
                damage = Damage{pos_, "record header cut short: " + std::to_string(size - pos_) + " of "
                                          + std::to_string(recHeader_) + " bytes at the end of the file"};
                return false;
            }
            const uint8_t* h = at(pos_);
            const uint32_t sec = load32(h, big_);
            const uint32_t frac = load32(h + 4, big_);
            const uint32_t capLen = load32(h + 8, big_);
            const uint32_t origLen = load32(h + 12, big_);
            if (capLen > kMaxPacket) {
                damage = Damage{pos_, "record claims " + std::to_string(capLen) + " captured bytes, more than the maximum of "
                                          + std::to_string(kMaxPacket) + " (corrupt record header)"};
                return false;
            }
            if (size - pos_ - recHeader_ < capLen) {
                damage = Damage{pos_, "packet data cut short: " + std::to_string(size - pos_ - recHeader_) + " of "
                                          + std::to_string(capLen) + " bytes at the end of the file"};
                return false;
            }
            PacketRecord rec;
            rec.offset = pos_ + recHeader_;
            rec.tsNs = int64_t(sec) * 1000000000 + int64_t(frac) * fracScale;
            rec.capLen = capLen;
            rec.origLen = origLen;
            rec.kind = RecordKind::PcapRecord;
            if (!index.append(rec)) {
                damage = Damage{pos_, "too many packets for one index"};
                return false;
            }
            pos_ += recHeader_ + capLen;
        }
        return true;
    }

    size_t position() const override { return pos_; }

private:
    size_t pos_ = 0;
    size_t recHeader_ = 16;
    bool big_ = false;
    bool nanos_ = false;
};

} // namespace

std::unique_ptr<RecordWalker> makePcapWalker(std::span<const uint8_t> file)
{
    return std::make_unique<PcapWalker>(file);
}

} // namespace synflow
