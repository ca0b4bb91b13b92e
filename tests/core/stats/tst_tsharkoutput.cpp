// The stored tshark runs (tests/data/tshark-out) that the oracle suites read instead of starting
// tshark: each must still be the run its name says (same capture bytes, same arguments), and a
// sample of them, made again live, must be what tshark prints today.
#include "common/oracletsv.h"
#include "common/tsharkoutput.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace synflow::test;

namespace {

struct Stored {
    QString file, capture; // capture empty: not on this machine (../shared missing)
    QStringList args;
    int exitCode = -1;
    QByteArray out;
};

Stored readStored(const QString& file)
{
    Stored s;
    s.file = file;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return s;
    const QByteArray header = f.readLine().chopped(1);
    const QList<QByteArray> words = header.split(' ');
    if (words.size() < 4 || words[0] != "#tshark" || !words[1].startsWith("exit=") || words[2] != "-r")
        return s;
    s.exitCode = words[1].mid(5).toInt();
    const QStringList rest = QString::fromUtf8(header.mid(header.indexOf(" -r ") + 4)).split('\t');
    s.capture = tsharkCapturePath(rest.first());
    s.args = rest.mid(1);
    s.out = f.readAll();
    return s;
}

QStringList storedFiles()
{
    const QDir dir(tsharkOutputDir());
    QStringList out;
    for (const QString& f : dir.entryList({"*.txt"}, QDir::Files, QDir::Name))
        out << dir.filePath(f);
    return out;
}

} // namespace

class TestTsharkOutput : public QObject {
    Q_OBJECT
private slots:
    void everyStoredRunIsCurrent()
    {
        const QStringList files = storedFiles();
        QVERIFY2(files.size() > 100, "tests/data/tshark-out holds the oracle suites' tshark runs");
        int checked = 0;
        for (const QString& file : files) {
            const Stored s = readStored(file);
            QVERIFY2(s.exitCode >= 0, qPrintable(file + ": no \"#tshark exit=N -r CAPTURE\" header"));
            if (s.capture.isEmpty())
                continue; // a shared capture on a machine without ../shared
            QVERIFY2(tsharkStoredPath(s.capture, s.args) == file,
                     qPrintable(file + ": its capture or arguments changed; store the runs again (tests/data/tshark-out/README.md)"));
            ++checked;
        }
        QVERIFY(checked > 0);
    }

    // Twelve runs spread over the store, made again: tshark prints the same.
    void sampleIsWhatTsharkPrints()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty())
            QSKIP("tshark is not on PATH (packaging/build-deps.txt installs it)");
        std::vector<Stored> here; // the runs whose capture this machine has
        for (const QString& file : storedFiles())
            if (Stored s = readStored(file); !s.capture.isEmpty())
                here.push_back(std::move(s));
        QVERIFY(!here.empty());
        for (size_t i = 0; i < here.size(); i += std::max<size_t>(1, here.size() / 12)) {
            const TsharkRun live = tsharkLive(here[i].capture, here[i].args);
            QCOMPARE(live.exitCode, here[i].exitCode);
            QVERIFY2(live.out == here[i].out, qPrintable(here[i].file + ": tshark prints otherwise today"));
        }
    }
};

QTEST_MAIN(TestTsharkOutput)
#include "tst_tsharkoutput.moc"
