#include "fuzzbody.h"

#include "capture/capturefile.h"
#include "output/fieldswriter.h"
#include "proto/conversationprotocols.h"
#include "proto/pducontinuation.h"
#include "proto/protocolsummary.h"
#include "tcp/tcpinfo.h"
#include "tcp/tcptracker.h"
#include "tree/detailtree.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

namespace synflow::fuzz {

void runOneInput(const uint8_t* data, size_t size)
{
    // The reader maps a file by path: hand it the input as an anonymous in-memory file.
    const int fd = memfd_create("synflow-fuzz", MFD_CLOEXEC);
    if (fd < 0)
        return;
    size_t done = 0;
    while (done < size) {
        const ssize_t n = write(fd, data + done, size - done);
        if (n <= 0)
            break;
        done += size_t(n);
    }
    const std::string path = "/proc/self/fd/" + std::to_string(fd);
    CaptureFile file;
    std::string error;
    if (file.open(path, error)) {
        file.indexAll();
        const PacketIndex& index = file.index();
        // Read in small pieces, the same records and the same damage must be found.
        CaptureFile pieces;
        if (!pieces.open(path, error))
            abort();
        ReadWindow w;
        w.buffer.resize(512);
        for (bool more = true; more;) {
            const size_t begin = pieces.packetCount();
            more = pieces.indexRead(w);
            for (size_t i = begin; i < pieces.packetCount(); ++i) {
                if (i >= index.size())
                    abort();
                const auto read = w.packet(pieces.index()[i]), mapped = file.packetBytes(i);
                if (!std::equal(read.begin(), read.end(), mapped.begin(), mapped.end()))
                    abort();
            }
        }
        if (pieces.packetCount() != index.size() || bool(pieces.damage()) != bool(file.damage()))
            abort();
        TcpTracker tracker;
        ConversationProtocols protocols; // application protocols, message framing and continuations too
        protocols.analyseCapture(file, tracker);
        FieldsWriter writer;
        std::string out, info;
        for (size_t i = 0; i < index.size() && i < 256; ++i) {
            const DecodedPacket d = file.decode(i);
            const TcpPacketAnalysis a = tracker.analysis(uint32_t(i), index, d);
            const ProtocolSummary s = summarizeFrame(d, index[i], &a, &protocols);
            info.clear();
            if (a.valid)
                appendTcpInfo(info, d, a, 0, s.continuationTo);
            writer.appendRow(out, FrameView{i + 1, &index[i], &d, file.exactTime(i), &a, s.protocol, info});
            FrameContext ctx;
            ctx.number = i + 1;
            ctx.record = &index[i];
            ctx.decoded = &d;
            ctx.interface = &file.interfaces()[index[i].iface];
            ctx.time = file.exactTime(i);
            ctx.comments = file.packetComments(i);
            ctx.tcp = a.valid ? &a : nullptr;
            const DetailTree tree = buildDetailTree(ctx);
            (void)tree.text();
            if (!tree.nodes().empty())
                (void)tree.nodeAt(uint32_t(i % 64));
        }
    }
    close(fd);
}

} // namespace synflow::fuzz
