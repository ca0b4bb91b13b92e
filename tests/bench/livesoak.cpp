// synflow-livesoak [SECONDS] [OUT_DIR]: captures loopback traffic sent at full speed for
// SECONDS (default 60) the way the window does (libpcap thread writing pcapng, the follower
// indexing and analysing ten times a second), then reports packets per second kept up with,
// kernel drops, and memory growth against what the packet index and tracker hold.
// `synflow-livesoak --traffic-only SECONDS` only makes the traffic (for timing tshark).
#include "capture/capturefile.h"
#include "analysis/analysedcapture.h"
#include "analysis/processmemory.h"
#include "live/livecapture.h"
#include "tcp/tcptracker.h"

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <memory>
#include <thread>
#include <unistd.h>

using namespace synflow;
using Clock = std::chrono::steady_clock;

namespace {


sockaddr_in loopback(uint16_t port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    return a;
}

// Small UDP datagrams as fast as one core sends them, plus a stream of short TCP connections
// (each a handshake, a request and a teardown) so the tracker has conversations to follow.
struct Traffic {
    std::atomic<bool> stop{false};
    std::atomic<uint64_t> datagrams{0}, connections{0};
    std::thread udp, tcp;
    uint16_t udpPort = 0, tcpPort = 0;
    int listener = -1;

    void start()
    {
        listener = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a = loopback(0);
        bind(listener, reinterpret_cast<sockaddr*>(&a), sizeof a);
        listen(listener, 128);
        socklen_t len = sizeof a;
        getsockname(listener, reinterpret_cast<sockaddr*>(&a), &len);
        tcpPort = ntohs(a.sin_port);
        const int sink = socket(AF_INET, SOCK_DGRAM, 0); // bound so the datagrams have a receiver
        sockaddr_in u = loopback(0);
        bind(sink, reinterpret_cast<sockaddr*>(&u), sizeof u);
        len = sizeof u;
        getsockname(sink, reinterpret_cast<sockaddr*>(&u), &len);
        udpPort = ntohs(u.sin_port);
        udp = std::thread([this, sink] {
            const int s = socket(AF_INET, SOCK_DGRAM, 0);
            const sockaddr_in to = loopback(udpPort);
            char payload[64] = "synflow soak";
            while (!stop) {
                if (sendto(s, payload, sizeof payload, MSG_DONTWAIT, reinterpret_cast<const sockaddr*>(&to), sizeof to) > 0)
                    ++datagrams;
                char drain[128];
                while (recv(sink, drain, sizeof drain, MSG_DONTWAIT) > 0) { }
            }
            close(s);
            close(sink);
        });
        tcp = std::thread([this] {
            while (!stop) {
                const int c = socket(AF_INET, SOCK_STREAM, 0);
                const sockaddr_in to = loopback(tcpPort);
                if (connect(c, reinterpret_cast<const sockaddr*>(&to), sizeof to) == 0) {
                    const int s = accept(listener, nullptr, nullptr);
                    (void)!write(c, "ping", 4);
                    char b[8];
                    (void)!read(s, b, sizeof b);
                    close(c);
                    close(s);
                    ++connections;
                }
            }
        });
    }

    void finish()
    {
        stop = true;
        udp.join();
        tcp.join();
        close(listener);
    }
};

} // namespace

int main(int argc, char** argv)
{
    if (argc > 2 && std::strcmp(argv[1], "--traffic-only") == 0) { // the load for another capturer
        Traffic traffic;
        traffic.start();
        std::this_thread::sleep_for(std::chrono::duration<double>(std::atof(argv[2])));
        traffic.finish();
        std::printf("sent %llu UDP datagrams and %llu TCP connections\n", (unsigned long long)traffic.datagrams.load(),
                    (unsigned long long)traffic.connections.load());
        return 0;
    }
    const double seconds = argc > 1 ? std::atof(argv[1]) : 60;
    const std::string dir = argc > 2 ? argv[2] : "/tmp";
    const std::string out = dir + "/synflow-soak.pcapng";

    Traffic traffic;
    traffic.start();
    CaptureOptions o;
    o.interface = "lo";
    o.filter = "udp port " + std::to_string(traffic.udpPort) + " or tcp port " + std::to_string(traffic.tcpPort);
    o.output = out;
    o.snapLen = 262144;
    o.bufferMiB = 32;
    o.stopAfterSeconds = seconds;
    LiveCapture capture;
    std::string error;
    bool ok = true;
    std::atomic<bool> done{false};
    std::thread capturing([&] {
        ok = capture.run(o, error);
        done = true;
    });

    std::unique_ptr<AnalysedCapture> follower; // once the writer has put the header down
    const long anonBefore = anonymousMemoryKb();
    const auto start = Clock::now();
    double worstUpdateMs = 0;
    size_t updates = 0, maxBacklog = 0;
    while (!done) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100)); // the window's ten updates a second
        if (!follower) {
            auto opened = std::make_unique<AnalysedCapture>();
            std::string ignored;
            if (opened->openFollowing(out, ignored))
                follower = std::move(opened);
            else
                continue;
        }
        const auto t0 = Clock::now();
        follower->update(40); // as the window does
        worstUpdateMs = std::max(worstUpdateMs, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        ++updates;
        maxBacklog = std::max(maxBacklog, follower->backlog());
        if (std::chrono::duration<double>(Clock::now() - start).count() > seconds + 5)
            capture.stop(); // a stop condition that did not fire
    }
    capturing.join();
    if (!follower) {
        std::fprintf(stderr, "the capture file never became readable\n");
        return 1;
    }
    follower->update();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    traffic.finish();
    if (!ok) {
        std::fprintf(stderr, "capture failed: %s\n", error.c_str());
        return 1;
    }
    const CaptureStats st = capture.stats();
    const long anonAfter = anonymousMemoryKb();
    const size_t packets = follower->packetCount();
    const size_t held = follower->index().memoryBytes() + follower->tracker()->memoryBytes();
    std::printf("soak: %.1f s on lo, %llu UDP datagrams and %llu TCP connections sent\n", elapsed,
                (unsigned long long)traffic.datagrams.load(), (unsigned long long)traffic.connections.load());
    std::printf("captured and written:   %zu packets (%.0f packets/s), %.1f MB\n", size_t(st.packets), st.packets / elapsed,
                st.bytes / 1e6);
    std::printf("analysed by follower:   %zu packets, %zu TCP conversations, %zu updates, slowest update %.1f ms, "
                "largest backlog %zu packets\n",
                packets, follower->tracker()->conversationCount(), updates, worstUpdateMs, maxBacklog);
    std::printf("kernel (pcap_stats):    received %llu, dropped %llu, interface dropped %llu (%.3f%% dropped)\n",
                (unsigned long long)st.received, (unsigned long long)st.dropped, (unsigned long long)st.ifDropped,
                st.received ? 100.0 * double(st.dropped + st.ifDropped) / double(st.received) : 0.0);
    std::printf("memory: anon RSS grew %.1f MB; index + tracker hold %.1f MB (%.1f B/packet); growth %.1f B/packet\n",
                (anonAfter - anonBefore) / 1024.0, held / 1e6, packets ? double(held) / double(packets) : 0.0,
                packets ? (anonAfter - anonBefore) * 1024.0 / double(packets) : 0.0);
    std::printf("filter for a side-by-side run: %s\n", o.filter.c_str());
    std::remove(out.c_str());
    return 0;
}
