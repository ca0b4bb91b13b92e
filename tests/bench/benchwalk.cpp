// synflow-benchwalk FILE.pcap: the floor for indexing — map the file and only walk its
// records (no index, no decoding). The benchmark compares synflow-cli info with it.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: synflow-benchwalk FILE.pcap\n");
        return 2;
    }
    const int fd = open(argv[1], O_RDONLY);
    struct stat st {};
    if (fd < 0 || fstat(fd, &st) != 0) {
        std::perror(argv[1]);
        return 1;
    }
    const size_t size = size_t(st.st_size);
    auto* p = static_cast<const uint8_t*>(mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0));
    if (p == MAP_FAILED)
        return 1;
    madvise(const_cast<uint8_t*>(p), size, MADV_SEQUENTIAL);
    size_t pos = 24, packets = 0;
    uint64_t bytes = 0, sum = 0;
    while (pos + 16 <= size) {
        uint32_t cap, len;
        std::memcpy(&cap, p + pos + 8, 4);
        std::memcpy(&len, p + pos + 12, 4);
        if (pos + 16 + cap > size)
            break;
        sum += p[pos + 16 + (cap ? cap - 1 : 0)]; // touch the packet's bytes like a decoder does
        bytes += len;
        ++packets;
        pos += 16 + cap;
    }
    std::printf("%zu packets, %llu bytes (%llu)\n", packets, static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(sum & 1));
    return 0;
}
