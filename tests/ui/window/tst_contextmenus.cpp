// The right-click menus of the packet list, the detail tree and the column header, used as a
// Wireshark user uses them on the real window: the filters they build land in the filter bar
// exactly as Wireshark writes them and the list then shows tshark -Y's frames (the frames of
// tests/core/filter/builder-oracle.tsv); conversation colours, marks and time references show in
// the list; copies reach the clipboard; columns added, hidden and aligned stay for the next window.
#include "models/packetlistmodel.h"
#include "packets/detailtreeview.h"
#include "packets/filteredit.h"
#include "support/language.h"
#include "windowdriver.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStatusBar>

using namespace windowparts;

namespace {

QString dataFile(const char* name) { return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name)); }

// tshark's frames for a filter the builder made on a shared capture (builder-oracle.tsv).
QString tsharkFrames(const QString& capture, int frame, const QString& what, QString* filter)
{
    QFile f(QStringLiteral(SYNFLOW_BUILDER_ORACLE));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("(no oracle)");
    while (!f.atEnd()) {
        const QStringList cols = QString::fromUtf8(f.readLine()).chopped(1).split(QLatin1Char('\t'));
        if (cols.size() == 5 && cols[0] == capture && cols[1].toInt() == frame && cols[2] == what) {
            *filter = cols[3];
            return cols[4];
        }
    }
    return QStringLiteral("(not in the oracle)");
}

const char* const kIp4and6 = "ppa-http_ip4and6.pcapng";

} // namespace

class TestContextMenus : public QObject {
    Q_OBJECT
    QString shared_;

    bool openShared(MainWindow& w)
    {
        return driver::open(w, shared_);
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_contextmenus"));
        shared_ = QStringLiteral(SYNFLOW_SHARED_CAPTURES "/") + QString::fromLatin1(kIp4and6);
    }
    void init() { QSettings().clear(); }
    void cleanupTestCase() { QSettings().clear(); }

    // Right-click a Source cell → Apply as Filter → Selected: Wireshark's filter, tshark's frames.
    void packetListApplyAsFilter()
    {
        if (!QFileInfo::exists(shared_))
            QSKIP(qPrintable(QStringLiteral("shared capture missing: ") + shared_));
        MainWindow w;
        w.show();
        QVERIFY(openShared(w));
        QMenu* menu = driver::rightClickCell(w, 10, PacketListModel::Source); // frame 11, IPv6
        QVERIFY(menu);
        QCOMPARE(driver::selectedFrame(w), size_t(10)); // the right-clicked packet is the selected one
        // The entries and their order, as Wireshark 4.0 lays them out.
        QCOMPARE(driver::texts(menu), (QStringList{QStringLiteral("Mark Packet"), QStringLiteral("Set Time Reference"),
                                                   QStringLiteral("Packet Comments"), QStringLiteral("Apply as Filter"), QStringLiteral("Prepare as Filter"),
                                                   QStringLiteral("Conversation Filter"), QStringLiteral("Colorize Conversation"),
                                                   QStringLiteral("Follow"), QStringLiteral("Copy")}));
        QCOMPARE(driver::texts(menu->findChild<QMenu*>(QStringLiteral("applyAsFilterMenu"))),
                 (QStringList{QStringLiteral("Selected"), QStringLiteral("Not Selected"), QStringLiteral("…and Selected"),
                              QStringLiteral("…or Selected"), QStringLiteral("…and not Selected"), QStringLiteral("…or not Selected")}));
        QVERIFY(!driver::entry(menu, QStringLiteral("follow"))); // no Follow TCP Stream: SynFlow has no stream view
        QSignalSpy applied(&w, &MainWindow::filterApplied);
        QVERIFY(driver::choose(menu, QStringLiteral("applyAsFilterMenu/selected")));
        QVERIFY(applied.wait(10000));
        QString built;
        const QString frames = tsharkFrames(QString::fromLatin1(kIp4and6), 11, QStringLiteral("ipv6.src"), &built);
        QCOMPARE(displayFilter(w)->text(), QStringLiteral("ipv6.src == 2001:db8:1:2::1002"));
        QCOMPARE(built, displayFilter(w)->text());
        QCOMPARE(driver::listedFrames(w), frames);
        QCOMPARE(driver::selectedFrame(w), size_t(10)); // still on the packet that was right-clicked

        // …and not Selected on the first row's No. cell joins it to the filter in the bar.
        menu = driver::rightClickCell(w, 0, PacketListModel::Number);
        QVERIFY(driver::choose(menu, QStringLiteral("applyAsFilterMenu/andNotSelected")));
        QVERIFY(applied.wait(10000));
        QCOMPARE(displayFilter(w)->text(), QStringLiteral("(ipv6.src == 2001:db8:1:2::1002) && !(frame.number == 11)"));
        QCOMPARE(driver::listedFrames(w), QStringLiteral("13,14,17,18,20"));

        // The Protocol and Info columns have no field behind them: nothing to apply, as in Wireshark.
        menu = driver::rightClickCell(w, 0, PacketListModel::Info);
        QVERIFY(!driver::entry(menu, QStringLiteral("applyAsFilterMenu"))->isEnabled());
        QVERIFY(!driver::entry(menu, QStringLiteral("copyMenu/asFilter"))->isEnabled());
        driver::dismiss(menu);
    }

