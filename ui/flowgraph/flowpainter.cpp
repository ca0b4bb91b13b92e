#include "flowgraph/flowpainter.h"

#include "decode/packetdecoder.h"
#include "flowgraph/contrast.h"

#include <QCoreApplication>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextLayout>
#include <QTransform>

#include <algorithm>
#include <limits>
#include <cmath>

using namespace synflow;

namespace {

// Texts of this many arrows are measured; a larger graph also reserves room for typical ones.
constexpr size_t kMeasuredArrows = 20000;
constexpr int kPad = 4;

struct Style {
    QColor colour;
    Qt::PenStyle line;
    qreal width;
    QString name;
};

// Colour-blind-safe hues (Okabe-Ito), each also with its own line style; moved towards black
// or white where needed so that they read on the theme's background. Plain segments in the
// text colour. (The names keep their first translation context, QObject.)
Style styleFor(const FlowArrow& a, const QPalette& pal)
{
    const QColor bg = pal.color(QPalette::Base);
    auto on = [&](QColor c) { return contrast::readableOn(c, bg); };
    if (a.tcpFlags & TcpRst)
        return {on(QColor(0xd5, 0x5e, 0x00)), Qt::SolidLine, 3.0, QObject::tr("reset")};
    if (a.analysisFlags & TcpAnyRetransmission)
        return {on(QColor(0xcc, 0x79, 0xa7)), Qt::DashLine, 2.0, QObject::tr("retransmission")};
    if (a.analysisFlags & TcpDuplicateAck)
        return {on(QColor(0xe6, 0x9f, 0x00)), Qt::DotLine, 2.0, QObject::tr("duplicate ACK")};
    if (a.analysisFlags & (TcpZeroWindow | TcpZeroWindowProbe | TcpWindowFull))
        return {on(QColor(0x00, 0x72, 0xb2)), Qt::DashDotLine, 2.0, QObject::tr("zero window / window full")};
    if (a.tcpFlags & (TcpSyn | TcpFin))
        return {on(QColor(0x00, 0x9e, 0x73)), Qt::SolidLine, 2.5, QObject::tr("SYN / FIN")};
    return {on(pal.color(QPalette::Text)), Qt::SolidLine, 1.5, QObject::tr("segment")};
}

std::vector<Style> legendStyles(const QPalette& pal)
{
    auto sample = [&pal](uint16_t tcpFlags, uint32_t analysis) {
        FlowArrow a;
        a.tcpFlags = tcpFlags;
        a.analysisFlags = analysis;
        return styleFor(a, pal);
    };
    return {sample(TcpSyn, 0), sample(0, TcpRetransmission), sample(0, TcpDuplicateAck), sample(TcpRst, 0), sample(0, TcpZeroWindow)};
}

QString gapLegendName() { return FlowPainter::tr("time gap ≥ 1 s"); }

// core/flow/flowbrackets.cpp names the phases; listed here so lupdate offers them for translation
// (and so their line height is measured).
const char* const kBracketNames[] = {
    QT_TRANSLATE_NOOP("FlowBracket", "three-way handshake"), QT_TRANSLATE_NOOP("FlowBracket", "four-way teardown"),
    QT_TRANSLATE_NOOP("FlowBracket", "three-segment teardown"), QT_TRANSLATE_NOOP("FlowBracket", "simultaneous close"),
    QT_TRANSLATE_NOOP("FlowBracket", "reset"), QT_TRANSLATE_NOOP("FlowBracket", "refused connection")};

QString gapText(double s)
{
    return s >= 120 ? FlowPainter::tr("⋯ %1 min later").arg(s / 60, 0, 'f', 1)
                    : FlowPainter::tr("⋯ %1 s later").arg(s, 0, 'f', s < 10 ? 2 : 1);
}

QString timeText(const Timestamp& t)
{
    return QStringLiteral("%1.%2").arg(t.sec).arg(t.nsec / 1000, 6, 10, QLatin1Char('0'));
}

// A text's width with a pixel either side: its drawn box may round beyond its advance.
int advance(const QFontMetrics& fm, const QString& text) { return fm.horizontalAdvance(text) + 2; }

// The height of a line of `sample` as drawn: a fallback font (Chinese in a Latin font) can be
// taller than the font's own line.
int lineHeightOf(const QFont& font, const QString& sample)
{
    QTextLayout layout(sample, font);
    layout.beginLayout();
    const QTextLine line = layout.createLine();
    layout.endLayout();
    return std::max(QFontMetrics(font).height(), int(std::ceil(line.height())));
}

QFont boldOf(QFont f)
{
    f.setBold(true);
    return f;
}

// Lines of `text` that fit `width` once rotated a quarter turn: how a bracket's name wraps.
QStringList wrapWords(const QString& text, const QFontMetrics& fm, int width)
{
    QStringList lines;
    QString line;
    // Words split at spaces; Chinese, which has none, stays one word.
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString candidate = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (!line.isEmpty() && fm.horizontalAdvance(candidate) > width) {
            lines << line;
            line = word;
        } else {
            line = candidate;
        }
    }
    if (!line.isEmpty())
        lines << line;
    return lines;
}

} // namespace

