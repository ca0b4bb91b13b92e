// core/stats/protocolhierarchy against tshark: the io,phs report of every capture (tests/data
// and the shared ones), printed by appendPhsText, equal to tshark's line for line once tshark's
// _ws.* expert nodes are set aside; the captures that still differ are listed with the reason in
// phs-differences.tsv (and must still differ, so the list stays true). The same with TCP
// reassembly on (tshark's default, what synflow-cli phs and the window count), against
// phs-differences-desegmented.tsv.
#include "common/tsharkstats.h"

#include "analysis/analysedcapture.h"
#include "filter/displayfilter.h"
#include "stats/protocolhierarchy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtTest>

using namespace synflow;
using namespace synflow::test;

namespace {

// tshark's report without its _ws.malformed / _ws.short / _ws.unreassembled nodes and what
// hangs below them (their frames are counted in the node above them too).
QByteArray withoutExpertNodes(const QByteArray& report)
{
    QByteArray out;
    int skipBelow = -1;
    for (const QByteArray& line : report.split('\n')) {
        int lead = 0;
        while (lead < line.size() && line[lead] == ' ')
            ++lead;
        if (skipBelow >= 0 && lead > skipBelow && !line.trimmed().isEmpty() && !line.startsWith('='))
            continue;
        skipBelow = -1;
        if (line.mid(lead).startsWith("_ws.")) {
            skipBelow = lead;
            continue;
        }
        out += line + '\n';
    }
    out.chop(1);
    return out;
}

// One io,phs report out of tshark's output (which prints the taps' reports last given first),
// from its blank line to its closing rule.
QByteArray report(const QByteArray& tshark, const QByteArray& filter)
{
    const QByteArray rule(67, '=');
    const qsizetype title = tshark.indexOf("\n" + rule + "\nProtocol Hierarchy Statistics\nFilter: " + filter + "\n");
    if (title < 0)
        return {};
    const qsizetype end = tshark.indexOf("\n" + rule + "\n", title + 1);
    return end < 0 ? QByteArray() : tshark.mid(title, end + rule.size() + 2 - title);
}

QMap<QString, QString> knownDifferences(bool desegment = false)
{
    QMap<QString, QString> out;
    QFile f(desegment ? QStringLiteral(PHS_DESEGMENTED_DIFFERENCES) : QStringLiteral(PHS_DIFFERENCES));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (!line.startsWith('#') && line.contains('\t'))
            out.insert(QString::fromUtf8(line.left(line.indexOf('\t'))), QString::fromUtf8(line.mid(line.indexOf('\t') + 1)));
    return out;
}

QByteArray ours(const QString& capture, const char* filterText = "", bool desegment = false)
{
    AnalysedCapture ac;
    std::string error;
    if (!ac.open(capture.toStdString(), error))
        return {};
    ac.analyse();
    std::vector<uint8_t> shown;
    DisplayFilter filter;
    if (*filterText) {
        if (!filter.compile(filterText, error))
            return {};
        shown = filterFrames(filter, ac);
    }
    std::string out;
    appendPhsText(out, computeProtocolHierarchy(ac, *filterText ? &shown : nullptr, nullptr, desegment), filterText);
    return QByteArray(out.data(), qsizetype(out.size()));
}

} // namespace

