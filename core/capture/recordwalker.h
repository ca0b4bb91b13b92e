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

    std::vector<InterfaceInfo> interfaces;
    std::optional<Damage> damage;
    std::vector<std::string> sectionComments;
};

std::unique_ptr<RecordWalker> makePcapWalker(std::span<const uint8_t> file);
std::unique_ptr<RecordWalker> makePcapNgWalker(std::span<const uint8_t> file);

} // namespace synflow
