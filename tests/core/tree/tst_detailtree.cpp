// The detail tree: the lines tshark -V shows, and the bytes and bits each node covers.
#include "analysis/analysedcapture.h"
#include "capture/capturefile.h"
#include "common/oracletsv.h"
#include "common/tsharkoutput.h"
#include "stats/protocolhierarchy.h"
#include "tcp/tcptracker.h"
#include "tree/detailtree.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace synflow;

namespace {

struct Built {
    DetailTree tree;
    bool ok = false;
};

Built build(const QString& path, uint64_t frame)
{
    Built b;
    AnalysedCapture capture;
    std::string err;
    if (!capture.open(path.toStdString(), err))
        return b;
    capture.analyse(AnalysedCapture::Depth::Tcp);
    b.tree = buildDetailTree(capture, size_t(frame - 1));
    b.ok = true;
    return b;
}

// tshark -V lines of one frame (the whole file is dissected, so deltas are as in the GUI);
// `extra` options before -V (-n: addresses without vendor names, as ours).
QStringList tsharkLines(const QString& path, uint64_t frame, const QStringList& extra = {})
{
    const QStringList all = QString::fromUtf8(synflow::test::tsharkOutput(path, QStringList{"-2", "-o", "tcp.desegment_tcp_streams:FALSE", "-o", "tcp.check_checksum:FALSE",
                                  "-o", "tcp.relative_sequence_numbers:TRUE", "-o", "tcp.analyze_sequence_numbers:TRUE",
                                  "-o", "tcp.calculate_timestamps:TRUE"} + extra + QStringList{"-V"}).out).split('\n');
    QStringList out;
    bool in = false;
    const QString head = QStringLiteral("Frame %1: ").arg(frame);
    for (const QString& l : all) {
        if (l.startsWith("Frame "))
            in = l.startsWith(head);
        if (in && !l.isEmpty())
            out << l;
    }
    return out;
}

QString dataFile(const char* name)
{
    return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name));
}

int32_t find(const DetailTree& t, const QString& label)
{
    for (size_t i = 0; i < t.nodes().size(); ++i)
        if (QString::fromStdString(t.nodes()[i].label).trimmed() == label)
            return int32_t(i);
    return -1;
}

// Whether line `l` lies inside the ICMP layer, indented under it (the quoted packet of an error).
bool quotedPacket(const QStringList& lines, const QString& l)
{
    for (qsizetype i = lines.indexOf(l); i >= 0; --i)
        if (!lines[i].startsWith(' '))
            return lines[i].startsWith("Internet Control Message");
    return false;
}

// One file holding `captures` one after another (mergecap -a), so that one tshark run covers
// them all; empty on failure.
QString appended(const QStringList& captures, const QString& out)
{
    QProcess p;
    p.start(QStringLiteral("mergecap"), QStringList{QStringLiteral("-a"), QStringLiteral("-w"), out} + captures);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return out;
}

// tshark's frame.protocols of every frame, with TCP reassembly on (its default) or off.
QStringList tsharkFrameProtocols(const QString& path, bool desegment)
{
    QStringList args{QStringLiteral("-2")};
    if (!desegment)
        args << QStringLiteral("-o") << QStringLiteral("tcp.desegment_tcp_streams:FALSE");
    args << QStringLiteral("-T") << QStringLiteral("fields") << QStringLiteral("-e") << QStringLiteral("frame.protocols");
    QStringList lines = QString::fromUtf8(synflow::test::tsharkOutput(path, args).out).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

// Why "[Protocols in frame]" may differ from tshark's, by class (core/tree/TSHARK_DIFFERENCES.md);
// empty when it may not.
QString documentedDifference(const QString& theirs, const QString& ours)
{
    if (theirs.contains(QLatin1String("x509")) || theirs.contains(QLatin1String("pkix")) || theirs.contains(QLatin1String("pkcs-1")))
        return QStringLiteral("certificate contents inside TLS");
    if (theirs.contains(QLatin1String("tls:tls")) || theirs.contains(QLatin1String("drda:drda")) || theirs.contains(QLatin1String("media:media")))
        return QStringLiteral("one layer per message of a segment holding several");
    if (theirs.contains(QLatin1String("tls")) != ours.contains(QLatin1String("tls")))
        return QStringLiteral("TLS records after a segment never captured");
    if (theirs.contains(QLatin1String("vxlan")) && !ours.contains(QLatin1String("vxlan")))
        return QStringLiteral("a VXLAN frame whose inner frame is cut short or unknown");
    if (ours + QLatin1String(":data") == theirs && !theirs.contains(QLatin1String(":tcp")) && !theirs.contains(QLatin1String(":udp")))
        return QStringLiteral("bytes no dissector takes below the transport");
    // tshark names a header the capture cuts short (an IP header after a tunnel, a UDP header), or
    // a body's media type, past where we stop; a layer of any other kind dropped is a failure.
    static const QStringList cutOrMedia{QStringLiteral("ip"), QStringLiteral("ipv6"), QStringLiteral("udp"),
                                        QStringLiteral("data-text-lines"), QStringLiteral("media"), QStringLiteral("json"),
                                        QStringLiteral("xml"), QStringLiteral("imf")};
    QString past = theirs.startsWith(ours + QLatin1Char(':')) ? theirs.mid(ours.size() + 1) : QString();
    if (past.startsWith(QLatin1String("ethertype:")))
        past = past.mid(10);
    if (cutOrMedia.contains(past.section(QLatin1Char(':'), 0, 0)))
        return QStringLiteral("layers tshark names past where we stop: a header cut short, an HTTP body's media");
    if (theirs.endsWith(QLatin1String(":gtp")))
        return QStringLiteral("GTP-U inside another tunnel");
    if (theirs.contains(QLatin1String("erspan")) || theirs.contains(QLatin1String("l2tp:ppp")) || theirs.contains(QLatin1String("udpencap"))
        || theirs.contains(QLatin1String("cipio")) || theirs.contains(QLatin1String("mime_multipart")) || theirs.endsWith(QLatin1String(":imf"))
        || theirs.endsWith(QLatin1String("ftp.current-working-directory")))
        return QStringLiteral("a layer the hierarchy does not walk");
    if (theirs.contains(QLatin1String("icmpv6:ipv6")) || ours.contains(QLatin1String("teredo:ipv6:icmpv6:data")))
        return QStringLiteral("an ICMPv6 redirect's or Teredo's nested packet");
    if ((theirs + QLatin1String(":data") == ours || ours + QLatin1String(":data") == theirs)
        && (theirs.contains(QLatin1String(":tcp")) || theirs.contains(QLatin1String(":udp"))))
        return QStringLiteral("application bytes tshark leaves to data (or not) where we do not");
    return {};
}

} // namespace

