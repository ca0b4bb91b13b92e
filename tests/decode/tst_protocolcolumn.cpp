// The Protocol column against tshark's on every shared capture. Captures with protocols we do
// not recognise yet have a documented number of frames that may differ
// (core/tcp/TSHARK_DIFFERENCES.md); any other difference fails.
#include "common/oracletsv.h"

#include <QDir>
#include <QtTest>

using namespace synflow::test;

class TestProtocolColumn : public QObject {
    Q_OBJECT
private slots:
    void agreesWithTshark_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("capture");
        const auto caps = sharedCapturesWithOracle();
        if (caps.empty())
            QSKIP(qPrintable("no shared captures with oracles at " + sharedCapturesDir()));
        for (const auto& [name, path] : caps)
            QTest::newRow(qPrintable(name)) << name << path;
    }
    void agreesWithTshark()
    {
        QFETCH(QString, name);
        QFETCH(QString, capture);
        static const QMap<QString, int> known = {
            {"local-lossy", 1},         {"local-zerowindow", 1},       // heuristic LBMSRS
            {"ppa-dns_isp_hijack", 1},  // the tracker calls a spurious retransmission out-of-order
            {"ppp-fin_rst_close", 1},   {"ppp-pcapng-example", 1},
            {"gp-be-test202", 0},       {"ppp-null_loopback", 0},
        };
        TsvTable oracle, ours;
        QVERIFY(readTsvFile(QDir(sharedCapturesDir()).filePath("oracle/" + name + ".tsv"), oracle));
        QString error;
        QVERIFY2(runFields(capture, ours, error), qPrintable(error));
        const auto r = compareWithOracle(oracle, ours, {"_ws.col.Protocol"}, 8);
        const int wrong = r.front().compared - r.front().agree;
        QVERIFY2(wrong <= known.value(name, 0), qPrintable(QStringLiteral("%1 frames differ (%2 documented)\n  %3")
                                                            .arg(wrong).arg(known.value(name, 0)).arg(r.front().examples.join("\n  "))));
    }
};

QTEST_GUILESS_MAIN(TestProtocolColumn)
#include "tst_protocolcolumn.moc"
