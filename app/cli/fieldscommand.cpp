#include "cli/commands.h"

#include "capture/capturefile.h"
#include "decode/packetdecoder.h"
#include "output/fieldswriter.h"

#include <cstdio>

namespace synflow::cli {

int runFields(const Args& args)
{
    if (args.size() != 1 || args[0].starts_with("-"))
        return fail("usage: synflow-cli fields FILE", 2);
    CaptureFile file;
    std::string error;
    if (!file.open(args[0], error))
        return fail(error);
    file.indexAll();

    FieldsWriter writer;
    std::string out;
    writer.appendHeader(out);
    const PacketIndex& index = file.index();
    for (size_t i = 0; i < index.size(); ++i) {
        const PacketRecord& rec = index[i];
        DecodedPacket d = rec.kind == RecordKind::CustomBlock ? DecodedPacket{}
                                                               : decodePacket(file.linkType(i), file.packetBytes(i), rec.origLen);
        writer.appendRow(out, FrameView{i + 1, &rec, &d, file.exactTime(i)});
        if (out.size() > (1 << 20)) {
            std::fwrite(out.data(), 1, out.size(), stdout);
            out.clear();
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    if (const auto& dmg = file.damage()) {
        std::fprintf(stderr, "synflow-cli: %s: damaged at byte %llu: %s (%zu packets read before it)\n", args[0].c_str(),
                     static_cast<unsigned long long>(dmg->offset), dmg->what.c_str(), index.size());
        return 2;
    }
    return 0;
}

} // namespace synflow::cli
