#include "fuzzbody.h"
#include "fuzzsupport.h"

#include "analysis/analysedcapture.h"
#include "flow/flowgraph.h"
#include "flow/flowsvg.h"
#include "flow/teaching.h"

#include <cstdlib>
#include <string>
#include <vector>

namespace synflow::fuzz {

void runFlow(const uint8_t* data, size_t size)
{
    if (size == 0)
        return;
    MemFile mem(data, size);
    if (!mem.ok())
        return;
    AnalysedCapture capture;
    std::string error;
    if (!capture.open(mem.path(), error))
        return;
    capture.analyse();

    // The last byte picks the graph's options (it also belongs to the capture: no byte is wasted).
    const uint8_t pick = data[size - 1];
    FlowOptions o;
    o.by = pick & 1 ? FlowOptions::NodeBy::Endpoint : FlowOptions::NodeBy::Address;
    o.tcpOnly = !(pick & 2);
    const size_t streams = capture.tracker()->conversationCount();
    if ((pick & 4) && streams)
        o.stream = int64_t((pick >> 4) % streams);
    if ((pick & 8) && streams) // several ticked conversations, one of them named twice
        o.streams = {uint32_t(streams - 1), 0, uint32_t(streams - 1)};
    std::vector<uint8_t> shown;
    if (pick & 128) { // a display filter's result: every other frame
        shown.resize(capture.packetCount());
        for (size_t i = 0; i < shown.size(); i += 2)
            shown[i] = 1;
        o.shown = &shown;
    }
    FlowGraph graph;
    graph.build(capture, o);
    for (const FlowArrow& a : graph.arrows()) {
        if (a.frame >= capture.packetCount() || a.from >= graph.nodes().size() || a.to >= graph.nodes().size())
            abort();
        if (o.shown && !shown[a.frame])
            abort();
    }
    if (!graph.arrows().empty())
        (void)flowText(graph);
    (void)flowSvg(graph);
    for (size_t k = 0; k < graph.arrows().size() && k < 512; ++k) {
        if (graph.arrows()[k].stream == FlowArrow::NoStream)
            (void)(graph.labelOf(graph.arrows()[k]) + graph.commentOf(graph.arrows()[k]));
        else
            (void)explainStep(stepFacts(graph, k));
    }
}

} // namespace synflow::fuzz
