// synflow-cli on hostile inputs and failing outputs (issue 17): special files are refused at
// once, write errors exit 1, -o files are replaced whole or not at all, packet text cannot
// break a row, damage has one exit rule, numbers are parsed strictly, conv takes time extremes.
#include "common/craftedcapture.h"
#include "common/asnobody.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <cstdio>
#include <csignal>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct Run {
    int code = -1; // -1: crashed, -2: still running after the timeout (a hang)
    QByteArray out, err;
};

Run cli(const QStringList& args, const std::function<void(QProcess&)>& setup = {})
{
    QProcess p;
    if (setup)
        setup(p);
    p.start(QStringLiteral(SYNFLOW_CLI), args);
    if (!p.waitForFinished(15000)) {
        p.kill();
        p.waitForFinished();
        return {-2, {}, {}};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

const QStringList kCommands[] = {{"info"}, {"fields"}, {"detail", "-n", "1"}, {"conv"}, {"flow"}, {"endpoints", "--type", "ip"},
                                 {"conv", "--type", "eth"}, {"io", "-i", "1", "-Y", "tcp"}};

QStringList withFile(QStringList command, const QString& file)
{
    command.insert(1, file);
    return command;
}

using synflow::test::httpCapture;
using synflow::test::Packet;
using synflow::test::pcap;
using synflow::test::tcpFrame;

QString writeFile(const QTemporaryDir& dir, const char* name, const QByteArray& bytes)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return path;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray tshark(const QStringList& args)
{
    const QString exe = QStandardPaths::findExecutable(QStringLiteral("tshark"));
    if (exe.isEmpty())
        return {};
    QProcess p;
    p.start(exe, args);
    p.waitForFinished(60000);
    return p.readAllStandardOutput();
}

// Limits files the child writes to `bytes`; a longer write fails with EFBIG instead of a signal.
auto fileSizeLimit(rlim_t bytes)
{
    return [bytes](QProcess& p) {
        p.setChildProcessModifier([bytes] {
            std::signal(SIGXFSZ, SIG_IGN);
            const rlimit lim{bytes, bytes};
            setrlimit(RLIMIT_FSIZE, &lim);
        });
    };
}

bool onlyFiles(const QTemporaryDir& dir, QStringList names)
{
    QStringList have = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System);
    have.sort();
    names.sort();
    if (have != names)
        qWarning() << "files:" << have << "expected:" << names;
    return have == names;
}

} // namespace

