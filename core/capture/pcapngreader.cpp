// pcapng: several sections (each with its own byte order and interfaces), Enhanced,
// Simple and obsolete Packet Blocks, custom blocks (counted as frames, as tshark does);
// every other block is skipped by its length.
#include "capture/pcapngoptions.h"
#include "capture/recordwalker.h"
#include "capture/timearith.h"
#include "decode/bytes.h"

#include <algorithm>
#include <memory>
#include <string>

namespace synflow {
namespace {

constexpr uint32_t kShb = 0x0A0D0D0A;
constexpr uint32_t kIdb = 1;
constexpr uint32_t kIsb = 5;
constexpr uint32_t kObsoletePb = 2;
constexpr uint32_t kSpb = 3;
constexpr uint32_t kEpb = 6;
constexpr uint32_t kCustom = 0x00000BAD;
constexpr uint32_t kCustomNoCopy = 0x40000BAD;
constexpr size_t kMaxInterfaces = 4096;

class PcapNgWalker final : public RecordWalker {
public:
    explicit PcapNgWalker(std::span<const uint8_t> f) { setWindow(f, 0); }

    bool start() override
    {
        // Readers on other threads look interfaces up while we index: never reallocate.
        interfaces.reserve(kMaxInterfaces);
        if (windowEnd() < 28 || loadLe32(at(0)) != kShb) {
            damage = Damage{0, "not a pcapng Section Header Block"};
            return false;
        }
        return true;
    }

    bool walk(PacketIndex& index, size_t maxRecords) override
    {
        const size_t size = windowEnd();
        size_t emitted = 0;
        while (emitted < maxRecords) {
            if (pos_ == size)
                return false;
            if (following && !wholeBlockAvailable(at(pos_), size - pos_))
                return false;
            if (size - pos_ < 12)
                return fail("block header cut short: " + std::to_string(size - pos_) + " bytes left at the end of the file");
            const uint8_t* b = at(pos_);
            uint32_t type = loadLe32(b);
            if (type == kShb) {
                if (!readSectionHeader(b, size - pos_))
                    return false;
                continue;
            }
            if (!inSection_)
                return fail("data before the first Section Header Block");
            type = load32(b, big_);
            const uint32_t total = load32(b + 4, big_);
            if (total < 12 || total % 4 != 0)
                return fail("block of type " + std::to_string(type) + " has an invalid length " + std::to_string(total));
            if (total > size - pos_)
                return fail("block of type " + std::to_string(type) + " cut short: " + std::to_string(size - pos_) + " of "
                            + std::to_string(total) + " bytes at the end of the file");
            if (load32(b + total - 4, big_) != total)
                return fail("block length " + std::to_string(total) + " does not match its trailer");
            const uint8_t* body = b + 8;
            const uint32_t bodyLen = total - 12;
            bool ok = true;
            switch (type) {
            case kIdb:
                ok = readInterface(body, bodyLen);
                break;
            case kEpb:
                ok = readEnhanced(index, body, bodyLen, emitted);
                break;
            case kSpb:
                ok = readSimple(index, body, bodyLen, emitted);
                break;
            case kObsoletePb:
                ok = readObsolete(index, body, bodyLen, emitted);
                break;
            case kCustom:
            case kCustomNoCopy: {
                if (total < 16) // no room for the enterprise number
                    return fail("custom block too short (" + std::to_string(total) + " bytes)");
                PacketRecord rec;
                rec.offset = pos_ + 12;
                rec.capLen = rec.origLen = total - 16; // tshark: block body after the PEN
                rec.kind = RecordKind::CustomBlock;
                rec.flags = RecordNoTimestamp;
                // It belongs to no interface; one of its section's, when there is one, tells the section.
                if (sectionFirstIface_ < interfaces.size())
                    rec.iface = uint16_t(sectionFirstIface_);
                ok = append(index, rec, emitted);
                break;
            }
            case kIsb:
                readInterfaceStatistics(body, bodyLen);
                break;
            default:
                break; // name resolution, decryption secrets, unknown: skipped
            }
            if (!ok)
                return false;
            pos_ += total;
        }
        return true;
    }

    size_t position() const override { return pos_; }

private:
    // Whether the block at `b` is all there (only asked while a writer may still be appending).
    bool wholeBlockAvailable(const uint8_t* b, size_t left) const
    {
        if (left < 12)
            return false;
        bool big = big_;
        if (loadLe32(b) == kShb)
            big = loadLe32(b + 8) != 0x1A2B3C4D;
        const uint32_t total = load32(b + 4, big);
        return total < 12 || total <= left;
    }

