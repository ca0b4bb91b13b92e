// The window on a capture that another program cuts short while it loads or after it loaded
// (issue 17 item 1): walking every row (the list, detail tree, bytes and flow graph read packets
// through the map) never crashes; the rows stay, the user is told once where the file was cut,
// and a packet whose bytes were lost shows no made-up layers.
#include "common/repeatedcapture.h"
#include "window/captureloader.h"
#include "window/mainwindow.h"
#include "window/windowparts.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace windowparts;

class TestWindowShrink : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_windowshrink"));
    }

    void walkingACutCaptureKeepsItsRows()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cut.pcap"));
        const QString source = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("loopback-http.pcap"));
        const std::vector<size_t> ends = synflow::test::writeRepeatedCapture(source, path, 3000);
        QCOMPARE(ends.size(), size_t(3000));

        MainWindow w;
        w.resize(1400, 900);
        w.show();
        w.showFlowGraph();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(path));
        QVERIFY(done.wait(20000));
        QCOMPARE(packetModel(w)->rowCount(), 3000);
        QVERIFY(lastError(w).isEmpty());

        const size_t cut = ends.back() / 2 + 7;
        const size_t before = synflow::test::recordsBefore(ends, cut);
        QVERIFY(synflow::test::cutFile(path, cut));
        for (size_t n = 1; n <= 3000; n += 7) { // before the fix: killed by SIGBUS past the cut
            w.goToPacket(n);
            QCoreApplication::processEvents(); // the list, bytes and flow graph paint
        }
        w.goToPacket(3000);
        QCoreApplication::processEvents();

        QTRY_VERIFY(lastError(w).contains(QStringLiteral("damaged at byte %1").arg(cut)));
        QVERIFY(lastError(w).contains(QStringLiteral("shrank")));
        QVERIFY(lastError(w).contains(QString::number(before)));
        QCOMPARE(packetModel(w)->rowCount(), 3000);              // the rows stay
        QCOMPARE(detailTree(w)->topLevelItemCount(), 0);          // the last packet's bytes are gone
        w.goToPacket(1);
        QTRY_VERIFY(detailTree(w)->topLevelItemCount() >= 4);     // the first one is as it was
        QVERIFY(bytesView(w)->isVisible());
    }

    // Cut once the file is open and mapped but before the first pass reads it: the pass meets
    // the missing pages, keeps the packets before the cut, and the window says where it stopped.
    void cutWhileLoadingKeepsThePacketsBefore()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cut.pcap"));
        const QString source = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("loopback-http.pcap"));
        const std::vector<size_t> ends = synflow::test::writeRepeatedCapture(source, path, 20000);
        QCOMPARE(ends.size(), size_t(20000));
        const size_t cut = ends.back() / 3 + 5;
        const size_t before = synflow::test::recordsBefore(ends, cut);

        MainWindow w;
        w.show();
        w.showFlowGraph();
        bool wasCut = false;
        connect(loader(w), &CaptureLoader::opened, this, [&] { wasCut = synflow::test::cutFile(path, cut); });
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(path));
        QVERIFY(wasCut);
        QVERIFY(done.wait(20000));
        QCOMPARE(packetModel(w)->rowCount(), int(before)); // before the fix: killed by SIGBUS
        QTRY_VERIFY(lastError(w).contains(QStringLiteral("damaged at byte %1").arg(cut)));
        w.goToPacket(before);
        QTRY_VERIFY(detailTree(w)->topLevelItemCount() >= 4); // the last whole packet is shown
        w.goToPacket(1);
        QTRY_VERIFY(detailTree(w)->topLevelItemCount() >= 4);
    }

    // A cut inside the last page faults nowhere (its bytes read as zeros): showing a packet asks.
    void aCutInTheLastPageIsFoundWhenAPacketIsShown()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cut.pcap"));
        const QString source = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("loopback-http.pcap"));
        const std::vector<size_t> ends = synflow::test::writeRepeatedCapture(source, path, 200);
        QCOMPARE(ends.size(), size_t(200));
        MainWindow w;
        w.show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(path));
        QVERIFY(done.wait(20000));
        const size_t cut = ends.back() - 10;
        QVERIFY(synflow::test::cutFile(path, cut));
        w.goToPacket(200);
        QTRY_VERIFY(lastError(w).contains(QStringLiteral("damaged at byte %1").arg(cut)));
        QCOMPARE(detailTree(w)->topLevelItemCount(), 0);
        QCOMPARE(packetModel(w)->rowCount(), 200);
    }
};

QTEST_MAIN(TestWindowShrink)
#include "tst_windowshrink.moc"
