// synflow-cli on captures as users have them (issue 16 section 4): gzip, zstd and lz4 copies and
// captures on standard input ("-") give exactly the plain file's output in every command; a cut
// compressed file gives the packets before, a message naming the byte, exit 2; the source is
// never written; a named FIFO is still refused at once, with the way to read it.
#include "common/compressedcopy.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace synflow;
using namespace synflow::test;

namespace {

struct Run {
    int code = -1; // -1: ended by a signal
    QByteArray out, err;
};

// `stdinFile`: given as standard input (a file, or "|" + a file to give it through a pipe).
Run cli(const QStringList& args, const QString& stdinFile = {}, const QStringList& env = {})
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const QString& kv : env)
        e.insert(kv.section('=', 0, 0), kv.section('=', 1));
    p.setProcessEnvironment(e);
    if (stdinFile.startsWith('|')) {
        p.start(QStringLiteral(SYNFLOW_CLI), args);
        p.waitForStarted();
        QFile f(stdinFile.mid(1));
        if (f.open(QIODevice::ReadOnly)) {
            // In pieces, so the reader sees a pipe that fills as it goes.
            for (QByteArray piece; !(piece = f.read(4096)).isEmpty();) {
                p.write(piece);
                p.waitForBytesWritten(10000);
            }
        }
        p.closeWriteChannel();
    } else {
        if (!stdinFile.isEmpty())
            p.setStandardInputFile(stdinFile);
        p.start(QStringLiteral(SYNFLOW_CLI), args);
    }
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

QString data(const char* name)
{
    return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name));
}

QByteArray sha(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// `info` without the lines that name the file or say how it was compressed.
QByteArray infoBody(QByteArray out)
{
    QList<QByteArray> kept;
    for (const QByteArray& line : out.split('\n'))
        if (!line.startsWith("File:") && !line.startsWith("Compression:"))
            kept.push_back(line);
    return kept.join('\n');
}

const Compression kAll[] = {Compression::Gzip, Compression::Zstd, Compression::Lz4};
const char* const kCaptures[] = {"loopback-http.pcapng", "loopback-http-nsec.pcap", "lo-lossy.pcapng", "lo-ipv6.pcapng"};

} // namespace

class TestCliCompressed : public QObject {
    Q_OBJECT
    QTemporaryDir dir_, cache_;
    QStringList env_;

