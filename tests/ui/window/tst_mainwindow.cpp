// The main window driven as a user would: open, drop files, cancel, select, click bytes.
#include "analysis/analysedcapture.h"
#include "capture/capturefile.h"
#include "window/captureloader.h"
#include "flow/flowgraph.h"
#include "tcp/tcptracker.h"
#include "packets/detailtreeview.h"
#include "packets/filteredit.h"
#include "flowgraph/flowpanel.h"
#include "flowgraph/flowview.h"
#include "packets/hexview.h"
#include "window/mainwindow.h"
#include "window/windowparts.h"
#include "models/packetlistmodel.h"
#include "support/anonymity.h"
#include "support/language.h"
#include "support/theme.h"
#include "window/welcomepage.h"
#include "livecapture/interfacelist.h"

#include <QDir>
#include <QDockWidget>
#include <QComboBox>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollBar>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QImage>
#include <QLabel>
#include <QFileInfo>
#include <QtTest>

using namespace windowparts;

namespace {

QString dataFile(const char* name)
{
    return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name));
}

void drop(MainWindow& w, const QList<QUrl>& urls)
{
    QMimeData mime;
    mime.setUrls(urls);
    const QPoint at = w.rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w, &enter);
    QDropEvent dropEvent(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&w, &dropEvent);
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    }

    void opensTheDemoAndShowsAPacket()
    {
        MainWindow w;
        w.show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(MainWindow::demoCapturePath()));
        QVERIFY(done.wait(10000));
        QVERIFY(isShowingCapture(w));
        QCOMPARE(packetModel(w)->rowCount(), 11);
        w.goToPacket(3);
        QTRY_VERIFY(detailTree(w)->topLevelItemCount() >= 4);
        // The TCP layer's flags line for the handshake's final ACK.
        const auto acks = detailTree(w)->findItems(QStringLiteral(".... ...1 .... = Acknowledgment: Set"), Qt::MatchExactly | Qt::MatchRecursive);
        QCOMPARE(acks.size(), 1);
        // Selecting it highlights its bytes; clicking a byte selects the deepest field there.
        detailTree(w)->setCurrentItem(acks.first());
        QCOMPARE(bytesView(w)->highlightOffset(), 46u);
        QCOMPARE(bytesView(w)->highlightLength(), 2u);
        QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("Acknowledgment (tcp.flags.ack)")); // the field, as Wireshark's status bar
        detailTree(w)->selectByte(36); // destination port
        QVERIFY(detailTree(w)->currentItem()->text(0).startsWith(QStringLiteral("Destination Port: ")));
        QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("Destination Port (tcp.dstport)"));
        // Expansion is remembered for the next packet.
        w.goToPacket(4);
        const auto flags = detailTree(w)->findItems(QStringLiteral("Flags: "), Qt::MatchStartsWith | Qt::MatchRecursive);
        QVERIFY(!flags.isEmpty());
        QVERIFY(flags.first()->parent()->isExpanded());
    }

    void flowGraphFollowsTheSelection()
    {
        MainWindow w;
        w.show();
        flowDock(w)->show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(MainWindow::demoCapturePath()));
        QVERIFY(done.wait(10000));
        FlowView* flow = flowView(w);
        QCOMPARE(int(flow->graph().arrows().size()), 11); // the first packet's conversation, once loaded
        QCOMPARE(flow->currentArrow(), 0);
        w.goToPacket(8);
        QCOMPARE(int(flow->graph().arrows().size()), 11);
        QCOMPARE(flow->graph().nodes().size(), size_t(2)); // loopback: one lifeline per endpoint
        QCOMPARE(flow->currentArrow(), 7);
        QCOMPARE(QString::fromStdString(flow->graph().arrows()[7].label()), QStringLiteral("FIN, ACK"));
        // Down walks to the next arrow and selects its packet in the list.
        flow->setFocus();
        QTest::keyClick(flow, Qt::Key_Down);
        QTRY_COMPARE(packetList(w)->currentIndex().row(), 8);
        // Clicking an arrow's row selects that packet (the first row, scrolled back into sight:
        // on this small offscreen screen the dock sits below the list, a few rows high).
        flow->verticalScrollBar()->setValue(0);
        QTest::mouseClick(flow->viewport(), Qt::LeftButton, {}, QPoint(200, flow->headerHeight() + flow->rowHeight() / 2));
        QTRY_COMPARE(packetList(w)->currentIndex().row(), 0);
    }

    void dropOpensACaptureAndRefusesOthers()
    {
        MainWindow w;
        w.show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        drop(w, {QUrl::fromLocalFile(dataFile("loopback-http.pcap"))});
        QVERIFY(done.wait(10000));
        QCOMPARE(packetModel(w)->rowCount(), 12);

        QTemporaryDir dir;
        QFile text(dir.filePath("notes.txt"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not packets\n");
        text.close();
        drop(w, {QUrl::fromLocalFile(text.fileName())});
        QVERIFY2(lastError(w).contains(QStringLiteral("not a capture file")), qPrintable(lastError(w)));
        QCOMPARE(packetModel(w)->rowCount(), 12); // what was open stays

        drop(w, {QUrl::fromLocalFile(dir.path())});
        QVERIFY(lastError(w).contains(QStringLiteral("folder")));
        drop(w, {QUrl::fromLocalFile(dataFile("loopback-http.pcap")), QUrl::fromLocalFile(dataFile("loopback-http.pcapng"))});
        QVERIFY(lastError(w).contains(QStringLiteral("one capture")));
        QCOMPARE(packetModel(w)->rowCount(), 12);
    }

    void cancelStopsALoad()
    {
        // A capture big enough to take a while: our loopback capture's records, repeated.
        QFile src(dataFile("loopback-http.pcap"));
        QVERIFY(src.open(QIODevice::ReadOnly));
        const QByteArray all = src.readAll();
        QTemporaryDir dir;
        QFile big(dir.filePath("big.pcap"));
        QVERIFY(big.open(QIODevice::WriteOnly));
        big.write(all.left(24));
        const QByteArray records = all.mid(24);
        for (int i = 0; i < 40000; ++i)
            big.write(records);
        big.close();

        MainWindow w;
        w.show();
        QSignalSpy cancelled(loader(w), &CaptureLoader::cancelled);
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(big.fileName()));
        QVERIFY(loader(w)->isLoading());
        QVERIFY(!w.saveCaptureAs(dir.filePath("early.pcapng"))); // not while it is read on another thread
        QVERIFY(lastError(w).contains(QStringLiteral("loaded")));
        loader(w)->cancel();
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(!loader(w)->isLoading());
        QTest::qWait(300);
        QCOMPARE(done.count(), 0);                       // a cancelled load never finishes
        QVERIFY(packetModel(w)->rowCount() < 480000);   // and stopped short

        // Opening again while loading replaces the first load cleanly.
        QVERIFY(w.openCapture(big.fileName()));
        QVERIFY(w.openCapture(dataFile("loopback-http.pcapng")));
        QVERIFY(done.wait(10000));
        QCOMPARE(packetModel(w)->rowCount(), 12);
    }

    // The display filter bar: checked as typed, applied with Enter, the list and the flow
    // graph's "displayed packets" scope follow it, and clearing it shows everything again.
    void displayFilterNarrowsTheList()
    {
        MainWindow w;
        w.show();
        flowDock(w)->show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(dataFile("loopback-http.pcapng")));
        QVERIFY(done.wait(10000));
        FilterEdit* bar = displayFilter(w);
        QSignalSpy applied(&w, &MainWindow::filterApplied);

        bar->setFocus();
        QTest::keyClicks(bar, QStringLiteral("tcp.port =="));
        QVERIFY(!bar->isValid());
        QVERIFY(bar->styleSheet().contains(QStringLiteral("#f4b2b2")));
        QVERIFY(bar->errorText().contains(QStringLiteral("expected a value")));
        QTest::keyClick(bar, Qt::Key_Return); // refused: nothing changes
        QCOMPARE(packetModel(w)->rowCount(), 12);

        bar->clear();
        QTest::keyClicks(bar, QStringLiteral("tcp.flags.fin == 1 || udp"));
        QVERIFY(bar->isValid());
        QVERIFY(bar->styleSheet().contains(QStringLiteral("#afe8af")));
        QTest::keyClick(bar, Qt::Key_Return);
        QVERIFY(applied.wait(10000));
        QCOMPARE(packetModel(w)->rowCount(), 3);
        QCOMPARE(packetModel(w)->frameAt(0), size_t(7)); // frames 8, 10 and 12
        QCOMPARE(packetModel(w)->frameAt(2), size_t(11));
        QCOMPARE(packetModel(w)->rowOf(0), -1);
        QVERIFY(packetList(w)->currentIndex().isValid());

        // Sorting keeps to the displayed packets.
        packetList(w)->sortByColumn(PacketListModel::Number, Qt::DescendingOrder);
        QCOMPARE(packetModel(w)->rowCount(), 3);
        QCOMPARE(packetModel(w)->frameAt(0), size_t(11));
        packetList(w)->sortByColumn(PacketListModel::Number, Qt::AscendingOrder);

        // The flow graph of the displayed packets: the two FIN arrows.
        w.findChild<QDockWidget*>()->findChild<QComboBox*>()->setCurrentIndex(2);
        QTRY_COMPARE(flowView(w)->graph().arrows().size(), size_t(2)); // built in the background
        flowType(w)->setCurrentIndex(1); // all flows: the UDP datagram too
        QTRY_COMPARE(flowView(w)->graph().arrows().size(), size_t(3));
        QCOMPARE(flowView(w)->graph().commentOf(flowView(w)->graph().arrows()[2]), std::string("UDP"));
        flowType(w)->setCurrentIndex(0);

        bar->clear(); // the clear button's way: everything again, at once
        QCOMPARE(packetModel(w)->rowCount(), 12);
        QVERIFY(!packetModel(w)->isFiltered());
    }

    // The flow dock draws the conversations ticked in its list, and exports what it shows.
    void flowPanelTicksConversationsAndExports()
    {
        const QString cap = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("lo-reuse.pcapng"));
        MainWindow w;
        w.show();
        flowDock(w)->show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(cap));
        QVERIFY(done.wait(10000));
        FlowPanel* panel = flowPanel(w);
        QListWidget* list = flowConversations(*panel);
        QCOMPARE(list->count(), 0); // filled only when the Ticked scope asks for it
        flowScope(*panel)->setCurrentIndex(FlowPanel::Ticked);
        QVERIFY(list->isVisible());
        QCOMPARE(list->count(), 2);
        QTRY_COMPARE(flowView(*panel)->graph().arrows().size(), size_t(0)); // nothing ticked yet
        list->item(0)->setCheckState(Qt::Checked);
        QTRY_VERIFY(!flowView(*panel)->graph().arrows().empty());
        const size_t one = flowView(*panel)->graph().arrows().size();
        for (const auto& a : flowView(*panel)->graph().arrows())
            QCOMPARE(a.stream, 0u);
        list->item(1)->setCheckState(Qt::Checked);
        QTRY_VERIFY(flowView(*panel)->graph().arrows().size() > one);
        QCOMPARE(flowView(*panel)->graph().streamCount(), size_t(2));

        // Picked conversations are TCP: the flow type applies to the whole-capture scopes only.
        QVERIFY(!flowType(*panel)->isEnabled());

        QTemporaryDir dir;
        for (const char* suffix : {"png", "svg", "pdf", "txt"}) {
            const QString path = dir.filePath(QStringLiteral("flow.") + QLatin1String(suffix));
            QString error;
            QVERIFY2(panel->exportTo(path, &error), qPrintable(error));
            QVERIFY(QFileInfo(path).size() > 100);
        }
        QFile svg(dir.filePath(QStringLiteral("flow.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QCOMPARE(int(svg.readAll().count("<g class=\"arrow\"")), int(flowView(*panel)->graph().arrows().size()));
        QFile txt(dir.filePath(QStringLiteral("flow.txt")));
        QVERIFY(txt.open(QIODevice::ReadOnly));
        QVERIFY(txt.readAll().startsWith("Conv.|")); // two conversations: tshark's Conv. column
        QVERIFY(!QImage(dir.filePath(QStringLiteral("flow.png"))).isNull());
    }

    // Zoom scales the diagram's type and spacing and keeps the selected arrow in sight.
    void flowGraphZooms()
    {
        MainWindow w;
        w.show();
        flowDock(w)->show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(dataFile("loopback-http.pcapng")));
        QVERIFY(done.wait(10000));
        w.goToPacket(11);
        FlowView* flow = flowView(w);
        QTRY_COMPARE(flow->currentArrow(), 10);
        const int row = flow->rowHeight();
        QTest::keyClick(flow, Qt::Key_Plus, Qt::ControlModifier);
        QTest::keyClick(flow, Qt::Key_Plus, Qt::ControlModifier);
        QVERIFY(flow->zoom() > 1.2);
        QVERIFY(flow->rowHeight() > row);
        QScrollBar* bar = flow->verticalScrollBar();
        QVERIFY(10 >= bar->value() && 10 < bar->value() + bar->pageStep());
        QTest::keyClick(flow, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(flow->zoom(), 1.0);
        QCOMPARE(flow->rowHeight(), row);
        for (int i = 0; i < 20; ++i)
            flow->setZoom(flow->zoom() / 1.15);
        QCOMPARE(flow->zoom(), 0.5); // bounded
    }

    // A diagram that grows (a live capture) keeps the rows in sight, or follows the newest arrows
    // when the view was at the end; a new diagram starts at the top.
    void growingFlowGraphKeepsItsView()
    {
        using namespace synflow;
        auto graphOf = [](const char* name) {
            FlowGraph g;
            AnalysedCapture capture;
            std::string err;
            if (!capture.open(dataFile(name).toStdString(), err))
                return g;
            capture.analyse();
            g.build(capture);
            return g;
        };
        const FlowGraph small = graphOf("lo-fastretx.pcapng"), big = graphOf("lo-lossy.pcapng");
        QVERIFY(small.arrows().size() > 30 && big.arrows().size() > small.arrows().size());
        FlowView view;
        view.resize(400, 300);
        view.show();
        view.setGraph(small);
        QScrollBar* bar = view.verticalScrollBar();
        QVERIFY(bar->maximum() > 5);
        bar->setValue(3);
        view.setGraph(small, true);
        QCOMPARE(bar->value(), 3); // the rows in sight stay
        bar->setValue(bar->maximum());
        view.setGraph(big, true);
        QVERIFY(bar->maximum() > 5);
        QCOMPARE(bar->value(), bar->maximum()); // at the end: the newest arrows are followed
        view.setGraph(small);
        QCOMPARE(bar->value(), 0); // another diagram: from the top

        // The panel of a live capture: a refresh keeps the rows in sight even with a packet
        // selected elsewhere (it is not scrolled back to that packet's arrow).
        auto capture = std::make_shared<AnalysedCapture>();
        std::string err;
        QVERIFY(capture->open(dataFile("lo-lossy.pcapng").toStdString(), err));
        capture->analyse();
        FlowPanel panel;
        panel.resize(600, 400);
        panel.show();
        flowScope(panel)->setCurrentIndex(FlowPanel::All);
        panel.setCapture(capture, true);
        panel.refresh();
        QTRY_VERIFY(flowView(panel)->graph().arrows().size() > 100);
        panel.setSelectedFrame(0);
        QScrollBar* panelBar = flowView(panel)->verticalScrollBar();
        QCOMPARE(panelBar->value(), 0);
        panelBar->setValue(40);
        panel.refresh(); // within a second of the last build: done by the timer
        QTest::qWait(1300);
        QCOMPARE(flowView(panel)->currentArrow(), 0);
        QCOMPARE(panelBar->value(), 40);
    }

    // View → Language switches the open window at once: menus, welcome page, column headers,
    // the flow dock; the actions are the same ones, retranslated, and their shortcuts keep working.
    void languageSwitchesWithoutRestart()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto trigger = [&](const QString& text) {
            for (QAction* menu : w.menuBar()->actions())
                for (QAction* a : menu->menu()->findChildren<QAction*>())
                    if (a->text() == text) {
                        a->trigger();
                        return true;
                    }
            return false;
        };
        const QList<QAction*> actionsBefore = w.findChildren<QAction*>();
        QVERIFY(trigger(QStringLiteral("简体中文")));
        QTRY_COMPARE(w.menuBar()->actions().first()->text(), QStringLiteral("文件(&F)"));
        QCOMPARE(w.findChild<QPushButton*>(QStringLiteral("demoButton"))->text().contains(QStringLiteral("示例")), true);
        QCOMPARE(packetModel(w)->headerData(PacketListModel::Protocol, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("协议"));
        QCOMPARE(flowScope(w)->itemText(0), QStringLiteral("所选 TCP 会话"));
        QCOMPARE(w.findChildren<QAction*>(), actionsBefore); // retranslated, not built again
        QTest::keyClick(&w, Qt::Key_Slash, Qt::ControlModifier); // a shortcut still works after the switch
        QTRY_VERIFY(displayFilter(w)->hasFocus());
        QVERIFY(trigger(QStringLiteral("English")));
        QTRY_COMPARE(w.menuBar()->actions().first()->text(), QStringLiteral("&File"));
        QCOMPARE(flowScope(w)->itemText(0), QStringLiteral("Selected TCP conversation"));
        QSettings().remove(QStringLiteral("language"));
    }

    void welcomePageOffersLiveCapture()
    {
        MainWindow w;
        w.show();
        QVERIFY(!isShowingCapture(w));
        auto* list = w.findChild<WelcomePage*>()->interfaces();
        QVERIFY(list->isVisible());
        QVERIFY(!list->findItems(QStringLiteral("lo"), Qt::MatchExactly, InterfaceList::Name).isEmpty());
        QVERIFY(w.findChild<QPushButton*>(QStringLiteral("captureOptionsButton")));
    }

    // View → Dark Theme switches the whole palette and is remembered; packet colours keep
    // their own text colour, so rows read the same on either.
    void darkThemeIsAppliedAndRemembered()
    {
        MainWindow w;
        QAction* dark = nullptr;
        for (QAction* menu : w.menuBar()->actions())
            for (QAction* a : menu->menu()->actions())
                if (a->text() == QStringLiteral("&Dark Theme"))
                    dark = a;
        QVERIFY(dark);
        dark->trigger();
        QVERIFY(savedDarkTheme());
        QVERIFY(QApplication::palette().color(QPalette::Base).lightness() < 60);
        QVERIFY(QApplication::palette().color(QPalette::Text).lightness() > 200);
        QVERIFY(w.openCapture(dataFile("loopback-http.pcapng")));
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(done.wait(10000));
        const QModelIndex first = packetModel(w)->index(0, PacketListModel::Info);
        const QColor bg = first.data(Qt::BackgroundRole).value<QColor>(), fg = first.data(Qt::ForegroundRole).value<QColor>();
        QVERIFY(bg.isValid() && fg.isValid());
        QVERIFY(std::abs(bg.lightness() - fg.lightness()) > 100); // contrast of its own
        dark->trigger();
        QVERIFY(!savedDarkTheme());
        QVERIFY(QApplication::palette().color(QPalette::Base).lightness() > 200);
    }

    // With a display filter on, clicking a row shows that packet everywhere (detail tree, bytes,
    // flow graph), and Go to Packet lands on its row: the window once compared a frame number
    // with the number of rows shown, so the views stayed on the old packet.
    void filteredRowsShowTheClickedPacket()
    {
        const QString shared = QDir(QStringLiteral(SYNFLOW_SHARED_CAPTURES)).filePath(QStringLiteral("local-lossy.pcapng"));
        MainWindow w;
        w.show();
        flowDock(w)->show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(QFileInfo::exists(shared) ? shared : dataFile("lo-lossy.pcapng")));
        QVERIFY(done.wait(10000));
        QSignalSpy filtered(&w, &MainWindow::filterApplied);
        displayFilter(w)->setText(QStringLiteral("tcp.analysis.retransmission"));
        QTest::keyClick(displayFilter(w), Qt::Key_Return);
        QVERIFY(filtered.wait(10000));
        PacketListModel* model = packetModel(w);
        QTableView* list = packetList(w);
        const int rows = model->rowCount();
        QVERIFY(rows >= 2 && size_t(rows) < model->frameCount());
        for (int row : {rows - 1, 0, rows / 2}) {
            const QModelIndex cell = model->index(row, PacketListModel::Info);
            list->scrollTo(cell);
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(cell).center());
            QCOMPARE(list->currentIndex().row(), row);
            const size_t frame = model->frameAt(row);
            const QString top = detailTree(w)->topLevelItem(0)->text(0);
            QVERIFY2(top.startsWith(QStringLiteral("Frame %1:").arg(frame + 1)), qPrintable(top));
            const int arrow = flowView(w)->currentArrow();
            QVERIFY(arrow >= 0);
            QCOMPARE(size_t(flowView(w)->graph().arrows()[size_t(arrow)].frame), frame);
        }
        const size_t last = model->frameAt(rows - 1);
        w.goToPacket(last + 1);
        QCOMPARE(list->currentIndex().row(), rows - 1);
        QVERIFY(detailTree(w)->topLevelItem(0)->text(0).startsWith(QStringLiteral("Frame %1:").arg(last + 1)));
    }

    // Frames without IP show their link-layer addresses, named as Wireshark names them; anonymised,
    // the names go too (a maker's name would tell half the address).
    void linkAddressesOfFramesWithoutIp()
    {
        const QString arp = QDir(QStringLiteral(SYNFLOW_SHARED_CAPTURES)).filePath(QStringLiteral("breadth/pn-arp_request_response.pcap"));
        if (!QFileInfo::exists(arp))
            QSKIP(qPrintable(QStringLiteral("%1 is missing").arg(arp)));
        if (!QFileInfo::exists(QStringLiteral("/usr/share/wireshark/manuf")))
            QSKIP("Wireshark's manuf file is not installed");
        MainWindow w;
        w.show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(arp));
        QVERIFY(done.wait(10000));
        PacketListModel* model = packetModel(w);
        const auto shown = [&](int row, int column) { return model->index(row, column).data(Qt::DisplayRole).toString(); };
        QCOMPARE(shown(0, PacketListModel::Source), QStringLiteral("EPOXComp_99:01:54")); // as tshark's list
        QCOMPARE(shown(0, PacketListModel::Destination), QStringLiteral("Broadcast"));
        QCOMPARE(shown(1, PacketListModel::Source), QStringLiteral("IntelCor_02:08:54"));
        Anonymity::instance().setEnabled(true);
        const QString anonymous = shown(0, PacketListModel::Source);
        Anonymity::instance().setEnabled(false);
        QVERIFY2(anonymous.startsWith(QStringLiteral("00:00:5e:00:53:")), qPrintable(anonymous));
        QCOMPARE(shown(0, PacketListModel::Source), QStringLiteral("EPOXComp_99:01:54"));
    }

    // The packet count in the status bar follows a language switch both ways.
    void statusBarFollowsTheLanguage()
    {
        MainWindow w;
        w.show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(dataFile("loopback-http.pcapng")));
        QVERIFY(done.wait(10000));
        auto* status = w.findChild<QLabel*>(QStringLiteral("statusText"));
        QVERIFY2(status->text().startsWith(QStringLiteral("12 packet")), qPrintable(status->text()));
        applyLanguage(QStringLiteral("zh_CN"));
        QTRY_VERIFY2(status->text().startsWith(QStringLiteral("12 个数据包")), qPrintable(status->text()));
        applyLanguage(QStringLiteral("en"));
        QTRY_VERIFY2(status->text().startsWith(QStringLiteral("12 packet")), qPrintable(status->text()));
    }

    // View → Dark Theme is ticked exactly when the window is dark, whatever was saved
    // (`--theme light` after dark was chosen once).
    void themeMenuAgreesWithTheWindow()
    {
        saveDarkTheme(true);
        applyTheme(false);
        {
            MainWindow w;
            QVERIFY(!w.findChild<QAction*>(QStringLiteral("darkTheme"))->isChecked());
        }
        applyTheme(true);
        {
            MainWindow w;
            QVERIFY(w.findChild<QAction*>(QStringLiteral("darkTheme"))->isChecked());
        }
        saveDarkTheme(false);
        applyTheme(false);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
