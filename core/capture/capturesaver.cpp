#include "capture/capturesaver.h"

#include "capture/capturefile.h"
#include "capture/pcapngwriter.h"
#include "capture/timearith.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
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
        if (!w.write(saturatedNs(t), index[i].origLen, file.packetBytes(i)))
            return false;
    }
    return w.close();
}

} // namespace

bool saveCapture(const CaptureFile& file, const std::string& path, SaveFormat format, std::string& error)
{
    if (sameFile(path, file.path())) {
        error = path + " is the capture that is open: save under another name (SynFlow never overwrites its source)";
        return false;
    }
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
    if (copy)
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