    // Conversation Filter: the layers the packet has, Wireshark's filter, tshark's frames.
    void conversationFilters()
    {
        if (!QFileInfo::exists(shared_))
            QSKIP(qPrintable(QStringLiteral("shared capture missing: ") + shared_));
        MainWindow w;
        w.show();
        QVERIFY(openShared(w));
        QSignalSpy applied(&w, &MainWindow::filterApplied);
        QMenu* menu = driver::rightClickCell(w, 19, PacketListModel::Info); // frame 20, TCP over IPv6
        QCOMPARE(driver::texts(menu->findChild<QMenu*>(QStringLiteral("conversationFilterMenu"))),
                 (QStringList{QStringLiteral("Ethernet"), QStringLiteral("IPv4"), QStringLiteral("IPv6"), QStringLiteral("TCP"), QStringLiteral("UDP")}));
        QVERIFY(!driver::entry(menu, QStringLiteral("conversationFilterMenu/ipv4"))->isEnabled());
        QVERIFY(!driver::entry(menu, QStringLiteral("conversationFilterMenu/udp"))->isEnabled());
        QVERIFY(driver::choose(menu, QStringLiteral("conversationFilterMenu/tcp")));
        QVERIFY(applied.wait(10000));
        QString built;
        QString frames = tsharkFrames(QString::fromLatin1(kIp4and6), 20, QStringLiteral("conv.tcp"), &built);
        QCOMPARE(displayFilter(w)->text(),
                 QStringLiteral("(ipv6.addr==2001:db8:1:2::1002 && ipv6.addr==2001:db8:1:2::1000) && (tcp.port==35023 && tcp.port==80)"));
        QCOMPARE(built, displayFilter(w)->text());
        QCOMPARE(driver::listedFrames(w), frames);

        displayFilter(w)->clear(); // cleared: every packet again
        QTRY_COMPARE(packetModel(w)->rowCount(), 20);
        w.goToPacket(1);
        QVERIFY(driver::choose(driver::rightClickCell(w, 0, PacketListModel::Source), QStringLiteral("conversationFilterMenu/ipv4")));
        QVERIFY(applied.wait(10000));
        frames = tsharkFrames(QString::fromLatin1(kIp4and6), 1, QStringLiteral("conv.ip"), &built);
        QCOMPARE(displayFilter(w)->text(), QStringLiteral("ip.addr==172.16.16.140 && ip.addr==172.16.16.139"));
        QCOMPARE(built, displayFilter(w)->text());
        QCOMPARE(driver::listedFrames(w), frames);
    }