QFont scaledFont(QFont font, qreal factor)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(std::max(1, qRound(font.pixelSize() * factor)));
    return font;
}

QString FlowPainter::tagOf(const FlowArrow& a)
{
    const uint32_t f = a.analysisFlags;
    QString analysis;
    if (f & TcpFastRetransmission)
        analysis = tr("fast retransmission");
    else if (f & TcpSpuriousRetransmission)
        analysis = tr("spurious retransmission");
    else if (f & TcpRetransmission)
        analysis = tr("retransmission");
    else if (f & TcpDuplicateAck)
        analysis = a.dupAckNum ? tr("dup ACK #%1").arg(a.dupAckNum) : tr("dup ACK");
    else if (f & TcpZeroWindowProbe)
        analysis = tr("zero-window probe");
    else if (f & TcpZeroWindowProbeAck)
        analysis = tr("zero-window probe ACK");
    else if (f & TcpKeepAlive)
        analysis = tr("keep-alive");
    else if (f & TcpKeepAliveAck)
        analysis = tr("keep-alive ACK");
    else if (f & TcpZeroWindow)
        analysis = tr("zero window");
    else if (f & TcpWindowFull)
        analysis = tr("window full");
    else if (f & TcpOutOfOrder)
        analysis = tr("out-of-order");
    else if (f & TcpWindowUpdate)
        analysis = tr("window update");
    // A teaching role says more than the analysis, except the plain ones ("data", "ack").
    const bool plainRole = a.role == TcpRole::None || a.role == TcpRole::Data || a.role == TcpRole::Ack;
    if (!analysis.isEmpty() && plainRole)
        return analysis;
    if (a.role != TcpRole::None)
        return QCoreApplication::translate("TcpRole", tcpRoleName(a.role));
    return analysis;
}

QString FlowPainter::stateText(TcpState via, TcpState state)
{
    if (state == TcpState::Unknown)
        return {};
    const QString name = QString::fromLatin1(tcpStateName(state));
    return via == TcpState::Unknown ? name : QString::fromLatin1(tcpStateName(via)) + QStringLiteral(" → ") + name;
}

FlowPainter::FlowPainter() : fm_(font_) { measureGraph(); }

void FlowPainter::setGraph(const FlowGraph* graph)
{
    graph_ = graph;
    brackets_ = graph ? flowBrackets(*graph) : std::vector<FlowBracket>{};
    measureGraph();
}

void FlowPainter::setFont(const QFont& font)
{
    font_ = font;
    fm_ = QFontMetrics(font);
    measureGraph();
}

void FlowPainter::setLineScale(qreal scale)
{
    lineScale_ = scale;
    layout();
}

void FlowPainter::setViewWidth(int width, bool fit)
{
    if (width == viewWidth_ && fit == fit_)
        return;
    viewWidth_ = width;
    fit_ = fit;
    layout();
}

QStringList FlowPainter::commentUnits(const FlowArrow& a) const
{
    QStringList units;
    if (a.text != FlowArrow::NoText) {
        units << QString::fromStdString(graph_->commentOf(a));
    } else {
        units << QStringLiteral("Seq = %1").arg(a.seq);
        if (a.ackValid)
            units << QStringLiteral("Ack = %1").arg(a.ack);
    }
    // The tag wraps at its spaces where the column is narrow; Seq and Ack stay whole.
    if (const QString tag = tagOf(a); !tag.isEmpty())
        units << QStringLiteral("[%1]").arg(tag).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return units;
}

// Packet comments are the teacher's words, not the capture's numbers: set apart in italics.
QFont FlowPainter::noteFont() const
{
    QFont f = font_;
    f.setItalic(true);
    return f;
}

QStringList FlowPainter::wrapNote(const QString& note, int width) const
{
    const QFontMetrics nm(noteFont());
    QStringList lines;
    for (const QString& word : note.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString joined = lines.isEmpty() ? QString() : lines.back() + QLatin1Char(' ') + word;
        if (!lines.isEmpty() && nm.horizontalAdvance(joined) <= width)
            lines.back() = joined;
        else
            lines << word;
    }
    return lines;
}

