#include "flow/flowsvg.h"

#include "decode/packetdecoder.h"
#include "flow/flowbrackets.h"
#include "output/textformat.h"

#include <algorithm>
#include <cstdio>

namespace synflow {
namespace {

constexpr int kTime = 110, kGap = 240, kRow = 44, kHead = 70, kLeft = 60;

// Names and comments can carry packet text: control bytes would break the XML.
std::string escape(const std::string& s)
{
    std::string out;
    appendXmlEscaped(out, s);
    return out;
}

struct Style {
    const char* colour;
    const char* dash;
    double width;
    const char* name;
};

// The same colour-blind-safe styles as the GUI view.
Style styleFor(const FlowArrow& a)
{
    if (a.tcpFlags & TcpRst)
        return {"#d55e00", "", 3.0, "reset"};
    if (a.analysisFlags & TcpAnyRetransmission)
        return {"#cc79a7", "8,4", 2.0, "retransmission"};
    if (a.analysisFlags & TcpDuplicateAck)
        return {"#e69f00", "2,3", 2.0, "duplicate ACK"};
    if (a.analysisFlags & (TcpZeroWindow | TcpZeroWindowProbe | TcpWindowFull))
        return {"#0072b2", "8,3,2,3", 2.0, "zero window / window full"};
    if (a.tcpFlags & (TcpSyn | TcpFin))
        return {"#009e73", "", 2.5, "SYN / FIN"};
    return {"#444444", "", 1.5, "segment"};
}

std::string fmt(const char* f, auto... args)
{
    char buf[1024];
    const int n = std::snprintf(buf, sizeof buf, f, args...);
    return std::string(buf, size_t(std::clamp(n, 0, int(sizeof buf) - 1)));
}

} // namespace

std::string flowSvg(const FlowGraph& g, FlowTimeScale scale)
{
    std::string out;
    writeFlowSvg(g, [&](std::string_view s) { out += s; }, scale);
    return out;
}

void writeFlowSvg(const FlowGraph& g, const std::function<void(std::string_view)>& put, FlowTimeScale scale)
{
    const int nodes = int(g.nodes().size());
    const int width = kTime + kLeft + std::max(1, nodes) * kGap + 420;
    // Each row's top below the header: a row apart, or silences at true scale (the longest eight rows at most).
    std::vector<int64_t> tops;
    if (scale == FlowTimeScale::Proportional)
        tops = rowTops(g.arrows(), kRow, proportionalScale(g.arrows(), kRow, 8 * kRow));
    auto rowTop = [&](size_t i) { return tops.empty() ? int64_t(i) * kRow : tops[std::min(i, tops.size() - 1)]; };
    const int64_t height = kHead + rowTop(g.arrows().size()) + 20;
    auto lane = [&](int n) { return kTime + kLeft + n * kGap; };
    std::string out = fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%lld\" viewBox=\"0 0 %d %lld\" "
                          "font-family=\"DejaVu Sans, sans-serif\" font-size=\"13\">\n",
                          width, static_cast<long long>(height), width, static_cast<long long>(height));
    out += fmt("<rect width=\"%d\" height=\"%lld\" fill=\"#ffffff\"/>\n", width, static_cast<long long>(height));
    out += "<text x=\"8\" y=\"20\" font-weight=\"bold\">Time</text>\n";
    for (int n = 0; n < nodes; ++n) {
        out += fmt("<text class=\"node\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>\n", lane(n),
                   20 + (n % 2) * 16, escape(g.nodes()[size_t(n)]).c_str());
        out += fmt("<line class=\"lifeline\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%lld\" stroke=\"#999999\" stroke-dasharray=\"4,4\"/>\n",
                   lane(n), kHead - 10, lane(n), static_cast<long long>(height - 10));
    }
    put(out);
    std::vector<int> lastState(size_t(nodes), -1);
    for (size_t i = 0; i < g.arrows().size(); ++i) {
        const FlowArrow& a = g.arrows()[i];
        out.clear();
        const Style st = styleFor(a);
        const int y = int(kHead + rowTop(i)) + kRow - 12, x1 = lane(a.from), x2 = lane(a.to);
        // Rows do not stretch with time: a long silence is marked where it falls.
        if (const double gap = i ? secondsBetween(a.time, g.arrows()[i - 1].time) : 0; gap >= 1) {
            const int top = int(kHead + rowTop(i));
            out += fmt("<g class=\"gap\"><line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999999\" stroke-dasharray=\"1,3\"/>"
                       "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"10\" fill=\"#555555\">&#8943; %.2f s later</text></g>\n",
                       top, width, top, kTime, top + 11, gap);
        }
        out += fmt("<g class=\"arrow\" data-frame=\"%u\">\n", a.frame + 1);
        out += fmt("  <text x=\"%d\" y=\"%d\" text-anchor=\"end\">%lld.%06u</text>\n", kTime, y - 4,
                   static_cast<long long>(a.time.sec), a.time.nsec / 1000);
        const std::string dash = *st.dash ? fmt(" stroke-dasharray=\"%s\"", st.dash) : std::string();
        if (x1 == x2) {
            out += fmt("  <path d=\"M %d %d C %d %d %d %d %d %d\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n", x1, y - 14, x1 + 40,
                       y - 14, x1 + 40, y, x1, y, st.colour, st.width, dash.c_str());
        } else {
            const int dir = x2 > x1 ? -1 : 1;
            out += fmt("  <line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n", x1, y, x2, y, st.colour, st.width,
                       dash.c_str());
            out += fmt("  <polygon points=\"%d,%d %d,%d %d,%d\" fill=\"%s\"/>\n", x2, y, x2 + dir * 9, y - 5, x2 + dir * 9, y + 5, st.colour);
        }
        const bool bold = a.tcpFlags & (TcpSyn | TcpFin | TcpRst);
        out += fmt("  <text x=\"%d\" y=\"%d\" text-anchor=\"middle\"%s>%s</text>\n", (x1 + x2) / 2 + (x1 == x2 ? 60 : 0), y - 8,
                   bold ? " font-weight=\"bold\"" : "", escape(g.labelOf(a)).c_str());
        std::string comment = g.commentOf(a);
        if (a.role != TcpRole::None)
            comment += std::string("  [") + tcpRoleName(a.role) + "]";
        out += fmt("  <text x=\"%d\" y=\"%d\">%s</text>\n", lane(std::max(0, nodes - 1)) + 110, y - 4, escape(comment).c_str());
        // The packet's comments under the numbers, set apart in italics as the window sets them.
        if (const std::string note = g.noteOf(a); !note.empty())
            out += fmt("  <text class=\"note\" x=\"%d\" y=\"%d\" font-style=\"italic\">%s</text>\n", lane(std::max(0, nodes - 1)) + 110,
                       y + 10, escape(note).c_str());
        // States where they change.
        auto state = [&](int node, TcpState s, int x) {
            if (s == TcpState::Unknown || lastState[size_t(node)] == int(s))
                return;
            lastState[size_t(node)] = int(s);
            out += fmt("  <text class=\"state\" x=\"%d\" y=\"%d\" fill=\"#0072b2\" font-size=\"11\">%s</text>\n", x + 4, y + 14, tcpStateName(s));
        };
        state(a.from, a.stateFrom, x1);
        state(a.to, a.stateTo, x1 == x2 ? x2 + 50 : x2);
        out += "</g>\n";
        put(out); // one arrow's group at a time
    }
    // Handshake / teardown / reset brackets in the gutter before the first lifeline.
    for (const FlowBracket& b : flowBrackets(g)) {
        out.clear();
        const int top = int(kHead + rowTop(b.first)) + 6, bottom = int(kHead + rowTop(b.last)) + kRow - 6, x = kTime + 18;
        out += fmt("<g class=\"bracket\"><path d=\"M %d %d H %d V %d H %d\" fill=\"none\" stroke=\"#56b4e9\" stroke-width=\"3\"/>"
                   "<text transform=\"translate(%d %d) rotate(-90)\" text-anchor=\"middle\" font-size=\"%d\">%s</text></g>\n",
                   x + 8, top, x, bottom, x + 8, x - 5, (top + bottom) / 2, bottom - top < 120 ? 9 : 12, escape(b.name).c_str());
        put(out);
    }
    put("</svg>\n");
}

} // namespace synflow