    // A detail line: Apply as Filter on the field, Prepare as Filter, and the copies.
    void detailTreeFilters()
    {
        if (!QFileInfo::exists(shared_))
            QSKIP(qPrintable(QStringLiteral("shared capture missing: ") + shared_));
        MainWindow w;
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(openShared(w));
        QSignalSpy applied(&w, &MainWindow::filterApplied);
        QTreeWidgetItem* syn = driver::line(w, "tcp.flags.syn");
        QVERIFY(syn);
        QMenu* menu = driver::rightClickLine(w, syn);
        QCOMPARE(detailTree(w)->currentItem(), syn); // right-clicking selects the line
        QCOMPARE(driver::texts(menu), (QStringList{QStringLiteral("Expand Subtrees"), QStringLiteral("Collapse Subtrees"),
                                                   QStringLiteral("Expand All"), QStringLiteral("Collapse All"),
                                                   QStringLiteral("Apply as Column"), QStringLiteral("Apply as Filter"),
                                                   QStringLiteral("Prepare as Filter"), QStringLiteral("Conversation Filter"),
                                                   QStringLiteral("Copy")}));
        QVERIFY(driver::choose(menu, QStringLiteral("applyAsFilterMenu/selected")));
        QVERIFY(applied.wait(10000));
        QString built;
        const QString frames = tsharkFrames(QString::fromLatin1(kIp4and6), 1, QStringLiteral("tcp.flags.syn"), &built);
        QCOMPARE(displayFilter(w)->text(), QStringLiteral("tcp.flags.syn == 1"));
        QCOMPARE(built, displayFilter(w)->text());
        QCOMPARE(driver::listedFrames(w), frames);

        // Prepare as Filter → Not Selected on the stream index: in the bar, not applied, focused.
        w.goToPacket(11);
        QTreeWidgetItem* stream = driver::line(w, "tcp.stream");
        QVERIFY(stream);
        QVERIFY(driver::choose(driver::rightClickLine(w, stream), QStringLiteral("prepareAsFilterMenu/notSelected")));
        QCOMPARE(displayFilter(w)->text(), QStringLiteral("!(tcp.stream == 1)"));
        QCOMPARE(driver::listedFrames(w), frames); // nothing applied yet
        QTRY_VERIFY(displayFilter(w)->hasFocus());
        QTest::keyClick(displayFilter(w), Qt::Key_Return);
        QVERIFY(applied.wait(10000));
        QCOMPARE(driver::listedFrames(w), QStringLiteral("1,2,3,4,5,6,7,8,9,10")); // Not Selected replaces the filter: stream 0 (tshark: tcp.stream == 0)
    }