// Units (Seq, Ack, the tag) on as few lines as `width` allows; a unit is never split.
QStringList FlowPainter::wrapUnits(const QStringList& units, int width) const
{
    QStringList lines;
    for (const QString& u : units) {
        const QString joined = lines.isEmpty() ? QString() : lines.back() + QLatin1Char(' ') + u;
        if (!lines.isEmpty() && fm_.horizontalAdvance(joined) <= width)
            lines.back() = joined;
        else
            lines << u;
    }
    return lines;
}

void FlowPainter::measureGraph()
{
    const QFontMetrics bold(boldOf(font_));
    // Room for typical TCP texts even where not every arrow is measured.
    timeText_ = advance(fm_, QStringLiteral("0.000000"));
    labelText_ = advance(bold, QStringLiteral("SYN, ACK"));
    stateText_ = stackedText_ = 0;
    hasVia_ = false;
    bracketText_ = 0;
    // The line height of the texts in the language in use.
    QString sample = QStringLiteral("Ay") + tr("Time") + gapLegendName();
    for (const Style& st : legendStyles(QPalette()))
        sample += st.name;
    for (const char* name : kBracketNames)
        sample += QCoreApplication::translate("FlowBracket", name);
    lineHeight_ = std::max(lineHeightOf(font_, sample), lineHeightOf(boldOf(font_), sample));
    widestUnit_ = advance(fm_, QStringLiteral("Seq = 0"));
    widestComment_ = widestUnit_;
    widestNote_ = 0;
    notes_.clear();
    unitWidths_.clear();
    unitStart_.clear();
    if (graph_) {
        const auto& arrows = graph_->arrows();
        if (arrows.size() > kMeasuredArrows) {
            labelText_ = advance(bold, QStringLiteral("PSH, ACK - Len: 14480"));
            widestUnit_ = advance(fm_, QStringLiteral("Ack = 4294967295"));
            widestComment_ = advance(fm_, QStringLiteral("Seq = 4294967295 Ack = 4294967295"));
        }
        // Every arrow's time and states (cheap: numbers and a few names).
        int64_t widestSec = 0;
        bool negative = false;
        std::array<std::array<bool, 16>, 16> seen{};
        for (size_t i = 0; i < arrows.size(); ++i) {
            const FlowArrow& a = arrows[i];
            widestSec = std::max(widestSec, a.time.sec < 0 ? -a.time.sec : a.time.sec);
            negative |= a.time.sec < 0;
            seen[size_t(a.viaFrom)][size_t(a.stateFrom)] = true;
            seen[size_t(a.viaTo)][size_t(a.stateTo)] = true;
            if (i > 0) {
                const double gap = secondsBetween(a.time, arrows[i - 1].time);
                if (gap >= kGapMarkSeconds)
                    timeText_ = std::max(timeText_, advance(fm_, gapText(gap)));
            }
        }
        const QString digits = QString(QString::number(widestSec).size(), QLatin1Char('0'));
        timeText_ = std::max(timeText_, advance(fm_, (negative ? QStringLiteral("-") : QString()) + digits + QStringLiteral(".000000")));
        for (size_t via = 0; via < 16; ++via)
            for (size_t s = 0; s < 16; ++s) {
                if (!seen[via][s] || TcpState(s) == TcpState::Unknown)
                    continue;
                stateText_ = std::max(stateText_, advance(fm_, stateText(TcpState(via), TcpState(s))));
                stackedText_ = std::max(stackedText_, advance(fm_, QString::fromLatin1(tcpStateName(TcpState(s)))));
                if (TcpState(via) != TcpState::Unknown) {
                    hasVia_ = true;
                    stackedText_ = std::max(stackedText_, advance(fm_, QString::fromLatin1(tcpStateName(TcpState(via))) + QStringLiteral(" →")));
                }
            }
        // Labels and comments of the first arrows, in their own words.
        for (size_t i = 0; i < std::min(arrows.size(), kMeasuredArrows); ++i) {
            const FlowArrow& a = arrows[i];
            labelText_ = std::max(labelText_, advance(bold, QString::fromStdString(graph_->labelOf(a))));
            const QStringList units = commentUnits(a);
            unitStart_.push_back(uint32_t(unitWidths_.size()));
            for (const QString& u : units) {
                unitWidths_.push_back(advance(fm_, u));
                widestUnit_ = std::max(widestUnit_, unitWidths_.back());
            }
            widestComment_ = std::max(widestComment_, advance(fm_, units.join(QLatin1Char(' '))));
        }
        if (graph_->hasNotes()) {
            // A comment is elided (with a tooltip) beyond about twice the Seq/Ack text.
            const QFontMetrics nm(noteFont());
            widestNote_ = nm.horizontalAdvance(QStringLiteral("Seq = 0"));
            const int cap = advance(fm_, QStringLiteral("Seq = 4294967295 Ack = 4294967295")) * 2;
            for (size_t i = 0; i < arrows.size(); ++i)
                if (const std::string note = graph_->noteOf(arrows[i]); !note.empty()) {
                    notes_.emplace_back(i, QString::fromStdString(note));
                    widestNote_ = std::min(cap, std::max(widestNote_, nm.horizontalAdvance(notes_.back().second) + 2));
                }
        }
        for (const FlowBracket& b : brackets_) {
            // The longest word: a name wraps at spaces, never inside a word.
            const QString name = QCoreApplication::translate("FlowBracket", b.name.c_str());
            for (const QString& word : name.split(QLatin1Char(' ')))
                bracketText_ = std::max(bracketText_, advance(fm_, word));
        }
    }
    // Another protocol's Info can be long: it is elided (with a tooltip) beyond this.
    labelText_ = std::min(labelText_, advance(bold, QStringLiteral("PSH, ACK - Len: 14480")) * 3 / 2);
    layout();
}

