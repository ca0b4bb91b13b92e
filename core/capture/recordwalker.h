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
    // The file grew (same start address, more bytes).
    virtual void grow(std::span<const uint8_t> file) = 0;
    // Bytes walked so far: the end of the last whole record (or block) read.
    virtual size_t position() const = 0;

    // The file is still being written: a record cut short at its end is not damage yet, the
    // walk stops before it and goes on after grow().
    bool following = false;

    std::vector<InterfaceInfo> interfaces;
    std::optional<Damage> damage;
    std::vector<std::string> sectionComments;
};

std::unique_ptr<RecordWalker> makePcapWalker(std::span<const uint8_t> file);
std::unique_ptr<RecordWalker> makePcapNgWalker(std::span<const uint8_t> file);

} // namespace synflow
