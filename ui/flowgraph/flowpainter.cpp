#include "flowgraph/flowpainter.h"

#include "decode/packetdecoder.h"

#include <QCoreApplication>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QSaveFile>

#include <algorithm>

using namespace synflow;

namespace {

constexpr int kLegendHeight = 22;

struct Style {
    QColor colour;
    Qt::PenStyle line;
    qreal width;
    QString name;
};

// Colour-blind-safe tones (Okabe-Ito), each also with its own line style; plain segments in
// the text colour, so they read on light and dark themes.
Style styleFor(const FlowArrow& a, const QPalette& pal)
{
    if (a.tcpFlags & TcpRst)
        return {QColor(0xd5, 0x5e, 0x00), Qt::SolidLine, 3.0, QObject::tr("reset")};
    if (a.analysisFlags & TcpAnyRetransmission)
        return {QColor(0xcc, 0x79, 0xa7), Qt::DashLine, 2.0, QObject::tr("retransmission")};
    if (a.analysisFlags & TcpDuplicateAck)
        return {QColor(0xe6, 0x9f, 0x00), Qt::DotLine, 2.0, QObject::tr("duplicate ACK")};
    if (a.analysisFlags & (TcpZeroWindow | TcpZeroWindowProbe | TcpWindowFull))
        return {QColor(0x00, 0x72, 0xb2), Qt::DashDotLine, 2.0, QObject::tr("zero window / window full")};
    if (a.tcpFlags & (TcpSyn | TcpFin))
        return {QColor(0x00, 0x9e, 0x73), Qt::SolidLine, 2.5, QObject::tr("SYN / FIN")};
    return {pal.color(QPalette::Text), Qt::SolidLine, 1.5, QObject::tr("segment")};
}


// core/flow/flowbrackets.cpp names the phases; listed here so lupdate offers them for translation.
[[maybe_unused]] const char* const kBracketNames[] = {
    QT_TRANSLATE_NOOP("FlowBracket", "three-way handshake"), QT_TRANSLATE_NOOP("FlowBracket", "four-way teardown"),
    QT_TRANSLATE_NOOP("FlowBracket", "three-segment teardown"), QT_TRANSLATE_NOOP("FlowBracket", "simultaneous close"),
    QT_TRANSLATE_NOOP("FlowBracket", "reset"), QT_TRANSLATE_NOOP("FlowBracket", "refused connection")};

QString gapText(double s)
{
    return s >= 120 ? FlowPainter::tr("⋯ %1 min later").arg(s / 60, 0, 'f', 1)
                    : FlowPainter::tr("⋯ %1 s later").arg(s, 0, 'f', s < 10 ? 2 : 1);
}

} // namespace

FlowPainter::FlowPainter() : fm_(font_) { }

void FlowPainter::setGraph(const FlowGraph* graph)
{
    graph_ = graph;
    brackets_ = graph ? flowBrackets(*graph) : std::vector<FlowBracket>{};
}

void FlowPainter::setFont(const QFont& font)
{
    font_ = font;
    fm_ = QFontMetrics(font);
}

int FlowPainter::headerHeight() const { return fm_.height() * 2 + 10 + kLegendHeight; }

// Layout follows the font, so projector mode's large type keeps everything legible.
int FlowPainter::laneGap() const
{
    return std::max(fm_.horizontalAdvance(QStringLiteral("PSH, ACK - Len: 14480")), 2 * fm_.horizontalAdvance(QStringLiteral("SYN-RECEIVED "))) + 24;
}

QSize FlowPainter::contentSize(int rows) const
{
    const int nodes = graph_ ? int(graph_->nodes().size()) : 0;
    const int comment = fm_.horizontalAdvance(QStringLiteral("SYN-RECEIVED Seq = 4294967295 Ack = 4294967295   [teardown 4/4 ACK]")) + 24;
    return {laneX(std::max(0, nodes - 1)) + comment, headerHeight() + rows * rowHeight() + 8};
}

