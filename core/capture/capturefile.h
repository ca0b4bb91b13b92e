#pragma once
// A capture file opened for reading: the mapped bytes, the interface table and
// the packet index, filled incrementally so a GUI can show rows while it loads.
#include "capture/captureinfo.h"
#include "capture/decompressor.h"
#include "capture/mappedfile.h"
#include "capture/packetcomments.h"
#include "capture/packetindex.h"
#include "decode/ipreassembly.h"
#include "decode/packetdecoder.h"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace synflow {

class CaptureSpool;
class RecordWalker;

// Asks the CPU to start loading a packet's first 64 bytes and the line after (its headers).
inline void prefetchHeaders(const uint8_t* p)
{
    __builtin_prefetch(p);
    __builtin_prefetch(p + 63);
}

// The bytes that the records indexed by one CaptureFile::indexRead() call are read from.
struct ReadWindow {
    std::vector<uint8_t> buffer;    // sized by the caller, reused from call to call
    std::span<const uint8_t> bytes; // file bytes [start, start + bytes.size())
    size_t start = 0;

    std::span<const uint8_t> packet(const PacketRecord& r) const { return {bytes.data() + (r.offset - start), r.capLen}; }
    // Like CaptureFile::prefetchPacket(): the buffer was just filled by another core.
    void prefetch(const PacketRecord& r) const { prefetchHeaders(bytes.data() + (r.offset - start)); }
};

class CaptureFile {
public:
    CaptureFile();
    ~CaptureFile();
    CaptureFile(const CaptureFile&) = delete;
    CaptureFile& operator=(const CaptureFile&) = delete;

    // Maps the file and reads its header. False with a one-line `error` when it is
    // not a readable capture (the reason names what the file looked like). A compressed file
    // (gzip, zstd, lz4: by content) and "-" (standard input) are copied, decompressed, into a
    // cache file as the indexing goes (CaptureSpool) and read from there like any file.
    bool open(const std::string& path, std::string& error);
    // Opens a capture that is still being written (a live capture's file): records cut short
    // at the end are waited for, not reported as damage. follow() takes in appended bytes.
    bool openFollowing(const std::string& path, std::string& error);
    // True if the file grew since the last call (indexMore() then has more to read).
    bool follow();

    // Indexes up to `maxRecords` more records. Returns false once the whole file
    // (or everything before damage) is indexed.
    bool indexMore(size_t maxRecords);
    // Like indexMore(), for a pass that decodes each record once, in order: reads the next part
    // of the file into `w.buffer` and indexes the whole records in it, to be decoded from `w`.
    // The map is not touched (a record bigger than the buffer is the exception), so none of the
    // file's pages are faulted in or kept: faster than reading through the map (see readAt()).
    bool indexRead(ReadWindow& w);
    void indexAll();
    bool finished() const { return finished_; }

    FileFormat format() const { return format_; }
    // How the file was compressed (None for a plain file, and for a plain capture on stdin).
    Compression compression() const;
    // True when the packets are read from a cache copy (a compressed file or standard input).
    bool spooled() const { return spool_ != nullptr; }
    // Bytes of the source read so far and its size (0 if unknown, as for a pipe): the progress
    // of a load. For a plain file these are bytesIndexed() and fileSize().
    size_t sourceDone() const;
    size_t sourceSize() const;
    const std::string& path() const { return map_.path(); }
    size_t fileSize() const { return map_.size(); }
    std::span<const uint8_t> bytes() const { return map_.bytes(); }
    size_t bytesIndexed() const;

    const PacketIndex& index() const { return index_; }
    PacketIndex& index() { return index_; }
    size_t packetCount() const { return index_.size(); }
    const std::vector<InterfaceInfo>& interfaces() const;
    const std::vector<std::string>& sectionComments() const;
    const std::vector<SectionInfo>& sections() const; // pcapng section headers' options
    // The first damage found: by the walk, or the file shrinking under a reader (see shrunkAt()).
    std::optional<Damage> damage() const;

