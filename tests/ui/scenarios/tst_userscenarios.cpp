// End-to-end paths of a Wireshark user through the real window, on the shared real captures,
// with assertions on what the user sees and tshark as the judge of which frames a filter or a
// search should land on: open → filter → click rows (sorted and not) → details, bytes, flow
// graph and status bar follow; Go to Packet with a filter on; Apply as Filter from the details;
// Find by string, hex and filter; the language round trip; the theme and its menu; every menu
// action once without a warning.
#include "livecapture/capturedialog.h"
#include "packets/findjob.h"
#include "scenariodriver.h"
#include "support/language.h"
#include "support/theme.h"
#include "window/preferencesdialog.h"

#include "live/livecapture.h"
#include "common/loopbacktalk.h"

#include <cmath>
#include <functional>
#include <thread>
#include <unistd.h>

#include <QActionGroup>
#include <QInputDialog>
#include <QProgressBar>
#include <QPushButton>
#include <QCheckBox>
#include <QMenuBar>
#include <QPointer>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QStatusBar>

using namespace windowparts;

namespace {

constexpr const char* kLossy = "local-lossy.pcapng";
constexpr const char* kHttp = "ppa-http_ip4and6.pcapng";

QString statusText(MainWindow& w) { return w.findChild<QLabel*>(QStringLiteral("statusText"))->text(); }

bool applyFilter(MainWindow& w, const QString& text)
{
    QSignalSpy applied(&w, &MainWindow::filterApplied);
    displayFilter(w)->clear();
    QTest::keyClicks(displayFilter(w), text);
    QTest::keyClick(displayFilter(w), Qt::Key_Return);
    return applied.wait(10000);
}

// What the user does in the find bar: kind and place, the text, Enter.
void findFirst(MainWindow& w, const QString& kind, const QString& text, const QString& where)
{
    FindBar* bar = findBar(w);
    if (!bar->isVisible())
        action(w, "findPacket")->trigger();
    bar->findChild<QComboBox*>(QStringLiteral("findKind"))->setCurrentText(kind);
    bar->findChild<QComboBox*>(QStringLiteral("findWhere"))->setCurrentText(where);
    bar->findChild<QCheckBox*>(QStringLiteral("findCaseSensitive"))->setChecked(true);
    auto* edit = bar->findChild<QLineEdit*>(QStringLiteral("findText"));
    edit->clear();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

// Go → Go to Packet…, the number typed in its dialog and OK.
void goToByDialog(MainWindow& w, int number)
{
    QTimer::singleShot(0, &w, [number] {
        auto* d = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
        QVERIFY(d);
        d->setIntValue(number);
        d->accept();
    });
    action(w, "goToPacket")->trigger();
}

// The first frame of tshark's list after `after` (1-based), wrapping as Find Next does.
int nextOf(const QString& frames, int after)
{
    const QStringList list = frames.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& f : list)
        if (f.toInt() > after)
            return f.toInt();
    return list.isEmpty() ? -1 : list.first().toInt();
}

// The first detail line whose text is `text`, its branch opened and in sight.
QTreeWidgetItem* shownLine(MainWindow& w, const QString& text)
{
    DetailTreeView* tree = detailTree(w);
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->text(0) == text) {
            for (QTreeWidgetItem* p = (*it)->parent(); p; p = p->parent())
                p->setExpanded(true);
            tree->scrollToItem(*it);
            return *it;
        }
    return nullptr;
}

// tshark's value of `field` on the first frame `filter` shows, with that frame: "frame,value".
QStringList tsharkFirst(const QString& capture, const QString& filter, const QString& field)
{
    QProcess p;
    p.start(QStringLiteral("tshark"), {QStringLiteral("-2"), QStringLiteral("-n"), QStringLiteral("-r"), capture, QStringLiteral("-o"),
                                       QStringLiteral("tcp.desegment_tcp_streams:FALSE"), QStringLiteral("-Y"), filter, QStringLiteral("-T"),
                                       QStringLiteral("fields"), QStringLiteral("-E"), QStringLiteral("separator=,"), QStringLiteral("-e"),
                                       QStringLiteral("frame.number"), QStringLiteral("-e"), field, QStringLiteral("-c"), QStringLiteral("400")});
    p.waitForFinished(60000);
    return QString::fromLatin1(p.readAllStandardOutput()).section(QLatin1Char('\n'), 0, 0).split(QLatin1Char(','));
}

