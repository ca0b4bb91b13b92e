// synflow-cli list: one line per packet as `tshark -r FILE` prints it with its default columns
// (No., Time since the first packet, Source, Destination, Protocol, Length, Info), padded as
// tshark pads them: the number to 5 characters and the time to 10 at the right, the source to
// 12 at the right and the destination to 12 at the left, joined by " → ".
#include "cli/commands.h"
#include "cli/framesummary.h"
#include "cli/output.h"

#include "analysis/analysedcapture.h"
#include "decode/packetdecoder.h"
#include "filter/displayfilter.h"
#include "proto/columnaddress.h"
#include "output/textformat.h"
#include "output/timeformat.h"
#include "tcp/tcptracker.h"

namespace synflow::cli {
namespace {

void padLeft(std::string& out, const std::string& text, size_t width)
{
    if (text.size() < width)
        out.append(width - text.size(), ' ');
    out += text;
}

void padRight(std::string& out, const std::string& text, size_t width)
{
    out += text;
    if (text.size() < width)
        out.append(width - text.size(), ' ');
}

} // namespace

int runList(const Args& args)
{
    ShownFramesArgs options;
    if (const int code = parseShownFramesArgs(args, "usage: synflow-cli list FILE [-Y DISPLAY_FILTER] [--no-desegment]", options);
        code >= 0)
        return code;
    AnalysedCapture capture;
    return writeShownFrames(options, capture, {}, [&](size_t i, const DecodedPacket& d, const TcpPacketAnalysis&, const FrameSummary& columns, std::string& out) {
        const CaptureFile& file = capture.file();
        const PacketIndex& index = file.index();
        const PacketRecord& rec = index[i];
        padLeft(out, std::to_string(i + 1), 5);
        out += ' ';
        // tshark's default: seconds since the first packet, as many decimals as the file keeps.
        const int digits = timeDigits(TimePrecision::Auto, file.interfaces()[rec.iface].tsResol);
        padLeft(out, (rec.flags & RecordNoTimestamp) ? std::string() : formatRelativeTime(nsBetween(rec.tsNs, index[0].tsNs), digits), 10);
        out += ' ';
        padLeft(out, columnAddress(d, true), 12);
        out += " \xe2\x86\x92 ";
        padRight(out, columnAddress(d, false), 12);
        out += ' ';
        out += columns.summary.protocol;
        out += ' ';
        out += std::to_string(rec.origLen);
        out += ' ';
        out += columns.info;
        out += '\n';
    });
}

} // namespace synflow::cli
