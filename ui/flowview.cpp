#include "flowview.h"

#include "decode/packetdecoder.h"
#include "flow/flowbrackets.h"

#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>

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
    if (a.analysisFlags & (TcpRetransmission | TcpFastRetransmission | TcpSpuriousRetransmission))
        return {QColor(0xcc, 0x79, 0xa7), Qt::DashLine, 2.0, QObject::tr("retransmission")};
    if (a.analysisFlags & TcpDuplicateAck)
        return {QColor(0xe6, 0x9f, 0x00), Qt::DotLine, 2.0, QObject::tr("duplicate ACK")};
    if (a.analysisFlags & (TcpZeroWindow | TcpZeroWindowProbe | TcpWindowFull))
        return {QColor(0x00, 0x72, 0xb2), Qt::DashDotLine, 2.0, QObject::tr("zero window / window full")};
    if (a.tcpFlags & (TcpSyn | TcpFin))
        return {QColor(0x00, 0x9e, 0x73), Qt::SolidLine, 2.5, QObject::tr("SYN / FIN")};
    return {pal.color(QPalette::Text), Qt::SolidLine, 1.5, QObject::tr("segment")};
}

} // namespace

FlowView::FlowView(QWidget* parent) : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setBackgroundRole(QPalette::Base);
}

int FlowView::rowHeight() const { return fontMetrics().height() * 2 + 8; }
int FlowView::headerHeight() const { return fontMetrics().height() * 2 + 10 + kLegendHeight; }
// Layout follows the font, so projector mode's large type keeps everything legible.
int FlowView::timeWidth() const { return fontMetrics().horizontalAdvance(QStringLiteral("00000.000000")) + 12; }
int FlowView::laneGap() const
{
    return std::max(fontMetrics().horizontalAdvance(QStringLiteral("PSH, ACK - Len: 14480")),
                    2 * fontMetrics().horizontalAdvance(QStringLiteral("SYN-RECEIVED "))) + 24;
}
int FlowView::laneX(int node) const { return timeWidth() + 60 + node * laneGap() - horizontalScrollBar()->value(); }

void FlowView::setGraph(FlowGraph graph)
{
    graph_ = std::move(graph);
    brackets_ = flowBrackets(graph_);
    current_ = -1;
    verticalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
}

void FlowView::setRevealCount(int count)
{
    reveal_ = count;
    viewport()->update();
}

void FlowView::setLineScale(qreal scale)
{
    lineScale_ = scale;
    viewport()->update();
}

