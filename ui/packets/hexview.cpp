#include "packets/hexview.h"

#include <QFontDatabase>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

namespace {
constexpr int kPerLine = 16;
constexpr int kHexColumn = 6;                     // "0000  "
constexpr int kAsciiColumn = kHexColumn + kPerLine * 3 + 1;
}

HexView::HexView(QWidget* parent) : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    viewport()->setCursor(Qt::IBeamCursor);
}

int HexView::lineHeight() const { return fontMetrics().height(); }
int HexView::charWidth() const { return fontMetrics().horizontalAdvance(QLatin1Char('0')); }

void HexView::setBytes(const QByteArray& bytes)
{
    bytes_ = bytes;
    hlOffset_ = hlLength_ = 0;
    updateScrollBar();
    viewport()->update();
}

void HexView::setHighlight(uint32_t offset, uint32_t length)
{
    hlOffset_ = offset;
    hlLength_ = length;
    const int line = int(offset / kPerLine);
    QScrollBar* sb = verticalScrollBar();
    const int visible = viewport()->height() / std::max(1, lineHeight());
    if (line < sb->value() || line >= sb->value() + visible)
        sb->setValue(line);
    viewport()->update();
}

QString HexView::hexText(uint32_t offset, uint32_t length) const
{
    QStringList parts;
    for (uint32_t i = offset; i < offset + length && i < uint32_t(bytes_.size()); ++i)
        parts << QStringLiteral("%1").arg(uint8_t(bytes_[i]), 2, 16, QLatin1Char('0'));
    return parts.join(' ');
}

void HexView::updateScrollBar()
{
    const int lines = int((bytes_.size() + kPerLine - 1) / kPerLine);
    const int visible = viewport()->height() / std::max(1, lineHeight());
    verticalScrollBar()->setRange(0, std::max(0, lines - visible));
    verticalScrollBar()->setPageStep(visible);
}

void HexView::resizeEvent(QResizeEvent*) { updateScrollBar(); }

int HexView::byteAt(const QPoint& pos) const
{
    const int line = verticalScrollBar()->value() + pos.y() / std::max(1, lineHeight());
    const int col = (pos.x() - 4) / std::max(1, charWidth());
    int inLine = -1;
    if (col >= kHexColumn && col < kHexColumn + kPerLine * 3)
        inLine = (col - kHexColumn) / 3;
    else if (col >= kAsciiColumn && col < kAsciiColumn + kPerLine)
        inLine = col - kAsciiColumn;
    const int offset = line * kPerLine + inLine;
    return inLine >= 0 && offset < bytes_.size() ? offset : -1;
}

void HexView::mousePressEvent(QMouseEvent* e)
{
    const int b = byteAt(e->position().toPoint());
    if (b >= 0)
        emit byteClicked(uint32_t(b));
}

void HexView::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    const QPalette pal = palette();
    p.fillRect(viewport()->rect(), pal.base());
    const int lh = lineHeight(), cw = charWidth();
    const int first = verticalScrollBar()->value();
    const int lines = viewport()->height() / std::max(1, lh) + 1;
    for (int l = 0; l < lines; ++l) {
        const int line = first + l;
        const int start = line * kPerLine;
        if (start >= bytes_.size())
            break;
        const int y = l * lh;
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(4, y + fontMetrics().ascent(), QStringLiteral("%1").arg(start, 4, 16, QLatin1Char('0')));
        for (int i = 0; i < kPerLine && start + i < bytes_.size(); ++i) {
            const uint32_t off = uint32_t(start + i);
            const bool hl = hlLength_ && off >= hlOffset_ && off < hlOffset_ + hlLength_;
            const uint8_t b = uint8_t(bytes_[start + i]);
            const int hx = 4 + (kHexColumn + i * 3) * cw, ax = 4 + (kAsciiColumn + i) * cw;
            if (hl) {
                p.fillRect(QRect(hx, y, cw * 2, lh), pal.highlight());
                p.fillRect(QRect(ax, y, cw, lh), pal.highlight());
            }
            p.setPen(hl ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text));
            p.drawText(hx, y + fontMetrics().ascent(), QStringLiteral("%1").arg(b, 2, 16, QLatin1Char('0')));
            p.drawText(ax, y + fontMetrics().ascent(), QString(QChar(b >= 0x20 && b < 0x7f ? char(b) : '.')));
        }
    }
}

void HexView::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::FontChange)
        updateScrollBar();
    QAbstractScrollArea::changeEvent(e);
}
