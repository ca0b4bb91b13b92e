// Teaching mode driven by keys: reveal, back, restart, play; the explanation of each step of
// a handshake and a teardown, in English and in Simplified Chinese.
#include "support/language.h"
#include "window/mainwindow.h"
#include "window/windowparts.h"
#include "teaching/projectorwindow.h"
#include "tcp/tcpanalysis.h"

#include <QActionGroup>
#include <QDir>
#include <QSignalSpy>
#include <QSettings>
#include <QtTest>

using namespace windowparts;

namespace {

// Opens `path` in `w`, selects its first packet and opens teaching mode on its conversation.
ProjectorWindow* teach(MainWindow& w, const QString& path)
{
    QSignalSpy done(&w, &MainWindow::loadFinished);
    if (!w.openCapture(path) || !done.wait(10000))
        return nullptr;
    w.goToPacket(1);
    return w.openProjector();
}

} // namespace

class TestProjector : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_projector"));
        QSettings().clear(); // the colouring choice is kept between runs: start from the defaults
    }

    void stepsThroughHandshakeAndTeardown()
    {
        applyLanguage(QStringLiteral("en"));
        MainWindow w;
        auto* p = teach(w, MainWindow::demoCapturePath());
        QVERIFY(p);
        p->show();
        QCOMPARE(p->step(), 0);
        QTest::keyClick(p, Qt::Key_Space);
        QCOMPARE(p->step(), 1);
        QVERIFY2(explanationOf(*p).startsWith("handshake 1/3 SYN: "), qPrintable(explanationOf(*p)));
        QTest::keyClick(p, Qt::Key_Right);
        // The sum with its result, as `synflow-cli flow --explain` tells it; the server's own ISN.
        QVERIFY2(explanationOf(*p).contains("Ack = 0 + 1 = 1: a SYN consumes one sequence number."), qPrintable(explanationOf(*p)));
        QVERIFY2(explanationOf(*p).contains("own initial sequence number"), qPrintable(explanationOf(*p)));
        QTest::keyClick(p, Qt::Key_Space);
        QVERIFY(explanationOf(*p).startsWith("handshake 3/3 ACK"));
        QVERIFY(explanationOf(*p).contains("ESTABLISHED"));
        QTest::keyClick(p, Qt::Key_Backspace);
        QCOMPARE(p->step(), 2);
        for (int i = 0; i < 7; ++i)
            QTest::keyClick(p, Qt::Key_Space);
        QCOMPARE(p->step(), 9);
        QVERIFY2(explanationOf(*p).startsWith("teardown 2/4 ACK") && explanationOf(*p).contains("Ack = 41 + 1 = 42: a FIN consumes one sequence number."),
                 qPrintable(explanationOf(*p)));
        QTest::keyClick(p, Qt::Key_Space);
        QTest::keyClick(p, Qt::Key_Space);
        QVERIFY(explanationOf(*p).startsWith("teardown 4/4 ACK") && explanationOf(*p).contains("CLOSED"));
        QTest::keyClick(p, Qt::Key_Space); // past the end stays at the end
        QCOMPARE(p->step(), 11);
        QTest::keyClick(p, Qt::Key_Home);
        QCOMPARE(p->step(), 0);
        QTest::keyClick(p, Qt::Key_P);
        QVERIFY(p->playing());
        QTRY_VERIFY_WITH_TIMEOUT(p->step() >= 1, 5000);
        QTest::keyClick(p, Qt::Key_P);
        QVERIFY(!p->playing());
        p->close();
    }

    // A refused connection (our own loopback capture): no handshake, nothing listening, "refused".
    void refusedConnection()
    {
        applyLanguage(QStringLiteral("en"));
        MainWindow w;
        auto* p = teach(w, QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("lo-refused.pcapng")));
        QVERIFY(p);
        p->next();
        const QString syn = explanationOf(*p);
        QVERIFY2(syn.startsWith("SYN to a closed port: ") && syn.contains("Nothing listens on that port") && !syn.contains("LISTEN")
                     && !syn.contains("handshake 1/3"),
                 qPrintable(syn));
        p->next();
        QVERIFY2(explanationOf(*p).startsWith("reset (connection refused): ") && explanationOf(*p).contains("refuses the connection"),
                 qPrintable(explanationOf(*p)));
        p->close();
    }

    void explainsInChinese()
    {
        applyLanguage(QStringLiteral("zh_CN"));
        MainWindow w;
        auto* p = teach(w, MainWindow::demoCapturePath());
        QVERIFY(p);
        for (int i = 0; i < 9; ++i)
            p->next();
        QVERIFY2(explanationOf(*p).startsWith(QStringLiteral("四次挥手 2/4 ACK")), qPrintable(explanationOf(*p)));
        QVERIFY2(explanationOf(*p).contains(QStringLiteral("Ack = 41 + 1 = 42：FIN 占用一个序列号。")), qPrintable(explanationOf(*p)));
        p->restart();
        p->next();
        QVERIFY(explanationOf(*p).startsWith(QStringLiteral("三次握手 1/3 SYN")));
        p->close();
        // What Wireshark's analysis says of a step is told too (our own zero-window capture).
        MainWindow z;
        auto* zp = teach(z, QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("lo-zwp.pcapng")));
        QVERIFY(zp);
        bool probe = false;
        for (int i = 0; i < 34 && !probe; ++i) {
            zp->next();
            probe = explanationOf(*zp).contains(QStringLiteral("零窗口探测：接收方窗口为零"));
        }
        QVERIFY(probe);
        zp->close();
        // Every role the tracker can name has its Chinese name.
        int roles = 0;
        for (int r = 1; *synflow::tcpRoleName(synflow::TcpRole(r)); ++r, ++roles) {
            const char* en = synflow::tcpRoleName(synflow::TcpRole(r));
            QVERIFY2(QCoreApplication::translate("TcpRole", en) != QString::fromLatin1(en), en);
        }
        QVERIFY(roles >= 20);
        for (const synflow::AnalysisNote& n : synflow::kAnalysisNotes) // and every analysis note
            QVERIFY2(QCoreApplication::translate("Teaching", n.text) != QString::fromLatin1(n.text), n.text);
        applyLanguage(QStringLiteral("en"));
    }

    // Switching language with the projector open tells the step shown again in the new words;
    // the window's menus come back with the checks they had, and no action group is left over.
    void switchingLanguageKeepsStateAndRetells()
    {
        applyLanguage(QStringLiteral("en"));
        MainWindow w;
        auto* p = teach(w, MainWindow::demoCapturePath());
        QVERIFY(p);
        p->next();
        QVERIFY2(explanationOf(*p).startsWith(QStringLiteral("handshake 1/3 SYN")), qPrintable(explanationOf(*p)));
        auto action = [&](const QString& text) -> QAction* {
            for (QAction* a : w.findChildren<QAction*>())
                if (a->text() == text)
                    return a;
            return nullptr;
        };
        QAction* colorize = action(QStringLiteral("&Colorize Packet List"));
        QAction* autoScroll = action(QStringLiteral("&Auto Scroll in Live Capture"));
        QVERIFY(colorize && autoScroll);
        colorize->trigger();
        autoScroll->trigger();
        QVERIFY(!colorize->isChecked() && !autoScroll->isChecked());
        const qsizetype groups = w.findChildren<QActionGroup*>().size();

        applyLanguage(QStringLiteral("zh_CN"));
        QTRY_VERIFY2(explanationOf(*p).startsWith(QStringLiteral("三次握手 1/3 SYN")), qPrintable(explanationOf(*p)));
        QCOMPARE(p->step(), 1);
        QVERIFY(p->windowTitle() != QStringLiteral("SynFlow — teaching mode"));
        applyLanguage(QStringLiteral("en"));
        QTRY_VERIFY2(explanationOf(*p).startsWith(QStringLiteral("handshake 1/3 SYN")), qPrintable(explanationOf(*p)));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // the old menus

        colorize = action(QStringLiteral("&Colorize Packet List"));
        autoScroll = action(QStringLiteral("&Auto Scroll in Live Capture"));
        QVERIFY(colorize && autoScroll);
        QVERIFY(!colorize->isChecked());
        QVERIFY(!autoScroll->isChecked());
        QCOMPARE(w.findChildren<QActionGroup*>().size(), groups);
        p->close();
    }
};

QTEST_MAIN(TestProjector)
#include "tst_projector.moc"
