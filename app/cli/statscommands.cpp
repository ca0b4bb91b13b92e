// `endpoints` and `io`: tshark's -z endpoints,TYPE and -z io,stat tables.
#include "cli/commands.h"
#include "cli/output.h"

#include "analysis/analysedcapture.h"
#include "filter/displayfilter.h"
#include "filter/filterfields.h"
#include "output/statstext.h"
#include "stats/conversationtable.h"
#include "stats/iostatistics.h"
#include "stats/protocolhierarchy.h"

#include <algorithm>
#include <optional>

namespace synflow::cli {

bool takeType(const Args& args, size_t& i, ConversationType& type)
{
    std::string value;
    if (args[i] == "--type" && i + 1 < args.size())
        value = args[++i];
    else if (args[i].starts_with("--type="))
        value = args[i].substr(7);
    else
        return false;
    return parseConversationType(value, type);
}

int openForStatistics(const std::string& path, ConversationType type, const std::string& filterText, AnalysedCapture& capture,
                      std::vector<uint8_t>& shown, const FrameHook& each)
{
    DisplayFilter filter;
    std::string error;
    if (!filter.compile(filterText, error))
        return fail("display filter: " + error, 2);
    if (!capture.open(path, error))
        return fail(error);
    // TCP needs the tracker; a filter may need the protocols too; the rest reads layers only.
    AnalysedCapture::Depth depth = type == ConversationType::Tcp ? AnalysedCapture::Depth::Tcp : AnalysedCapture::Depth::Index;
    if (filter.needsProtocol())
        depth = AnalysedCapture::Depth::Full;
    else if (filter.needsTcpAnalysis())
        depth = std::max(depth, AnalysedCapture::Depth::Tcp);
    if (each)
        capture.analyse({depth, {}}, [&](size_t i, PacketRecord& rec, const DecodedPacket& d) { each(i, rec, d); });
    else
        capture.analyse(depth);
    if (!filter.empty())
        shown = filterFrames(filter, capture);
    return -1;
}

int runEndpoints(const Args& args)
{
    const char* usage = "usage: synflow-cli endpoints FILE [--type eth|ip|ipv6|tcp|udp] [-Y FILTER]";
    std::string path, filter;
    ConversationType type = ConversationType::Tcp;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--type" || args[i].starts_with("--type=")) {
            if (!takeType(args, i, type))
                return fail(usage, 2);
        } else if ((args[i] == "-Y" || args[i] == "--filter") && i + 1 < args.size())
            filter = args[++i];
        else if (path.empty() && isFileArgument(args[i]))
            path = args[i];
        else
            return fail(usage, 2);
    }
    if (path.empty())
        return fail(usage, 2);
    AnalysedCapture capture;
    std::vector<uint8_t> shown;
    ConversationOptions options;
    options.types = typeBit(type);
    options.tcpDetails = false;
    options.conversations = false;
    // Without a filter every frame counts: counted as the first pass decodes it, not decoded again.
    std::optional<ConversationCounter> counter;
    if (filter.empty())
        counter.emplace(options);
    const FrameHook count = [&](size_t i, PacketRecord& rec, const DecodedPacket& d) {
        counter->add(uint32_t(i), rec, d, &capture.trackerSoFar(), capture.index());
    };
    if (const int code = openForStatistics(path, type, filter, capture, shown, counter ? count : FrameHook{}); code >= 0)
        return code;
    options.shown = filter.empty() ? nullptr : &shown;
    const ConversationTables tables = counter ? counter->finish(capture) : buildConversationTables(capture, options);
    std::string out;
    appendEndpointTable(out, type, tables.ends(type), filter);
    writeStdout(out);
    return damageStatus(capture.file());
}

int runIo(const Args& args)
{
    const char* usage = "usage: synflow-cli io FILE -i SECONDS [-Y FILTER|FUNC(FIELD)FILTER]...";
    std::string path, intervalText;
    std::vector<std::string> filters;
    for (size_t i = 0; i < args.size(); ++i) {
        if ((args[i] == "-i" || args[i] == "--interval") && i + 1 < args.size() && intervalText.empty())
            intervalText = args[++i];
        else if ((args[i] == "-Y" || args[i] == "--filter") && i + 1 < args.size())
            filters.push_back(args[++i]);
        else if (path.empty() && isFileArgument(args[i]))
            path = args[i];
        else
            return fail(usage, 2);
    }
    if (path.empty() || intervalText.empty())
        return fail(usage, 2);
    int64_t intervalUs = 0;
    uint32_t decimals = 0;
    std::string error;
    if (!parseIoInterval(intervalText, intervalUs, decimals, error))
        return fail(error, 2);
    bool needsTracker = false;
    for (const std::string& f : filters) {
        IoColumnSpec spec;
        if (!parseIoColumn(f, spec, error))
            return fail(error, 2);
        DisplayFilter df;
        if (!df.compile(spec.filter, error))
            return fail("display filter '" + spec.filter + "': " + error, 2);
        // A field of the TCP analysis or the Protocol column needs the whole analysis, as a filter does.
        const Field* field = spec.field.empty() ? nullptr : filter::bindField(spec.field, error);
        needsTracker = needsTracker || df.needsTcpAnalysis() || df.needsProtocol() || (field && filter::filterNeeds(*field));
    }
    AnalysedCapture capture;
    if (!capture.open(path, error))
        return fail(error);
    capture.analyse(needsTracker ? AnalysedCapture::Depth::Full : AnalysedCapture::Depth::Index);
    IoStatistics stats;
    if (!computeIoStatistics(capture, intervalUs, decimals, filters, stats, error))
        return fail(error, 2);
    std::string out;
    appendIoStatTable(out, stats);
    writeStdout(out);
    return damageStatus(capture.file());
}

} // namespace synflow::cli

namespace synflow::cli {

int runPhs(const Args& args)
{
    const char* usage = "usage: synflow-cli phs FILE [-Y FILTER] [--no-desegment]";
    std::string path, filterText;
    bool desegment = true; // tshark's default preferences
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--no-desegment")
            desegment = false;
        else if ((args[i] == "-Y" || args[i] == "--filter") && i + 1 < args.size() && filterText.empty())
            filterText = args[++i];
        else if (path.empty() && !args[i].starts_with("-"))
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
    capture.analyse(AnalysedCapture::Depth::Full); // the application layer needs the protocols
    std::vector<uint8_t> shown;
    if (!filter.empty())
        shown = filterFrames(filter, capture);
    const ProtocolHierarchy phs = computeProtocolHierarchy(capture, filter.empty() ? nullptr : &shown, nullptr, desegment);
    std::string out;
    appendPhsText(out, phs, filterText);
    writeStdout(out);
    return damageStatus(capture.file());
}

} // namespace synflow::cli
