// Following a capture another program is still writing (tcpdump -w): the file is appended to in
// steps, a step may end inside a record (half written: simply not there yet, never damage), and
// every update() takes in what became whole. The followed analysis ends equal to the analysis of
// the finished file, frame by frame (TCP streams and flags, Protocol), IP reassembly included.
#include "analysis/analysedcapture.h"
#include "common/craftedcapture.h"
#include "proto/pducontinuation.h"

#include <QFile>
#include <QtEndian>
#include <QTemporaryDir>
#include <QtTest>

using namespace synflow;
using namespace synflow::test;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct FrameView {
    uint32_t stream = 0;
    uint32_t flags = 0;
    std::string protocol;
    bool operator==(const FrameView&) const = default;
};

FrameView viewOf(const AnalysedCapture& c, size_t i)
{
    const DecodedPacket d = c.decode(i);
    const TcpPacketAnalysis a = c.tcpAnalysis(i, d);
    FrameView v;
    v.stream = a.valid ? a.stream : UINT32_MAX;
    v.flags = a.valid ? a.flags : 0;
    v.protocol = summarizeFrame(d, c.index()[i], &a, c.protocols()).protocol;
    return v;
}

// Two IPv4 fragments of one UDP datagram, as a pcap record pair appended to `packets`.
void addFragments(std::vector<Packet>& packets, double t)
{
    QByteArray udp = QByteArray::fromHex("1388177000200000") + QByteArray(24, 'x'); // 5000 -> 6000, 32 bytes
    const auto frag = [](quint16 ff, const QByteArray& data) {
        QByteArray f = QByteArray::fromHex("0200000000010200000000020800");
        const int total = 20 + int(data.size());
        f += QByteArray::fromHex("4500");
        f.append(char(total >> 8)).append(char(total & 0xff));
        f += QByteArray::fromHex("4242");
        f.append(char(ff >> 8)).append(char(ff & 0xff));
        f += QByteArray::fromHex("401100000a0000010a000002");
        return f + data;
    };
    packets.push_back({t, frag(0x2000, udp.left(16))});
    packets.push_back({t + 0.001, frag(0x0002, udp.mid(16))});
}

} // namespace

class TestFollowFile : public QObject {
    Q_OBJECT
private slots:
    void followInSteps_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("step");
        const QByteArray pcapng = readAll(QStringLiteral(SYNFLOW_TEST_DATA "/lo-lossy.pcapng"));
        if (pcapng.isEmpty())
            QSKIP("tests/data/lo-lossy.pcapng is missing");
        std::vector<Packet> packets;
        const QByteArray http = httpCapture("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 3);
        addFragments(packets, 100);
        QTest::newRow("pcapng, 1000-byte steps") << pcapng << 1000;
        QTest::newRow("pcapng, 37-byte steps") << pcapng << 37;
        QTest::newRow("pcap with fragments, 25-byte steps") << (pcap(packets)) << 25;
        QTest::newRow("pcap http, 61-byte steps") << http << 61;
    }
    void followInSteps()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, step);
        QTemporaryDir dir;
        const QString path = dir.filePath("growing.cap");
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        // The writer has put down the file header (a pcap's 24 bytes, a pcapng's section header block).
        qsizetype written = 24;
        if (bytes.startsWith(QByteArray::fromHex("0a0d0d0a")))
            written = qFromLittleEndian<quint32>(bytes.constData() + 4);
        out.write(bytes.left(written));
        out.flush();

        AnalysedCapture followed;
        std::string error;
        QVERIFY2(followed.openFollowing(path.toStdString(), error), error.c_str());
        size_t seen = 0;
        while (written < bytes.size()) {
            const qsizetype n = std::min<qsizetype>(step, bytes.size() - written);
            out.write(bytes.mid(written, n));
            out.flush();
            written += n;
            const size_t added = followed.update();
            QCOMPARE(followed.packetCount(), seen + added);
            seen = followed.packetCount();
            QVERIFY2(!followed.file().damage(), followed.file().damage() ? followed.file().damage()->what.c_str() : "");
        }
        followed.update();

        AnalysedCapture whole;
        QVERIFY(whole.open(path.toStdString(), error));
        QVERIFY(whole.analyse());
        QVERIFY(!whole.file().damage());
        QCOMPARE(followed.packetCount(), whole.index().size());
        QVERIFY(whole.index().size() > 0);
        for (size_t i = 0; i < whole.index().size(); ++i)
            QVERIFY2(viewOf(followed, i) == viewOf(whole, i), qPrintable(QStringLiteral("frame %1").arg(i + 1)));
    }

    // A plain open of a file whose last record is still half written reports it, as Wireshark
    // does ("cut short in the middle of a packet"); following the same file waits for the rest.
    void halfRecordIsDamageOnlyWhenNotFollowed()
    {
        std::vector<Packet> packets;
        addFragments(packets, 1);
        const QByteArray all = pcap(packets);
        QTemporaryDir dir;
        const QString path = dir.filePath("half.pcap");
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(all.left(all.size() - 5));
        out.flush();

        AnalysedCapture plain;
        std::string error;
        QVERIFY(plain.open(path.toStdString(), error));
        QVERIFY(plain.analyse());
        QVERIFY(plain.file().damage().has_value());
        QCOMPARE(plain.index().size(), size_t(1));

        AnalysedCapture followed;
        QVERIFY(followed.openFollowing(path.toStdString(), error));
        QCOMPARE(followed.update(), size_t(1));
        QVERIFY(!followed.file().damage());
        QCOMPARE(followed.update(), size_t(0));
        out.write(all.right(5));
        out.flush();
        QCOMPARE(followed.update(), size_t(1));
        QVERIFY(!followed.file().damage());
        // The second fragment completes the datagram: the followed file reassembles it too.
        QVERIFY(followed.decode(1).reassembled);
        QCOMPARE(viewOf(followed, 1).protocol, std::string("UDP"));
    }
};

QTEST_GUILESS_MAIN(TestFollowFile)
#include "tst_followfile.moc"