void FlowPainter::paint(QPainter& p, const QPalette& pal, const View& v) const
{
    if (!graph_)
        return;
    p.save();
    p.setFont(font_);
    p.setRenderHint(QPainter::Antialiasing);
    const int rh = rowHeight(), hh = headerHeight(), fh = fm_.height();
    const int nodes = int(graph_->nodes().size());
    const auto& arrows = graph_->arrows();
    auto lane = [&](int n) { return laneX(n, v.xScroll); };

    // Only the lifelines in sight (a capture of many hosts has thousands), then only the
    // rows asked for.
    const int gap = laneGap();
    const int firstLane = std::clamp((v.xScroll - timeWidth() - 60) / gap - 1, 0, std::max(0, nodes - 1));
    const int lastLane = std::clamp((v.xScroll + v.size.width() - timeWidth() - 60) / gap + 1, 0, std::max(0, nodes - 1));
    p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DashLine));
    for (int n = firstLane; nodes && n <= lastLane; ++n)
        p.drawLine(lane(n), hh, lane(n), v.size.height());
    const int first = v.firstRow;
    std::vector<TcpState> lastState(size_t(nodes), TcpState::Unknown);
    // States before the first row drawn: the previous arrows' endpoints.
    for (int i = std::max(0, first - 200); i < first && i < int(arrows.size()); ++i) {
        lastState[arrows[size_t(i)].from] = arrows[size_t(i)].stateFrom;
        lastState[arrows[size_t(i)].to] = arrows[size_t(i)].stateTo;
    }
    const int shown = v.reveal < 0 ? int(arrows.size()) : std::min(v.reveal, int(arrows.size()));
    const int commentX = lane(nodes - 1) + fm_.horizontalAdvance(QStringLiteral("SYN-RECEIVED")) + 16; // clear of the state names
    for (int r = 0; r < v.rows && first + r < shown; ++r) {
        const int i = first + r;
        const FlowArrow& a = arrows[size_t(i)];
        const int top = hh + r * rh;
        if (i == v.current) {
            QColor tint = pal.highlight().color(); // a tint, so the row's own text colour stays readable
            tint.setAlpha(90);
            p.fillRect(QRect(0, top, v.size.width(), rh), tint);
        }
        // A long silence before this arrow: marked across the diagram, since rows do not stretch.
        if (const double gapSeconds = i > 0 ? secondsBetween(a.time, arrows[size_t(i - 1)].time) : 0; gapSeconds >= kGapMarkSeconds) {
            QPen gap(pal.color(QPalette::Mid), 1, Qt::DotLine);
            p.setPen(gap);
            p.drawLine(0, top + 1, v.size.width(), top + 1);
            QFont small = font_;
            small.setPointSizeF(font_.pointSizeF() * 0.8);
            p.setFont(small);
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRect(4, top + 2, timeWidth() - 8, fh), Qt::AlignRight | Qt::AlignTop,
                       gapText(gapSeconds));
            p.setFont(font_);
        }
        p.setPen(pal.color(QPalette::Text));
        const QString time = QStringLiteral("%1.%2").arg(a.time.sec).arg(a.time.nsec / 1000, 6, 10, QLatin1Char('0'));
        p.drawText(QRect(4, top + fh / 2, timeWidth() - 8, rh - fh / 2), Qt::AlignVCenter | Qt::AlignRight, time);
        const Style st = styleFor(a, pal);
        const int x1 = lane(a.from), x2 = lane(a.to), y = top + rh - 10;
        p.setPen(QPen(st.colour, st.width * lineScale_, st.line));
        if (x1 == x2) {
            p.drawArc(QRect(x1, y - 14, 40, 14), 90 * 16, -180 * 16);
        } else {
            p.drawLine(x1, y, x2, y);
            const int dir = x2 > x1 ? -1 : 1;
            QPainterPath head;
            head.moveTo(x2, y);
            head.lineTo(x2 + dir * 9 * lineScale_, y - 5 * lineScale_);
            head.lineTo(x2 + dir * 9 * lineScale_, y + 5 * lineScale_);
            head.closeSubpath();
            p.fillPath(head, st.colour);
        }
        QFont bold = font_;
        bold.setBold(a.tcpFlags & (TcpSyn | TcpFin | TcpRst));
        p.setFont(bold);
        p.setPen(pal.color(QPalette::Text));
        const int lx = std::min(x1, x2), lw = std::max(std::abs(x2 - x1), 160);
        p.drawText(QRect(lx, top + 2, lw, fh), Qt::AlignHCenter, QString::fromStdString(graph_->labelOf(a)));
        p.setFont(font_);
        // New states, written on the lifelines where they change.
        auto stateText = [&](int node, TcpState s, int x) {
            if (s == lastState[size_t(node)] || s == TcpState::Unknown)
                return;
            lastState[size_t(node)] = s;
            p.setPen(pal.color(QPalette::Link));
            p.drawText(QRect(x + 4, y - fh - 2, laneGap() / 2, fh), Qt::AlignLeft, QString::fromLatin1(tcpStateName(s)));
        };
        stateText(a.from, a.stateFrom, x1);
        stateText(a.to, a.stateTo, x2 == x1 ? x2 + 50 : x2);
        // Comment and the teaching role at the right.
        p.setPen(pal.color(QPalette::Text));
        const QString numbers = QString::fromStdString(graph_->commentOf(a));
        QString comment = numbers;
        if (a.role != TcpRole::None)
            comment += QStringLiteral("   [%1]").arg(QCoreApplication::translate("TcpRole", tcpRoleName(a.role)));
        // Where the window is narrow (a projector at 1024x768 with large type) the comment
        // takes a smaller type; then the role goes (teaching mode names it below the diagram)
        // so that Seq and Ack stay whole; only then is it elided.
        const int room = v.size.width() - commentX - 4;
        QFont commentFont = font_;
        auto shrinkToFit = [&](const QString& text, qreal smallest) {
            while (QFontMetrics(commentFont).horizontalAdvance(text) > room && commentFont.pointSizeF() > font_.pointSizeF() * smallest)
                commentFont.setPointSizeF(commentFont.pointSizeF() * 0.9);
        };
        shrinkToFit(comment, 0.75);
        if (QFontMetrics(commentFont).horizontalAdvance(comment) > room && comment != numbers) {
            comment = numbers;
            shrinkToFit(comment, 0.6);
        }
        p.setFont(commentFont);
        p.drawText(QRect(commentX, top, std::max(room, 0), rh), Qt::AlignVCenter | Qt::AlignLeft,
                   QFontMetrics(commentFont).elidedText(comment, Qt::ElideRight, std::max(room, 0)));
        p.setFont(font_);
    }

    // Handshake / teardown / reset brackets in the gutter before the first lifeline.
    for (const FlowBracket& b : brackets_) {
        const int top = hh + (int(b.first) - first) * rh + 4, bottom = hh + (int(b.last) - first + 1) * rh - 4;
        if (bottom < hh || top > v.size.height() || int(b.first) >= first + v.rows || (v.reveal >= 0 && int(b.last) >= v.reveal))
            continue;
        const int x = timeWidth() + 14 - v.xScroll;
        p.setPen(QPen(QColor(0x56, 0xb4, 0xe9), 3 * lineScale_));
        p.drawLine(x, top, x, bottom);
        p.drawLine(x, top, x + 8, top);
        p.drawLine(x, bottom, x + 8, bottom);
        // The name beside the part of the bracket in sight, fitted: a smaller type, then elided.
        const int shownTop = std::max(top, hh), span = bottom - shownTop;
        if (span < 2 * fh)
            continue; // too little of it in sight to name
        p.save();
        p.translate(x - 4, (shownTop + bottom) / 2);
        p.rotate(-90);
        p.setPen(pal.color(QPalette::Text));
        QFont small = font_;
        QString label = QCoreApplication::translate("FlowBracket", b.name.c_str());
        while (QFontMetrics(small).horizontalAdvance(label) > span && small.pointSizeF() > 7)
            small.setPointSizeF(small.pointSizeF() - 0.5);
        label = QFontMetrics(small).elidedText(label, Qt::ElideRight, span);
        p.setFont(small);
        const int lh = QFontMetrics(small).height();
        p.drawText(QRect(-span / 2, -lh, span, lh), Qt::AlignCenter, label);
        p.restore();
    }

    // Header (lifeline names) and legend stay on top.
    p.fillRect(QRect(0, 0, v.size.width(), hh), pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::WindowText));
    QFont bold = font_;
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRect(4, 0, timeWidth(), fh * 2), Qt::AlignVCenter, tr("Time"));
    for (int n = firstLane; nodes && n <= lastLane; ++n)
        p.drawText(QRect(lane(n) - gap / 2, (n % 2) * fh, gap, fh + 4), Qt::AlignHCenter, QString::fromStdString(graph_->nodes()[size_t(n)]));
    p.setFont(font_);
    int lx = 4;
    auto sample = [&pal](uint16_t tcpFlags, uint32_t analysis) {
        FlowArrow a;
        a.tcpFlags = tcpFlags;
        a.analysisFlags = analysis;
        return styleFor(a, pal);
    };
    const int ly = fh * 2 + 10 + kLegendHeight / 2;
    for (const Style& s : {sample(TcpSyn, 0), sample(0, TcpRetransmission), sample(0, TcpDuplicateAck), sample(TcpRst, 0),
                           sample(0, TcpZeroWindow)}) {
        if (lx + 36 + fm_.horizontalAdvance(s.name) > v.size.width())
            break; // a narrow window shows the legend's first entries only
        p.setPen(QPen(s.colour, s.width, s.line));
        p.drawLine(lx, ly, lx + 30, ly);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(lx + 36, ly + fh / 3, s.name);
        lx += 46 + fm_.horizontalAdvance(s.name) + 16;
    }
    const QString gapName = tr("time gap ≥ 1 s");
    if (lx + 36 + fm_.horizontalAdvance(gapName) <= v.size.width()) {
        p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
        p.drawLine(lx, ly, lx + 30, ly);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(lx + 36, ly + fh / 3, gapName);
    }
    p.restore();
}

