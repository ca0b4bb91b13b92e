// synflow-cli list: the packet list for people who live in a terminal, line for line what
// `tshark -r FILE` prints with its default columns; and --help, which must name every command
// and option the README documents.
#include "common/tsharkoutput.h"

#include <algorithm>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QString err;
};

Run run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), QString::fromUtf8(p.readAllStandardError())};
}

Run cli(const QStringList& args) { return run(QStringLiteral(SYNFLOW_CLI), args); }

QString data(const char* name) { return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name)); }

bool haveTshark() { return !QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty(); }

// tshark's lines for `capture` in two passes (as the window's list, which knows every frame when
// it shows one): with its default preferences, TCP reassembly on, or with it off as the
// per-field oracle has it (../shared/captures/oracle/README.md) for `list --no-desegment`.
QList<QByteArray> tsharkLines(const QString& capture, const QStringList& extra = {}, bool desegment = true)
{
    QStringList args{QStringLiteral("-2")};
    if (!desegment)
        args << QStringLiteral("-o") << QStringLiteral("tcp.desegment_tcp_streams:FALSE");
    args += extra;
    return synflow::test::tsharkOutput(capture, args).out.split('\n');
}

QList<QByteArray> ourLines(const QString& capture, const QStringList& extra = {})
{
    QStringList args{QStringLiteral("list"), capture};
    args += extra;
    return cli(args).out.split('\n');
}

// Lines that agree, of tshark's.
int agreeing(const QList<QByteArray>& ours, const QList<QByteArray>& theirs, QStringList* examples)
{
    int same = 0;
    for (qsizetype i = 0; i < theirs.size(); ++i) {
        if (i < ours.size() && ours[i] == theirs[i])
            ++same;
        else if (examples->size() < 3)
            *examples << QStringLiteral("tshark: %1\nours:   %2").arg(QString::fromUtf8(theirs[i]), QString::fromUtf8(ours.value(i)));
    }
    return same;
}

} // namespace

