// synflow: the GUI entry point. `synflow [FILE]`
#include "guibenchmark.h"
#include "language.h"
#include "mainwindow.h"
#include "projectorwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QTimer>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("SynFlow"));
    QApplication::setOrganizationName(QStringLiteral("SynFlow"));
    QApplication::setApplicationVersion(QStringLiteral(SYNFLOW_VERSION));
    applyLanguage(savedLanguage());

    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Packet captures, TCP conversations and flow graphs"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QObject::tr("Capture file to open (pcap or pcapng)"));
    const QCommandLineOption select(QStringLiteral("select"), QObject::tr("Select packet N once loaded"), QObject::tr("N"));
    const QCommandLineOption flow(QStringLiteral("flow"), QObject::tr("Show the flow graph"));
    const QCommandLineOption teach(QStringLiteral("teach"), QObject::tr("Open teaching mode on the selected packet's conversation, N steps in"),
                                   QObject::tr("N"));
    const QCommandLineOption lang(QStringLiteral("lang"), QObject::tr("Interface language: en or zh_CN"), QObject::tr("code"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QObject::tr("Save a PNG of the window once the capture is loaded, then quit"),
                                        QObject::tr("file"));
    const QCommandLineOption benchmark(QStringLiteral("benchmark"), QObject::tr("Time opening, selecting and scrolling FILE, then quit"));
    parser.addOptions({select, flow, teach, lang, screenshot, benchmark});
    parser.process(app);
    if (parser.isSet(lang))
        applyLanguage(parser.value(lang));

    MainWindow window;
    window.show();
    if (parser.isSet(benchmark)) {
        if (parser.positionalArguments().isEmpty())
            return 2;
        return runGuiBenchmark(window, parser.positionalArguments().first());
    }
    if (parser.isSet(flow))
        window.flowDock()->show();
    QObject::connect(&window, &MainWindow::loadFinished, &window, [&] {
        if (parser.isSet(select))
            window.goToPacket(parser.value(select).toULongLong());
        QWidget* shown = &window;
        if (parser.isSet(teach)) {
            if (auto* projector = static_cast<ProjectorWindow*>(window.openProjector())) {
                projector->resize(1024, 768); // the classroom projector size
                projector->show();
                for (int i = 0; i < parser.value(teach).toInt(); ++i)
                    projector->next();
                shown = projector;
            }
        }
        if (parser.isSet(screenshot)) {
            QTimer::singleShot(400, &window, [&, shown] {
                shown->grab().save(parser.value(screenshot));
                QApplication::quit();
            });
        }
    });
    if (!parser.positionalArguments().isEmpty())
        window.openCapture(parser.positionalArguments().first());
    return app.exec();
}
