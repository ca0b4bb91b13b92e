#include "fuzzbody.h"

#include "analysis/analysedcapture.h"
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
        // The one first pass reads in small pieces: the same records and the same damage must be
        // found as through the map, and it analyses them (protocols, framing, continuations too).
        AnalysedCapture analysed;
        if (!analysed.open(path, error))
            abort();
        AnalysedCapture::PassOptions pass;
        pass.windowBytes = 512;
        analysed.analyse(pass, [&](size_t i, const DecodedPacket& d) { // d.frame: the bytes as read into the buffer
            if (i >= index.size())
                abort();
            const auto mapped = file.packetBytes(i);
            if (index[i].kind != RecordKind::CustomBlock && !std::equal(d.frame.begin(), d.frame.end(), mapped.begin(), mapped.end()))
                abort();
        });
        if (analysed.packetCount() != index.size() || bool(analysed.file().damage()) != bool(file.damage()))
            abort();
        const TcpTracker& tracker = *analysed.tracker();
        const ConversationProtocols& protocols = *analysed.protocols();
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