void FlowPainter::layout()
{
    const int fh = lineHeight_;
    const int nodes = graph_ ? int(graph_->nodes().size()) : 0;
    lineBand_ = int(12 * lineScale_) + 4; // room for the arrow head
    timeWidth_ = kPad + timeText_ + 2 * kPad;
    // The brackets' column: two lines of a rotated name, the bar and its ticks.
    bracketWidth_ = brackets_.empty() ? kPad : 2 * fh + int(3 * lineScale_) + 8 + 2 * kPad;
    lane0_ = timeWidth_ + bracketWidth_ + 2 * kPad;
    // A state written right of its lifeline must end before the next one; a label sits between two.
    const int natural = std::max({widestComment_, widestUnit_, widestNote_});
    auto place = [&](int stateWidth) {
        laneGap_ = std::max({labelText_ + 6 * kPad, stateWidth + 4 * kPad, 80});
        commentX_ = laneX(std::max(0, nodes - 1)) + kPad + stateWidth + 3 * kPad;
        commentWidth_ = fit_ && viewWidth_ > 0 ? std::max(viewWidth_ - commentX_ - kPad, widestUnit_) : natural;
        // Lines a row needs: the comment wraps to its column.
        lines_ = 2;
        const int space = fm_.horizontalAdvance(QLatin1Char(' '));
        auto unitLines = [&](size_t a) {
            if (a >= unitStart_.size())
                return 2; // not measured: Seq, then Ack
            const size_t end = a + 1 < unitStart_.size() ? unitStart_[a + 1] : unitWidths_.size();
            int lines = 0, used = 0;
            for (size_t k = unitStart_[a]; k < end; ++k) {
                const int u = unitWidths_[k];
                if (lines && used + space + u <= commentWidth_) {
                    used += space + u;
                } else {
                    ++lines;
                    used = u;
                }
            }
            return lines;
        };
        // A packet's comments take the lines under its numbers, wrapped to the column.
        for (const auto& [a, note] : notes_)
            lines_ = std::max(lines_, unitLines(a) + int(wrapNote(note, commentWidth_).size()));
        if (commentWidth_ >= natural)
            return;
        for (size_t a = 0; a < unitStart_.size(); ++a)
            lines_ = std::max(lines_, unitLines(a));
    };
    // A state passed through goes on the line before the state reached ("FIN-WAIT-2 →" over
    // "TIME-WAIT") where the width is short: the rows are then a line taller.
    stacked_ = false;
    place(stateText_);
    if (fit_ && viewWidth_ > 0 && hasVia_ && (lines_ >= 3 || viewWidth_ - commentX_ - kPad < widestUnit_)) {
        stacked_ = true;
        place(stackedText_);
        lines_ = std::max(lines_, 3);
    }
    rowHeight_ = 2 + fh + lineBand_ + (lines_ - 1) * fh + kPad;
    // Header: lifeline names on one line when each fits its lane and stays clear of the next
    // as painted (bold, the first one pushed right of the time column's title), else
    // staggered on two.
    nodeRows_ = 1;
    const QFontMetrics headerFont(boldOf(font_));
    const int nameRoom = laneGap_ - 2 * kPad;
    int previousRight = std::numeric_limits<int>::min() / 2;
    for (int n = 0; n < nodes; ++n) {
        const int width = advance(headerFont, QString::fromStdString(graph_->nodes()[size_t(n)]));
        const int centre = std::max(laneX(n) - nameRoom / 2, timeWidth_) + nameRoom / 2;
        if (width > nameRoom || centre - width / 2 < previousRight + 2 * kPad)
            nodeRows_ = 2;
        previousRight = centre + (width + 1) / 2;
    }
    // The legend wraps to the width painted.
    const int width = viewWidth_ > 0 ? viewWidth_ : contentSize(0).width();
    QPalette pal;
    legendLines_ = 1;
    int x = kPad;
    auto placeEntry = [&](const QString& name) {
        const int w = 36 + advance(fm_, name);
        if (x > kPad && x + w > width) {
            ++legendLines_;
            x = kPad;
        }
        x += w + 3 * kPad;
    };
    for (const Style& s : legendStyles(pal))
        placeEntry(s.name);
    placeEntry(gapLegendName());
    headerHeight_ = nodeRows_ * fh + 2 * kPad + legendLines_ * (fh + kPad) + kPad;
    tops_.clear();
    if (timeScale_ == FlowTimeScale::Proportional && graph_) {
        // The longest silence fits a screen with a row either side of it. A silence is measured
        // top to top, so it holds the row before it: only the row after it is taken off.
        const int longest = viewHeight_ > 0 ? std::clamp(viewHeight_ - headerHeight_ - rowHeight_, rowHeight_, 8 * rowHeight_) : 8 * rowHeight_;
        tops_ = rowTops(graph_->arrows(), rowHeight_, proportionalScale(graph_->arrows(), rowHeight_, longest));
    }
}