bool exportFlowImage(const FlowGraph& graph, const QString& path, const QString& format, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = FlowPainter::tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (!exportFlowImage(graph, &file, format, error)) {
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = FlowPainter::tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool exportFlowImage(const FlowGraph& graph, QIODevice* out, const QString& format, QString* error)
{
    FlowPainter painter;
    painter.setGraph(&graph);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(10);
    painter.setFont(font);
    // Exports are on white, whatever the window's theme.
    QPalette pal;
    pal.setColor(QPalette::Base, Qt::white);
    pal.setColor(QPalette::Window, Qt::white);
    pal.setColor(QPalette::Text, QColor(0x22, 0x22, 0x22));
    pal.setColor(QPalette::WindowText, QColor(0x22, 0x22, 0x22));
    pal.setColor(QPalette::Mid, QColor(0x99, 0x99, 0x99));
    pal.setColor(QPalette::Link, QColor(0x00, 0x72, 0xb2));
    pal.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    const int rows = int(graph.arrows().size());
    if (format == QLatin1String("png")) {
        const QSize size = painter.contentSize(rows);
        if (size.height() > 32000) {
            if (error)
                *error = FlowPainter::tr("a PNG holds at most %1 arrows of this graph; export PDF or SVG, or pick fewer packets")
                             .arg((32000 - painter.headerHeight()) / painter.rowHeight());
            return false;
        }
        QImage image(size, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter p(&image);
        painter.paint(p, pal, {0, rows, 0, size, -1, -1});
        p.end();
        if (!image.save(out, "PNG")) {
            if (error)
                *error = FlowPainter::tr("cannot write the PNG");
            return false;
        }
        return true;
    }
    // PDF: pages of 40 arrows, each with the header and legend, text kept as text.
    constexpr int kRowsPerPage = 40;
    const QSize page = painter.contentSize(std::min(rows, kRowsPerPage));
    QPdfWriter pdf(out);
    pdf.setResolution(96);
    pdf.setPageSize(QPageSize(QSizeF(page) * 72.0 / 96.0, QPageSize::Point));
    pdf.setPageMargins({});
    pdf.setTitle(FlowPainter::tr("SynFlow flow graph"));
    pdf.setCreator(QStringLiteral("SynFlow"));
    QPainter p;
    if (!p.begin(&pdf)) {
        if (error)
            *error = FlowPainter::tr("cannot write the PDF");
        return false;
    }
    for (int first = 0; first < std::max(rows, 1); first += kRowsPerPage) {
        if (first)
            pdf.newPage();
        painter.paint(p, pal, {first, std::min(kRowsPerPage, rows - first), 0, page, -1, -1});
    }
    return p.end();
}
