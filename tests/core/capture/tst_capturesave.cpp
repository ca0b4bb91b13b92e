// Following a capture file while it is written (what live capture relies on) and saving a
// capture as pcap or pcapng, atomically, without touching the source.
#include "capture/capturefile.h"
#include "capture/capturesaver.h"

#include <algorithm>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

using namespace synflow;

namespace {

QString dataFile(const char* name)
{
    return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name));
}

QString sharedFile(const char* name)
{
    return QDir(QStringLiteral(SYNFLOW_SHARED_CAPTURES)).filePath(QString::fromLatin1(name));
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Our nanosecond pcap with every header field byte-swapped: a big-endian capture that needs
// nothing from ../shared. Made once per run in a temporary folder.
QString ownBigEndianPcap()
{
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("loopback-http-nsec-be.pcap"));
    if (QFile::exists(path))
        return path;
    QByteArray b = readAll(dataFile("loopback-http-nsec.pcap"));
    const auto swap = [&](qsizetype at, int n) { std::reverse(b.begin() + at, b.begin() + at + n); };
    if (b.size() < 24)
        return path; // missing: the row fails on reading it
    swap(0, 4);
    swap(4, 2);
    swap(6, 2);
    for (qsizetype at = 8; at < 24; at += 4)
        swap(at, 4);
    for (qsizetype at = 24; at + 16 <= b.size();) {
        const qsizetype captured = qFromLittleEndian<quint32>(b.constData() + at + 8);
        for (qsizetype field = at; field < at + 16; field += 4)
            swap(field, 4);
        at += 16 + captured;
    }
    QFile out(path);
    if (out.open(QIODevice::WriteOnly))
        out.write(b);
    return path;
}

// A fresh clone has no ../shared: its rows skip, naming the file they looked for.
#define SKIP_IF_MISSING(path) \
    if (!QFile::exists(path)) \
        QSKIP(qPrintable(QStringLiteral("shared capture not found: %1 (CMake cache variable SYNFLOW_SHARED_CAPTURES)").arg(path)))

std::unique_ptr<CaptureFile> openWhole(const QString& path)
{
    auto f = std::make_unique<CaptureFile>();
    std::string error;
    if (!f->open(path.toStdString(), error))
        return nullptr;
    f->indexAll();
    return f;
}

// Same packets, bytes and times, in the same order.
void comparePackets(const CaptureFile& a, const CaptureFile& b)
{
    QCOMPARE(a.packetCount(), b.packetCount());
    for (size_t i = 0; i < a.packetCount(); ++i) {
        const auto x = a.packetBytes(i), y = b.packetBytes(i);
        QVERIFY2(std::equal(x.begin(), x.end(), y.begin(), y.end()), qPrintable(QStringLiteral("packet %1 bytes").arg(i + 1)));
        QCOMPARE(a.index()[i].origLen, b.index()[i].origLen);
        QCOMPARE(a.exactTime(i).sec, b.exactTime(i).sec);
        QCOMPARE(a.exactTime(i).nsec, b.exactTime(i).nsec);
        QCOMPARE(a.linkType(i), b.linkType(i));
    }
}

int tsharkPacketCount(const QString& path, QString* error)
{
    QProcess p;
    p.start(QStringLiteral("tshark"), {QStringLiteral("-r"), path, QStringLiteral("-T"), QStringLiteral("fields"),
                                       QStringLiteral("-e"), QStringLiteral("frame.number")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *error = QString::fromLocal8Bit(p.readAllStandardError());
        return -1;
    }
    return int(p.readAllStandardOutput().count('\n'));
}

} // namespace

