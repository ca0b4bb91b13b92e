// The packet list's Source and Destination of frames without IP: the link layer's addresses,
// named as Wireshark names MAC addresses by default, against tshark's columns on every shared
// capture that has such frames (802.11 apart: not shown yet, see proto/columnaddress.h).
#include "capture/capturefile.h"
#include "proto/columnaddress.h"

#include "common/oracletsv.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

using namespace synflow;
using namespace synflow::test;

namespace {

const char* kManuf = "/usr/share/wireshark/manuf";

std::string mac(std::initializer_list<uint8_t> bytes)
{
    const std::vector<uint8_t> v(bytes);
    return resolvedMac(v.data());
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
    }

    void nonIpFramesAsTshark()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty())
            QSKIP("tshark is not installed (packaging/build-deps.txt lists it)");
        if (!QFileInfo::exists(QString::fromLatin1(kManuf)))
            QSKIP("Wireshark's manuf file is not installed");
        const auto captures = sharedCapturesWithOracle();
        if (captures.empty())
            QSKIP(qPrintable(QStringLiteral("no shared captures in %1").arg(sharedCapturesDir())));
        int compared = 0;
        QStringList differences;
        for (const auto& [name, path] : captures) {
            if (name.startsWith(QStringLiteral("pn-80211")))
                continue; // 802.11's addresses are not shown yet
            // The per-field oracle says which frames have no IP: only those captures run tshark.
            TsvTable oracle;
            const QString dir = QFileInfo(path).absolutePath() + QStringLiteral("/oracle/");
            if (!readTsvFile(dir + name + QStringLiteral(".tsv"), oracle))
                continue;
            bool any = false;
            for (const auto& [frame, row] : oracle.rows)
                any = any || (oracle.cell(frame, QStringLiteral("ip.src")).isEmpty() && oracle.cell(frame, QStringLiteral("ipv6.src")).isEmpty());
            if (!any)
                continue;
            QProcess tshark;
            tshark.start(QStringLiteral("tshark"), {QStringLiteral("-r"), path, QStringLiteral("-Y"), QStringLiteral("!ip && !ipv6"),
                                                    QStringLiteral("-T"), QStringLiteral("fields"), QStringLiteral("-e"),
                                                    QStringLiteral("frame.number"), QStringLiteral("-e"), QStringLiteral("_ws.col.Source"),
                                                    QStringLiteral("-e"), QStringLiteral("_ws.col.Destination")});
            QVERIFY(tshark.waitForFinished(60000));
            CaptureFile file;
            std::string error;
            QVERIFY2(file.open(path.toStdString(), error), error.c_str());
            while (file.indexMore(size_t(1) << 16)) { }
            for (const QByteArray& line : tshark.readAllStandardOutput().split('\n')) {
                const QList<QByteArray> cells = line.split('\t');
                if (cells.size() != 3)
                    continue;
                const size_t frame = cells[0].toULongLong() - 1;
                if (frame >= file.packetCount())
                    continue;
                const DecodedPacket d = file.decode(frame);
                const QString src = QString::fromStdString(columnAddress(d, true)), dst = QString::fromStdString(columnAddress(d, false));
                ++compared;
                if (src != QString::fromUtf8(cells[1]) || dst != QString::fromUtf8(cells[2]))
                    differences << QStringLiteral("%1 frame %2: tshark %3 -> %4, ours %5 -> %6")
                                       .arg(name, QString::fromLatin1(cells[0]), QString::fromUtf8(cells[1]), QString::fromUtf8(cells[2]), src, dst);
            }
        }
        qInfo("Source/Destination of %d frames without IP compared with tshark", compared);
        QVERIFY(compared > 0);
        QVERIFY2(differences.isEmpty(), qPrintable(differences.mid(0, 10).join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestColumnAddress)
#include "tst_columnaddress.moc"
