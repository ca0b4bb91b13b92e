#include "capture/capturesaver.h"

#include "capture/capturefile.h"
#include "capture/pcapngoptions.h"
#include "capture/pcapngwriter.h"
#include "capture/timearith.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <span>
#include <vector>
#include <sys/stat.h>
#include <unistd.h>

namespace synflow {
namespace {

mode_t processUmask()
{
    std::ifstream in("/proc/self/status");
    std::string key;
    while (in >> key) {
        if (key == "Umask:") {
            std::string octal;
            in >> octal;
            return mode_t(std::stoul(octal, nullptr, 8));
        }
        in.ignore(4096, '\n');
    }
    return 022;
}

bool sameFile(const std::string& a, const std::string& b)
{
    struct stat sa {}, sb {};
    return stat(a.c_str(), &sa) == 0 && stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

bool writeAll(int fd, const uint8_t* p, size_t n)
{
    while (n) {
        const ssize_t w = ::write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= size_t(w);
    }
    return true;
}

// Same format as the source: the bytes as they are (comments, statistics, every block kept),
// up to the end of the last whole record.
bool copyBytes(const CaptureFile& file, int fd)
{
    const size_t end = file.damage() ? file.damage()->offset : file.bytesIndexed();
    return writeAll(fd, file.bytes().data(), std::min(end, file.bytes().size()));
}

uint32_t load32At(const uint8_t* p, bool big)
{
    return big ? uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]
               : uint32_t(p[3]) << 24 | uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | p[0];
}

void append16(std::vector<uint8_t>& b, uint16_t v, bool big)
{
    b.push_back(uint8_t(big ? v >> 8 : v));
    b.push_back(uint8_t(big ? v : v >> 8));
}

void append32(std::vector<uint8_t>& b, uint32_t v, bool big)
{
    append16(b, uint16_t(big ? v >> 16 : v), big);
    append16(b, uint16_t(big ? v : v >> 16), big);
}

void appendOption(std::vector<uint8_t>& b, uint16_t code, std::span<const uint8_t> value, bool big)
{
    append16(b, code, big);
    append16(b, uint16_t(value.size()), big);
    b.insert(b.end(), value.begin(), value.end());
    b.resize((b.size() + 3) & ~size_t(3), 0);
}

// Frame i's packet block again, in its section's byte order, with `comments` as its opt_comment
// options and every other option it had.
std::vector<uint8_t> packetBlockWithComments(const CaptureFile& file, size_t i, const std::vector<std::string>& comments)
{
    const PacketRecord& r = file.index()[i];
    const bool big = file.interfaces()[r.iface].bigEndian;
    const uint8_t* block = file.bytes().data() + r.offset - 28; // EPB and obsolete PB: 28 bytes before the data
    const uint32_t total = load32At(block + 4, big);
    const size_t optStart = 28 + ((size_t(r.capLen) + 3) & ~size_t(3));
    std::vector<uint8_t> options;
    for (const std::string& c : comments)
        appendOption(options, 1, {reinterpret_cast<const uint8_t*>(c.data()), c.size()}, big);
    if (total >= optStart + 4)
        forEachOption(block + optStart, total - 4 - optStart, big, [&](uint16_t code, std::span<const uint8_t> v) {
            if (code != 1)
                appendOption(options, code, v, big);
        });
    if (!options.empty())
        appendOption(options, 0, {}, big);
    std::vector<uint8_t> out(block, block + optStart);
    out.insert(out.end(), options.begin(), options.end());
    const uint32_t newTotal = uint32_t(out.size() + 4);
    std::vector<uint8_t> len;
    append32(len, newTotal, big);
    std::copy(len.begin(), len.end(), out.begin() + 4);
    out.insert(out.end(), len.begin(), len.end());
    return out;
}

// Where the comments cannot go: a frame whose block has no options (Simple Packet Block, custom
// block) or a comment longer than an option holds.
bool checkEdits(const CaptureFile& file, const std::map<uint32_t, std::vector<std::string>>& edits, std::string& error)
{
    for (const auto& [frame, comments] : edits) {
        if (frame >= file.packetCount()) {
            error = "internal: a comment for packet " + std::to_string(frame + 1) + ", which the capture does not have";
            return false;
        }
        const RecordKind kind = file.index()[frame].kind;
        if (file.format() == FileFormat::PcapNg && kind != RecordKind::EnhancedPacket && kind != RecordKind::ObsoletePacket) {
            error = "packet " + std::to_string(frame + 1) + " is stored in a block that cannot carry a comment";
            return false;
        }
        for (const std::string& c : comments)
            if (c.size() > UINT16_MAX) {
                error = "packet " + std::to_string(frame + 1) + "'s comment is longer than a pcapng option holds (65535 bytes)";
                return false;
            }
    }
    return true;
}

// A pcapng copy with the edited packets' blocks rebuilt. Section lengths, where a section
// header states one, become "unspecified" (the blocks changed size).
bool copyWithComments(const CaptureFile& file, int fd, const std::map<uint32_t, std::vector<std::string>>& edits)
{
    const size_t end = std::min(file.damage() ? file.damage()->offset : file.bytesIndexed(), file.bytes().size());
    const uint8_t* bytes = file.bytes().data();
    std::map<size_t, uint32_t> editedAt; // block start -> frame
    for (const auto& [frame, comments] : edits)
        editedAt.emplace(size_t(file.index()[frame].offset - 28), frame);
    std::vector<uint8_t> buf;
    buf.reserve(1 << 20);
    size_t pos = 0, copied = 0;
    bool big = false;
    auto flushTo = [&](size_t upTo) {
        buf.insert(buf.end(), bytes + copied, bytes + upTo);
        copied = upTo;
    };
    while (pos + 12 <= end) {
        if (load32At(bytes + pos, false) == 0x0A0D0D0A) {
            big = load32At(bytes + pos + 8, false) != 0x1A2B3C4D;
            if (pos + 24 <= end && load32At(bytes + pos + 16, big) != UINT32_MAX) {
                flushTo(pos + 16);
                buf.insert(buf.end(), 8, 0xff);
                copied = pos + 24;
            }
        }
        const uint32_t total = load32At(bytes + pos + 4, big);
        if (total < 12 || total % 4 || total > end - pos)
            break; // the rest is copied as it is
        if (const auto it = editedAt.find(pos); it != editedAt.end()) {
            flushTo(pos);
            const std::vector<uint8_t> block = packetBlockWithComments(file, it->second, edits.at(it->second));
            buf.insert(buf.end(), block.begin(), block.end());
            copied = pos + total;
        }
        pos += total;
        if (buf.size() >= (1 << 20)) {
            if (!writeAll(fd, buf.data(), buf.size()))
                return false;
            buf.clear();
        }
    }
    flushTo(end);
    return writeAll(fd, buf.data(), buf.size());
}

bool writePcap(const CaptureFile& file, int fd, std::string& error)
{
    const PacketIndex& index = file.index();
    int linkType = -1;
    uint32_t snapLen = 0;
    for (size_t i = 0; i < index.size(); ++i) {
        if (index[i].kind == RecordKind::CustomBlock)
            continue;
        const uint16_t lt = file.linkType(i);
        if (linkType >= 0 && lt != linkType) {
            error = "pcap holds one link type, this capture has several (packet " + std::to_string(i + 1)
                + " differs): save it as pcapng";
            return false;
        }
        linkType = lt;
        snapLen = std::max(snapLen, file.interfaces()[index[i].iface].snapLen);
    }
    if (linkType < 0)
        linkType = file.interfaces().empty() ? 1 : file.interfaces()[0].linkType;
    if (snapLen == 0)
        snapLen = 262144;
    // Nanosecond pcap, so no time is rounded.
    const uint32_t head[6] = {0xa1b23c4d, 2 | (4u << 16), 0, 0, snapLen, uint32_t(linkType)};
    if (!writeAll(fd, reinterpret_cast<const uint8_t*>(head), sizeof head))
        return false;
    std::vector<uint8_t> buf;
    buf.reserve(1 << 20);
    for (size_t i = 0; i < index.size(); ++i) {
        const PacketRecord& r = index[i];
        if (r.kind == RecordKind::CustomBlock)
            continue; // not a packet
        const Timestamp t = file.exactTime(i);
        if (t.sec < 0 || t.sec > int64_t(UINT32_MAX)) { // pcap's seconds are 32-bit, from 1970
            error = "packet " + std::to_string(i + 1) + "'s time is outside 1970-2106, which pcap cannot hold: save it as pcapng";
            return false;
        }
        const auto data = file.packetBytes(i);
        const uint32_t rec[4] = {uint32_t(t.sec), t.nsec, uint32_t(data.size()), r.origLen};
        buf.insert(buf.end(), reinterpret_cast<const uint8_t*>(rec), reinterpret_cast<const uint8_t*>(rec) + sizeof rec);
        buf.insert(buf.end(), data.begin(), data.end());
        if (buf.size() >= (1 << 20)) {
            if (!writeAll(fd, buf.data(), buf.size()))
                return false;
            buf.clear();
        }
    }
    return writeAll(fd, buf.data(), buf.size());
}

bool writePcapNg(const CaptureFile& file, const std::string& tmp, std::string& error)
{
    const auto& ifaces = file.interfaces();
    const uint16_t linkType = ifaces.empty() ? 1 : ifaces[0].linkType;
    const uint32_t snapLen = ifaces.empty() || ifaces[0].snapLen == 0 ? 262144 : ifaces[0].snapLen;
    PcapNgWriter w;
    if (!w.open(tmp, linkType, snapLen, ifaces.empty() ? std::string() : ifaces[0].name, error))
        return false;
    const PacketIndex& index = file.index();
    for (size_t i = 0; i < index.size(); ++i) {
        const Timestamp t = file.exactTime(i);
        if (t.sec < 0 || t.sec >= INT64_MAX / 1000000000) { // written as nanoseconds since 1970 in 63 bits
            error = "packet " + std::to_string(i + 1) + "'s time is outside 1970-2262, which this pcapng writer cannot hold";
            return false;
        }
        const std::vector<std::string> comments = file.packetComments(i);
        if (!w.write(saturatedNs(t), index[i].origLen, file.packetBytes(i), &comments))
            return false;
    }
    return w.close();
}

} // namespace

bool saveCapture(const CaptureFile& file, const std::string& path, SaveFormat format, std::string& error, bool replaceSource)
{
    if (sameFile(path, file.path()) && (!replaceSource || file.spooled())) {
        error = path + " is the capture that is open: save under another name (SynFlow never overwrites its source"
            + (file.spooled() ? std::string(", and a compressed one would be replaced by a plain capture)") : std::string(" without asking)"));
        return false;
    }
    const auto edits = file.commentEdits().all();
    if (!edits.empty() && format == SaveFormat::Pcap) {
        error = "pcap cannot hold packet comments: save as pcapng to keep them";
        return false;
    }
    if (!checkEdits(file, edits, error))
        return false;
    const bool sourceIsPcapNg = file.format() == FileFormat::PcapNg;
    // Damage inside the file's first block leaves nothing whole to copy: an empty file would not
    // open again, so the capture (no packets) is written afresh.
    const bool copy = sourceIsPcapNg == (format == SaveFormat::PcapNg) && !(file.damage() && file.damage()->offset == 0);
    if (!copy && !sourceIsPcapNg && format == SaveFormat::PcapNg && file.interfaces().size() > 1) {
        error = "internal: a pcap source has one interface";
        return false;
    }
    std::string tmp = path + ".XXXXXX";
    const int fd = mkstemp(tmp.data());
    if (fd < 0) {
        error = "cannot write in the folder of " + path + ": " + std::strerror(errno);
        return false;
    }
    // Keep an existing target's permissions, else 0666 less the umask (read from /proc: the
    // umask() call that reports it would also change it for every thread for a moment).
    struct stat old {};
    mode_t mode = 0666 & ~processUmask();
    if (stat(path.c_str(), &old) == 0)
        mode = old.st_mode & 07777;
    fchmod(fd, mode);

    bool ok;
    std::string why;
    if (copy && !edits.empty())
        ok = copyWithComments(file, fd, edits);
    else if (copy)
        ok = copyBytes(file, fd);
    else if (format == SaveFormat::Pcap)
        ok = writePcap(file, fd, why);
    else
        ok = writePcapNg(file, tmp, why); // the writer opens the temporary by name
    ok = ok && fsync(fd) == 0;
    const int closeErr = ::close(fd);
    ok = ok && closeErr == 0 && std::rename(tmp.c_str(), path.c_str()) == 0;
    if (!ok) {
        const int err = errno;
        ::unlink(tmp.c_str());
        error = "cannot save " + path + ": " + (why.empty() ? std::string(std::strerror(err)) : why);
        return false;
    }
    // Make the rename itself durable.
    const std::string dir = std::filesystem::path(path).parent_path().string();
    if (const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        fsync(dfd);
        ::close(dfd);
    }
    return true;
}

} // namespace synflow