void FlowPainter::setTimeScale(FlowTimeScale scale, int viewHeight)
{
    if (scale == timeScale_ && (scale == FlowTimeScale::Rows || viewHeight == viewHeight_))
        return;
    timeScale_ = scale;
    viewHeight_ = viewHeight;
    layout();
}

int64_t FlowPainter::rowTop(int i) const
{
    if (tops_.empty())
        return int64_t(std::max(i, 0)) * rowHeight_;
    return tops_[size_t(std::clamp(i, 0, int(tops_.size()) - 1))];
}

int FlowPainter::rowAt(int64_t y) const
{
    if (tops_.empty())
        return rowHeight_ > 0 ? int(std::max<int64_t>(0, y) / rowHeight_) : 0;
    const auto it = std::upper_bound(tops_.begin(), tops_.end(), y);
    return std::max(0, int(it - tops_.begin()) - 1);
}

int FlowPainter::rowsInSight(int first, int height) const
{
    if (tops_.empty())
        return rowHeight_ > 0 ? height / rowHeight_ + 1 : 1;
    return std::max(1, rowAt(rowTop(first) + height) - first + 1);
}

int FlowPainter::firstRowShowing(int last, int height) const
{
    if (tops_.empty())
        return std::max(0, last + 1 - std::max(1, rowHeight_ > 0 ? height / rowHeight_ : 1));
    const int64_t bottom = rowTop(last) + rowHeight_;
    const auto it = std::lower_bound(tops_.begin(), tops_.begin() + last + 1, bottom - height);
    return std::min(last, int(it - tops_.begin()));
}

QSize FlowPainter::contentSize(int rows) const
{
    const int natural = std::max({widestComment_, widestUnit_, widestNote_});
    const int comment = fit_ && viewWidth_ > 0 ? commentWidth_ : natural;
    return {commentX_ + comment + kPad, int(std::min<int64_t>(headerHeight_ + rowTop(rows) + 8, 1 << 30))};
}

