#include "cli/commands.h"
#include "cli/output.h"

#include "analysis/analysedcapture.h"
#include "capture/timearith.h"
#include "decode/linktypes.h"
#include "decode/packetdecoder.h"
#include "output/textformat.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

namespace synflow::cli {
namespace {

std::string formatTime(const Timestamp& t)
{
    std::string s;
    appendUtcTime(s, t.sec, t.nsec);
    return s;
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
    Timestamp first, last;
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
            // tsNs wraps outside 1677..2262: such rare records are read again for their exact time.
            const Timestamp t = rec.flags & RecordTimeWrapped ? file.exactTime(i) : fromNs(rec.tsNs);
            if (!haveTime) {
                first = last = t;
                haveTime = true;
            }
            if (timeBefore(t, first))
                first = t;
            if (timeBefore(last, t))
                last = t;
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
        const Timestamp dur = timeBetween(last, first);
        add("Duration:        %lld.%06u s\n", static_cast<long long>(dur.sec), dur.nsec / 1000);
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
