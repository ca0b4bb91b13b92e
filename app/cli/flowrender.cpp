#include "cli/flowrender.h"

#include "flowgraph/flowpainter.h"

#include <QGuiApplication>

#include <cstdlib>

namespace synflow::cli {

bool renderFlow(const FlowGraph& graph, const std::string& format, const std::string& path, std::string& error)
{
    // A headless tool: Qt draws text only with a GUI application; offscreen needs no display.
    if (!std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    int argc = 1;
    char name[] = "synflow-cli";
    char* argv[] = {name, nullptr};
    QGuiApplication app(argc, argv);
    QString why;
    if (!exportFlowImage(graph, QString::fromStdString(path), QString::fromStdString(format), &why)) {
        error = why.toStdString();
        return false;
    }
    return true;
}

} // namespace synflow::cli
