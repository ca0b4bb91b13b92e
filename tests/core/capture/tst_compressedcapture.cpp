// Compressed captures (gzip, zstd, lz4; issue 16 section 4): every test capture, compressed here
// with the libraries, indexes to exactly the records and bytes of the plain file, by both ways of
// indexing; a cut or corrupt compressed file keeps the packets before the damage and names the
// byte of the compressed file; the cache copy leaves nothing behind; the source is never written.
#include "capture/capturefile.h"
#include "capture/capturespool.h"
#include "capture/followingindexer.h"
#include "common/compressedcopy.h"

#include <QCryptographicHash>
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace synflow;
using namespace synflow::test;

namespace {

struct Record {
    uint64_t offset;
    int64_t tsNs;
    uint32_t origLen;
    QByteArray bytes;
    bool operator==(const Record&) const = default;
};

struct Indexed {
    bool opened = false;
    std::string error;
    FileFormat format = FileFormat::Unknown;
    Compression compression = Compression::None;
    std::vector<Record> records;
    size_t interfaces = 0;
    std::optional<Damage> damage;
};

// `windowBytes` 0: CaptureFile::indexAll(); otherwise the first pass's way (indexWithFollower).
Indexed index(const std::string& path, size_t windowBytes = 0)
{
    Indexed r;
    CaptureFile f;
    r.opened = f.open(path, r.error);
    if (!r.opened)
        return r;
    if (windowBytes)
        indexWithFollower(f, [](const IndexedBatch&) {}, {}, windowBytes);
    else
        f.indexAll();
    r.format = f.format();
    r.compression = f.compression();
    r.interfaces = f.interfaces().size();
    r.damage = f.damage();
    for (size_t i = 0; i < f.packetCount(); ++i) {
        const auto b = f.packetBytes(i);
        r.records.push_back({f.index()[i].offset, f.index()[i].tsNs, f.index()[i].origLen,
                             QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()))});
    }
    return r;
}

std::vector<std::string> testCaptures()
{
    std::vector<std::string> out;
    const QDir dir(QStringLiteral(SYNFLOW_TEST_DATA));
    for (const QString& name : dir.entryList({"*.pcap", "*.pcapng"}, QDir::Files, QDir::Name))
        out.push_back(dir.filePath(name).toStdString());
    return out;
}

QByteArray sha(const std::string& path)
{
    const auto bytes = readWholeFile(path);
    return QCryptographicHash::hash(QByteArrayView(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size())),
                                    QCryptographicHash::Sha256);
}

// loopback-http.pcap's packets repeated until the file holds `atLeast` bytes.
std::vector<uint8_t> grownPcap(size_t atLeast)
{
    std::vector<uint8_t> bytes = readWholeFile(SYNFLOW_TEST_DATA "/loopback-http.pcap");
    const std::vector<uint8_t> body(bytes.begin() + 24, bytes.end());
    while (bytes.size() < atLeast)
        bytes.insert(bytes.end(), body.begin(), body.end());
    return bytes;
}

const Compression kAll[] = {Compression::Gzip, Compression::Zstd, Compression::Lz4};

} // namespace

