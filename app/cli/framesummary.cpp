#include "cli/framesummary.h"
#include "cli/commands.h"
#include "cli/output.h"

#include "analysis/analysedcapture.h"
#include "decode/packetdecoder.h"
#include "filter/displayfilter.h"
#include "proto/conversationprotocols.h"
#include "proto/desegmentedview.h"
#include "proto/infocolumn.h"
#include "tcp/tcptracker.h"

namespace synflow::cli {

bool summarizeForOutput(const AnalysedCapture& capture, size_t i, const DecodedPacket& d, const TcpPacketAnalysis& a,
                        const DisplayFilter& filter, FrameSummary& out, bool desegment)
{
    const PacketIndex& index = capture.file().index();
    const PacketRecord& rec = index[i];
    out.summary = summarizeFrameView(uint32_t(i), d, rec, &a, capture.protocols(), desegment);
    if (!filter.empty()) {
        FilterInput in;
        in.number = i + 1;
        in.record = &rec;
        in.decoded = &d;
        in.timeRelativeNs = nsBetween(rec.tsNs, index[0].tsNs);
        in.tcp = a.valid ? &a : nullptr;
        in.protocol = out.summary.protocol;
        std::vector<std::string> comments;
        if (filter.needsComments()) {
            comments = capture.file().packetComments(i);
            in.comments = &comments;
        }
        if (!filter.matches(in))
            return false;
    }
    out.info = infoColumn(d, rec, &a, out.summary);
    return true;
}

int parseShownFramesArgs(const std::vector<std::string>& args, const char* usage, ShownFramesArgs& out)
{
    for (size_t i = 0; i < args.size(); ++i) {
        if ((args[i] == "-Y" || args[i] == "--filter") && i + 1 < args.size())
            out.filter = args[++i];
        else if (args[i] == "--no-desegment")
            out.desegment = false;
        else if (out.path.empty() && isFileArgument(args[i]))
            out.path = args[i];
        else
            return fail(usage, 2);
    }
    return out.path.empty() ? fail(usage, 2) : -1;
}

int writeShownFrames(const ShownFramesArgs& args, AnalysedCapture& capture, std::string head, const ShownFrameRow& row)
{
    DisplayFilter filter;
    std::string error;
    if (!filter.compile(args.filter, error))
        return fail("display filter: " + error, 2);
    if (!capture.open(args.path, error))
        return fail(error);
    // Pass 1: the tracker and the protocol memory see every packet; pass 2 prints with what
    // only the whole conversation tells (completeness, iRTT, TLS version), as tshark -2 does.
    capture.analyse();
    const CaptureFile& file = capture.file();
    const PacketIndex& index = file.index();
    const TcpTracker& tracker = *capture.tracker();
    std::string out = std::move(head);
    std::vector<std::pair<size_t, size_t>> rows; // frame, where its text starts in `out`
    const auto writeIntact = [&] {
        if (file.checkShrunk() != MappedFile::kIntact)
            for (const auto& [frame, at] : rows)
                if (!file.intact(frame)) {
                    out.resize(at);
                    break;
                }
        rows.clear();
        const bool written = writeStdout(out);
        out.clear();
        return written;
    };
    FrameSummary columns;
    for (size_t i = 0; i < index.size(); ++i) {
        const DecodedPacket d = file.decode(i);
        const TcpPacketAnalysis a = tracker.analysis(uint32_t(i), index, d);
        if (!summarizeForOutput(capture, i, d, a, filter, columns, args.desegment))
            continue;
        if (!file.intact(i))
            break;
        rows.emplace_back(i, out.size());
        row(i, d, a, columns, out);
        if (out.size() > (size_t(1) << 20) && !writeIntact())
            return 1; // reported by main's finishStdout()
    }
    writeIntact();
    return damageStatus(file);
}

} // namespace synflow::cli
