// View → Follow the File on a capture a test writer is still appending to (as tcpdump -w does):
// with the toggle on, packets appear as they are written, a record cut in half waits for its
// end without any "damaged" message, and turning the toggle off keeps what was read. Reload
// (the toggle off) also picks up what was written since.
#include "common/craftedcapture.h"
#include "window/mainwindow.h"
#include "windowdriver.h"
#include "window/windowparts.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace windowparts;
using namespace synflow::test;

class TestFollowFile : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_followfile"));
    }

    void followWhileAWriterAppends()
    {
        const QByteArray all = httpCapture("GET / HTTP/1.1\r\nHost: example\r\n\r\n", 10); // 3 + 1 + 10 packets
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("growing.pcap"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        // The header and the first records, as a writer has flushed them so far.
        qsizetype written = 24 + 3 * (16 + 54);
        out.write(all.left(written));
        out.flush();

        MainWindow w;
        w.show();
        QVERIFY(driver::open(w, path));
        const int first = packetModel(w)->rowCount();
        QCOMPARE(first, 3);
        QAction* follow = action(w, "followFile");
        QVERIFY(follow->isEnabled());
        QVERIFY(follow->isCheckable());
        follow->trigger();
        QVERIFY(follow->isChecked());
        QVERIFY(!action(w, "reload")->isEnabled()); // following already reads what is written
        QTRY_COMPARE(packetModel(w)->rowCount(), 3);

        // The writer goes on: a whole record, then half of the next.
        while (written < all.size()) {
            const qsizetype n = std::min<qsizetype>(61, all.size() - written);
            out.write(all.mid(written, n));
            out.flush();
            written += n;
            QTest::qWait(2 * 250);
            QVERIFY2(lastError(w).isEmpty(), qPrintable(lastError(w))); // a half record is no damage
        }
        QTRY_COMPARE(packetModel(w)->rowCount(), 14);
        QVERIFY(windowTitle(w).contains(QStringLiteral("following")));

        // Off: the packets stay, and reload is offered again.
        follow->trigger();
        QVERIFY(!follow->isChecked());
        QCOMPARE(packetModel(w)->rowCount(), 14);
        QVERIFY(action(w, "reload")->isEnabled());
        w.goToPacket(4);
        QTRY_VERIFY(detailTree(w)->topLevelItemCount() >= 4);
    }

    void reloadPicksUpNewPackets()
    {
        const QByteArray all = httpCapture("GET / HTTP/1.1\r\nHost: example\r\n\r\n", 2);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("later.pcap"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        const qsizetype firstPart = 24 + 3 * (16 + 54);
        out.write(all.left(firstPart));
        out.flush();
        MainWindow w;
        w.show();
        QVERIFY(driver::open(w, path));
        QCOMPARE(packetModel(w)->rowCount(), 3);
        out.write(all.mid(firstPart));
        out.flush();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.reloadCapture());
        QVERIFY(done.wait(20000));
        QCOMPARE(packetModel(w)->rowCount(), 6);
        QVERIFY(lastError(w).isEmpty());
    }

private:
    static QString windowTitle(const MainWindow& w) { return w.windowTitle(); }
};

QTEST_MAIN(TestFollowFile)
#include "tst_followfile.moc"
