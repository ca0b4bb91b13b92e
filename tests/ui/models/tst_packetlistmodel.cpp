// The packet list model: checked by QAbstractItemModelTester, and its Info column against
// tshark's for chosen frames; rowOf against a search of every row, and the decodes a paint costs.
#include "models/packetlistmodel.h"
#include "models/packetlistmodel_p.h"

#include "analysis/analysedcapture.h"
#include "capture/capturefile.h"
#include "common/craftedcapture.h"
#include "common/oracletsv.h"
#include "proto/conversationprotocols.h"
#include "tcp/tcptracker.h"

#include "filter/displayfilter.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QPixmap>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace synflow;

namespace {

struct Loaded {
    std::shared_ptr<AnalysedCapture> capture;
    const CaptureFile* file = nullptr;
    const TcpTracker* tracker = nullptr;
};

Loaded load(const QString& path)
{
    auto capture = std::make_shared<AnalysedCapture>();
    std::string err;
    if (!capture->open(path.toStdString(), err))
        return {};
    capture->analyse();
    return Loaded{capture, &capture->file(), capture->tracker()};
}

QString dataFile(const char* name)
{
    return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name));
}

QString sharedFile(const char* name)
{
    return QDir(synflow::test::sharedCapturesDir()).filePath(QString::fromLatin1(name));
}

// Our own captures always; a bigger shared one where the folder is present (the test says
// when it is not).
void addCaptureRows()
{
    QTest::addColumn<QString>("capture");
    QTest::newRow("own http") << dataFile("loopback-http.pcapng");
    QTest::newRow("own lossy") << dataFile("lo-lossy.pcapng");
    QTest::newRow("shared lossy") << sharedFile("local-lossy.pcapng");
}

#define LOAD_OR_SKIP(l, path)                                                                \
    if (!QFileInfo::exists(path))                                                            \
        QSKIP(qPrintable(QStringLiteral("shared capture not found: ") + (path)));           \
    const Loaded l = load(path);                                                             \
    QVERIFY2(l.file, qPrintable(path))

std::shared_ptr<DisplayFilter> compiled(const char* text)
{
    auto f = std::make_shared<DisplayFilter>();
    std::string error;
    return f->compile(text, error) ? f : nullptr;
}

// The capture shown again from its start, its first `rows` packets loaded and analysed.
void showFirstRows(PacketListModel& model, const Loaded& l, size_t rows)
{
    model.setCapture(l.capture);
    model.setRowCount(rows);
    model.analysisReady();
}

void applyFilter(PacketListModel& model, const Loaded& l, const char* text)
{
    auto f = compiled(text);
    QVERIFY(f);
    model.setDisplayFilter(f, filterFrames(*f, *l.file, l.tracker, l.capture->protocols()));
}

// rowOf for every frame, against the rows searched one by one.
bool rowOfAgreesWithSearch(const PacketListModel& model, QString& why)
{
    std::vector<int> expected(model.frameCount(), -1);
    for (int r = 0; r < model.rowCount(); ++r) {
        const size_t f = model.frameAt(r);
        if (f >= expected.size() || expected[f] != -1) {
            why = QStringLiteral("row %1 shows frame %2, out of range or twice").arg(r).arg(f);
            return false;
        }
        expected[f] = r;
    }
    for (size_t f = 0; f < expected.size(); ++f)
        if (model.rowOf(f) != expected[f]) {
            why = QStringLiteral("frame %1: rowOf %2, search %3").arg(f).arg(model.rowOf(f)).arg(expected[f]);
            return false;
        }
    if (model.rowOf(expected.size()) != -1 || model.rowOf(size_t(-1)) != -1) {
        why = QStringLiteral("a frame past the end has a row");
        return false;
    }
    return true;
}

#define CHECK_ROW_OF(model, what)                                                            \
    do {                                                                                     \
        QString why;                                                                         \
        QVERIFY2(rowOfAgreesWithSearch(model, why), qPrintable(QString(what) + ": " + why)); \
    } while (0)

// Rows the view paints: those at least partly inside the viewport.
int visibleRows(const QTableView& view)
{
    const int first = view.rowAt(0);
    int last = view.rowAt(view.viewport()->height() - 1);
    if (last < 0)
        last = view.model()->rowCount() - 1;
    return first < 0 ? 0 : last - first + 1;
}