    bool fail(std::string what)
    {
        damage = Damage{pos_, std::move(what)};
        return false;
    }

    bool append(PacketIndex& index, const PacketRecord& rec, size_t& emitted)
    {
        if (!index.append(rec))
            return fail("too many packets for one index");
        ++emitted;
        return true;
    }

    bool readSectionHeader(const uint8_t* b, size_t avail)
    {
        if (avail < 28)
            return fail("Section Header Block cut short");
        const uint32_t bom = loadLe32(b + 8);
        if (bom == 0x1A2B3C4D)
            big_ = false;
        else if (loadBe32(b + 8) == 0x1A2B3C4D)
            big_ = true;
        else
            return fail("Section Header Block has an unknown byte-order magic");
        const uint32_t total = load32(b + 4, big_);
        if (total < 28 || total % 4 != 0)
            return fail("Section Header Block has an invalid length " + std::to_string(total));
        if (total > avail)
            return fail("Section Header Block cut short: " + std::to_string(avail) + " of " + std::to_string(total) + " bytes");
        const uint16_t major = load16(b + 12, big_);
        const uint16_t minor = load16(b + 14, big_);
        if (major != 1 || (minor != 0 && minor != 2))
            return fail("unknown Section Header Block version " + std::to_string(major) + "." + std::to_string(minor));
        if (load32(b + total - 4, big_) != total)
            return fail("Section Header Block length does not match its trailer");
        SectionInfo section;
        section.offset = pos_;
        forEachOption(b + 24, total - 28, big_, [&](uint16_t code, std::span<const uint8_t> v) {
            std::string text(reinterpret_cast<const char*>(v.data()), v.size());
            if (code == 1 || code == 2 || code == 3 || code == 4)
                sectionComments.push_back(text);
            switch (code) {
            case 1: section.comments.push_back(std::move(text)); break;
            case 2: section.hardware = std::move(text); break;
            case 3: section.os = std::move(text); break;
            case 4: section.application = std::move(text); break;
            default: break;
            }
        });
        sections.push_back(std::move(section));
        if (inSection_)
            ++section_;
        inSection_ = true;
        sectionFirstIface_ = interfaces.size();
        pos_ += total;
        return true;
    }

    bool readInterface(const uint8_t* body, uint32_t len)
    {
        if (len < 8)
            return fail("Interface Description Block too short");
        InterfaceInfo iface;
        iface.linkType = load16(body, big_);
        iface.snapLen = load32(body + 4, big_);
        iface.bigEndian = big_;
        iface.section = section_;
        forEachOption(body + 8, len - 8, big_, [&](uint16_t code, std::span<const uint8_t> v) {
            switch (code) {
            case 2:
                iface.name.assign(reinterpret_cast<const char*>(v.data()), v.size());
                break;
            case 3:
                iface.description.assign(reinterpret_cast<const char*>(v.data()), v.size());
                break;
            case 8:
                if (v.size() >= 8)
                    iface.speed = load64(v.data(), big_);
                break;
            case 9:
                if (v.size() >= 1) {
                    iface.tsResol = v[0];
                    iface.hasTsResol = true;
                }
                break;
            case 11:
                // The first byte says how the filter is written; 0 is libpcap's text.
                if (v.size() >= 1 && v[0] == 0)
                    iface.filter.assign(reinterpret_cast<const char*>(v.data() + 1), v.size() - 1);
                break;
            case 12:
                iface.os.assign(reinterpret_cast<const char*>(v.data()), v.size());
                break;
            case 14:
                // One 64-bit integer in the section's byte order (not two 32-bit halves, high first).
                if (v.size() >= 8)
                    iface.tsOffsetSec = int64_t(load64(v.data(), big_));
                break;
            default:
                break;
            }
        });
        if (interfaces.size() >= kMaxInterfaces)
            return fail("more than " + std::to_string(kMaxInterfaces) + " interfaces");
        interfaces.push_back(std::move(iface));
        return true;
    }

