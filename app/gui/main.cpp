// synflow: the GUI entry point. `synflow [FILE]`, or `synflow -i IFACE -k` to capture live.
#include "livecapture/capturedialog.h"
#include "guibenchmark.h"
#include "statsbenchmark.h"
#include "support/language.h"
#include "window/mainwindow.h"
#include "window/preferencesdialog.h"
#include "support/anonymity.h"
#include "teaching/projectorwindow.h"
#include "support/theme.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QTimer>

#include <cstdio>
#include <memory>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pcap/pcap.h>

namespace {

// --help and --version must work without a display, where QApplication aborts.
bool wantsOnlyText(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView a(argv[i]);
        if (a == "--")
            break;
        if (a == "-h" || a == "-?" || a == "--help" || a == "--help-all" || a == "-v" || a == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char** argv)
{
#ifdef __GLIBC__
    // Blocks of 1 MiB and more (a count's tables, a graph's records) go back to the system when
    // freed: glibc would otherwise raise this threshold after the first such free and keep later
    // ones in its heap, so a window closed or a count redone would leave its memory held.
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
    const std::unique_ptr<QCoreApplication> app(wantsOnlyText(argc, argv) ? new QCoreApplication(argc, argv)
                                                                          : new QApplication(argc, argv));
    QApplication::setApplicationName(QStringLiteral("SynFlow"));
    QApplication::setOrganizationName(QStringLiteral("SynFlow"));
    QApplication::setApplicationVersion(QStringLiteral(SYNFLOW_VERSION));
    applyLanguage(savedLanguage());

    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Packet captures, TCP conversations and flow graphs"));
    parser.addHelpOption();
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QObject::tr("Displays version information (with Qt's and libpcap's)."));
    parser.addOption(version);
    parser.addPositionalArgument(QStringLiteral("file"), QObject::tr("Capture file to open (pcap or pcapng)"));
    const QCommandLineOption select(QStringLiteral("select"), QObject::tr("Select packet N once loaded"), QObject::tr("N"));
    const QCommandLineOption flow(QStringLiteral("flow"), QObject::tr("Show the flow graph"));
    const QCommandLineOption teach(QStringLiteral("teach"), QObject::tr("Open teaching mode on the selected packet's conversation, N steps in"),
                                   QObject::tr("N"));
    const QCommandLineOption quiz(QStringLiteral("quiz"), QObject::tr("With --teach: quiz mode, the Nth step's Seq, Ack and states hidden"));
    const QCommandLineOption timeScale(QStringLiteral("time-scale"),
                                       QObject::tr("The flow graph's and teaching mode's time axis: rows or proportional"), QObject::tr("scale"));
    const QCommandLineOption anonymise(QStringLiteral("anonymise"), QObject::tr("Show documentation addresses instead of the capture's real ones"));
    const QCommandLineOption graph(QStringLiteral("graph"),
                                   QObject::tr("Open a TCP stream graph of the selected packet's stream: stevens, tcptrace, "
                                               "throughput, rtt or window"),
                                   QObject::tr("kind"));
    const QCommandLineOption followStream(QStringLiteral("follow"), QObject::tr("Follow the selected packet's TCP stream"));
    const QCommandLineOption preferences(QStringLiteral("preferences"),
                                         QObject::tr("Open Edit → Preferences on a page: appearance, columns, font, layout, time or protocols"),
                                         QObject::tr("page"));
    const QCommandLineOption lang(QStringLiteral("lang"), QObject::tr("Interface language: en or zh_CN"), QObject::tr("code"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QObject::tr("Save a PNG of the window once the capture is loaded, then quit"),
                                        QObject::tr("file"));
    const QCommandLineOption benchmark(QStringLiteral("benchmark"), QObject::tr("Time opening, selecting and scrolling FILE, then quit"));
    const QCommandLineOption statisticsBenchmark(QStringLiteral("benchmark-statistics"),
                                                 QObject::tr("Time the Statistics and Analyze windows on FILE, then quit"));
    // As in Wireshark: -i picks the interface, -k starts at once, -f sets the capture filter.
    const QCommandLineOption iface({QStringLiteral("i"), QStringLiteral("interface")}, QObject::tr("Interface to capture on"),
                                   QObject::tr("name"));
    const QCommandLineOption start(QStringLiteral("k"), QObject::tr("Start capturing at once"));
    const QCommandLineOption filter({QStringLiteral("f"), QStringLiteral("capture-filter")}, QObject::tr("Capture filter (BPF)"),
                                    QObject::tr("filter"));
    const QCommandLineOption autostop({QStringLiteral("a"), QStringLiteral("autostop")},
                                      QObject::tr("Stop capturing: duration:SECONDS, packets:N or filesize:KB"), QObject::tr("condition"));
    const QCommandLineOption theme(QStringLiteral("theme"), QObject::tr("Window colours for this run: light or dark"),
                                   QObject::tr("name"));
    parser.addOptions({select, flow, teach, quiz, timeScale, anonymise, graph, followStream, preferences, lang, screenshot, benchmark,
                       statisticsBenchmark, iface, start,
                       filter, autostop, theme});
    parser.process(*app); // --help prints and exits here
    if (parser.isSet(version)) {
        std::printf("SynFlow %s\nQt %s (built with %s)\n%s\n", SYNFLOW_VERSION, qVersion(), QT_VERSION_STR, pcap_lib_version());
        return 0;
    }
    if (parser.isSet(theme) || savedDarkTheme())
        applyTheme(parser.isSet(theme) ? parser.value(theme) == QLatin1String("dark") : true);
    if (parser.isSet(lang))
        applyLanguage(parser.value(lang));

    MainWindow window;
    const bool benchmarking = parser.isSet(benchmark) || parser.isSet(statisticsBenchmark);
    if (parser.isSet(screenshot) || benchmarking) // a scripted run: nobody reads the window's messages
        QObject::connect(&window, &MainWindow::errorShown, &window, [](const QString& title, const QString& text) {
            std::fprintf(stderr, "synflow: %s: %s\n", qPrintable(title), qPrintable(text));
        });
    window.show();
    if (benchmarking) {
        if (parser.positionalArguments().isEmpty())
            return 2;
        const QString file = parser.positionalArguments().first();
        return parser.isSet(benchmark) ? runGuiBenchmark(window, file) : runStatisticsBenchmark(window, file);
    }
    if (parser.isSet(flow))
        window.showFlowGraph();
    if (parser.isSet(anonymise))
        Anonymity::instance().setEnabled(true);
    const bool proportional = parser.value(timeScale) == QLatin1String("proportional");
    if (parser.isSet(timeScale) && !proportional && parser.value(timeScale) != QLatin1String("rows")) {
        std::fprintf(stderr, "synflow: --time-scale takes rows or proportional\n");
        return 2;
    }
    if (auto* scale = window.findChild<QComboBox*>(QStringLiteral("flowTimeScale")); scale && proportional)
        scale->setCurrentIndex(1);
    QObject::connect(&window, &MainWindow::loadFinished, &window, [&] {
        if (parser.isSet(select))
            window.goToPacket(parser.value(select).toULongLong());
        QWidget* shown = &window;
        if (parser.isSet(teach)) {
            if (ProjectorWindow* projector = window.openProjector()) {
                projector->resize(1024, 768); // the classroom projector size
                projector->show();
                projector->setTimeProportional(proportional);
                const int steps = parser.value(teach).toInt();
                for (int i = 0; i < steps; ++i) {
                    if (i == steps - 1 && parser.isSet(quiz))
                        projector->setQuiz(true); // the last step asked, not told
                    projector->next();
                }
                shown = projector;
            }
        }
        if (parser.isSet(graph)) {
            const QStringList kinds{QStringLiteral("stevens"), QStringLiteral("tcptrace"), QStringLiteral("throughput"),
                                    QStringLiteral("rtt"), QStringLiteral("window")};
            const int kind = kinds.indexOf(parser.value(graph));
            if (kind < 0) {
                std::fprintf(stderr, "synflow: --graph takes one of: %s\n", qPrintable(kinds.join(QStringLiteral(", "))));
                QCoreApplication::exit(2);
                return;
            }
            if (QWidget* g = window.openTcpStreamGraph(kind))
                shown = g;
        }
        if (parser.isSet(followStream))
            if (QWidget* f = window.openFollowStream())
                shown = f;
        if (parser.isSet(preferences)) {
            const QStringList pages{QStringLiteral("appearance"), QStringLiteral("columns"), QStringLiteral("font"),
                                    QStringLiteral("layout"), QStringLiteral("time"), QStringLiteral("protocols")};
            PreferencesDialog* dialog = window.openPreferences();
            dialog->showPage(PreferencesDialog::Page(std::max<qsizetype>(0, pages.indexOf(parser.value(preferences)))));
            shown = dialog;
        }
        if (parser.isSet(screenshot)) {
            QTimer::singleShot(400, &window, [&, shown] {
                shown->grab().save(parser.value(screenshot));
                QCoreApplication::exit(0); // no questions: an unsaved live capture stays in the cache folder
            });
        }
    });
    if (!parser.positionalArguments().isEmpty()) {
        if (!window.openCapture(parser.positionalArguments().first()) && parser.isSet(screenshot))
            return 1; // nothing will load: the reason is on stderr
    } else if (parser.isSet(start)) {
        synflow::CaptureOptions o = CaptureDialog::savedOptions();
        if (parser.isSet(iface))
            o.interface = parser.value(iface).toStdString();
        if (parser.isSet(filter))
            o.filter = parser.value(filter).toStdString();
        o.stopAfterPackets = 0;
        o.stopAfterSeconds = 0;
        o.stopAfterBytes = 0;
        const QString stop = parser.value(autostop);
        const QString value = stop.section(QLatin1Char(':'), 1);
        if (stop.startsWith(QLatin1String("duration:")))
            o.stopAfterSeconds = value.toDouble();
        else if (stop.startsWith(QLatin1String("packets:")))
            o.stopAfterPackets = value.toULongLong();
        else if (stop.startsWith(QLatin1String("filesize:")))
            o.stopAfterBytes = value.toULongLong() * 1000;
        if (!window.startCapture(o) && parser.isSet(screenshot))
            return 1;
    } else if (parser.isSet(screenshot)) { // the welcome page, once its traffic lines have a few samples
        QTimer::singleShot(3500, &window, [&] {
            window.grab().save(parser.value(screenshot));
            QCoreApplication::exit(0);
        });
    }
    return app->exec();
}
