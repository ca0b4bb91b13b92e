#include "cli/commands.h"
#include "cli/framesummary.h"
#include "cli/output.h"

#include "analysis/analysedcapture.h"
#include "decode/packetdecoder.h"
#include "filter/displayfilter.h"
#include "output/fieldswriter.h"
#include "output/textformat.h"
#include "proto/conversationprotocols.h"
#include "proto/desegmentedview.h"
#include "proto/pducontinuation.h"
#include "proto/protocolsummary.h"
#include "tcp/tcpinfo.h"
#include "tcp/tcptracker.h"

#include <cstdio>

namespace synflow::cli {

int runFields(const Args& args)
{
    const char* usage = "usage: synflow-cli fields FILE [-Y DISPLAY_FILTER] [--no-desegment]";
    std::string path, filterText;
    bool desegment = true; // Protocol/Info as Wireshark's packet list shows them by default
    for (size_t i = 0; i < args.size(); ++i) {
        if ((args[i] == "-Y" || args[i] == "--filter") && i + 1 < args.size())
            filterText = args[++i];
        else if (args[i] == "--no-desegment")
            desegment = false;
        else if (path.empty() && isFileArgument(args[i]))
            path = args[i];
        else
            return fail(usage, 2);
    }
    if (path.empty())
        return fail(usage, 2);
    DisplayFilter filter;
    std::string error;
    if (!filter.compile(filterText, error))
        return fail("display filter: " + error, 2);
    AnalysedCapture capture;
    if (!capture.open(path, error))
        return fail(error);
    // Pass 1: the tracker and the protocol memory see every packet; pass 2 prints with what
    // only the whole conversation tells (completeness, iRTT, TLS version), as tshark -2 does.
    capture.analyse();
    const CaptureFile& file = capture.file();
    const PacketIndex& index = file.index();
    const TcpTracker& tracker = *capture.tracker();

    FieldsWriter writer;
    std::string out;
    writer.appendHeader(out);
    // Where each row in `out` starts: should the file turn out cut short before a row's packet,
    // that row and the rest are dropped before writing (a cut inside the last page read faults
    // nowhere: its bytes read as zeros, so only checkShrunk() finds it).
    std::vector<std::pair<size_t, size_t>> rows;
    const auto writeIntact = [&] {
        if (file.checkShrunk() != MappedFile::kIntact)
            for (const auto& [frame, at] : rows)
                if (!file.intact(frame)) {
                    out.resize(at);
                    break;
                }
        rows.clear();
        return writeStdout(out);
    };
    for (size_t i = 0; i < index.size(); ++i) {
        const PacketRecord& rec = index[i];
        const DecodedPacket d = file.decode(i);
        const TcpPacketAnalysis a = tracker.analysis(uint32_t(i), index, d);
        FrameSummary columns;
        if (!summarizeForOutput(capture, i, d, a, filter, columns, desegment))
            continue;
        const Timestamp time = file.exactTime(i);
        if (!file.intact(i)) // its bytes were lost while we read them: the damage rule's stop
            break;
        rows.emplace_back(i, out.size());
        writer.appendRow(out, FrameView{i + 1, &rec, &d, time, &a, columns.summary.protocol, columns.info});
        if (out.size() > (1 << 20)) {
            if (!writeIntact())
                return 1; // reported by main's finishStdout()
            out.clear();
        }
    }
    writeIntact();
    return damageStatus(file);
}

} // namespace synflow::cli
