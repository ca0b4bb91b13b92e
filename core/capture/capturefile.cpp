#include "capture/capturefile.h"

#include "capture/capturespool.h"

#include "capture/formatsniffer.h"
#include "capture/pcapngoptions.h"
#include "capture/recordwalker.h"
#include "capture/timearith.h"
#include "decode/bytes.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>

namespace synflow {

namespace {
constexpr const char* kShrank = "the file shrank while it was read";
// A spooled source is copied this far ahead of the walk at a time (and this much before the header is read).
constexpr size_t kSpoolStep = size_t(4) << 20;
// Address space for the cache copy's mapping (as for a followed live file).
constexpr size_t kSpoolReserve = size_t(1) << 40;
}

CaptureFile::CaptureFile() = default;
CaptureFile::~CaptureFile() = default;

bool CaptureFile::open(const std::string& path, std::string& error)
{
    if (path != "-") {
        if (!map_.open(path, error))
            return false;
        if (sniffCompression(map_.bytes().first(std::min<size_t>(map_.size(), 4))) == Compression::None)
            return startWalker(path, error);
        map_.close();
    }
    return openSpooled(path, error);
}

bool CaptureFile::openSpooled(const std::string& path, std::string& error)
{
    auto spool = std::make_unique<CaptureSpool>();
    if (!spool->open(path, error))
        return false;
    spool->fill(kSpoolStep);
    if (spool->spooled() == 0 && spool->damage()) {
        error = spool->name() + ": damaged at byte " + std::to_string(spool->damage()->offset) + ": " + spool->damage()->what;
        return false;
    }
    if (!map_.openGrowingFd(spool->fd(), spool->name(), kSpoolReserve, error))
        return false;
    spool_ = std::move(spool);
    return startWalker(spool_->name(), error);
}

Compression CaptureFile::compression() const
{
    return spool_ ? spool_->compression() : Compression::None;
}

size_t CaptureFile::sourceDone() const
{
    return spool_ ? spool_->sourceRead() : bytesIndexed();
}

size_t CaptureFile::sourceSize() const
{
    return spool_ ? spool_->sourceSize() : fileSize();
}

bool CaptureFile::spoolPending() const
{
    return spool_ && !spool_->done();
}

void CaptureFile::spoolTo(size_t upTo)
{
    if (!spool_ || !walker_)
        return;
    if (!spool_->done())
        spool_->fill(upTo);
    map_.refresh();
    // A record cut by the end of what is copied so far waits for the rest; once the source is
    // done, one cut by a damaged source's end is that damage (the spool's), not the walk's.
    walker_->following = !spool_->done() || spool_->damage().has_value();
}

void CaptureFile::learnFragment(size_t i, DecodedPacket& d)
{
    if (fragments_.add(uint32_t(i), d))
        reassemble(i, d);
}

void CaptureFile::reassemble(size_t i, DecodedPacket& d) const
{
    DecodedPacket whole;
    if (fragments_.decode(uint32_t(i), d, [this](uint32_t f) { return packetBytes(f); }, whole))
        d = std::move(whole);
    else if (const uint32_t in = fragments_.reassembledIn(uint32_t(i)))
        d.reassembledIn = in + 1;
}

bool CaptureFile::openFollowing(const std::string& path, std::string& error)
{
    // Address space only; 1 TiB is far beyond any live capture we keep.
    if (!map_.openGrowing(path, size_t(1) << 40, error))
        return false;
    following_ = true;
    return startWalker(path, error);
}

bool CaptureFile::follow()
{
    if (!following_ || !walker_)
        return false;
    const size_t before = map_.size();
    if (map_.refresh() == before)
        return false;
    walker_->setWindow(map_.bytes(), 0);
    if (!walker_->damage)
        finished_ = false;
    return true;
}

bool CaptureFile::startWalker(const std::string& path, std::string& error)
{
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
        if (spool_ && spool_->damage() && map_.size() < 24)
            error = path + ": damaged at byte " + std::to_string(spool_->damage()->offset) + ": " + spool_->damage()->what;
        else if (spool_ && spool_->compression() != Compression::None)
            error = path + " is " + compressionName(spool_->compression()) +
                    "-compressed, but what it holds is not a capture file (pcap or pcapng): it looks like " +
                    describeNonCapture(map_.bytes());
        else
            error = path + " is not a capture file (pcap or pcapng): it looks like " + describeNonCapture(map_.bytes());
        map_.close();
        return false;
    }
    if (!walker_->start()) {
        const Damage& d = spool_ && spool_->damage() ? *spool_->damage() : *walker_->damage;
        error = path + ": " + d.what + " (at byte " + std::to_string(d.offset) + ")";
        map_.close();
        walker_.reset();
        return false;
    }
    walker_->following = following_;
    finished_ = false;
    spoolTo(0);
    return true;
}

