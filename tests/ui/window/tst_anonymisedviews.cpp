// Anonymised hosts, one switch for the whole application: with it on, every window a teacher
// can open on a real capture (list, tree, flow graph, teaching, Follow Stream, Conversations,
// Endpoints, TCP stream graph, I/O graph, Expert Information, Capture File Properties,
// Protocol Hierarchy), its title and the status bar, and what they copy or export, name no
// real address of the capture; Find and filters read the names shown, so a real address
// finds nothing. Only payload is shown as captured: the bytes pane and a followed stream's
// content (ui/packets/WIRESHARK_DIFFERENCES.md says why).
#include "common/craftedcapture.h"
#include "filter/filterbuilder.h"
#include "graphs/tcpstreamgraphwindow.h"
#include "statistics/trafficwindow.h"
#include "support/anonymity.h"
#include "window/mainwindow.h"
#include "window/windowparts.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTemporaryDir>
#include <QtTest>

using namespace windowparts;

namespace {

bool load(MainWindow& w, const QString& path)
{
    QSignalSpy done(&w, &MainWindow::loadFinished);
    return w.openCapture(path) && done.wait(10000);
}

// Views that show payload, as captured: the bytes pane draws itself (no item model), and a
// followed stream's content is this list.
bool isPayload(const QWidget* w) { return w->objectName() == QLatin1String("followText"); }

void modelTexts(const QAbstractItemModel* m, const QModelIndex& parent, QStringList& out, int depth = 0)
{
    if (depth > 4)
        return;
    const int rows = std::min(m->rowCount(parent), 400), columns = m->columnCount(parent);
    for (int c = 0; c < columns; ++c)
        out << m->headerData(c, Qt::Horizontal).toString();
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            const QModelIndex i = m->index(r, c, parent);
            out << i.data(Qt::DisplayRole).toString() << i.data(Qt::ToolTipRole).toString();
            if (c == 0 && m->hasChildren(i))
                modelTexts(m, i, out, depth + 1);
        }
}

// Every text a person can see in the open windows, each tagged with where it is.
QStringList visibleTexts()
{
    QStringList out;
    for (QWidget* top : QApplication::topLevelWidgets()) {
        if (!top->isVisible())
            continue;
        QList<QWidget*> widgets = top->findChildren<QWidget*>();
        widgets.prepend(top);
        for (QWidget* w : std::as_const(widgets)) {
            if (!w->isVisible() || isPayload(w))
                continue;
            const QString where = QStringLiteral("[%1/%2] ").arg(top->objectName(), w->objectName());
            QStringList t;
            if (w->isWindow())
                t << w->windowTitle();
            t << w->toolTip() << w->accessibleName();
            if (auto* l = qobject_cast<QLabel*>(w))
                t << l->text();
            if (auto* b = qobject_cast<QAbstractButton*>(w))
                t << b->text();
            if (auto* e = qobject_cast<QLineEdit*>(w))
                t << e->text();
            if (auto* s = qobject_cast<QAbstractSpinBox*>(w))
                t << s->text();
            if (auto* g = qobject_cast<QGroupBox*>(w))
                t << g->title();
            if (auto* s = qobject_cast<QStatusBar*>(w))
                t << s->currentMessage();
            if (auto* c = qobject_cast<QComboBox*>(w))
                for (int i = 0; i < c->count(); ++i)
                    t << c->itemText(i);
            if (auto* bar = qobject_cast<QTabBar*>(w))
                for (int i = 0; i < bar->count(); ++i)
                    t << bar->tabText(i) << bar->tabToolTip(i);
            if (auto* v = qobject_cast<QAbstractItemView*>(w); v && v->model())
                modelTexts(v->model(), v->rootIndex(), t);
            if (auto* f = qobject_cast<FlowView*>(w)) {
                f->grab(); // what it paints
                for (const FlowPainter::PaintedText& p : f->paintedTexts())
                    t << p.full;
            }
            for (const QString& s : std::as_const(t))
                if (!s.isEmpty())
                    out << where + s;
        }
    }
    return out;
}

QString fileText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QStringLiteral("cannot read ") + path;
}

} // namespace