class TestCompressedCapture : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QTemporaryDir cache_;

    std::string tempPath(const std::string& name) const { return dir_.filePath(QString::fromStdString(name)).toStdString(); }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid() && cache_.isValid());
        // The cache copies go here, so the test can see that none is left behind.
        qputenv("XDG_CACHE_HOME", cache_.path().toLocal8Bit());
    }

    void sniffing()
    {
        const uint8_t gz[] = {0x1f, 0x8b, 8, 0}, zst[] = {0x28, 0xb5, 0x2f, 0xfd}, lz4[] = {0x04, 0x22, 0x4d, 0x18};
        const uint8_t pcap[] = {0xd4, 0xc3, 0xb2, 0xa1}, gzOther[] = {0x1f, 0x8b, 9, 0};
        QCOMPARE(sniffCompression(gz), Compression::Gzip);
        QCOMPARE(sniffCompression(zst), Compression::Zstd);
        QCOMPARE(sniffCompression(lz4), Compression::Lz4);
        QCOMPARE(sniffCompression(pcap), Compression::None);
        QCOMPARE(sniffCompression(gzOther), Compression::None);
        QCOMPARE(sniffCompression(std::span<const uint8_t>(gz, 2)), Compression::None);
    }

    // Every test capture in every format, in one stream and in several, both ways of indexing.
    void sameRecordsAsThePlainFile()
    {
        const auto captures = testCaptures();
        QVERIFY(captures.size() >= 10);
        for (const std::string& plainPath : captures) {
            const Indexed plain = index(plainPath);
            QVERIFY2(plain.opened, plain.error.c_str());
            const auto bytes = readWholeFile(plainPath);
            for (Compression c : kAll) {
                for (int pieces : {1, 3}) {
                    const std::string path = tempPath("copy" + suffix(c));
                    QVERIFY(writeWholeFile(path, compressed(c, bytes, pieces)));
                    const QByteArray before = sha(path);
                    for (size_t window : {size_t(0), size_t(4096)}) {
                        const Indexed z = index(path, window);
                        const std::string what = plainPath + " as " + compressionName(c) + " in " + std::to_string(pieces);
                        QVERIFY2(z.opened, (what + ": " + z.error).c_str());
                        QCOMPARE(z.compression, c);
                        QCOMPARE(z.format, plain.format);
                        QCOMPARE(z.interfaces, plain.interfaces);
                        QVERIFY2(z.records == plain.records, what.c_str());
                        QCOMPARE(z.damage.has_value(), plain.damage.has_value());
                    }
                    QCOMPARE(sha(path), before); // read, never written
                }
            }
        }
        // Every cache copy went with its CaptureFile.
        QVERIFY(QDir(cache_.filePath("synflow")).entryList(QDir::Files | QDir::Hidden | QDir::System).isEmpty());
    }

    // A copy larger than the spool's steps and the read windows: records cross every boundary.
    void largeCaptureCrossesEveryStep()
    {
        const std::vector<uint8_t> bytes = grownPcap(size_t(12) << 20);
        const std::string plainPath = tempPath("big.pcap");
        QVERIFY(writeWholeFile(plainPath, bytes));
        const Indexed plain = index(plainPath);
        for (Compression c : kAll) {
            const std::string path = tempPath("big" + suffix(c));
            QVERIFY(writeWholeFile(path, compressed(c, bytes, 2)));
            const Indexed z = index(path, size_t(256) << 10);
            QVERIFY2(z.opened, z.error.c_str());
            QCOMPARE(z.records.size(), plain.records.size());
            QVERIFY(z.records == plain.records);
            QVERIFY(!z.damage);
        }
    }

    // Cut short: the packets wholly decompressed before the cut, and the cut's byte in the
    // compressed file (as tshark: the packets before, then the damage).
    void cutShortKeepsThePacketsBefore()
    {
        const std::string bigPath = tempPath("grown.pcap");
        QVERIFY(writeWholeFile(bigPath, grownPcap(size_t(1) << 20)));
        for (const std::string& plainPath : {bigPath, std::string(SYNFLOW_TEST_DATA "/lo-lossy.pcapng")}) {
            const Indexed plain = index(plainPath);
            const auto bytes = readWholeFile(plainPath);
            for (Compression c : kAll) {
                if (c != Compression::Gzip && bytes.size() < (size_t(256) << 10))
                    continue; // one zstd or lz4 block (up to 128 or 64 KiB): nothing comes out before its end
                const auto whole = compressed(c, bytes, 4);
                for (double share : {0.3, 0.6, 0.95}) {
                    auto cut = whole;
                    cut.resize(size_t(double(whole.size()) * share));
                    const std::string path = tempPath("cut" + suffix(c));
                    QVERIFY(writeWholeFile(path, cut));
                    const Indexed z = index(path, 2048);
                    const std::string what = plainPath + " as " + compressionName(c) + " cut at " + std::to_string(share);
                    QVERIFY2(z.opened, (what + ": " + z.error).c_str());
                    QVERIFY2(z.damage.has_value(), what.c_str());
                    QCOMPARE(z.damage->offset, uint64_t(cut.size()));
                    QVERIFY2(z.damage->what.find(std::string(compressionName(c)) + " data cut short") != std::string::npos,
                             z.damage->what.c_str());
                    QVERIFY2(!z.records.empty() && z.records.size() < plain.records.size(), what.c_str());
                    QVERIFY(std::equal(z.records.begin(), z.records.end(), plain.records.begin()));
                }
            }
        }
    }

    // Corrupt in the middle: a message naming a byte of the compressed file, never a crash; what
    // came out before the detected damage is indexed. Also bytes after the end of the data.
    void corruptDataIsDamage()
    {
        const auto bytes = readWholeFile(SYNFLOW_TEST_DATA "/loopback-http.pcapng");
        for (Compression c : kAll) {
            const auto whole = compressed(c, bytes);
            auto bad = whole;
            for (size_t i = whole.size() / 2; i < whole.size() / 2 + 64; ++i)
                bad[i] ^= 0x5a;
            const std::string path = tempPath("bad" + suffix(c));
            QVERIFY(writeWholeFile(path, bad));
            const Indexed z = index(path, 4096);
            if (!z.opened) { // nothing came out before the damage (one lz4 block holds it all)
                QVERIFY2(z.error.find(std::string(": damaged at byte ")) != std::string::npos &&
                             z.error.find(std::string("corrupt ") + compressionName(c) + " data") != std::string::npos,
                         z.error.c_str());
                continue;
            }
            QVERIFY2(z.damage.has_value(), compressionName(c));
            QVERIFY(z.damage->offset <= bad.size());
            // Either the decompressor finds it, or the capture's records, made of what came out
            // before the decompressor could tell, say so first.
            QVERIFY2(z.damage->what.find(compressionName(c)) != std::string::npos ||
                         z.damage->what.find("of the decompressed data") != std::string::npos,
                     z.damage->what.c_str());
        }
        auto trailing = compressed(Compression::Gzip, bytes);
        for (char ch : std::string("garbage"))
            trailing.push_back(uint8_t(ch));
        QVERIFY(writeWholeFile(tempPath("trailing.gz"), trailing));
        const Indexed z = index(tempPath("trailing.gz"));
        QVERIFY(z.damage.has_value());
        QVERIFY2(z.damage->what.find("after the end of the gzip data") != std::string::npos, z.damage->what.c_str());
        QCOMPARE(z.records.size(), index(SYNFLOW_TEST_DATA "/loopback-http.pcapng").records.size());
        // Zero padding after a member is ignored, as gzip does.
        auto padded = compressed(Compression::Gzip, bytes);
        padded.resize(padded.size() + 512, 0);
        QVERIFY(writeWholeFile(tempPath("padded.gz"), padded));
        QVERIFY(!index(tempPath("padded.gz")).damage);
    }

    void notACaptureInside()
    {
        const std::string text = "just some notes, not packets\n";
        for (Compression c : kAll) {
            const std::string path = tempPath("notes" + suffix(c));
            QVERIFY(writeWholeFile(path, compressed(c, std::vector<uint8_t>(text.begin(), text.end()))));
            const Indexed z = index(path);
            QVERIFY(!z.opened);
            QVERIFY2(z.error.find(std::string(compressionName(c)) + "-compressed, but what it holds is not a capture file") !=
                         std::string::npos,
                     z.error.c_str());
        }
        // A gzip header and nothing usable after it.
        QVERIFY(writeWholeFile(tempPath("empty.gz"), {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff}));
        const Indexed z = index(tempPath("empty.gz"));
        QVERIFY(!z.opened);
        QVERIFY2(z.error.find("damaged at byte") != std::string::npos || z.error.find("gzip") != std::string::npos,
                 z.error.c_str());
    }

    // Decompressing never goes past a file-size limit (nor so ends by SIGXFSZ): it stops with a
    // message, keeping the packets before.
    void boundedByTheFileSizeLimit()
    {
        const std::vector<uint8_t> bytes = grownPcap(size_t(20) << 20);
        const std::string path = tempPath("bomb.gz");
        QVERIFY(writeWholeFile(path, compressed(Compression::Gzip, bytes)));
        const pid_t pid = fork();
        if (pid == 0) {
            struct rlimit lim {size_t(4) << 20, size_t(4) << 20};
            setrlimit(RLIMIT_FSIZE, &lim);
            const Indexed z = index(path);
            const bool ok = z.opened && z.damage && z.damage->what.find("file-size limit") != std::string::npos &&
                            !z.records.empty() && z.records.back().offset + z.records.back().bytes.size() <= (size_t(4) << 20);
            _exit(ok ? 0 : 1);
        }
        int status = 0;
        QCOMPARE(waitpid(pid, &status, 0), pid);
        QVERIFY2(WIFEXITED(status), "ended by a signal");
        QCOMPARE(WEXITSTATUS(status), 0);
    }
};

QTEST_GUILESS_MAIN(TestCompressedCapture)
#include "tst_compressedcapture.moc"
