#include "cli/commands.h"
#include "cli/output.h"

#include "analysis/analysedcapture.h"
#include "decode/linktypes.h"
#include "decode/packetdecoder.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <set>

namespace synflow::cli {
namespace {

std::string formatTime(int64_t ns)
{
    const time_t sec = time_t(ns / 1000000000);
    struct tm tm {};
    gmtime_r(&sec, &tm);
    char buf[64];
    const size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    char frac[16];
    std::snprintf(frac, sizeof frac, ".%09lld UTC", static_cast<long long>(ns % 1000000000));
    return std::string(buf, n) + frac;
}

} // namespace

int runInfo(const Args& args)
{
    if (args.size() != 1 || args[0].starts_with("-"))
        return fail("usage: synflow-cli info FILE", 2);
    AnalysedCapture capture;
    std::string error;
    if (!capture.open(args[0], error))
        return fail(error);
    // Decode every packet once, keeping summary bits in the index, just behind the indexing.
    CaptureFile& file = capture.file();
    const PacketIndex& index = file.index();
    PacketIndex& mut = file.index();
    uint64_t dataBytes = 0, tcpPackets = 0;
    int64_t first = 0, last = 0;
    bool haveTime = false;
    capture.analyse({AnalysedCapture::Depth::Index, {}}, [&](size_t i, const DecodedPacket& d) {
        PacketRecord& rec = mut.mutableAt(i);
        dataBytes += rec.origLen;
        if (rec.kind == RecordKind::CustomBlock)
            return;
        uint32_t s = SummaryDecoded;
        if (d.net == NetLayer::IPv4)
            s |= SummaryIPv4;
        else if (d.net == NetLayer::IPv6)
            s |= SummaryIPv6;
        else if (d.net == NetLayer::Arp)
            s |= SummaryArp;
        if (d.transport == TransportLayer::Tcp) {
            s |= SummaryTcp;
            ++tcpPackets;
        } else if (d.transport == TransportLayer::Udp) {
            s |= SummaryUdp;
        } else if (d.transport == TransportLayer::Icmp || d.transport == TransportLayer::Icmpv6) {
            s |= SummaryIcmp;
        }
        rec.summary = s;
        if (!(rec.flags & RecordNoTimestamp)) {
            if (!haveTime) {
                first = last = rec.tsNs;
                haveTime = true;
            }
            first = std::min(first, rec.tsNs);
            last = std::max(last, rec.tsNs);
        }
    });

    std::string out;
    auto add = [&out](const char* format, auto... values) {
        const int n = std::snprintf(nullptr, 0, format, values...);
        if (n <= 0)
            return;
        const size_t at = out.size();
        out.resize(at + size_t(n) + 1);
        std::snprintf(out.data() + at, size_t(n) + 1, format, values...);
        out.pop_back(); // the terminating NUL
    };
    add("File:            %s\n", file.path().c_str());
    add("Format:          %s\n", fileFormatName(file.format()));
    add("File size:       %zu bytes\n", file.fileSize());
    std::set<uint16_t> linkTypes;
    for (const auto& ifc : file.interfaces())
        linkTypes.insert(ifc.linkType);
    add("Link types:      ");
    bool firstLt = true;
    for (uint16_t lt : linkTypes) {
        add("%s%s (%u)", firstLt ? "" : ", ", linktype::name(lt), lt);
        firstLt = false;
    }
    add("\nInterfaces:      %zu\n", file.interfaces().size());
    for (size_t i = 0; i < file.interfaces().size(); ++i) {
        const InterfaceInfo& ifc = file.interfaces()[i];
        add("  #%zu  %s%s%s  link type %u, snaplen %u\n", i, ifc.name.empty() ? "(unnamed)" : ifc.name.c_str(),
                    ifc.description.empty() ? "" : " - ", ifc.description.c_str(), ifc.linkType, ifc.snapLen);
    }
    add("Packets:         %zu (%llu TCP)\n", index.size(), static_cast<unsigned long long>(tcpPackets));
    if (haveTime) {
        add("First packet:    %s\n", formatTime(first).c_str());
        add("Last packet:     %s\n", formatTime(last).c_str());
        const int64_t dur = nsBetween(last, first);
        add("Duration:        %lld.%06lld s\n", static_cast<long long>(dur / 1000000000),
                    static_cast<long long>((dur % 1000000000) / 1000));
    }
    add("Data size:       %llu bytes\n", static_cast<unsigned long long>(dataBytes));
    if (const auto& dmg = file.damage())
        add("Damage:          at byte %llu: %s (packets before it were read)\n", static_cast<unsigned long long>(dmg->offset),
            dmg->what.c_str());
    else
        add("Damage:          none\n");
    writeStdout(out);
    if (std::getenv("SYNFLOW_STATS"))
        reportStats(index.size());
    return damageStatus(file);
}

} // namespace synflow::cli
