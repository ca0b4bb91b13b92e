// synflow: the GUI entry point. `synflow [FILE]`
#include "guibenchmark.h"
#include "mainwindow.h"

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

    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Packet captures, TCP conversations and flow graphs"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QObject::tr("Capture file to open (pcap or pcapng)"));
    const QCommandLineOption select(QStringLiteral("select"), QObject::tr("Select packet N once loaded"), QObject::tr("N"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QObject::tr("Save a PNG of the window once the capture is loaded, then quit"),
                                        QObject::tr("file"));
    const QCommandLineOption benchmark(QStringLiteral("benchmark"), QObject::tr("Time opening, selecting and scrolling FILE, then quit"));
    parser.addOption(benchmark);
    const QCommandLineOption flow(QStringLiteral("flow"), QObject::tr("Show the flow graph"));
    parser.addOption(flow);
    parser.addOption(select);
    parser.addOption(screenshot);
    parser.process(app);

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
        if (parser.isSet(screenshot)) {
            QTimer::singleShot(300, &window, [&] {
                window.grab().save(parser.value(screenshot));
                QApplication::quit();
            });
        }
    });
    if (!parser.positionalArguments().isEmpty())
        window.openCapture(parser.positionalArguments().first());
    return app.exec();
}
