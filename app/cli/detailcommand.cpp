#include "cli/commands.h"

#include "capture/capturefile.h"
#include "tcp/tcptracker.h"
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
    CaptureFile file;
    std::string error;
    if (!file.open(path, error))
        return fail(error);
    file.indexAll();
    const PacketIndex& index = file.index();
    if (frame > index.size())
        return fail("frame " + std::to_string(frame) + " is beyond the last frame (" + std::to_string(index.size()) + ")");

    // The whole capture goes through the tracker: analysis values depend on every packet.
    TcpTracker tracker;
    tracker.processCapture(file);

    const size_t i = size_t(frame - 1);
    const DecodedPacket d = file.decode(i);
    const TcpPacketAnalysis a = tracker.analysis(uint32_t(i), index, d);
    const std::string text = buildDetailTree(file, i, d, &a).text();
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
}

} // namespace synflow::cli
