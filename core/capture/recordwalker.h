#pragma once
// Walks the records of one capture format and appends them to an index.
#include "capture/captureinfo.h"
#include "capture/packetindex.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace synflow {

class RecordWalker {
public:
    virtual ~RecordWalker() = default;
    // Reads the file header; false (with damage set) if it is unusable.
    virtual bool start() = 0;
    // Appends up to `maxRecords` records; returns false once the end or damage is reached.
    virtual bool walk(PacketIndex& index, size_t maxRecords) = 0;
    // Where the walker reads file bytes [start, start + bytes.size()) from: the whole mapping, or
    // a part of the file read into a buffer. A walk stops before a record that does not end inside
    // it; with `following` unset, only one cut by the end of the file is damage.
    void setWindow(std::span<const uint8_t> bytes, size_t start)
    {
        window_ = bytes;
        windowStart_ = start;
    }
    // Bytes walked so far: the end of the last whole record (or block) read.
    virtual size_t position() const = 0;

    // The file is still being written: a record cut short at its end is not damage yet, the
    // walk stops before it and goes on once the window has grown.
    bool following = false;

    std::vector<InterfaceInfo> interfaces;
    std::optional<Damage> damage;
    std::vector<std::string> sectionComments;
    std::vector<SectionInfo> sections; // pcapng: one per section header, in file order

protected:
    const uint8_t* at(size_t pos) const { return window_.data() + (pos - windowStart_); }
    size_t offsetOf(const uint8_t* p) const { return windowStart_ + size_t(p - window_.data()); }
    size_t windowEnd() const { return windowStart_ + window_.size(); }

private:
    std::span<const uint8_t> window_;
    size_t windowStart_ = 0;
};

std::unique_ptr<RecordWalker> makePcapWalker(std::span<const uint8_t> file);
std::unique_ptr<RecordWalker> makePcapNgWalker(std::span<const uint8_t> file);

} // namespace synflow
