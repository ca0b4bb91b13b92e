// synflow-benchwalk FILE.pcap: the floor for indexing. Reads the file in pieces as SynFlow's
// first pass does (CaptureFile::indexRead) and only walks its records: no index, no decoding.
// The benchmark compares synflow-cli info and conv with it.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: synflow-benchwalk FILE.pcap\n");
        return 2;
    }
    const int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        std::perror(argv[1]);
        return 1;
    }
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    std::vector<uint8_t> buf(size_t(512) << 10);
    size_t fileOffset = 24, packets = 0; // the next record's offset in the file
    uint64_t bytes = 0, sum = 0;
    for (;;) {
        const ssize_t got = pread(fd, buf.data(), buf.size(), off_t(fileOffset));
        if (got <= 0)
            break;
        size_t pos = 0;
        while (pos + 16 <= size_t(got)) {
            uint32_t cap, len;
            std::memcpy(&cap, &buf[pos + 8], 4);
            std::memcpy(&len, &buf[pos + 12], 4);
            if (pos + 16 + cap > size_t(got))
                break;
            sum += buf[pos + 16 + (cap ? cap - 1 : 0)]; // touch the packet's bytes like a decoder does
            bytes += len;
            ++packets;
            pos += 16 + cap;
        }
        if (pos == 0)
            break; // a record larger than the buffer, or a cut one at the end
        fileOffset += pos;
    }
    std::printf("%zu packets, %llu bytes (%llu)\n", packets, static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(sum & 1));
    return 0;
}