class TestDetailTree : public QObject {
    Q_OBJECT
private slots:
    // Frame references (tshark's frame-number fields' lines) and expert lines are recognised
    // on every line that prints them, so the views can link and colour them.
    void frameReferencesAndExpertSeverities()
    {
        QCOMPARE(frameReferenceOf("[This is an ACK to the segment in frame: 12]"), 12u);
        QCOMPARE(frameReferenceOf("[Request in frame: 4]"), 4u);
        QCOMPARE(frameReferenceOf("[Reassembled IPv4 in frame: 3]"), 3u);
        QCOMPARE(frameReferenceOf("[Frame: 6, payload: 0-1379 (1380 bytes)]"), 6u);
        QCOMPARE(frameReferenceOf("[Response In: 8]"), 8u);
        QCOMPARE(frameReferenceOf("[Protocols in frame: eth:ethertype:ip:tcp]"), 0u);
        QCOMPARE(frameReferenceOf("Frame 5: 74 bytes on wire (592 bits)"), 0u);
        QCOMPARE(frameReferenceOf("Referer: http://x/frame: 3]"), 0u); // not a generated line
        QCOMPARE(frameReferenceOf("[3 Reassembled TCP Segments (3549 bytes): #6(1380), #7(321), #8(1848)]"), 0u);
        QCOMPARE(expertSeverityOf("[Expert Info (Warning/Sequence): Connection reset (RST)]"), int(ExpertSeverity::Warning));
        QCOMPARE(expertSeverityOf("[Expert Info (Chat/Sequence): GET / HTTP/1.1\\r\\n]"), int(ExpertSeverity::Chat));
        QCOMPARE(expertSeverityOf("[Severity level: Note]"), -1);
        DetailTree t;
        const int32_t parent = t.add(-1, "[TCP Analysis Flags]");
        const int32_t note = t.add(parent, "[Expert Info (Note/Sequence): This frame is a (suspected) retransmission]");
        const int32_t warn = t.add(parent, "[Expert Info (Warning/Sequence): Previous segment(s) not captured (common at capture start)]");
        QCOMPARE(int(t.nodes()[size_t(note)].severity), int(ExpertSeverity::Note));
        QCOMPARE(int(t.nodes()[size_t(warn)].severity), int(ExpertSeverity::Warning));
        QCOMPARE(int(t.nodes()[size_t(parent)].severity), int(ExpertSeverity::Warning)); // the highest below it
        QCOMPARE(int(t.nodes()[size_t(t.add(note, "[Severity level: Note]"))].severity), -1);
    }

