// `synflow-cli flow FILE --stream N --explain --handout OUT.pdf`: a PDF with one page per step of
// the conversation, each page holding that step's explanation (as --explain prints it), both
// ends' states and the packet's comments; written atomically, refused without one conversation.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int code = -1;
    QByteArray out, err;
};

Run run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

Run cli(const QStringList& args) { return run(QStringLiteral(SYNFLOW_CLI), args); }

QString simplified(const QString& s)
{
    QString t = s;
    t.replace(QChar(0xfb01), QStringLiteral("fi")).replace(QChar(0xfb02), QStringLiteral("fl")); // ligatures a text layer may keep
    return t.simplified();
}

// Pages from pdfinfo, else counted from the page objects themselves.
int pageCount(const QString& pdf)
{
    if (!QStandardPaths::findExecutable(QStringLiteral("pdfinfo")).isEmpty()) {
        const Run r = run(QStringLiteral("pdfinfo"), {pdf});
        const auto m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(QString::fromUtf8(r.out));
        return m.hasMatch() ? m.captured(1).toInt() : -1;
    }
    QFile f(pdf);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return int(QString::fromLatin1(f.readAll()).count(QRegularExpression(QStringLiteral("/Type\\s*/Page(?!s)"))));
}

// For containment: pdftotext joins a line ending in a hyphen to the next ("FIN-" "WAIT-2" reads
// "FINWAIT-2"), so hyphens and spaces are left out on both sides.
QString squeezed(const QString& s)
{
    QString t = s;
    t.remove(QRegularExpression(QStringLiteral("[\\s-]")));
    return t;
}

QString pageText(const QString& pdf, int page)
{
    const Run r = run(QStringLiteral("pdftotext"), {QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"), QString::number(page), pdf,
                                                   QStringLiteral("-")});
    return simplified(QString::fromUtf8(r.out));
}

} // namespace

class TestCliHandout : public QObject {
    Q_OBJECT
private slots:
    void onePagePerStep_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("comment"); // a packet comment some page shows
        QTest::newRow("demo handshake and teardown") << QStringLiteral(SYNFLOW_DEMO) << QString();
        QTest::newRow("refused") << QStringLiteral(SYNFLOW_TEST_DATA "/lo-refused.pcapng") << QString();
        QTest::newRow("simultaneous close") << QStringLiteral(SYNFLOW_TEST_DATA "/lo-simulclose.pcapng") << QString();
        QTest::newRow("commented HTTP") << QStringLiteral(SYNFLOW_TEST_DATA "/loopback-http.pcapng") << QStringLiteral("the HTTP request");
    }
    void onePagePerStep()
    {
        QFETCH(QString, capture);
        QFETCH(QString, comment);
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("lesson.pdf"));
        const Run r = cli({QStringLiteral("flow"), capture, QStringLiteral("--stream"), QStringLiteral("0"), QStringLiteral("--explain"),
                           QStringLiteral("--handout"), pdf});
        QVERIFY2(r.code == 0, r.err.constData());
        // --explain still prints the steps: "N. [#F] explanation".
        QStringList steps;
        static const QRegularExpression line(QStringLiteral("^(\\d+)\\. \\[#\\d+\\] (.*)$"));
        for (const QString& l : QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const auto m = line.match(l);
            QVERIFY2(m.hasMatch(), qPrintable(l));
            QCOMPARE(m.captured(1).toInt(), int(steps.size()) + 1);
            steps << simplified(m.captured(2));
        }
        QVERIFY(steps.size() >= 2);
        QCOMPARE(pageCount(pdf), int(steps.size()));
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed: the pages' text is not checked");
        bool commentSeen = comment.isEmpty();
        for (int page = 1; page <= int(steps.size()); ++page) {
            const QString text = pageText(pdf, page);
            QVERIFY2(text.contains(QStringLiteral("Step %1 of %2").arg(page).arg(steps.size())), qPrintable(text));
            QVERIFY2(squeezed(text).contains(squeezed(steps[page - 1])), qPrintable(QStringLiteral("page %1 lacks «%2»:\n%3").arg(page).arg(steps[page - 1], text)));
            QVERIFY2(text.contains(QLatin1String("States: ")), qPrintable(text));
            commentSeen = commentSeen || text.contains(QStringLiteral("Comment: ") + comment);
        }
        QVERIFY2(commentSeen, qPrintable(comment));
    }

    void handoutAloneAndAtomic()
    {
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("lesson.pdf"));
        // The handout alone: nothing on standard output.
        Run r = cli({QStringLiteral("flow"), QStringLiteral(SYNFLOW_DEMO), QStringLiteral("--handout"), pdf});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.isEmpty());
        QVERIFY(pageCount(pdf) > 1);
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();
        // A failing run leaves the old file whole, and no temporary beside it.
        r = cli({QStringLiteral("flow"), QStringLiteral(SYNFLOW_DEMO), QStringLiteral("--stream"), QStringLiteral("99"), QStringLiteral("--handout"), pdf});
        QCOMPARE(r.code, 2);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("lesson.pdf")});
    }

    void needsOneConversation()
    {
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("lesson.pdf"));
        const Run r = cli({QStringLiteral("flow"), QStringLiteral(SYNFLOW_TEST_DATA "/lo-reuse.pcapng"), QStringLiteral("--handout"), pdf});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--stream"), r.err.constData());
        QVERIFY(!QFile::exists(pdf));
    }
};

QTEST_GUILESS_MAIN(TestCliHandout)
#include "tst_clihandout.moc"
