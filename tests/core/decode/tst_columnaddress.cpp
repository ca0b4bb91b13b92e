// The packet list's Source and Destination of frames without IP: the link layer's addresses,
// named as Wireshark names MAC addresses by default, against tshark's columns on every shared
// capture that has such frames, and of every kind of 802.11 header, whole and cut short.
#include "capture/capturefile.h"
#include "decode/packetdecoder.h"
#include "proto/columnaddress.h"

#include "common/oracletsv.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace synflow;
using namespace synflow::test;

namespace {

const char* kManuf = "/usr/share/wireshark/manuf";

std::string mac(std::initializer_list<uint8_t> bytes)
{
    const std::vector<uint8_t> v(bytes);
    return resolvedMac(v.data());
}

struct TsharkRow {
    size_t frame; // from 0
    QString source, destination;
};

// tshark's Source and Destination of the frames `filter` picks in `path`, in frame order;
// `whole` says whether tshark read the file to its end without complaint.
std::vector<TsharkRow> tsharkColumns(const QString& path, const QString& filter, bool* whole = nullptr)
{
    QProcess p;
    p.start(QStringLiteral("tshark"), {QStringLiteral("-r"), path, QStringLiteral("-Y"), filter, QStringLiteral("-T"), QStringLiteral("fields"),
                                       QStringLiteral("-e"), QStringLiteral("frame.number"), QStringLiteral("-e"), QStringLiteral("_ws.col.Source"),
                                       QStringLiteral("-e"), QStringLiteral("_ws.col.Destination")});
    std::vector<TsharkRow> rows;
    if (!p.waitForFinished(120000))
        return rows;
    if (whole)
        *whole = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
        const QList<QByteArray> cells = line.split('\t');
        if (cells.size() == 3 && cells[0].toULongLong() > 0)
            rows.push_back({cells[0].toULongLong() - 1, QString::fromUtf8(cells[1]), QString::fromUtf8(cells[2])});
    }
    return rows;
}

// Opens a capture and puts its IP fragments together, as the first pass does.
std::unique_ptr<CaptureFile> openIndexed(const QString& path)
{
    auto file = std::make_unique<CaptureFile>();
    std::string error;
    if (!file->open(path.toStdString(), error))
        return nullptr;
    while (file->indexMore(size_t(1) << 16)) { }
    for (size_t i = 0; i < file->packetCount(); ++i)
        if (DecodedPacket d = file->decode(i); d.ipFragment)
            file->learnFragment(i, d);
    return file;
}

// Our columns of the frames tshark listed; the frames that differ.
QStringList differingFrames(const QString& name, const CaptureFile& file, const std::vector<TsharkRow>& rows, int& compared)
{
    QStringList out;
    for (const TsharkRow& row : rows) {
        if (row.frame >= file.packetCount())
            continue;
        const DecodedPacket d = file.decode(row.frame);
        const QString src = QString::fromStdString(columnAddress(d, true)), dst = QString::fromStdString(columnAddress(d, false));
        ++compared;
        if (src != row.source || dst != row.destination)
            out << QStringLiteral("%1 frame %2: tshark %3 -> %4, ours %5 -> %6")
                       .arg(name)
                       .arg(row.frame + 1)
                       .arg(row.source, row.destination, src, dst);
    }
    return out;
}