class TestAnonymisedViews : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_anonymisedviews"));
    }

    void cleanup() { Anonymity::instance().setEnabled(false); }

    void everyWindowAndExport_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addRow("crafted-ethernet") << QString(); // written below: Ethernet, 10.0.0.x, HTTP
        QTest::addRow("loopback") << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("lo-closeclient.pcapng"));
        QTest::addRow("ipv4-and-ipv6") << QStringLiteral(SYNFLOW_SHARED_CAPTURES "/ppa-http_ip4and6.pcapng");
    }

    void everyWindowAndExport()
    {
        QFETCH(QString, capture);
        QTemporaryDir dir;
        if (capture.isEmpty()) {
            capture = dir.filePath(QStringLiteral("crafted.pcap"));
            QFile f(capture);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(synflow::test::httpCapture("GET / HTTP/1.1\r\nHost: example.org\r\n\r\n", 2));
        }
        if (!QFile::exists(capture))
            QSKIP(qPrintable(QStringLiteral("missing %1").arg(capture)));
        MainWindow w;
        w.resize(1200, 900);
        w.show();
        QVERIFY(load(w, capture));
        w.showFlowGraph();
        w.goToPacket(1);
        PacketPane* pane = packetPane(w);

        // Every window there is to open on the first packet's conversation.
        for (const char* name : {"conversations", "endpoints", "ioGraph", "expertInformation", "captureFileProperties", "protocolHierarchy"})
            action(w, name)->trigger();
        auto* conversations = w.findChild<TrafficWindow*>(QStringLiteral("conversationsWindow"));
        auto* endpoints = w.findChild<TrafficWindow*>(QStringLiteral("endpointsWindow"));
        QVERIFY(conversations && endpoints);
        QTRY_VERIFY(endpoints->tableAsCsv().count(QLatin1Char('\n')) > 1);
        auto* graph = qobject_cast<TcpStreamGraphWindow*>(w.openTcpStreamGraph(TcpStreamGraphWindow::Tcptrace));
        QVERIFY(graph);
        QVERIFY(w.openFollowStream());
        w.goToPacket(1);
        ProjectorWindow* teaching = w.openProjector();
        QVERIFY(teaching);
        teaching->resize(1024, 768);
        teaching->show();
        QVERIFY(QTest::qWaitForWindowExposed(teaching));
        QTest::keyClick(teaching, Qt::Key_End);
        detailTree(w)->expandAll();

        // What the windows show and what they copy or export, the switch off or on.
        auto everything = [&] {
            QCoreApplication::processEvents();
            QStringList out = visibleTexts();
            auto tables = [&](TrafficWindow* t) {
                auto* tabs = t->findChild<QTabWidget*>(QStringLiteral("trafficTabs"));
                for (int i = 0; i < tabs->count(); ++i) {
                    tabs->setCurrentIndex(i);
                    out << QStringLiteral("[csv] ") + t->tableAsCsv() << QStringLiteral("[yaml] ") + t->tableAsYaml();
                }
            };
            tables(conversations);
            tables(endpoints);
            for (int row = 0; row < std::min(pane->model()->rowCount(), 40); ++row) {
                out << QStringLiteral("[copy summary] ") + pane->summaryText(row, false) + pane->summaryText(row, true);
                for (const int c : {int(PacketListModel::Source), int(PacketListModel::Destination)})
                    out << QStringLiteral("[copy as filter] ") + pane->columnFilter(row, c);
                for (const auto layer : {synflow::ConversationLayer::Ethernet, synflow::ConversationLayer::Ipv4, synflow::ConversationLayer::Ipv6,
                                         synflow::ConversationLayer::Tcp, synflow::ConversationLayer::Udp})
                    out << QStringLiteral("[conversation filter] ") + pane->conversationFilter(pane->model()->frameAt(row), layer);
            }
            QTest::mouseClick(w.findChild<QWidget*>(QStringLiteral("capturePropertiesWindow"))->findChild<QAbstractButton*>(QStringLiteral("copyToClipboard")),
                              Qt::LeftButton);
            out << QStringLiteral("[properties copied] ") + QApplication::clipboard()->text();
            QString error;
            const QString svg = dir.filePath(QStringLiteral("graph.svg"));
            out << QStringLiteral("[tcp graph svg] ") + (graph->exportTo(svg, &error) ? fileText(svg) : error);
            for (const char* suffix : {"svg", "txt"}) {
                const QString path = dir.filePath(QStringLiteral("flow.") + QLatin1String(suffix));
                out << QStringLiteral("[flow export] ") + (flowPanel(w)->exportTo(path, &error) ? fileText(path) : error);
            }
            return out;
        };

        // A filter naming the first conversation's addresses, in the bar (and the statistics
        // windows that quote it).
        const QString conversation = pane->conversationFilter(pane->model()->frameAt(0), synflow::ConversationLayer::Ipv4).isEmpty()
                                         ? pane->conversationFilter(pane->model()->frameAt(0), synflow::ConversationLayer::Ipv6)
                                         : pane->conversationFilter(pane->model()->frameAt(0), synflow::ConversationLayer::Ipv4);
        QVERIFY(!conversation.isEmpty());
        pane->applyFilterText(conversation);
        QTRY_VERIFY(pane->model()->rowCount() > 0);
        QCOMPARE(displayFilter(w)->text(), conversation);

        // The capture's real addresses: every endpoint of every kind, with the switch off.
        QSet<QString> real;
        auto* tabs = endpoints->findChild<QTabWidget*>(QStringLiteral("trafficTabs"));
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            const QStringList lines = endpoints->tableAsCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            for (int l = 1; l < lines.size(); ++l)
                real << lines[l].section(QLatin1Char(','), 0, 0);
        }
        for (const char* noHost : {"ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00", "0.0.0.0", "255.255.255.255", "::"})
            real.remove(QLatin1String(noHost)); // they name no host: kept as they are
        QVERIFY(!real.isEmpty());
        const QString before = everything().join(QLatin1Char('\n'));
        for (const QString& a : std::as_const(real))
            QVERIFY2(before.contains(a), qPrintable(a + QStringLiteral(" not shown with the switch off"))); // the walk sees them

        action(w, "anonymiseHosts")->trigger(); // View → Anonymised Hosts
        QVERIFY(Anonymity::instance().enabled());
        QTRY_VERIFY(!flowView(w)->graph().arrows().empty());
        const QStringList after = everything();
        for (const QString& text : after)
            for (const QString& a : std::as_const(real))
                QVERIFY2(!text.contains(a), qPrintable(QStringLiteral("%1 in %2").arg(a, text.left(400))));

        // Find and filters read the names shown: the real address finds nothing, its
        // documentation name finds the packets. The filter bar is in the names shown.
        const QString someReal = pane->model()->cellText(0, PacketListModel::Source); // the first packet's, as captured
        QVERIFY(real.contains(someReal));
        const auto anonymiser = Anonymity::instance().forCapture(pane->model()->analysed());
        const QString shownName = QString::fromStdString(anonymiser->address(someReal.toStdString()));
        QVERIFY(shownName != someReal);
        QSignalSpy messages(pane, &PacketPane::message);
        for (const auto where : {FindBar::Where::PacketList, FindBar::Where::Details}) {
            findBar(w)->setQuery(FindBar::Kind::String, someReal, where);
            pane->find(false);
            QTRY_VERIFY(!messages.isEmpty());
            QCOMPARE(messages.takeLast().first().toString(), QStringLiteral("No packet contained that string."));
            findBar(w)->setQuery(FindBar::Kind::String, shownName, where);
            pane->find(false);
            QTRY_VERIFY(!messages.isEmpty());
            QVERIFY2(messages.last().first().toString().startsWith(QLatin1String("Found packet"))
                         || messages.last().first().toString().startsWith(QLatin1String("Search reached")),
                     qPrintable(messages.last().first().toString()));
            messages.clear();
        }
        const char* field = someReal.contains(QLatin1Char(':')) ? "ipv6.addr" : "ip.addr";
        pane->applyFilterText(QStringLiteral("%1 == %2").arg(QLatin1String(field), someReal));
        QTRY_COMPARE(pane->model()->rowCount(), 0);
        pane->applyFilterText(QStringLiteral("%1 == %2").arg(QLatin1String(field), shownName));
        QTRY_VERIFY(pane->model()->rowCount() > 0);
        // Off: the bar keeps its meaning in the real names.
        action(w, "anonymiseHosts")->trigger();
        QCOMPARE(displayFilter(w)->text(), QStringLiteral("%1 == %2").arg(QLatin1String(field), someReal));
        pane->applyFilterText(QString());
        QTRY_COMPARE(size_t(pane->model()->rowCount()), pane->model()->frameCount());
        teaching->close();
    }
};

QTEST_MAIN(TestAnonymisedViews)
#include "tst_anonymisedviews.moc"
