// TCP reassembly of application messages (core/proto/pdureassembly, desegmentedview): where
// messages end across segments, what each segment then shows, and what is kept.
#include "decode/packetdecoder.h"
#include "proto/conversationprotocols.h"
#include "proto/desegmentedview.h"
#include "proto/protocolsummary.h"
#include "proto/pdureassembly.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace synflow;

namespace {

// A 2-byte big-endian length, then that many bytes (DNS over TCP without its +2).
class LengthFramer final : public PduFramer {
public:
    PduFraming begin(const uint8_t* p, size_t n, uint8_t& protocol) const override
    {
        protocol = 7;
        return more(protocol, p, n);
    }
    PduFraming more(uint8_t, const uint8_t* p, size_t n) const override
    {
        if (n < 2)
            return {PduFraming::NeedMore, 0};
        return {PduFraming::Length, (uint32_t(p[0]) << 8 | p[1]) + 2u};
    }
};

struct Feed {
    PduReassembly r;
    LengthFramer framer;
    std::vector<std::string> keep; // the segments' bytes live as long as the test
    PduReassembly::Outcome add(uint32_t frame, uint32_t seq, std::string data, bool fin = false, uint8_t direction = 0)
    {
        keep.push_back(std::move(data));
        PduReassembly::Segment s;
        s.frame = frame;
        s.direction = direction;
        s.seq = seq;
        s.data = reinterpret_cast<const uint8_t*>(keep.back().data());
        s.len = uint32_t(keep.back().size());
        s.fin = fin;
        return r.add(s, framer);
    }
};

std::string message(size_t bodyLen, char fill = 'x')
{
    std::string m(2, '\0');
    m[0] = char(bodyLen >> 8), m[1] = char(bodyLen);
    return m + std::string(bodyLen, fill);
}

// An Ethernet/IPv4/TCP [PSH, ACK] segment from port `sport` to `dport`.
std::vector<uint8_t> segment(uint16_t sport, uint16_t dport, uint32_t seq, const std::string& payload, uint8_t flags = 0x18)
{
    std::vector<uint8_t> f(14 + 20 + 20 + payload.size(), 0);
    f[12] = 0x08;
    uint8_t* ip = f.data() + 14;
    const size_t total = 40 + payload.size();
    ip[0] = 0x45, ip[2] = uint8_t(total >> 8), ip[3] = uint8_t(total), ip[8] = 64, ip[9] = 6;
    ip[12] = 10, ip[15] = 1, ip[16] = 10, ip[19] = 2;
    uint8_t* t = ip + 20;
    t[0] = uint8_t(sport >> 8), t[1] = uint8_t(sport), t[2] = uint8_t(dport >> 8), t[3] = uint8_t(dport);
    t[4] = uint8_t(seq >> 24), t[5] = uint8_t(seq >> 16), t[6] = uint8_t(seq >> 8), t[7] = uint8_t(seq);
    t[12] = 0x50, t[13] = flags, t[14] = 0xff;
    std::copy(payload.begin(), payload.end(), f.begin() + 54);
    return f;
}

TcpPacketAnalysis at(uint32_t seq, uint32_t flags = 0)
{
    TcpPacketAnalysis a;
    a.valid = true;
    a.seq = seq;
    a.flags = flags;
    return a;
}

} // namespace

class TestPduReassembly : public QObject {
    Q_OBJECT
private slots:
    void messageAcrossSegments()
    {
        Feed f;
        const std::string m = message(3000);
        // Two whole messages, then the first 500 bytes of a long one.
        const std::string first = message(10) + message(20) + m.substr(0, 500);
        auto o = f.add(0, 1, first);
        QCOMPARE(o.role, PduReassembly::Outcome::Shows); // the two whole messages, not the start of the third
        QCOMPARE(o.from, 0u);
        QCOMPARE(o.to, 12u + 22u);
        o = f.add(1, 1 + uint32_t(first.size()), m.substr(500, 1000));
        QCOMPARE(o.role, PduReassembly::Outcome::PartOfPdu);
        // The end of it, then a message that starts and ends in the same segment.
        o = f.add(2, 1 + uint32_t(first.size()) + 1000, m.substr(1500) + message(4));
        QCOMPARE(o.role, PduReassembly::Outcome::Shows);
        QVERIFY(o.completedWhole);
        QCOMPARE(o.completed.size(), m.size());
        QCOMPARE(std::string(o.completed), m);
        QCOMPARE(o.to - o.from, 6u);
        const auto ending = f.r.pdusEndingAt(2);
        QCOMPARE(ending.size(), size_t(1));
        QCOMPARE(ending[0]->firstFrame, 0u);
        QCOMPARE(ending[0]->startSeq, 1u + 34u);
        QCOMPARE(ending[0]->endSeq, 1u + 34u + uint32_t(m.size()));
        QVERIFY(f.r.pduAt(0, 0, 1 + 34 + 700) == ending[0]);
        QVERIFY(f.r.pduAt(0, 1, 1 + 34 + 700) == nullptr); // the other direction knows nothing of it
        QVERIFY(f.r.pdusEndingAt(1).empty());
    }