// mergecap joins `paths` end to end into one pcapng at `out`; false when it cannot write one of
// them (a record or section it does not carry over).
bool joinCaptures(const QStringList& paths, const QString& out)
{
    QProcess p;
    p.start(QStringLiteral("mergecap"), QStringList{QStringLiteral("-F"), QStringLiteral("pcapng"), QStringLiteral("-a"), QStringLiteral("-w"), out} + paths);
    return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// tshark's Source and Destination of the frames `filter` picks in each capture (name -> path),
// compared with ours; the frames that differ are listed. tshark's start-up is most of its time on
// a small capture, so the captures are joined by mergecap and read by one tshark; a capture whose
// frames differ there (or that mergecap cannot join) is read by a tshark of its own, which
// decides: state carried over from the captures before it in the joined file cannot count.
void compareWithTshark(const std::vector<std::pair<QString, QString>>& captures, const QString& filter, int& compared,
                       QStringList& differences, size_t* readAlone = nullptr)
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const bool canJoin = captures.size() > 1 && !QStandardPaths::findExecutable(QStringLiteral("mergecap")).isEmpty();
    std::vector<std::pair<size_t, size_t>> pending{{0, captures.size()}}; // [first, end) to join
    std::vector<size_t> alone;
    int joined = 0;
    while (!pending.empty()) {
        const auto [first, end] = pending.back();
        pending.pop_back();
        if (!canJoin || end - first == 1) {
            for (size_t i = first; i < end; ++i)
                alone.push_back(i);
            continue;
        }
        QStringList paths;
        for (size_t i = first; i < end; ++i)
            paths << captures[i].second;
        const QString merged = tmp.filePath(QStringLiteral("joined-%1.pcapng").arg(joined++));
        if (!joinCaptures(paths, merged)) { // halves until the capture mergecap refuses is found
            pending.push_back({first + (end - first) / 2, end});
            pending.push_back({first, first + (end - first) / 2});
            continue;
        }
        bool whole = false;
        const std::vector<TsharkRow> rows = tsharkColumns(merged, filter, &whole);
        QFile::remove(merged);
        if (!whole) {
            for (size_t i = first; i < end; ++i)
                alone.push_back(i);
            continue;
        }
        size_t offset = 0, at = 0;
        for (size_t i = first; i < end; ++i) {
            const auto file = openIndexed(captures[i].second);
            QVERIFY2(file, qPrintable(captures[i].first));
            std::vector<TsharkRow> mine;
            for (; at < rows.size() && rows[at].frame < offset + file->packetCount(); ++at)
                mine.push_back({rows[at].frame - offset, rows[at].source, rows[at].destination});
            offset += file->packetCount();
            int counted = 0;
            if (differingFrames(captures[i].first, *file, mine, counted).isEmpty())
                compared += counted;
            else
                alone.push_back(i);
        }
    }
    std::sort(alone.begin(), alone.end());
    if (readAlone)
        *readAlone = alone.size();
    for (size_t i : alone) {
        const auto& [name, path] = captures[i];
        const auto file = openIndexed(path);
        QVERIFY2(file, qPrintable(name));
        differences << differingFrames(name, *file, tsharkColumns(path, filter), compared);
    }
}

// A pcap of raw 802.11 frames (link type 105): every frame type and subtype with each
// combination of the DS bits, whole and cut inside each address.
QByteArray wlanHeaderCapture()
{
    const auto le32 = [](QByteArray& out, uint32_t v) {
        for (int i = 0; i < 4; ++i)
            out += char(v >> (8 * i));
    };
    QByteArray pcap;
    le32(pcap, 0xa1b2c3d4);
    pcap += QByteArray::fromHex("02000400");
    le32(pcap, 0);
    le32(pcap, 0);
    le32(pcap, 65535);
    le32(pcap, 105);
    // Four addresses of four makers, so each position shows which one tshark took.
    const QByteArray addresses = QByteArray::fromHex("001b2fdcfc12" "7cc5376d16e7" "0024b2f8d706") + QByteArray::fromHex("1000")
        + QByteArray::fromHex("f8db7f491342");
    uint32_t frame = 0;
    for (int type = 0; type < 4; ++type)
        for (int subtype = 0; subtype < 16; ++subtype)
            for (int ds = 0; ds < 4; ++ds) {
                QByteArray whole;
                whole += char(subtype << 4 | type << 2);
                whole += char(ds);
                whole += QByteArray::fromHex("0000") + addresses + QByteArray(8, '\0');
                for (int length : {9, 10, 15, 16, 21, 22, 23, 24, 29, 30, int(whole.size())}) {
                    le32(pcap, ++frame);
                    le32(pcap, 0);
                    le32(pcap, uint32_t(length));
                    le32(pcap, uint32_t(length));
                    pcap += whole.left(length);
                }
            }
    return pcap;
}

} // namespace

