// `expert`: tshark's -z expert[,LEVEL][,FILTER] report.
#include "cli/commands.h"
#include "cli/output.h"

#include "analysis/analysedcapture.h"
#include "filter/displayfilter.h"
#include "output/experttext.h"
#include "stats/expertinfo.h"

namespace synflow::cli {

int runExpert(const Args& args)
{
    const char* usage = "usage: synflow-cli expert FILE [-Y FILTER] [--severity error|warn|note|chat|comment] [--no-desegment]";
    std::string path, filterText;
    ExpertOptions options;
    options.desegment = true; // tshark's default preferences
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--no-desegment") {
            options.desegment = false;
        } else if ((args[i] == "-Y" || args[i] == "--filter") && i + 1 < args.size()) {
            filterText = args[++i];
        } else if (args[i] == "--severity" || args[i].starts_with("--severity=")) {
            std::string word;
            if (args[i] == "--severity" && i + 1 < args.size())
                word = args[++i];
            else if (args[i] != "--severity")
                word = args[i].substr(11);
            if (!parseExpertSeverity(word, options.lowest))
                return fail(usage, 2);
        } else if (path.empty() && !args[i].starts_with("-")) {
            path = args[i];
        } else {
            return fail(usage, 2);
        }
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
    // Reassembly errors need the messages each conversation's protocol frames (the protocols). Most
    // frames raise nothing: the first pass marks them, so the second decodes only the others.
    const bool full = options.desegment || filter.needsProtocol();
    capture.analyse({full ? AnalysedCapture::Depth::Full : AnalysedCapture::Depth::Tcp, {}},
                    [](size_t, PacketRecord& rec, const DecodedPacket& d) { markExpertQuiet(rec, d); });
    std::vector<uint8_t> shown;
    if (!filter.empty()) {
        shown = filterFrames(filter, capture);
        options.shown = &shown;
    }
    std::string out;
    appendExpertReport(out, collectExpertInfo(capture, options));
    writeStdout(out);
    return damageStatus(capture.file());
}

} // namespace synflow::cli