    void firstSegmentOfAMessageIsPartOfIt()
    {
        Feed f;
        const std::string m = message(100);
        QCOMPARE(f.add(0, 1, m.substr(0, 1)).role, PduReassembly::Outcome::PartOfPdu); // even the length is cut
        QCOMPARE(f.add(1, 2, m.substr(1, 60)).role, PduReassembly::Outcome::PartOfPdu);
        const auto o = f.add(2, 62, m.substr(61));
        QCOMPARE(o.role, PduReassembly::Outcome::Shows);
        QCOMPARE(std::string(o.completed), m);
    }

    void oldDataIsPlainTcp()
    {
        Feed f;
        f.add(0, 1, message(10));
        QCOMPARE(f.add(1, 1, message(10)).role, PduReassembly::Outcome::OldData);
    }

    // Bytes never captured: the message is never reassembled, its segments stay parts of it,
    // the one that reaches its end is plain TCP, and the data after it is framed again.
    void missingBytesLeaveTheMessageIncomplete()
    {
        Feed f;
        const std::string m = message(300);
        QCOMPARE(f.add(0, 1, m.substr(0, 100)).role, PduReassembly::Outcome::PartOfPdu);
        QCOMPARE(f.add(1, 201, m.substr(200, 50)).role, PduReassembly::Outcome::PartOfPdu); // 100 bytes lost
        // Its last segment is still a segment of it (tshark adds it), but nothing completes it.
        QCOMPARE(f.add(2, 251, m.substr(250)).role, PduReassembly::Outcome::PartOfPdu);
        QVERIFY(f.r.pdusEndingAt(2).empty());
        QCOMPARE(f.r.pdus().front().lastFrame, TcpPdu::kOpen);
        const auto o = f.add(3, 1 + uint32_t(m.size()), message(3));
        QCOMPARE(o.role, PduReassembly::Outcome::Untouched); // a whole message: shown as it is
    }

    // The lost bytes resent (a fast retransmission, which tshark hands on) fill the hole: the
    // segment that reaches the end completes the message, known by the bytes before the hole.
    void resentBytesCompleteTheMessage()
    {
        Feed f;
        const std::string m = message(300);
        f.add(0, 1, m.substr(0, 100));
        f.add(1, 201, m.substr(200, 50));
        QCOMPARE(f.add(2, 101, m.substr(100, 50)).role, PduReassembly::Outcome::PartOfPdu); // half the hole
        QCOMPARE(f.add(3, 151, m.substr(150, 50)).role, PduReassembly::Outcome::PartOfPdu); // the rest
        const auto o = f.add(4, 251, m.substr(250));
        QCOMPARE(o.role, PduReassembly::Outcome::Shows);
        QCOMPARE(std::string(o.completed), m.substr(0, 100));
        QVERIFY(!o.completedWhole);
        QCOMPARE(f.r.pdusEndingAt(4).size(), size_t(1));
    }

    // A retransmission of bytes of a message not complete yet is added to it (tshark's segment
    // note); once the message is complete, the same bytes again are old data.
    void retransmissionInsideAPendingMessage()
    {
        Feed f;
        const std::string m = message(300);
        QCOMPARE(f.add(0, 1, m.substr(0, 100)).role, PduReassembly::Outcome::PartOfPdu);
        QCOMPARE(f.add(1, 101, m.substr(100, 100)).role, PduReassembly::Outcome::PartOfPdu);
        QCOMPARE(f.add(2, 1, m.substr(0, 100)).role, PduReassembly::Outcome::PartOfPdu);
        QCOMPARE(f.add(3, 201, m.substr(200)).role, PduReassembly::Outcome::Shows);
        QCOMPARE(f.add(4, 101, m.substr(100, 100)).role, PduReassembly::Outcome::OldData);
    }