    // An Interface Statistics Block: counted for its interface, its drop count kept (the last
    // block's, as Wireshark shows it). One that names no known interface is passed over.
    void readInterfaceStatistics(const uint8_t* body, uint32_t len)
    {
        if (len < 12)
            return;
        const size_t global = sectionFirstIface_ + load32(body, big_);
        if (global >= interfaces.size())
            return;
        InterfaceInfo& iface = interfaces[global];
        ++iface.statEntries;
        forEachOption(body + 12, len - 12, big_, [&](uint16_t code, std::span<const uint8_t> v) {
            if (code == 5 && v.size() >= 8) { // isb_ifdrop
                iface.hasDropped = true;
                iface.dropped = load64(v.data(), big_);
            }
        });
    }

    bool interfaceFor(uint32_t id, uint16_t& out)
    {
        const size_t global = sectionFirstIface_ + id;
        if (global >= interfaces.size())
            return fail("packet refers to interface " + std::to_string(id) + ", but the section describes only "
                        + std::to_string(interfaces.size() - sectionFirstIface_));
        out = uint16_t(global);
        return true;
    }

    // The same exact time CaptureFile::exactTime() gives, as the index keeps it.
    static void setTime(PacketRecord& rec, const InterfaceInfo& info, uint32_t hi, uint32_t lo)
    {
        const Timestamp t = pcapngTime(uint64_t(hi) << 32 | lo, info.tsResol, info.tsOffsetSec);
        rec.tsNs = wrappedNs(t);
        if (!fitsNs(t))
            rec.flags |= RecordTimeWrapped;
    }

    bool readEnhanced(PacketIndex& index, const uint8_t* body, uint32_t len, size_t& emitted)
    {
        if (len < 20)
            return fail("Enhanced Packet Block too short");
        PacketRecord rec;
        if (!interfaceFor(load32(body, big_), rec.iface))
            return false;
        rec.capLen = load32(body + 12, big_);
        rec.origLen = load32(body + 16, big_);
        if (rec.capLen > len - 20)
            return fail("Enhanced Packet Block claims " + std::to_string(rec.capLen) + " captured bytes but holds only "
                        + std::to_string(len - 20));
        setTime(rec, interfaces[rec.iface], load32(body + 4, big_), load32(body + 8, big_));
        rec.offset = offsetOf(body) + 20;
        rec.kind = RecordKind::EnhancedPacket;
        const uint32_t padded = (rec.capLen + 3) & ~3u;
        if (padded < len - 20)
            rec.flags |= RecordHasOptions;
        return append(index, rec, emitted);
    }

    bool readSimple(PacketIndex& index, const uint8_t* body, uint32_t len, size_t& emitted)
    {
        if (len < 4)
            return fail("Simple Packet Block too short");
        if (sectionFirstIface_ >= interfaces.size())
            return fail("Simple Packet Block without an interface");
        PacketRecord rec;
        rec.iface = uint16_t(sectionFirstIface_);
        rec.origLen = load32(body, big_);
        uint32_t cap = std::min(rec.origLen, len - 4);
        const uint32_t snap = interfaces[rec.iface].snapLen;
        if (snap != 0 && cap > snap)
            cap = snap;
        rec.capLen = cap;
        rec.offset = offsetOf(body) + 4;
        rec.kind = RecordKind::SimplePacket;
        rec.flags = RecordNoTimestamp;
        return append(index, rec, emitted);
    }

    bool readObsolete(PacketIndex& index, const uint8_t* body, uint32_t len, size_t& emitted)
    {
        if (len < 20)
            return fail("Packet Block too short");
        PacketRecord rec;
        if (!interfaceFor(load16(body, big_), rec.iface))
            return false;
        rec.capLen = load32(body + 12, big_);
        rec.origLen = load32(body + 16, big_);
        if (rec.capLen > len - 20)
            return fail("Packet Block claims more captured bytes than it holds");
        setTime(rec, interfaces[rec.iface], load32(body + 4, big_), load32(body + 8, big_));
        rec.offset = offsetOf(body) + 20;
        rec.kind = RecordKind::ObsoletePacket;
        if (((rec.capLen + 3) & ~3u) < len - 20)
            rec.flags |= RecordHasOptions;
        return append(index, rec, emitted);
    }

    size_t pos_ = 0;
    bool big_ = false;
    bool inSection_ = false;
    uint32_t section_ = 0;
    size_t sectionFirstIface_ = 0;
};

} // namespace

std::unique_ptr<RecordWalker> makePcapNgWalker(std::span<const uint8_t> file)
{
    return std::make_unique<PcapNgWalker>(file);
}

} // namespace synflow
