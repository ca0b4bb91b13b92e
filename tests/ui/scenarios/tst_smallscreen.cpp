// The window on a 1024×768 screen (a classroom projector), the offscreen platform given that one
// screen (screen-1024x768.json): the whole window is in sight, and opening the flow graph dock
// leaves the packet list its Info column (it once squeezed the list until Info disappeared).
#include "../window/windowdriver.h"

#include <QDir>
#include <QScreen>
#include <QSettings>

using namespace windowparts;

namespace {

QString dataFile(const char* name) { return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name)); }

// How much of the Info column the user sees, in pixels.
int visibleInfoWidth(MainWindow& w)
{
    QTableView* list = packetList(w);
    QHeaderView* header = list->horizontalHeader();
    const int left = header->sectionViewportPosition(PacketListModel::Info);
    const int right = std::min(left + header->sectionSize(PacketListModel::Info), list->viewport()->width());
    return std::max(0, right - std::max(0, left));
}

} // namespace

class TestSmallScreen : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_smallscreen"));
        QSettings().clear();
        QCOMPARE(QGuiApplication::primaryScreen()->geometry().size(), QSize(1024, 768));
    }
    void cleanupTestCase() { QSettings().clear(); }

    void windowFitsTheScreen()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QRect screen = w.screen()->availableGeometry();
        QVERIFY2(screen.contains(w.frameGeometry()), qPrintable(QStringLiteral("%1x%2 at %3,%4")
                                                                  .arg(w.frameGeometry().width())
                                                                  .arg(w.frameGeometry().height())
                                                                  .arg(w.frameGeometry().x())
                                                                  .arg(w.frameGeometry().y())));
        QVERIFY(w.minimumSizeHint().width() <= screen.width() && w.minimumSizeHint().height() <= screen.height());
    }

    // Maximised as on a projector, and at the size it opens with: the flow dock shown, Info
    // keeps at least 200 pixels (about 30 characters) and the flow graph its own width.
    void flowDockLeavesTheInfoColumn()
    {
        for (const bool maximised : {false, true}) {
            MainWindow w;
            if (maximised)
                w.showMaximized();
            else
                w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QVERIFY(driver::open(w, dataFile("lo-lossy.pcapng")));
            QCoreApplication::processEvents();
            const int before = visibleInfoWidth(w);
            flowDock(w)->show();
            QTest::qWait(50);
            QCoreApplication::processEvents();
            const int info = visibleInfoWidth(w);
            QVERIFY2(info >= 200, qPrintable(QStringLiteral("Info %1 px visible (%2 before the dock), window %3 px wide")
                                                 .arg(info)
                                                 .arg(before)
                                                 .arg(w.width())));
            QVERIFY(flowPanel(w)->width() >= flowPanel(w)->minimumWidth());
            QVERIFY(flowPanel(w)->isVisible());
        }
    }
};

QTEST_MAIN(TestSmallScreen)
#include "tst_smallscreen.moc"
