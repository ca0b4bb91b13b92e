#include "capture/pcapngwriter.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

namespace synflow {
namespace {

void appendLeOption(std::vector<uint8_t>& b, uint16_t code, const void* value, uint16_t len)
{
    const uint8_t head[4] = {uint8_t(code), uint8_t(code >> 8), uint8_t(len), uint8_t(len >> 8)};
    b.insert(b.end(), head, head + 4);
    const auto* v = static_cast<const uint8_t*>(value);
    b.insert(b.end(), v, v + len);
    b.resize((b.size() + 3) & ~size_t(3), 0);
}

void append32(std::vector<uint8_t>& b, uint32_t v)
{
    const uint8_t x[4] = {uint8_t(v), uint8_t(v >> 8), uint8_t(v >> 16), uint8_t(v >> 24)};
    b.insert(b.end(), x, x + 4);
}

// Wraps a block body in type, length and the trailing length (little-endian host order).
std::vector<uint8_t> block(uint32_t type, const std::vector<uint8_t>& body)
{
    std::vector<uint8_t> b;
    const uint32_t total = uint32_t(12 + body.size());
    append32(b, type);
    append32(b, total);
    b.insert(b.end(), body.begin(), body.end());
    append32(b, total);
    return b;
}

} // namespace

PcapNgWriter::~PcapNgWriter() { close(); }

bool PcapNgWriter::put(const void* p, size_t n)
{
    if (!f_ || std::fwrite(p, 1, n, f_) != n)
        return false;
    bytes_ += n;
    return true;
}

bool PcapNgWriter::open(const std::string& path, uint16_t linkType, uint32_t snapLen, const std::string& interfaceName,
                        std::string& error)
{
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) {
        error = "cannot write " + path + ": " + std::strerror(errno);
        return false;
    }
    return open(f, path, linkType, snapLen, interfaceName, error);
}

bool PcapNgWriter::open(std::FILE* stream, const std::string& path, uint16_t linkType, uint32_t snapLen,
                        const std::string& interfaceName, std::string& error)
{
    f_ = stream;
    std::vector<uint8_t> shb;
    append32(shb, 0x1A2B3C4D);
    append32(shb, 1);          // version 1.0
    append32(shb, 0xffffffff); // section length unknown
    append32(shb, 0xffffffff);
    const char app[] = "SynFlow";
    appendLeOption(shb, 4, app, uint16_t(sizeof app - 1)); // shb_userappl
    appendLeOption(shb, 0, nullptr, 0);
    std::vector<uint8_t> idb;
    append32(idb, linkType);
    append32(idb, snapLen);
    appendLeOption(idb, 2, interfaceName.data(), uint16_t(interfaceName.size())); // if_name
    const uint8_t nanoseconds = 9;
    appendLeOption(idb, 9, &nanoseconds, 1); // if_tsresol
    appendLeOption(idb, 0, nullptr, 0);
    const auto a = block(0x0A0D0D0A, shb), b = block(1, idb);
    if (!put(a.data(), a.size()) || !put(b.data(), b.size()) || !flush()) {
        error = "cannot write " + path + ": " + std::strerror(errno);
        return false;
    }
    return true;
}

bool PcapNgWriter::write(int64_t tsNs, uint32_t origLen, std::span<const uint8_t> data, const std::vector<std::string>* comments)
{
    const uint32_t cap = uint32_t(data.size());
    const uint32_t padded = (cap + 3) & ~3u;
    std::vector<uint8_t> options;
    if (comments && !comments->empty()) {
        for (const std::string& c : *comments)
            appendLeOption(options, 1, c.data(), uint16_t(std::min<size_t>(c.size(), UINT16_MAX)));
        appendLeOption(options, 0, nullptr, 0);
    }
    const uint32_t total = 32 + padded + uint32_t(options.size());
    const uint64_t ts = uint64_t(tsNs);
    const uint32_t fields[7] = {6, total, 0, uint32_t(ts >> 32), uint32_t(ts), cap, origLen};
    uint8_t head[28], tail[4];
    for (int i = 0; i < 7; ++i)
        for (int k = 0; k < 4; ++k)
            head[i * 4 + k] = uint8_t(fields[i] >> (8 * k)); // little-endian, as the section header says
    for (int k = 0; k < 4; ++k)
        tail[k] = uint8_t(total >> (8 * k));
    static const uint8_t zeros[4] = {};
    return put(head, sizeof head) && put(data.data(), cap) && put(zeros, padded - cap)
        && (options.empty() || put(options.data(), options.size())) && put(tail, 4);
}

bool PcapNgWriter::flush()
{
    return f_ && std::fflush(f_) == 0;
}

bool PcapNgWriter::close()
{
    if (!f_)
        return true;
    const bool ok = std::fflush(f_) == 0;
    const bool closed = std::fclose(f_) == 0;
    f_ = nullptr;
    return ok && closed;
}

} // namespace synflow