    QString compressedCopy(const QString& plain, Compression c, int pieces = 1)
    {
        const QString path = dir_.filePath(QFileInfo(plain).fileName() + QString::fromStdString(suffix(c)));
        writeWholeFile(path.toStdString(), compressed(c, readWholeFile(plain.toStdString()), pieces));
        return path;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid() && cache_.isValid());
        env_ = {"XDG_CACHE_HOME=" + cache_.path()};
    }

    void sameOutputAsThePlainFile()
    {
        for (const char* name : kCaptures) {
            const QString plain = data(name);
            const Run fields = cli({"fields", plain}), conv = cli({"conv", plain}), info = cli({"info", plain});
            const Run flow = cli({"flow", plain});
            QCOMPARE(fields.code, 0);
            QCOMPARE(conv.code, 0);
            QVERIFY(!fields.out.isEmpty());
            for (Compression c : kAll) {
                const QString path = compressedCopy(plain, c, 2);
                const QByteArray before = sha(path);
                const Run f = cli({"fields", path}, {}, env_);
                QCOMPARE(f.code, 0);
                QVERIFY2(f.out == fields.out, qPrintable(path));
                const Run cv = cli({"conv", path}, {}, env_);
                QCOMPARE(cv.code, 0);
                QCOMPARE(cv.out, conv.out);
                const Run fl = cli({"flow", path}, {}, env_);
                QCOMPARE(fl.code, 0);
                QCOMPARE(fl.out, flow.out);
                const Run i = cli({"info", path}, {}, env_);
                QCOMPARE(i.code, 0);
                QCOMPARE(infoBody(i.out), infoBody(info.out));
                QVERIFY(i.out.contains("Compression:     " + QByteArray(compressionName(c)) + ", "));
                QCOMPARE(sha(path), before);
            }
        }
        QVERIFY(QDir(cache_.filePath("synflow")).entryList(QDir::Files | QDir::Hidden | QDir::System).isEmpty());
    }

    // "-": a plain or compressed capture on standard input, from a file or through a pipe.
    void standardInput()
    {
        const QString plain = data("loopback-http.pcapng");
        const QString gz = compressedCopy(plain, Compression::Gzip);
        const QByteArray plainSha = sha(plain);
        for (const char* command : {"info", "conv", "fields"}) {
            const Run want = cli({command, plain});
            QCOMPARE(want.code, 0);
            for (const QString& in : {plain, "|" + plain, gz, "|" + gz}) {
                const Run r = cli({command, "-"}, in, env_);
                QVERIFY2(r.code == 0, r.err.constData());
                if (QByteArray(command) == "info") {
                    QCOMPARE(infoBody(r.out), infoBody(want.out));
                    QVERIFY(r.out.startsWith("File:            standard input\n"));
                } else {
                    QCOMPARE(r.out, want.out);
                }
            }
        }
        QCOMPARE(sha(plain), plainSha);
        // Nothing on standard input: an empty file, said so.
        const Run empty = cli({"info", "-"}, "/dev/null", env_);
        QCOMPARE(empty.code, 1);
        QVERIFY2(empty.err.contains("standard input is not a capture file") && empty.err.contains("empty"), empty.err);
    }

    // As tshark: the packets before the damage, one line naming it, exit 2.
    void cutShortCompressedFile()
    {
        const QString plain = data("lo-lossy.pcapng");
        const Run want = cli({"fields", plain});
        for (Compression c : {Compression::Gzip, Compression::Zstd}) {
            auto bytes = compressed(c, readWholeFile(plain.toStdString()), 4);
            bytes.resize(bytes.size() * 2 / 3);
            const QString path = dir_.filePath("cut" + QString::fromStdString(suffix(c)));
            writeWholeFile(path.toStdString(), bytes);
            for (const QString& in : {QString(), "|" + path}) {
                const Run r = in.isEmpty() ? cli({"fields", path}, {}, env_) : cli({"fields", "-"}, in, env_);
                QCOMPARE(r.code, 2);
                const QByteArray expect = ": damaged at byte " + QByteArray::number(qsizetype(bytes.size())) + ": " +
                                          compressionName(c) + " data cut short";
                QVERIFY2(r.err.contains(expect), r.err.constData());
                QCOMPARE(r.err.count('\n'), 1);
                // The packets before: each row's first 20 columns (frame, lengths, addresses, TCP
                // numbers) as in the whole file; Protocol/Info of the last ones may differ (a PDU that
                // a later packet completed now never ends, as tshark shows it too).
                const QList<QByteArray> got = r.out.split('\n'), all = want.out.split('\n');
                QVERIFY(got.size() > 2 && got.size() < all.size());
                for (qsizetype i = 0; i + 1 < got.size(); ++i)
                    QCOMPARE(got[i].split('\t').mid(0, 20), all[i].split('\t').mid(0, 20));
            }
        }
    }

    // A decompression bomb meets the file-size limit: a message and exit 2, no signal.
    void bombStopsAtTheFileSizeLimit()
    {
        std::vector<uint8_t> bytes = readWholeFile(data("loopback-http.pcap").toStdString());
        const std::vector<uint8_t> body(bytes.begin() + 24, bytes.end());
        while (bytes.size() < (size_t(24) << 20))
            bytes.insert(bytes.end(), body.begin(), body.end());
        const QString path = dir_.filePath("bomb.pcap.zst");
        writeWholeFile(path.toStdString(), compressed(Compression::Zstd, bytes));
        QProcess p;
        p.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
        p.start("/bin/sh", {"-c", "ulimit -f 4096 && exec \"$0\" info \"$1\"", QStringLiteral(SYNFLOW_CLI), path});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("stopped decompressing after") && err.contains("file-size limit"), err.constData());
    }

    void namedFifoStillRefused()
    {
        const QString fifo = dir_.filePath("pipe");
        QCOMPARE(mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        const Run r = cli({"info", fifo});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("is a FIFO (named pipe), not a capture file") && r.err.contains("- < "), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliCompressed)
#include "tst_clicompressed.moc"