void FlowPainter::paint(QPainter& p, const QPalette& pal, const View& v) const
{
    if (!graph_)
        return;
    p.save();
    p.setFont(font_);
    p.setRenderHint(QPainter::Antialiasing);
    const int rh = rowHeight_, hh = headerHeight_, fh = lineHeight_;
    const int nodes = int(graph_->nodes().size());
    const auto& arrows = graph_->arrows();
    auto lane = [&](int n) { return laneX(n, v.xScroll); };
    const QColor base = pal.color(QPalette::Base);
    QColor tint = pal.highlight().color(); // a tint, so the row's own text colour stays readable
    tint.setAlpha(90);
    const QColor currentBg = contrast::blend(tint, base);

    // Draws `text` left, right or centred in `column`, elided to it (and so recorded).
    auto text = [&](PaintedText::Kind kind, const QRect& column, int align, const QString& whole, const QFont& font,
                    const QColor& colour, const QColor& background, int arrow) {
        const QFontMetrics m(font);
        const QString shown = m.horizontalAdvance(whole) > column.width() ? m.elidedText(whole, Qt::ElideRight, column.width()) : whole;
        p.setFont(font);
        p.setPen(colour);
        QRect box;
        p.drawText(column, align | Qt::TextSingleLine, shown, &box);
        if (v.painted)
            v.painted->push_back({kind, box, column, shown, whole, font, colour, background, arrow});
    };

    // Only the lifelines in sight (a capture of many hosts has thousands), then only the
    // rows asked for.
    const int gap = laneGap_;
    const int firstLane = std::clamp((v.xScroll - lane0_) / gap - 1, 0, std::max(0, nodes - 1));
    const int lastLane = std::clamp((v.xScroll + v.size.width() - lane0_) / gap + 1, 0, std::max(0, nodes - 1));
    p.setPen(QPen(contrast::readableOn(pal.color(QPalette::Mid), base), 1, Qt::DashLine));
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
    const int commentX = commentX_ - v.xScroll;
    const QFont bold = boldOf(font_);
    for (int r = 0; r < v.rows && first + r < shown; ++r) {
        const int i = first + r;
        const FlowArrow& a = arrows[size_t(i)];
        const int top = hh + int(rowTop(i) - rowTop(first));
        const QColor bg = i == v.current ? currentBg : base;
        if (i == v.current)
            p.fillRect(QRect(0, top, v.size.width(), rh), tint);
        const QColor ink = contrast::readableOn(pal.color(QPalette::Text), bg);
        // Bands of the row: the label over the arrow, the arrow, the states and time under it;
        // the comment column has a line in each band (and more where it wraps).
        const int labelTop = top + 2, y = labelTop + fh + lineBand_ / 2, underTop = labelTop + fh + lineBand_;
        // A long silence before this arrow: marked across the diagram, since rows do not stretch.
        if (const double gapSeconds = i > 0 ? secondsBetween(a.time, arrows[size_t(i - 1)].time) : 0; gapSeconds >= kGapMarkSeconds) {
            p.setPen(QPen(contrast::readableOn(pal.color(QPalette::Mid), bg), 1, Qt::DotLine));
            p.drawLine(0, top + 1, v.size.width(), top + 1);
            text(PaintedText::Gap, QRect(kPad, labelTop, timeWidth_ - 2 * kPad, fh), Qt::AlignRight | Qt::AlignTop, gapText(gapSeconds),
                 font_, ink, bg, i);
        }
        text(PaintedText::Time, QRect(kPad, underTop, timeWidth_ - 2 * kPad, fh), Qt::AlignRight | Qt::AlignTop, timeText(a.time), font_,
             ink, bg, i);
        const Style st = styleFor(a, pal);
        const QColor lineColour = contrast::readableOn(st.colour, bg);
        const int x1 = lane(a.from), x2 = lane(a.to);
        p.setPen(QPen(lineColour, st.width * lineScale_, st.line));
        if (x1 == x2) {
            p.drawArc(QRect(x1, y - lineBand_ / 2 + 2, 40, lineBand_ - 4), 90 * 16, -180 * 16);
        } else {
            p.drawLine(x1, y, x2, y);
            const int dir = x2 > x1 ? -1 : 1;
            QPainterPath head;
            head.moveTo(x2, y);
            head.lineTo(x2 + dir * 9 * lineScale_, y - 5 * lineScale_);
            head.lineTo(x2 + dir * 9 * lineScale_, y + 5 * lineScale_);
            head.closeSubpath();
            p.fillPath(head, lineColour);
        }
        QFont labelFont = font_;
        labelFont.setBold(a.tcpFlags & (TcpSyn | TcpFin | TcpRst));
        const int lx = std::min(x1, x2), lw = std::max(std::abs(x2 - x1), gap);
        text(PaintedText::Label, QRect(lx + kPad, labelTop, lw - 2 * kPad, fh), Qt::AlignHCenter | Qt::AlignTop,
             QString::fromStdString(graph_->labelOf(a)), labelFont, ink, bg, i);
        // New states under the arrow, right of the lifelines where they change, with any state
        // passed through on the way.
        const QColor stateInk = contrast::readableOn(pal.color(QPalette::Link), bg);
        auto state = [&](int node, TcpState via, TcpState s, int x) {
            if ((s == lastState[size_t(node)] && via == TcpState::Unknown) || s == TcpState::Unknown)
                return;
            lastState[size_t(node)] = s;
            const int w = (stacked_ ? stackedText_ : stateText_) + kPad;
            if (stacked_ && via != TcpState::Unknown) {
                text(PaintedText::State, QRect(x + kPad, underTop, w, fh), Qt::AlignLeft | Qt::AlignTop,
                     QString::fromLatin1(tcpStateName(via)) + QStringLiteral(" →"), font_, stateInk, bg, i);
                text(PaintedText::State, QRect(x + kPad, underTop + fh, w, fh), Qt::AlignLeft | Qt::AlignTop,
                     QString::fromLatin1(tcpStateName(s)), font_, stateInk, bg, i);
            } else {
                text(PaintedText::State, QRect(x + kPad, underTop, w, fh), Qt::AlignLeft | Qt::AlignTop, stateText(via, s), font_, stateInk, bg, i);
            }
        };
        const bool masked = i == v.masked;
        if (masked) { // quiz: both ends' states are for the class to say, in the place they will be written
            const int w = (stacked_ ? stackedText_ : stateText_) + kPad;
            for (const int x : x1 == x2 ? std::vector<int>{x1} : std::vector<int>{x1, x2})
                text(PaintedText::State, QRect(x + kPad, underTop, w, fh), Qt::AlignLeft | Qt::AlignTop, QStringLiteral("?"), font_, stateInk, bg, i);
        } else if (x1 == x2) { // both ends on one lifeline: its new state once
            state(a.to, a.viaTo, a.stateTo, x2);
        } else {
            state(a.from, a.viaFrom, a.stateFrom, x1);
            state(a.to, a.viaTo, a.stateTo, x2);
        }
        // Seq, Ack and the arrow's name in their column, wrapped to it.
        QStringList units = commentUnits(a);
        if (masked && a.text == FlowArrow::NoText) {
            units[0] = QStringLiteral("Seq = ?");
            if (a.ackValid)
                units[1] = QStringLiteral("Ack = ?");
        }
        const QStringList lines = wrapUnits(units, commentWidth_);
        for (qsizetype l = 0; l < lines.size(); ++l) {
            const int lineTop = l == 0 ? labelTop : underTop + int(l - 1) * fh;
            text(PaintedText::Comment, QRect(commentX, lineTop, commentWidth_, fh), Qt::AlignLeft | Qt::AlignTop, lines[l], font_, ink, bg, i);
        }
        // The packet's comments on the next line of the column (laid out with a line for them).
        if (widestNote_)
            if (const std::string note = graph_->noteOf(a); !note.empty()) {
                const QStringList noteLines = wrapNote(QString::fromStdString(note), commentWidth_);
                for (qsizetype l = 0; l < noteLines.size(); ++l) {
                    const int lineTop = underTop + int(lines.size() - 1 + l) * fh;
                    text(PaintedText::Note, QRect(commentX, lineTop, commentWidth_, fh), Qt::AlignLeft | Qt::AlignTop, noteLines[l], noteFont(),
                         ink, bg, i);
                }
            }
    }

    // Handshake / teardown / reset brackets in their column, before the first lifeline.
    const QColor bracketInk = contrast::readableOn(QColor(0x56, 0xb4, 0xe9), base);
    // A bracket's name may span the selected row: it reads on both backgrounds.
    const QColor baseInk = contrast::readableOn(contrast::readableOn(pal.color(QPalette::Text), base), currentBg);
    const QColor bracketBg = contrast::ratio(baseInk, base) < contrast::ratio(baseInk, currentBg) ? base : currentBg;
    for (const FlowBracket& b : brackets_) {
        const int top = hh + int(rowTop(int(b.first)) - rowTop(first)) + 4, bottom = hh + int(rowTop(int(b.last)) - rowTop(first)) + rh - 4;
        if (bottom < hh || top > v.size.height() || int(b.first) >= first + v.rows || (v.reveal >= 0 && int(b.last) >= v.reveal))
            continue;
        const int columnLeft = timeWidth_ - v.xScroll, x = columnLeft + bracketWidth_ - kPad - 8;
        p.setPen(QPen(bracketInk, 3 * lineScale_));
        p.drawLine(x, std::max(top, hh), x, bottom);
        if (top >= hh)
            p.drawLine(x, top, x + 8, top);
        p.drawLine(x, bottom, x + 8, bottom);
        // The name beside the part of the bracket in sight, on up to two lines; then a smaller
        // type; then elided (the view's tooltip has it whole).
        const int shownTop = std::max(top, hh), span = bottom - shownTop;
        if (span < fh)
            continue; // too little of it in sight to name
        const QString name = QCoreApplication::translate("FlowBracket", b.name.c_str());
        QFont small = font_;
        QStringList lines = wrapWords(name, QFontMetrics(small), span);
        auto fits = [&] {
            const QFontMetrics m(small);
            if (lines.size() > 2)
                return false;
            for (const QString& l : lines)
                if (m.horizontalAdvance(l) > span)
                    return false;
            return true;
        };
        for (int shrink = 0; !fits() && shrink < 3; ++shrink) { // down to three quarters of the size
            small = scaledFont(small, 0.9);
            lines = wrapWords(name, QFontMetrics(small), span);
        }
        if (!fits())
            lines = QStringList{name}; // elided below, whole in the tooltip
        const int lh = lineHeightOf(small, name), textRight = x - int(3 * lineScale_ / 2) - kPad;
        p.save();
        // Rotated a quarter turn: reads upwards, lines stacked leftwards from the bar.
        QTransform t;
        t.translate(textRight, (shownTop + bottom) / 2);
        t.rotate(-90);
        p.setTransform(t, true);
        for (qsizetype l = 0; l < lines.size(); ++l) {
            const QRect local(-span / 2, -int(lines.size() - l) * lh, span, lh);
            const QFontMetrics m(small);
            const QString shownText = m.horizontalAdvance(lines[l]) > span ? m.elidedText(lines[l], Qt::ElideRight, span) : lines[l];
            p.setFont(small);
            p.setPen(baseInk);
            QRect box;
            p.drawText(local, Qt::AlignCenter | Qt::TextSingleLine, shownText, &box);
            if (v.painted)
                v.painted->push_back({PaintedText::Bracket, t.mapRect(box), t.mapRect(local), shownText, lines.size() == 1 ? name : lines[l],
                                      small, baseInk, bracketBg, int(b.first)});
        }
        p.restore();
    }

    // Header (lifeline names) and legend stay on top.
    const QColor window = pal.color(QPalette::Window), windowInk = contrast::readableOn(pal.color(QPalette::WindowText), window);
    p.fillRect(QRect(0, 0, v.size.width(), hh), window);
    text(PaintedText::Header, QRect(kPad, 0, timeWidth_ - kPad, fh), Qt::AlignLeft | Qt::AlignTop, tr("Time"), bold, windowInk, window, -1);
    for (int n = firstLane; nodes && n <= lastLane; ++n) {
        // Centred on its lifeline, kept clear of the time column's title.
        const int w = nodeRows_ == 1 ? gap - 2 * kPad : 2 * gap - 2 * kPad;
        QRect r(lane(n) - w / 2, (n % nodeRows_) * fh, w, fh);
        if (r.left() < timeWidth_)
            r.moveLeft(timeWidth_);
        text(PaintedText::Header, r, Qt::AlignHCenter | Qt::AlignTop, QString::fromStdString(graph_->nodes()[size_t(n)]), bold, windowInk,
             window, -1);
    }
    // The legend, wrapped to the width painted: every entry, however narrow.
    int lx = kPad, line = 0;
    const int legendTop = nodeRows_ * fh + 2 * kPad;
    auto entry = [&](const QString& name, const QPen& pen) {
        const int w = 36 + advance(fm_, name);
        if (lx > kPad && lx + w > v.size.width()) {
            ++line;
            lx = kPad;
        }
        const int ly = legendTop + line * (fh + kPad);
        p.setPen(pen);
        p.drawLine(lx, ly + fh / 2, lx + 30, ly + fh / 2);
        text(PaintedText::Legend, QRect(lx + 36, ly, w - 36, fh), Qt::AlignLeft | Qt::AlignTop, name, font_, windowInk, window, -1);
        lx += w + 3 * kPad;
    };
    for (const Style& s : legendStyles(pal))
        entry(s.name, QPen(contrast::readableOn(s.colour, window), s.width, s.line));
    entry(gapLegendName(), QPen(contrast::readableOn(pal.color(QPalette::Mid), window), 1, Qt::DotLine));
    p.restore();
}