    void matchesTsharkLines_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("frame");
        QTest::newRow("own SYN") << dataFile("loopback-http.pcap") << 1;
        QTest::newRow("own SYN/ACK pcapng") << dataFile("loopback-http.pcapng") << 2;
        QTest::newRow("own request") << dataFile("loopback-http.pcap") << 4;
        QTest::newRow("own FIN") << dataFile("loopback-http.pcapng") << 10;
        QTest::newRow("own UDP") << dataFile("loopback-http.pcap") << 12;
        QTest::newRow("own TFO cookie request") << dataFile("lo-tfo.pcapng") << 1;
        QTest::newRow("own SYN with TFO cookie") << dataFile("lo-tfo.pcapng") << 8;
        const QDir shared(synflow::test::sharedCapturesDir());
        for (auto [name, frame] : {std::pair{"td-ssh.pcap", 3}, {"td-ssh.pcap", 49}, {"ppa-tcp_dupack.pcapng", 7},
                                   {"zk-vlan-collisions.pcap", 6}, {"local-ipv6.pcapng", 4}, {"ppp-sll2.pcap", 2},
                                   // enumerated values: cooked headers, ARP, ICMP, VLAN priority, loopback family
                                   {"ppp-sll.pcap", 1}, {"breadth/pfl-linux_cooked-03_sll_arp.pcap", 1},
                                   {"ppp-null_loopback.pcap", 3}, {"breadth/pfl-icmp-09_icmp_redirect_host_gateway.pcap", 1}}) {
            if (QFileInfo::exists(shared.filePath(name)))
                QTest::newRow(qPrintable(QStringLiteral("%1 #%2").arg(name).arg(frame))) << shared.filePath(name) << frame;
        }
    }
    void matchesTsharkLines()
    {
        QFETCH(QString, file);
        QFETCH(int, frame);
        if (QStandardPaths::findExecutable("tshark").isEmpty())
            QSKIP("tshark is not installed: cannot compare with tshark -V");
        const Built b = build(file, uint64_t(frame));
        QVERIFY(b.ok);
        const QStringList ours = QString::fromStdString(b.tree.text()).split('\n', Qt::SkipEmptyParts);
        const QStringList theirs = tsharkLines(file, uint64_t(frame));
        QVERIFY(!theirs.isEmpty());
        // Deliberate differences (core/tree/TSHARK_DIFFERENCES.md): vendor names in MAC addresses,
        // RTO lines, per-subtype MPTCP/SACK-count lines, EOL padding in the options summary, ICMP
        // checksums tshark verifies (ours are unverified).
        static const QRegularExpression skip(
            "Ethernet II|Destination: |Source: |Address: |RTO|SACK Count|Multipath|Options: \\(|Expert Info \\(Comment|\\[Stream index: \\d+\\]$|Time since (first|previous) frame: |\\[Timestamps\\]|\\[correct\\]$|\\[Checksum Status: Good\\]|^\\s*$");
        int compared = 0, found = 0;
        QStringList missing;
        // Layers above the transport are outside the core tree: compare up to the first of them.
        static const QRegularExpression ourLayer("^(Frame |Ethernet II|802\\.1Q|Linux cooked|Null|Internet Protocol|Transmission Control|User Datagram|Internet Control|Address Resolution)");
        bool inOurLayers = true;
        for (const QString& l : theirs) {
            if (!l.startsWith(' '))
                inOurLayers = ourLayer.match(l).hasMatch();
            if (!inOurLayers || l.contains("[Protocols in frame:"))
                continue;
            static const QRegularExpression quotedLayer("^ {4}(Internet Protocol|User Datagram|Transmission Control)");
            if ((l.startsWith("        ") || quotedLayer.match(l).hasMatch()) && quotedPacket(theirs, l))
                continue; // the packet an ICMP error quotes: not in our tree (TSHARK_DIFFERENCES.md)
            if (skip.match(l).hasMatch())
                continue;
            ++compared;
            if (ours.contains(l))
                ++found;
            else
                missing << l;
        }
        // Every enumerated value (a name with its number, "Sent by us (4)", "8 (Echo (ping) request)")
        // must be there exactly: a raw number where tshark names it is a fault, whatever the ratio.
        static const QRegularExpression enumerated(": (\\D.* \\((0x[0-9a-f]+|\\d+)\\)|\\d+ \\(\\D.*\\))$");
        QStringList enumMissing;
        for (const QString& l : missing)
            if (enumerated.match(l).hasMatch() && !l.contains("Flags:") && !l.contains("bytes ("))
                enumMissing << l;
        QVERIFY2(enumMissing.isEmpty(), qPrintable(QStringLiteral("enumerated values not as tshark names them:\n") + enumMissing.join('\n')));
        QVERIFY2(compared > 20, qPrintable(theirs.join('\n')));
        QVERIFY2(found >= compared * 95 / 100, qPrintable(QStringLiteral("%1 of %2 tshark lines found; missing:\n%3").arg(found).arg(compared).arg(missing.join('\n'))));
    }

    // Tunnelled and encapsulated frames: every line tshark -V prints for the layers between the
    // link header and the transport (labels, tags, GRE, UDP tunnels, PPPoE/PPP, LLC) and for
    // each IP header, outer and inner, must be in our tree.
    void tunnelLayersLikeTshark_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("frame");
        const QDir shared(synflow::test::sharedCapturesDir());
        if (!QFileInfo::exists(shared.filePath("breadth")))
            QSKIP("no breadth captures: skipping the tunnel layers");
        for (auto [name, frame] : {std::pair{"pfl-mpls-06_mpls_ipv4_udp_three_labels.pcap", 1}, {"pfl-mpls-10_mpls_ipv6_explicit_null_label.pcap", 1},
                                   {"pfl-mpls-14_qinq_mpls_ipv4_udp.pcap", 1}, {"pfl-mpls-15_mpls_unknown_inner_payload.pcap", 1},
                                   {"pfl-gre-10_gre_checksum_key_sequence_ipv4_udp.pcap", 1}, {"pfl-gre-12_gre_teb_ethernet_vlan_ipv4_udp.pcap", 1},
                                   {"pfl-gre-05_ipv6_outer_gre_ipv4_tcp.pcap", 1}, {"pfl-gre-15_gre_mpls_ipv4_udp.pcap", 1},
                                   {"pfl-gre-16_gre_unknown_protocol_type.pcap", 1}, {"pfl-gre-17_gre_version1_pptp_like_unsupported.pcap", 1},
                                   {"pn-gre_all_options.pcap", 1}, {"pfl-vxlan-01_vxlan_inner_ipv4_tcp.pcap", 1},
                                   {"pfl-vxlan-14_vxlan_outer_ipv6_inner_ipv4_tcp.pcap", 1}, {"pfl-vxlan-13_vxlan_inner_vlan_ipv4_tcp.pcap", 1},
                                   {"pfl-ip_encapsulation-03_ipv6_in_ipv4_tcp.pcap", 1}, {"pfl-ip_encapsulation-05_ipv4_in_ipv6_tcp.pcap", 1},
                                   {"pfl-ip_encapsulation-12_nested_ipv4_in_ipv4_in_ipv4_udp.pcap", 1},
                                   {"pfl-pppoe-01_pppoe_session_ipv4_tcp.pcap", 1}, {"pfl-pppoe-14_qinq_pppoe_session_ipv4_udp.pcap", 1},
                                   {"pfl-vlan-05_qinq_ipv4_udp.pcap", 1}, {"pn-802.1ad_vlan_ipv4.pcap", 1},
                                   {"pfl-llc_snap-07_qinq_llc_snap_ipv4_udp.pcap", 1}, {"pn-l2tp.pcap", 1}, {"pn-teredo.pcap", 1},
                                   // Geneve, GTP-U, PBB and PPPoE inside VXLAN
                                   {"pfl-vxlan-28_vxlan_unsupported_and_nested_matrix.pcap", 1},
                                   {"pfl-vxlan-28_vxlan_unsupported_and_nested_matrix.pcap", 3},
                                   {"pfl-vxlan-28_vxlan_unsupported_and_nested_matrix.pcap", 6},
                                   {"pfl-vxlan-28_vxlan_unsupported_and_nested_matrix.pcap", 7}}) {
            const QString path = shared.filePath(QStringLiteral("breadth/") + name);
            if (QFileInfo::exists(path))
                QTest::newRow(qPrintable(QStringLiteral("%1 #%2").arg(name).arg(frame))) << path << frame;
        }
    }
    void tunnelLayersLikeTshark()
    {
        QFETCH(QString, file);
        QFETCH(int, frame);
        if (QStandardPaths::findExecutable("tshark").isEmpty())
            QSKIP("tshark is not installed: cannot compare with tshark -V");
        const Built b = build(file, uint64_t(frame));
        QVERIFY(b.ok);
        const QStringList ours = QString::fromStdString(b.tree.text()).split('\n', Qt::SkipEmptyParts);
        static const QRegularExpression layers(
            "^(MultiProtocol Label|Generic Routing|Virtual eXtensible|Generic Network Virtualization|GPRS Tunneling|T-PDU Data|Layer 2 Tunneling|"
            "Teredo|PPP-over-Ethernet Session|Point-to-Point Protocol|IEEE 802\\.1ad|802\\.1Q Virtual LAN|Logical-Link Control|Internet Protocol Version|Data \\()");
        int tunnelLines = 0, ipLayers = 0;
        QStringList missing;
        bool in = false;
        QString previous; // the layer before this one
        for (const QString& l : tsharkLines(file, uint64_t(frame))) {
            if (!l.startsWith(' ')) {
                // Data after a transport or IP is its payload (no dissector for it), not a tunnel's.
                in = layers.match(l).hasMatch()
                    && !(l.startsWith("Data (") && (previous.startsWith("User Datagram") || previous.startsWith("Transmission") || previous.startsWith("Internet Protocol")));
                if (l.startsWith("Internet Protocol Version"))
                    ++ipLayers;
                previous = l;
            }
            if (!in || l.contains("Trailer: ") || l.contains("C-Destination: ") || l.contains("C-Source: "))
                continue; // trailers are not shown; PBB's addresses carry vendor names
            if (!l.startsWith("Internet Protocol Version") && !l.startsWith("    "))
                ++tunnelLines;
            if (!ours.contains(l))
                missing << l;
        }
        QVERIFY2(tunnelLines > 0 || ipLayers > 1, "no tunnel layer in tshark's tree: the wrong frame?");
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("missing:\n%1\nours:\n%2").arg(missing.join('\n'), ours.join('\n'))));
    }

    // GTP's (versions 0 and 1, GTP') and GTPv2's headers on every frame of tests/data/gtp (every
    // message type, piggybacked GTPv2 messages, headers cut short): each line tshark -V prints for
    // them must be ours. Their information elements and tshark's request/response links are not
    // shown (core/tree/TSHARK_DIFFERENCES.md).
    void gtpHeadersLikeTshark()
    {
        if (QStandardPaths::findExecutable("tshark").isEmpty())
            QSKIP("tshark is not installed: cannot compare with tshark -V");
        const QString path = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("gtp/gtpmessages.pcap");
        AnalysedCapture capture;
        std::string err;
        QVERIFY2(capture.open(path.toStdString(), err), err.c_str());
        capture.analyse(AnalysedCapture::Depth::Tcp);
        const QByteArray tsharkText = synflow::test::tsharkOutput(path, {"-2", "-V"}).out;
        static const QRegularExpression header("^    (Flags: |Message Type: |Message Length: |Length: |Tunnel Endpoint Identifier: |TEID: "
                                               "|Sequence Number: |Sequence number: |Spare: |N-PDU Number: |Flow label: "
                                               "|SNDCP N-PDU LLC Number: |TID: |\\d{4} \\.\\.\\.\\. = Message Priority)");
        int compared = 0, v2Layers = 0;
        QStringList missing, theirs;
        size_t frame = 0;
        bool in = false, headerLine = false;
        const auto check = [&] { // the frame's lines
            if (frame == 0)
                return;
            const QStringList lines = QString::fromStdString(buildDetailTree(capture, frame - 1).text()).split('\n');
            for (const QString& l : theirs) {
                ++compared;
                if (!lines.contains(l))
                    missing << QStringLiteral("frame %1: %2").arg(frame).arg(l);
            }
        };
        for (const QString& l : QString::fromUtf8(tsharkText).split('\n')) {
            if (l.startsWith("Frame ")) {
                check();
                theirs.clear();
                frame = l.section(' ', 1, 1).chopped(1).toULongLong();
                in = false;
                continue;
            }
            if (!l.startsWith(' ')) {
                in = l == "GPRS Tunneling Protocol V2" || l == "GPRS Tunneling Protocol" || l == "GPRS Tunneling Protocol Prime";
                v2Layers += l == "GPRS Tunneling Protocol V2";
                continue;
            }
            if (!in)
                continue;
            if (!l.startsWith("        "))
                headerLine = header.match(l).hasMatch();
            if (headerLine)
                theirs << l;
        }
        check();
        QVERIFY2(v2Layers > 300, qPrintable(QString::number(v2Layers)));
        QVERIFY2(compared > 5000, qPrintable(QString::number(compared)));
        QVERIFY2(missing.isEmpty(), qPrintable(missing.mid(0, 20).join('\n')));
    }

    // The bytes the tunnel layers' lines cover, for the bytes pane.
    void tunnelLayerBytes()
    {
        const QDir shared(synflow::test::sharedCapturesDir());
        const QString mpls = shared.filePath("breadth/pfl-mpls-06_mpls_ipv4_udp_three_labels.pcap");
        const QString gre = shared.filePath("breadth/pfl-gre-10_gre_checksum_key_sequence_ipv4_udp.pcap");
        if (!QFileInfo::exists(mpls) || !QFileInfo::exists(gre))
            QSKIP("no breadth captures");
        Built b = build(mpls, 1);
        QVERIFY(b.ok);
        // Ethernet (14), then three 4-byte labels: the second label's TTL is byte 25.
        int32_t n = find(b.tree, ".... .... .... .... .... .... 0011 1111 = MPLS TTL: 63");
        QVERIFY(n >= 0);
        QCOMPARE(b.tree.nodes()[size_t(n)].offset, 18u);
        QCOMPARE(b.tree.nodes()[size_t(n)].length, 4u);
        QCOMPARE(b.tree.nodes()[size_t(n)].mask, 0xffu);
        n = find(b.tree, "Internet Protocol Version 4, Src: 192.0.2.10, Dst: 198.51.100.20");
        QVERIFY(n >= 0);
        QCOMPARE(b.tree.nodes()[size_t(n)].offset, 26u);
        b = build(gre, 1);
        QVERIFY(b.ok);
        // Ethernet (14) + outer IPv4 (20): GRE at 34; checksum and offset, then the key at 42.
        n = find(b.tree, "Key: 0x11111111");
        QVERIFY(n >= 0);
        QCOMPARE(b.tree.nodes()[size_t(n)].offset, 42u);
        QCOMPARE(b.tree.nodes()[size_t(n)].length, 4u);
        const int32_t outer = find(b.tree, "Generic Routing Encapsulation (IP)");
        QVERIFY(outer >= 0);
        QCOMPARE(b.tree.nodes()[size_t(outer)].offset, 34u);
        QCOMPARE(b.tree.nodes()[size_t(outer)].length, 16u);
        QCOMPARE(b.tree.nodeAt(47), n + 1); // the sequence number's bytes select its line
    }

    // MPTCP options: each subtype's lines as tshark -V prints them under the TCP options.
    void mptcpLikeTshark_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("frame");
        for (int f = 1; f <= 20; ++f)
            QTest::newRow(qPrintable(QStringLiteral("mptcp-options #%1").arg(f))) << dataFile("tree/mptcp-options.pcap") << f;
        const QString real = QDir(synflow::test::sharedCapturesDir()).filePath("td-mptcp-v1.pcap");
        if (QFileInfo::exists(real))
            for (int f : {1, 2, 3, 4, 5, 16})
                QTest::newRow(qPrintable(QStringLiteral("td-mptcp-v1 #%1").arg(f))) << real << f;
    }
    void mptcpLikeTshark()
    {
        QFETCH(QString, file);
        QFETCH(int, frame);
        if (QStandardPaths::findExecutable("tshark").isEmpty())
            QSKIP("tshark is not installed: cannot compare with tshark -V");
        const Built b = build(file, uint64_t(frame));
        QVERIFY(b.ok);
        const QStringList ours = QString::fromStdString(b.tree.text()).split('\n', Qt::SkipEmptyParts);
        // Lines tshark works out from the connection's state (TSHARK_DIFFERENCES.md): relative data
        // sequence numbers, and in the made-up file a token from a key another segment carried
        // (#3, #4: tshark's is the key it recorded for the side) or from MPTCP v0's SHA-1 (#5);
        // expert notes on the handshake.
        const bool madeUp = file.endsWith("mptcp-options.pcap");
        static const QRegularExpression stateful("\\(Relative\\)\\]|Expert Info|Severity level|\\[Group:|does not contain a MSS|echoed key");
        static const QRegularExpression derived("\\[Subflow (token|expected IDSN)");
        int compared = 0;
        QStringList missing;
        qsizetype depth = -1;
        for (const QString& l : tsharkLines(file, uint64_t(frame))) {
            const qsizetype indent = l.size() - l.trimmed().size();
            if (l.trimmed().startsWith("Multipath Transmission Control Protocol"))
                depth = indent;
            else if (depth >= 0 && indent <= depth)
                depth = -1;
            if (depth < 0 || stateful.match(l).hasMatch() || (madeUp && frame >= 3 && frame <= 5 && derived.match(l).hasMatch()))
                continue;
            ++compared;
            if (!ours.contains(l))
                missing << l;
        }
        QVERIFY2(compared >= 4, "no MPTCP option in tshark's tree");
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("missing:\n%1\nours:\n%2").arg(missing.join('\n'), ours.join('\n'))));
    }

    void keyLinesOfAnAck()
    {
        const Built b = build(dataFile("loopback-http.pcap"), 3); // the handshake's final ACK
        QVERIFY(b.ok);
        const DetailTree& t = b.tree;
        // Ethernet(14) + IPv4(20): the TCP header starts at byte 34, flags at 46-47.
        int32_t n = find(t, ".... ...1 .... = Acknowledgment: Set");
        QVERIFY(n >= 0);
        QCOMPARE(t.nodes()[size_t(n)].offset, 46u);
        QCOMPARE(t.nodes()[size_t(n)].length, 2u);
        QCOMPARE(t.nodes()[size_t(n)].mask, 0x010u);
        n = find(t, ".... 0101 = Header Length: 20 bytes (5)");
        QVERIFY(n >= 0);
        QCOMPARE(t.nodes()[size_t(n)].offset, 14u);
        QCOMPARE(t.nodes()[size_t(n)].mask, 0x0fu);
        n = find(t, "1000 .... = Header Length: 32 bytes (8)");
        QVERIFY(n >= 0);
        QCOMPARE(t.nodes()[size_t(n)].offset, 46u);
        QVERIFY(find(t, "[Conversation completeness: Complete, WITH_DATA (31)]") >= 0);
        QVERIFY(find(t, "[This is an ACK to the segment in frame: 2]") >= 0);
        QVERIFY(find(t, "[Window size scaling factor: 1024]") >= 0);
        QVERIFY(find(t, "[Connection life: handshake 3/3 ACK]") >= 0);
        // Clicking the window field's bytes selects the window node.
        const int32_t w = t.nodeAt(48);
        QVERIFY(w >= 0);
        QVERIFY(QString::fromStdString(t.nodes()[size_t(w)].label).startsWith("Window: "));
    }

    void commentsAndInterfaces()
    {
        const Built b = build(dataFile("loopback-http.pcapng"), 4);
        QVERIFY(b.ok);
        const int32_t c = find(b.tree, "Packet comments");
        QVERIFY(c >= 0);
        QCOMPARE(QString::fromStdString(b.tree.nodes()[size_t(b.tree.nodes()[size_t(c)].children.at(0))].label),
                 QStringLiteral("the HTTP request"));
        QVERIFY(find(b.tree, "Interface name: lo") >= 0);
    }

    // IP reassembly lines: a fragment names the frame its datagram was reassembled in, the frame
    // that completed it lists its fragments, each line as tshark -V writes it.
    void ipReassemblyLikeTshark_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("frame");
        const QDir shared(synflow::test::sharedCapturesDir());
        for (auto [name, frame] : {std::pair{"breadth/pn-udp-ip-fragmented.pcap", 1}, {"breadth/pn-udp-ip-fragmented.pcap", 2},
                                   {"breadth/pfl-vxlan-24_vxlan_outer_ipv4_fragmentation.pcap", 1},
                                   {"breadth/pfl-vxlan-24_vxlan_outer_ipv4_fragmentation.pcap", 2}})
            if (QFileInfo::exists(shared.filePath(name)))
                QTest::newRow(qPrintable(QStringLiteral("%1 #%2").arg(name).arg(frame))) << shared.filePath(name) << frame;
        if (QFileInfo::exists(shared.filePath("breadth")) == false)
            QSKIP("no breadth captures: skipping the reassembly lines");
    }
    void ipReassemblyLikeTshark()
    {
        QFETCH(QString, file);
        QFETCH(int, frame);
        if (QStandardPaths::findExecutable("tshark").isEmpty())
            QSKIP("tshark is not installed: cannot compare with tshark -V");
        const Built b = build(file, uint64_t(frame));
        QVERIFY(b.ok);
        const QStringList ours = QString::fromStdString(b.tree.text()).split('\n', Qt::SkipEmptyParts);
        int compared = 0;
        for (const QString& l : tsharkLines(file, uint64_t(frame))) {
            if (!l.contains("Fragment") && !l.contains("Reassembled") && !l.contains("[Frame: ") && !l.startsWith("Data ("))
                continue;
            if (l.contains("Fragment Offset") || l.contains("More fragments") || l.contains("Don't fragment"))
                continue; // header fields, compared by matchesTsharkLines
            ++compared;
            QVERIFY2(ours.contains(l), qPrintable(QStringLiteral("missing: %1\nours:\n%2").arg(l, ours.join('\n'))));
        }
        QVERIFY(compared >= 2);
        for (const DetailNode& n : b.tree.nodes()) // a reassembled datagram's layers cover no bytes past the frame
            QVERIFY2(n.offset + n.length <= uint32_t(QFileInfo(file).size()), n.label.c_str());
    }

    // 802.11 captures (radiotap, PPI, bare 802.11): the radio header, tshark's radio information
    // (but an HT frame's airtime), the MAC header and LLC line for line as tshark -n -V prints them; in the management body the fixed parameters, each tag's
    // number and length, and every line of the tags we decode. The agreement over the whole
    // management body is printed (TSHARK_DIFFERENCES.md lists what is not decoded).
    void wlanLayersLikeTshark_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("frame");
        const QDir shared(synflow::test::sharedCapturesDir());
        if (!QFileInfo::exists(shared.filePath("breadth")))
            QSKIP("no breadth captures: skipping the 802.11 layers");
        for (auto [name, frame] : {std::pair{"beacon_frame", 1}, {"beacon_no_fcs", 1}, {"probe_request_frame", 1}, {"probe_response_frame", 1},
                                   {"association_request_frame", 1}, {"association_response_frame", 1}, {"reassociation_request_frame", 1},
                                   {"authentication_frame_with_ie", 1}, {"deauthentication_frame", 1},
                                   {"block_ack_request_action_frame", 1}, {"block_ack_response_action_frame", 1}, {"ack_frame", 1},
                                   {"cts_frame", 1}, {"contention_free_end_frame", 1}, {"block_acknowledgment_frame", 1},
                                   {"block_acknowledgment_request_frame", 1}, {"encrypted_data_frame", 1}, {"null_data_frame", 1},
                                   {"qos_data_frame_ipv4_tcp", 1}, {"qos_null_data_frame", 1},
                                   {"unencrypted_data_frame", 1}, {"radiotap_with_extended_presence_mask", 1}, {"radio_without_fcs", 1},
                                   {"plus_radiotap_header", 3}, {"ppi_multiplefields", 1}, {"ppi_fcs_present_and_valid", 1},
                                   {"ppi_fcs_present_and_invalid", 1}, {"ppi_without_fcs", 1}, {"raw_with_fcs", 1}}) {
            const QString path = shared.filePath(QStringLiteral("breadth/pn-80211_") + name + ".pcap");
            if (QFileInfo::exists(path))
                QTest::newRow(qPrintable(QStringLiteral("%1 #%2").arg(name).arg(frame))) << path << frame;
        }
    }
    void wlanLayersLikeTshark()
    {
        QFETCH(QString, file);
        QFETCH(int, frame);
        if (QStandardPaths::findExecutable("tshark").isEmpty())
            QSKIP("tshark is not installed: cannot compare with tshark -V");
        const Built b = build(file, uint64_t(frame));
        QVERIFY(b.ok);
        const QStringList ours = QString::fromStdString(b.tree.text()).split('\n', Qt::SkipEmptyParts);
        // Tags whose every line we write; of the others, the heading's number and length.
        static const QRegularExpression decodedTag("^ {8}Tag: (SSID|Supported Rates|Extended Supported Rates|DS Parameter|Traffic Indication|"
                                                   "Country|QBSS|Power Constraint|TPC Report|ERP Information|RSN Information|HT Capabilities|HT Information|"
                                                   "Extended Capabilities \\([1-8] octets|Vendor Specific: Microsoft Corp\\.: (WPA|WMM))");
        // tshark's sequence analysis across frames (retry expert), not decoded here.
        static const QRegularExpression skip("Retransmission \\(retry\\)|^ {20}\\[(Severity level|Group): ");
        static const QRegularExpression layer("^(Radiotap Header|PPI version|802\\.11 radio information|IEEE 802\\.11|Logical-Link Control)");
        QStringList missing;
        int required = 0, mgmtLines = 0, mgmtFound = 0;
        bool in = false, mgmt = false, inDecodedTag = false, htRadio = false;
        for (const QString& l : tsharkLines(file, uint64_t(frame), {"-n"})) {
            if (!l.startsWith(' ')) {
                in = layer.match(l).hasMatch();
                mgmt = l.startsWith("IEEE 802.11 Wireless Management");
                htRadio = htRadio && l.startsWith("802.11 radio");
            }
            if (!in || skip.match(l).hasMatch())
                continue;
            // An HT frame's airtime (tshark's assumptions about its PLCP) is not worked out.
            if (l.startsWith("    PHY type: "))
                htRadio = l.contains("(HT)");
            if (htRadio && (l.startsWith("    [Duration: ") || l.startsWith("        ")) && !l.startsWith("        Tag"))
                continue;
            if (l.startsWith("        Tag: "))
                inDecodedTag = decodedTag.match(l).hasMatch();
            const bool found = ours.contains(l);
            if (mgmt) {
                ++mgmtLines;
                mgmtFound += found;
                const bool tagged = l.startsWith("        Tag: ") || l.startsWith("            ");
                const bool must = !tagged || inDecodedTag || l.startsWith("            Tag Number: ") || l.startsWith("            Tag length: ");
                if (!must || (tagged && !inDecodedTag && l.startsWith("        Tag: ")))
                    continue;
            }
            if (l.startsWith("IEEE 802.11 PV1") || (!mgmt && l.startsWith("IEEE 802.11 Wireless")))
                continue;
            ++required;
            if (!found)
                missing << l;
        }
        if (mgmtLines)
            qInfo("management body: %d of %d tshark lines", mgmtFound, mgmtLines);
        QVERIFY2(required > 10, "no 802.11 layer in tshark's tree: the wrong frame?");
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("missing:\n%1\nours:\n%2").arg(missing.join('\n'), ours.join('\n'))));
    }

    // The bytes the 802.11 lines cover, for the bytes pane.
    void wlanLayerBytes()
    {
        const QDir shared(synflow::test::sharedCapturesDir());
        const QString beacon = shared.filePath("breadth/pn-80211_beacon_frame.pcap");
        if (!QFileInfo::exists(beacon))
            QSKIP("no breadth captures");
        const Built b = build(beacon, 1);
        QVERIFY(b.ok);
        // Radiotap (26 bytes): TSFT at 8, Flags at 16 with the FCS bit.
        int32_t n = find(b.tree, "...1 .... = FCS at end: True");
        QVERIFY(n >= 0);
        QCOMPARE(b.tree.nodes()[size_t(n)].offset, 16u);
        QCOMPARE(b.tree.nodes()[size_t(n)].mask, 0x10u);
        // The MAC header at 26: addresses at 30, 36, 42; sequence control at 48.
        n = find(b.tree, "BSS Id: 00:24:b2:f8:d7:06");
        QVERIFY(n >= 0);
        QCOMPARE(b.tree.nodes()[size_t(n)].offset, 42u);
        QCOMPARE(b.tree.nodes()[size_t(n)].length, 6u);
        n = find(b.tree, "1011 0100 1100 .... = Sequence number: 2892");
        QVERIFY(n >= 0);
        QCOMPARE(b.tree.nodes()[size_t(n)].offset, 48u);
        QCOMPARE(b.tree.nodes()[size_t(n)].mask, 0xfff0u);
        // The body at 50: 12 fixed bytes, then the SSID tag at 62; the FCS ends the frame.
        n = find(b.tree, "Tag: SSID parameter set: \"NiceAl\"");
        QVERIFY(n >= 0);
        QCOMPARE(b.tree.nodes()[size_t(n)].offset, 62u);
        QCOMPARE(b.tree.nodes()[size_t(n)].length, 8u);
        n = find(b.tree, "Frame check sequence: 0x43afad2b [unverified]");
        QVERIFY(n >= 0);
        QCOMPARE(b.tree.nodes()[size_t(n)].offset, 288u);
        QCOMPARE(b.tree.nodeAt(290), n);
        // Every node of every 802.11 capture lies inside its frame.
        for (const QString& path : QDir(shared.filePath("breadth")).entryList({"pn-80211_*.pcap"})) {
            CaptureFile file;
            std::string err;
            QVERIFY(file.open(shared.filePath("breadth/" + path).toStdString(), err));
            file.indexAll();
            for (size_t i = 0; i < std::min<size_t>(file.packetCount(), 4); ++i) {
                const Built w = build(shared.filePath("breadth/" + path), i + 1);
                QVERIFY(w.ok);
                for (const DetailNode& node : w.tree.nodes())
                    QVERIFY2(node.offset + node.length <= file.index()[i].capLen, qPrintable(path + ": " + QString::fromStdString(node.label)));
            }
        }
    }

    void everyFrameBuildsWithinItsBytes()
    {
        // Every node's bytes lie inside the captured frame, for every frame of our captures.
        for (const char* name : {"loopback-http.pcap", "loopback-http.pcapng"}) {
            CaptureFile file;
            std::string err;
            QVERIFY(file.open(dataFile(name).toStdString(), err));
            file.indexAll();
            for (size_t i = 0; i < file.packetCount(); ++i) {
                const Built b = build(dataFile(name), i + 1);
                QVERIFY(b.ok);
                for (const DetailNode& n : b.tree.nodes())
                    QVERIFY2(n.offset + n.length <= file.index()[i].capLen, n.label.c_str());
            }
        }
    }
    // "[Protocols in frame: ...]" is tshark's frame.protocols (core/stats: the hierarchy's layers
    // plus what tshark lists inside them) on every frame of tests/data and of the breadth set,
    // each appended into one file so one tshark run covers it, with TCP reassembly on and off.
    // A frame may differ only by a documented class.
    // HTTP's layers of frames whose reading ends in an exception or whose body does not inflate,
    // with TCP reassembly on and off: the exception's item says which (tests/data/http/httpbodies.pcap:
    // a continuation whose line after a header-like one runs past the segment; a gzip body that
    // is no deflate data; one whose segment ends after 12 of its bytes, of which nothing inflates;
    // images and media, read past their end or not).
    void httpExceptionsAndInflatingLikeTshark_data()
    {
        QTest::addColumn<int>("frame");
        QTest::addColumn<bool>("desegment");
        QTest::addColumn<bool>("layersOnly"); // an image's own items are not shown: its layer and the exception
        for (const int frame : {918, 927, 868, 842, 13, 21, 45, 77, 229})
            for (const bool desegment : {true, false})
                if (frame != 842 || !desegment) // (reassembled, 842 is a segment of the message)
                    QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(frame).arg(desegment ? "reassembled" : "as it lies")))
                        << frame << desegment << (frame == 13 || frame == 21 || frame == 45 || frame == 77 || frame == 229);
    }
    void httpExceptionsAndInflatingLikeTshark()
    {
        QFETCH(int, frame);
        QFETCH(bool, desegment);
        QFETCH(bool, layersOnly);
        const QString path = dataFile("http/httpbodies.pcap");
        AnalysedCapture capture;
        std::string err;
        QVERIFY2(capture.open(path.toStdString(), err), err.c_str());
        QVERIFY(capture.analyse(AnalysedCapture::Depth::Full));
        // From HTTP's layer on, without the hex dumps of extra data sources.
        const auto http = [layersOnly](const QStringList& lines) {
            QStringList out;
            bool in = false;
            for (const QString& l : lines) {
                in = in || l.startsWith(QStringLiteral("Hypertext Transfer Protocol"));
                if (in && !l.isEmpty() && !QRegularExpression(QStringLiteral("^[0-9a-f]{4}  ")).match(l).hasMatch()
                    && !(layersOnly && l.startsWith(' ')))
                    out << l;
            }
            return out;
        };
        const QStringList theirs = http(tsharkLines(path, uint64_t(frame), desegment ? QStringList{"-o", "tcp.desegment_tcp_streams:TRUE"} : QStringList{}));
        const QStringList ours = http(QString::fromStdString(buildDetailTree(capture, size_t(frame - 1), desegment).text()).split('\n'));
        QVERIFY(!theirs.isEmpty());
        QCOMPARE(ours, theirs);
    }

    // Frame `frame` (1-based) of a capture analysed in full, its tree as with TCP reassembly on.
    static QStringList desegmentedTreeLines(const QString& path, int frame)
    {
        AnalysedCapture capture;
        std::string err;
        if (!capture.open(path.toStdString(), err) || !capture.analyse(AnalysedCapture::Depth::Full))
            return {QStringLiteral("cannot open: ") + QString::fromStdString(err)};
        return QString::fromStdString(buildDetailTree(capture, size_t(frame - 1), true).text()).split('\n');
    }

    // A segment TCP reassembly refuses ends the frame with the error, no application layer: one
    // read afresh past a gap where a waiting message ended up, and out-of-order data clashing with
    // a message reassembled before.
    void reassemblyErrorsLikeTshark_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("frame");
        QTest::newRow("past old data limits") << dataFile("http/httpgaps.pcap") << 84;
        const QString shared = QDir(synflow::test::sharedCapturesDir()).filePath(QStringLiteral("zk-206_example_b.pcap"));
        if (QFileInfo::exists(shared))
            QTest::newRow("overlaps old data") << shared << 1226;
    }
    void reassemblyErrorsLikeTshark()
    {
        QFETCH(QString, path);
        QFETCH(int, frame);
        const auto fromTcp = [](const QStringList& lines) {
            QStringList out;
            bool in = false;
            for (const QString& l : lines) {
                in = in || l.startsWith(QStringLiteral("    TCP payload"));
                if (in && !l.isEmpty() && !QRegularExpression(QStringLiteral("^[0-9a-f]{4}  ")).match(l).hasMatch())
                    out << l;
            }
            return out;
        };
        const QStringList theirs = fromTcp(tsharkLines(path, uint64_t(frame), {"-o", "tcp.desegment_tcp_streams:TRUE"}));
        const QStringList ours = fromTcp(desegmentedTreeLines(path, frame));
        QVERIFY(theirs.size() > 1 && theirs[1].startsWith(QStringLiteral("[Reassembly error, protocol TCP: ")));
        QCOMPARE(ours, theirs);
    }

    // A message completed by the resend of bytes never captured lists its segments by offset,
    // the resend in the hole's place.
    void resentHoleReassembledLikeTshark_data()
    {
        QTest::addColumn<int>("frame");
        QTest::newRow("resent before the end") << 105;
        QTest::newRow("resent after the end") << 122;
    }
    void resentHoleReassembledLikeTshark()
    {
        QFETCH(int, frame);
        const QString path = dataFile("http/httpgaps.pcap");
        const auto segments = [](const QStringList& lines) {
            QStringList out;
            bool in = false;
            for (const QString& l : lines) {
                in = in || QRegularExpression(QStringLiteral("^\\[\\d+ Reassembled TCP Segments")).match(l).hasMatch();
                if (in)
                    out << l;
                if (in && l.contains(QStringLiteral("[Reassembled TCP length:")))
                    break;
            }
            return out;
        };
        const QStringList theirs = segments(tsharkLines(path, uint64_t(frame), {"-o", "tcp.desegment_tcp_streams:TRUE"}));
        const QStringList ours = segments(desegmentedTreeLines(path, frame));
        QVERIFY(theirs.size() > 3);
        QCOMPARE(ours, theirs);
    }

    void protocolsInFrameLikeTshark()
    {
        QTemporaryDir dir;
        QStringList files;
        const QDir data(QStringLiteral(SYNFLOW_TEST_DATA));
        for (const QString& sub : {QStringLiteral("."), QStringLiteral("tree")}) // tree/: made-up frames of cases no capture has
            for (const QString& f : QDir(data.filePath(sub)).entryList({QStringLiteral("*.pcap"), QStringLiteral("*.pcapng")}, QDir::Files, QDir::Name))
                files << data.filePath(sub + QLatin1Char('/') + f);
        QStringList sets{appended(files, dir.filePath(QStringLiteral("data.pcapng")))};
        const QDir breadth(QDir(synflow::test::sharedCapturesDir()).filePath(QStringLiteral("breadth")));
        QStringList breadthFiles;
        for (const QString& f : breadth.entryList({QStringLiteral("*.pcap")}, QDir::Files, QDir::Name))
            breadthFiles << breadth.filePath(f);
        if (breadthFiles.isEmpty())
            qWarning("no breadth captures: tests/data alone");
        else
            sets << appended(breadthFiles, dir.filePath(QStringLiteral("breadth.pcapng")));
        for (const QString& path : sets) {
            QVERIFY2(!path.isEmpty(), "mergecap failed");
            synflow::AnalysedCapture capture;
            std::string error;
            QVERIFY2(capture.open(path.toStdString(), error), error.c_str());
            QVERIFY(capture.analyse(synflow::AnalysedCapture::Depth::Full));
            for (const bool desegment : {true, false}) {
                const QStringList theirs = tsharkFrameProtocols(path, desegment);
                QCOMPARE(size_t(theirs.size()), capture.packetCount());
                size_t same = 0;
                std::map<QString, int> classes;
                for (size_t i = 0; i < capture.packetCount(); ++i) {
                    const QString ours = QString::fromStdString(synflow::frameProtocols(capture, i, capture.decode(i), desegment));
                    if (ours == theirs[int(i)]) {
                        ++same;
                        continue;
                    }
                    const QString why = documentedDifference(theirs[int(i)], ours);
                    QVERIFY2(!why.isEmpty(), qPrintable(QStringLiteral("%1 frame %2 (reassembly %3):\n  tshark %4\n  ours   %5")
                                                            .arg(QFileInfo(path).fileName()).arg(i + 1).arg(desegment ? "on" : "off")
                                                            .arg(theirs[int(i)], ours)));
                    ++classes[why];
                }
                qInfo("%s, reassembly %s: %zu / %zu frames equal", qPrintable(QFileInfo(path).fileName()), desegment ? "on" : "off", same,
                      capture.packetCount());
                for (const auto& [why, n] : classes)
                    qInfo("  %d: %s", n, qPrintable(why));
            }
            // The tree shows that line (the first frames, and one in 97 of the rest).
            for (size_t i = 0; i < capture.packetCount(); i += i < 8 ? 1 : 97) {
                const synflow::DetailTree tree = synflow::buildDetailTree(capture, i, true);
                const QString line = QStringLiteral("[Protocols in frame: %1]")
                                         .arg(QString::fromStdString(synflow::frameProtocols(capture, i, capture.decode(i), true)));
                QVERIFY2(find(tree, line) >= 0, qPrintable(line));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestDetailTree)
#include "tst_detailtree.moc"
