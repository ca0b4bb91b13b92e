// The main toolbar and View → Zoom on the real window: the buttons in Wireshark's order, each
// with an icon that draws, a tooltip and an accessible name; Ctrl++, Ctrl+- and Ctrl+0 size the
// packet list, detail tree and bytes together, are kept for the next window, and leave the
// selection where it was; File → Close and View → Reload.
#include "models/packetlistmodel.h"
#include "packets/detailtreeview.h"
#include "packets/hexview.h"
#include "support/language.h"
#include "windowdriver.h"

#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QToolButton>

using namespace windowparts;

namespace {
QString dataFile(const char* name) { return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name)); }
} // namespace

class TestToolbarZoom : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_toolbarzoom"));
        QSettings().clear();
    }
    void cleanupTestCase() { QSettings().clear(); }

    void toolbarInWiresharksOrder()
    {
        MainWindow w;
        w.show();
        QVERIFY(driver::open(w, dataFile("loopback-http.pcap")));
        QToolBar* bar = mainToolBar(w);
        QVERIFY(bar && bar->isVisible());
        QStringList order;
        for (QAction* a : bar->actions())
            order << (a->isSeparator() ? QStringLiteral("|") : a->objectName());
        QCOMPARE(order, (QStringList{QStringLiteral("startCapture"), QStringLiteral("stopCapture"), QStringLiteral("restartCapture"),
                                     QStringLiteral("captureOptions"), QStringLiteral("|"), QStringLiteral("open"), QStringLiteral("saveAs"),
                                     QStringLiteral("close"), QStringLiteral("reload"), QStringLiteral("|"), QStringLiteral("findPacket"),
                                     QStringLiteral("back"), QStringLiteral("forward"), QStringLiteral("goToPacket"), QStringLiteral("firstPacket"),
                                     QStringLiteral("lastPacket"), QStringLiteral("autoScroll"), QStringLiteral("|"), QStringLiteral("colorize"),
                                     QStringLiteral("zoomIn"), QStringLiteral("zoomOut"), QStringLiteral("zoomNormal"), QStringLiteral("resizeColumns")}));
        for (QAction* a : bar->actions()) {
            if (a->isSeparator())
                continue;
            const QImage icon = a->icon().pixmap(24, 24).toImage();
            QVERIFY2(!icon.isNull(), qPrintable(a->objectName()));
            bool drawn = false; // some pixel is not transparent: the SVG rendered
            for (int y = 0; y < icon.height() && !drawn; ++y)
                for (int x = 0; x < icon.width() && !drawn; ++x)
                    drawn = qAlpha(icon.pixel(x, y)) > 0;
            QVERIFY2(drawn, qPrintable(a->objectName()));
            QVERIFY2(!a->toolTip().isEmpty() && a->toolTip() != a->text(), qPrintable(a->objectName()));
            auto* button = qobject_cast<QToolButton*>(bar->widgetForAction(a));
            QVERIFY(button);
            QVERIFY2(!button->accessibleName().isEmpty() && !button->accessibleName().contains(QLatin1Char('&')), qPrintable(a->objectName()));
        }
        QCOMPARE(bar->widgetForAction(action(w, "findPacket"))->accessibleName(), QStringLiteral("Find Packet"));
        // A file is open and nothing is capturing: the file buttons work, the capture ones wait.
        QVERIFY(action(w, "close")->isEnabled() && action(w, "reload")->isEnabled() && !action(w, "stopCapture")->isEnabled());
        // The buttons do what their menu entries do.
        QTest::mouseClick(bar->widgetForAction(action(w, "lastPacket")), Qt::LeftButton);
        QCOMPARE(driver::selectedFrame(w), size_t(11));
        QTest::mouseClick(bar->widgetForAction(action(w, "back")), Qt::LeftButton);
        QCOMPARE(driver::selectedFrame(w), size_t(0));
        QTest::mouseClick(bar->widgetForAction(action(w, "findPacket")), Qt::LeftButton);
        QVERIFY(findBar(w)->isVisible());
    }

    void zoomAllThreeViews()
    {
        const qreal list = [] { MainWindow w; return packetList(w)->font().pointSizeF(); }();
        {
            MainWindow w;
            w.show();
            w.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&w));
            QVERIFY(driver::open(w, dataFile("loopback-http.pcap")));
            w.goToPacket(4);
            const qreal tree = detailTree(w)->font().pointSizeF(), bytes = bytesView(w)->font().pointSizeF();
            const int rowHeight = packetList(w)->rowHeight(0);
            packetList(w)->setFocus();
            QTest::keyClick(packetList(w), Qt::Key_Plus, Qt::ControlModifier);
            QTest::keyClick(packetList(w), Qt::Key_Equal, Qt::ControlModifier); // Ctrl+= as well, no Shift needed
            QCOMPARE(packetList(w)->font().pointSizeF(), list + 2);
            QCOMPARE(detailTree(w)->font().pointSizeF(), tree + 2);
            QCOMPARE(bytesView(w)->font().pointSizeF(), bytes + 2);
            QVERIFY(packetList(w)->rowHeight(0) > rowHeight); // rows grow with the text
            QCOMPARE(driver::selectedFrame(w), size_t(3));
            QTest::keyClick(packetList(w), Qt::Key_Minus, Qt::ControlModifier);
            QCOMPARE(packetList(w)->font().pointSizeF(), list + 1);
            applyLanguage(QStringLiteral("zh_CN")); // the zoom and the selection survive a language switch
            QCOMPARE(packetList(w)->font().pointSizeF(), list + 1);
            QCOMPARE(driver::selectedFrame(w), size_t(3));
            applyLanguage(QStringLiteral("en"));
            QSettings().remove(QStringLiteral("language"));
        }
        {
            MainWindow w; // kept for the next window
            QCOMPARE(packetList(w)->font().pointSizeF(), list + 1);
            action(w, "zoomNormal")->trigger();
            QCOMPARE(packetList(w)->font().pointSizeF(), list);
        }
    }

    void closeAndReload()
    {
        MainWindow w;
        w.show();
        QVERIFY(driver::open(w, dataFile("loopback-http.pcap")));
        w.goToPacket(7);
        QSignalSpy done(&w, &MainWindow::loadFinished);
        action(w, "reload")->trigger();
        QVERIFY(done.wait(10000));
        QCOMPARE(packetModel(w)->rowCount(), 12);
        QCOMPARE(driver::selectedFrame(w), size_t(6)); // Wireshark's reload stays on the packet
        action(w, "close")->trigger();
        QVERIFY(!isShowingCapture(w));
        QCOMPARE(packetModel(w)->rowCount(), 0);
        QVERIFY(!action(w, "close")->isEnabled() && !action(w, "reload")->isEnabled() && !action(w, "findPacket")->isEnabled());
    }
};

QTEST_MAIN(TestToolbarZoom)
#include "tst_toolbarzoom.moc"
