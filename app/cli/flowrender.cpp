#include "cli/flowrender.h"

#include <QGuiApplication>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgRenderer>

#include <cstdlib>

namespace synflow::cli {

bool renderSvg(const std::string& svg, const std::string& format, const std::string& path, std::string& error)
{
    // A headless tool: Qt draws text only with a GUI application; offscreen needs no display.
    if (!std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    int argc = 1;
    char name[] = "synflow-cli";
    char* argv[] = {name, nullptr};
    QGuiApplication app(argc, argv);
    QSvgRenderer renderer(QByteArray::fromStdString(svg));
    if (!renderer.isValid()) {
        error = "could not draw the flow graph";
        return false;
    }
    const QSize size = renderer.defaultSize();
    const QString out = QString::fromStdString(path);
    if (format == "png") {
        QImage image(size, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter p(&image);
        renderer.render(&p);
        p.end();
        if (!image.save(out, "PNG")) {
            error = "cannot write " + path;
            return false;
        }
        return true;
    }
    QPdfWriter pdf(out);
    pdf.setResolution(96);
    pdf.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
    pdf.setPageMargins({});
    QPainter p;
    if (!p.begin(&pdf)) {
        error = "cannot write " + path;
        return false;
    }
    renderer.render(&p, QRectF(QPointF(0, 0), pdf.pageLayout().paintRectPixels(pdf.resolution()).size()));
    return p.end();
}

} // namespace synflow::cli