void FlowView::updateScrollBars()
{
    const int rows = int(graph_.arrows().size());
    const int visible = std::max(1, (viewport()->height() - headerHeight()) / rowHeight());
    verticalScrollBar()->setRange(0, std::max(0, rows - visible));
    verticalScrollBar()->setPageStep(visible);
    const int width = timeWidth() + 60 + int(graph_.nodes().size()) * laneGap() + 300;
    horizontalScrollBar()->setRange(0, std::max(0, width - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

void FlowView::resizeEvent(QResizeEvent*) { updateScrollBars(); }

bool FlowView::setCurrentFrame(size_t frame)
{
    const auto& arrows = graph_.arrows();
    const auto it = std::lower_bound(arrows.begin(), arrows.end(), frame, [](const FlowArrow& a, size_t f) { return a.frame < f; });
    if (it == arrows.end() || it->frame != frame)
        return false;
    setCurrentArrow(int(it - arrows.begin()), false);
    return true;
}

void FlowView::setCurrentArrow(int index, bool notify)
{
    if (index < 0 || index >= int(graph_.arrows().size()))
        return;
    current_ = index;
    QScrollBar* sb = verticalScrollBar();
    if (index < sb->value() || index >= sb->value() + sb->pageStep())
        sb->setValue(std::max(0, index - sb->pageStep() / 2));
    viewport()->update();
    if (notify)
        emit frameActivated(graph_.arrows()[size_t(index)].frame);
}

void FlowView::mousePressEvent(QMouseEvent* e)
{
    const int y = int(e->position().y()) - headerHeight();
    if (y < 0)
        return;
    setCurrentArrow(verticalScrollBar()->value() + y / rowHeight(), true);
}

void FlowView::keyPressEvent(QKeyEvent* e)
{
    switch (e->key()) {
    case Qt::Key_Down:
        setCurrentArrow(current_ + 1, true);
        break;
    case Qt::Key_Up:
        setCurrentArrow(std::max(0, current_ - 1), true);
        break;
    case Qt::Key_Home:
        setCurrentArrow(0, true);
        break;
    case Qt::Key_End:
        setCurrentArrow(int(graph_.arrows().size()) - 1, true);
        break;
    default:
        QAbstractScrollArea::keyPressEvent(e);
    }
}

void FlowView::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const int rh = rowHeight(), hh = headerHeight(), fh = fontMetrics().height();
    const int nodes = int(graph_.nodes().size());
    const auto& arrows = graph_.arrows();

    // Lifelines, then only the rows that are on screen.
    p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DashLine));
    for (int n = 0; n < nodes; ++n)
        p.drawLine(laneX(n), hh, laneX(n), viewport()->height());
    const int first = verticalScrollBar()->value();
    const int count = viewport()->height() / rh + 1;
    std::vector<TcpState> lastState(size_t(nodes), TcpState::Unknown);
    // States before the first visible row: the previous arrows' endpoints.
    for (int i = std::max(0, first - 200); i < first && i < int(arrows.size()); ++i) {
        lastState[arrows[size_t(i)].from] = arrows[size_t(i)].stateFrom;
        lastState[arrows[size_t(i)].to] = arrows[size_t(i)].stateTo;
    }
    const int shown = reveal_ < 0 ? int(arrows.size()) : std::min(reveal_, int(arrows.size()));
    for (int r = 0; r < count && first + r < shown; ++r) {
        const int i = first + r;
        const FlowArrow& a = arrows[size_t(i)];
        const int top = hh + r * rh;
        if (i == current_) {
            QColor tint = pal.highlight().color(); // a tint, so the row's own text colour stays readable
            tint.setAlpha(90);
            p.fillRect(QRect(0, top, viewport()->width(), rh), tint);
        }
        p.setPen(pal.color(QPalette::Text));
        const QString time = QStringLiteral("%1.%2").arg(a.time.sec).arg(a.time.nsec / 1000, 6, 10, QLatin1Char('0'));
        p.drawText(QRect(4, top, timeWidth() - 8, rh), Qt::AlignVCenter | Qt::AlignRight, time);
        const Style st = styleFor(a, pal);
        const int x1 = laneX(a.from), x2 = laneX(a.to), y = top + rh - 10;
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
        QFont bold = font();
        bold.setBold(a.tcpFlags & (TcpSyn | TcpFin | TcpRst));
        p.setFont(bold);
        p.setPen(pal.color(QPalette::Text));
        const int lx = std::min(x1, x2), lw = std::max(std::abs(x2 - x1), 160);
        p.drawText(QRect(lx, top + 2, lw, fh), Qt::AlignHCenter, QString::fromStdString(a.label));
        p.setFont(font());
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
        const int cx = laneX(nodes - 1) + fontMetrics().horizontalAdvance(QStringLiteral("SYN-RECEIVED")) + 16; // clear of the state names
        QString comment = QString::fromStdString(a.comment);
        if (a.role != TcpRole::None)
            comment += QStringLiteral("   [%1]").arg(QString::fromLatin1(tcpRoleName(a.role)));
        p.drawText(QRect(cx, top, 600, rh), Qt::AlignVCenter | Qt::AlignLeft, comment);
    }

    // Handshake / teardown / reset brackets in the gutter before the first lifeline.
    p.setFont(font());
    for (const FlowBracket& b : brackets_) {
        const int top = hh + (int(b.first) - first) * rh + 4, bottom = hh + (int(b.last) - first + 1) * rh - 4;
        if (bottom < hh || top > viewport()->height() || (reveal_ >= 0 && int(b.last) >= reveal_))
            continue;
        const int x = timeWidth() + 14 - horizontalScrollBar()->value();
        p.setPen(QPen(QColor(0x56, 0xb4, 0xe9), 3 * lineScale_));
        p.drawLine(x, top, x, bottom);
        p.drawLine(x, top, x + 8, top);
        p.drawLine(x, bottom, x + 8, bottom);
        p.save();
        p.translate(x - 4, (top + bottom) / 2);
        p.rotate(-90);
        p.setPen(pal.color(QPalette::Text));
        // The name fits beside its bracket: a smaller type first, then elided.
        const int span = bottom - top;
        QFont small = font();
        QString label = tr(b.name.c_str());
        while (QFontMetrics(small).horizontalAdvance(label) > span && small.pointSizeF() > 7)
            small.setPointSizeF(small.pointSizeF() - 0.5);
        label = QFontMetrics(small).elidedText(label, Qt::ElideRight, span);
        p.setFont(small);
        const int lh = QFontMetrics(small).height();
        p.drawText(QRect(-span / 2, -lh, span, lh), Qt::AlignCenter, label);
        p.setFont(font());
        p.restore();
    }

    // Header (lifeline names) and legend stay on top.
    p.fillRect(QRect(0, 0, viewport()->width(), hh), pal.window());
    p.setPen(pal.color(QPalette::WindowText));
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRect(4, 0, timeWidth(), fh * 2), Qt::AlignVCenter, tr("Time"));
    for (int n = 0; n < nodes; ++n)
        p.drawText(QRect(laneX(n) - laneGap() / 2, (n % 2) * fh, laneGap(), fh + 4), Qt::AlignHCenter,
                   QString::fromStdString(graph_.nodes()[size_t(n)]));
    p.setFont(font());
    int lx = 4;
    auto sample = [&pal](uint16_t tcpFlags, uint32_t analysis) {
        FlowArrow a;
        a.tcpFlags = tcpFlags;
        a.analysisFlags = analysis;
        return styleFor(a, pal);
    };
    for (const Style& s : {sample(TcpSyn, 0), sample(0, TcpRetransmission), sample(0, TcpDuplicateAck), sample(TcpRst, 0),
                           sample(0, TcpZeroWindow)}) {
        const int ly = fh * 2 + 10 + kLegendHeight / 2;
        p.setPen(QPen(s.colour, s.width, s.line));
        p.drawLine(lx, ly, lx + 30, ly);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(lx + 36, ly + fh / 3, s.name);
        lx += 46 + fontMetrics().horizontalAdvance(s.name) + 16;
    }
}
