// Edit → Find Packet, Mark and Time Reference driven from the keyboard on the real window, as a
// Wireshark user does: Ctrl+F opens the find bar, Enter finds, Ctrl+N / Ctrl+B go on and wrap
// with a message; Ctrl+M marks, Ctrl+Shift+N / Ctrl+Shift+B walk the marks; Ctrl+T sets a
// time reference. Frames as tshark finds them on our loopback HTTP capture (`frame contains
// 48:54:54:50` shows 4 and 6; `tcp.flags.fin == 1` shows 8 and 10).
#include "models/packetlistmodel.h"
#include "packets/detailtreeview.h"
#include "packets/hexview.h"
#include "support/language.h"
#include "windowdriver.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QSettings>
#include <QStatusBar>

using namespace windowparts;

namespace {

QString dataFile(const char* name) { return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name)); }

void keys(MainWindow& w, int key, Qt::KeyboardModifiers mods)
{
    QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : &w;
    QTest::keyClick(target, Qt::Key(key), mods);
}

// What the user types in the find bar, then Enter.
void findFirst(MainWindow& w, const QString& kind, const QString& text, const QString& where = QStringLiteral("Packet list"),
               bool caseSensitive = false)
{
    FindBar* bar = findBar(w);
    bar->findChild<QComboBox*>(QStringLiteral("findKind"))->setCurrentText(kind);
    bar->findChild<QComboBox*>(QStringLiteral("findWhere"))->setCurrentText(where);
    bar->findChild<QCheckBox*>(QStringLiteral("findCaseSensitive"))->setChecked(caseSensitive);
    auto* edit = bar->findChild<QLineEdit*>(QStringLiteral("findText"));
    edit->clear();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

QString timeAt(MainWindow& w, int row)
{
    PacketListModel* m = packetModel(w);
    return m->data(m->index(row, PacketListModel::Time), Qt::DisplayRole).toString();
}

} // namespace

class TestFindMark : public QObject {
    Q_OBJECT

    void openActive(MainWindow& w)
    {
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(driver::open(w, dataFile("loopback-http.pcap")));
        w.goToPacket(1);
        packetList(w)->setFocus();
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_findmark"));
        QSettings().clear();
    }