class TestCliList : public QObject {
    Q_OBJECT
private slots:
    // Every command and option in the README's synflow-cli block is in --help.
    void helpNamesEverythingTheReadmeDocuments()
    {
        QFile readme(QStringLiteral(SYNFLOW_TEST_DATA "/../../README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(readme.readAll());
        const qsizetype at = text.indexOf(QStringLiteral("## synflow-cli\n"));
        QVERIFY(at >= 0);
        const qsizetype begin = text.indexOf(QStringLiteral("```\n"), at) + 4;
        const QString block = text.mid(begin, text.indexOf(QStringLiteral("```"), begin) - begin);
        const Run help = cli({QStringLiteral("--help")});
        QCOMPARE(help.code, 0);
        const QString usage = QString::fromUtf8(help.out);
        QStringList missing;
        int checked = 0;
        for (const QString& line : block.split(QLatin1Char('\n'))) {
            const QRegularExpressionMatch command = QRegularExpression(QStringLiteral("^synflow-cli (\\w+)")).match(line);
            if (command.hasMatch()) {
                ++checked;
                if (!QRegularExpression(QStringLiteral("\\n  %1 ").arg(command.captured(1))).match(usage).hasMatch())
                    missing << command.captured(1);
            }
            // The synopsis part of the line: options and their values (--type eth|ip, -Y FILTER).
            const QString synopsis = line.section(QStringLiteral("   "), 0, 0);
            auto options = QRegularExpression(QStringLiteral("(?<![\\w-])(--?[A-Za-z][\\w-]*)")).globalMatch(synopsis);
            while (options.hasNext()) {
                const QString option = options.next().captured(1);
                ++checked;
                if (!QRegularExpression(QStringLiteral("(?<![\\w-])%1(?![\\w-])").arg(QRegularExpression::escape(option))).match(usage).hasMatch())
                    missing << option;
            }
        }
        QVERIFY(checked > 30);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char(' '))));
        QVERIFY(usage.contains(QStringLiteral("list FILE [-Y FILTER] [--no-desegment]")));
    }

    // Our own captures: every line exactly tshark's (TCP over loopback, nanosecond and
    // microsecond stamps, pcap and pcapng).
    void listIsTsharksOutputOnOurCaptures()
    {
        if (!haveTshark())
            QSKIP("tshark is not installed");
        for (const char* name : {"loopback-http.pcap", "loopback-http-nsec.pcap", "lo-ipv6.pcapng", "lo-dnstcp.pcapng"}) {
            for (const bool desegment : {true, false}) {
                const QList<QByteArray> theirs = tsharkLines(data(name), {}, desegment);
                QStringList examples;
                const QStringList ours = desegment ? QStringList{} : QStringList{QStringLiteral("--no-desegment")};
                QVERIFY2(agreeing(ourLines(data(name), ours), theirs, &examples) == int(theirs.size()),
                         qPrintable(QString::fromLatin1(name) + QLatin1Char('\n') + examples.join(QLatin1Char('\n'))));
            }
        }
        // Reassembly shows: the first segments of an HTTP message say so, the last one is HTTP.
        const QList<QByteArray> view = ourLines(data("loopback-http.pcap"));
        QVERIFY(!ourLines(data("loopback-http.pcap"), {QStringLiteral("--no-desegment")}).isEmpty());
        QVERIFY(std::any_of(view.begin(), view.end(), [](const QByteArray& l) { return l.contains(" HTTP "); }));
    }

    // -Y: the lines tshark -Y prints for the same filter.
    void listWithADisplayFilter()
    {
        if (!haveTshark())
            QSKIP("tshark is not installed");
        for (const char* filter : {"tcp.analysis.retransmission", "tcp.len > 0 && tcp.flags.fin == 1"}) {
            const QList<QByteArray> theirs = tsharkLines(data("lo-lossy.pcapng"), {QStringLiteral("-Y"), QString::fromLatin1(filter)});
            QStringList examples;
            QVERIFY(theirs.size() > 1);
            QCOMPARE(agreeing(ourLines(data("lo-lossy.pcapng"), {QStringLiteral("-Y"), QString::fromLatin1(filter)}), theirs, &examples),
                     int(theirs.size()));
        }
        QCOMPARE(cli({QStringLiteral("list"), data("lo-lossy.pcapng"), QStringLiteral("-Y"), QStringLiteral("tcp.port ==")}).code, 2);
    }

    // Shared real captures of several kinds (TCP with losses, zero windows, DNS, a long HTTP
    // download, Linux cooked, SSH): the share of lines that agree, printed for the record, and a
    // floor under it (on all 424 shared and breadth captures 92.6 % when written). The
    // differences are application-layer Info and resolved link-layer names: README's synflow-cli
    // section.
    void listAgreementOnTheSharedCaptures()
    {
        if (!haveTshark())
            QSKIP("tshark is not installed");
        const QDir dir{QStringLiteral(SYNFLOW_SHARED_CAPTURES)};
        if (!dir.exists())
            QSKIP(qPrintable(QStringLiteral("shared captures missing: ") + dir.path()));
        qint64 same = 0, lines = 0;
        QStringList worst;
        for (const QString& name : {QStringLiteral("local-lossy.pcapng"), QStringLiteral("local-zerowindow.pcapng"),
                                    QStringLiteral("ppa-dns_isp_hijack.pcapng"), QStringLiteral("zk-206_example_b.pcap"),
                                    QStringLiteral("ppp-sll.pcap"), QStringLiteral("td-ssh.pcap")}) {
            if (!QFileInfo::exists(dir.filePath(name)))
                QSKIP(qPrintable(QStringLiteral("shared capture missing: ") + dir.filePath(name)));
            const QList<QByteArray> theirs = tsharkLines(dir.filePath(name));
            QStringList examples;
            const int agree = agreeing(ourLines(dir.filePath(name)), theirs, &examples);
            same += agree;
            lines += theirs.size();
            if (agree < theirs.size())
                worst << name + QStringLiteral(": ") + QString::number(agree) + QLatin1Char('/') + QString::number(theirs.size()) + QLatin1Char('\n')
                             + examples.join(QLatin1Char('\n'));
        }
        QVERIFY(lines > 5000);
        const double percent = 100.0 * double(same) / double(lines);
        qInfo("list vs tshark -2 -r: %lld of %lld lines agree (%.2f %%)", same, lines, percent);
        QVERIFY2(percent >= kFloor, qPrintable(worst.join(QLatin1Char('\n'))));
    }

private:
    static constexpr double kFloor = 98.0;
};

QTEST_GUILESS_MAIN(TestCliList)
#include "tst_clilist.moc"