class TestPhsOracle : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (tsharkProgram().isEmpty())
            QSKIP("tshark is not on PATH (packaging/build-deps.txt installs it)");
        QVERIFY2(!knownDifferences().isEmpty(), PHS_DIFFERENCES);
        QVERIFY2(!knownDifferences(true).isEmpty(), PHS_DESEGMENTED_DIFFERENCES);
    }

    void equalsTshark_data()
    {
        QTest::addColumn<QString>("capture");
        for (const auto& [name, path] : statsCaptures())
            QTest::newRow(qPrintable(name)) << path;
        // GTP, GTPv2 and GTP' layers (tests/data/make-gtpmessages.py).
        QTest::newRow("gtpmessages.pcap") << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("gtp/gtpmessages.pcap");
        // STUN, classic STUN and ChannelData's data, a layer per message over TCP; UDP payloads cut where
        // heuristics read (tests/data/stun).
        QTest::newRow("stun-turn.pcap") << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("stun/stun-turn.pcap");
        QTest::newRow("stun-crafted.pcap") << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("stun/stun-crafted.pcap");
        QTest::newRow("stun-turn-tcp.pcap") << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("stun/stun-turn-tcp.pcap");
        QTest::newRow("stun-tcp.pcap") << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("stun/stun-tcp.pcap");
        // AMQP 0-9-1: a layer per frame (tests/data/amqp).
        for (const char* name : {"amqp-pika.pcap", "amqp-tools.pcap", "amqp-crafted.pcap"})
            QTest::newRow(name) << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("amqp/") + name);
        // XMPP: one layer, the XML reader's hidden; bytes it waits on no data; after STARTTLS, TLS (tests/data/xmpp).
        for (const char* name : {"xmpp-slixmpp.pcap", "xmpp-starttls.pcap", "xmpp-crafted.pcap"})
            QTest::newRow(name) << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("xmpp/") + name);
        // TLS handshake messages gathered across records (tests/data/tls).
        QTest::newRow("tls-openssl-fragments.pcap") << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("tls/tls-openssl-fragments.pcap");
        // RTP and RTCP on the ports SIP's SDP announced; SDP itself is no layer, nor any other body
        // SIP reads; SIP over TCP, a layer per message (tests/data/sip).
        for (const char* name : {"sip-sipp-call.pcap", "sip-rtp-crafted.pcap", "sip-bodies.pcap", "sip-tcp.pcap"})
            QTest::newRow(name) << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("sip/") + name);
        // SMTP's message data: smtp, then imf where the message ends (tests/data/smtp).
        for (const char* name : {"smtp-smtplib.pcap", "smtp-smtplib-cut100.pcap", "smtp-imf-crafted.pcap"})
            QTest::newRow(name) << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("smtp/") + name);
        // CLDAP: one layer, and the node of the exception that stopped it (tests/data/ldap).
        QTest::newRow("cldap.pcap") << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("ldap/cldap.pcap");
        // NBSS, SMB2 and SMB: a layer per NBSS message and per chained command, data, exceptions (tests/data/smb).
        for (const char* name : {"smb-smbclient.pcap", "smb-smbclient-cut200.pcap", "smb-encrypted.pcap", "smb-port139.pcap",
                                 "smb2-crafted.pcap", "smb1-nt1.pcap", "smb1-nt1-cut130.pcap", "smb1-big.pcap", "smb1-more.pcap", "smb1-oem.pcap",
                                 "smb1-port139.pcap", "smb1-negotiate-smb2.pcap"})
            QTest::newRow(name) << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("smb/") + name);
        // TPKT on RDP's port: a layer per PDU (COTP, T.125, T.124, RDP), fast-path RDP under TCP (tests/data/rdp).
        for (const char* name : {"rdp-xrdp-tls.pcap", "rdp-crafted.pcap", "rdp-crafted-cut60.pcap", "rdp-mcs-data.pcap"})
            QTest::newRow(name) << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("rdp/") + name);
        // Segments and datagrams the snapshot length cut: the exception's node where the reading
        // stopped, under the protocol, TCP or UDP; MySQL's and DRDA's layer per PDU (tests/data/snaplen).
        for (const char* name : {"http80-cut96.pcap", "http80-cut128.pcap", "http8000-cut68.pcap", "http8000-cut200.pcap", "tls-cut68.pcap",
                                 "tls-cut72.pcap", "tls-records-cut.pcap", "ssh-cut68.pcap", "ssh-cut96.pcap", "ssh-cut128.pcap", "sql-cut.pcap", "mixed-cut.pcap"})
            QTest::newRow(name) << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("snaplen/") + name);
        // HTTP's lines ended by LF or CR, data before and after requests read or not, requests
        // acknowledged before they arrived, several messages in a segment; all of it cut; bodies
        // as the media dissectors take them (image types, heuristics, inflating, continuations);
        // the media type table's dissectors, multipart parts; replies with segments never
        // captured, resent or not (tests/data/make-httplines.py).
        for (const char* name : {"httplines.pcap", "httplines-cut80.pcap", "httpbodies.pcap", "httpmedia.pcap", "httpgaps.pcap"})
            QTest::newRow(name) << QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("http/") + name);
    }
    void equalsTshark() { compareWithTshark(false); }

    void desegmentedEqualsTshark_data() { equalsTshark_data(); }
    void desegmentedEqualsTshark() { compareWithTshark(true); }

    // Large captures are counted in runs, one per core, merged in order: at every split the
    // merged tree must be the one a single pass makes (counts, ends, children's order).
    void mergedRunsEqualOnePass()
    {
        const std::vector<std::vector<const char*>> frames = {
            {"eth", "ip", "tcp"}, {"eth", "ip", "tcp", "http"}, {"eth", "arp"}, {"eth", "ipv6", "udp", "dns"},
            {"eth", "ip", "udp", "dns"}, {"eth", "ip", "tcp", "tls"}, {"eth", "vlan", "ip", "tcp"}, {"eth", "ip", "tcp", "http", "json"},
            {"sll", "ip", "icmp"}, {"eth", "ip", "tcp", "tls"}};
        ProtocolHierarchy single;
        for (size_t i = 0; i < frames.size(); ++i)
            single.add(frames[i], 60 + i);
        std::string expected;
        appendPhsText(expected, single);
        for (size_t split = 0; split <= frames.size(); ++split) {
            ProtocolHierarchy early, late;
            for (size_t i = 0; i < frames.size(); ++i)
                (i < split ? early : late).add(frames[i], 60 + i);
            early.merge(late);
            std::string got;
            appendPhsText(got, early);
            QCOMPARE(QString::fromStdString(got), QString::fromStdString(expected));
            QCOMPARE(early.nodes.size(), single.nodes.size());
            for (size_t n = 0; n < single.nodes.size(); ++n) {
                QCOMPARE(early.nodes[n].endFrames, single.nodes[n].endFrames);
                QCOMPARE(early.nodes[n].endBytes, single.nodes[n].endBytes);
            }
        }
    }

