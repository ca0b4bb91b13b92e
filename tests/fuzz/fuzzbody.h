#pragma once
// The fuzz bodies: one per libFuzzer target, each feeding one input to the code that reads
// untrusted bytes. They are shared by the libFuzzer targets (clang, -DSYNFLOW_FUZZ=ON) and by
// the fuzz_replay test, which runs saved inputs through them in every build. A body aborts
// when the code under test contradicts itself; the sanitizers catch the rest.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace synflow::fuzz {

using Body = void (*)(const uint8_t* data, size_t size);

struct Target {
    const char* name; // fuzz_<name> is the libFuzzer binary; regressions are named <name>-...
    Body body;
    bool takesCapture; // the input is a capture file (seeded from the captures)
};

std::span<const Target> targets();
const Target* findTarget(std::string_view name);

// Capture files: readers, decoders, tracker, detail tree and fields writer all at once.
void runCapture(const uint8_t* data, size_t size);
// One reader each: the index through the map and through small read windows must agree.
void runPcap(const uint8_t* data, size_t size);
void runPcapNg(const uint8_t* data, size_t size);
// A raw link-layer frame: the first byte picks the link type, the second the reported length.
void runDecoder(const uint8_t* data, size_t size);
// A sequence of synthetic TCP segments built from the input, through the tracker.
void runTcp(const uint8_t* data, size_t size);
// Display-filter text, compiled and evaluated over a small capture of tests/data.
void runFilter(const uint8_t* data, size_t size);
// A capture through FlowGraph::build, flowText, flowSvg and the teaching steps.
void runFlow(const uint8_t* data, size_t size);
// A capture through the fields writer, the detail tree text and Save As (pcap and pcapng) and back.
void runWriters(const uint8_t* data, size_t size);
// A compressed (gzip, zstd, lz4) capture: the stream decoded in pieces of every size, then read
// through its cache copy both ways of indexing.
void runCompressed(const uint8_t* data, size_t size);
// A capture through every statistic: conversations, endpoints, expert information, protocol
// hierarchy, I/O statistics, capture properties, and Follow TCP/UDP in every format.
void runStats(const uint8_t* data, size_t size);

} // namespace synflow::fuzz
