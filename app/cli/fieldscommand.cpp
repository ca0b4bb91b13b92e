#include "cli/commands.h"
#include "cli/framesummary.h"
#include "cli/output.h"

#include "analysis/analysedcapture.h"
#include "output/fieldswriter.h"

namespace synflow::cli {

int runFields(const Args& args)
{
    ShownFramesArgs options;
    if (const int code = parseShownFramesArgs(args, "usage: synflow-cli fields FILE [-Y DISPLAY_FILTER] [--no-desegment]", options);
        code >= 0)
        return code;
    AnalysedCapture capture;
    FieldsWriter writer;
    std::string head;
    writer.appendHeader(head);
    return writeShownFrames(options, capture, std::move(head),
                            [&](size_t i, const DecodedPacket& d, const TcpPacketAnalysis& a, const FrameSummary& columns, std::string& out) {
                                const CaptureFile& file = capture.file();
                                writer.appendRow(out, FrameView{i + 1, &file.index()[i], &d, file.exactTime(i), &a,
                                                                columns.summary.protocol, columns.info});
                            });
}

} // namespace synflow::cli
