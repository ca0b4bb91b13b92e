#include "cli/flowrender.h"

#include "flow/teaching.h"
#include "flowgraph/flowpainter.h"
#include "teaching/handoutexport.h"

#include <QBuffer>
#include <QGuiApplication>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace synflow::cli {

namespace {

// A headless tool: Qt draws text only with a GUI application; offscreen needs no display.
template<typename Draw>
bool drawToFd(int fd, std::string& error, Draw draw)
{
    if (!std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    int argc = 1;
    char name[] = "synflow-cli";
    char* argv[] = {name, nullptr};
    QGuiApplication app(argc, argv);
    // Drawn in memory first: an encoder whose write fails part way leaks (libpng's error
    // longjmp through Qt), and the file's own write errors are then ours to report.
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QString why;
    if (!draw(&buffer, &why)) {
        error = why.toStdString();
        return false;
    }
    for (qsizetype done = 0; done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            error = std::strerror(n < 0 ? errno : ENOSPC);
            return false;
        }
        done += n;
    }
    return true;
}

} // namespace

bool renderFlow(const FlowGraph& graph, const std::string& format, int fd, std::string& error, FlowTimeScale scale)
{
    return drawToFd(fd, error, [&](QIODevice* out, QString* why) {
        return exportFlowImage(graph, out, QString::fromStdString(format), why, scale);
    });
}

bool renderHandout(const FlowGraph& graph, int fd, std::string& error)
{
    const Handout handout(graph, [&graph](size_t arrow) { return QString::fromStdString(explainStep(stepFacts(graph, arrow))); });
    return drawToFd(fd, error, [&](QIODevice* out, QString* why) { return handout.writePdf(out, why); });
}

} // namespace synflow::cli
