#include "teaching/handoutdialog.h"

#include "teaching/handoutexport.h"
#include "teaching/projectorwindow.h"

#include <QBuffer>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

using namespace synflow;

void HandoutDialog::run(QWidget* parent, const FlowGraph& graph)
{
    const QString pdf = tr("PDF handout, a page per step (*.pdf)"), png = tr("PNG images, one per step, in a folder (*.png)"),
                  svg = tr("SVG drawings, one per step, in a folder (*.svg)");
    QString selected = pdf;
    QString path = QFileDialog::getSaveFileName(parent, tr("Export Lesson Handout"), QStringLiteral("lesson.pdf"),
                                                QStringList{pdf, png, svg}.join(QStringLiteral(";;")), &selected);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += selected == png ? QStringLiteral(".png") : selected == svg ? QStringLiteral(".svg") : QStringLiteral(".pdf");
    QString error;
    if (!write(graph, path, &error))
        QMessageBox::warning(parent, tr("Export Lesson Handout"), error);
}

bool HandoutDialog::write(const FlowGraph& graph, const QString& path, QString* error)
{
    const Handout handout(graph, [&graph](size_t arrow) { return explainStepTranslated(stepFacts(graph, arrow)); });
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    if (suffix == QLatin1String("pdf"))
        return handout.writePdf(path, error);
    const QString folder = info.dir().filePath(info.completeBaseName());
    if (suffix == QLatin1String("png"))
        return handout.writePngs(folder, error);
    if (suffix == QLatin1String("svg"))
        return writeSvgs(handout, folder, error);
    if (error)
        *error = tr("%1: a handout is a .pdf file, or .png or .svg images").arg(path);
    return false;
}

bool HandoutDialog::writeSvgs(const Handout& handout, const QString& folder, QString* error)
{
    if (!QDir().mkpath(folder)) {
        if (error)
            *error = tr("cannot create the folder %1").arg(folder);
        return false;
    }
    for (int step = 1; step <= handout.steps(); ++step) {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(Handout::kImageSize);
        svg.setViewBox(QRect(QPoint(0, 0), Handout::kImageSize));
        svg.setResolution(96);
        svg.setTitle(handout.title(step));
        QPainter p(&svg);
        handout.paintStep(p, QRect(QPoint(0, 0), Handout::kImageSize), step);
        p.end();
        const QString path = QDir(folder).filePath(handout.stepFileName(step, QStringLiteral("svg")));
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            if (error)
                *error = tr("cannot write %1: %2").arg(path, file.errorString());
            return false;
        }
    }
    return true;
}
