#include "cli/commands.h"
#include "cli/atomicfile.h"
#include "cli/flowrender.h"
#include "cli/output.h"

#include "analysis/analysedcapture.h"
#include "capture/spillblock.h"
#include "filter/displayfilter.h"
#include "flow/anonymiser.h"
#include "flow/flowgraph.h"
#include "proto/conversationprotocols.h"
#include "flow/flowsvg.h"
#include "flow/teaching.h"
#include "tcp/tcptracker.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace synflow::cli {

int runFlow(const Args& args)
{
    const char* usage = "usage: synflow-cli flow FILE [--stream N] [--filter EXPR] [--type tcp|all] [--by address|endpoint] "
                        "[--format txt|svg|png|pdf] [--time-scale rows|proportional] [--anonymise] [--explain] "
                        "[--handout OUT.pdf] [-o OUT]";
    std::string path, out, format = "txt", filterText, handoutPath;
    FlowOptions o;
    bool explain = false, byGiven = false, anonymise = false;
    FlowTimeScale scale = FlowTimeScale::Rows;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == "--stream" && hasValue) {
            uint64_t n = 0;
            if (!parseNumber(args[++i], n, 0, UINT32_MAX))
                return fail("--stream takes a TCP stream number (0, 1, ...)\n" + std::string(usage), 2);
            o.stream = int64_t(n);
        } else if (a == "--by" && hasValue) {
            const std::string& by = args[++i];
            if (by != "address" && by != "endpoint")
                return fail(usage, 2);
            o.by = by == "endpoint" ? FlowOptions::NodeBy::Endpoint : FlowOptions::NodeBy::Address;
            byGiven = true;
        } else if (a == "--format" && hasValue)
            format = args[++i];
        else if (a == "--type" && hasValue) {
            const std::string& type = args[++i];
            if (type != "tcp" && type != "all")
                return fail(usage, 2);
            o.tcpOnly = type == "tcp";
        } else if ((a == "--filter" || a == "-Y") && hasValue)
            filterText = args[++i];
        else if (a == "--explain")
            explain = true;
        else if (a == "--anonymise" || a == "--anonymize")
            anonymise = true;
        else if (a == "--time-scale" && hasValue) {
            const std::string& t = args[++i];
            if (t != "rows" && t != "proportional")
                return fail("--time-scale takes rows or proportional\n" + std::string(usage), 2);
            scale = t == "proportional" ? FlowTimeScale::Proportional : FlowTimeScale::Rows;
        }
        else if (a == "--handout" && hasValue)
            handoutPath = args[++i];
        else if (a == "-o" && hasValue)
            out = args[++i];
        else if (path.empty() && isFileArgument(a))
            path = a;
        else
            return fail(usage, 2);
    }
    if (path.empty())
        return fail(usage, 2);
    if (format != "txt" && format != "svg" && format != "png" && format != "pdf")
        return fail(usage, 2);
    if ((format == "png" || format == "pdf") && out.empty())
        return fail("--format " + format + " needs -o OUT", 2);
    // tshark's text layout has one line per arrow: it has no room to show time to scale.
    if (scale == FlowTimeScale::Proportional && (format == "txt" || explain))
        return fail("--time-scale proportional draws a diagram: use --format svg, png or pdf", 2);
    DisplayFilter filter;
    std::string error;
    if (!filter.compile(filterText, error))
        return fail("display filter: " + error, 2);
    // The analysis's tables (index, per-frame and per-conversation records) go to a cache file
    // the kernel writes back and drops as needed, so a text graph takes the same memory whatever
    // the capture's size; without a cache file they stay in memory, as for any other command.
    std::string spillError;
    enableSpill(spillError);
    AnalysedCapture capture;
    if (!capture.open(path, error))
        return fail(error);
    capture.analyse();
    sampleMemory();
    capture.releaseTrackingLookup(); // no packet follows: the graph reads the analysis only
    if (const size_t streams = capture.tracker()->conversationCount(); o.stream >= 0 && size_t(o.stream) >= streams)
        return fail("no TCP stream " + std::to_string(o.stream) + " (the capture has " + std::to_string(streams) + ")", 2);
    if (!handoutPath.empty() && o.stream < 0) {
        // A lesson is one conversation's steps: the only one, or the one asked for.
        if (capture.tracker()->conversationCount() != 1)
            return fail("--handout needs --stream N: a handout shows the steps of one TCP conversation", 2);
        o.stream = 0;
    }
    std::vector<uint8_t> shown;
    if (!filter.empty()) {
        shown = filterFrames(filter, capture);
        o.shown = &shown;
    }
    // The text is written while a second build walks the packets, so no arrow is kept: the
    // first build learns only the lifelines and the number of conversations (the header).
    const bool streamText = format == "txt" && !explain && !anonymise; // anonymised: rewritten whole, before writing
    size_t streamedArrows = 0;
    const FlowArrowSink countOnly = [&](const FlowGraph&, const FlowArrow&) { ++streamedArrows; };
    FlowGraph graph;
    if (streamText)
        graph.build(capture, o, countOnly);
    else
        graph.build(capture, o);
    if ((format != "txt" || explain) && !byGiven && graph.nodes().size() == 1) {
        // Both ends share one address (loopback): a diagram, or an explanation that names each
        // end, reads better per endpoint, as the window does. tshark's text layout keeps addresses.
        o.by = FlowOptions::NodeBy::Endpoint;
        graph.build(capture, o);
    }
    if (const CaptureFile& file = capture.file(); file.checkShrunk() != MappedFile::kIntact) {
        // The file shrank while the graph was built (only build() reads packets): built again
        // from the packets before the cut.
        shown.resize(file.packetCount(), 1);
        std::fill(shown.begin() + std::ptrdiff_t(file.packetsBeforeDamage()), shown.end(), 0);
        o.shown = &shown;
        streamedArrows = 0;
        if (streamText)
            graph.build(capture, o, countOnly);
        else
            graph.build(capture, o);
    }
    if (anonymise) { // documentation addresses, numbered in the order the capture first shows each
        AddressAnonymiser anonymiser;
        anonymiser.seed(capture);
        anonymiser.rewrite(graph);
    }
    if (!handoutPath.empty()) {
        // As the teaching window draws the lesson: a lifeline per endpoint unless --by says otherwise.
        FlowOptions lesson = o;
        if (!byGiven)
            lesson.by = FlowOptions::NodeBy::Endpoint;
        FlowGraph steps;
        steps.build(capture, lesson);
        if (anonymise) {
            AddressAnonymiser anonymiser;
            anonymiser.seed(capture);
            anonymiser.rewrite(steps);
        }
        if (steps.arrows().empty())
            return fail("no TCP segments to make a handout of", 2);
        AtomicFile pdf(handoutPath);
        if (!pdf.open(error))
            return fail(error);
        if (!renderHandout(steps, pdf.fd(), error))
            return fail("cannot write " + handoutPath + ": " + error);
        // A damaged capture's handout is left out (its temporary removed), as a partial graph is.
        if (const int damaged = damageStatus(capture.file()))
            return damaged;
        if (!pdf.commit(error))
            return fail(error);
        if (!explain && out.empty() && format == "txt")
            return 0; // the handout alone was asked for
    }
    // The old OUT stays until a complete graph replaces it; a damaged capture's partial graph never does.
    AtomicFile file(out);
    if (!out.empty() && !file.open(error))
        return fail(error);
    const bool image = !explain && (format == "png" || format == "pdf");
    if (image) {
        if (!renderFlow(graph, format, file.fd(), error, scale))
            return fail("cannot write " + out + ": " + error);
    } else {
        // Written as it is made, in 64 KiB pieces: the whole text of a large graph is never held.
        std::string buffer;
        bool writeFailed = false;
        auto flush = [&] {
            if (out.empty())
                writeStdout(buffer);
            else if (!writeFailed)
                writeFailed = !file.write(buffer, error);
            buffer.clear();
        };
        auto put = [&](std::string_view piece) {
            buffer += piece;
            if (buffer.size() >= (size_t(1) << 16))
                flush();
        };
        if (explain) {
            // One numbered step per arrow, in plain words, for teaching.
            for (size_t k = 0; k < graph.arrows().size(); ++k) {
                const FlowArrow& a = graph.arrows()[k];
                put(std::to_string(k + 1) + ". [#" + std::to_string(a.frame + 1) + "] ");
                if (a.stream == FlowArrow::NoStream) // another protocol (--type all): no TCP step to explain
                    put(graph.commentOf(a) + ": " + graph.nodes()[a.from] + " sends " + graph.labelOf(a) + ".\n");
                else
                    put(explainStep(stepFacts(graph, k)) + "\n");
            }
        } else if (format == "svg") {
            writeFlowSvg(graph, put, scale);
        } else if (!streamText) {
            writeFlowText(graph, put);
        } else if (streamedArrows > 0) {
            FlowTextWriter writer(graph, put);
            writer.header();
            graph.build(capture, o, [&](const FlowGraph& g, const FlowArrow& a) { writer.row(g, a); });
        }
        flush();
        if (writeFailed)
            return fail(error);
    }
    if (std::getenv("SYNFLOW_STATS"))
        reportStats(capture.index().size(), capture.tracker()->memoryBytes(), capture.tracker()->revivals());
    // Checked after writing: the second build of a streamed text reads the packets again.
    const int damaged = damageStatus(capture.file());
    if (out.empty())
        return damaged;
    if (damaged)
        return damaged; // the temporary file is removed
    return file.commit(error) ? 0 : fail(error);
}

} // namespace synflow::cli