    void detailTreeCopiesAndBranches()
    {
        MainWindow w;
        w.show();
        QVERIFY(driver::open(w, dataFile("loopback-http.pcap")));
        QTreeWidgetItem* port = driver::line(w, "tcp.srcport");
        QVERIFY(port);
        const struct {
            const char* entry;
            QString expected;
        } copies[] = {{"copyMenu/description", QStringLiteral("Source Port: 37960")}, {"copyMenu/fieldName", QStringLiteral("tcp.srcport")},
                      {"copyMenu/value", QStringLiteral("37960")}, {"copyMenu/asFilter", QStringLiteral("tcp.srcport == 37960")}};
        for (const auto& c : copies) {
            QVERIFY(driver::choose(driver::rightClickLine(w, port), QString::fromLatin1(c.entry)));
            QCOMPARE(QApplication::clipboard()->text(), c.expected);
        }
        QVERIFY(driver::choose(driver::rightClickLine(w, port), QStringLiteral("copyMenu/allVisibleItems")));
        QVERIFY(QApplication::clipboard()->text().startsWith(QStringLiteral("Frame 1: ")));
        QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("\n    Source Port: 37960\n")));

        QTreeWidgetItem* tcp = driver::line(w, "tcp");
        auto allBelow = [](QTreeWidgetItem* item, bool expanded) {
            std::function<bool(QTreeWidgetItem*)> walk = [&](QTreeWidgetItem* i) {
                for (int c = 0; c < i->childCount(); ++c)
                    if ((i->child(c)->childCount() && i->child(c)->isExpanded() != expanded) || !walk(i->child(c)))
                        return false;
                return true;
            };
            return item->isExpanded() == expanded && walk(item);
        };
        QVERIFY(driver::choose(driver::rightClickLine(w, tcp), QStringLiteral("expandSubtrees")));
        QVERIFY(allBelow(tcp, true));
        QVERIFY(driver::choose(driver::rightClickLine(w, tcp), QStringLiteral("collapseSubtrees")));
        QVERIFY(allBelow(tcp, false));
        // The keys the menu shows do the same.
        detailTree(w)->setCurrentItem(tcp);
        QTest::keyClick(detailTree(w), Qt::Key_Right, Qt::ShiftModifier);
        QVERIFY(allBelow(tcp, true));
        QTest::keyClick(detailTree(w), Qt::Key_Left, Qt::ShiftModifier);
        QVERIFY(allBelow(tcp, false));
        QVERIFY(driver::choose(driver::rightClickLine(w, tcp), QStringLiteral("expandAll")));
        QVERIFY(driver::line(w, "ip")->isExpanded() && tcp->isExpanded());
        QVERIFY(driver::choose(driver::rightClickLine(w, tcp), QStringLiteral("collapseAll")));
        QVERIFY(!driver::line(w, "ip")->isExpanded() && !tcp->isExpanded());
    }

    // Colorize Conversation paints the conversation's rows in the chosen temporary colour.
    void colorizeConversation()
    {
        MainWindow w;
        w.show();
        QVERIFY(driver::open(w, dataFile("loopback-http.pcap")));
        w.goToPacket(1);
        const QColor before = driver::paintedRowColour(w, 11);
        QMenu* menu = driver::rightClickCell(w, 11, PacketListModel::Info); // the UDP datagram
        QVERIFY(!driver::entry(menu, QStringLiteral("colorizeConversationMenu/tcp"))->isEnabled());
        QCOMPARE(driver::entry(menu, QStringLiteral("colorizeConversationMenu/udp/color3"))->text(), QStringLiteral("Color 3"));
        QVERIFY(driver::choose(menu, QStringLiteral("colorizeConversationMenu/udp/color3")));
        w.goToPacket(1); // the colour shows on a row that is not selected
        QCOMPARE(driver::paintedRowColour(w, 11), QColor(0xe0, 0xc0, 0xe0)); // Wireshark's Color 3
        QVERIFY(driver::paintedRowColour(w, 5) != QColor(0xe0, 0xc0, 0xe0));
        QVERIFY(driver::choose(driver::rightClickCell(w, 0, PacketListModel::Info), QStringLiteral("colorizeConversationMenu/resetColorization")));
        QCOMPARE(driver::paintedRowColour(w, 11), before);
    }

    void copySummaryMarkAndTimeReference()
    {
        MainWindow w;
        w.show();
        QVERIFY(driver::open(w, dataFile("loopback-http.pcap")));
        QVERIFY(driver::choose(driver::rightClickCell(w, 0, PacketListModel::Info), QStringLiteral("copyMenu/summaryAsText")));
        QStringList lines = QApplication::clipboard()->text().split(QLatin1Char('\n'));
        // The Time column at the file's own precision (microseconds), as Wireshark copies it.
        QCOMPARE(lines[0], QStringLiteral("No.\tTime\tSource\tDestination\tProtocol\tLength\tInfo"));
        QVERIFY2(lines[1].startsWith(QStringLiteral("1\t0.000000\t127.0.0.1\t127.0.0.1\tTCP\t74\t37960 → 40204 [SYN]")), qPrintable(lines[1]));
        QVERIFY(driver::choose(driver::rightClickCell(w, 0, PacketListModel::Info), QStringLiteral("copyMenu/summaryAsCsv")));
        lines = QApplication::clipboard()->text().split(QLatin1Char('\n'));
        QCOMPARE(lines[0], QStringLiteral("\"No.\",\"Time\",\"Source\",\"Destination\",\"Protocol\",\"Length\",\"Info\""));
        QVERIFY(lines[1].startsWith(QStringLiteral("\"1\",\"0.000000\",\"127.0.0.1\",\"127.0.0.1\",\"TCP\",\"74\",\"37960 → 40204 [SYN]")));
        QVERIFY(driver::choose(driver::rightClickCell(w, 3, PacketListModel::Source), QStringLiteral("copyMenu/asFilter")));
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("ip.src == 127.0.0.1"));

        // Mark: Wireshark's marked colours on the row, the count in the status bar, Unmark offered.
        QVERIFY(driver::choose(driver::rightClickCell(w, 2, PacketListModel::Info), QStringLiteral("markPacket")));
        w.goToPacket(1);
        QCOMPARE(driver::paintedRowColour(w, 2), QColor(0x00, 0x00, 0x5f));
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("statusText"))->text().endsWith(QStringLiteral(", 1 marked")));
        QMenu* menu = driver::rightClickCell(w, 2, PacketListModel::Info);
        QCOMPARE(driver::entry(menu, QStringLiteral("markPacket"))->text(), QStringLiteral("Unmark Packet"));
        QVERIFY(driver::choose(menu, QStringLiteral("markPacket")));
        QVERIFY(driver::paintedRowColour(w, 2) != QColor(0x00, 0x00, 0x5f));

        // Time reference: *REF* in its Time cell, the later packets' times counted from it.
        PacketListModel* m = packetModel(w);
        const double t4 = m->data(m->index(4, PacketListModel::Time), Qt::DisplayRole).toDouble();
        const double t6 = m->data(m->index(6, PacketListModel::Time), Qt::DisplayRole).toDouble();
        QVERIFY(driver::choose(driver::rightClickCell(w, 4, PacketListModel::Time), QStringLiteral("timeReference")));
        QCOMPARE(m->data(m->index(4, PacketListModel::Time), Qt::DisplayRole).toString(), QStringLiteral("*REF*"));
        QCOMPARE(m->data(m->index(6, PacketListModel::Time), Qt::DisplayRole).toDouble(), t6 - t4);
        QCOMPARE(m->data(m->index(3, PacketListModel::Time), Qt::DisplayRole).toDouble() < t4, true); // earlier ones unchanged
        menu = driver::rightClickCell(w, 4, PacketListModel::Time);
        QCOMPARE(driver::entry(menu, QStringLiteral("timeReference"))->text(), QStringLiteral("Unset Time Reference"));
        QVERIFY(!driver::entry(menu, QStringLiteral("applyAsFilterMenu"))->isEnabled()); // *REF* is no time to filter on
        QVERIFY(driver::choose(menu, QStringLiteral("timeReference")));
        QCOMPARE(m->data(m->index(6, PacketListModel::Time), Qt::DisplayRole).toDouble(), t6);
    }

    // The column header: Apply as Column of the selected field, hide/show, align, resize; kept.
    void columnHeader()
    {
        {
            MainWindow w;
            w.show();
            QVERIFY(driver::open(w, dataFile("loopback-http.pcap")));
            w.goToPacket(3);
            QTreeWidgetItem* ttl = driver::line(w, "ip.ttl");
            QVERIFY(ttl);
            detailTree(w)->setCurrentItem(ttl);
            QMenu* menu = driver::rightClickHeader(w, PacketListModel::Info);
            QCOMPARE(driver::entry(menu, QStringLiteral("applyAsColumn"))->text(), QStringLiteral("Apply ip.ttl as Column"));
            QVERIFY(driver::choose(menu, QStringLiteral("applyAsColumn")));
            PacketListModel* m = packetModel(w);
            QCOMPARE(m->columnCount(), PacketListModel::ColumnCount + 1);
            QCOMPARE(m->headerData(PacketListModel::ColumnCount, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("Time to Live"));
            QCOMPARE(m->data(m->index(0, PacketListModel::ColumnCount), Qt::DisplayRole).toString(), QStringLiteral("64"));
            QVERIFY(packetList(w)->columnWidth(PacketListModel::Info) > 100); // Info keeps a readable width
            QCOMPARE(driver::selectedFrame(w), size_t(2)); // the selection stays on its packet

            // The detail tree's own Apply as Column adds another.
            QVERIFY(driver::choose(driver::rightClickLine(w, driver::line(w, "tcp.len")), QStringLiteral("applyAsColumn")));
            QCOMPARE(m->headerData(PacketListModel::ColumnCount + 1, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("TCP Segment Len"));

            menu = driver::rightClickHeader(w, PacketListModel::Protocol);
            QVERIFY(driver::entry(menu, QStringLiteral("column4"))->isChecked());
            QVERIFY(!driver::entry(menu, QStringLiteral("removeColumn"))->isEnabled()); // built-in columns are hidden, not removed
            QVERIFY(driver::choose(menu, QStringLiteral("column4")));
            QVERIFY(packetList(w)->isColumnHidden(PacketListModel::Protocol));
            QVERIFY(driver::choose(driver::rightClickHeader(w, PacketListModel::Length), QStringLiteral("alignCenter")));
            QCOMPARE(Qt::Alignment(m->data(m->index(0, PacketListModel::Length), Qt::TextAlignmentRole).toInt()) & Qt::AlignHorizontal_Mask,
                     Qt::AlignHCenter);
            packetList(w)->setColumnWidth(PacketListModel::Source, 10); // squeezed: the addresses cut off
            QVERIFY(driver::choose(driver::rightClickHeader(w, PacketListModel::Source), QStringLiteral("resizeToContents")));
            QVERIFY(packetList(w)->columnWidth(PacketListModel::Source) > packetList(w)->fontMetrics().horizontalAdvance(QStringLiteral("127.0.0.1")));
        }
        {
            // A new window has them as they were left.
            MainWindow w;
            w.show();
            QVERIFY(driver::open(w, dataFile("loopback-http.pcap")));
            PacketListModel* m = packetModel(w);
            QCOMPARE(m->columnCount(), PacketListModel::ColumnCount + 2);
            QCOMPARE(m->data(m->index(3, PacketListModel::ColumnCount + 1), Qt::DisplayRole).toString(), QStringLiteral("18")); // GET / HTTP/1.0
            QVERIFY(packetList(w)->isColumnHidden(PacketListModel::Protocol));
            QCOMPARE(Qt::Alignment(m->data(m->index(0, PacketListModel::Length), Qt::TextAlignmentRole).toInt()) & Qt::AlignHorizontal_Mask,
                     Qt::AlignHCenter);
            QMenu* menu = driver::rightClickHeader(w, PacketListModel::ColumnCount);
            QVERIFY(driver::entry(menu, QStringLiteral("alignLeft"))->isChecked());
            QVERIFY(driver::choose(menu, QStringLiteral("removeColumn")));
            QCOMPARE(m->headerData(PacketListModel::ColumnCount, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("TCP Segment Len"));
            QVERIFY(driver::choose(driver::rightClickHeader(w, PacketListModel::Info), QStringLiteral("column4")));
            QVERIFY(!packetList(w)->isColumnHidden(PacketListModel::Protocol));
        }
        MainWindow w;
        QCOMPARE(packetModel(w)->customColumns(), QStringList{QStringLiteral("tcp.len")});
        QVERIFY(!packetList(w)->isColumnHidden(PacketListModel::Protocol));
    }

    // After a language switch the menus are made in the new language and the selection stays.
    void languageSwitchKeepsSelection()
    {
        MainWindow w;
        w.show();
        QVERIFY(driver::open(w, dataFile("loopback-http.pcap")));
        w.goToPacket(5);
        detailTree(w)->setCurrentItem(driver::line(w, "tcp.srcport"));
        QVERIFY(driver::choose(driver::rightClickLine(w, detailTree(w)->currentItem()), QStringLiteral("applyAsColumn")));
        applyLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(driver::selectedFrame(w), size_t(4));
        QCOMPARE(packetList(w)->currentIndex().row(), 4);
        QMenu* menu = driver::rightClickCell(w, 4, PacketListModel::Info);
        QVERIFY(menu);
        QVERIFY(driver::choose(menu, QStringLiteral("markPacket")));
        QVERIFY(packetModel(w)->isMarked(4));
        applyLanguage(QStringLiteral("en"));
        QCOMPARE(driver::selectedFrame(w), size_t(4));
        QCOMPARE(packetModel(w)->headerData(PacketListModel::ColumnCount, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("Source Port"));
        QCOMPARE(driver::texts(driver::rightClickCell(w, 4, PacketListModel::Info)).first(), QStringLiteral("Unmark Packet"));
        QSettings().remove(QStringLiteral("language"));
    }
};

QTEST_MAIN(TestContextMenus)
#include "tst_contextmenus.moc"
