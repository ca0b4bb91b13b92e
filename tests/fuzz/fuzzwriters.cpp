#include "fuzzbody.h"
#include "fuzzsupport.h"

#include "analysis/analysedcapture.h"
#include "capture/capturefile.h"
#include "capture/capturesaver.h"
#include "output/fieldswriter.h"
#include "proto/pducontinuation.h"
#include "proto/protocolsummary.h"
#include "tcp/tcpinfo.h"
#include "tree/detailtree.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace synflow::fuzz {

namespace {

struct Packet {
    std::vector<uint8_t> bytes;
    uint32_t origLen;
    int64_t sec;
    uint32_t nsec;
    uint16_t linkType;
    bool operator==(const Packet&) const = default;
};

// The packets of a capture as Save As must keep them (custom blocks are not packets).
std::vector<Packet> packetsOf(const CaptureFile& file)
{
    std::vector<Packet> out;
    for (size_t i = 0; i < file.packetCount(); ++i) {
        if (file.index()[i].kind == RecordKind::CustomBlock)
            continue;
        const auto b = file.packetBytes(i);
        const Timestamp t = file.exactTime(i);
        out.push_back({{b.begin(), b.end()}, file.index()[i].origLen, t.sec, t.nsec, file.linkType(i)});
    }
    return out;
}

[[noreturn]] void fail(const char* what, const std::string& detail)
{
    std::fprintf(stderr, "fuzz writers: %s: %s\n", what, detail.c_str());
    abort();
}

// Saves `file` in `format`, re-opens the copy and checks that it holds the same packets.
void roundTrip(const CaptureFile& file, SaveFormat format)
{
    const std::string path = scratchDir() + (format == SaveFormat::Pcap ? "/saved.pcap" : "/saved.pcapng");
    std::string error;
    if (!saveCapture(file, path, format, error)) {
        // The refusals a readable capture may get: pcap holds a single link type, and neither
        // format written here holds every time a pcapng can state.
        if ((format == SaveFormat::Pcap && error.find("one link type") != std::string::npos) || error.find("'s time is outside") != std::string::npos)
            return;
        fail("save failed", error);
    }
    CaptureFile copy;
    if (!copy.open(path, error))
        fail("saved file does not open", error);
    copy.indexAll();
    if (copy.damage())
        fail("saved file is damaged", copy.damage()->what);
    if (packetsOf(copy) != packetsOf(file))
        fail("saved file holds other packets", path);
}

} // namespace

void runWriters(const uint8_t* data, size_t size)
{
    MemFile mem(data, size);
    if (!mem.ok())
        return;
    AnalysedCapture capture;
    std::string error;
    if (!capture.open(mem.path(), error))
        return;
    capture.analyse();
    const CaptureFile& file = capture.file();
    const PacketIndex& index = file.index();

    FieldsWriter writer;
    std::string out, info;
    writer.appendHeader(out);
    for (size_t i = 0; i < index.size() && i < 1024; ++i) {
        const DecodedPacket d = file.decode(i);
        const TcpPacketAnalysis a = capture.tcpAnalysis(i, d);
        const ProtocolSummary s = summarizeFrame(d, index[i], &a, capture.protocols());
        info.clear();
        if (a.valid)
            appendTcpInfo(info, d, a, 0, s.continuationTo);
        else
            info = s.info;
        const size_t before = out.size();
        writer.appendRow(out, FrameView{i + 1, &index[i], &d, file.exactTime(i), &a, s.protocol, info});
        // One row per frame, whatever the packet holds (Info text escaping is the caller's).
        if (std::count(out.begin() + long(before), out.end(), '\n') != 1 && info.find('\n') == std::string::npos)
            fail("a row is not one line", std::to_string(i + 1));
        // Nodes may reach past the captured bytes (a header's stated length, as tshark's tree shows
        // it): the views clip to the frame.
        if (i < 256)
            (void)buildDetailTree(file, i, d, a.valid ? &a : nullptr).text();
    }
    roundTrip(file, SaveFormat::PcapNg);
    roundTrip(file, SaveFormat::Pcap);
}

} // namespace synflow::fuzz