    // TLS records in a segment the snapshot length cut: those captured whole are named, the one
    // cut short too and then tshark's "[Packet size limited during capture]"; a record running
    // past the segment is not named; in TLS 1.2, data that is no record cannot be marked whole.
    void tlsRecordsCutBySnapshotLength()
    {
        const uint8_t tls12 = ConversationProtocols::Learned | ConversationProtocols::TlsBase | 3;
        const PacketRecord rec;
        auto summary = [&](const std::string& payload, size_t captured) {
            const std::vector<uint8_t> f = segment(50000, 443, 1, payload);
            const DecodedPacket d = decodePacket(1, std::span<const uint8_t>(f.data(), 54 + captured), uint32_t(f.size()));
            return summarizeProtocol(d, rec, 0, tls12, 0);
        };
        const std::string ccs("\x14\x03\x03\x00\x01\x01", 6);
        const std::string appData = std::string("\x17\x03\x03\x00\x40", 5) + std::string(64, 'z');
        ProtocolSummary s = summary(ccs + appData, 6 + 8);
        QCOMPARE(s.protocol, std::string("TLSv1.2"));
        QCOMPARE(s.info, std::string("Change Cipher Spec, Application Data[Packet size limited during capture]"));
        s = summary(ccs + appData, 6 + 69); // all captured
        QCOMPARE(s.info, std::string("Change Cipher Spec, Application Data"));
        s = summary(ccs + appData.substr(0, 40), 46); // the second record runs past the segment
        QCOMPARE(s.info, std::string("Change Cipher Spec"));
        s = summary(std::string(100, '\0'), 20); // no record, cut
        QCOMPARE(s.info, std::string("[Packet size limited during capture]"));
        s = summary(std::string(100, '\0'), 100);
        QCOMPARE(s.info, std::string("Ignored Unknown Record"));
    }

    // What a direction keeps of a pending message is bounded, whatever its length.
    void keepsAtMostTheHead()
    {
        Feed f;
        const std::string m = message(65535); // 65 537 bytes: more than the cap
        uint32_t seq = 1;
        PduReassembly::Outcome o;
        for (size_t off = 0; off < m.size(); off += 1000) {
            o = f.add(uint32_t(off / 1000), seq, m.substr(off, 1000));
            seq += uint32_t(std::min<size_t>(1000, m.size() - off));
        }
        QCOMPARE(o.role, PduReassembly::Outcome::Shows);
        QVERIFY(!o.completedWhole);
        QVERIFY(o.completed.size() < 20000); // a TLS record's worth once the length is known
        QCOMPARE(std::string(o.completed), m.substr(0, o.completed.size()));
        QCOMPARE(f.r.pdusEndingAt(uint32_t(m.size() / 1000)).front()->endSeq, seq); // its length is still exact
    }

    // The default view over real frames: an HTTP response with a Content-Length body across
    // three segments, then a chunked one whose chunks are followed without being kept.
    void httpResponsesInTheView()
    {
        const std::string body(2500, 'a');
        const std::string first = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2500\r\n\r\n" + body.substr(0, 1000);
        const std::string chunkedHead = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n";
        const std::string chunks = "5dc\r\n" + std::string(1500, 'b') + "\r\n3\r\nccc\r\n0\r\n\r\n";
        const std::vector<std::pair<std::string, uint32_t>> parts = {
            {first, 1}, {body.substr(1000, 1000), 0}, {body.substr(2000), 0},
            {chunkedHead + chunks.substr(0, 700), 0}, {chunks.substr(700), 0}};
        DesegmentedView view;
        std::vector<std::vector<uint8_t>> frames;
        std::vector<DecodedPacket> decoded;
        std::vector<TcpPacketAnalysis> as;
        uint32_t seq = 1;
        for (const auto& [data, flags] : parts) {
            frames.push_back(segment(80, 40000, seq, data));
            as.push_back(at(seq));
            seq += uint32_t(data.size());
        }
        for (uint32_t i = 0; i < frames.size(); ++i) {
            decoded.push_back(decodePacket(1, frames[i]));
            QVERIFY(DesegmentedView::candidate(decoded[i], 0));
            view.learn(i, decoded[i], as[i], 0);
        }
        QVERIFY(view.segmentOfPdu(0, decoded[0], as[0]));
        QVERIFY(view.segmentOfPdu(1, decoded[1], as[1]));
        const ProtocolSummary* done = view.shownAt(2);
        QVERIFY(done);
        QCOMPARE(done->protocol, std::string("HTTP"));
        QCOMPARE(done->info, std::string("HTTP/1.1 200 OK  (text/plain)"));
        QVERIFY(view.segmentOfPdu(3, decoded[3], as[3]));
        const ProtocolSummary* chunked = view.shownAt(4);
        QVERIFY(chunked);
        QCOMPARE(chunked->info, std::string("HTTP/1.1 200 OK  (text/html)"));
        const auto pdus = view.reassembly().pdusEndingAt(4);
        QCOMPARE(pdus.size(), size_t(1));
        QCOMPARE(pdus[0]->startSeq, 1u + uint32_t(first.size() + 1500));
        QCOMPARE(pdus[0]->endSeq, seq);
    }
};

QTEST_GUILESS_MAIN(TestPduReassembly)
#include "tst_pdureassembly.moc"
