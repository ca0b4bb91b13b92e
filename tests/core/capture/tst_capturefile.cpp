// CaptureFile: formats, interfaces, comments, and damage handling on real captures and on
// damaged copies of them. A capture must never be modified by reading it.
#include "capture/capturefile.h"
#include "capture/followingindexer.h"
#include "common/asnobody.h"
#include "common/oracletsv.h"
#include "proto/protocolsummary.h"
#include "tree/detailtree.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace synflow;

namespace {

QString dataFile(const char* name)
{
    return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name));
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString writeTemp(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(bytes);
    return path;
}

struct Loaded {
    bool opened = false;
    std::string error;
    size_t packets = 0;
    std::optional<Damage> damage;
};

// With `readBuffer` > 0, indexes by reading pieces of that size (CaptureFile::indexRead), and
// checks that each record's bytes read so are the mapped ones.
Loaded load(const QString& path, size_t readBuffer = 0)
{
    Loaded r;
    CaptureFile f;
    r.opened = f.open(path.toStdString(), r.error);
    if (!r.opened)
        return r;
    if (readBuffer == 0) {
        f.indexAll();
    } else {
        ReadWindow w;
        w.buffer.resize(readBuffer);
        bool more = true;
        while (more) {
            const size_t begin = f.packetCount();
            more = f.indexRead(w);
            for (size_t i = begin; i < f.packetCount(); ++i) {
                const auto read = w.packet(f.index()[i]), mapped = f.packetBytes(i);
                if (!std::equal(read.begin(), read.end(), mapped.begin(), mapped.end()))
                    qFatal("%s: record %zu read in pieces of %zu bytes differs from the mapped one", qPrintable(path), i, readBuffer);
            }
        }
    }
    r.packets = f.packetCount();
    r.damage = f.damage();
    return r;
}

// Buffer sizes that cut records every way: smaller than one record, a few records, all of them.
constexpr size_t kReadBuffers[] = {0, 40, 300, 4096};

// Read through the map and in pieces of every size: `packets` records, then damage at `offset`
// whose message contains `words`. Empty when so; else what differs.
QString damagedAt(const QString& path, size_t packets, uint64_t offset, const std::string& words)
{
    for (size_t buffer : kReadBuffers) {
        const Loaded r = load(path, buffer);
        if (!r.opened || r.packets != packets || !r.damage || r.damage->offset != offset
            || r.damage->what.find(words) == std::string::npos)
            return QStringLiteral("buffer %1: opened %2, %3 packets, damage %4")
                .arg(buffer).arg(r.opened).arg(r.packets)
                .arg(r.damage ? QString::number(r.damage->offset) + ": " + QString::fromStdString(r.damage->what) : QStringLiteral("none"));
    }
    return {};
}

// Offsets at which each record of a pcap file starts (from its record headers).
std::vector<size_t> pcapRecordStarts(const QByteArray& b)
{
    std::vector<size_t> starts;
    size_t pos = 24;
    while (pos + 16 <= size_t(b.size())) {
        uint32_t cap;
        std::memcpy(&cap, b.constData() + pos + 8, 4);
        starts.push_back(pos);
        pos += 16 + cap;
    }
    starts.push_back(pos);
    return starts;
}

} // namespace

class TestCaptureFile : public QObject {
    Q_OBJECT
private slots:
    void readsPcapMicroseconds()
    {
        CaptureFile f;
        std::string err;
        QVERIFY2(f.open(dataFile("loopback-http.pcap").toStdString(), err), err.c_str());
        f.indexAll();
        QCOMPARE(f.format(), FileFormat::Pcap);
        QCOMPARE(f.packetCount(), size_t(12));
        QVERIFY(!f.damage());
        QCOMPARE(f.interfaces().size(), size_t(1));
        QCOMPARE(f.linkType(0), uint16_t(1));
        QCOMPARE(f.index()[0].capLen, 74u);
        QCOMPARE(f.index()[0].tsNs % 1000, 0); // microsecond file
        // The bytes are the frame: Ethernet type IPv4 at offset 12.
        QCOMPARE(int(f.packetBytes(0)[12]), 0x08);
        QCOMPARE(int(f.packetBytes(0)[13]), 0x00);
    }