bool CaptureFile::indexMore(size_t maxRecords)
{
    if (finished_ || !walker_)
        return false;
    // The walk stops at a cut it knows of; one it meets reads zeros (the SIGBUS handler's), and
    // damage() then names the cut.
    for (size_t upTo = walker_->position() + kSpoolStep;; upTo = map_.size() + kSpoolStep) {
        spoolTo(upTo);
        const size_t cut = map_.checkShrunk();
        walker_->setWindow(map_.bytes().first(std::min(map_.size(), cut)), 0);
        const size_t before = index_.size();
        const bool more = walker_->walk(index_, maxRecords);
        if (more)
            return true;
        if (walker_->damage || map_.shrunkAt() != MappedFile::kIntact || !spoolPending()) {
            finished_ = true;
            return false;
        }
        if (index_.size() > before)
            return true; // the end of what is copied so far: the next call copies more
    }
}

bool CaptureFile::indexRead(ReadWindow& w)
{
    if (finished_ || !walker_)
        return false;
    if (following_ || w.buffer.empty()) {
        w.bytes = map_.bytes();
        w.start = 0;
        return indexMore(size_t(1) << 16);
    }
    const size_t from = walker_->position();
    spoolTo(from + w.buffer.size()); // a spooled copy: at least this window copied, or all there is
    const long long got = map_.readAt(from, w.buffer);
    if (got < 0) {
        walker_->damage = Damage{from, std::string("read error: ") + std::strerror(errno)};
        finished_ = true;
        return false;
    }
    // Fewer bytes than the map holds: someone cut the file short under us. The whole records
    // read are kept; the map beyond would fault, so the walk stops at the cut.
    const bool cut = size_t(got) < std::min(w.buffer.size(), map_.size() - from);
    const bool last = from + size_t(got) == map_.size() && !spoolPending();
    w.bytes = {w.buffer.data(), size_t(got)};
    w.start = from;
    walker_->setWindow(w.bytes, from);
    // A record cut by the buffer's end is read again next time; one cut by a damaged compressed
    // source's end is the source's damage (damage() names it), not the walk's.
    walker_->following = !last || (spool_ && spool_->damage());
    walker_->walk(index_, std::numeric_limits<size_t>::max());
    walker_->following = false;
    if (cut) {
        if (!walker_->damage)
            walker_->damage = Damage{from + size_t(got), kShrank};
        finished_ = true;
        return false; // the records just indexed still go to the consumer
    }
    if (last || walker_->damage) {
        finished_ = true;
    } else if (walker_->position() == from && spool_) {
        // One record bigger than the buffer, in a copy still being made: through the map, copying on.
        if (!indexMore(1))
            finished_ = true;
        w.bytes = map_.bytes();
        w.start = 0;
    } else if (walker_->position() == from) {
        // One record (or block) is bigger than the buffer: take it through the map.
        w.bytes = map_.bytes();
        w.start = 0;
        walker_->setWindow(map_.bytes(), 0);
        if (!walker_->walk(index_, 1))
            finished_ = true;
    }
    return !finished_;
}

void CaptureFile::indexAll()
{
    while (indexMore(std::numeric_limits<size_t>::max())) { }
}

