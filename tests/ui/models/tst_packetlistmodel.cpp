// The packet list model: checked by QAbstractItemModelTester, and its Info column against
// tshark's for chosen frames.
#include "models/packetlistmodel.h"

#include "analysis/analysedcapture.h"
#include "capture/capturefile.h"
#include "common/oracletsv.h"
#include "proto/conversationprotocols.h"
#include "tcp/tcptracker.h"

#include "filter/displayfilter.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFileInfo>
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
        model.setCapture(l.capture);
        model.setRowCount(6);
        model.analysisReady();
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
        model.setCapture(l.capture);
        model.setRowCount(l.file->packetCount());
        model.analysisReady();
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

    void badTcpIsColouredAndCanBeTurnedOff()
    {
        const QString path = QDir(synflow::test::sharedCapturesDir()).filePath("ppa-tcp_dupack.pcapng");
        if (!QFileInfo::exists(path))
            QSKIP(qPrintable("shared capture not found: " + path));
        const Loaded l = load(path);
        PacketListModel model;
        model.setCapture(l.capture);
        model.setRowCount(l.file->packetCount());
        model.analysisReady();
        const QColor dupAck = model.data(model.index(2, 0), Qt::ForegroundRole).value<QColor>(); // frame 3: Dup ACK
        const QColor plain = model.data(model.index(1, 0), Qt::ForegroundRole).value<QColor>();
        QVERIFY(dupAck.isValid());
        QVERIFY(dupAck != plain);
        model.setColorize(false);
        QVERIFY(!model.data(model.index(2, 0), Qt::BackgroundRole).isValid());
    }
};

QTEST_MAIN(TestPacketListModel)
#include "tst_packetlistmodel.moc"