    void nanosecondPcapKeepsTheSameTimes()
    {
        CaptureFile us, ns;
        std::string err;
        QVERIFY(us.open(dataFile("loopback-http.pcap").toStdString(), err));
        QVERIFY(ns.open(dataFile("loopback-http-nsec.pcap").toStdString(), err));
        us.indexAll();
        ns.indexAll();
        QCOMPARE(ns.format(), FileFormat::PcapNanosecond);
        QCOMPARE(ns.packetCount(), us.packetCount());
        for (size_t i = 0; i < us.packetCount(); ++i)
            QCOMPARE(ns.index()[i].tsNs, us.index()[i].tsNs);
    }

    void pcapngInterfacesAndComments()
    {
        CaptureFile f;
        std::string err;
        QVERIFY(f.open(dataFile("loopback-http.pcapng").toStdString(), err));
        f.indexAll();
        QCOMPARE(f.format(), FileFormat::PcapNg);
        QCOMPARE(f.packetCount(), size_t(12));
        QVERIFY(!f.damage());
        QCOMPARE(QString::fromStdString(f.interfaces().at(0).name), QStringLiteral("lo"));
        QCOMPARE(f.interfaces().at(0).tsResol, uint8_t(9)); // dumpcap writes nanoseconds
        const auto c4 = f.packetComments(3);
        QCOMPARE(c4.size(), size_t(1));
        QCOMPARE(QString::fromStdString(c4[0]), QStringLiteral("the HTTP request"));
        QCOMPARE(QString::fromStdString(f.packetComments(11).at(0)), QStringLiteral("a UDP datagram"));
        QVERIFY(f.packetComments(0).empty());
    }

    void everyPcapTruncationLoadsWhatCameBefore()
    {
        const QByteArray whole = readAll(dataFile("loopback-http.pcap"));
        QVERIFY(!whole.isEmpty());
        const auto starts = pcapRecordStarts(whole);
        QTemporaryDir dir;
        for (int cut = 0; cut < whole.size(); ++cut) {
            const QString path = writeTemp(dir, "cut.pcap", whole.left(cut));
            for (size_t buffer : kReadBuffers) {
                const Loaded r = load(path, buffer);
                if (cut < 24) {
                    QVERIFY(!r.opened);
                    QVERIFY(!r.error.empty());
                    continue;
                }
                QVERIFY2(r.opened, r.error.c_str());
                // Complete records before the cut are all there.
                size_t complete = 0;
                while (complete + 1 < starts.size() && starts[complete + 1] <= size_t(cut))
                    ++complete;
                QCOMPARE(r.packets, complete);
                const bool onBoundary = size_t(cut) == starts[complete];
                QCOMPARE(bool(r.damage), !onBoundary);
                if (r.damage) {
                    QCOMPARE(r.damage->offset, uint64_t(starts[complete]));
                    QVERIFY(r.damage->what.find("cut short") != std::string::npos);
                }
            }
        }
    }