uint64_t decodesToPaint(QTableView& view)
{
    QPixmap pm(view.viewport()->size());
    const uint64_t before = synflow::detail::packetListDecodes.load();
    view.viewport()->render(&pm);
    return synflow::detail::packetListDecodes.load() - before;
}

} // namespace

class TestPacketListModel : public QObject {
    Q_OBJECT
private slots:
    void passesTheModelTester()
    {
        const Loaded l = load(dataFile("loopback-http.pcapng"));
        QVERIFY(l.file);
        PacketListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapture(l.capture);
        model.setRowCount(5); // rows arrive while loading
        model.setRowCount(l.file->packetCount());
        model.analysisReady();
        QCOMPARE(model.rowCount(), 12);
        model.sort(PacketListModel::Length, Qt::DescendingOrder);
        model.sort(PacketListModel::Info, Qt::AscendingOrder);
        model.sort(PacketListModel::Number, Qt::AscendingOrder);
        model.setTimeFormat(PacketListModel::TimeFormat::UtcDateTime);
        model.setColorize(false);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    // A display filter, sorting under it, and rows arriving while it is applied (live).
    void filteredAndGrowingPassTheModelTester()
    {
        const Loaded l = load(dataFile("loopback-http.pcapng"));
        QVERIFY(l.file);
        PacketListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        showFirstRows(model, l, 6);
        auto filter = std::make_shared<synflow::DisplayFilter>();
        std::string error;
        QVERIFY(filter->compile("tcp.len > 0 or udp", error));
        model.setDisplayFilter(filter, synflow::filterFrames(*filter, *l.file, l.tracker, nullptr));
        QCOMPARE(model.rowCount(), 2); // frames 4 and 6 of the first six
        model.setRowCount(l.file->packetCount()); // the rest arrive: only frame 12 (UDP) passes
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.frameAt(2), size_t(11));
        model.sort(PacketListModel::Length, Qt::DescendingOrder);
        QCOMPARE(model.rowCount(), 3);
        model.setTimeFormat(PacketListModel::TimeFormat::SincePrevious);
        // Since the previous *displayed* packet: frame 6 follows frame 4 here.
        const int row6 = model.rowOf(5), row4 = model.rowOf(3);
        QVERIFY(row6 >= 0 && row4 >= 0);
        const double gap = model.cellText(5, PacketListModel::Time).toDouble();
        const double expected = double(l.file->index()[5].tsNs - l.file->index()[3].tsNs) / 1e9;
        QVERIFY2(std::abs(gap - expected) < 1e-6, qPrintable(QString::number(gap, 'f', 9)));
        model.setDisplayFilter(nullptr, {});
        QCOMPARE(model.rowCount(), 12);
    }

