#include "cli/commands.h"

#include "analysis/analysedcapture.h"
#include "tree/detailtree.h"

#include <cstdio>
#include <cstdlib>

namespace synflow::cli {

int runDetail(const Args& args)
{
    std::string path;
    uint64_t frame = 0;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "-n" && i + 1 < args.size())
            frame = std::strtoull(args[++i].c_str(), nullptr, 10);
        else if (path.empty() && !args[i].starts_with("-"))
            path = args[i];
        else
            return fail("usage: synflow-cli detail FILE -n FRAME", 2);
    }
    if (path.empty() || frame == 0)
        return fail("usage: synflow-cli detail FILE -n FRAME", 2);
    AnalysedCapture capture;
    std::string error;
    if (!capture.open(path, error))
        return fail(error);
    // The whole capture is analysed: a frame's values depend on every packet.
    capture.analyse(AnalysedCapture::Depth::Tcp);
    const PacketIndex& index = capture.index();
    if (frame > index.size())
        return fail("frame " + std::to_string(frame) + " is beyond the last frame (" + std::to_string(index.size()) + ")");

    const std::string text = buildDetailTree(capture, size_t(frame - 1)).text();
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
}

} // namespace synflow::cli
