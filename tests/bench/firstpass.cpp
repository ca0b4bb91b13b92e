// synflow-firstpass FILE: the window's first pass (AnalysedCapture::analyse, Depth::Full) on its
// own, without Qt, then its private (anonymous) memory per packet.
#include "analysis/analysedcapture.h"
#include "analysis/processmemory.h"

#include <chrono>
#include <cstdio>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: synflow-firstpass FILE\n");
        return 2;
    }
    synflow::AnalysedCapture capture;
    std::string error;
    if (!capture.open(argv[1], error)) {
        std::fprintf(stderr, "synflow-firstpass: %s\n", error.c_str());
        return 1;
    }
    const auto start = std::chrono::steady_clock::now();
    capture.analyse(synflow::AnalysedCapture::Depth::Full);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const long anonKb = synflow::anonymousMemoryKb();
    const size_t packets = capture.index().size();
    std::printf("first pass: %zu packets, %zu TCP conversations, %.2f s, rss_anon_kb=%ld bytes_per_packet=%.1f\n", packets,
                capture.tracker()->conversationCount(), s, anonKb, packets ? anonKb * 1024.0 / double(packets) : 0.0);
    return 0;
}
