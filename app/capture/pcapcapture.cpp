#include "pcapcapture.h"

#include "capture/pcapngwriter.h"

#include <algorithm>
#include <chrono>
#include <poll.h>
#include <unistd.h>

namespace synflow {
namespace {

std::string permissionHelp(const std::string& iface)
{
    char exe[4096] = {};
    const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    const std::string self = n > 0 ? std::string(exe, size_t(n)) : std::string("synflow-capture");
    return "no permission to capture on " + iface + ": " + self
        + " lacks the cap_net_raw and cap_net_admin capabilities; grant them with \"sudo setcap cap_net_raw,cap_net_admin=eip "
        + self + "\" (the SynFlow package does this when it is installed)";
}

} // namespace

PcapCapture::~PcapCapture()
{
    if (p_)
        pcap_close(p_);
}

uint16_t PcapCapture::linkType() const { return uint16_t(pcap_datalink(p_)); }

uint32_t PcapCapture::snapLen() const { return uint32_t(pcap_snapshot(p_)); }

bool PcapCapture::open(const CaptureOptions& o, std::string& error)
{
    o_ = o;
    char err[PCAP_ERRBUF_SIZE] = {};
    p_ = pcap_create(o.interface.c_str(), err);
    if (!p_) {
        error = err;
        return false;
    }
    pcap_set_snaplen(p_, o.snapLen);
    pcap_set_promisc(p_, o.promiscuous ? 1 : 0);
    pcap_set_buffer_size(p_, o.bufferMiB * 1024 * 1024);
    pcap_set_timeout(p_, 100);
    // No immediate mode: TPACKET_V3 blocks, retired at least every 100 ms (the timeout above),
    // keep up with far more packets per second, and the window updates only ten times a second.
    pcap_set_tstamp_precision(p_, PCAP_TSTAMP_PRECISION_NANO);
    const int rc = pcap_activate(p_);
    if (rc < 0) {
        if (rc == PCAP_ERROR_PERM_DENIED)
            error = permissionHelp(o.interface);
        else if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
            error = "no such interface: " + o.interface + " (synflow-cli interfaces lists them)";
        else
            error = o.interface + ": " + pcap_geterr(p_);
        return false;
    }
    if (!o.filter.empty()) {
        bpf_program prog{};
        const bool ok = pcap_compile(p_, &prog, o.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) == 0 && pcap_setfilter(p_, &prog) == 0;
        if (!ok)
            error = "capture filter \"" + o.filter + "\": " + pcap_geterr(p_);
        pcap_freecode(&prog);
        if (!ok)
            return false;
    }
    // A blocking read may wait for a packet forever on a quiet interface: run() waits itself,
    // 100 ms at a time, so stop requests and time limits are honoured.
    if (pcap_setnonblock(p_, 1, err) != 0) {
        error = o.interface + ": " + err;
        return false;
    }
    return true;
}

void PcapCapture::readKernelCounters()
{
    pcap_stat st{};
    if (pcap_stats(p_, &st) == 0) {
        // Received is what the capture was handed, as dumpcap counts it: Linux's ps_recv counts
        // every copy the socket saw, on lo the outgoing copy libpcap then discards too (twice).
        stats_.received = stats_.packets;
        stats_.dropped = st.ps_drop;
        stats_.ifDropped = st.ps_ifdrop;
    }
}

bool PcapCapture::run(PcapNgWriter& writer, const std::string& outputName, const volatile std::sig_atomic_t& stop,
                      const std::function<bool(const CaptureStats&)>& report, std::string& error)
{
    const bool nano = pcap_get_tstamp_precision(p_) == PCAP_TSTAMP_PRECISION_NANO;
    const int fd = pcap_get_selectable_fd(p_);
    struct Ctx {
        PcapNgWriter* w;
        bool nano;
        bool failed = false;
        uint64_t packets = 0;
    } ctx{&writer, nano};
    auto handler = [](u_char* user, const pcap_pkthdr* h, const u_char* bytes) {
        auto* c = reinterpret_cast<Ctx*>(user);
        const int64_t ts = int64_t(h->ts.tv_sec) * 1000000000 + int64_t(h->ts.tv_usec) * (c->nano ? 1 : 1000);
        if (!c->w->write(ts, h->len, {bytes, h->caplen}))
            c->failed = true;
        ++c->packets;
    };
    const auto start = std::chrono::steady_clock::now();
    auto lastReport = start;
    bool ok = true;
    while (!stop) {
        if (fd >= 0) {
            pollfd pfd{fd, POLLIN, 0};
            poll(&pfd, 1, 100); // EINTR (a stop signal) only ends the wait early
        }
        const int most = o_.stopAfterPackets ? int(std::min<uint64_t>(o_.stopAfterPackets - ctx.packets, 1000)) : 1000;
        const int n = pcap_dispatch(p_, most, handler, reinterpret_cast<u_char*>(&ctx));
        if (n < 0) { // the interface went away, or another failure: keep what we have
            error = o_.interface + ": capture stopped: " + pcap_geterr(p_);
            ok = false;
            break;
        }
        if (ctx.failed || !writer.flush()) {
            error = "cannot write " + outputName + ": disk full, file removed or reader gone";
            ok = false;
            break;
        }
        stats_.packets = ctx.packets;
        stats_.bytes = writer.bytesWritten();
        const auto now = std::chrono::steady_clock::now();
        if (now - lastReport >= std::chrono::milliseconds(100)) {
            readKernelCounters();
            if (report && !report(stats_))
                break;
            lastReport = now;
        }
        const double elapsed = std::chrono::duration<double>(now - start).count();
        if ((o_.stopAfterPackets && ctx.packets >= o_.stopAfterPackets) || (o_.stopAfterSeconds > 0 && elapsed >= o_.stopAfterSeconds)
            || (o_.stopAfterBytes && writer.bytesWritten() >= o_.stopAfterBytes))
            break;
    }
    stats_.packets = ctx.packets;
    stats_.bytes = writer.bytesWritten();
    readKernelCounters();
    return ok;
}

} // namespace synflow
