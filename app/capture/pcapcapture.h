#pragma once
// The libpcap side of a live capture, run inside synflow-capture: opens the interface (the
// one step that needs cap_net_raw/cap_net_admin), then writes what arrives to pcapng until a
// stop condition.
#include "live/livecapture.h"

#include <csignal>
#include <functional>
#include <pcap/pcap.h>
#include <string>

namespace synflow {

class PcapNgWriter;

class PcapCapture {
public:
    PcapCapture() = default;
    ~PcapCapture();
    PcapCapture(const PcapCapture&) = delete;
    PcapCapture& operator=(const PcapCapture&) = delete;

    // Activates the interface and sets the filter; false with a one-line error.
    bool open(const CaptureOptions& options, std::string& error);
    uint16_t linkType() const;
    uint32_t snapLen() const;

    // Writes packets to `writer` (named `outputName` in errors) until a stop condition of the
    // options, `stop` turning non-zero, or an error (false with `error`; what was written stays).
    // `report` gets the counters about every 100 ms; when it returns false the capture ends.
    bool run(PcapNgWriter& writer, const std::string& outputName, const volatile std::sig_atomic_t& stop,
             const std::function<bool(const CaptureStats&)>& report, std::string& error);
    const CaptureStats& stats() const { return stats_; }

private:
    void readKernelCounters();

    pcap_t* p_ = nullptr;
    CaptureOptions o_;
    CaptureStats stats_;
};

} // namespace synflow
