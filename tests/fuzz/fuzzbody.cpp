#include "fuzzbody.h"
#include "fuzzsupport.h"

#include "analysis/analysedcapture.h"
#include "capture/capturefile.h"
#include "capture/formatsniffer.h"
#include "output/fieldswriter.h"
#include "proto/conversationprotocols.h"
#include "proto/pducontinuation.h"
#include "proto/protocolsummary.h"
#include "tcp/tcpinfo.h"
#include "tcp/tcptracker.h"
#include "tree/detailtree.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

namespace synflow::fuzz {

MemFile::MemFile(const uint8_t* data, size_t size)
{
    fd_ = memfd_create("synflow-fuzz", MFD_CLOEXEC);
    if (fd_ < 0)
        return;
    size_t done = 0;
    while (done < size) {
        const ssize_t n = write(fd_, data + done, size - done);
        if (n <= 0)
            break;
        done += size_t(n);
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
}

MemFile::~MemFile()
{
    if (fd_ >= 0)
        close(fd_);
}

const std::string& scratchDir()
{
    // Removed by the destructor at exit (the path's own storage lives as long).
    struct Dir {
        std::string path;
        Dir()
        {
            // Save As fsyncs: on tmpfs that costs nothing, so the writers target keeps its speed.
            // libFuzzer ends without destructors: run-fuzz.sh names a folder it removes itself.
            const char* given = std::getenv("SYNFLOW_FUZZ_TMP");
            const std::filesystem::path base = given ? given
                : std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
            path = (base / "synflow-fuzz-XXXXXX").string();
            if (!mkdtemp(path.data()))
                abort();
        }
        ~Dir()
        {
            std::error_code ec;
            std::filesystem::remove_all(path, ec);
        }
    };
    static const Dir dir;
    return dir.path;
}

std::span<const Target> targets()
{
    static const Target all[] = {
        {"capture", runCapture, true}, {"pcap", runPcap, true},     {"pcapng", runPcapNg, true},
        {"decoder", runDecoder, false}, {"tcp", runTcp, false},      {"filter", runFilter, false},
        {"flow", runFlow, true},        {"writers", runWriters, true},  {"compressed", runCompressed, true},
        {"stats", runStats, true},
    };
    return all;
}

const Target* findTarget(std::string_view name)
{
    for (const Target& t : targets())
        if (name == t.name)
            return &t;
    return nullptr;
}

void runCapture(const uint8_t* data, size_t size)
{
    MemFile mem(data, size);
    if (!mem.ok())
        return;
    const std::string& path = mem.path();
    CaptureFile file;
    std::string error;
    if (!file.open(path, error))
        return;
    file.indexAll();
    const PacketIndex& index = file.index();
    // The one first pass reads in small pieces: the same records and the same damage must be
    // found as through the map, and it analyses them (protocols, framing, continuations too).
    AnalysedCapture analysed;
    if (!analysed.open(path, error))
        abort();
    AnalysedCapture::PassOptions pass;
    pass.windowBytes = 512;
    analysed.analyse(pass, [&](size_t i, const PacketRecord&, const DecodedPacket& d) { // d.frame: the bytes as read into the buffer
        if (i >= index.size())
            abort();
        const auto mapped = file.packetBytes(i);
        // A fragment that completes an IP datagram is decoded as the whole datagram, not its bytes.
        if (index[i].kind != RecordKind::CustomBlock && !d.reassembled
            && !std::equal(d.frame.begin(), d.frame.end(), mapped.begin(), mapped.end()))
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

namespace {

bool sameRecord(const PacketRecord& a, const PacketRecord& b)
{
    return a.offset == b.offset && a.tsNs == b.tsNs && a.capLen == b.capLen && a.origLen == b.origLen && a.iface == b.iface
        && a.kind == b.kind && a.flags == b.flags;
}

// One reader on its own: every record inside the file, its options readable, and the first
// pass's windowed reading (window size picked by the input) finding the same records.
void runReader(const uint8_t* data, size_t size, bool pcapng)
{
    const FileFormat f = sniffFormat({data, size});
    if ((f == FileFormat::PcapNg) != pcapng || f == FileFormat::Unknown)
        return;
    MemFile mem(data, size);
    if (!mem.ok())
        return;
    CaptureFile file;
    std::string error;
    if (!file.open(mem.path(), error))
        return;
    file.indexAll();
    const PacketIndex& index = file.index();
    const size_t ifaces = file.interfaces().size();
    for (size_t i = 0; i < index.size(); ++i) {
        const PacketRecord& r = index[i];
        if (r.offset > size || r.capLen > size - r.offset || (r.kind != RecordKind::CustomBlock && r.iface >= ifaces))
            abort();
        (void)file.exactTime(i);
        for (const std::string& c : file.packetComments(i))
            (void)c.size();
    }
    if (file.damage() && file.damage()->offset > size)
        abort();
    (void)file.sectionComments();

    AnalysedCapture windowed;
    if (!windowed.open(mem.path(), error))
        abort();
    AnalysedCapture::PassOptions pass;
    pass.depth = AnalysedCapture::Depth::Index;
    pass.windowBytes = 64 + size_t(data[size / 2]) * 7; // some records straddle windows, some outgrow them
    windowed.analyse(pass);
    const PacketIndex& other = windowed.index();
    if (other.size() != index.size() || bool(windowed.file().damage()) != bool(file.damage()))
        abort();
    for (size_t i = 0; i < index.size(); ++i)
        if (!sameRecord(index[i], other[i]))
            abort();
}

} // namespace

void runPcap(const uint8_t* data, size_t size)
{
    runReader(data, size, false);
}

void runPcapNg(const uint8_t* data, size_t size)
{
    runReader(data, size, true);
}

} // namespace synflow::fuzz
