#include "live/livecapture.h"

#include "capture/pcapngwriter.h"

#include <arpa/inet.h>
#include <chrono>
#include <cstring>
#include <fstream>
#include <net/if.h>
#include <netinet/in.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <unistd.h>

namespace synflow {
namespace {

std::string address(const sockaddr* sa)
{
    char buf[INET6_ADDRSTRLEN] = {};
    if (!sa)
        return {};
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof buf);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, buf, sizeof buf);
    return buf;
}

std::string permissionHelp(const std::string& iface)
{
    char exe[4096] = {};
    const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    const std::string self = n > 0 ? std::string(exe, size_t(n)) : std::string("synflow-cli");
    return "no permission to capture on " + iface + ": capturing needs the cap_net_raw and cap_net_admin capabilities; grant them with "
        "\"sudo setcap cap_net_raw,cap_net_admin=eip " + self + "\" (the SynFlow package does this when it is installed)";
}

} // namespace

bool listCaptureInterfaces(std::vector<CaptureInterface>& out, std::string& error)
{
    char err[PCAP_ERRBUF_SIZE] = {};
    pcap_if_t* all = nullptr;
    if (pcap_findalldevs(&all, err) != 0) {
        error = err;
        return false;
    }
    for (pcap_if_t* d = all; d; d = d->next) {
        CaptureInterface i;
        i.name = d->name ? d->name : "";
        i.description = d->description ? d->description : "";
        for (pcap_addr_t* a = d->addresses; a; a = a->next) {
            const std::string s = address(a->addr);
            if (!s.empty())
                i.addresses.push_back(s);
        }
        i.loopback = d->flags & PCAP_IF_LOOPBACK;
        i.up = d->flags & PCAP_IF_UP;
        i.running = d->flags & PCAP_IF_RUNNING;
        i.wireless = d->flags & PCAP_IF_WIRELESS;
        out.push_back(std::move(i));
    }
    pcap_freealldevs(all);
    return true;
}

bool interfacePacketCounter(const std::string& name, uint64_t& packets)
{
    if (name.empty() || name.find('/') != std::string::npos || name[0] == '.')
        return false;
    packets = 0;
    for (const char* which : {"rx_packets", "tx_packets"}) {
        std::ifstream in("/sys/class/net/" + name + "/statistics/" + which);
        uint64_t v = 0;
        if (!(in >> v))
            return false;
        packets += v;
    }
    return true;
}

bool checkCaptureFilter(const std::string& filter, int linkType, std::string& error)
{
    pcap_t* dead = pcap_open_dead(linkType, 262144);
    if (!dead) {
        error = "libpcap could not check the filter";
        return false;
    }
    bpf_program prog{};
    const bool ok = pcap_compile(dead, &prog, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) == 0;
    if (ok)
        pcap_freecode(&prog);
    else
        error = pcap_geterr(dead);
    pcap_close(dead);
    return ok;
}

CaptureStats LiveCapture::stats() const
{
    return {packets_.load(), bytes_.load(), received_.load(), dropped_.load(), ifDropped_.load()};
}

bool LiveCapture::run(const CaptureOptions& o, std::string& error, const std::function<void(const CaptureStats&)>& onProgress)
{
    char err[PCAP_ERRBUF_SIZE] = {};
    pcap_t* p = pcap_create(o.interface.c_str(), err);
    if (!p) {
        error = err;
        return false;
    }
    pcap_set_snaplen(p, o.snapLen);
    pcap_set_promisc(p, o.promiscuous ? 1 : 0);
    pcap_set_buffer_size(p, o.bufferMiB * 1024 * 1024);
    pcap_set_timeout(p, 100);
    // No immediate mode: TPACKET_V3 blocks, retired at least every 100 ms (the timeout above),
    // keep up with far more packets per second, and the window updates only ten times a second.
    pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO);
    const int rc = pcap_activate(p);
    if (rc < 0) {
        if (rc == PCAP_ERROR_PERM_DENIED)
            error = permissionHelp(o.interface);
        else if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
            error = "no such interface: " + o.interface + " (synflow-cli interfaces lists them)";
        else
            error = o.interface + ": " + pcap_geterr(p);
        pcap_close(p);
        return false;
    }
    if (!o.filter.empty()) {
        bpf_program prog{};
        if (pcap_compile(p, &prog, o.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0 || pcap_setfilter(p, &prog) != 0) {
            error = "capture filter \"" + o.filter + "\": " + pcap_geterr(p);
            pcap_freecode(&prog);
            pcap_close(p);
            return false;
        }
        pcap_freecode(&prog);
    }
    const bool nano = pcap_get_tstamp_precision(p) == PCAP_TSTAMP_PRECISION_NANO;
    // A blocking read may wait for a packet forever on a quiet interface: wait ourselves,
    // 100 ms at a time, so stop requests and time limits are honoured.
    pcap_setnonblock(p, 1, err);
    const int fd = pcap_get_selectable_fd(p);
    PcapNgWriter writer;
    if (!writer.open(o.output, uint16_t(pcap_datalink(p)), uint32_t(pcap_snapshot(p)), o.interface, error)) {
        pcap_close(p);
        return false;
    }
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
    while (!stop_) {
        if (fd >= 0) {
            pollfd pfd{fd, POLLIN, 0};
            poll(&pfd, 1, 100);
        }
        const int n = pcap_dispatch(p, o.stopAfterPackets ? int(std::min<uint64_t>(o.stopAfterPackets - ctx.packets, 1000)) : 1000,
                                    handler, reinterpret_cast<u_char*>(&ctx));
        if (n < 0) { // the interface went away, or another failure: keep what we have
            error = o.interface + ": capture stopped: " + pcap_geterr(p);
            ok = false;
            break;
        }
        if (ctx.failed) {
            error = "cannot write " + o.output + ": disk full or file removed";
            ok = false;
            break;
        }
        writer.flush();
        packets_ = ctx.packets;
        bytes_ = writer.bytesWritten();
        const auto now = std::chrono::steady_clock::now();
        const double elapsed = std::chrono::duration<double>(now - start).count();
        if (now - lastReport >= std::chrono::milliseconds(100)) {
            pcap_stat st{};
            if (pcap_stats(p, &st) == 0) {
                received_ = st.ps_recv;
                dropped_ = st.ps_drop;
                ifDropped_ = st.ps_ifdrop;
            }
            if (onProgress)
                onProgress(stats());
            lastReport = now;
        }
        if ((o.stopAfterPackets && ctx.packets >= o.stopAfterPackets) || (o.stopAfterSeconds > 0 && elapsed >= o.stopAfterSeconds)
            || (o.stopAfterBytes && writer.bytesWritten() >= o.stopAfterBytes))
            break;
    }
    pcap_stat st{};
    if (pcap_stats(p, &st) == 0) {
        received_ = st.ps_recv;
        dropped_ = st.ps_drop;
        ifDropped_ = st.ps_ifdrop;
    }
    pcap_close(p);
    if (!writer.close() && ok) {
        error = "cannot finish writing " + o.output;
        ok = false;
    }
    packets_ = ctx.packets;
    return ok;
}

} // namespace synflow