    void findByDisplayFilterWrapping()
    {
        MainWindow w;
        openActive(w);
        QVERIFY(!findBar(w)->isVisible());
        keys(w, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(findBar(w)->isVisible());
        QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("findText"));
        findFirst(w, QStringLiteral("Display filter"), QStringLiteral("tcp.flags.fin == 1"));
        QCOMPARE(driver::selectedFrame(w), size_t(7));
        QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("Found packet 8."));
        keys(w, Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(driver::selectedFrame(w), size_t(9));
        keys(w, Qt::Key_N, Qt::ControlModifier); // past the last: from the beginning, and said so
        QCOMPARE(driver::selectedFrame(w), size_t(7));
        QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("Search reached the end of the capture; continuing at the beginning."));
        keys(w, Qt::Key_B, Qt::ControlModifier);
        QCOMPARE(driver::selectedFrame(w), size_t(9));
        QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("Search reached the beginning of the capture; continuing at the end."));
        // The detail tree and bytes follow the found packet.
        QVERIFY(detailTree(w)->topLevelItem(0)->text(0).startsWith(QStringLiteral("Frame 10: ")));
        findFirst(w, QStringLiteral("Display filter"), QStringLiteral("tcp.flags.fin =="));
        QVERIFY(w.statusBar()->currentMessage().startsWith(QStringLiteral("Cannot find: ")));
        QCOMPARE(driver::selectedFrame(w), size_t(9)); // nothing moved
        QTest::keyClick(findBar(w)->findChild<QLineEdit*>(QStringLiteral("findText")), Qt::Key_Escape);
        QVERIFY(!findBar(w)->isVisible());
    }

    void findHexAndStrings()
    {
        MainWindow w;
        openActive(w);
        keys(w, Qt::Key_F, Qt::ControlModifier);
        findFirst(w, QStringLiteral("Hex value"), QStringLiteral("48 54 54 50"));
        QCOMPARE(driver::selectedFrame(w), size_t(3));
        QCOMPARE(bytesView(w)->highlightOffset(), 72u); // "HTTP" in the bytes pane
        QCOMPARE(bytesView(w)->highlightLength(), 4u);
        keys(w, Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(driver::selectedFrame(w), size_t(5));

        w.goToPacket(1);
        findFirst(w, QStringLiteral("String"), QStringLiteral("Dst Port: 37960"), QStringLiteral("Packet details"));
        QCOMPARE(driver::selectedFrame(w), size_t(1));
        QVERIFY(detailTree(w)->currentItem()->text(0).contains(QStringLiteral("Dst Port: 37960")));

        w.goToPacket(1);
        findFirst(w, QStringLiteral("String"), QStringLiteral("http"), QStringLiteral("Packet list")); // the Protocol column
        QCOMPARE(driver::selectedFrame(w), size_t(3));
        findFirst(w, QStringLiteral("String"), QStringLiteral("http"), QStringLiteral("Packet list"), true);
        QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("No packet contained that string."));
        QCOMPARE(driver::selectedFrame(w), size_t(3));
        findFirst(w, QStringLiteral("Hex value"), QStringLiteral("de ad be ef"));
        QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("No packet contained those bytes."));

        // Only displayed packets are searched.
        QSignalSpy applied(&w, &MainWindow::filterApplied);
        displayFilter(w)->setText(QStringLiteral("!(frame.number == 4)"));
        QTest::keyClick(displayFilter(w), Qt::Key_Return);
        QVERIFY(applied.wait(10000));
        w.goToPacket(1);
        findFirst(w, QStringLiteral("Hex value"), QStringLiteral("48:54:54:50"));
        QCOMPARE(driver::selectedFrame(w), size_t(5));
    }

    void marksAndTimeReferences()
    {
        MainWindow w;
        openActive(w);
        w.goToPacket(3);
        keys(w, Qt::Key_M, Qt::ControlModifier);
        w.goToPacket(7);
        keys(w, Qt::Key_M, Qt::ControlModifier);
        QVERIFY(packetModel(w)->isMarked(2) && packetModel(w)->isMarked(6));
        w.goToPacket(1);
        QCOMPARE(driver::paintedRowColour(w, 2), QColor(0x00, 0x00, 0x5f));
        keys(w, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(driver::selectedFrame(w), size_t(2));
        keys(w, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(driver::selectedFrame(w), size_t(6));
        keys(w, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(driver::selectedFrame(w), size_t(2));
        keys(w, Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(driver::selectedFrame(w), size_t(6));
        keys(w, Qt::Key_M, Qt::ControlModifier | Qt::AltModifier); // unmark all displayed
        QVERIFY(packetModel(w)->marked().empty());

        // Ctrl+T: *REF* and the later times counted from it, in both relative formats.
        const double t4 = timeAt(w, 4).toDouble(), t8 = timeAt(w, 8).toDouble();
        w.goToPacket(5);
        keys(w, Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(timeAt(w, 4), QStringLiteral("*REF*"));
        QCOMPARE(timeAt(w, 8).toDouble(), t8 - t4);
        packetModel(w)->setTimeFormat(PacketListModel::TimeFormat::SincePrevious);
        QCOMPARE(timeAt(w, 4), QStringLiteral("*REF*"));
        packetModel(w)->setTimeFormat(PacketListModel::TimeFormat::SinceStart);
        keys(w, Qt::Key_T, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(timeAt(w, 8).toDouble(), t8);

        // Go → Back and Forward walk the packets selected before.
        w.goToPacket(2);
        w.goToPacket(9);
        keys(w, Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(driver::selectedFrame(w), size_t(1));
        keys(w, Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(driver::selectedFrame(w), size_t(8));
    }

    // A language switch leaves the selection, the marks and the find bar as they were.
    void languageSwitch()
    {
        MainWindow w;
        openActive(w);
        w.goToPacket(6);
        keys(w, Qt::Key_M, Qt::ControlModifier);
        keys(w, Qt::Key_F, Qt::ControlModifier);
        applyLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(driver::selectedFrame(w), size_t(5));
        QVERIFY(packetModel(w)->isMarked(5));
        QVERIFY(findBar(w)->isVisible());
        applyLanguage(QStringLiteral("en"));
        QCOMPARE(findBar(w)->findChild<QComboBox*>(QStringLiteral("findKind"))->currentText(), QStringLiteral("Display filter"));
        QCOMPARE(driver::selectedFrame(w), size_t(5));
        QSettings().remove(QStringLiteral("language"));
    }
};

QTEST_MAIN(TestFindMark)
#include "tst_findmark.moc"
