#include "capture/capturefile.h"

#include "capture/formatsniffer.h"
#include "capture/pcapngoptions.h"
#include "capture/recordwalker.h"

#include <limits>

namespace synflow {

CaptureFile::CaptureFile() = default;
CaptureFile::~CaptureFile() = default;

bool CaptureFile::open(const std::string& path, std::string& error)
{
    if (!map_.open(path, error))
        return false;
    format_ = sniffFormat(map_.bytes());
    switch (format_) {
    case FileFormat::Pcap:
    case FileFormat::PcapNanosecond:
        walker_ = makePcapWalker(map_.bytes());
        break;
    case FileFormat::PcapNg:
        walker_ = makePcapNgWalker(map_.bytes());
        break;
    case FileFormat::Unknown:
        error = path + " is not a capture file (pcap or pcapng): it looks like " + describeNonCapture(map_.bytes());
        map_.close();
        return false;
    }
    if (!walker_->start()) {
        error = path + ": " + walker_->damage->what + " (at byte " + std::to_string(walker_->damage->offset) + ")";
        map_.close();
        walker_.reset();
        return false;
    }
    finished_ = false;
    return true;
}

bool CaptureFile::indexMore(size_t maxRecords)
{
    if (finished_ || !walker_)
        return false;
    if (!walker_->walk(index_, maxRecords))
        finished_ = true;
    return !finished_;
}

void CaptureFile::indexAll()
{
    while (indexMore(std::numeric_limits<size_t>::max())) { }
}

size_t CaptureFile::bytesIndexed() const
{
    if (finished_)
        return map_.size();
    const size_t n = index_.size();
    return n ? index_[n - 1].offset + index_[n - 1].capLen : 0;
}

const std::vector<InterfaceInfo>& CaptureFile::interfaces() const
{
    static const std::vector<InterfaceInfo> none;
    return walker_ ? walker_->interfaces : none;
}

const std::vector<std::string>& CaptureFile::sectionComments() const
{
    static const std::vector<std::string> none;
    return walker_ ? walker_->sectionComments : none;
}

const std::optional<Damage>& CaptureFile::damage() const
{
    static const std::optional<Damage> none;
    return walker_ ? walker_->damage : none;
}

std::vector<std::string> CaptureFile::packetComments(size_t i) const
{
    std::vector<std::string> out;
    const PacketRecord& r = index_[i];
    if (!(r.flags & RecordHasOptions))
        return out;
    // EPB and obsolete PB: 28 bytes of block before the data; options follow the padded data.
    if (r.kind != RecordKind::EnhancedPacket && r.kind != RecordKind::ObsoletePacket)
        return out;
    const bool big = interfaces()[r.iface].bigEndian;
    const uint8_t* block = map_.data() + r.offset - 28;
    const uint32_t total = big ? loadBe32(block + 4) : loadLe32(block + 4);
    const size_t optStart = 28 + ((size_t(r.capLen) + 3) & ~size_t(3));
    if (total < optStart + 4)
        return out;
    forEachOption(block + optStart, total - 4 - optStart, big, [&](uint16_t code, std::span<const uint8_t> v) {
        if (code == 1)
            out.emplace_back(reinterpret_cast<const char*>(v.data()), v.size());
    });
    return out;
}

} // namespace synflow
