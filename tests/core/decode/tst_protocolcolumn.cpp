// The Protocol and Info columns against tshark's on every shared capture: any difference fails
// (core/tcp/TSHARK_DIFFERENCES.md says how each protocol is named).
#include "common/oracletsv.h"
#include "capture/capturefile.h"
#include "proto/conversationprotocols.h"
#include "proto/dnssummary.h"
#include "proto/desegmentedview.h"
#include "proto/pducontinuation.h"
#include "proto/protocolsummary.h"
#include "proto/smtpdata.h"
#include "proto/x11info.h"

#include <QDir>
#include <QFileInfo>
#include <QtTest>

#include <vector>

using namespace synflow::test;
using synflow::PduContinuations;
using synflow::TcpPacketAnalysis;

namespace {

// An Ethernet/IPv4/TCP [PSH, ACK] segment; 127.0.0.1 on both sides when `loopback`.
std::vector<uint8_t> segment(uint16_t sport, uint16_t dport, uint32_t seq, const std::vector<uint8_t>& payload,
                             bool loopback = false)
{
    std::vector<uint8_t> f(14 + 20 + 20 + payload.size(), 0);
    f[12] = 0x08;
    uint8_t* ip = f.data() + 14;
    const size_t total = 40 + payload.size();
    ip[0] = 0x45, ip[2] = uint8_t(total >> 8), ip[3] = uint8_t(total), ip[8] = 64, ip[9] = 6;
    const uint8_t a[4] = {10, 0, 0, 1}, b[4] = {10, 0, 0, 2}, lo[4] = {127, 0, 0, 1};
    std::copy_n(loopback ? lo : a, 4, ip + 12);
    std::copy_n(loopback ? lo : b, 4, ip + 16);
    uint8_t* t = ip + 20;
    t[0] = uint8_t(sport >> 8), t[1] = uint8_t(sport), t[2] = uint8_t(dport >> 8), t[3] = uint8_t(dport);
    t[4] = uint8_t(seq >> 24), t[5] = uint8_t(seq >> 16), t[6] = uint8_t(seq >> 8), t[7] = uint8_t(seq);
    t[12] = 0x50, t[13] = 0x18, t[14] = 0xff;
    for (size_t i = 0; i < payload.size(); ++i)
        f[54 + i] = payload[i];
    return f;
}

// An Ethernet/IPv4/UDP datagram from 10.0.0.1 to 10.0.0.2.
std::vector<uint8_t> datagram(uint16_t sport, uint16_t dport, const std::vector<uint8_t>& payload)
{
    std::vector<uint8_t> f(14 + 20 + 8 + payload.size(), 0);
    f[12] = 0x08;
    uint8_t* ip = f.data() + 14;
    const size_t total = 28 + payload.size(), udp = 8 + payload.size();
    ip[0] = 0x45, ip[2] = uint8_t(total >> 8), ip[3] = uint8_t(total), ip[8] = 64, ip[9] = 17;
    ip[12] = 10, ip[15] = 1, ip[16] = 10, ip[19] = 2;
    uint8_t* u = ip + 20;
    u[0] = uint8_t(sport >> 8), u[1] = uint8_t(sport), u[2] = uint8_t(dport >> 8), u[3] = uint8_t(dport);
    u[4] = uint8_t(udp >> 8), u[5] = uint8_t(udp);
    std::copy(payload.begin(), payload.end(), f.begin() + 42);
    return f;
}

// X11 messages (the byte order given; tests/data/make-x11messages.py writes the same bytes).
std::vector<uint8_t> x11(bool le, std::initializer_list<uint8_t> head, uint32_t words, size_t bodyBytes = 0)
{
    std::vector<uint8_t> m(head);
    m.resize(2, 0);
    if (le)
        m.push_back(uint8_t(words)), m.push_back(uint8_t(words >> 8));
    else
        m.push_back(uint8_t(words >> 8)), m.push_back(uint8_t(words));
    m.resize(4 + bodyBytes, 0);
    return m;
}

std::vector<uint8_t> concat(std::initializer_list<std::vector<uint8_t>> parts)
{
    std::vector<uint8_t> all;
    for (const auto& p : parts)
        all.insert(all.end(), p.begin(), p.end());
    return all;
}

// A 32-byte event, error or reply (its sequence number in the byte order given).
std::vector<uint8_t> x11Message(bool le, uint8_t first, uint8_t second, uint16_t seq)
{
    std::vector<uint8_t> m(32, 0);
    m[0] = first, m[1] = second;
    m[2] = uint8_t(le ? seq : seq >> 8), m[3] = uint8_t(le ? seq >> 8 : seq);
    return m;
}

TcpPacketAnalysis at(uint32_t seq, uint32_t flags = 0)
{
    TcpPacketAnalysis a;
    a.valid = true;
    a.seq = seq;
    a.flags = flags;
    return a;
}

// Protocol and Info of every row of a crafted capture (tests/data) against its oracle, exactly
// (`desegment`: the default view against NAME.view.tsv); returns how many rows tshark ends with
// "[Packet size limited during capture]".
int everyRowAsTshark(const QString& capture, const QString& oracle, bool desegment = false)
{
    const QDir data(QStringLiteral(SYNFLOW_TEST_DATA));
    TsvTable oracleTable, ours;
    if (!readTsvFile(data.filePath(oracle), oracleTable)) {
        QTest::qFail(qPrintable("cannot read " + oracle), __FILE__, __LINE__);
        return 0;
    }
    QString error;
    if (!runFields(data.filePath(capture), ours, error, desegment) || ours.rows.size() != oracleTable.rows.size()) {
        QTest::qFail(qPrintable(capture + ": " + error + " (row counts differ?)"), __FILE__, __LINE__);
        return 0;
    }
    const int proto = oracleTable.header.indexOf("_ws.col.Protocol"), info = oracleTable.header.indexOf("_ws.col.Info");
    const int ourProto = ours.header.indexOf("_ws.col.Protocol"), ourInfo = ours.header.indexOf("_ws.col.Info");
    QStringList differences;
    int limited = 0;
    for (const auto& [frame, row] : oracleTable.rows) {
        const QStringList& our = ours.rows[frame];
        limited += row.value(info).endsWith("[Packet size limited during capture]");
        if (our.value(ourProto) != row.value(proto) || our.value(ourInfo) != row.value(info))
            differences << QStringLiteral("frame %1: tshark %2 '%3', ours %4 '%5'")
                               .arg(frame).arg(row.value(proto), row.value(info), our.value(ourProto), our.value(ourInfo));
    }
    if (!differences.isEmpty())
        QTest::qFail(qPrintable(QStringLiteral("%1: %2 rows differ\n  %3").arg(capture).arg(differences.size()).arg(differences.mid(0, 12).join("\n  "))),
                     __FILE__, __LINE__);
    return limited;
}

// Every column of every row of our capture `capture` against its per-field oracle.
void everyColumnAsTshark(const QString& capture, const QString& oracle)
{
    const QDir data(QStringLiteral(SYNFLOW_TEST_DATA));
    TsvTable oracleTable, ours;
    QString error;
    if (!readTsvFile(data.filePath(oracle), oracleTable) || !runFields(data.filePath(capture), ours, error)) {
        QTest::qFail(qPrintable(capture + ": " + error), __FILE__, __LINE__);
        return;
    }
    for (const ColumnAgreement& a : compareWithOracle(oracleTable, ours, {}, 5))
        if (a.compared != a.agree)
            QTest::qFail(qPrintable(QStringLiteral("%1 %2: %3 of %4 frames differ\n  %5")
                                        .arg(capture, a.column).arg(a.compared - a.agree).arg(a.compared).arg(a.examples.join("\n  "))),
                         __FILE__, __LINE__);
}

} // namespace

