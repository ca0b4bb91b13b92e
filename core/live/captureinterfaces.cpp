// The questions about interfaces that need no capture rights (so no helper): what there is,
// how busy it is, whether a capture filter compiles.
#include "live/livecapture.h"

#include <arpa/inet.h>
#include <fstream>
#include <netinet/in.h>
#include <pcap/pcap.h>

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

} // namespace synflow