bool exportFlowImage(const FlowGraph& graph, const QString& path, const QString& format, QString* error, FlowTimeScale scale)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = FlowPainter::tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (!exportFlowImage(graph, &file, format, error, scale)) {
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

bool exportFlowImage(const FlowGraph& graph, QIODevice* out, const QString& format, QString* error, FlowTimeScale scale)
{
    FlowPainter painter;
    painter.setGraph(&graph);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(10);
    painter.setFont(font);
    painter.setTimeScale(scale);
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
    // PDF: pages of 40 arrows' height, each with the header and legend, text kept as text
    // (time-proportional: as many arrows as that height holds, a long silence its own page).
    constexpr int kRowsPerPage = 40;
    QSize page = painter.contentSize(0);
    const int64_t fortyRows = int64_t(kRowsPerPage) * painter.rowHeight();
    page.setHeight(painter.headerHeight() + int(std::min(painter.rowTop(rows), fortyRows)) + 8);
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
    const int body = page.height() - painter.headerHeight() - 8;
    for (int first = 0, n = 0; first < std::max(rows, 1); first += n) {
        if (first)
            pdf.newPage();
        n = scale == FlowTimeScale::Proportional ? painter.rowsInSight(first, body - painter.rowHeight()) : kRowsPerPage;
        n = std::min(n, std::max(rows - first, 1));
        painter.paint(p, pal, {first, n, 0, page, -1, -1});
    }
    return p.end();
}