class TestColumnAddress : public QObject {
    Q_OBJECT
private slots:
    void namesAsWireshark()
    {
        QCOMPARE(mac({0xff, 0xff, 0xff, 0xff, 0xff, 0xff}), std::string("Broadcast"));
        // Locally administered, in no table: the address itself.
        QCOMPARE(mac({0x02, 0x00, 0x00, 0x00, 0x10, 0x01}), std::string("02:00:00:00:10:01"));
        if (!QFileInfo::exists(QString::fromLatin1(kManuf)))
            QSKIP("Wireshark's manuf file is not installed (package libwireshark-data)");
        QCOMPARE(mac({0x00, 0x13, 0xc3, 0xdf, 0xae, 0x18}), std::string("Cisco_df:ae:18"));
        // The maker is looked up with the group bit cleared (01:23:45 is Sony's 00:23:45).
        QCOMPARE(mac({0x01, 0x23, 0x45, 0x67, 0x89, 0xab}), std::string("Sony_67:89:ab"));
        // Well-known addresses and ranges (wka): exact, then by prefix with the last byte.
        QCOMPARE(mac({0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e}), std::string("LLDP_Multicast"));
        QCOMPARE(mac({0x33, 0x33, 0x00, 0x00, 0x00, 0x0c}), std::string("IPv6mcast_0c"));
        QCOMPARE(mac({0x01, 0x80, 0xc2, 0x00, 0x00, 0x00}), std::string("Spanning-tree-(for-bridges)_00")); // a /44 range
        // A range keeps the bytes after its prefix without leading zero bytes (tshark 4.0 on the
        // same addresses), and an address the list names twice takes its last name.
        QCOMPARE(mac({0x33, 0x33, 0xff, 0x00, 0x00, 0x0c}), std::string("IPv6mcast_ff:00:00:0c"));
        QCOMPARE(mac({0x02, 0x02, 0x01, 0x02, 0x03, 0x04}), std::string("MS-NLB-PhysServer-02_01:02:03:04"));
        QCOMPARE(mac({0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb}), std::string("IPv4mcast_fb")); // a /25 range
        QCOMPARE(mac({0x01, 0x00, 0x5e, 0x7f, 0x00, 0xfb}), std::string("IPv4mcast_7f:00:fb"));
        QCOMPARE(mac({0xaa, 0x00, 0x03, 0x00, 0x01, 0x00}), std::string("DEC-UNA_01:00")); // a /32 range
        QCOMPARE(mac({0x01, 0x10, 0x18, 0x00, 0x00, 0x00}), std::string("FCoE-group_00"));
        QCOMPARE(mac({0x03, 0x00, 0x00, 0x00, 0x00, 0x10}), std::string("(OS/2-1.3-EE+Communications-Manager)"));
        // tshark 4.0 on the same addresses: a prefix wka gives without "/bits" keeps all three
        // bytes, zeros too; a name is its first word, a '#' anywhere begins a comment.
        QCOMPARE(mac({0x01, 0x00, 0x3c, 0x00, 0x00, 0x01}), std::string("Auspex-Systems-(Serverguard)_00:00:01"));
        QCOMPARE(mac({0x03, 0x00, 0x00, 0x00, 0x00, 0x01}), std::string("NETBIOS-"));
        QCOMPARE(mac({0x03, 0x00, 0x00, 0x20, 0x00, 0x00}), std::string("IP-Token-Ring-Multicast"));
    }