class TestCaptureSave : public QObject {
    Q_OBJECT

private slots:
    // A writer appends in odd-sized pieces, cutting blocks anywhere: the follower indexes
    // only whole records, never reports damage, and ends with exactly the whole file.
    void followsAGrowingFile_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("piece");
        QTest::newRow("pcapng, 37-byte pieces") << dataFile("loopback-http.pcapng") << 37;
        QTest::newRow("pcapng, 1000-byte pieces") << dataFile("loopback-http.pcapng") << 1000;
        QTest::newRow("pcap, 29-byte pieces") << dataFile("loopback-http.pcap") << 29;
        QTest::newRow("big-endian pcapng sections") << sharedFile("gp-be-test202.pcapng") << 53;
        QTest::newRow("big-endian nanosecond pcap, 31-byte pieces") << ownBigEndianPcap() << 31;
    }
    void followsAGrowingFile()
    {
        QFETCH(QString, source);
        QFETCH(int, piece);
        SKIP_IF_MISSING(source);
        const QByteArray all = readAll(source);
        QVERIFY(!all.isEmpty());
        const auto whole = openWhole(source);
        QVERIFY(whole);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("growing"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        qsizetype written = std::min<qsizetype>(all.size(), 64); // the header, and a bit more
        out.write(all.left(written));
        out.flush();
        CaptureFile f;
        std::string error;
        QVERIFY2(f.openFollowing(path.toStdString(), error), error.c_str());
        size_t last = 0;
        while (written < all.size()) {
            const qsizetype n = std::min<qsizetype>(piece, all.size() - written);
            out.write(all.mid(written, n));
            out.flush();
            written += n;
            f.follow();
            f.indexAll();
            QVERIFY2(!f.damage(), f.damage() ? f.damage()->what.c_str() : "");
            QVERIFY(f.packetCount() >= last);
            last = f.packetCount();
            if (last) { // every record seen so far is complete and right
                const auto x = f.packetBytes(last - 1), y = whole->packetBytes(last - 1);
                QVERIFY(std::equal(x.begin(), x.end(), y.begin(), y.end()));
            }
        }
        QVERIFY(!f.follow()); // nothing new
        comparePackets(f, *whole);
        QCOMPARE(f.bytesIndexed(), size_t(all.size()));
    }

    // The byte-swapped copy the big-endian rows use reads as the same packets, times included.
    void ownBigEndianPcapIsTheOriginal()
    {
        const auto little = openWhole(dataFile("loopback-http-nsec.pcap")), big = openWhole(ownBigEndianPcap());
        QVERIFY(little && big);
        QVERIFY(big->packetCount() > 0);
        QVERIFY(!big->damage());
        comparePackets(*little, *big);
    }

    void savesAsPcapAndPcapng_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<bool>("asPcap");
        QTest::newRow("pcap to pcap") << dataFile("loopback-http.pcap") << true;
        QTest::newRow("pcap to pcapng") << dataFile("loopback-http.pcap") << false;
        QTest::newRow("pcapng to pcap") << dataFile("loopback-http.pcapng") << true;
        QTest::newRow("pcapng to pcapng") << dataFile("loopback-http.pcapng") << false;
        QTest::newRow("nanosecond pcap to pcapng") << dataFile("loopback-http-nsec.pcap") << false;
        QTest::newRow("big-endian nanosecond pcap to pcap") << sharedFile("ppp-nanosecs_big_endian.pcap") << true;
        QTest::newRow("our big-endian nanosecond pcap to pcap") << ownBigEndianPcap() << true;
        QTest::newRow("our big-endian nanosecond pcap to pcapng") << ownBigEndianPcap() << false;
    }
    void savesAsPcapAndPcapng()
    {
        QFETCH(QString, source);
        QFETCH(bool, asPcap);
        SKIP_IF_MISSING(source);
        const QByteArray before = readAll(source);
        const auto src = openWhole(source);
        QVERIFY(src);
        QTemporaryDir dir;
        const QString target = dir.filePath(asPcap ? QStringLiteral("saved.pcap") : QStringLiteral("saved.pcapng"));
        std::string error;
        QVERIFY2(saveCapture(*src, target.toStdString(), asPcap ? SaveFormat::Pcap : SaveFormat::PcapNg, error), error.c_str());
        QCOMPARE(readAll(source), before); // the source is untouched
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QFileInfo(target).fileName()}); // no temporary left
        const auto saved = openWhole(target);
        QVERIFY(saved);
        QVERIFY(!saved->damage());
        QCOMPARE(saved->format() == FileFormat::PcapNg, !asPcap);
        comparePackets(*src, *saved);
        const bool sameFormat = (src->format() == FileFormat::PcapNg) == !asPcap;
        if (sameFormat)
            QCOMPARE(readAll(target), before); // comments and every block kept as they were
        QString why;
        QCOMPARE(tsharkPacketCount(target, &why), int(src->packetCount()));
    }

    void replacesAnExistingFileWhole()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("old.pcapng"));
        QFile old(target);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("an older file");
        old.close();
        QVERIFY(old.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        const auto src = openWhole(dataFile("loopback-http.pcap"));
        std::string error;
        QVERIFY2(saveCapture(*src, target.toStdString(), SaveFormat::PcapNg, error), error.c_str());
        const auto saved = openWhole(target);
        QVERIFY(saved);
        comparePackets(*src, *saved);
        QCOMPARE(QFile(target).permissions() & (QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther),
                 QFile::ReadOwner | QFile::WriteOwner); // its permissions are kept
    }

    void refusesToOverwriteItsSource()
    {
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("source.pcap"));
        QVERIFY(QFile::copy(dataFile("loopback-http.pcap"), copy));
        const QByteArray before = readAll(copy);
        const auto src = openWhole(copy);
        std::string error;
        QVERIFY(!saveCapture(*src, copy.toStdString(), SaveFormat::PcapNg, error));
        QVERIFY2(QString::fromStdString(error).contains(QStringLiteral("open")), error.c_str());
        QCOMPARE(readAll(copy), before);
    }

    void pcapTakesOneLinkTypeOnly()
    {
        const QString source = sharedFile("ppp-many_interfaces-1.pcapng");
        SKIP_IF_MISSING(source);
        const auto src = openWhole(source);
        QVERIFY(src);
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("mixed.pcap"));
        std::string error;
        QVERIFY(!saveCapture(*src, target.toStdString(), SaveFormat::Pcap, error));
        QVERIFY2(QString::fromStdString(error).contains(QStringLiteral("link type")), error.c_str());
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty()); // nothing half-written left
    }

    void aMissingFolderIsNamed()
    {
        const auto src = openWhole(dataFile("loopback-http.pcap"));
        std::string error;
        QVERIFY(!saveCapture(*src, "/nonexistent-folder/x.pcapng", SaveFormat::PcapNg, error));
        QVERIFY2(QString::fromStdString(error).contains(QStringLiteral("nonexistent-folder")), error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCaptureSave)
#include "tst_capturesave.moc"
