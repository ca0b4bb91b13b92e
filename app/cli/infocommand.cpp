#include "cli/commands.h"
#include "cli/output.h"

#include "analysis/analysedcapture.h"
#include "capture/timearith.h"
#include "decode/linktypes.h"
#include "decode/packetdecoder.h"
#include "output/textformat.h"
#include "stats/captureproperties.h"

#include <QCryptographicHash>
#include <QFile>

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
    if (args.size() != 1 || !isFileArgument(args[0]))
        return fail("usage: synflow-cli info FILE", 2);
    AnalysedCapture capture;
    std::string error;
    if (!capture.open(args[0], error))
        return fail(error);
    // Decode every packet once, keeping summary bits in the index, just behind the indexing.
    CaptureFile& file = capture.file();
    const PacketIndex& index = file.index();
    uint64_t dataBytes = 0, tcpPackets = 0;
    // The extremes in nanoseconds (a compare a packet); tsNs wraps outside 1677..2262, so such
    // rare records are read again for their exact time and kept apart.
    int64_t firstNs = INT64_MAX, lastNs = INT64_MIN;
    Timestamp wrappedFirst, wrappedLast;
    bool haveNs = false, haveWrapped = false;
    capture.analyse({AnalysedCapture::Depth::Index, {}}, [&](size_t i, PacketRecord& rec, const DecodedPacket& d) {
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
        if (rec.flags & RecordNoTimestamp)
            return;
        if (!(rec.flags & RecordTimeWrapped)) {
            firstNs = std::min(firstNs, rec.tsNs);
            lastNs = std::max(lastNs, rec.tsNs);
            haveNs = true;
            return;
        }
        const Timestamp t = file.exactTime(i);
        if (!haveWrapped || timeBefore(t, wrappedFirst))
            wrappedFirst = t;
        if (!haveWrapped || timeBefore(wrappedLast, t))
            wrappedLast = t;
        haveWrapped = true;
    });
    Timestamp first = haveNs ? fromNs(firstNs) : wrappedFirst, last = haveNs ? fromNs(lastNs) : wrappedLast;
    if (haveNs && haveWrapped) {
        if (timeBefore(wrappedFirst, first))
            first = wrappedFirst;
        if (timeBefore(last, wrappedLast))
            last = wrappedLast;
    }
    const bool haveTime = haveNs || haveWrapped;

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
    if (file.compression() != Compression::None)
        add("Compression:     %s, %zu bytes decompressed from %zu\n", compressionName(file.compression()), file.fileSize(),
            file.sourceDone());
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

namespace synflow::cli {

int runCapinfos(const Args& args)
{
    if (args.size() != 1 || args[0].starts_with("-"))
        return fail("usage: synflow-cli capinfos FILE", 2);
    CaptureFile file;
    std::string error;
    if (!file.open(args[0], error))
        return fail(error);
    file.indexAll();
    CaptureProperties props = captureProperties(file);
    // capinfos's digests of the file as it lies on disk (its RIPEMD160 is not among Qt's).
    QFile raw(QString::fromStdString(args[0]));
    if (raw.open(QIODevice::ReadOnly)) {
        QCryptographicHash sha256(QCryptographicHash::Sha256), sha1(QCryptographicHash::Sha1);
        while (!raw.atEnd()) {
            const QByteArray block = raw.read(1 << 20);
            sha256.addData(block);
            sha1.addData(block);
        }
        props.sha256 = sha256.result().toHex().toStdString();
        props.sha1 = sha1.result().toHex().toStdString();
    }
    writeStdout(capinfosText(props));
    return damageStatus(file);
}

} // namespace synflow::cli
