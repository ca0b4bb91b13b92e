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

    // The whole table as tshark prints it, byte for byte, on the main and breadth sets. One
    // deliberate difference (core/stats/TSHARK_DIFFERENCES.md): a conversation that starts before
    // the first frame (time going backwards) has a negative relative start, which tshark wraps
    // into unsigned microseconds; there the columns up to the start are compared.
    void conversationTableText_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("convTxt");
        if (sharedCapturesWithOracle().empty())
            QSKIP(qPrintable("no shared captures with oracles at " + sharedCapturesDir()));
        for (const QString& set : {QString(), QStringLiteral("breadth")}) {
            const QDir dir(set.isEmpty() ? sharedCapturesDir() : QDir(sharedCapturesDir()).filePath(set));
            for (const auto& [name, path] : sharedCapturesWithOracle(set))
                QTest::newRow(qPrintable(name)) << path << dir.filePath("oracle/" + name + ".conv.txt");
        }
    }
    void conversationTableText()
    {
        QFETCH(QString, capture);
        QFETCH(QString, convTxt);
        QFile f(convTxt);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList theirs = QString::fromUtf8(f.readAll()).split('\n');
        QProcess p;
        p.start(QStringLiteral(SYNFLOW_CLI), {"conv", capture});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0 || p.exitCode() == 2, qPrintable(QString::number(p.exitCode()))); // 2: damage reported
        const QStringList ours = QString::fromUtf8(p.readAllStandardOutput()).split('\n');
        QCOMPARE(ours.size(), theirs.size());
        static const QRegularExpression negativeStart(QStringLiteral("  -\\d+\\.\\d{9} "));
        for (qsizetype i = 0; i < ours.size(); ++i) {
            const auto m = negativeStart.match(ours[i]);
            const bool wrapped = m.hasMatch() && theirs[i].mid(m.capturedStart() + 2).startsWith(QLatin1String("1844"));
            const qsizetype upTo = wrapped ? m.capturedStart() : ours[i].size();
            QVERIFY2(ours[i].left(upTo) == theirs[i].left(wrapped ? upTo : theirs[i].size()),
                     qPrintable(QStringLiteral("line %1\n tshark: %2\n ours:   %3").arg(i + 1).arg(theirs[i], ours[i])));
        }
    }
};

QTEST_GUILESS_MAIN(TestTcpOracle)
#include "tst_tcporacle.moc"
