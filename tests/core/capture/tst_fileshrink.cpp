// A capture cut short (truncated by another program) while it is read through the map: every
// reader survives (no SIGBUS), the damage is reported where the file now ends, and the packets
// before it read as they were.
#include "analysis/analysedcapture.h"
#include "capture/capturefile.h"
#include "capture/mappedfile.h"
#include "common/repeatedcapture.h"
#include "flow/flowgraph.h"
#include "tree/detailtree.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define SYNFLOW_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SYNFLOW_TEST_ASAN 1
#endif
#endif

using namespace synflow;
using synflow::test::cutFile;
using synflow::test::writeRepeatedCapture;

namespace {

QString dataFile(const char* name)
{
    return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name));
}

QByteArray bytesOf(const CaptureFile& f, size_t i)
{
    const auto b = f.packetBytes(i);
    return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
}

// Reads every packet as the CLI and the window do: bytes, layers, exact time, comments, and
// every 97th detail tree. Returns the bytes and times read.
struct Read {
    std::vector<QByteArray> bytes;
    std::vector<Timestamp> times;
    std::vector<std::vector<std::string>> comments;
};
Read readAll(const AnalysedCapture& c)
{
    Read r;
    const CaptureFile& f = c.file();
    for (size_t i = 0; i < f.packetCount(); ++i) {
        r.bytes.push_back(bytesOf(f, i));
        (void)f.decode(i);
        r.times.push_back(f.exactTime(i));
        r.comments.push_back(f.packetComments(i));
        if (i % 97 == 0)
            (void)buildDetailTree(c, i).text();
    }
    return r;
}

size_t sizeOf(const QString& path) { return size_t(QFileInfo(path).size()); }

} // namespace