    void everyPcapngTruncationLoadsWhatCameBefore()
    {
        const QByteArray whole = readAll(dataFile("loopback-http.pcapng"));
        QVERIFY(!whole.isEmpty());
        QTemporaryDir dir;
        size_t previous = 0;
        for (int cut = 0; cut <= whole.size(); ++cut) {
            const QString path = writeTemp(dir, "cut.pcapng", whole.left(cut));
            const Loaded r = load(path);
            for (size_t buffer : kReadBuffers) { // read in pieces: the same records, the same damage
                const Loaded pieces = load(path, buffer);
                QCOMPARE(pieces.packets, r.packets);
                QCOMPARE(bool(pieces.damage), bool(r.damage));
                if (r.damage) {
                    QCOMPARE(pieces.damage->offset, r.damage->offset);
                    QCOMPARE(pieces.damage->what, r.damage->what);
                }
            }
            if (!r.opened) {
                QVERIFY(cut < 28);
                QVERIFY(!r.error.empty());
                continue;
            }
            QVERIFY(r.packets >= previous); // a longer prefix never loses packets
            previous = r.packets;
            if (cut == whole.size()) {
                QCOMPARE(r.packets, size_t(12));
                QVERIFY(!r.damage);
            }
            if (r.damage)
                QVERIFY(r.damage->offset <= uint64_t(cut));
        }
    }

    void corruptRecordLengthIsReported()
    {
        QByteArray b = readAll(dataFile("loopback-http.pcap"));
        const auto starts = pcapRecordStarts(b);
        // Claim 1 GB in the fourth record's captured length.
        const uint32_t huge = 1u << 30;
        std::memcpy(b.data() + starts[3] + 8, &huge, 4);
        QTemporaryDir dir;
        const QString differs = damagedAt(writeTemp(dir, "corrupt.pcap", b), 3, starts[3], "corrupt");
        QVERIFY2(differs.isEmpty(), qPrintable(differs));
    }

    void corruptPcapngBlockLengthIsReported()
    {
        QByteArray b = readAll(dataFile("loopback-http.pcapng"));
        CaptureFile f;
        std::string err;
        QVERIFY(f.open(dataFile("loopback-http.pcapng").toStdString(), err));
        f.indexAll();
        const size_t block5 = f.index()[5].offset - 28; // EPB header precedes the data
        const uint32_t odd = 0x0fffffff;
        std::memcpy(b.data() + block5 + 4, &odd, 4);
        QTemporaryDir dir;
        const QString differs = damagedAt(writeTemp(dir, "corrupt.pcapng", b), 5, block5, "");
        QVERIFY2(differs.isEmpty(), qPrintable(differs));
    }