    void infoMatchesTshark_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("oracle");
        QTest::newRow("own pcap") << dataFile("loopback-http.pcap") << dataFile("oracle/loopback-http.tsv");
        QTest::newRow("own pcapng") << dataFile("loopback-http.pcapng") << dataFile("oracle/loopback-http-ng.tsv");
        const QDir shared(synflow::test::sharedCapturesDir());
        for (const char* name : {"td-ssh", "local-clean", "local-zerowindow", "local-lossy", "ppp-fin_rst_close", "zk-206_example_b"}) {
            const QStringList found = shared.entryList({QString::fromLatin1(name) + ".pcap*"});
            if (!found.isEmpty())
                QTest::newRow(name) << shared.filePath(found.first()) << shared.filePath(QStringLiteral("oracle/%1.tsv").arg(name));
        }
    }
    void infoMatchesTshark()
    {
        QFETCH(QString, capture);
        QFETCH(QString, oracle);
        const Loaded l = load(capture);
        QVERIFY(l.file);
        PacketListModel model;
        model.setDesegment(false); // the per-field oracle: TCP reassembly off
        showFirstRows(model, l, l.file->packetCount());
        synflow::test::TsvTable t;
        QVERIFY(synflow::test::readTsvFile(oracle, t));
        QCOMPARE(size_t(model.rowCount()), t.rows.size());
        int compared = 0, tcpRows = 0;
        for (const auto& [frame, row] : t.rows) {
            if (t.cell(frame, "_ws.col.Protocol") != "TCP")
                continue;
            ++tcpRows;
            const int r = int(frame - 1);
            // Where we name an application protocol that tshark did not, the Info is ours.
            if (model.data(model.index(r, PacketListModel::Protocol), Qt::DisplayRole).toString() != "TCP")
                continue;
            QCOMPARE(model.data(model.index(r, PacketListModel::Info), Qt::DisplayRole).toString(), t.cell(frame, "_ws.col.Info"));
            QCOMPARE(model.data(model.index(r, PacketListModel::Source), Qt::DisplayRole).toString(),
                     t.cell(frame, "ip.src").isEmpty() ? t.cell(frame, "ipv6.src") : t.cell(frame, "ip.src"));
            QCOMPARE(model.data(model.index(r, PacketListModel::Length), Qt::DisplayRole).toString(), t.cell(frame, "frame.len"));
            ++compared;
        }
        QVERIFY2(compared * 10 >= tcpRows * 9, qPrintable(QStringLiteral("only %1 of %2 TCP rows named TCP").arg(compared).arg(tcpRows)));
    }

    // Frames the capture cut (tests/data/cut, make-cuttrailers.py): the window's Protocol and
    // Info on every row are tshark's, Ethernet trailers, TCP headers, ICMP and DNS alike (the
    // packet list and synflow-cli share one Info writer; this proves the window uses it).
    void cutFramesShowAsTshark()
    {
        const Loaded l = load(dataFile("cut/cuttrailers.pcapng"));
        QVERIFY(l.file);
        PacketListModel model;
        model.setDesegment(false); // the per-field oracle: TCP reassembly off
        showFirstRows(model, l, l.file->packetCount());
        synflow::test::TsvTable t;
        QVERIFY(synflow::test::readTsvFile(dataFile("oracle/cuttrailers.tsv"), t));
        QCOMPARE(size_t(model.rowCount()), t.rows.size());
        int limited = 0;
        for (const auto& [frame, row] : t.rows) {
            const int r = int(frame - 1);
            QCOMPARE(model.data(model.index(r, PacketListModel::Protocol), Qt::DisplayRole).toString(), t.cell(frame, "_ws.col.Protocol"));
            QCOMPARE(model.data(model.index(r, PacketListModel::Info), Qt::DisplayRole).toString(), t.cell(frame, "_ws.col.Info"));
            limited += t.cell(frame, "_ws.col.Info").endsWith("[Packet size limited during capture]");
        }
        QVERIFY(limited > 500);
    }

    // What a Wireshark user sees by default (TCP reassembly on): the window's Protocol and Info on
    // every row against NAME.view.tsv, on captures whose rows all agree (pcapng custom blocks, X11
    // stopped by the snapshot length (HTTP, SSH read as clear text after a cut KEXINIT), tunnels and tags, TLS, TCP analysis; our RTSP session with
    // interleaved RTP and RTCP, our AMQP session with reassembled bodies; our XMPP sessions, one turned to TLS by STARTTLS; TLS handshake messages over several records; a SIP call's RTP).
    void defaultViewMatchesTshark_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("view");
        QTest::newRow("own rtsp-ffmpeg-record") << dataFile("rtsp/rtsp-ffmpeg-record.pcap") << dataFile("oracle/rtsp-ffmpeg-record.view.tsv");
        QTest::newRow("own amqp-pika") << dataFile("amqp/amqp-pika.pcap") << dataFile("oracle/amqp-pika.view.tsv");
        QTest::newRow("own xmpp-starttls") << dataFile("xmpp/xmpp-starttls.pcap") << dataFile("oracle/xmpp-starttls.view.tsv");
        QTest::newRow("own smb-smbclient") << dataFile("smb/smb-smbclient.pcap") << dataFile("oracle/smb-smbclient.view.tsv");
        QTest::newRow("own smb1-nt1") << dataFile("smb/smb1-nt1.pcap") << dataFile("oracle/smb1-nt1.view.tsv");
        QTest::newRow("own rdp-xrdp-tls") << dataFile("rdp/rdp-xrdp-tls.pcap") << dataFile("oracle/rdp-xrdp-tls.view.tsv");
        QTest::newRow("own http80-cut96") << dataFile("snaplen/http80-cut96.pcap") << dataFile("oracle/http80-cut96.view.tsv");
        QTest::newRow("own ssh-cut128") << dataFile("snaplen/ssh-cut128.pcap") << dataFile("oracle/ssh-cut128.view.tsv");
        QTest::newRow("own tls-openssl-fragments") << dataFile("tls/tls-openssl-fragments.pcap")
                                                  << dataFile("oracle/tls-openssl-fragments.view.tsv");
        QTest::newRow("own sip-sipp-call") << dataFile("sip/sip-sipp-call.pcap") << dataFile("oracle/sip-sipp-call.view.tsv");
        const QDir shared(synflow::test::sharedCapturesDir());
        for (const char* name : {"gp-be-test202", "ppp-pcapng-example", "td-ssh", "local-lossy", "breadth/pfl-vxlan-28_vxlan_unsupported_and_nested_matrix",
                                 "breadth/pfl-vlan-09_vlan_unknown_inner_ethertype"}) {
            const QFileInfo base(shared.filePath(QString::fromLatin1(name)));
            const QStringList found = base.dir().entryList({base.fileName() + ".pcap*"});
            if (found.isEmpty())
                continue; // no shared captures here: our own rows still run
            QTest::newRow(name) << base.dir().filePath(found.first())
                                << base.dir().filePath(QStringLiteral("oracle/%1.view.tsv").arg(base.fileName()));
        }
    }
    void defaultViewMatchesTshark()
    {
        QFETCH(QString, capture);
        QFETCH(QString, view);
        const Loaded l = load(capture);
        QVERIFY(l.file);
        PacketListModel model;
        showFirstRows(model, l, l.file->packetCount());
        synflow::test::TsvTable t;
        QVERIFY(synflow::test::readTsvFile(view, t));
        QCOMPARE(size_t(model.rowCount()), t.rows.size());
        for (const auto& [frame, row] : t.rows) {
            const int r = int(frame - 1);
            const QString where = QStringLiteral("frame %1").arg(frame);
            QCOMPARE(model.data(model.index(r, PacketListModel::Protocol), Qt::DisplayRole).toString() + " | " + where,
                     t.cell(frame, "_ws.col.Protocol") + " | " + where);
            QCOMPARE(model.data(model.index(r, PacketListModel::Info), Qt::DisplayRole).toString() + " | " + where,
                     t.cell(frame, "_ws.col.Info") + " | " + where);
        }
    }

    void rowOfAgreesWithASearch_data() { addCaptureRows(); }
    void rowOfAgreesWithASearch()
    {
        QFETCH(QString, capture);
        LOAD_OR_SKIP(l, capture);
        PacketListModel model;
        showFirstRows(model, l, l.file->packetCount() / 2); // half, to grow under filter and sort below
        CHECK_ROW_OF(model, "capture order");
        for (const bool filtered : {false, true}) {
            if (filtered) {
                applyFilter(model, l, "tcp.len > 0 or udp");
                CHECK_ROW_OF(model, "filtered");
            }
            for (int c = 0; c < PacketListModel::ColumnCount; ++c)
                for (const Qt::SortOrder o : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                    model.sort(c, o);
                    CHECK_ROW_OF(model, QStringLiteral("filtered %1, column %2, order %3").arg(filtered).arg(c).arg(int(o)));
                }
        }
        model.sort(PacketListModel::Info, Qt::DescendingOrder);
        model.setRowCount(l.file->packetCount()); // live growth: new rows at the end
        CHECK_ROW_OF(model, "grown while filtered and sorted");
        model.setDisplayFilter(nullptr, {});
        CHECK_ROW_OF(model, "filter removed, still sorted");
        model.sort(PacketListModel::Number, Qt::AscendingOrder);
        CHECK_ROW_OF(model, "back to capture order");
        QCOMPARE(model.rowOf(l.file->packetCount() - 1), int(l.file->packetCount()) - 1);
    }

    // Rows that are one run of frames in capture order keep no index, and map, select and grow
    // exactly as the spelt-out rows do (the run form is only a way of storing them).
    void aRunOfRowsActsAsTheExplicitRows()
    {
        const Loaded l = load(dataFile("loopback-http.pcapng"));
        QVERIFY(l.file);
        const size_t n = l.file->packetCount();
        QCOMPARE(n, size_t(12));
        PacketListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        showFirstRows(model, l, 8);
        // The rows a filter should show, from its own verdicts: the explicit form.
        const auto expectRows = [&](const char* text, size_t frames) {
            auto f = compiled(text);
            std::vector<size_t> rows;
            const std::vector<uint8_t> shown = filterFrames(*f, *l.file, l.tracker, l.capture->protocols());
            for (size_t i = 0; i < frames; ++i)
                if (shown[i])
                    rows.push_back(i);
            return rows;
        };
        const auto sameRows = [&](const std::vector<size_t>& rows) {
            if (size_t(model.rowCount()) != rows.size())
                return false;
            for (size_t r = 0; r < rows.size(); ++r)
                if (model.frameAt(int(r)) != rows[r] || model.rowOf(rows[r]) != int(r) ||
                    model.data(model.index(int(r), PacketListModel::Number), Qt::DisplayRole).toString() != QString::number(rows[r] + 1))
                    return false;
            return true;
        };

        applyFilter(model, l, "frame.number >= 3");
        QVERIFY(model.rowsAreRun());
        QVERIFY(sameRows(expectRows("frame.number >= 3", 8)));
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.rowOf(1), -1);
        CHECK_ROW_OF(model, "a run");

        // A selection (a persistent index) follows its frame through a sort and back.
        QItemSelectionModel selection(&model);
        selection.select(model.index(model.rowOf(4), 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        model.sort(PacketListModel::Number, Qt::DescendingOrder);
        QVERIFY(!model.rowsAreRun());
        CHECK_ROW_OF(model, "a run, sorted descending");
        QCOMPARE(model.rowOf(2), 5);
        QCOMPARE(selection.selectedRows().size(), 1);
        QCOMPARE(model.frameAt(selection.selectedRows().first().row()), size_t(4));
        model.sort(PacketListModel::Number, Qt::AscendingOrder);
        QVERIFY(model.rowsAreRun());
        QCOMPARE(model.frameAt(selection.selectedRows().first().row()), size_t(4));
        QCOMPARE(selection.selectedRows().first().row(), 2);

        // Live growth at the run's end keeps it a run.
        model.setRowCount(n);
        QVERIFY(model.rowsAreRun());
        QVERIFY(sameRows(expectRows("frame.number >= 3", n)));
        CHECK_ROW_OF(model, "a grown run");

        // A run ending before the last frame stays one while nothing new is shown.
        showFirstRows(model, l, 4);
        applyFilter(model, l, "frame.number <= 2 or frame.number >= 10");
        QVERIFY(model.rowsAreRun());
        model.setRowCount(6);
        QVERIFY(model.rowsAreRun());
        QVERIFY(sameRows(expectRows("frame.number <= 2 or frame.number >= 10", 6)));
        QCOMPARE(model.rowOf(2), -1);
        CHECK_ROW_OF(model, "a run before unshown frames");
        // Frames past a gap spell it out: first where the new ones start off the run's end...
        model.setRowCount(n);
        QVERIFY(!model.rowsAreRun());
        QVERIFY(sameRows(expectRows("frame.number <= 2 or frame.number >= 10", n)));
        CHECK_ROW_OF(model, "a run spelt out by growth");
        // ... then where they continue it, with a gap among them.
        showFirstRows(model, l, 6);
        applyFilter(model, l, "frame.number <= 7 or frame.number >= 10");
        QVERIFY(model.rowsAreRun());
        QCOMPARE(model.rowCount(), 6);
        model.setRowCount(n);
        QVERIFY(!model.rowsAreRun());
        QVERIFY(sameRows(expectRows("frame.number <= 7 or frame.number >= 10", n)));
        CHECK_ROW_OF(model, "a run continued past a gap");

        // Not a run; no rows; every row.
        applyFilter(model, l, "frame.number != 5");
        QVERIFY(!model.rowsAreRun());
        QVERIFY(sameRows(expectRows("frame.number != 5", n)));
        applyFilter(model, l, "frame.number > 100");
        QCOMPARE(model.rowCount(), 0);
        CHECK_ROW_OF(model, "no rows");
        applyFilter(model, l, "frame");
        QVERIFY(model.rowsAreRun());
        QVERIFY(sameRows(expectRows("frame", n)));
        model.setDisplayFilter(nullptr, {});
        QVERIFY(!model.rowsAreRun());
        QCOMPARE(size_t(model.rowCount()), n);
        CHECK_ROW_OF(model, "unfiltered");
    }

    // Through load, filter, sort, growth and back, on a capture bigger than our own.
    void passesTheModelTesterThroughFilterAndSort_data() { addCaptureRows(); }
    void passesTheModelTesterThroughFilterAndSort()
    {
        QFETCH(QString, capture);
        LOAD_OR_SKIP(l, capture);
        PacketListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapture(l.capture);
        const size_t n = l.file->packetCount();
        model.setRowCount(n / 3);
        applyFilter(model, l, "tcp.flags.syn == 1 or tcp.len > 0");
        model.sort(PacketListModel::Source, Qt::AscendingOrder);
        model.setRowCount(2 * n / 3);
        model.analysisReady();
        model.sort(PacketListModel::Info, Qt::DescendingOrder);
        model.setRowCount(n);
        model.setTimeFormat(PacketListModel::TimeFormat::SincePrevious);
        model.sort(PacketListModel::Time, Qt::AscendingOrder);
        model.setDisplayFilter(nullptr, {});
        QCOMPARE(size_t(model.rowCount()), n);
        model.sort(PacketListModel::Protocol, Qt::DescendingOrder);
        model.sort(PacketListModel::Number, Qt::AscendingOrder);
        model.setColorize(false);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    // A paint asks each visible cell for its text and colours; the row is decoded once for all.
    void paintDecodesEachVisibleRowOnce()
    {
        const Loaded l = load(dataFile("lo-lossy.pcapng"));
        QVERIFY(l.file);
        PacketListModel model;
        showFirstRows(model, l, l.file->packetCount());
        QTableView view;
        view.setModel(&model);
        view.verticalHeader()->setDefaultSectionSize(20);
        view.resize(900, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int rows = visibleRows(view);
        QVERIFY2(rows > 3 && rows < model.rowCount(), qPrintable(QString::number(rows)));
        QCOMPARE(decodesToPaint(view), uint64_t(rows));
        QCOMPARE(decodesToPaint(view), uint64_t(rows)); // the next paint too

        applyFilter(model, l, "tcp.len > 0");
        model.sort(PacketListModel::Info, Qt::DescendingOrder);
        view.scrollTo(model.index(model.rowCount() / 2, 0));
        const int shown = visibleRows(view);
        QVERIFY(shown > 3);
        QCOMPARE(decodesToPaint(view), uint64_t(shown));

        // What the cache gives is what a cell computed on its own says.
        for (int r = view.rowAt(0); r < view.rowAt(0) + shown; ++r)
            for (int c = 0; c < PacketListModel::ColumnCount; ++c)
                QCOMPARE(model.data(model.index(r, c), Qt::DisplayRole).toString(), model.cellText(model.frameAt(r), c));
    }

    // The cached row follows every change that alters how it reads.
    void cachedRowFollowsChanges()
    {
        const Loaded l = load(dataFile("lo-lossy.pcapng"));
        QVERIFY(l.file);
        PacketListModel model;
        model.setCapture(l.capture);
        model.setRowCount(l.file->packetCount());
        // Find a row whose Info the TCP analysis changes (relative numbers, analysis notes).
        PacketListModel analysed;
        analysed.setCapture(l.capture);
        analysed.setRowCount(l.file->packetCount());
        analysed.analysisReady();
        int row = -1;
        for (int r = 0; r < model.rowCount() && row < 0; ++r)
            if (model.data(model.index(r, PacketListModel::Info), Qt::DisplayRole).toString()
                != analysed.data(analysed.index(r, PacketListModel::Info), Qt::DisplayRole).toString())
                row = r;
        QVERIFY(row >= 0);
        const QModelIndex info = model.index(row, PacketListModel::Info);
        const QString raw = info.data().toString();
        model.analysisReady();
        QCOMPARE(info.data().toString(), model.cellText(size_t(row), PacketListModel::Info));
        QVERIFY(info.data().toString() != raw);

        const QModelIndex time = model.index(row, PacketListModel::Time);
        const QString sinceStart = time.data().toString();
        model.setTimeFormat(PacketListModel::TimeFormat::UtcDateTime);
        QVERIFY(time.data().toString() != sinceStart);
        QCOMPARE(time.data().toString(), model.cellText(size_t(row), PacketListModel::Time));

        QVERIFY(model.data(time, Qt::BackgroundRole).isValid());
        model.setColorize(false);
        QVERIFY(!model.data(time, Qt::BackgroundRole).isValid());
        model.setColorize(true);
        QVERIFY(model.data(time, Qt::BackgroundRole).isValid());

        // A filter changes the previous displayed packet, and with it "since previous".
        model.setTimeFormat(PacketListModel::TimeFormat::SincePrevious);
        const size_t last = l.file->packetCount() - 1;
        const QString delta = model.data(model.index(int(last), PacketListModel::Time), Qt::DisplayRole).toString();
        applyFilter(model, l, QStringLiteral("frame.number == 1 or frame.number == %1").arg(last + 1).toLatin1().constData());
        QCOMPARE(model.rowCount(), 2);
        const QString filteredDelta = model.data(model.index(1, PacketListModel::Time), Qt::DisplayRole).toString();
        QCOMPARE(filteredDelta, model.cellText(last, PacketListModel::Time));
        QVERIFY(filteredDelta != delta);

        // Another capture in the same model: nothing of the old one is shown.
        QCOMPARE(model.frameAt(0), size_t(0));
        const QString oldInfo = model.data(model.index(0, PacketListModel::Info), Qt::DisplayRole).toString();
        const Loaded other = load(dataFile("loopback-http.pcapng"));
        model.setCapture(other.capture);
        model.setRowCount(other.file->packetCount());
        for (int c = 0; c < PacketListModel::ColumnCount; ++c)
            QCOMPARE(model.data(model.index(0, c), Qt::DisplayRole).toString(), model.cellText(0, c));
        QVERIFY(model.data(model.index(0, PacketListModel::Info), Qt::DisplayRole).toString() != oldInfo);
    }

    void badTcpIsColouredAndCanBeTurnedOff()
    {
        const QString path = QDir(synflow::test::sharedCapturesDir()).filePath("ppa-tcp_dupack.pcapng");
        if (!QFileInfo::exists(path))
            QSKIP(qPrintable("shared capture not found: " + path));
        const Loaded l = load(path);
        PacketListModel model;
        showFirstRows(model, l, l.file->packetCount());
        const QColor dupAck = model.data(model.index(2, 0), Qt::ForegroundRole).value<QColor>(); // frame 3: Dup ACK
        const QColor plain = model.data(model.index(1, 0), Qt::ForegroundRole).value<QColor>();
        QVERIFY(dupAck.isValid());
        QVERIFY(dupAck != plain);
        model.setColorize(false);
        QVERIFY(!model.data(model.index(2, 0), Qt::BackgroundRole).isValid());
    }

    // Packet text stays on one line in the list: control bytes show as tshark's escapes.
    void packetTextStaysOnOneLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tab.pcap"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(synflow::test::httpCapture("GET /a\tb HTTP/1.1\r\nHost: x\r\n\r\n"));
        f.close();
        const Loaded l = load(path);
        QVERIFY(l.file);
        PacketListModel model;
        showFirstRows(model, l, l.file->packetCount());
        const QString info = model.data(model.index(3, PacketListModel::Info), Qt::DisplayRole).toString();
        QVERIFY2(info.contains(QStringLiteral("\\t")), qPrintable(info));
        for (QChar c : info)
            QVERIFY2(c.unicode() >= 0x20, qPrintable(info));
    }
};

QTEST_MAIN(TestPacketListModel)
#include "tst_packetlistmodel.moc"