class TestFileShrink : public QObject {
    Q_OBJECT
private slots:
    void readsAfterACutSurvive_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("pcap") << QString();                          // generated, 20 000 packets
        QTest::newRow("pcapng") << dataFile("lo-lossy.pcapng");      // EPB times and options
    }

    void readsAfterACutSurvive()
    {
        QFETCH(QString, source);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cut.cap"));
        if (source.isEmpty())
            QVERIFY(!writeRepeatedCapture(dataFile("loopback-http.pcap"), path, 20000).empty());
        else
            QVERIFY(QFile::copy(source, path));
        AnalysedCapture c;
        std::string error;
        QVERIFY2(c.open(path.toStdString(), error), error.c_str());
        QVERIFY(c.analyse());
        const CaptureFile& f = c.file();
        QVERIFY(!f.damage());
        const Read before = readAll(c);

        // Not on a page boundary: the rest of that page reads as zeros, later pages fault.
        const size_t cut = sizeOf(path) / 2 + 3;
        QVERIFY(cutFile(path, cut));
        const Read after = readAll(c); // before the fix: killed by SIGBUS here
        QCOMPARE(f.shrunkAt(), cut);
        const auto dmg = f.damage();
        QVERIFY(dmg);
        QCOMPARE(dmg->offset, cut);
        QCOMPARE(dmg->what, std::string("the file shrank while it was read"));

        size_t intact = 0;
        while (intact < f.packetCount() && f.index()[intact].offset + f.index()[intact].capLen <= cut)
            ++intact;
        QVERIFY(intact > 10 && intact < f.packetCount());
        QCOMPARE(f.packetsBeforeDamage(), intact);
        for (size_t i = 0; i < f.packetCount(); ++i) {
            QCOMPARE(f.intact(i), i < intact);
            if (i < intact) {
                QCOMPARE(after.bytes[i], before.bytes[i]);
                QCOMPARE(after.times[i].sec, before.times[i].sec);
                QCOMPARE(after.times[i].nsec, before.times[i].nsec);
                QCOMPARE(after.comments[i], before.comments[i]);
            }
        }
        // The flow graph reads every TCP packet too.
        FlowGraph graph;
        graph.build(c);
        QVERIFY(!graph.arrows().empty());
    }

    void aCutInTheLastPageIsFoundByAsking()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cut.pcap"));
        QVERIFY(!writeRepeatedCapture(dataFile("loopback-http.pcap"), path, 2000).empty());
        const size_t size = sizeOf(path);
        const size_t page = size_t(sysconf(_SC_PAGESIZE));
        const size_t cut = size - 10;
        QVERIFY((cut - 1) / page == (size - 1) / page); // the cut leaves the last page in the file
        AnalysedCapture c;
        std::string error;
        QVERIFY(c.open(path.toStdString(), error));
        QVERIFY(c.analyse());
        const CaptureFile& f = c.file();
        QVERIFY(cutFile(path, cut));
        (void)readAll(c); // no page is lost, so nothing faults: the last bytes read as zeros
        QCOMPARE(f.shrunkAt(), MappedFile::kIntact);
        QCOMPARE(f.checkShrunk(), cut);
        QVERIFY(!f.intact(f.packetCount() - 1));
        QVERIFY(f.intact(f.packetCount() - 2));
        QCOMPARE(f.damage()->offset, cut);
        QCOMPARE(f.packetsBeforeDamage(), f.packetCount() - 1);
    }

    // Cut after open and before the first pass: the pass reads with pread, and the piece that
    // comes back short still gives its whole records (all of them were dropped before the fix),
    // whatever the piece size and wherever the cut falls in it.
    void theFirstPassKeepsEveryRecordBeforeTheCut_data()
    {
        QTest::addColumn<size_t>("windowBytes");
        QTest::addColumn<double>("where");
        for (size_t window : {size_t(4096), size_t(256) << 10})
            for (double where : {0.001, 0.33, 0.9})
                QTest::addRow("window %zu, cut at %.3f", window, where) << window << where;
    }
    void theFirstPassKeepsEveryRecordBeforeTheCut()
    {
        QFETCH(size_t, windowBytes);
        QFETCH(double, where);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cut.pcap"));
        const std::vector<size_t> ends = writeRepeatedCapture(dataFile("loopback-http.pcap"), path, 5000);
        QVERIFY(!ends.empty());
        const size_t cut = size_t(double(ends.back()) * where) + 3;
        const size_t before = synflow::test::recordsBefore(ends, cut);

        std::string error;
        AnalysedCapture whole;
        QVERIFY(whole.open(path.toStdString(), error));
        QVERIFY(whole.analyse(AnalysedCapture::Depth::Tcp));
        AnalysedCapture c;
        QVERIFY(c.open(path.toStdString(), error));
        QVERIFY(cutFile(path, cut));
        AnalysedCapture::PassOptions pass;
        pass.windowBytes = windowBytes;
        QVERIFY(c.analyse(pass));
        QCOMPARE(c.packetCount(), before);
        QCOMPARE(c.file().packetCount(), before);
        QVERIFY(c.file().damage());
        QCOMPARE(c.file().damage()->offset, cut);
        for (size_t i = before > 20 ? before - 20 : 0; i < before; ++i) // the records kept were analysed too
            QCOMPARE(c.tracker()->streamOf(uint32_t(i)), whole.tracker()->streamOf(uint32_t(i)));
    }

    void theFollowerStopsAtTheCut()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("live.pcap"));
        const std::vector<size_t> ends = writeRepeatedCapture(dataFile("loopback-http.pcap"), path, 20000);
        QVERIFY(!ends.empty());
        const size_t cut = sizeOf(path) / 3 + 5;
        const size_t before = synflow::test::recordsBefore(ends, cut);

        // Cut after the follower read it all: later reads and updates survive, nothing more is taken in.
        {
            AnalysedCapture c;
            std::string error;
            QVERIFY(c.openFollowing(path.toStdString(), error));
            QCOMPARE(c.update(), size_t(20000));
            QVERIFY(cutFile(path, cut));
            QCOMPARE(c.update(), size_t(0));
            (void)readAll(c);
            QCOMPARE(c.file().damage()->offset, cut);
            QCOMPARE(c.file().packetsBeforeDamage(), before);
            QVERIFY(!c.file().follow());
        }
        // Cut before the follower's first update: it takes in only the packets before the cut.
        QVERIFY(!writeRepeatedCapture(dataFile("loopback-http.pcap"), path, 20000).empty());
        {
            AnalysedCapture c;
            std::string error;
            QVERIFY(c.openFollowing(path.toStdString(), error));
            QVERIFY(cutFile(path, cut));
            QCOMPARE(c.update(), before);
            QCOMPARE(c.file().packetCount(), before);
            QCOMPARE(c.file().damage()->offset, cut);
        }
    }

    // Run on its own by otherBusErrorsStillEndTheProcess(), without QtTest's crash handler (so
    // the handler ours passes other faults on to is the default action, or ASan's).
    void foreignBusErrorChild()
    {
        const QByteArray path = qgetenv("SYNFLOW_TEST_FOREIGN_FAULT");
        if (path.isEmpty())
            QSKIP("run by otherBusErrorsStillEndTheProcess");
        MappedFile guarded; // installs our handler, and is one mapping it guards
        std::string error;
        if (!guarded.open(path.toStdString(), error))
            _exit(3);
        // A mapping that is not a MappedFile's: its lost pages are not ours to paper over.
        const size_t size = guarded.size();
        const int fd = ::open(path.constData(), O_RDONLY);
        auto* p = static_cast<const volatile uint8_t*>(mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0));
        if (fd < 0 || p == MAP_FAILED || ::truncate(path.constData(), 0) != 0)
            _exit(3);
        const uint8_t last = p[size - 1];
        _exit(last == 0 ? 4 : 5); // not reached: SIGBUS
    }

    void otherBusErrorsStillEndTheProcess()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.pcap"));
        QVERIFY(!writeRepeatedCapture(dataFile("loopback-http.pcap"), path, 2000).empty());
        const QByteArray self = QFile::encodeName(QCoreApplication::applicationFilePath());
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            setenv("SYNFLOW_TEST_FOREIGN_FAULT", QFile::encodeName(path).constData(), 1);
            const int null = ::open("/dev/null", O_WRONLY);
            dup2(null, 1);
            execl(self.constData(), self.constData(), "-nocrashhandler", "foreignBusErrorChild", static_cast<char*>(nullptr));
            _exit(6);
        }
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
#if SYNFLOW_TEST_ASAN
        // ASan's handler, chained to, reports the fault and exits.
        QVERIFY2(WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0 && WEXITSTATUS(status) < 3),
                 qPrintable(QString::number(status, 16)));
#else
        QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS, qPrintable(QString::number(status, 16)));
#endif
    }
};

QTEST_GUILESS_MAIN(TestFileShrink)
#include "tst_fileshrink.moc"