class TestProtocolColumn : public QObject {
    Q_OBJECT
private slots:
    void agreesWithTshark_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("oracle");
        // Our own captures (tests/data, NAME-ng.tsv for a pcapng), then the shared ones.
        const QDir data(QStringLiteral(SYNFLOW_TEST_DATA));
        for (const QFileInfo& fi : data.entryInfoList({"*.pcap", "*.pcapng"}, QDir::Files)) {
            const QString tsv = data.filePath("oracle/" + fi.completeBaseName() + (fi.suffix() == "pcapng" ? "-ng" : "") + ".tsv");
            if (QFileInfo::exists(tsv))
                QTest::newRow(qPrintable(fi.fileName())) << fi.filePath() << tsv;
        }
        // X11 (apart: tshark's default view reassembles its messages, which we do not).
        QTest::newRow("x11messages.pcap") << data.filePath("x11/x11messages.pcap") << data.filePath("oracle/x11messages.tsv");
        // QUIC version 1 (apart: its detail tree and hierarchy are not written yet).
        QTest::newRow("quicpackets.pcap") << data.filePath("quic/quicpackets.pcap") << data.filePath("oracle/quicpackets.tsv");
        // GTP, GTPv2 and GTP' (apart: their detail tree and hierarchy are partly written).
        QTest::newRow("gtpmessages.pcap") << data.filePath("gtp/gtpmessages.pcap") << data.filePath("oracle/gtpmessages.tsv");
        for (const auto& [name, path] : sharedCapturesWithOracle())
            QTest::newRow(qPrintable(name)) << path << QDir(sharedCapturesDir()).filePath("oracle/" + name + ".tsv");
    }
    void agreesWithTshark()
    {
        QFETCH(QString, capture);
        QFETCH(QString, oracle);
        TsvTable oracleTable, ours;
        QVERIFY(readTsvFile(oracle, oracleTable));
        QString error;
        QVERIFY2(runFields(capture, ours, error), qPrintable(error));
        // Info is compared where tshark's Protocol is TCP, as oracle-diff does (other rows' summaries are ours).
        const ColumnAgreement summarized = compareSummarizedInfo(oracleTable, ours, 8);
        QVERIFY2(summarized.agree == summarized.compared, qPrintable(QStringLiteral("Info of ICMP/ARP/CDP/DHCP/... rows: %1 of %2 differ\n  %3")
                                                                      .arg(summarized.compared - summarized.agree).arg(summarized.compared)
                                                                      .arg(summarized.examples.join("\n  "))));
        for (const ColumnAgreement& a : compareWithOracle(oracleTable, ours, {"_ws.col.Protocol", "_ws.col.Info"}, 8))
            QVERIFY2((a.compared > 0 || a.column != "_ws.col.Protocol") && a.compared == a.agree, qPrintable(QStringLiteral("%1: %2 of %3 frames differ\n  %4")
                                                           .arg(a.column).arg(a.compared - a.agree).arg(a.compared)
                                                           .arg(a.examples.join("\n  "))));
    }

    // Headers cut short by the snapshot length (tests/data/cut, make-cutheaders.py): IPv4 and
    // IPv6 with each extension header, TCP and UDP, VLAN, QinQ, VXLAN, GRE, MPLS, PBB, IP-in-IP
    // and deep nests, each cut at every length where tshark's columns change. Protocol and Info
    // of every row are tshark's (a TCP header cut after its window too: its flags, relative
    // sequence numbers and window).
    void cutHeadersAgree() { everyRowAsTshark(QStringLiteral("cut/cutheaders.pcap"), QStringLiteral("oracle/cutheaders.tsv")); }

    // Frames whose end the capture cut (tests/data/cut, make-cuttrailers.py): Ethernet trailers
    // behind IPv4, IPv6, ARP and MPLS, under tags, in 802.3 frames and Linux cooked captures;
    // TCP segments cut in their header inside whole conversations; ICMP and ICMPv6 cut at every
    // length; echo pairs; DNS cut or short; Telnet; text on port 80. Every column of every row is
    // tshark's, and Protocol and Info of the default view too.
    void cutTrailersAgree()
    {
        const int limited = everyRowAsTshark(QStringLiteral("cut/cuttrailers.pcapng"), QStringLiteral("oracle/cuttrailers.tsv"));
        QVERIFY2(limited > 500, qPrintable(QString::number(limited))); // the rows the capture is for
        // And as a Wireshark user sees them by default (TCP reassembly on).
        everyRowAsTshark(QStringLiteral("cut/cuttrailers.pcapng"), QStringLiteral("oracle/cuttrailers.view.tsv"), true);
        everyColumnAsTshark("cut/cuttrailers.pcapng", "oracle/cuttrailers.tsv");
    }

    // SSH sessions recorded on loopback with each family of key exchange (group exchange, curve25519,
    // diffie-hellman-group14, OpenSSH 9's default sntrup761x25519 that tshark 4.0 does not know):
    // the two KEXINITs decide what messages 30-34 are called and whether encrypted packets are
    // named. Every column, and the default view.
    void sshKeyExchangeAgree()
    {
        everyRowAsTshark(QStringLiteral("ssh/sshkex.pcap"), QStringLiteral("oracle/sshkex.tsv"));
        everyRowAsTshark(QStringLiteral("ssh/sshkex.pcap"), QStringLiteral("oracle/sshkex.view.tsv"), true);
        everyColumnAsTshark("ssh/sshkex.pcap", "oracle/sshkex.tsv");
        // A client KEXINIT split over two segments (tests/data/ssh/README.md): in the default view
        // tshark reassembles it (its first segment a segment of a PDU), so the exchange is
        // curve25519's; without reassembly its first half ends in the exception and, that KEXINIT
        // never read, the client's side is read as clear text to the end.
        everyRowAsTshark(QStringLiteral("ssh/kexsplit.pcap"), QStringLiteral("oracle/kexsplit.view.tsv"), true);
        everyRowAsTshark(QStringLiteral("ssh/kexsplit.pcap"), QStringLiteral("oracle/kexsplit.tsv"));
    }

    // FTP sessions recorded on loopback (tests/data/ftp/README.md): data connections set up by PASV,
    // EPSV, PORT and EPRT are FTP-DATA with the setup and the request that followed it, and their
    // SYN is not in tcp.completeness (tshark had the conversation made before it opened). Every
    // column, and the default view.
    void ftpDataAgree()
    {
        everyRowAsTshark(QStringLiteral("ftp/ftpdata.pcap"), QStringLiteral("oracle/ftpdata.view.tsv"), true);
        everyColumnAsTshark("ftp/ftpdata.pcap", "oracle/ftpdata.tsv");
        TsvTable oracleTable;
        QVERIFY(readTsvFile(QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("oracle/ftpdata.tsv"), oracleTable));
        int dataRows = 0, methods = 0;
        for (const auto& [frame, row] : oracleTable.rows) {
            dataRows += row.value(oracleTable.header.indexOf("_ws.col.Protocol")) == QLatin1String("FTP-DATA");
            methods |= row.value(oracleTable.header.indexOf("_ws.col.Info")).contains(QLatin1String("(EPRT)")) ? 1 : 0;
        }
        QVERIFY(dataRows >= 10 && methods); // the rows the capture is for
    }

    // Application protocols recorded on loopback or written by a script (each folder's
    // README.md says how), every column and the default view against tshark:
    // - Syslog: every priority, the odd ones, messages cut at every length of their start;
    // - MQTT 3.1.1 and 5: every message type, several in a segment, one over many segments
    //   (continuations, bound errors, the view's reassembly), the same cut at six lengths;
    // - PostgreSQL's message letters (results over many segments, the view's reassembled calls),
    //   MySQL's commands and responses, Redis's requests and replies;
    // - SNMP: the PDU's type and bindings, a version 1 trap's enterprise, version 3, cut before
    //   and inside its PDU, ICMP errors quoting a cut one;
    // - STUN and TURN over UDP: a coturn session, and every method, class and attribute Info
    //   shows, classic STUN and ChannelData, on 3478 and by the heuristic, cut inside each; over
    //   TCP: a coturn session, and messages split across segments and several in one, RFC 4571
    //   framing, the same cut by the snapshot length;
    // - SMTP's message data: DATA fragments, then IMF named from the whole message's headers and
    //   types (tests/data/smtp);
    // - SMB2 over NBSS: a Samba session (requests named by their handles' files, responses by
    //   their requests), SMB 3 encryption, port 139's session request, compounds, every error
    //   body, cuts at every field; SMB version 1 sessions, Unicode and OEM, and cut (tests/data/smb);
    // - TPKT on RDP's port: an xrdp session over TLS (TPKT's continuations), RDP's negotiation,
    //   COTP's TPDUs, MCS, fast-path PDUs, and the same cut (tests/data/rdp);
    // - HTTP on its port and by heuristic, and TLS, cut by short snapshot lengths: request lines
    //   cut, text and binary continuations, hellos cut before and after their version; SSH
    //   without its banners (tests/data/snaplen).
    // `limited`: how many rows at least end with the capture's exception (the cuts recorded).
    void applicationProtocolsAgree_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("oracle");
        QTest::addColumn<int>("limited");
        QTest::newRow("syslog") << "syslog/syslog.pcap" << "syslog" << 30;
        QTest::newRow("mqtt") << "mqtt/mqtt.pcap" << "mqtt" << 300;
        QTest::newRow("pgsql") << "sql/pgsql.pcap" << "pgsql" << 0;
        QTest::newRow("mysql") << "sql/mysql.pcap" << "mysql" << 0;
        QTest::newRow("redis") << "redis/resp.pcap" << "resp" << 0;
        QTest::newRow("snmp") << "snmp/snmp.pcap" << "snmp" << 300;
        QTest::newRow("ldap") << "ldap/ldap.pcap" << "ldap" << 50;
        QTest::newRow("cldap") << "ldap/cldap.pcap" << "cldap" << 10;
        QTest::newRow("kerberos") << "kerberos/kerberos.pcap" << "kerberos" << 50;
        QTest::newRow("memcache") << "memcache/memcache.pcap" << "memcache" << 30;
        QTest::newRow("bgp") << "bgp/bgp.pcap" << "bgp" << 10;
        QTest::newRow("irc") << "irc/irc.pcap" << "irc" << 5;
        QTest::newRow("stun-turn") << "stun/stun-turn.pcap" << "stun-turn" << 0;
        QTest::newRow("stun-crafted") << "stun/stun-crafted.pcap" << "stun-crafted" << 500;
        QTest::newRow("stun-turn-tcp") << "stun/stun-turn-tcp.pcap" << "stun-turn-tcp" << 0;
        QTest::newRow("stun-tcp") << "stun/stun-tcp.pcap" << "stun-tcp" << 2;
        QTest::newRow("rtsp-ffmpeg-record") << "rtsp/rtsp-ffmpeg-record.pcap" << "rtsp-ffmpeg-record" << 0;
        QTest::newRow("rtsp-server-perl") << "rtsp/rtsp-server-perl.pcap" << "rtsp-server-perl" << 0;
        QTest::newRow("rtsp-crafted") << "rtsp/rtsp-crafted.pcap" << "rtsp-crafted" << 150;
        QTest::newRow("amqp-pika") << "amqp/amqp-pika.pcap" << "amqp-pika" << 0;
        QTest::newRow("amqp-tools") << "amqp/amqp-tools.pcap" << "amqp-tools" << 0;
        QTest::newRow("amqp-crafted") << "amqp/amqp-crafted.pcap" << "amqp-crafted" << 40;
        QTest::newRow("xmpp-slixmpp") << "xmpp/xmpp-slixmpp.pcap" << "xmpp-slixmpp" << 0;
        QTest::newRow("xmpp-starttls") << "xmpp/xmpp-starttls.pcap" << "xmpp-starttls" << 0;
        QTest::newRow("xmpp-crafted") << "xmpp/xmpp-crafted.pcap" << "xmpp-crafted" << 7;
        QTest::newRow("tls-openssl-fragments") << "tls/tls-openssl-fragments.pcap" << "tls-openssl-fragments" << 0;
        QTest::newRow("tls-fragments") << "tls/tls-fragments.pcap" << "tls-fragments" << 3;
        QTest::newRow("sip-sipp-call") << "sip/sip-sipp-call.pcap" << "sip-sipp-call" << 0;
        QTest::newRow("sip-rtp-crafted") << "sip/sip-rtp-crafted.pcap" << "sip-rtp-crafted" << 1;
        QTest::newRow("sip-bodies") << "sip/sip-bodies.pcap" << "sip-bodies" << 0;
        QTest::newRow("sip-tcp") << "sip/sip-tcp.pcap" << "sip-tcp" << 0;
        QTest::newRow("smtp-smtplib") << "smtp/smtp-smtplib.pcap" << "smtp-smtplib" << 0;
        QTest::newRow("smtp-smtplib-cut100") << "smtp/smtp-smtplib-cut100.pcap" << "smtp-smtplib-cut100" << 0;
        QTest::newRow("smtp-imf-crafted") << "smtp/smtp-imf-crafted.pcap" << "smtp-imf-crafted" << 0;
        QTest::newRow("smb-smbclient") << "smb/smb-smbclient.pcap" << "smb-smbclient" << 0;
        QTest::newRow("smb-smbclient-cut200") << "smb/smb-smbclient-cut200.pcap" << "smb-smbclient-cut200" << 60;
        QTest::newRow("smb-encrypted") << "smb/smb-encrypted.pcap" << "smb-encrypted" << 0;
        QTest::newRow("smb-port139") << "smb/smb-port139.pcap" << "smb-port139" << 0;
        QTest::newRow("smb2-crafted") << "smb/smb2-crafted.pcap" << "smb2-crafted" << 120;
        QTest::newRow("smb1-nt1") << "smb/smb1-nt1.pcap" << "smb1-nt1" << 0;
        QTest::newRow("smb1-nt1-cut130") << "smb/smb1-nt1-cut130.pcap" << "smb1-nt1-cut130" << 20;
        QTest::newRow("smb1-big") << "smb/smb1-big.pcap" << "smb1-big" << 0;
        QTest::newRow("smb1-more") << "smb/smb1-more.pcap" << "smb1-more" << 0;
        QTest::newRow("smb1-oem") << "smb/smb1-oem.pcap" << "smb1-oem" << 0;
        QTest::newRow("smb1-port139") << "smb/smb1-port139.pcap" << "smb1-port139" << 0;
        QTest::newRow("smb1-negotiate-smb2") << "smb/smb1-negotiate-smb2.pcap" << "smb1-negotiate-smb2" << 0;
        QTest::newRow("rdp-xrdp-tls") << "rdp/rdp-xrdp-tls.pcap" << "rdp-xrdp-tls" << 0;
        QTest::newRow("rdp-crafted") << "rdp/rdp-crafted.pcap" << "rdp-crafted" << 0;
        QTest::newRow("rdp-crafted-cut60") << "rdp/rdp-crafted-cut60.pcap" << "rdp-crafted-cut60" << 5;
        QTest::newRow("rdp-mcs-data") << "rdp/rdp-mcs-data.pcap" << "rdp-mcs-data" << 0;
        QTest::newRow("http80-cut96") << "snaplen/http80-cut96.pcap" << "http80-cut96" << 17;
        QTest::newRow("http80-cut128") << "snaplen/http80-cut128.pcap" << "http80-cut128" << 17;
        QTest::newRow("http8000-cut68") << "snaplen/http8000-cut68.pcap" << "http8000-cut68" << 34;
        QTest::newRow("http8000-cut200") << "snaplen/http8000-cut200.pcap" << "http8000-cut200" << 16;
        QTest::newRow("tls-cut68") << "snaplen/tls-cut68.pcap" << "tls-cut68" << 41;
        QTest::newRow("tls-cut72") << "snaplen/tls-cut72.pcap" << "tls-cut72" << 35;
        QTest::newRow("tls-records-cut") << "snaplen/tls-records-cut.pcap" << "tls-records-cut" << 200;
        QTest::newRow("ssh-cut68") << "snaplen/ssh-cut68.pcap" << "ssh-cut68" << 100;
        QTest::newRow("ssh-cut96") << "snaplen/ssh-cut96.pcap" << "ssh-cut96" << 1;
        QTest::newRow("ssh-cut128") << "snaplen/ssh-cut128.pcap" << "ssh-cut128" << 1;
        QTest::newRow("sql-cut") << "snaplen/sql-cut.pcap" << "sql-cut" << 45;
        QTest::newRow("mixed-cut") << "snaplen/mixed-cut.pcap" << "mixed-cut" << 25;
        QTest::newRow("httplines") << "http/httplines.pcap" << "httplines" << 0;
        QTest::newRow("httplines-cut80") << "http/httplines-cut80.pcap" << "httplines-cut80" << 10;
        QTest::newRow("httpheaders") << "http/httpheaders.pcap" << "httpheaders" << 0;
        QTest::newRow("httpbodies") << "http/httpbodies.pcap" << "httpbodies" << 0;
        QTest::newRow("httpmedia") << "http/httpmedia.pcap" << "httpmedia" << 0;
        QTest::newRow("httpgaps") << "http/httpgaps.pcap" << "httpgaps" << 0;
    }
    void applicationProtocolsAgree()
    {
        QFETCH(QString, capture);
        QFETCH(QString, oracle);
        QFETCH(int, limited);
        const int cut = everyRowAsTshark(capture, "oracle/" + oracle + ".tsv");
        QVERIFY2(cut >= limited, qPrintable(QString::number(cut)));
        everyRowAsTshark(capture, "oracle/" + oracle + ".view.tsv", true);
        everyColumnAsTshark(capture, "oracle/" + oracle + ".tsv");
    }

    // A message with a large attachment: its name comes from the headers and parts the first MiB
    // holds (the rest is not kept), and the segments before its end are DATA fragments.
    void smtpMessageKeptBounded()
    {
        using namespace synflow;
        SmtpMessages messages;
        const auto learn = [&](uint64_t key, const std::string& text) {
            messages.learn(7, key, reinterpret_cast<const uint8_t*>(text.data()), text.size(), text.size());
        };
        learn(1, "MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
        learn(2, "From: a@example.org\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n\r\n"
                 "--B\r\nContent-Type: text/plain\r\n\r\nhello\r\n--B\r\nContent-Type: application/octet-stream\r\n\r\n");
        const std::string line(76, 'A');
        std::string attachment;
        while (attachment.size() < 2 * SmtpMessages::kKeptMax)
            attachment += line + "\r\n";
        learn(3, attachment);
        learn(4, "--B\r\nContent-Type: text/html\r\n\r\n<p>late</p>\r\n--B--\r\n.\r\n");
        QVERIFY(!messages.row(1));
        QCOMPARE(QString::fromStdString(messages.row(3)->info), QStringLiteral("C: DATA fragment, %1 bytes").arg(attachment.size()));
        QVERIFY(messages.row(4)->ends);
        // The HTML part starts past the first MiB: not named (tshark, gathering all, would add it).
        QCOMPARE(QString::fromStdString(messages.row(4)->info), QStringLiteral("from: a@example.org, subject: big,  (text/plain)"));
    }

    // DNS over TCP whose segments and messages do not line up (our own lo-dnstcp capture): the
    // Info of every DNS row, not only the TCP ones, is tshark's: the last message of a segment,
    // a message cut short, and one that starts after the end of a continued one.
    void dnsOverTcpRowsAgree()
    {
        const QDir data(QStringLiteral(SYNFLOW_TEST_DATA));
        TsvTable oracleTable, ours;
        QVERIFY(readTsvFile(data.filePath("oracle/lo-dnstcp-ng.tsv"), oracleTable));
        QString error;
        QVERIFY2(runFields(data.filePath("lo-dnstcp.pcapng"), ours, error), qPrintable(error));
        const int proto = oracleTable.header.indexOf("_ws.col.Protocol"), info = oracleTable.header.indexOf("_ws.col.Info");
        const int ourInfo = ours.header.indexOf("_ws.col.Info");
        int dnsRows = 0, cut = 0;
        for (const auto& [frame, row] : oracleTable.rows) {
            if (row.value(proto) != "DNS")
                continue;
            ++dnsRows;
            cut += row.value(info).endsWith("[BoundErrorUnreassembled Packet]");
            QCOMPARE(ours.rows.at(frame).value(ourInfo), row.value(info));
        }
        QCOMPARE(dnsRows, 3);
        QCOMPARE(cut, 2);
    }

    // A DNS message cut anywhere (the fragment's end, a snapshot length): what Info says is
    // what tshark writes before its exception, so a prefix of the whole message's Info, and the
    // cut is reported unless only bytes tshark never reads (past the last record) are lost.
    void dnsInfoOfEveryCut()
    {
        using namespace synflow;
        CaptureFile file;
        std::string error;
        QVERIFY2(file.open(QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("dnsrecords.pcap").toStdString(), error), error.c_str());
        file.indexAll();
        int messages = 0;
        for (size_t i = 0; i < file.packetCount(); ++i) {
            const DecodedPacket d = file.decode(i);
            const uint8_t* p = d.at(d.transportOffset + 8);
            const size_t n = d.transportCaptured - 8;
            std::string whole;
            if (!appendDnsInfo(whole, p, n))
                continue; // cut already: its own cuts prove nothing more
            ++messages;
            for (size_t cut = 0; cut < n; ++cut) {
                const std::vector<uint8_t> part(p, p + cut); // its own buffer: ASan sees any read past it
                std::string info;
                const bool complete = appendDnsInfo(info, part.data(), part.size());
                QVERIFY2(whole.starts_with(info), qPrintable(QStringLiteral("frame %1 cut at %2: '%3' of '%4'")
                                                                 .arg(i + 1).arg(cut).arg(QString::fromStdString(info), QString::fromStdString(whole))));
                QVERIFY2(complete == (info == whole && cut >= 12), qPrintable(QStringLiteral("frame %1 cut at %2").arg(i + 1).arg(cut)));
            }
        }
        QVERIFY2(messages > 60, qPrintable(QString::number(messages)));
    }

    // tshark's "[Continuation to #N]" on a MySQL stream: seq-keyed per direction, judged with
    // everything learned (second pass), retransmissions announce nothing but still get the prefix.
    void continuationFollowsAnnouncedMessages()
    {
        using namespace synflow;
        std::vector<uint8_t> first(100, 0), inside(100, 0x55), spanning(200, 0);
        first[0] = 0xe4, first[1] = 0x03;            // MySQL length 996: a 1000-byte message from seq 1
        spanning[100] = 146;                         // ends at 1001; then a 150-byte message, 100 bytes here
        const std::vector<std::vector<uint8_t>> frames = {
            segment(40000, 3306, 1001, first), segment(40000, 3306, 1101, inside), segment(40000, 3306, 1901, spanning),
            segment(40000, 3306, 1101, inside), segment(3306, 40000, 5101, inside)};
        const std::vector<TcpPacketAnalysis> as = {at(1), at(101), at(901), at(101, TcpRetransmission), at(101)};
        PduContinuations pdus;
        std::vector<DecodedPacket> ds;
        for (const auto& f : frames)
            ds.push_back(decodePacket(1, f));
        for (uint32_t i = 0; i < ds.size(); ++i)
            pdus.learn(i, ds[i], as[i], ConversationProtocols::Learned);
        const auto find = [&](int i) { return pdus.find(ds[i], as[i]); };
        QCOMPARE(find(0).continuationTo, 0u);
        QCOMPARE(find(1).continuationTo, 1u);
        QVERIFY(find(1).inside);
        QCOMPARE(find(2).continuationTo, 0u); // runs past the end: dissected from the next message, no prefix
        QVERIFY(!find(2).inside);
        QCOMPARE(find(2).start, 100u);
        QCOMPARE(find(3).continuationTo, 1u); // the retransmission
        QCOMPARE(find(4).continuationTo, 0u); // the other direction
        const TcpPacketAnalysis later = at(1101); // inside the second message, announced by frame 3
        const auto bytes = segment(40000, 3306, 2201, {1, 2, 3});
        const DecodedPacket d = decodePacket(1, bytes);
        QCOMPARE(pdus.find(d, later).continuationTo, 3u);
        QCOMPARE(pdus.find(d, at(1151)).continuationTo, 0u); // past it
    }

    // The LBMSRS heuristic: loopback only, a known RSocket frame type, an SRS message id.
    void lbmsrsHeuristic()
    {
        using namespace synflow;
        const auto looks = [](std::vector<uint8_t> p, bool loopback = true) {
            const auto f = segment(50000, 50001, 1, p, loopback);
            const DecodedPacket d = decodePacket(1, f);
            return looksLikeLbmsrs(d, d.at(d.transportOffset + 20), p.size());
        };
        QVERIFY(looks({0x72, 0x12, 0x83, 0x0a, 0x1c, 0xf9, 0xd6, 0xfe}));          // EXT: any stream
        QVERIFY(!looks({0x72, 0x12, 0x83, 0x0a, 0x1c, 0xf9, 0xd6, 0xfe}, false)); // not to or from 127.0.0.1
        QVERIFY(!looks({0, 0, 9, 0, 0, 0, 1, 0x04}));                              // SETUP on a non-zero stream
        QVERIFY(looks({0, 0, 9, 0, 0, 0, 0, 0x04}));
        QVERIFY(looks({0, 0, 9, 0, 0, 0, 1, 0x28, 0, 0, 4, 0}));                   // PAYLOAD, SRS_SRC_INFO
        QVERIFY(!looks({0, 0, 9, 0, 0, 0, 1, 0x28, 0, 0, 13, 0}));                 // unknown message id
        QVERIFY(!looks({0, 0, 9, 0, 0, 0, 1, 0x08, 0, 0, 4, 0}));                  // LEASE
        QVERIFY(!looks({0, 0, 9, 0, 0, 0, 1}));                                    // too short
    }

    // WireGuard on any UDP port no dissector claims, by its message type and length (crafted
    // datagrams, checked against tshark 4.0).
    void wireguardHeuristic()
    {
        using namespace synflow;
        const auto row = [](uint16_t dport, std::vector<uint8_t> head, size_t size) {
            head.resize(size, 0);
            const auto f = datagram(40000, dport, head);
            const ProtocolSummary s = summarizeProtocol(decodePacket(1, f), PacketRecord{});
            return s.protocol + " | " + s.info;
        };
        const std::vector<uint8_t> init = {1, 0, 0, 0, 0x44, 0x33, 0x22, 0x11};
        QCOMPARE(row(5000, init, 148), std::string("WireGuard | Handshake Initiation, sender=0x11223344"));
        QCOMPARE(row(5000, init, 149), std::string("UDP | 40000 \xe2\x86\x92 5000 Len=149")); // not its length
        QCOMPARE(row(5000, {2, 0, 0, 0, 1, 0, 0, 0, 2}, 92),
                 std::string("WireGuard | Handshake Response, sender=0x00000001, receiver=0x00000002"));
        QCOMPARE(row(5000, {3, 0, 0, 0, 3}, 64), std::string("WireGuard | Cookie Reply, receiver=0x00000003"));
        QCOMPARE(row(5000, {4, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 32),
                 std::string("WireGuard | Keepalive, receiver=0x00000004, counter=1099511627776"));
        QCOMPARE(row(443, {4, 0, 0, 0, 4, 0, 0, 0, 9}, 40),
                 std::string("WireGuard | Transport Data, receiver=0x00000004, counter=9, datalen=8"));
        QCOMPARE(row(5000, {4, 0, 0, 0, 4, 0, 0, 0, 9}, 31), std::string("UDP | 40000 \xe2\x86\x92 5000 Len=31"));
        QCOMPARE(row(5000, {5}, 148), std::string("UDP | 40000 \xe2\x86\x92 5000 Len=148"));
        QVERIFY(row(53, {4, 0, 0, 0, 4, 0, 0, 0, 9}, 40).starts_with("DNS")); // a port's dissector comes first
        // Cut by the snapshot length after its type: named by its length, fields not read.
        std::vector<uint8_t> data = {4, 0, 0, 0, 4, 0, 0, 0, 9};
        data.resize(40, 0);
        const auto whole = datagram(40000, 6000, data);
        const std::vector<uint8_t> cut(whole.begin(), whole.begin() + 42 + 6);
        const ProtocolSummary s = summarizeProtocol(decodePacket(1, cut, uint32_t(whole.size())), PacketRecord{});
        QCOMPARE(s.protocol + " | " + s.info, std::string("WireGuard | Transport Data[Packet size limited during capture]"));
    }

    // TLS records as tshark names them (crafted segments, checked against tshark 4.0): a handshake
    // record after its side's ChangeCipherSpec is encrypted, except in TLS 1.3; a 2-byte alert is
    // read; every record is listed; a ServerHello with the retry random is a Hello Retry Request.
    void tlsRecordsAfterKeyChange()
    {
        using namespace synflow;
        const auto record = [](uint8_t type, std::vector<uint8_t> body) {
            std::vector<uint8_t> r = {type, 3, 3, uint8_t(body.size() >> 8), uint8_t(body.size())};
            r.insert(r.end(), body.begin(), body.end());
            return r;
        };
        const auto handshake = [](uint8_t type, std::vector<uint8_t> body) {
            std::vector<uint8_t> h = {type, 0, uint8_t(body.size() >> 8), uint8_t(body.size())};
            h.insert(h.end(), body.begin(), body.end());
            return h;
        };
        const auto info = [](std::vector<uint8_t> payload, uint8_t minor, uint32_t flags = 0) {
            const auto f = segment(40000, 443, 1, payload);
            const DecodedPacket d = decodePacket(1, f);
            const PacketRecord rec;
            const uint8_t kind = uint8_t(ConversationProtocols::Learned | ConversationProtocols::TlsBase | minor);
            ProtocolSummary s = summarizeProtocol(d, rec, flags, kind);
            return s.info;
        };
        const auto concat = [](std::initializer_list<std::vector<uint8_t>> parts) {
            std::vector<uint8_t> out;
            for (const auto& p : parts)
                out.insert(out.end(), p.begin(), p.end());
            return out;
        };
        const std::vector<uint8_t> ccs = record(20, {1});
        // An AES-GCM Finished: explicit nonce 0 reads as an empty Hello Request if taken as clear.
        const std::vector<uint8_t> finished = record(22, std::vector<uint8_t>(40, 0));
        QCOMPARE(info(concat({ccs, finished}), 3), std::string("Change Cipher Spec, Encrypted Handshake Message"));
        std::vector<uint8_t> hello(38, 0x11);
        hello[0] = 3, hello[1] = 3;
        QCOMPARE(info(concat({ccs, record(22, handshake(1, hello))}), 4), std::string("Change Cipher Spec, Client Hello"));
        QCOMPARE(info(record(21, {2, 40}), 4), std::string("Alert (Level: Fatal, Description: Handshake Failure)"));
        QCOMPARE(info(record(21, std::vector<uint8_t>(26, 7)), 3), std::string("Encrypted Alert"));
        const std::vector<uint8_t> data = record(23, std::vector<uint8_t>(30, 9));
        QCOMPARE(info(concat({data, data}), 3), std::string("Application Data, Application Data"));
        std::vector<uint8_t> retry = {3, 3, 0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
                                      0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c, 0};
        QCOMPARE(info(concat({record(22, handshake(2, retry)), ccs}), 4), std::string("Hello Retry Request, Change Cipher Spec"));
        retry[2] = 0;
        QCOMPARE(info(record(22, handshake(2, retry)), 4), std::string("Server Hello"));
    }

    // TCP's analysis tags stay in front of an application's Info: TLS appends its records after
    // a separator, HTTP sets its line after them (as in the view oracles).
    void analysisTagsBeforeApplicationInfo()
    {
        using namespace synflow;
        const auto view = [](uint16_t port, const std::string& text, uint32_t flags) {
            const auto f = segment(40000, port, 1, std::vector<uint8_t>(text.begin(), text.end()));
            const DecodedPacket d = decodePacket(1, f);
            const PacketRecord rec;
            const TcpPacketAnalysis a = at(1, flags);
            return summarizeFrameView(0, d, rec, &a, nullptr, true).info;
        };
        const std::string hello = std::string("\x16\x03\x01\x00\x08", 5) + std::string("\x01\x00\x00\x04\x03\x03\x00\x00", 8);
        QCOMPARE(view(443, hello, TcpZeroWindow), std::string("[TCP ZeroWindow] , Client Hello"));
        QCOMPARE(view(443, hello, 0), std::string("Client Hello"));
        QCOMPARE(view(80, "GET / HTTP/1.1\r\n\r\n", TcpLostSegment), std::string("[TCP Previous segment not captured] GET / HTTP/1.1 "));
    }

    // X11 segments read on their own (crafted, the same bytes as in tests/data/x11/x11messages.pcap,
    // whose oracle holds tshark 4.0's Info): requests named by opcode, events (a sent one, one X11
    // does not define), the snapshot length stopping X11 (before anything was written, TCP's Info
    // stays), a request longer than its segment, BIG-REQUESTS' zero length, two X11 ports.
    void x11Segments()
    {
        using namespace synflow;
        const auto summary = [](uint16_t sport, uint16_t dport, const std::vector<uint8_t>& payload, size_t captured = 0) {
            auto f = segment(sport, dport, 1, payload);
            const uint32_t wire = uint32_t(f.size());
            if (captured)
                f.resize(54 + captured); // the snapshot length
            const DecodedPacket d = decodePacket(1, f, wire);
            const PacketRecord rec;
            const ProtocolSummary s = summarizeProtocol(d, rec);
            return s.protocol + (s.keepsTcpInfo ? " [TCP Info] " : " ") + s.info;
        };
        const std::vector<uint8_t> internAtom = {16, 0, 4, 0, 7, 0, 0, 0, 'W', 'M', '_', 'N', 'A', 'M', 'E', 0};
        const auto mapWindow = x11(true, {8}, 2, 4), getInputFocus = x11(true, {43}, 1);
        QCOMPARE(summary(40001, 6000, concat({internAtom, getInputFocus, mapWindow})),
                 std::string("X11 Requests: InternAtom, GetInputFocus, MapWindow"));
        QCOMPARE(summary(6000, 40001, concat({x11Message(true, 0x80 | 33, 0, 0), x11Message(true, 90, 0, 0), x11Message(true, 2, 0, 0)})),
                 std::string("X11 Event: Sent-ClientMessage, <Unknown eventcode 90>, KeyPress"));
        const auto createPixmap = x11(true, {53}, 4, 12);
        QCOMPARE(summary(40010, 6000, concat({getInputFocus, createPixmap}), 4 + 6),
                 std::string("X11 Requests: GetInputFocus[Packet size limited during capture]"));
        QCOMPARE(summary(40010, 6000, createPixmap, 8), std::string("X11 [TCP Info] [Packet size limited during capture]"));
        QCOMPARE(summary(40010, 6000, x11(true, {72}, 100, 36)), std::string("X11 Requests: PutImage[BoundErrorUnreassembled Packet]"));
        QCOMPARE(summary(40010, 6000, x11(true, {43}, 3, 4)), std::string("X11 Requests: GetInputFocus")); // nothing read past it
        QCOMPARE(summary(40020, 6000, std::vector<uint8_t>{43, 0, 0, 0, 0, 0, 0, 0}), std::string("X11 [TCP Info] "));
        QCOMPARE(summary(40020, 6000, concat({{0, 0, 0, 0, 2, 0, 0, 0}, getInputFocus})),
                 std::string("X11 Requests: <Unknown opcode 0>, GetInputFocus"));
        QCOMPARE(summary(6010, 6005, getInputFocus), std::string("X11 Requests: GetInputFocus"));
        QCOMPARE(summary(6005, 6010, x11Message(true, 2, 0, 0)), std::string("X11 Event: KeyPress"));
        QCOMPARE(x11RequestName(40), "TranslateCoordinates");
        QCOMPARE(x11RequestName(128), nullptr);
    }

    // What the conversation said before names a message, as in tshark's second pass: a reply by
    // the request its sequence number answers, an extension's requests by the name its
    // QueryExtension asked for (requests before the reply too), and after a connection setup
    // the second pass's counter stays at 0, so that an event before any request that expects a
    // reply is read as the setup's reply (tests/data/x11/x11messages.pcap, frames 13-19; the
    // extension's bytes checked the same way).
    void x11Conversation()
    {
        using namespace synflow;
        struct Frame {
            bool fromServer;
            std::vector<uint8_t> payload;
        };
        const auto run = [](const std::vector<Frame>& frames) {
            X11Conversations x;
            for (size_t i = 0; i < frames.size(); ++i)
                x.learn(7, i, frames[i].fromServer, frames[i].payload.data(), frames[i].payload.size(), frames[i].payload.size());
            std::vector<std::string> infos;
            for (size_t i = 0; i < frames.size(); ++i) {
                const X11Summary s = x.summary(7, i, frames[i].fromServer, frames[i].payload.data(), frames[i].payload.size(),
                                               frames[i].payload.size());
                infos.push_back(s.ownInfo ? s.info : "TCP" + s.info);
            }
            return infos;
        };
        const std::vector<uint8_t> setupBe = {'B', 0, 0, 11, 0, 0, 0, 18, 0, 16, 0, 0, 'M', 'I', 'T', '-', 'M', 'A', 'G', 'I', 'C', '-',
                                              'C', 'O', 'O', 'K', 'I', 'E', '-', '1', 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                                              13, 14, 15};
        const std::vector<uint8_t> accepted = {1, 0, 0, 11, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0};
        const std::vector<std::string> be = run({{false, setupBe},
                                                 {true, accepted},
                                                 {false, x11(false, {8}, 2, 4)},
                                                 {true, x11Message(false, 12, 0, 1)},
                                                 {false, x11(false, {43}, 1)},
                                                 {true, concat({x11Message(false, 12, 0, 2), x11Message(false, 1, 0, 2)})},
                                                 {true, x11Message(false, 12, 0, 2)}});
        const std::vector<std::string> tshark = {"Initial connection request", "Initial connection reply[BoundErrorUnreassembled Packet]",
                                                 "Requests: MapWindow", "Initial connection reply[BoundErrorUnreassembled Packet]",
                                                 "Requests: GetInputFocus", "Event: Expose, GetInputFocus", "Event: Expose"};
        QCOMPARE(be, tshark);

        std::vector<uint8_t> query = {98, 0, 5, 0, 12, 0, 0, 0};
        for (char c : std::string("SYNFLOW-TEST"))
            query.push_back(uint8_t(c));
        auto queried = x11Message(true, 1, 0, 3);
        queried[8] = 1, queried[9] = 139; // present, major opcode 139
        const std::vector<std::string> ext = run({{false, concat({x11(true, {43}, 1), x11(true, {139}, 1), query})},
                                                  {true, queried},
                                                  {false, concat({x11(true, {139, 1}, 1), x11(true, {200, 3}, 1)})},
                                                  {true, concat({x11Message(true, 1, 0, 4), x11Message(true, 1, 0, 5), x11Message(true, 1, 0, 99)})}});
        QCOMPARE(ext[0], std::string("Requests: GetInputFocus, SYNFLOW-TEST, QueryExtension"));
        QCOMPARE(ext[1], std::string("Reply: QueryExtension"));
        QCOMPARE(ext[2], std::string("Requests: SYNFLOW-TEST, <Unknown opcode 200>"));
        QCOMPARE(ext[3], std::string("Reply: SYNFLOW-TEST, <Unknown opcode 200>, to unknown request"));
    }

    // MySQL's connection phase (crafted, checked against tshark 4.0): the login names its user
    // and, with CLIENT_CONNECT_WITH_DB, the database after the length-prefixed password.
    void mysqlLogin()
    {
        using namespace synflow;
        std::vector<uint8_t> p = {0, 0, 0, 1, 0x08 | 0x01, 0x80, 0, 0, 0, 0, 0, 1, 33};
        p.resize(4 + 32, 0);
        for (char c : std::string("root"))
            p.push_back(uint8_t(c));
        p.push_back(0);
        p.push_back(2), p.push_back(0xaa), p.push_back(0xbb); // the password, its length first
        for (char c : std::string("mydb"))
            p.push_back(uint8_t(c));
        p.push_back(0);
        p[0] = uint8_t(p.size() - 4);
        const auto f = segment(40000, 3306, 1, p);
        const DecodedPacket d = decodePacket(1, f);
        const PacketRecord rec;
        QCOMPARE(summarizeProtocol(d, rec, 0, ConversationProtocols::Learned).info, std::string("Login Request user=root db=mydb "));
    }
};

QTEST_GUILESS_MAIN(TestProtocolColumn)
#include "tst_protocolcolumn.moc"