    void everyFrameAsTshark()
    {
        // Every frame of every capture, IP or not: each layer sets the columns in turn (tunnels'
        // inner Ethernet frames, IP headers cut short, source routes, IPv6 routing headers, the
        // header an ICMP error quotes leaving them alone).
        if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty())
            QSKIP("tshark is not installed (packaging/build-deps.txt lists it)");
        if (!QFileInfo::exists(QString::fromLatin1(kManuf)))
            QSKIP("Wireshark's manuf file is not installed");
        auto captures = sharedCapturesWithOracle();
        captures.merge(sharedCapturesWithOracle(QStringLiteral("breadth")));
        if (captures.empty())
            QSKIP(qPrintable(QStringLiteral("no shared captures in %1").arg(sharedCapturesDir())));
        const std::vector<std::pair<QString, QString>> all(captures.begin(), captures.end());
        int compared = 0;
        QStringList differences;
        // 802.11 PV1 frames (short addresses, an AID for the transmitter) are not shown: README,
        // "The packet list".
        size_t alone = 0;
        compareWithTshark(all, QStringLiteral("!(wlan.fc.version == 1)"), compared, differences, &alone);
        qInfo("Source/Destination of %d frames compared with tshark (%zu of %zu captures read on their own)", compared, alone, all.size());
        QVERIFY(compared > 0);
        QVERIFY2(differences.isEmpty(), qPrintable(differences.mid(0, 10).join(QLatin1Char('\n'))));
    }

    void everyCutHeaderAsTshark()
    {
        // Headers cut short by the snapshot length (tests/data/cut, make-cutheaders.py): a cut
        // header shows the addresses it holds, the layers before it the rest (inner Ethernet
        // frames, IP headers past the first eight, source routes, segment routing headers).
        if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty())
            QSKIP("tshark is not installed (packaging/build-deps.txt lists it)");
        if (!QFileInfo::exists(QString::fromLatin1(kManuf)))
            QSKIP("Wireshark's manuf file is not installed");
        int compared = 0;
        QStringList differences;
        compareWithTshark({{QStringLiteral("cutheaders"), QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("cut/cutheaders.pcap"))}},
                          QStringLiteral("frame"), compared, differences);
        QCOMPARE(compared, 1367);
        QVERIFY2(differences.isEmpty(), qPrintable(differences.mid(0, 10).join(QLatin1Char('\n'))));
    }

    void ipv6RoutingHeadersFinalDestination()
    {
        // tshark 4.0 on the same frames: with segments left, Destination is where the packet goes in
        // the end (type 0's last address, type 2's home address, RPL's last address completed by
        // the header's destination, a segment routing header's first segment); without, the
        // header's destination.
        const auto address = [](uint8_t last) {
            std::vector<uint8_t> a = {0x20, 0x01, 0x0d, 0xb8};
            a.resize(15, 0);
            a.push_back(last);
            return a;
        };
        const auto destination = [&](uint8_t type, uint8_t left, std::vector<uint8_t> body) {
            std::vector<uint8_t> f = {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x86, 0xdd};
            const std::vector<uint8_t> routing = [&] {
                std::vector<uint8_t> r = {17, uint8_t(body.size() / 8), type, left};
                r.insert(r.end(), body.begin(), body.end());
                return r;
            }();
            const size_t payload = routing.size() + 8;
            const std::vector<uint8_t> ip = {0x60, 0, 0, 0, uint8_t(payload >> 8), uint8_t(payload), 43, 64};
            f.insert(f.end(), ip.begin(), ip.end());
            for (uint8_t end : {1, 2}) {
                const auto a = address(end);
                f.insert(f.end(), a.begin(), a.end());
            }
            f.insert(f.end(), routing.begin(), routing.end());
            const std::vector<uint8_t> udp = {0, 1, 0, 2, 0, 8, 0, 0};
            f.insert(f.end(), udp.begin(), udp.end());
            return columnAddress(decodePacket(1, f), false);
        };
        const auto list = [&](std::initializer_list<uint8_t> ends, std::vector<uint8_t> head = {0, 0, 0, 0}) {
            for (uint8_t e : ends) {
                const auto a = address(e);
                head.insert(head.end(), a.begin(), a.end());
            }
            return head;
        };
        QCOMPARE(destination(0, 2, list({0x0a, 0x0b})), std::string("2001:db8::b"));
        QCOMPARE(destination(0, 0, list({0x0a, 0x0b})), std::string("2001:db8::2"));
        QCOMPARE(destination(2, 1, list({0x0c})), std::string("2001:db8::c"));
        QCOMPARE(destination(4, 1, list({0x0d, 0x0e}, {1, 0, 0, 0})), std::string("2001:db8::d"));
        // RPL with CmprI = 15, CmprE = 14: one-byte and two-byte addresses, five bytes of padding.
        QCOMPARE(destination(3, 2, {0xfe, 0x50, 0, 0, 0x71, 0x00, 0x72, 0, 0, 0, 0, 0}), std::string("2001:db8::72"));
    }

    void everyWlanHeaderAsTshark()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty())
            QSKIP("tshark is not installed (packaging/build-deps.txt lists it)");
        if (!QFileInfo::exists(QString::fromLatin1(kManuf)))
            QSKIP("Wireshark's manuf file is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("wlan-headers.pcap"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(wlanHeaderCapture());
        file.close();
        int compared = 0;
        QStringList differences;
        compareWithTshark({{QStringLiteral("wlan-headers"), path}}, QStringLiteral("frame"), compared, differences);
        qInfo("Source/Destination of %d 802.11 headers compared with tshark, %lld differ", compared, qlonglong(differences.size()));
        QCOMPARE(compared, 4 * 16 * 4 * 11);
        for (const QString& difference : differences.mid(0, 10000)) // QtTest cuts a long failure message
            qInfo("%s", qPrintable(difference));
        QVERIFY(differences.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestColumnAddress)
#include "tst_columnaddress.moc"
