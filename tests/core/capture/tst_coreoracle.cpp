// The capture-file and decoder columns of `synflow-cli fields` must agree 100% with tshark,
// on every shared capture and on the project's own captures.
#include "common/oracletsv.h"

#include <QDir>
#include <QFileInfo>
#include <QtTest>

using namespace synflow::test;

namespace {

const QStringList kCoreColumns = {"frame.number", "frame.time_epoch", "frame.len",     "frame.cap_len",
                                  "ip.src",       "ip.dst",           "ipv6.src",      "ipv6.dst",
                                  "tcp.srcport",  "tcp.dstport",      "tcp.flags",     "tcp.seq_raw",
                                  "tcp.ack_raw",  "tcp.len",          "tcp.window_size_value"};

void checkAgreement(const QString& capture, const QString& oraclePath)
{
    TsvTable oracle, ours;
    QVERIFY2(readTsvFile(oraclePath, oracle), qPrintable(oraclePath));
    QString error;
    QVERIFY2(runFields(capture, ours, error), qPrintable(error));
    QCOMPARE(ours.rows.size(), oracle.rows.size());
    for (const ColumnAgreement& a : compareWithOracle(oracle, ours, kCoreColumns)) {
        const QString msg = QStringLiteral("%1: %2 of %3 agree\n  %4").arg(a.column).arg(a.agree).arg(a.compared).arg(a.examples.join("\n  "));
        QVERIFY2(a.agree == a.compared, qPrintable(msg));
    }
}

} // namespace

class TestCoreOracle : public QObject {
    Q_OBJECT
private slots:
    void ownCaptures_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("oracle");
        const QDir data(QStringLiteral(SYNFLOW_TEST_DATA));
        for (const QString& name : data.entryList({"*.pcap", "*.pcapng"}, QDir::Files)) {
            const QFileInfo fi(data.filePath(name));
            const QString tsv = data.filePath("oracle/" + fi.completeBaseName() + (fi.suffix() == "pcapng" ? "-ng" : "") + ".tsv");
            if (QFileInfo::exists(tsv))
                QTest::newRow(qPrintable(name)) << fi.filePath() << tsv;
        }
    }
    void ownCaptures()
    {
        QFETCH(QString, capture);
        QFETCH(QString, oracle);
        checkAgreement(capture, oracle);
    }

    void sharedCaptures_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("oracle");
        const auto caps = sharedCapturesWithOracle();
        if (caps.empty())
            QSKIP(qPrintable("no shared captures with oracles at " + sharedCapturesDir()
                             + " (set -DSYNFLOW_SHARED_CAPTURES=...): skipping the tshark agreement check"));
        for (const auto& [name, path] : caps)
            QTest::newRow(qPrintable(name)) << path << QDir(sharedCapturesDir()).filePath("oracle/" + name + ".tsv");
    }
    void sharedCaptures()
    {
        QFETCH(QString, capture);
        QFETCH(QString, oracle);
        checkAgreement(capture, oracle);
    }
};

QTEST_GUILESS_MAIN(TestCoreOracle)
#include "tst_coreoracle.moc"