class TestCliFaults : public QObject {
    Q_OBJECT
private slots:
    void specialFilesAreRefusedAtOnce_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("what");
        QTest::newRow("fifo") << "FIFO" << "is a FIFO (named pipe), not a capture file";
        QTest::newRow("socket") << "SOCKET" << "is a socket, not a capture file";
        QTest::newRow("directory") << "DIR" << "is a directory, not a capture file";
        QTest::newRow("symlink loop") << "LOOP" << "is a symbolic link loop";
        QTest::newRow("/dev/zero") << "/dev/zero" << "is a character device, not a capture file";
        QTest::newRow("/dev/urandom") << "/dev/urandom" << "is a character device, not a capture file";
        QTest::newRow("procfs") << "/proc/self/status" << "is a kernel procfs file, not a capture file";
        QTest::newRow("sysfs") << "/sys/kernel/uevent_seqnum" << "is a kernel sysfs file, not a capture file";
    }

    void specialFilesAreRefusedAtOnce()
    {
        QFETCH(QString, path);
        QFETCH(QString, what);
        QTemporaryDir dir;
        if (path == "FIFO") {
            path = dir.filePath("f");
            QCOMPARE(mkfifo(path.toLocal8Bit().constData(), 0600), 0);
        } else if (path == "SOCKET") {
            path = dir.filePath("s");
            const int s = socket(AF_UNIX, SOCK_STREAM, 0);
            sockaddr_un addr{};
            addr.sun_family = AF_UNIX;
            std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.toLocal8Bit().constData());
            QCOMPARE(bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
            ::close(s);
        } else if (path == "DIR") {
            path = dir.path();
        } else if (path == "LOOP") {
            path = dir.filePath("a");
            QVERIFY(QFile::link(dir.filePath("b"), path));
            QVERIFY(QFile::link(path, dir.filePath("b")));
        } else if (!QFileInfo::exists(path)) {
            QSKIP("not on this system");
        }
        for (const QStringList& command : kCommands) {
            const Run r = cli(withFile(command, path));
            QVERIFY2(r.code != -2, qPrintable(command[0] + " hung on " + path));
            QCOMPARE(r.code, 1);
            QVERIFY(r.out.isEmpty());
            QCOMPARE(r.err.count('\n'), 1);
            QVERIFY2(r.err.contains(what.toUtf8()) && r.err.contains(path.toUtf8()), r.err.constData());
        }
    }

    void unreadableFileSaysPermissionDenied()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "secret.pcap", httpCapture("GET / HTTP/1.1\r\n\r\n"));
        QVERIFY(!path.isEmpty());
        QVERIFY(QFile::setPermissions(path, {}));
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther);
        for (const QStringList& command : kCommands) {
            std::string result;
            const QByteArray argv0 = QByteArrayLiteral(SYNFLOW_CLI);
            QVERIFY(synflow::test::runAsNobody(
                [&] {
                    // The child runs the CLI and hands back its exit code and stderr.
                    int err[2];
                    if (pipe(err) != 0)
                        return std::string("pipe failed");
                    const pid_t pid = fork();
                    if (pid == 0) {
                        dup2(err[1], 2);
                        std::vector<QByteArray> a{argv0};
                        for (const QString& s : withFile(command, path))
                            a.push_back(s.toLocal8Bit());
                        std::vector<char*> v;
                        for (QByteArray& s : a)
                            v.push_back(s.data());
                        v.push_back(nullptr);
                        execv(v[0], v.data());
                        _exit(127);
                    }
                    ::close(err[1]);
                    std::string text;
                    char buf[512];
                    for (ssize_t n; (n = read(err[0], buf, sizeof buf)) > 0;)
                        text.append(buf, size_t(n));
                    int status = 0;
                    waitpid(pid, &status, 0);
                    return std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + " " + text;
                },
                result));
            QVERIFY2(result.starts_with("1 synflow-cli: cannot open ") && result.find("Permission denied") != std::string::npos,
                     result.c_str());
        }
    }

    void writeErrorsExitOne()
    {
        QTemporaryDir dir;
        const QString file = writeFile(dir, "http.pcap", httpCapture("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        for (const QStringList& command : kCommands) {
            const Run r = cli(withFile(command, file), [](QProcess& p) { p.setStandardOutputFile(QStringLiteral("/dev/full")); });
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err == "synflow-cli: cannot write stdout: No space left on device\n", r.err.constData());
        }
        const Run help = cli({"--help"}, [](QProcess& p) { p.setStandardOutputFile(QStringLiteral("/dev/full")); });
        QCOMPARE(help.code, 1);
        const Run r = cli({"flow", file, "-o", "/dev/full"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err == "synflow-cli: cannot write /dev/full: No space left on device\n", r.err.constData());
    }

    void outputFilesAreReplacedWholeOrNotAtAll_data()
    {
        QTest::addColumn<QString>("format");
        for (const char* f : {"txt", "svg", "png", "pdf"})
            QTest::newRow(f) << f;
    }

    void outputFilesAreReplacedWholeOrNotAtAll()
    {
        QFETCH(QString, format);
        QTemporaryDir dir;
        const QByteArray capture = httpCapture("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        const QString file = writeFile(dir, "big.pcap", capture);
        const QString damaged = writeFile(dir, "cut.pcap", capture.left(capture.size() - 20));
        const QString old = writeFile(dir, "old.out", "the old graph\n");
        const QStringList files{"big.pcap", "cut.pcap", "old.out"};

        // The write fails part way (file size limit): the old file is untouched, no temporary left.
        Run r = cli({"flow", file, "--format", format, "-o", old}, fileSizeLimit(4096));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("synflow-cli: cannot write " + old.toUtf8() + ": "), r.err.constData());
        QCOMPARE(readAll(old), QByteArray("the old graph\n"));
        QVERIFY(onlyFiles(dir, files));

        // A damaged capture: the partial graph does not replace the old one; exit 2.
        r = cli({"flow", damaged, "--format", format, "-o", old});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("damaged at byte"), r.err.constData());
        QCOMPARE(readAll(old), QByteArray("the old graph\n"));
        QVERIFY(onlyFiles(dir, files));

        // A good write replaces it.
        r = cli({"flow", file, "--format", format, "-o", old});
        QCOMPARE(r.code, 0);
        QVERIFY2(!r.err.contains("synflow-cli"), r.err.constData()); // Qt may note a missing XDG_RUNTIME_DIR
        const QByteArray written = readAll(old);
        QVERIFY(written.size() > 4096);
        QVERIFY(written != "the old graph\n");
        QVERIFY(onlyFiles(dir, files));
    }

    void packetTextCannotBreakRows()
    {
        QTemporaryDir dir;
        const QString file = writeFile(dir, "tab.pcap",
                                       httpCapture("GET /a\tb\x01" "c\x7f" "d\x1b" "e\\f\x08g\x0ch\xc3\xa9i\x80j\xe2\x80\x8bk HTTP/1.1\r\n"
                                                   "Host: x\r\n\r\n"));
        const Run r = cli({"fields", file});
        QCOMPARE(r.code, 0);
        const QList<QByteArray> rows = r.out.split('\n');
        QCOMPARE(rows.size(), 4 + 2); // header, four frames, the empty piece after the last newline
        const qsizetype tabs = rows[0].count('\t');
        for (int i = 1; i <= 4; ++i)
            QCOMPARE(rows[i].count('\t'), tabs);
        const int infoColumn = int(rows[0].split('\t').indexOf("_ws.col.Info"));
        QVERIFY(infoColumn >= 0);
        const QByteArray info = rows[4].split('\t')[infoColumn];
        // tshark -T fields -e _ws.col.Info on the same file, byte for byte.
        const QByteArray expected = "GET /a\\tb\\001c\\177d\\033e\\f\\bg\\fh\xc3\xa9i\xef\xbf\xbdj\\u200Bk HTTP/1.1 ";
        QCOMPARE(info, expected);
        const QByteArray oracle = tshark({"-r", file, "-T", "fields", "-e", "_ws.col.Info"});
        if (!oracle.isEmpty())
            QCOMPARE(oracle.split('\n')[3], expected);

        // The SVG stays well-formed XML with the same text visible.
        const Run svg = cli({"flow", file, "--type", "all", "--format", "svg"});
        QCOMPARE(svg.code, 0);
        QXmlStreamReader xml(svg.out);
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    }

    void damageHasOneExitRule()
    {
        QTemporaryDir dir;
        const QByteArray capture = httpCapture("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 3);
        const QString file = writeFile(dir, "cut.pcap", capture.left(capture.size() - 10));
        const QByteArray message = "synflow-cli: " + file.toUtf8() + ": damaged at byte ";
        for (const QStringList& command : kCommands) {
            const Run r = cli(withFile(command, file));
            QCOMPARE(r.code, 2);
            QVERIFY2(!r.out.isEmpty(), qPrintable(command[0]));
            QVERIFY2(r.err.startsWith(message) && r.err.endsWith("(6 packets read before it)\n") && r.err.count('\n') == 1,
                     r.err.constData());
        }
        const Run help = cli({"--help"});
        QVERIFY(help.out.contains("damaged captures"));
    }

    void numbersAreParsedStrictly()
    {
        QTemporaryDir dir;
        const QString file = writeFile(dir, "http.pcap", httpCapture("GET / HTTP/1.1\r\n\r\n"));
        for (const QStringList& args : {QStringList{"detail", file, "-n", "1x"}, QStringList{"detail", file, "-n", "0"},
                                        QStringList{"detail", file, "-n", "-1"}, QStringList{"detail", file, "-n", ""},
                                        QStringList{"detail", file, "-n", "99999999999999999999"},
                                        QStringList{"flow", file, "--stream", "abc"}, QStringList{"flow", file, "--stream", "1x"},
                                        QStringList{"flow", file, "--stream", " 0"}}) {
            const Run r = cli(args);
            QCOMPARE(r.code, 2);
            QVERIFY(r.out.isEmpty());
            QVERIFY2(r.err.contains("usage: synflow-cli " + args[0].toUtf8()), r.err.constData());
        }
        Run r = cli({"flow", file, "--stream", "99999"});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err, QByteArray("synflow-cli: no TCP stream 99999 (the capture has 1)\n"));
        r = cli({"detail", file, "-n", "5"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("beyond the last frame (4)"));
        QCOMPARE(cli({"flow", file, "--stream", "0"}).code, 0);
    }

    void convTakesTheTimeExtremes()
    {
        // Times go backwards inside both conversations (clock steps, merged captures).
        QTemporaryDir dir;
        const QString file = writeFile(dir, "back.pcap",
                                       pcap({{10.0, tcpFrame(1, 2, 40000, 80, 100, 0, 0x02)},
                                             {12.5, tcpFrame(2, 1, 80, 40000, 500, 101, 0x12)},
                                             {9.0, tcpFrame(1, 2, 40000, 80, 101, 501, 0x10)},
                                             {11.0, tcpFrame(3, 2, 40001, 80, 7, 0, 0x02)},
                                             {20.0, tcpFrame(1, 2, 40000, 80, 101, 501, 0x11)},
                                             {8.5, tcpFrame(3, 2, 40001, 80, 8, 0, 0x10)}}));
        const Run r = cli({"conv", file});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("-1.000000000        11.0000\n") && r.out.contains("-1.500000000         2.5000\n"), r.out.constData());
        const QByteArray oracle = tshark({"-q", "-z", "conv,tcp", "-r", file});
        if (!oracle.isEmpty())
            QCOMPARE(r.out, oracle);
        const Run json = cli({"conv", file, "--format", "json"});
        QVERIFY(json.out.contains("\"rel_start\": -1.000000000, \"duration\": 11.000000000"));
    }
};

QTEST_GUILESS_MAIN(TestCliFaults)
#include "tst_clifaults.moc"
