// Live capture in the window, for real on the loopback interface (CI runs as root): the
// packet list, detail tree and flow graph fill while a TCP conversation made by the test
// runs; the packets are on disk at once, Save As writes them atomically, and nothing
// unsaved is dropped without asking.
#include "livecapture/capturedialog.h"
#include "common/asnobody.h"
#include "common/capturegroup.h"
#include "common/loopbacktalk.h"
#include "common/vethpair.h"
#include "flowgraph/flowview.h"
#include "livecapture/interfacelist.h"
#include "livecapture/livesession.h"
#include "window/mainwindow.h"
#include "window/windowparts.h"
#include "teaching/projectorwindow.h"
#include "models/packetlistmodel.h"
#include "window/welcomepage.h"

#include "capture/capturefile.h"
#include "tcp/tcptracker.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <functional>
#include <thread>
#include <unistd.h>

using namespace windowparts;

using namespace synflow;

namespace {


// Starts capturing loopback traffic of one port in the window; true once libpcap writes.
bool startLoopbackCapture(MainWindow& w, uint16_t port)
{
    CaptureOptions o;
    o.interface = "lo";
    o.filter = "tcp port " + std::to_string(port);
    if (!w.startCapture(o))
        return false;
    QElapsedTimer t;
    t.start();
    while (!(liveSession(w) && liveSession(w)->capture()) && t.elapsed() < 5000)
        QTest::qWait(20);
    return liveSession(w) && liveSession(w)->capture();
}

// Answers the next modal question with `button` once it shows up.
void answerNextQuestion(QMessageBox::StandardButton button)
{
    auto* poll = new QTimer(qApp);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, button] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            poll->stop(); // at once: deleteLater waits for the nested loop to end
            poll->deleteLater();
            box->button(button)->click();
        }
    });
    poll->start(20);
}

