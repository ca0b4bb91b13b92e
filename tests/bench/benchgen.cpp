// synflow-benchgen OUT.pcap PACKETS CAPTURE...
// Builds a large capture from real ones: the inputs' Ethernet frames are repeated, each
// repetition with its IP addresses shifted (so every copy is its own set of conversations)
// and its times moved past the previous copy. Written as a nanosecond pcap.
//
// synflow-benchgen --one-packet OUT.pcap CONVERSATIONS
//   one packet per TCP conversation (SYNs, every fourth a data segment), between two
//   addresses so a flow graph keeps two lifelines however many conversations there are.
// synflow-benchgen --one-stream OUT.pcap SEGMENTS
//   one conversation of that many packets: data one way, ACKs back, the sequence number
//   wrapping, with reordered and retransmitted segments (headers only, as with a snaplen).
// synflow-benchgen --big-stream OUT.pcap BYTES
//   the same conversation carrying BYTES of text (64-byte numbered lines), every byte stored:
//   what Follow Stream and the tcptrace graph are timed on.
#include "capture/capturefile.h"
#include "decode/packetdecoder.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace synflow;

namespace {

// Writes Ethernet/IPv4/TCP frames into a nanosecond pcap.
class SynthWriter {
public:
    explicit SynthWriter(FILE* out) : out_(out)
    {
        const uint32_t header[6] = {0xa1b23c4d, 0x00040002, 0, 0, 262144, 1};
        std::fwrite(header, 1, 24, out_);
    }
    // `payload` bytes follow the header on the wire; `stored` of them are in the file.
    void tcp(int64_t ts, uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
             uint32_t payload, const char* data = nullptr, uint32_t stored = 0)
    {
        static uint8_t f[54 + 65535];
        std::memset(f, 0, 54);
        const uint8_t mac[12] = {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6};
        std::memcpy(f, mac, 12);
        f[12] = 0x08;
        uint8_t* ip = f + 14;
        ip[0] = 0x45;
        const uint32_t total = 40 + payload;
        ip[2] = uint8_t(total >> 8);
        ip[3] = uint8_t(total);
        ip[8] = 64;
        ip[9] = 6;
        put32(ip + 12, src);
        put32(ip + 16, dst);
        uint32_t sum = 0;
        for (int i = 0; i < 20; i += 2)
            sum += uint32_t(ip[i] << 8 | ip[i + 1]);
        sum = (sum & 0xffff) + (sum >> 16);
        sum = ~((sum & 0xffff) + (sum >> 16)) & 0xffff;
        ip[10] = uint8_t(sum >> 8);
        ip[11] = uint8_t(sum);
        uint8_t* t = ip + 20;
        t[0] = uint8_t(sport >> 8);
        t[1] = uint8_t(sport);
        t[2] = uint8_t(dport >> 8);
        t[3] = uint8_t(dport);
        put32(t + 4, seq);
        put32(t + 8, ack);
        t[12] = 0x50;
        t[13] = flags;
        t[14] = 0xff; // window 65 535
        t[15] = 0xff;
        stored = std::min<uint32_t>(stored, payload);
        if (data)
            std::memcpy(t + 20, data, stored);
        const uint32_t rec[4] = {uint32_t(ts / 1000000000), uint32_t(ts % 1000000000), 54 + stored, 54 + payload};
        std::fwrite(rec, 1, 16, out_);
        std::fwrite(f, 1, 54 + stored, out_);
        ++written;
    }
    unsigned long long written = 0;

private:
    static void put32(uint8_t* p, uint32_t v)
    {
        p[0] = uint8_t(v >> 24);
        p[1] = uint8_t(v >> 16);
        p[2] = uint8_t(v >> 8);
        p[3] = uint8_t(v);
    }
    FILE* out_;
};

enum : uint8_t { Fin = 1, Syn = 2, Rst = 4, Psh = 8, Ack = 16 };
constexpr uint32_t kClient = 0x0a000001, kServer = 0x0a000002;
constexpr int64_t kStart = 1700000000LL * 1000000000LL;

// Client ports 1024..65535 against server ports 80, 81, ...: distinct 4-tuples, two addresses.
void onePacketConversations(SynthWriter& w, unsigned long long count)
{
    static const char request[] = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    for (unsigned long long i = 0; i < count; ++i) {
        const uint16_t sport = uint16_t(1024 + i % 64512), dport = uint16_t(80 + i / 64512);
        const uint32_t isn = uint32_t(i * 2654435761u);
        if (i % 4 == 3)
            w.tcp(kStart + int64_t(i) * 1000, kClient, kServer, sport, dport, isn, 1, Psh | Ack, sizeof request - 1, request,
                  sizeof request - 1);
        else
            w.tcp(kStart + int64_t(i) * 1000, kClient, kServer, sport, dport, isn, 0, Syn, 0);
    }
}

// The big stream's bytes from stream offset `at`: numbered 64-byte lines, so a retransmitted
// segment carries what the original did and every screen of it reads differently.
void streamText(uint64_t at, char* out, uint32_t n)
{
    char line[65];
    uint64_t shown = ~uint64_t(0);
    for (uint32_t i = 0; i < n; ++i) {
        const uint64_t l = (at + i) / 64;
        if (l != shown) {
            std::snprintf(line, sizeof line, "%012llu SynFlow benchmark stream: line of text to follow.\r\n",
                          static_cast<unsigned long long>(l));
            shown = l;
        }
        out[i] = line[(at + i) % 64];
    }
}

// One long transfer: 1460-byte segments from an ISN near the top of the sequence space (it
// wraps at once and again every ~2.9 M segments), an ACK every second segment; every 97th
// segment swaps places with the next (out of order), every 211th is sent again later.
// `bytes` > 0: stops once that much data was sent, each segment's text stored whole.
void oneStream(SynthWriter& w, unsigned long long packets, unsigned long long bytes = 0)
{
    constexpr uint32_t kMss = 1460;
    static char text[kMss];
    const uint32_t cIsn = 0xfffff000u, sIsn = 0x7fffff00u;
    int64_t ts = kStart;
    auto next = [&] { return ts += 20000; };
    w.tcp(next(), kClient, kServer, 40000, 80, cIsn, 0, Syn, 0);
    w.tcp(next(), kServer, kClient, 80, 40000, sIsn, cIsn + 1, Syn | Ack, 0);
    w.tcp(next(), kClient, kServer, 40000, 80, cIsn + 1, sIsn + 1, Ack, 0);
    uint32_t seg = 0; // data segments sent
    uint64_t acked = 0;
    std::vector<uint32_t> retransmit;
    auto more = [&](unsigned extra) { return bytes ? uint64_t(seg + extra) * kMss < bytes : w.written + 4 + extra < packets; };
    while (more(0)) {
        auto data = [&](uint32_t n) {
            if (bytes)
                streamText(uint64_t(n) * kMss, text, kMss);
            w.tcp(next(), kClient, kServer, 40000, 80, cIsn + 1 + n * kMss, sIsn + 1, Psh | Ack, kMss, bytes ? text : nullptr,
                  bytes ? kMss : 0);
        };
        if (seg % 97 == 0 && more(2)) {
            data(seg + 1);
            data(seg);
            seg += 2;
        } else {
            data(seg++);
        }
        if (seg % 211 == 0)
            retransmit.push_back(seg - 1);
        if (!retransmit.empty() && seg % 211 == 5) {
            data(retransmit.back());
            retransmit.pop_back();
        }
        if (seg - acked >= 2) {
            acked = seg;
            w.tcp(next(), kServer, kClient, 80, 40000, sIsn + 1, cIsn + 1 + seg * kMss, Ack, 0);
        }
    }
    const uint32_t end = cIsn + 1 + seg * kMss;
    w.tcp(next(), kClient, kServer, 40000, 80, end, sIsn + 1, Fin | Ack, 0);
    w.tcp(next(), kServer, kClient, 80, 40000, sIsn + 1, end + 1, Fin | Ack, 0);
    w.tcp(next(), kClient, kServer, 40000, 80, end + 1, sIsn + 2, Ack, 0);
}

int synthesize(const char* mode, const char* path, unsigned long long n)
{
    FILE* out = std::fopen(path, "wb");
    if (!out) {
        std::perror(path);
        return 1;
    }
    SynthWriter w(out);
    if (std::strcmp(mode, "--one-packet") == 0)
        onePacketConversations(w, n);
    else if (std::strcmp(mode, "--big-stream") == 0)
        oneStream(w, 0, n);
    else
        oneStream(w, n);
    if (std::fclose(out) != 0) {
        std::perror(path);
        return 1;
    }
    std::fprintf(stderr, "synflow-benchgen: %llu packets written to %s\n", w.written, path);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc == 4 && (std::strcmp(argv[1], "--one-packet") == 0 || std::strcmp(argv[1], "--one-stream") == 0 ||
                      std::strcmp(argv[1], "--big-stream") == 0))
        return synthesize(argv[1], argv[2], std::strtoull(argv[3], nullptr, 10));
    if (argc < 4) {
        std::fprintf(stderr, "usage: synflow-benchgen OUT.pcap PACKETS CAPTURE...\n"
                             "       synflow-benchgen --one-packet|--one-stream OUT.pcap COUNT\n"
                             "       synflow-benchgen --big-stream OUT.pcap BYTES\n");
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