size_t CaptureFile::bytesIndexed() const
{
    if (finished_ && !following_)
        return map_.size();
    return walker_ ? walker_->position() : 0;
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

const std::vector<SectionInfo>& CaptureFile::sections() const
{
    static const std::vector<SectionInfo> none;
    return walker_ ? walker_->sections : none;
}

void CaptureFile::decodeEach(std::span<const uint32_t> frames, const std::function<void(uint32_t, const DecodedPacket&)>& each) const
{
    // A gap this small is read along with the records around it: copying it costs less than a
    // page fault would.
    constexpr size_t kJoinGap = size_t(16) << 10, kPiece = size_t(1) << 20;
    std::vector<uint8_t> buffer;
    size_t at = 0;
    while (at < frames.size()) {
        const PacketRecord& first = index_[frames[at]];
        size_t end = at + 1, last = first.offset + first.capLen;
        while (end < frames.size()) {
            const PacketRecord& r = index_[frames[end]];
            if (r.offset < last || r.offset - last > kJoinGap || r.offset + r.capLen - first.offset > kPiece)
                break;
            last = r.offset + r.capLen;
            ++end;
        }
        const size_t length = last - first.offset;
        long long got = -1;
        if (end - at > 1 && !spool_) { // (a cache copy still being made is read through the map: it copies as it goes)
            buffer.resize(std::max(buffer.size(), length));
            got = map_.readAt(first.offset, std::span(buffer.data(), length));
        }
        for (size_t k = at; k < end; ++k) {
            const uint32_t i = frames[k];
            const PacketRecord& r = index_[i];
            if (got < 0 || r.offset + r.capLen - first.offset > size_t(got) || r.kind == RecordKind::CustomBlock) {
                each(i, decode(i)); // through the map (a cut file reads as it always did)
                continue;
            }
            if (k + CaptureFile::kPrefetchAhead < end)
                prefetchHeaders(buffer.data() + (index_[frames[k + kPrefetchAhead]].offset - first.offset));
            DecodedPacket d = decodePacket(linkType(i), std::span<const uint8_t>(buffer.data() + (r.offset - first.offset), r.capLen), r.origLen);
            if (d.ipFragment) [[unlikely]]
                d = decode(i); // a fragment's datagram is put together from the map
            each(i, d);
        }
        at = end;
    }
}

std::optional<Damage> CaptureFile::damage() const
{
    std::optional<Damage> d = walker_ ? walker_->damage : std::nullopt;
    if (d && spool_ && spool_->compression() != Compression::None)
        d->what += " (at that byte of the decompressed data)";
    else if (!d && spool_ && spool_->damage())
        d = spool_->damage(); // the source's own: where in the compressed file, what was decompressed
    if (const size_t cut = map_.shrunkAt(); cut != MappedFile::kIntact && (!d || cut < d->offset))
        d = Damage{cut, kShrank};
    return d;
}

size_t CaptureFile::packetsBeforeDamage() const
{
    // Records lie in file order: the first one not wholly before the cut, by bisection.
    size_t lo = 0, hi = index_.size();
    const size_t cut = map_.shrunkAt();
    if (cut == MappedFile::kIntact)
        return hi;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (index_[mid].offset + index_[mid].capLen <= cut)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

Timestamp CaptureFile::exactTime(size_t i) const
{
    const PacketRecord& r = index_[i];
    const InterfaceInfo& ifc = interfaces()[r.iface];
    const uint8_t* p = map_.data() + r.offset;
    uint64_t raw = 0;
    switch (r.kind) {
    case RecordKind::EnhancedPacket:
    case RecordKind::ObsoletePacket:
        raw = uint64_t(load32(p - 16, ifc.bigEndian)) << 32 | load32(p - 12, ifc.bigEndian);
        break;
    default: {
        const int64_t ns = r.tsNs;
        Timestamp t{ns / 1000000000, uint32_t(ns % 1000000000)};
        if (ns < 0 && t.nsec) {
            t.sec -= 1;
            t.nsec = uint32_t(int64_t(t.nsec) + 1000000000);
        }
        return t;
    }
    }
    return pcapngTime(raw, ifc.tsResol, ifc.tsOffsetSec);
}

std::vector<std::string> CaptureFile::packetComments(size_t i) const
{
    if (auto edited = comments_.find(uint32_t(i)))
        return std::move(*edited);
    return fileComments(i);
}

std::vector<std::string> CaptureFile::fileComments(size_t i) const
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

DecodedPacket CaptureFile::customBlock(size_t i) const
{
    DecodedPacket d;
    d.frame = packetBytes(i);
    d.reportedLen = index_[i].origLen;
    d.customBlock = true;
    // The record starts 12 bytes into its block, after the type, the length and the enterprise
    // number. The type tells the section's byte order (0x00000BAD or 0x40000BAD, either way round).
    const uint8_t* block = map_.data() + index_[i].offset - 12;
    const bool big = (loadLe32(block) & 0xffff) != 0x0bad;
    d.customCopyAllowed = !(load32(block, big) & 0x40000000u);
    d.customPen = load32(block + 8, big);
    return d;
}

} // namespace synflow