    // Where the file was found cut short after it was opened (MappedFile::kIntact if it was not).
    // Reading through the map stays safe past the cut (zeros); readers check intact() after reading
    // a packet and before using it. Both are an atomic load; checkShrunk() also asks the file system.
    size_t shrunkAt() const { return map_.shrunkAt(); }
    size_t checkShrunk() const { return map_.checkShrunk(); }
    bool intact(size_t i) const { return index_[i].offset + index_[i].capLen <= map_.shrunkAt(); }
    // The packets wholly before the damage (all of them for an intact file).
    size_t packetsBeforeDamage() const;

    std::span<const uint8_t> packetBytes(size_t i) const
    {
        const PacketRecord& r = index_[i];
        return {map_.data() + r.offset, r.capLen};
    }
    // Asks the CPU to start loading record i's headers. Loops that decode every packet call it a few
    // records ahead: the indexer touched only the record headers, so each packet's first read would
    // otherwise wait for main memory (measured: most of the decoder's time).
    static constexpr size_t kPrefetchAhead = 8;
    void prefetchPacket(size_t i) const
    {
        if (i < index_.size())
            prefetchHeaders(map_.data() + index_[i].offset);
    }
    uint16_t linkType(size_t i) const { return interfaces()[index_[i].iface].linkType; }
    // Record i's layers (none for a pcapng custom block, which is not a packet: its header only).
    // A fragment that completed an IP datagram (see learnFragment) gives the reassembled datagram.
    DecodedPacket decode(size_t i) const
    {
        const PacketRecord& r = index_[i];
        if (r.kind == RecordKind::CustomBlock) [[unlikely]]
            return customBlock(i);
        DecodedPacket d = decodePacket(linkType(i), packetBytes(i), r.origLen);
        if (d.ipFragment) [[unlikely]]
            reassemble(i, d);
        return d;
    }
    // The first pass, in frame order, hands each IP fragment here (`d` as decoded from the frame's
    // bytes); when it completes its datagram, `d` becomes the reassembled datagram's decode.
    void learnFragment(size_t i, DecodedPacket& d);
    const IpReassembly& fragments() const { return fragments_; }
    // The record's time exactly as the file states it (seconds saturate at the int64 bounds).
    // PacketRecord::tsNs wraps (consistently, so differences stay right) for times beyond the
    // years 1677 and 2262; this re-reads the raw stamp.
    Timestamp exactTime(size_t i) const;
    // decode() of each of `frames` (ascending record numbers), in order. Records lying close
    // together in the file are read a piece at a time with readAt() rather than through the map
    // (as a whole-file pass is): a stream's frames of a big capture, faulted in page by page, took
    // most of a second per GB. A lone record far from the others is read through the map.
    void decodeEach(std::span<const uint32_t> frames, const std::function<void(uint32_t, const DecodedPacket&)>& each) const;
    // Frame i's packet comments: the user's edit if there is one, else the file's (pcapng
    // opt_comment, parsed on demand from the block; possibly several).
    std::vector<std::string> packetComments(size_t i) const;
    // The comments the file itself holds for frame i.
    std::vector<std::string> fileComments(size_t i) const;
    DecodedPacket customBlock(size_t i) const;
    // The user's comment edits. An overlay the views read from any thread while the window
    // edits it, not part of the file's contents: so reachable from a const capture.
    PacketComments& commentEdits() const { return comments_; }

private:
    void reassemble(size_t i, DecodedPacket& d) const;
    bool startWalker(const std::string& path, std::string& error);
    bool openSpooled(const std::string& path, std::string& error);
    // Copies more of a spooled source, to at least `upTo` bytes, and lets the map and walker see it.
    void spoolTo(size_t upTo);
    bool spoolPending() const;

    MappedFile map_;
    PacketIndex index_;
    IpReassembly fragments_;
    std::unique_ptr<CaptureSpool> spool_;
    std::unique_ptr<RecordWalker> walker_;
    FileFormat format_ = FileFormat::Unknown;
    bool finished_ = false;
    bool following_ = false;
    mutable PacketComments comments_;
};

} // namespace synflow
