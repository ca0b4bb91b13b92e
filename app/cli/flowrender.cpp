#include "cli/flowrender.h"

#include "flowgraph/flowpainter.h"

#include <QFile>
#include <QGuiApplication>

#include <cstdlib>

namespace synflow::cli {

bool renderFlow(const FlowGraph& graph, const std::string& format, int fd, std::string& error)
{
    // A headless tool: Qt draws text only with a GUI application; offscreen needs no display.
    if (!std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    int argc = 1;
    char name[] = "synflow-cli";
    char* argv[] = {name, nullptr};
    QGuiApplication app(argc, argv);
    QFile file;
    QString why;
    if (!file.open(fd, QIODevice::WriteOnly, QFileDevice::DontCloseHandle)
        || !exportFlowImage(graph, &file, QString::fromStdString(format), &why) || !file.flush()) {
        error = why.isEmpty() ? file.errorString().toStdString() : why.toStdString();
        return false;
    }
    return true;
}

} // namespace synflow::cli