    void notACaptureIsNamed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("looksLike");
        QTest::newRow("text") << QByteArray("GET / HTTP/1.1\r\nHost: example\r\n\r\n") << "text file";
        QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << "PNG image";
        // gzip with deflate (method 8) is read now (tst_compressedcapture); another method is not.
        QTest::newRow("gzip") << QByteArray("\x1f\x8b\x09\0\0\0\0\0", 8) << "gzip";
        QTest::newRow("empty") << QByteArray() << "empty file";
        QTest::newRow("binary") << QByteArray("\x01\x02\x03\x04\x05\x06\x07\x08\x00\xff", 10) << "binary data";
    }
    void notACaptureIsNamed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, looksLike);
        QTemporaryDir dir;
        const Loaded r = load(writeTemp(dir, "x.pcap", bytes));
        QVERIFY(!r.opened);
        QVERIFY2(QString::fromStdString(r.error).contains("not a capture file"), r.error.c_str());
        QVERIFY2(QString::fromStdString(r.error).contains(looksLike), r.error.c_str());
        QVERIFY(r.error.find('\n') == std::string::npos);
    }

    void foldersAndMissingFilesAreRefused()
    {
        QTemporaryDir dir;
        Loaded r = load(dir.path());
        QVERIFY(!r.opened);
        QVERIFY2(r.error.find("is a directory") != std::string::npos, r.error.c_str());
        r = load(dir.filePath("missing.pcap"));
        QVERIFY(!r.opened);
        QVERIFY2(r.error.find("No such file") != std::string::npos, r.error.c_str());
    }

    void specialFilesAreRefusedWithoutBlocking()
    {
        // Opened in a child: before the type check, opening a FIFO waited for a writer forever.
        auto openInChild = [](const QString& path) -> std::string {
            int fds[2];
            if (pipe(fds) != 0)
                return "pipe failed";
            const pid_t pid = fork();
            if (pid == 0) {
                CaptureFile f;
                std::string err;
                f.open(path.toStdString(), err);
                (void)!write(fds[1], err.data(), err.size());
                _exit(0);
            }
            ::close(fds[1]);
            pollfd pfd{fds[0], POLLIN, 0};
            std::string error = "hung";
            if (poll(&pfd, 1, 10000) > 0) {
                error.clear();
                char buf[512];
                for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
                    error.append(buf, size_t(n));
            } else {
                kill(pid, SIGKILL);
            }
            ::close(fds[0]);
            waitpid(pid, nullptr, 0);
            return error;
        };
        QTemporaryDir dir;
        const QString fifo = dir.filePath("pipe");
        QCOMPARE(mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        std::string error = openInChild(fifo);
        QVERIFY2(error.find("is a FIFO (named pipe), not a capture file") != std::string::npos, error.c_str());
        error = openInChild(QStringLiteral("/dev/zero"));
        QVERIFY2(error.find("is a character device") != std::string::npos, error.c_str());
        error = openInChild(QStringLiteral("/proc/self/status"));
        QVERIFY2(error.find("procfs file") != std::string::npos, error.c_str());
    }

    void unreadableFileSaysPermissionDenied()
    {
        // Root reads anything, so check as an unprivileged user in a child process.
        QTemporaryDir dir;
        const QString path = writeTemp(dir, "secret.pcap", readAll(dataFile("loopback-http.pcap")));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeOther | QFile::ExeGroup);
        std::string error;
        QVERIFY(synflow::test::runAsNobody(
            [&] {
                CaptureFile f;
                std::string err;
                return f.open(path.toStdString(), err) ? std::string() : err;
            },
            error));
        QVERIFY2(error.find("Permission denied") != std::string::npos, error.c_str());
    }

    void readingNeverModifiesTheCapture()
    {
        const QString path = dataFile("loopback-http.pcapng");
        const QByteArray before = QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256);
        const QDateTime mtime = QFileInfo(path).lastModified();
        CaptureFile f;
        std::string err;
        QVERIFY(f.open(path.toStdString(), err));
        f.indexAll();
        for (size_t i = 0; i < f.packetCount(); ++i)
            (void)f.packetComments(i);
        QCOMPARE(QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256), before);
        QCOMPARE(QFileInfo(path).lastModified(), mtime);
    }

    void incrementalIndexingMatchesWholeFile()
    {
        CaptureFile a, b;
        std::string err;
        QVERIFY(a.open(dataFile("loopback-http.pcapng").toStdString(), err));
        QVERIFY(b.open(dataFile("loopback-http.pcapng").toStdString(), err));
        a.indexAll();
        while (b.indexMore(1)) { }
        QCOMPARE(b.packetCount(), a.packetCount());
        for (size_t i = 0; i < a.packetCount(); ++i) {
            QCOMPARE(b.index()[i].offset, a.index()[i].offset);
            QCOMPARE(b.index()[i].tsNs, a.index()[i].tsNs);
        }
    }

    void followerGetsEveryRecordInOrder()
    {
        // Small read buffers, so the ring of buffers is reused many times and records straddle
        // their ends; the follower must see every record once, in order, with its own bytes.
        for (const char* name : {"lo-lossy.pcapng", "lo-fastretx.pcapng"}) {
            CaptureFile mapped, f;
            std::string err;
            QVERIFY(mapped.open(dataFile(name).toStdString(), err));
            mapped.indexAll();
            QVERIFY(f.open(dataFile(name).toStdString(), err));
            size_t next = 0, pieces = 0;
            bool sameBytes = true;
            indexWithFollower(
                f,
                [&](const IndexedBatch& batch) {
                    if (batch.begin != next)
                        sameBytes = false;
                    for (size_t i = batch.begin; i < batch.end; ++i) {
                        const auto read = batch.packet(f.index()[i]), mapBytes = mapped.packetBytes(i);
                        sameBytes = sameBytes && std::equal(read.begin(), read.end(), mapBytes.begin(), mapBytes.end());
                    }
                    next = batch.end;
                },
                [&] { return ++pieces > 0; }, 512);
            QCOMPARE(next, mapped.packetCount());
            QVERIFY(sameBytes);
            QVERIFY2(pieces > 4, qPrintable(QString::number(pieces))); // the four buffers went round
        }
    }

    void tooShortCustomBlockIsDamage()
    {
        // A custom block needs 16 bytes (its enterprise number); 12 must not give a record whose
        // length wraps around to 4 GB.
        QByteArray b;
        auto le32 = [&](uint32_t v) { b.append(reinterpret_cast<const char*>(&v), 4); };
        le32(0x0A0D0D0A), le32(28), le32(0x1A2B3C4D), le32(1), le32(0xffffffff), le32(0xffffffff), le32(28); // SHB
        le32(0x00000BAD), le32(12), le32(12);
        QTemporaryDir dir;
        const QString differs = damagedAt(writeTemp(dir, "short-custom.pcapng", b), 0, 28, "custom block too short");
        QVERIFY2(differs.isEmpty(), qPrintable(differs));
    }

    void customBlocksNameTheirEnterpriseAndCopying()
    {
        // Custom blocks in a little-endian section (copy allowed, 0x00000BAD) and in a big-endian
        // one (no copy, 0x40000BAD): each names its Private Enterprise Number and section as
        // tshark 4.0 writes them, whichever byte order the section has.
        QByteArray b;
        auto put32 = [&](uint32_t v, bool big) {
            for (int k = 0; k < 4; ++k)
                b.append(char(big ? v >> (24 - 8 * k) : v >> (8 * k)));
        };
        auto put16 = [&](uint16_t v, bool big) { b.append(char(big ? v >> 8 : v)), b.append(char(big ? v : v >> 8)); };
        auto idb = [&](bool big) { put32(1, big), put32(20, big), put16(1, big), put16(0, big), put32(65535, big), put32(20, big); };
        auto section = [&](bool big, bool withInterface = true) {
            put32(0x0A0D0D0A, big), put32(28, big), put32(0x1A2B3C4D, big), put16(1, big), put16(0, big);
            put32(0xffffffff, big), put32(0xffffffff, big), put32(28, big);
            if (withInterface)
                idb(big);
        };
        auto custom = [&](uint32_t type, uint32_t pen, const QByteArray& data, bool big) {
            const uint32_t total = 16 + uint32_t((data.size() + 3) & ~3);
            put32(type, big), put32(total, big), put32(pen, big);
            b.append(data), b.append(QByteArray((4 - data.size() % 4) % 4, '\0'));
            put32(total, big);
        };
        section(false);
        custom(0x00000BAD, 32473, "hello", false);
        section(true);
        custom(0x40000BAD, 36724, "abc", true);
        custom(0x40000BAD, 99999999, "", true);
        custom(0x40000BAD, 0xfffffff0, "", true); // tshark's Info prints it signed, its tree not
        section(false, false); // a third section whose custom block comes before its interface
        custom(0x00000BAD, 32473, "abcd", false);
        idb(false);
        QTemporaryDir dir;
        CaptureFile f;
        std::string err;
        QVERIFY2(f.open(writeTemp(dir, "custom.pcapng", b).toStdString(), err), err.c_str());
        f.indexAll();
        QCOMPARE(f.packetCount(), size_t(5));
        // tshark 4.0: the section it is in, though no interface of that section came before it.
        const std::string third = buildDetailTree(f, 4, f.decode(4), nullptr).text();
        QVERIFY2(third.starts_with("PCAPNG Custom Block 5: 4 bytes (32 bits) of custom data and options, PEN Example Enterprise "
                                   "Number for Documentation Use (32473), copying allowed\n    Section number: 3\n"),
                 third.c_str());
        const char* expected[][2] = {
            {"Custom Block: PEN = Example Enterprise Number for Documentation Use (32473), will be copied",
             "PCAPNG Custom Block 1: 8 bytes (64 bits) of custom data and options, PEN Example Enterprise Number for Documentation "
             "Use (32473), copying allowed\n    Section number: 1\n"},
            {"Custom Block: PEN = Kaplan Research and Application Prototyping (36724), will not be copied",
             "PCAPNG Custom Block 2: 4 bytes (32 bits) of custom data and options, PEN Kaplan Research and Application Prototyping "
             "(36724), copying not allowed\n    Section number: 2\n"},
            {"Custom Block: PEN = Unknown (99999999), will not be copied",
             "PCAPNG Custom Block 3: 0 bytes (0 bits) of custom data and options, PEN Unknown (99999999), copying not allowed\n"},
            {"Custom Block: PEN = Unknown (-16), will not be copied",
             "PCAPNG Custom Block 4: 0 bytes (0 bits) of custom data and options, PEN Unknown (4294967280), copying not allowed\n"},
        };
        for (size_t i = 0; i < 4; ++i) {
            const DecodedPacket d = f.decode(i);
            QVERIFY(d.customBlock);
            const ProtocolSummary s = summarizeProtocol(d, f.index()[i]);
            QCOMPARE(s.protocol, std::string("PCAPNG"));
            QCOMPARE(s.info, std::string(expected[i][0]));
            const std::string tree = buildDetailTree(f, i, d, nullptr).text();
            QVERIFY2(tree.starts_with(expected[i][1]), tree.c_str());
            QVERIFY2(tree.find(i < 2 ? "[Protocols in frame: data]\nData (" : "[Protocols in frame: ]\n") != std::string::npos, tree.c_str());
        }
    }

    void readingInPiecesMatchesTheMap()
    {
        // Our own captures, and every shared one (all link types, pcap and pcapng, damaged ones).
        QStringList paths;
        for (const QString& name : QDir(QStringLiteral(SYNFLOW_TEST_DATA)).entryList({"*.pcap", "*.pcapng"}, QDir::Files))
            paths << dataFile(name.toLatin1().constData());
        if (const QString shared = test::sharedCapturesDir(); !shared.isEmpty())
            for (const QString& name : QDir(shared).entryList({"*.pcap", "*.pcapng", "*.cap"}, QDir::Files))
                paths << QDir(shared).filePath(name);
        QVERIFY(paths.size() >= 10);
        for (const QString& path : paths) {
            CaptureFile mapped;
            std::string err;
            QVERIFY2(mapped.open(path.toStdString(), err), err.c_str());
            mapped.indexAll();
            for (size_t buffer : {size_t(300), size_t(4096), size_t(65536)}) {
                CaptureFile f;
                QVERIFY(f.open(path.toStdString(), err));
                ReadWindow w;
                w.buffer.resize(buffer);
                while (f.indexRead(w)) { }
                QCOMPARE(f.packetCount(), mapped.packetCount());
                QCOMPARE(f.interfaces().size(), mapped.interfaces().size());
                QCOMPARE(bool(f.damage()), bool(mapped.damage()));
                for (size_t i = 0; i < f.packetCount(); ++i) {
                    const PacketRecord &a = f.index()[i], &b = mapped.index()[i];
                    QVERIFY2(a.offset == b.offset && a.tsNs == b.tsNs && a.capLen == b.capLen && a.origLen == b.origLen
                                 && a.iface == b.iface && a.kind == b.kind && a.flags == b.flags,
                             qPrintable(path));
                }
            }
        }
    }

    // decodeEach() reads runs of records in pieces: each frame's layers as decode() gives them,
    // for every frame, every seventh (gaps between the records read) and a few far apart.
    void decodeEachMatchesDecode()
    {
        QStringList paths;
        for (const QString& name : QDir(QStringLiteral(SYNFLOW_TEST_DATA)).entryList({"*.pcap", "*.pcapng"}, QDir::Files))
            paths << dataFile(name.toLatin1().constData());
        if (const QString shared = test::sharedCapturesDir(); !shared.isEmpty())
            for (const QString& name : QDir(shared).entryList({"*.pcap", "*.pcapng", "*.cap"}, QDir::Files))
                paths << QDir(shared).filePath(name);
        for (const QString& path : paths) {
            CaptureFile f;
            std::string err;
            QVERIFY2(f.open(path.toStdString(), err), err.c_str());
            f.indexAll();
            for (size_t step : {size_t(1), size_t(7), std::max<size_t>(1, f.packetCount() / 5)}) {
                std::vector<uint32_t> frames;
                for (size_t i = 0; i < f.packetCount(); i += step)
                    frames.push_back(uint32_t(i));
                size_t next = 0;
                bool same = true;
                f.decodeEach(frames, [&](uint32_t i, const DecodedPacket& d) {
                    const DecodedPacket m = f.decode(i);
                    same = same && next < frames.size() && frames[next++] == i && d.frame.size() == m.frame.size()
                        && std::equal(d.frame.begin(), d.frame.end(), m.frame.begin()) && d.transport == m.transport
                        && d.transportOffset == m.transportOffset && d.tcpPayloadLen == m.tcpPayloadLen && d.net == m.net
                        && d.reassembled == m.reassembled;
                });
                QVERIFY2(same && next == frames.size(), qPrintable(QStringLiteral("%1 step %2").arg(path).arg(step)));
            }
        }
    }

    void indexGrowsAcrossChunksWithoutMoving()
    {
        PacketIndex index;
        const size_t n = PacketIndex::kChunkSize * 2 + 5;
        PacketRecord rec;
        rec.capLen = 1;
        QVERIFY(index.append(rec));
        const PacketRecord* first = &index[0];
        for (size_t i = 1; i < n; ++i) {
            rec.offset = i;
            QVERIFY(index.append(rec));
        }
        QCOMPARE(index.size(), n);
        QCOMPARE(&index[0], first); // earlier entries never move
        QCOMPARE(index[PacketIndex::kChunkSize].offset, uint64_t(PacketIndex::kChunkSize));
        QCOMPARE(index[n - 1].offset, uint64_t(n - 1));
    }

    void multiSectionBigEndianPcapng()
    {
        const QString path = QDir(synflow::test::sharedCapturesDir()).filePath("gp-be-test202.pcapng");
        if (!QFileInfo::exists(path))
            QSKIP(qPrintable("shared capture not found: " + path));
        CaptureFile f;
        std::string err;
        QVERIFY(f.open(path.toStdString(), err));
        f.indexAll();
        QCOMPARE(f.packetCount(), size_t(11)); // 8 packets + 3 custom blocks, as tshark counts
        QVERIFY(f.interfaces().front().bigEndian);
        QCOMPARE(f.index()[0].kind, RecordKind::CustomBlock);
        QCOMPARE(f.index()[4].kind, RecordKind::SimplePacket);
        QVERIFY(f.interfaces().back().section > 0);
    }

    void unknownSectionVersionStopsWithDamage()
    {
        const QString path = QDir(synflow::test::sharedCapturesDir()).filePath("gp-le-test901.pcapng");
        if (!QFileInfo::exists(path))
            QSKIP(qPrintable("shared capture not found: " + path));
        const Loaded r = load(path);
        QVERIFY(r.opened);
        QCOMPARE(r.packets, size_t(1));
        QVERIFY(r.damage);
        QVERIFY2(r.damage->what.find("version 2.0") != std::string::npos, r.damage->what.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCaptureFile)
#include "tst_capturefile.moc"
