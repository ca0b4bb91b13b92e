#pragma once
// Writes a pcapng file as packets arrive: one section, one interface, nanosecond stamps.
// Every block is complete once flush() returns, so a crash leaves a readable file.
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

namespace synflow {

class PcapNgWriter {
public:
    PcapNgWriter() = default;
    ~PcapNgWriter();
    PcapNgWriter(const PcapNgWriter&) = delete;
    PcapNgWriter& operator=(const PcapNgWriter&) = delete;

    bool open(const std::string& path, uint16_t linkType, uint32_t snapLen, const std::string& interfaceName, std::string& error);
    // Writes to a stream already open (stdout for a pipe); `name` is what errors call it.
    // The writer owns the stream from here on and closes it in close().
    bool open(std::FILE* stream, const std::string& name, uint16_t linkType, uint32_t snapLen, const std::string& interfaceName,
              std::string& error);
    // `comments`: the packet's opt_comment options (each at most 65535 bytes).
    bool write(int64_t tsNs, uint32_t origLen, std::span<const uint8_t> data, const std::vector<std::string>* comments = nullptr);
    bool flush();
    bool close();
    uint64_t bytesWritten() const { return bytes_; }

private:
    bool put(const void* p, size_t n);
    std::FILE* f_ = nullptr;
    uint64_t bytes_ = 0;
};

} // namespace synflow