// WCAG contrast ratio of two colours.
double contrast(const QColor& a, const QColor& b)
{
    auto lum = [](const QColor& c) {
        auto ch = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
    };
    const double x = lum(a), y = lum(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

} // namespace

class TestUserScenarios : public QObject {
    Q_OBJECT
    QTemporaryDir cache_;

    bool openShared(MainWindow& w, const char* name)
    {
        w.show();
        w.activateWindow();
        return QTest::qWaitForWindowActive(&w) && driver::open(w, scenario::sharedCapture(name));
    }

    // The detail tree, bytes and flow graph show the packet of the selected row; the status
    // bar still counts what is displayed.
    void checkViewsFollow(MainWindow& w, int row, const QString& counts)
    {
        PacketListModel* model = packetModel(w);
        QCOMPARE(packetList(w)->currentIndex().row(), row);
        const size_t frame = model->frameAt(row);
        QVERIFY2(scenario::detailTop(w).startsWith(QStringLiteral("Frame %1:").arg(frame + 1)), qPrintable(scenario::detailTop(w)));
        const int length = model->data(model->index(row, PacketListModel::Length), Qt::DisplayRole).toInt();
        QCOMPARE(bytesView(w)->bytes().size(), qsizetype(length)); // full frames in this capture
        const int arrow = flowView(w)->currentArrow();
        QVERIFY(arrow >= 0);
        QCOMPARE(size_t(flowView(w)->graph().arrows()[size_t(arrow)].frame), frame);
        QCOMPARE(statusText(w), counts);
    }

private slots:
    void initTestCase()
    {
        qputenv("XDG_CACHE_HOME", cache_.path().toUtf8()); // live captures' temporary files
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_userscenarios"));
        QSettings().clear();
        applyLanguage(QStringLiteral("en"));
        applyTheme(false);
    }
    void init()
    {
        if (!QFileInfo::exists(scenario::sharedCapture(kLossy)))
            QSKIP(qPrintable(QStringLiteral("shared capture missing: ") + scenario::sharedCapture(kLossy)));
        if (!QFileInfo::exists(scenario::sharedCapture(kHttp)))
            QSKIP(qPrintable(QStringLiteral("shared capture missing: ") + scenario::sharedCapture(kHttp)));
    }
    void cleanupTestCase() { QSettings().clear(); }

    // Open → filter → click rows, then sort by Length and click again; a detail line's field
    // shows in the status bar.
    void filterThenClickRowsSortedAndNot()
    {
        if (!scenario::haveTshark())
            QSKIP("tshark is not installed");
        MainWindow w;
        QVERIFY(openShared(w, kLossy));
        flowDock(w)->show();
        const QString filter = QStringLiteral("tcp.analysis.retransmission");
        QVERIFY(applyFilter(w, filter));
        const QString expected = scenario::tsharkFrames(scenario::sharedCapture(kLossy), filter);
        QCOMPARE(driver::listedFrames(w), expected);
        PacketListModel* model = packetModel(w);
        const int rows = model->rowCount();
        QVERIFY(rows >= 3);
        const QString counts = statusText(w);
        QVERIFY2(counts.startsWith(QStringLiteral("Displayed: %1 of %2 packet").arg(rows).arg(model->frameCount())), qPrintable(counts));
        for (int row : {rows - 1, 0, rows / 2}) {
            scenario::clickRow(w, row);
            checkViewsFollow(w, row, counts);
        }
        // Sorted by Length (largest last), the rows are other frames: the views follow the row.
        scenario::clickHeader(w, PacketListModel::Length);
        QCOMPARE(QStringList(driver::listedFrames(w).split(QLatin1Char(','))).size(), rows);
        auto lengthAt = [&](int row) { return model->data(model->index(row, PacketListModel::Length), Qt::DisplayRole).toInt(); };
        for (int row = 1; row < rows; ++row)
            QVERIFY2(lengthAt(row - 1) <= lengthAt(row), qPrintable(QStringLiteral("row %1").arg(row)));
        for (int row : {0, rows - 1, rows / 3}) {
            scenario::clickRow(w, row);
            checkViewsFollow(w, row, counts);
        }
        // A field clicked in the details: its description and filter name in the status bar.
        QTreeWidgetItem* port = driver::line(w, "tcp.srcport");
        QVERIFY(port);
        DetailTreeView* tree = detailTree(w);
        tree->scrollToItem(port);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualItemRect(port).center());
        QVERIFY2(w.statusBar()->currentMessage().endsWith(QStringLiteral("(tcp.srcport)")), qPrintable(w.statusBar()->currentMessage()));
        // Back to frame order: the clicked packet stays selected.
        const size_t before = driver::selectedFrame(w);
        scenario::clickHeader(w, PacketListModel::Number);
        QCOMPARE(driver::selectedFrame(w), before);
        QCOMPARE(driver::listedFrames(w), expected);
    }

    // Go → Go to Packet with a filter on: a shown packet is selected in every view; a hidden
    // or missing one leaves the selection and says why, as Wireshark does.
    void goToPacketWithAFilterOn()
    {
        MainWindow w;
        QVERIFY(openShared(w, kLossy));
        flowDock(w)->show();
        QVERIFY(applyFilter(w, QStringLiteral("tcp.analysis.retransmission")));
        PacketListModel* model = packetModel(w);
        const int row = model->rowCount() - 2;
        const int frame = int(model->frameAt(row)) + 1;
        goToByDialog(w, frame);
        checkViewsFollow(w, row, statusText(w));
        int hidden = 1; // the first packet the filter hides (1-based)
        while (model->rowOf(size_t(hidden - 1)) >= 0)
            ++hidden;
        goToByDialog(w, hidden);
        QCOMPARE(driver::selectedFrame(w), size_t(frame - 1));
        QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("Packet number %1 isn't displayed.").arg(hidden));
        w.goToPacket(model->frameCount() + 5);
        QCOMPARE(driver::selectedFrame(w), size_t(frame - 1));
        QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("There is no packet number %1.").arg(model->frameCount() + 5));
    }

    // Right-click a field in the details → Apply as Filter → Selected; then a list cell →
    // …and not Selected: each time exactly the frames tshark -Y shows.
    void applyAsFilterShowsTsharksFrames()
    {
        if (!scenario::haveTshark())
            QSKIP("tshark is not installed");
        MainWindow w;
        QVERIFY(openShared(w, kHttp));
        scenario::clickRow(w, 3);
        QTreeWidgetItem* port = driver::line(w, "tcp.dstport");
        QVERIFY(port);
        QSignalSpy applied(&w, &MainWindow::filterApplied);
        QVERIFY(driver::choose(driver::rightClickLine(w, port), QStringLiteral("applyAsFilterMenu/selected")));
        QVERIFY(applied.wait(10000));
        QVERIFY2(displayFilter(w)->text().startsWith(QStringLiteral("tcp.dstport == ")), qPrintable(displayFilter(w)->text()));
        QCOMPARE(driver::listedFrames(w), scenario::tsharkFrames(scenario::sharedCapture(kHttp), displayFilter(w)->text()));
        QVERIFY(driver::choose(driver::rightClickCell(w, 0, PacketListModel::Destination), QStringLiteral("applyAsFilterMenu/andNotSelected")));
        QVERIFY(applied.wait(10000));
        QVERIFY2(displayFilter(w)->text().contains(QStringLiteral(" && !(")), qPrintable(displayFilter(w)->text()));
        QCOMPARE(driver::listedFrames(w), scenario::tsharkFrames(scenario::sharedCapture(kHttp), displayFilter(w)->text()));
    }

    // Frame references in the details are links: underlined, named in the status bar,
    // double-click or Enter goes to the frame tshark names, Back returns; a link to a packet
    // the filter hides says so and stays.
    void frameReferencesInTheDetailsJump()
    {
        if (!scenario::haveTshark())
            QSKIP("tshark is not installed");
        const QString capture = scenario::sharedCapture(kHttp);
        const QStringList response = tsharkFirst(capture, QStringLiteral("http.request_in"), QStringLiteral("http.request_in"));
        const QStringList ack = tsharkFirst(capture, QStringLiteral("tcp.analysis.acks_frame && frame.number > 5"), QStringLiteral("tcp.analysis.acks_frame"));
        QCOMPARE(response.size(), 2);
        QCOMPARE(ack.size(), 2);
        MainWindow w;
        QVERIFY(openShared(w, kHttp));
        DetailTreeView* tree = detailTree(w);

        w.goToPacket(response[0].toULongLong());
        QTreeWidgetItem* request = shownLine(w, QStringLiteral("[Request in frame: %1]").arg(response[1]));
        QVERIFY2(request, qPrintable(tree->branchText(tree->topLevelItem(tree->topLevelItemCount() - 1))));
        QVERIFY(request->font(0).underline());
        const QRect at = tree->visualItemRect(request);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at.center());
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("go to frame %1").arg(response[1])), qPrintable(w.statusBar()->currentMessage()));
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at.center());
        QCOMPARE(driver::selectedFrame(w), size_t(response[1].toULongLong() - 1));
        QVERIFY(scenario::detailTop(w).startsWith(QStringLiteral("Frame %1:").arg(response[1])));
        action(w, "back")->trigger();
        QCOMPARE(driver::selectedFrame(w), size_t(response[0].toULongLong() - 1));

        w.goToPacket(ack[0].toULongLong());
        QTreeWidgetItem* acked = shownLine(w, QStringLiteral("[This is an ACK to the segment in frame: %1]").arg(ack[1]));
        QVERIFY(acked);
        tree->setFocus();
        tree->setCurrentItem(acked);
        QVERIFY2(w.statusBar()->currentMessage().startsWith(QStringLiteral("This is an ACK to the segment in frame (tcp.analysis.acks_frame)")),
                 qPrintable(w.statusBar()->currentMessage()));
        QTest::keyClick(tree, Qt::Key_Return);
        QCOMPARE(driver::selectedFrame(w), size_t(ack[1].toULongLong() - 1));
        action(w, "back")->trigger();
        QCOMPARE(driver::selectedFrame(w), size_t(ack[0].toULongLong() - 1));

        QVERIFY(applyFilter(w, QStringLiteral("frame.number == %1").arg(ack[0])));
        QTreeWidgetItem* hidden = shownLine(w, QStringLiteral("[This is an ACK to the segment in frame: %1]").arg(ack[1]));
        QVERIFY(hidden);
        tree->setCurrentItem(hidden);
        QTest::keyClick(tree, Qt::Key_Return);
        QCOMPARE(driver::selectedFrame(w), size_t(ack[0].toULongLong() - 1));
        QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("Packet number %1 isn't displayed.").arg(ack[1]));
    }

    // An expert line and the field it was raised on have Wireshark's background for its
    // severity, readable in both themes; selecting it names the field and the severity.
    void expertLinesAreColouredBySeverity()
    {
        if (!scenario::haveTshark())
            QSKIP("tshark is not installed");
        const QStringList first = tsharkFirst(scenario::sharedCapture(kLossy), QStringLiteral("tcp.analysis.retransmission"), QStringLiteral("tcp.stream"));
        MainWindow w;
        QVERIFY(openShared(w, kLossy));
        for (const bool dark : {false, true}) {
            applyTheme(dark);
            w.goToPacket(first[0].toULongLong());
            DetailTreeView* tree = detailTree(w);
            // tshark -V's line for a retransmission (Note severity).
            QTreeWidgetItem* expert = nullptr; // once the TCP analysis is ready
            QTRY_VERIFY2((expert = shownLine(w, QStringLiteral("[Expert Info (Note/Sequence): This frame is a (suspected) retransmission]"))),
                         qPrintable(first.join(',') + QLatin1Char('\n') + tree->branchText(tree->topLevelItem(tree->topLevelItemCount() - 1))));
            const QColor note = DetailTreeView::severityColor(2);
            QCOMPARE(expert->background(0).color(), note);
            QCOMPARE(expert->parent()->background(0).color(), note);
            QVERIFY(contrast(expert->foreground(0).color(), note) >= 4.5);
            QTreeWidgetItem* plain = tree->topLevelItem(0);
            QCOMPARE(plain->background(0).style(), Qt::NoBrush);
            tree->setCurrentItem(expert);
            const QString status = w.statusBar()->currentMessage();
            QVERIFY2(status.startsWith(QStringLiteral("This frame is a (suspected) retransmission (tcp.analysis.retransmission)")) && status.contains(QStringLiteral("Expert severity: Note")), qPrintable(status));
            // The other severities' colours stay apart and readable in black.
            for (int s = 0; s < 5; ++s) {
                QVERIFY(contrast(Qt::black, DetailTreeView::severityColor(s)) >= 4.5);
                for (int o = s + 1; o < 5; ++o)
                    QVERIFY(DetailTreeView::severityColor(s) != DetailTreeView::severityColor(o));
            }
        }
        applyTheme(false);
    }

    // Find by string (bytes), hex value and display filter: the frame tshark's match list gives
    // next after the selected one; Find Next goes on to the following one.
    void findLandsOnTsharksFrame()
    {
        if (!scenario::haveTshark())
            QSKIP("tshark is not installed");
        MainWindow w;
        QVERIFY(openShared(w, kHttp));
        const QString path = scenario::sharedCapture(kHttp);
        struct Case {
            QString kind, text, where, tsharkFilter;
        };
        const Case cases[] = {
            {QStringLiteral("String"), QStringLiteral("HTTP/1.1 200"), QStringLiteral("Packet bytes"), QStringLiteral("frame contains \"HTTP/1.1 200\"")},
            {QStringLiteral("Hex value"), QStringLiteral("47 45 54 20"), QStringLiteral("Packet bytes"), QStringLiteral("frame contains 47:45:54:20")},
            {QStringLiteral("Display filter"), QStringLiteral("tcp.flags.fin == 1"), QStringLiteral("Packet list"), QStringLiteral("tcp.flags.fin == 1")},
        };
        for (const Case& c : cases) {
            w.goToPacket(1);
            const QString frames = scenario::tsharkFrames(path, c.tsharkFilter);
            QVERIFY2(frames.count(QLatin1Char(',')) >= 1, qPrintable(c.tsharkFilter + QStringLiteral(": ") + frames));
            findFirst(w, c.kind, c.text, c.where);
            const int first = nextOf(frames, 1);
            QTRY_COMPARE(int(driver::selectedFrame(w)) + 1, first);
            QVERIFY(scenario::detailTop(w).startsWith(QStringLiteral("Frame %1:").arg(first)));
            action(w, "findNext")->trigger();
            QTRY_COMPARE(int(driver::selectedFrame(w)) + 1, nextOf(frames, first));
        }
        // With a display filter on, Find looks among the displayed packets only.
        QVERIFY(applyFilter(w, QStringLiteral("tcp.stream eq 1")));
        w.goToPacket(driver::listedFrames(w).section(QLatin1Char(','), 0, 0).toInt());
        const QString shownData = scenario::tsharkFrames(path, QStringLiteral("tcp.stream eq 1 && tcp.len > 0"));
        findFirst(w, QStringLiteral("Display filter"), QStringLiteral("tcp.len > 0"), QStringLiteral("Packet list"));
        QTRY_COMPARE(int(driver::selectedFrame(w)) + 1, nextOf(shownData, int(packetModel(w)->frameAt(0)) + 1));
    }

    // Find on a big capture runs off the window's thread: the bar shows its progress, the result
    // arrives as an event, and Cancel stops it with the selection left where it was. (Lowered
    // threshold: the shared capture stands in for a big one.)
    void findRunsInTheBackgroundAndCancels()
    {
        MainWindow w;
        QVERIFY(openShared(w, kLossy));
        const size_t threshold = FindJob::backgroundFrom();
        FindJob::backgroundFrom() = 0;
        w.goToPacket(1);
        auto* progress = findBar(w)->findChild<QProgressBar*>(QStringLiteral("findProgress"));
        QVERIFY(progress);
        findFirst(w, QStringLiteral("Display filter"), QStringLiteral("tcp.analysis.retransmission"), QStringLiteral("Packet list"));
        QVERIFY(findBar(w)->isSearching()); // handed to another thread: the window goes on at once
        QVERIFY(progress->isVisible());
        QTRY_VERIFY(!findBar(w)->isSearching());
        QVERIFY(!progress->isVisible());
        const size_t found = driver::selectedFrame(w);
        QVERIFY(found > 0);
        QVERIFY2(w.statusBar()->currentMessage() == QStringLiteral("Found packet %1.").arg(found + 1), qPrintable(w.statusBar()->currentMessage()));
        // Find Next, then Cancel before the answer comes: nothing moves, the status bar says so.
        action(w, "findNext")->trigger();
        QVERIFY(findBar(w)->isSearching());
        findBar(w)->findChild<QPushButton*>(QStringLiteral("findCancel"))->click();
        QVERIFY(!findBar(w)->isSearching());
        QVERIFY(findBar(w)->isVisible()); // Cancel stopped the search; a second one closes the bar
        QTest::qWait(300);
        QCOMPARE(driver::selectedFrame(w), found);
        QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("Find cancelled."));
        // A string in the list's own text is searched on the window's thread a slice at a time:
        // the same progress and the same frame as the filter found (its Info says so).
        w.goToPacket(1);
        findFirst(w, QStringLiteral("String"), QStringLiteral("Retransmission]"), QStringLiteral("Packet list"));
        QVERIFY(findBar(w)->isSearching());
        QTRY_VERIFY(!findBar(w)->isSearching());
        QCOMPARE(driver::selectedFrame(w), found);
        FindJob::backgroundFrom() = threshold;
    }

    // Live capture on lo: a packet clicked while it runs stays selected when the capture stops,
    // in the list, the details and the flow graph; the status bar's received count is the
    // captured one (as dumpcap's), not Linux's count of both copies of each loopback packet.
    void liveCaptureStopKeepsTheSelection()
    {
        if (!synflow::test::mayCaptureOnLoopback())
            QSKIP("no permission to capture on lo here (CI runs as root)");
        uint16_t port = 0;
        const int listener = synflow::test::listenOnFreePort(port);
        MainWindow w;
        w.show();
        flowDock(w)->show();
        synflow::CaptureOptions o;
        o.interface = "lo";
        o.filter = "tcp port " + std::to_string(port);
        QVERIFY(w.startCapture(o));
        QTRY_VERIFY(liveSession(w) && liveSession(w)->capture());
        std::thread talk([&] {
            synflow::test::converse(listener, port);
            close(listener);
        });
        QTRY_VERIFY_WITH_TIMEOUT(packetModel(w)->rowCount() >= 10, 10000);
        talk.join();
        QTest::qWait(300); // the last segments of the teardown
        scenario::clickRow(w, 3);
        const size_t frame = driver::selectedFrame(w);
        QCOMPARE(frame, size_t(3));
        const QString top = scenario::detailTop(w);
        QVERIFY(top.startsWith(QStringLiteral("Frame 4:")));
        QTRY_VERIFY(flowView(w)->currentArrow() >= 0);
        const int arrow = flowView(w)->currentArrow();
        const size_t arrows = flowView(w)->graph().arrows().size();
        QSignalSpy stopped(&w, &MainWindow::loadFinished);
        action(w, "stopCapture")->trigger();
        QVERIFY(stopped.count() || stopped.wait(10000));
        QTest::qWait(300);
        QCOMPARE(driver::selectedFrame(w), frame);
        QCOMPARE(packetList(w)->currentIndex().row(), 3);
        QCOMPARE(scenario::detailTop(w), top);
        QCOMPARE(flowView(w)->currentArrow(), arrow);
        QCOMPARE(flowView(w)->graph().arrows().size(), arrows);
        QCOMPARE(size_t(flowView(w)->graph().arrows()[size_t(arrow)].frame), frame);
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("(\\d+) packets?(?:\\(s\\))? · received (\\d+)")).match(statusText(w));
        QVERIFY2(m.hasMatch(), qPrintable(statusText(w)));
        QCOMPARE(m.captured(2), m.captured(1));
        QCOMPARE(m.captured(1).toInt(), packetModel(w)->rowCount());
        scenario::DialogCloser closer; // the unsaved packets: Discard
        QVERIFY(w.close());
    }

    // Help → About SynFlow names the version, Qt's and libpcap's, and the licence; Help →
    // Keyboard Shortcuts lists every menu action that has a key, with that key, and no other.
    void helpAboutAndKeyboardShortcuts()
    {
        MainWindow w;
        w.show();
        action(w, "aboutSynFlow")->trigger();
        auto* about = w.findChild<QDialog*>(QStringLiteral("aboutDialog"));
        QVERIFY(about && about->isVisible());
        const QString text = about->findChild<QLabel*>(QStringLiteral("aboutText"))->text();
        for (const QString& part : {QStringLiteral("SynFlow 0."), QStringLiteral("Qt ") + QString::fromLatin1(qVersion()),
                                    QStringLiteral("libpcap version "), QStringLiteral("GNU General Public License, version 2")})
            QVERIFY2(text.contains(part), qPrintable(part + QStringLiteral(" not in: ") + text));
        about->close();

        action(w, "keyboardShortcuts")->trigger();
        auto* dialog = w.findChild<QDialog*>(QStringLiteral("keyboardShortcutsDialog"));
        QVERIFY(dialog && dialog->isVisible());
        auto* list = dialog->findChild<QTreeWidget*>(QStringLiteral("shortcutList"));
        QMap<QString, QString> listed; // action name → the keys shown
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            listed.insert(list->topLevelItem(i)->data(0, Qt::UserRole).toString(), list->topLevelItem(i)->text(0));
        QMap<QString, QString> expected;
        std::function<void(QMenu*)> walk = [&](QMenu* m) {
            for (QAction* a : m->actions()) {
                if (a->menu())
                    walk(a->menu());
                else if (!a->shortcuts().isEmpty())
                    expected.insert(a->objectName(), a->shortcut().toString(QKeySequence::NativeText));
            }
        };
        for (QAction* top : w.menuBar()->actions())
            walk(top->menu());
        QVERIFY(expected.size() >= 30);
        QCOMPARE(listed.keys(), expected.keys());
        for (auto it = expected.begin(); it != expected.end(); ++it)
            QVERIFY2(listed.value(it.key()).startsWith(it.value()), qPrintable(it.key() + QStringLiteral(": ") + listed.value(it.key())));
        QCOMPARE(listed.value(QStringLiteral("findPacket")), QKeySequence(Qt::CTRL | Qt::Key_F).toString(QKeySequence::NativeText));
    }

    // 中文 → English → 中文 from the View menu: in English no Chinese is left anywhere in the
    // window (menus, tooltips, status bar, hidden bars and pages); back in Chinese every text is
    // what it was before, so none stayed English.
    void languageRoundTripLeavesNoOtherLanguage()
    {
        MainWindow w;
        QVERIFY(openShared(w, kLossy));
        flowDock(w)->show();
        const QMap<QString, QString> english0 = scenario::allTexts(w);
        auto choose = [&](const char* code) {
            for (QAction* a : action(w, "language")->actionGroup()->actions())
                if (a->data().toString() == QLatin1String(code))
                    a->trigger();
            QCoreApplication::processEvents();
        };
        choose("zh_CN");
        QTRY_COMPARE(w.menuBar()->actions().first()->text(), QStringLiteral("文件(&F)"));
        const QMap<QString, QString> chinese = scenario::allTexts(w);
        QVERIFY2(scenario::hasHan(statusText(w)), qPrintable(statusText(w)));
        choose("en");
        QTRY_COMPARE(w.menuBar()->actions().first()->text(), QStringLiteral("&File"));
        const QMap<QString, QString> english = scenario::allTexts(w);
        QStringList leftovers;
        for (auto it = english.begin(); it != english.end(); ++it)
            if (scenario::hasHan(it.value()) && !it.key().contains(QStringLiteral(":language/"))) // 简体中文 names itself
                leftovers << it.key() + QStringLiteral(" = ") + it.value();
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char('\n'))));
        // Back where each language started: every text the same as before the round trip.
        auto differences = [](const QMap<QString, QString>& before, const QMap<QString, QString>& after) {
            QStringList out;
            for (auto it = after.begin(); it != after.end(); ++it)
                if (before.contains(it.key()) && before.value(it.key()) != it.value())
                    out << it.key() + QStringLiteral(": ") + before.value(it.key()) + QStringLiteral(" → ") + it.value();
            return out;
        };
        QStringList changed = differences(english0, english);
        QVERIFY2(changed.isEmpty(), qPrintable(changed.join(QLatin1Char('\n'))));
        QVERIFY(english.size() > 200);
        choose("zh_CN");
        QTRY_COMPARE(w.menuBar()->actions().first()->text(), QStringLiteral("文件(&F)"));
        changed = differences(chinese, scenario::allTexts(w));
        QVERIFY2(changed.isEmpty(), qPrintable(changed.join(QLatin1Char('\n'))));
        choose("en");
    }

    // View → Dark Theme and Preferences' theme choice agree with the window's colours both ways.
    void themeTogglesAgreeWithTheMenu()
    {
        MainWindow w;
        QVERIFY(openShared(w, kLossy));
        QAction* dark = action(w, "darkTheme");
        auto isDark = [] { return QApplication::palette().color(QPalette::Base).lightness() < 128; };
        QVERIFY(!dark->isChecked() && !isDark());
        dark->trigger();
        QVERIFY(dark->isChecked() && isDark());
        PreferencesDialog* d = w.openPreferences();
        auto* theme = d->findChild<QComboBox*>(QStringLiteral("themeChoice"));
        QCOMPARE(theme->currentIndex(), 1);
        theme->setCurrentIndex(0);
        d->findChild<QAbstractButton*>(QStringLiteral("preferencesOk"))->click();
        QVERIFY(!dark->isChecked());
        QVERIFY(!isDark());
        dark->trigger();
        dark->trigger();
        QVERIFY(!dark->isChecked() && !isDark());
    }

    // Every action of every menu, once, on a loaded capture: no crash and no Qt warning. The
    // dialogs they open are answered as a user leaving them would.
    void everyMenuActionOnceWithoutWarnings()
    {
        synflow::CaptureOptions quiet; // Capture → Start: loopback, a filter no packet matches
        quiet.interface = "lo";
        quiet.filter = "udp port 9";
        CaptureDialog::saveOptions(quiet);
        MainWindow w;
        QVERIFY(openShared(w, kHttp));
        w.goToPacket(4);
        // Menus filled as the window changes (recent files, opened windows) rebuild their actions
        // when a capture is opened again: an action collected here may be gone when its turn comes.
        QList<QPointer<QAction>> all;
        std::function<void(QMenu*)> walk = [&](QMenu* m) {
            for (QAction* a : m->actions()) {
                if (a->menu())
                    walk(a->menu());
                else if (!a->isSeparator() && a->objectName() != QLatin1String("quit") && a->objectName() != QLatin1String("language"))
                    all << a;
            }
        };
        for (QAction* top : w.menuBar()->actions())
            walk(top->menu());
        QVERIFY(all.size() > 50);
        scenario::DialogCloser closer;
        scenario::WarningGuard guard;
        scenario::WarningGuard::seen().clear();
        QStringList triggered;
        for (const QPointer<QAction>& a : all) {
            if (!a)
                continue;
            const bool live = a->objectName() == QLatin1String("stopCapture") || a->objectName() == QLatin1String("restartCapture");
            if (liveCapture(w)->isRunning() && !live) {
                QSignalSpy stopped(&w, &MainWindow::loadFinished);
                w.stopCapture();
                QVERIFY(stopped.count() || stopped.wait(10000));
            }
            if (!live && (!isShowingCapture(w) || driver::selectedFrame(w) == size_t(-1) || liveCapture(w)->capture())) {
                QVERIFY(driver::open(w, scenario::sharedCapture(kHttp)));
                w.goToPacket(4);
            }
            if (!a || !a->isEnabled())
                continue;
            const QString name = a->objectName(); // a recent file's action goes as it opens the file
            triggered << name;
            a->trigger();
            QTest::qWait(30);
            for (QWidget* top : QApplication::topLevelWidgets()) // windows it opened: closed again
                if (top != &w && top->isVisible() && !qobject_cast<QMenu*>(top))
                    top->close();
            QVERIFY2(scenario::WarningGuard::seen().isEmpty(),
                     qPrintable(name + QStringLiteral(": ") + scenario::WarningGuard::seen().join(QLatin1Char('\n'))));
        }
        qInfo("%lld menu actions triggered", qlonglong(triggered.size()));
        QVERIFY2(triggered.size() > 45, qPrintable(triggered.join(QLatin1Char(' '))));
        QVERIFY(triggered.contains(QStringLiteral("followTcpStream")) && triggered.contains(QStringLiteral("ioGraph")));
        if (liveCapture(w)->isRunning()) {
            QSignalSpy stopped(&w, &MainWindow::loadFinished);
            w.stopCapture();
            QVERIFY(stopped.count() || stopped.wait(10000));
        }
        action(w, "quit")->trigger();
        QTRY_VERIFY(!w.isVisible());
        QVERIFY2(scenario::WarningGuard::seen().isEmpty(), qPrintable(scenario::WarningGuard::seen().join(QLatin1Char('\n'))));
        QSettings().clear();
    }
};

QTEST_MAIN(TestUserScenarios)
#include "tst_userscenarios.moc"