int tsharkCount(const QString& path)
{
    QProcess p;
    p.start(QStringLiteral("tshark"), {QStringLiteral("-r"), path, QStringLiteral("-T"), QStringLiteral("fields"), QStringLiteral("-e"),
                                       QStringLiteral("frame.number")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return -1;
    return int(p.readAllStandardOutput().count('\n'));
}

QString roleOf(const MainWindow& w, size_t frame)
{
    const auto capture = liveSession(w)->capture();
    const auto a = capture->tcpAnalysis(frame, capture->decode(frame));
    return QString::fromLatin1(tcpRoleName(a.role));
}

} // namespace

class TestLiveWindow : public QObject {
    Q_OBJECT
    QTemporaryDir cache_;

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_livewindow"));
        qputenv("XDG_CACHE_HOME", cache_.path().toUtf8()); // temporary captures go here
        QSettings().clear();
    }

    // Without the right to capture, the window says why and how to grant it. Root may capture,
    // so the window runs as nobody in a child process (first, before other tests start threads).
    void withoutPermissionTheWindowSaysHowToGrantIt()
    {
        if (geteuid() != 0)
            QSKIP("needs root to switch to an unprivileged user");
        QFile::setPermissions(cache_.path(), QFileDevice::Permissions(0x7777));
        std::string error;
        QVERIFY(test::runAsNobody(
            [] {
                MainWindow w;
                CaptureOptions o;
                o.interface = "lo";
                if (!w.startCapture(o))
                    return ("not started: " + lastError(w)).toStdString();
                QElapsedTimer t;
                t.start();
                while (liveSession(w) && t.elapsed() < 10000)
                    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
                return lastError(w).toStdString();
            },
            error));
        QVERIFY2(error.find("no permission to capture on lo") != std::string::npos, error.c_str());
        QVERIFY2(error.find("setcap cap_net_raw,cap_net_admin=eip") != std::string::npos, error.c_str());
        QVERIFY2(error.find("run as root") == std::string::npos, error.c_str());
    }

    // With the package's setup (the helper root:GROUP 0750 with the capabilities), a member
    // of the group captures through a LiveSession as nobody, in a child process again.
    void aMemberOfTheCaptureGroupCapturesInASession()
    {
        test::CaptureGroup group("synflow-test-gui");
        std::string why;
        if (!group.setUp(why))
            QSKIP(why.c_str());
        QFile::setPermissions(cache_.path(), QFileDevice::Permissions(0x7777));
        const QByteArray helper = QByteArray::fromStdString(group.helper());
        std::string error;
        QVERIFY(test::runAsNobody(
            [&] {
                qputenv("SYNFLOW_CAPTURE_HELPER", helper);
                uint16_t port = 0;
                const int listener = test::listenOnFreePort(port);
                LiveSession session;
                QString stopped = QStringLiteral("(running)");
                QObject::connect(&session, &LiveSession::stopped, [&](const QString& e) { stopped = e; });
                CaptureOptions o;
                o.interface = "lo";
                o.filter = "tcp port " + std::to_string(port);
                QString err;
                if (!session.start(o, &err))
                    return "not started: " + err.toStdString();
                auto waitFor = [](const std::function<bool()>& done) {
                    QElapsedTimer t;
                    t.start();
                    while (!done() && t.elapsed() < 10000)
                        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
                    return done();
                };
                if (!waitFor([&] { return bool(session.capture()) || !session.isRunning(); }) || !bool(session.capture()))
                    return "the capture file never opened: " + stopped.toStdString();
                std::thread talk([&] {
                    test::converse(listener, port);
                    close(listener);
                });
                const bool arrived = waitFor([&] { return session.packetCount() >= 10; });
                talk.join();
                session.stopAndWait();
                if (!arrived || !stopped.isEmpty())
                    return "got " + std::to_string(session.packetCount()) + " packets, stopped with: " + stopped.toStdString();
                if (session.stats().packets != session.packetCount())
                    return "the helper counted " + std::to_string(session.stats().packets) + " packets";
                return std::string();
            },
            error, group.gid()));
        QVERIFY2(error.empty(), error.c_str());
    }

    void watchesAConversationArriveAndSavesIt()
    {
        if (!test::mayCaptureOnLoopback())
            QSKIP("no permission to capture on lo here (CI runs as root)");
        uint16_t port = 0;
        const int listener = test::listenOnFreePort(port);
        MainWindow w;
        w.show();
        flowDock(w)->show();
        CaptureOptions o;
        o.interface = "lo";
        o.filter = "tcp port " + std::to_string(port);
        QVERIFY(w.startCapture(o));
        QTRY_VERIFY(liveSession(w)->capture()); // the file has its header: libpcap is capturing
        QVERIFY(isShowingCapture(w));
        QCOMPARE(QFileInfo(liveSession(w)->outputPath()).absolutePath(), cache_.path() + QStringLiteral("/synflow"));
        int updates = 0;
        connect(packetModel(w), &QAbstractItemModel::rowsInserted, this, [&] { ++updates; });

        std::thread talk([&] {
            test::converse(listener, port);
            close(listener);
        });
        // The rows arrive while the capture runs, without stopping it.
        QTRY_VERIFY_WITH_TIMEOUT(packetModel(w)->rowCount() >= 10, 10000);
        talk.join();
        QTRY_VERIFY_WITH_TIMEOUT(roleOf(w, size_t(packetModel(w)->rowCount() - 1)) == QStringLiteral("teardown 4/4 ACK"), 10000);
        QVERIFY(liveSession(w)->isRunning());
        QVERIFY(updates >= 1);
        QCOMPARE(roleOf(w, 0), QStringLiteral("handshake 1/3 SYN"));
        QCOMPARE(roleOf(w, 1), QStringLiteral("handshake 2/3 SYN-ACK"));
        QCOMPARE(roleOf(w, 2), QStringLiteral("handshake 3/3 ACK"));
        QVERIFY(packetModel(w)->cellText(0, PacketListModel::Info).contains(QStringLiteral("[SYN]")));
        QVERIFY(w.statusBar()->findChild<QLabel*>()->text().contains(QStringLiteral("Capturing on lo")));
        // The flow graph shows the conversation of the selected (first) packet, arrow per packet.
        QTRY_COMPARE(flowView(w)->graph().arrows().size(), size_t(packetModel(w)->rowCount()));
        const auto capture = liveSession(w)->capture();
        const size_t last = size_t(packetModel(w)->rowCount() - 1);
        const auto a = capture->tcpAnalysis(last, capture->decode(last));
        QCOMPARE(QString::fromLatin1(tcpStateName(a.stateSrc)), QStringLiteral("TIME-WAIT"));
        QCOMPARE(QString::fromLatin1(tcpStateName(a.stateDst)), QStringLiteral("CLOSED"));

        w.stopCapture();
        QVERIFY(!liveSession(w)->isRunning());
        QVERIFY(liveCapture(w)->hasUnsaved());
        // Every packet was on disk already, readable by tshark.
        QCOMPARE(tsharkCount(liveSession(w)->outputPath()), packetModel(w)->rowCount());

        QTemporaryDir out;
        const QString saved = out.filePath(QStringLiteral("live.pcap"));
        QVERIFY2(w.saveCaptureAs(saved), qPrintable(lastError(w)));
        QVERIFY(!liveCapture(w)->hasUnsaved());
        QCOMPARE(tsharkCount(saved), packetModel(w)->rowCount());
        const QString temp = liveSession(w)->outputPath();
        QVERIFY(QFile::exists(temp));
        QVERIFY(w.close()); // saved: no question
        QVERIFY(!QFile::exists(temp)); // and the temporary file has done its job
    }

    void asksBeforeDroppingUnsavedPackets()
    {
        if (!test::mayCaptureOnLoopback())
            QSKIP("no permission to capture on lo here (CI runs as root)");
        uint16_t port = 0;
        const int listener = test::listenOnFreePort(port);
        MainWindow w;
        w.show();
        QVERIFY(startLoopbackCapture(w, port));
        std::thread talk([&] { test::converse(listener, port); });
        QTRY_VERIFY_WITH_TIMEOUT(packetModel(w)->rowCount() >= 10, 10000);
        talk.join();
        close(listener);
        const QString temp = liveSession(w)->outputPath();

        // Cancel keeps everything: closing and opening another file are both refused.
        answerNextQuestion(QMessageBox::Cancel);
        QVERIFY(!w.close());
        answerNextQuestion(QMessageBox::Cancel);
        QVERIFY(!w.openCapture(MainWindow::demoCapturePath()));
        QVERIFY(QFile::exists(temp));
        QVERIFY(liveCapture(w)->hasUnsaved());
        QVERIFY(liveSession(w)->isRunning()); // Cancel changes nothing, not even the capture

        // Discard stops the capture, drops the temporary file and lets the window close.
        answerNextQuestion(QMessageBox::Discard);
        const bool closed = w.close();
        QVERIFY2(closed, qPrintable(lastError(w) + QStringLiteral(" unsaved=%1").arg(liveCapture(w)->hasUnsaved())));
        QVERIFY(!QFile::exists(temp));
    }

    // The list follows new packets while it is at the bottom, and stays put once the user
    // scrolls away; Restart starts over with the same options.
    void autoScrollStopsWhenTheUserScrollsAway()
    {
        if (!test::mayCaptureOnLoopback())
            QSKIP("no permission to capture on lo here (CI runs as root)");
        uint16_t port = 0;
        const int listener = test::listenOnFreePort(port);
        MainWindow w;
        w.resize(900, 500);
        w.show();
        QVERIFY(startLoopbackCapture(w, port));
        auto talk = [&](int conversations) {
            std::thread t([&] {
                for (int i = 0; i < conversations; ++i)
                    test::converse(listener, port);
            });
            while (!QTest::currentTestFailed() && t.joinable()) {
                QTest::qWait(50);
                if (liveSession(w)->packetCount() >= size_t(conversations) * 10) // all sent
                    break;
            }
            t.join();
        };
        QScrollBar* bar = packetList(w)->verticalScrollBar();
        talk(8);
        QTRY_VERIFY(packetModel(w)->rowCount() >= 80);
        QTRY_VERIFY(bar->maximum() > 0);
        QTRY_COMPARE(bar->value(), bar->maximum()); // followed to the newest packet
        bar->setValue(0); // the user scrolls up to read
        const int rows = packetModel(w)->rowCount();
        talk(4);
        QTRY_VERIFY(packetModel(w)->rowCount() >= rows + 40);
        QTest::qWait(300);
        QCOMPARE(bar->value(), 0); // left where the user put it
        bar->setValue(bar->maximum()); // back at the bottom: following again
        talk(2);
        QTRY_VERIFY(packetModel(w)->rowCount() >= rows + 60);
        QTRY_COMPARE(bar->value(), bar->maximum());

        const QString before = liveSession(w)->outputPath();
        QVERIFY(w.findChild<QAction*>() != nullptr);
        for (QAction* a : w.findChildren<QAction*>())
            if (a->text() == QStringLiteral("&Restart"))
                a->trigger();
        QVERIFY(liveSession(w) && liveSession(w)->isRunning());
        QVERIFY(liveSession(w)->outputPath() != before);
        QVERIFY(!QFile::exists(before)); // restarting drops the old packets, as in Wireshark
        QTRY_VERIFY(liveSession(w)->capture());
        QCOMPARE(packetModel(w)->rowCount(), 0);
        w.stopCapture();
        close(listener);
    }

    // Teaching mode opened on a connection that is still going: its later segments become
    // steps as they arrive, and play carries on into them.
    void teachingModeFollowsALiveConversation()
    {
        if (!test::mayCaptureOnLoopback())
            QSKIP("no permission to capture on lo here (CI runs as root)");
        uint16_t port = 0;
        const int listener = test::listenOnFreePort(port);
        MainWindow w;
        w.show();
        QVERIFY(startLoopbackCapture(w, port));
        // Only the handshake first.
        const int client = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(port);
        QCOMPARE(::connect(client, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
        const int server = accept(listener, nullptr, nullptr);
        QTRY_COMPARE(packetModel(w)->rowCount(), 3);
        w.goToPacket(1);
        auto* projector = w.openProjector();
        QVERIFY(projector);
        projector->show();
        for (int i = 0; i < 3; ++i)
            projector->next();
        QCOMPARE(projector->step(), 3);
        projector->togglePlay(); // plays past the end: waits for more
        QTRY_VERIFY(!projector->playing());

        // The rest of the conversation, while the class watches.
        (void)!write(client, "hello\n", 6);
        char buf[16];
        (void)!read(server, buf, sizeof buf);
        shutdown(client, SHUT_WR);
        close(server);
        while (read(client, buf, sizeof buf) > 0) { }
        close(client);
        close(listener);
        // Data, its ACK and the teardown (four segments, or three when FIN and ACK combine),
        // played as they came: every captured packet becomes a step.
        QTRY_VERIFY_WITH_TIMEOUT(packetModel(w)->rowCount() >= 8, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(projector->step() == packetModel(w)->rowCount(), 20000);
        QVERIFY2(explanationOf(*projector).startsWith(QStringLiteral("teardown ")), qPrintable(explanationOf(*projector)));
        w.stopCapture();
        answerNextQuestion(QMessageBox::Discard);
        QVERIFY(w.close());
    }

    void interfaceGoingAwayKeepsWhatWasCaptured()
    {
        test::VethPair veth;
        std::string why;
        if (!veth.create(why))
            QSKIP(qPrintable(QStringLiteral("cannot make a veth pair here: %1").arg(QString::fromStdString(why))));
        MainWindow w;
        w.show();
        CaptureOptions o;
        o.interface = veth.name();
        o.filter = "ether proto 0x88b5";
        QVERIFY(w.startCapture(o));
        QTRY_VERIFY(liveSession(w)->capture());
        QVERIFY(veth.sendFrames(5));
        QTRY_COMPARE(packetModel(w)->rowCount(), 5);
        veth.remove();
        QTRY_VERIFY(!liveSession(w)->isRunning());
        QVERIFY2(lastError(w).contains(QString::fromStdString(veth.name())) && lastError(w).contains(QStringLiteral("kept")),
                 qPrintable(lastError(w)));
        QCOMPARE(packetModel(w)->rowCount(), 5);
        QVERIFY(liveCapture(w)->hasUnsaved());
        QTemporaryDir out;
        QVERIFY(w.saveCaptureAs(out.filePath(QStringLiteral("kept.pcapng"))));
        QCOMPARE(tsharkCount(out.filePath(QStringLiteral("kept.pcapng"))), 5);
    }

    void refusesBadFiltersAndMissingInterfaces()
    {
        MainWindow w;
        CaptureOptions o;
        o.interface = "lo";
        o.filter = "tcp port";
        QVERIFY(!w.startCapture(o));
        QVERIFY2(lastError(w).contains(QStringLiteral("syntax error")), qPrintable(lastError(w)));
        QVERIFY(!liveSession(w));

        o.filter.clear();
        o.interface = "synflow-nosuch0";
        QVERIFY(w.startCapture(o)); // libpcap's answer comes from the capture thread
        QTRY_VERIFY(!liveSession(w));
        QVERIFY2(lastError(w).contains(QStringLiteral("no such interface: synflow-nosuch0")), qPrintable(lastError(w)));
        QVERIFY(!isShowingCapture(w)); // the welcome page stays
    }

    void captureDialogChecksTheFilterAsTyped()
    {
        CaptureDialog d;
        d.show();
        QVERIFY(d.interfaces()->topLevelItemCount() > 0);
        d.interfaces()->selectInterface(QStringLiteral("lo"));
        QCOMPARE(d.interfaces()->currentInterface(), QStringLiteral("lo"));
        auto* start = d.findChild<QDialogButtonBox*>()->buttons().constFirst();
        for (QAbstractButton* b : d.findChild<QDialogButtonBox*>()->buttons())
            if (d.findChild<QDialogButtonBox*>()->buttonRole(b) == QDialogButtonBox::AcceptRole)
                start = b;

        d.filterEdit()->clear();
        QTest::keyClicks(d.filterEdit(), QStringLiteral("tcp port"));
        QVERIFY(!d.filterValid());
        QVERIFY2(d.filterMessage().contains(QStringLiteral("syntax error")), qPrintable(d.filterMessage()));
        QVERIFY(d.filterEdit()->styleSheet().contains(QStringLiteral("#f4b2b2")));
        QVERIFY(!start->isEnabled());
        QTest::keyClicks(d.filterEdit(), QStringLiteral(" 22"));
        QVERIFY(d.filterValid());
        QVERIFY(d.filterMessage().isEmpty());
        QVERIFY(d.filterEdit()->styleSheet().contains(QStringLiteral("#afe8af")));
        QVERIFY(start->isEnabled());
        const CaptureOptions o = d.options();
        QCOMPARE(QString::fromStdString(o.interface), QStringLiteral("lo"));
        QCOMPARE(QString::fromStdString(o.filter), QStringLiteral("tcp port 22"));
    }

    void sparklineFollowsInterfaceTraffic()
    {
        InterfaceList list;
        list.show();
        QVERIFY(!list.history(QStringLiteral("lo")).size());
        // Loopback traffic while the list samples once a second.
        bool stop = false;
        std::thread traffic([&] {
            while (!stop) {
                uint16_t port = 0;
                const int l = test::listenOnFreePort(port);
                test::converse(l, port);
                close(l);
            }
        });
        QTRY_VERIFY_WITH_TIMEOUT(list.history(QStringLiteral("lo")).size() >= 2, 5000);
        stop = true;
        traffic.join();
        const QList<double> h = list.history(QStringLiteral("lo"));
        QVERIFY2(*std::max_element(h.begin(), h.end()) > 0, "no packets per second seen on lo");
    }

    void welcomePageStartsACaptureOnDoubleClick()
    {
        if (!test::mayCaptureOnLoopback())
            QSKIP("no permission to capture on lo here (CI runs as root)");
        MainWindow w;
        w.show();
        InterfaceList* list = w.findChild<WelcomePage*>()->interfaces();
        list->selectInterface(QStringLiteral("lo"));
        emit list->itemActivated(list->currentItem(), 0);
        QVERIFY(liveSession(w));
        QCOMPARE(QString::fromStdString(liveSession(w)->options().interface), QStringLiteral("lo"));
        QTRY_VERIFY(liveSession(w)->capture());
        QVERIFY(isShowingCapture(w));
        w.stopCapture();
        if (liveCapture(w)->hasUnsaved())
            answerNextQuestion(QMessageBox::Discard);
        QVERIFY(w.close());
    }
};

QTEST_MAIN(TestLiveWindow)
#include "tst_livewindow.moc"
