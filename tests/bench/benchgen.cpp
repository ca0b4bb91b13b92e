// synflow-benchgen OUT.pcap PACKETS CAPTURE...
// Builds a large capture from real ones: the inputs' Ethernet frames are repeated, each
// repetition with its IP addresses shifted (so every copy is its own set of conversations)
// and its times moved past the previous copy. Written as a nanosecond pcap.
#include "capture/capturefile.h"
#include "decode/packetdecoder.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace synflow;

int main(int argc, char** argv)
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: synflow-benchgen OUT.pcap PACKETS CAPTURE...\n");
        return 2;
    }
    const unsigned long long target = std::strtoull(argv[2], nullptr, 10);
    struct Source {
        std::unique_ptr<CaptureFile> file;
        int64_t span = 0;
    };
    std::vector<Source> sources;
    for (int i = 3; i < argc; ++i) {
        Source s{std::make_unique<CaptureFile>()};
        std::string err;
        if (!s.file->open(argv[i], err)) {
            std::fprintf(stderr, "synflow-benchgen: %s\n", err.c_str());
            return 1;
        }
        s.file->indexAll();
        const PacketIndex& idx = s.file->index();
        if (idx.size())
            s.span = nsBetween(idx[idx.size() - 1].tsNs, idx[0].tsNs);
        sources.push_back(std::move(s));
    }
    FILE* out = std::fopen(argv[1], "wb");
    if (!out) {
        std::perror(argv[1]);
        return 1;
    }
    const uint32_t header[6] = {0xa1b23c4d, 0x00040002, 0, 0, 262144, 1};
    std::fwrite(header, 1, 24, out);
    unsigned long long written = 0;
    int64_t base = 1700000000LL * 1000000000LL;
    std::vector<uint8_t> buf;
    for (uint32_t copy = 0; written < target; ++copy) {
        for (Source& s : sources) {
            const PacketIndex& idx = s.file->index();
            for (size_t i = 0; i < idx.size() && written < target; ++i) {
                if (s.file->linkType(i) != 1 || idx[i].kind == RecordKind::CustomBlock)
                    continue;
                const auto bytes = s.file->packetBytes(i);
                buf.assign(bytes.begin(), bytes.end());
                const DecodedPacket d = decodePacket(1, buf, idx[i].origLen);
                uint8_t* p = buf.data() + d.netOffset;
                if (d.net == NetLayer::IPv4) {
                    p[12 + 1] ^= uint8_t(copy);
                    p[12 + 2] ^= uint8_t(copy >> 8);
                    p[12 + 3] ^= uint8_t(copy >> 16); // more than 65 536 copies: a million short connections
                    p[16 + 1] ^= uint8_t(copy);
                    p[16 + 2] ^= uint8_t(copy >> 8);
                    p[16 + 3] ^= uint8_t(copy >> 16);
                } else if (d.net == NetLayer::IPv6) {
                    p[8 + 4] ^= uint8_t(copy);
                    p[8 + 5] ^= uint8_t(copy >> 8);
                    p[24 + 4] ^= uint8_t(copy);
                    p[24 + 5] ^= uint8_t(copy >> 8);
                }
                const int64_t ts = base + nsBetween(idx[i].tsNs, idx[0].tsNs);
                const uint32_t rec[4] = {uint32_t(ts / 1000000000), uint32_t(ts % 1000000000), uint32_t(buf.size()), idx[i].origLen};
                std::fwrite(rec, 1, 16, out);
                std::fwrite(buf.data(), 1, buf.size(), out);
                ++written;
            }
            base += s.span + 1000000000LL;
        }
    }
    std::fclose(out);
    std::fprintf(stderr, "synflow-benchgen: %llu packets written to %s\n", written, argv[1]);
    return 0;
}