private:
    static void compareWithTshark(bool desegment)
    {
        QFETCH(QString, capture);
        // One tshark run: the whole capture, then the TCP packets only ("limit to display filter").
        const QByteArray tshark = runTsharkStats(capture, {QStringLiteral("io,phs"), QStringLiteral("io,phs,tcp")}, desegment);
        const QByteArray rawWhole = report(tshark, ""), rawTcp = report(tshark, "tcp");
        const QByteArray whole = withoutExpertNodes(rawWhole), tcpOnly = withoutExpertNodes(rawTcp);
        QVERIFY2(!whole.isEmpty() && !tcpOnly.isEmpty(), "tshark printed no io,phs report");
        const QByteArray rawMine = ours(capture, "", desegment), rawMineTcp = ours(capture, "tcp", desegment);
        if (rawMine == rawWhole && rawMineTcp == rawTcp)
            return; // equal whole, the _ws.malformed of TCP reassembly errors included
        // We print _ws.malformed for TCP's reassembly errors only; tshark's other _ws.* nodes are
        // a documented class, so both sides are compared without them.
        const QByteArray mine = withoutExpertNodes(rawMine), mineTcp = withoutExpertNodes(rawMineTcp);
        const QString name = QFileInfo(capture).fileName();
        const auto known = knownDifferences(desegment);
        if (known.contains(name)) {
            QVERIFY2(mine != whole, qPrintable(name + " agrees with tshark now: take it out of " +
                                               QFileInfo(desegment ? PHS_DESEGMENTED_DIFFERENCES : PHS_DIFFERENCES).fileName()));
            qInfo("%s differs as documented: %s", qPrintable(name), qPrintable(known[name]));
            return;
        }
        QCOMPARE(QString::fromUtf8(mine), QString::fromUtf8(whole));
        QCOMPARE(QString::fromUtf8(mineTcp), QString::fromUtf8(tcpOnly));
    }
};

QTEST_GUILESS_MAIN(TestPhsOracle)
#include "tst_phsoracle.moc"
