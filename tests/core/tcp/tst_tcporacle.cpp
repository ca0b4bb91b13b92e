// TCP analysis columns of `synflow-cli fields` against tshark, and `conv` frame counts
// against tshark's conversation table.
#include "common/oracletsv.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QtTest>

using namespace synflow::test;

namespace {

// Every tcp.* column of the oracle.
QStringList tcpColumns(const TsvTable& oracle)
{
    QStringList cols;
    for (const QString& c : oracle.header)
        if (c.startsWith("tcp."))
            cols << c;
    return cols;
}

void compareTcp(const QString& name, const QString& capture, const QString& oraclePath)
{
    TsvTable oracle, ours;
    QVERIFY2(readTsvFile(oraclePath, oracle), qPrintable(oraclePath));
    QString error;
    QVERIFY2(runFields(capture, ours, error), qPrintable(error));
    // Every tcp.* cell of every frame agrees (core/tcp/TSHARK_DIFFERENCES.md).
    for (const ColumnAgreement& a : compareWithOracle(oracle, ours, tcpColumns(oracle)))
        QVERIFY2(a.compared == a.agree, qPrintable(QStringLiteral("%1 %2: %3 of %4 frames differ\n  %5")
                                                       .arg(name, a.column).arg(a.compared - a.agree).arg(a.compared)
                                                       .arg(a.examples.join("\n  "))));
}

} // namespace

class TestTcpOracle : public QObject {
    Q_OBJECT
private slots:
    void ownCaptures_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("oracle");
        const QDir data(QStringLiteral(SYNFLOW_TEST_DATA));
        for (const QString& f : data.entryList({"*.pcap", "*.pcapng"}, QDir::Files)) {
            const QFileInfo fi(data.filePath(f));
            const QString tsv = data.filePath("oracle/" + fi.completeBaseName() + (fi.suffix() == "pcapng" ? "-ng" : "") + ".tsv");
            if (QFileInfo::exists(tsv))
                QTest::newRow(qPrintable(f)) << fi.filePath() << tsv;
        }
    }
    void ownCaptures()
    {
        QFETCH(QString, capture);
        QFETCH(QString, oracle);
        compareTcp(QFileInfo(capture).completeBaseName(), capture, oracle);
    }

    void sharedCaptures_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("capture");
        const auto caps = sharedCapturesWithOracle();
        if (caps.empty())
            QSKIP(qPrintable("no shared captures with oracles at " + sharedCapturesDir()));
        for (const auto& [name, path] : caps)
            QTest::newRow(qPrintable(name)) << name << path;
    }
    void sharedCaptures()
    {
        QFETCH(QString, name);
        QFETCH(QString, capture);
        compareTcp(name, capture, QDir(sharedCapturesDir()).filePath("oracle/" + name + ".tsv"));
    }

    void conversationFrameCounts_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("convTxt");
        const auto caps = sharedCapturesWithOracle();
        if (caps.empty())
            QSKIP(qPrintable("no shared captures with oracles at " + sharedCapturesDir()));
        for (const auto& [name, path] : caps)
            QTest::newRow(qPrintable(name)) << path << QDir(sharedCapturesDir()).filePath("oracle/" + name + ".conv.txt");
    }
    void conversationFrameCounts()
    {
        // Compare the multiset of (endpoints, frames each way) rows: tshark's row order is its own.
        QFETCH(QString, capture);
        QFETCH(QString, convTxt);
        auto rows = [](const QString& text) {
            QStringList out;
            static const QRegularExpression re("^(\\S+)\\s+<->\\s+(\\S+)\\s+(\\d+)\\s+\\S+\\s+\\S+\\s+(\\d+)\\s+\\S+\\s+\\S+\\s+(\\d+)");
            for (const QString& l : text.split('\n')) {
                const auto m = re.match(l);
                if (m.hasMatch())
                    out << QStringList{m.captured(1), m.captured(2), m.captured(3), m.captured(4), m.captured(5)}.join(' ');
            }
            out.sort();
            return out;
        };
        QFile f(convTxt);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList expected = rows(QString::fromUtf8(f.readAll()));
        QProcess p;
        p.start(QStringLiteral(SYNFLOW_CLI), {"conv", capture});
        QVERIFY(p.waitForFinished(60000));
        const QStringList ours = rows(QString::fromUtf8(p.readAllStandardOutput()));
        QCOMPARE(ours.size(), expected.size());
        QCOMPARE(ours, expected);
    }
};

QTEST_GUILESS_MAIN(TestTcpOracle)
#include "tst_tcporacle.moc"
