#pragma once
// Live capture with libpcap: interface list, capture-filter check (both need no capture
// rights), and a capture session run by the synflow-capture helper, which alone holds the
// capture capabilities and writes every packet at once to a pcapng file (so nothing is lost
// if we crash).
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace synflow {

struct CaptureInterface {
    std::string name;
    std::string description;
    std::vector<std::string> addresses;
    bool loopback = false, up = false, running = false, wireless = false;
};

// Interfaces libpcap can open; false with `error` when it cannot list them.
bool listCaptureInterfaces(std::vector<CaptureInterface>& out, std::string& error);

// Packets sent plus received on an interface so far, from the kernel's counters (no capture
// rights needed, so the interface picker can show traffic before anything is opened).
// False for pseudo-interfaces without counters ("any", USB, D-Bus, netfilter).
bool interfacePacketCounter(const std::string& name, uint64_t& packets);

// Compiles `filter` (BPF syntax) for `linkType`; false with libpcap's message when invalid.
bool checkCaptureFilter(const std::string& filter, int linkType, std::string& error);

struct CaptureOptions {
    std::string interface;
    std::string filter;
    std::string output; // pcapng file written as packets arrive ("-": standard output)
    int snapLen = 262144;
    bool promiscuous = true;
    int bufferMiB = 2;
    uint64_t stopAfterPackets = 0; // 0: no limit
    double stopAfterSeconds = 0;
    uint64_t stopAfterBytes = 0;
};

struct CaptureStats {
    uint64_t packets = 0;    // written to the file
    uint64_t bytes = 0;      // of the file
    uint64_t received = 0;   // handed over by libpcap (dumpcap's "received")
    uint64_t dropped = 0;    // by the kernel
    uint64_t ifDropped = 0;  // by the interface
};

class LiveCapture {
public:
    // Runs the helper until a stop condition, stop(), or an error; `onProgress` is called
    // about every 100 ms from the calling thread. False with a one-line `error` (permission
    // problems say how to get the right: join the helper's group, or grant it the capabilities).
    bool run(const CaptureOptions& options, std::string& error,
             const std::function<void(const CaptureStats&)>& onProgress = {});
    // Safe to call before run() has set up: a capture is run once, and a stop asked for early
    // is not forgotten. Only sets a flag (safe in a signal handler); run() then ends the helper.
    void stop() { stop_ = true; }
    CaptureStats stats() const;

private:
    std::atomic<bool> stop_{false};
    std::atomic<uint64_t> packets_{0}, bytes_{0}, received_{0}, dropped_{0}, ifDropped_{0};
};

} // namespace synflow
