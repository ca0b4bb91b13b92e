#include "teaching/handoutexport.h"

#include "flowgraph/flowpainter.h"

#include <QDir>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <algorithm>

using namespace synflow;

namespace {

// The light projector look, on paper: black on white, states in a dark blue.
QPalette paperPalette()
{
    QPalette pal;
    for (auto role : {QPalette::Window, QPalette::Base, QPalette::AlternateBase, QPalette::Button})
        pal.setColor(role, Qt::white);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        pal.setColor(role, Qt::black);
    pal.setColor(QPalette::Link, QColor(0x00, 0x4f, 0x9e));
    pal.setColor(QPalette::Mid, QColor(0x60, 0x60, 0x60));
    pal.setColor(QPalette::Highlight, QColor(0xb3, 0xd9, 0xff));
    return pal;
}

// The projector's 24 px type on a 1280×720 slide, in proportion on any other page.
int textPixels(const QRect& area)
{
    const double scale = std::min(area.width() / 1280.0, area.height() / 720.0);
    return std::max(8, int(24 * scale + 0.5));
}

} // namespace

Handout::Handout(const FlowGraph& graph, Explain explain) : graph_(graph), explain_(std::move(explain)) { }

QString Handout::title(int step) const { return tr("Step %1 of %2").arg(step).arg(steps()); }

QString Handout::states(int step) const
{
    // Each lifeline's state after the step: the last one an arrow up to it gave that end.
    const size_t nodes = graph_.nodes().size();
    std::vector<TcpState> state(nodes, TcpState::Unknown);
    for (int i = 0; i < step && i < steps(); ++i) {
        const FlowArrow& a = graph_.arrows()[size_t(i)];
        state[a.from] = a.stateFrom;
        state[a.to] = a.stateTo;
    }
    QStringList parts;
    for (size_t n = 0; n < nodes; ++n)
        parts << tr("%1: %2").arg(QString::fromStdString(graph_.nodes()[n]),
                                   state[n] == TcpState::Unknown ? tr("unknown") : QString::fromLatin1(tcpStateName(state[n])));
    return tr("States: %1").arg(parts.join(QStringLiteral(" · ")));
}

QString Handout::noteLine(const FlowGraph& graph, int arrow)
{
    if (arrow < 0 || size_t(arrow) >= graph.arrows().size())
        return {};
    const std::string n = graph.noteOf(graph.arrows()[size_t(arrow)]);
    return n.empty() ? QString() : tr("Comment: %1").arg(QString::fromStdString(n));
}

void Handout::paintStep(QPainter& p, const QRect& area, int step) const
{
    p.save();
    p.fillRect(area, Qt::white);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(textPixels(area));
    QFont bold = font;
    bold.setBold(true);
    const int pad = font.pixelSize() / 2;
    const QRect inner = area.adjusted(pad, pad, -pad, -pad);
    // The texts first, from the bottom: they decide how much height the diagram gets.
    QStringList bottom{explanation(step), states(step)};
    if (const QString n = note(step); !n.isEmpty())
        bottom << n;
    const QString text = bottom.join(QLatin1Char('\n'));
    const QFontMetrics fm(font);
    const QRect textBox = fm.boundingRect(QRect(0, 0, inner.width(), 100000), Qt::TextWordWrap | Qt::AlignLeft, text);
    const QFontMetrics bm(bold);
    const QRect titleBox(inner.left(), inner.top(), inner.width(), bm.height());
    const QRect textRect(inner.left(), inner.bottom() - textBox.height(), inner.width(), textBox.height());
    p.setPen(Qt::black);
    p.setFont(bold);
    p.drawText(titleBox, Qt::AlignLeft | Qt::AlignTop | Qt::TextSingleLine, title(step));
    p.setFont(font);
    p.drawText(textRect, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);

    // The diagram up to the step, laid out as the teaching window lays it out (fitted to the
    // width, wrapping Seq/Ack), then scaled down to the room left if it is taller.
    const QRect room(inner.left(), titleBox.bottom() + pad, inner.width(), std::max(1, textRect.top() - pad - titleBox.bottom() - pad));
    FlowPainter painter;
    painter.setGraph(&graph_);
    painter.setFont(font);
    painter.setLineScale(2.0);
    int width = room.width();
    painter.setViewWidth(width, true);
    QSize size = painter.contentSize(step);
    for (int tries = 0; tries < 4 && size.height() > room.height(); ++tries) {
        // Scaled by s, the width painted may grow by 1/s: the wrapped Seq/Ack unwraps.
        const double s = double(room.height()) / size.height();
        width = int(room.width() / std::max(s, 0.2));
        painter.setViewWidth(width, true);
        size = painter.contentSize(step);
    }
    const double scale = std::min({1.0, double(room.height()) / size.height(), double(room.width()) / width});
    p.translate(room.topLeft());
    p.scale(scale, scale);
    p.setClipRect(QRect(0, 0, width, size.height()));
    painter.paint(p, paperPalette(), {0, step, 0, QSize(width, size.height()), step, step - 1});
    p.restore();
}

bool Handout::writePdf(QIODevice* out, QString* error) const
{
    if (steps() == 0) {
        if (error)
            *error = tr("the conversation has no steps");
        return false;
    }
    QPdfWriter pdf(out);
    pdf.setResolution(96);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageOrientation(QPageLayout::Landscape);
    pdf.setPageMargins({});
    pdf.setTitle(tr("SynFlow lesson handout"));
    pdf.setCreator(QStringLiteral("SynFlow"));
    QPainter p;
    if (!p.begin(&pdf)) {
        if (error)
            *error = tr("cannot write the PDF");
        return false;
    }
    const QRect page(QPoint(0, 0), QSize(pdf.width(), pdf.height()));
    for (int step = 1; step <= steps(); ++step) {
        if (step > 1)
            pdf.newPage();
        paintStep(p, page.adjusted(24, 24, -24, -24), step);
    }
    return p.end();
}

bool Handout::writePdf(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (!writePdf(&file, error)) {
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QString Handout::stepFileName(int step, const QString& suffix) const
{
    const int digits = int(QString::number(steps()).size());
    return QStringLiteral("step-%1.%2").arg(step, std::max(2, digits), 10, QLatin1Char('0')).arg(suffix);
}

bool Handout::writePngs(const QString& folder, QString* error) const
{
    if (!QDir().mkpath(folder)) {
        if (error)
            *error = tr("cannot create the folder %1").arg(folder);
        return false;
    }
    for (int step = 1; step <= steps(); ++step) {
        QImage image(kImageSize, QImage::Format_RGB32);
        QPainter p(&image);
        paintStep(p, image.rect(), step);
        p.end();
        const QString path = QDir(folder).filePath(stepFileName(step, QStringLiteral("png")));
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
            if (error)
                *error = tr("cannot write %1: %2").arg(path, file.errorString());
            return false;
        }
    }
    return true;
}
