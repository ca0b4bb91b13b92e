#include "cli/commands.h"
#include "cli/output.h"

#include "analysis/analysedcapture.h"
#include "tree/detailtree.h"

#include <cstdio>
#include <cstdlib>

namespace synflow::cli {

int runDetail(const Args& args)
{
    std::string path;
    uint64_t frame = 0;
    bool desegment = true; // tshark's default: a message spanning segments shown on its last one
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "-n" && i + 1 < args.size()) {
            if (!parseNumber(args[++i], frame, 1))
                return fail("-n takes a frame number (1, 2, ...)\nusage: synflow-cli detail FILE -n FRAME [--no-desegment]", 2);
        } else if (args[i] == "--no-desegment") {
            desegment = false; // as -o tcp.desegment_tcp_streams:FALSE
        } else if (path.empty() && isFileArgument(args[i]))
            path = args[i];
        else
            return fail("usage: synflow-cli detail FILE -n FRAME [--no-desegment]", 2);
    }
    if (path.empty() || frame == 0)
        return fail("usage: synflow-cli detail FILE -n FRAME [--no-desegment]", 2);
    AnalysedCapture capture;
    std::string error;
    if (!capture.open(path, error))
        return fail(error);
    // The whole capture is analysed: a frame's values depend on every packet.
    capture.analyse(); // the application layers follow the Protocol column, which needs the protocols pass
    const PacketIndex& index = capture.index();
    if (frame > index.size()) {
        damageStatus(capture.file());
        return fail("frame " + std::to_string(frame) + " is beyond the last frame (" + std::to_string(index.size()) + ")", 2);
    }
    const std::string tree = buildDetailTree(capture, size_t(frame - 1), desegment).text();
    capture.file().checkShrunk();
    if (capture.file().intact(size_t(frame - 1))) // else its bytes were lost while we read them
        writeStdout(tree);
    return damageStatus(capture.file());
}

} // namespace synflow::cli
