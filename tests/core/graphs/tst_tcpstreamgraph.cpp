// The TCP stream graphs' data against tshark: every plotted segment, ACK, window and RTT value
// of every stream, both directions, equals the oracle's cell for that frame, and every frame of
// a stream is plotted once (as a segment of its sender, or an ACK of the other direction); a
// sample of a long stream (its first look) holds the same values.
#include "analysis/analysedcapture.h"
#include "common/oracletsv.h"
#include "graphs/tcpstreamgraph.h"
#include "tcp/tcpanalysis.h"

#include <QDir>
#include <QFileInfo>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace synflow;
using namespace synflow::test;

namespace {

// "0.000123000" seconds (tshark) as milliseconds; NaN for an empty cell.
double millis(const QString& cell) { return cell.isEmpty() ? std::nan("") : cell.toDouble() * 1000.0; }
// Equal to within the nanosecond the oracle prints (relative for huge gaps: doubles).
bool sameMillis(double a, double b) { return std::abs(a - b) <= 1e-6 + 1e-12 * std::abs(a); }

void checkCapture(const QString& capturePath, const QString& oraclePath)
{
    TsvTable oracle;
    QVERIFY2(readTsvFile(oraclePath, oracle), qPrintable(oraclePath));
    AnalysedCapture capture;
    std::string error;
    QVERIFY2(capture.open(capturePath.toStdString(), error), error.c_str());
    QVERIFY(capture.analyse());

    std::map<qint64, int> framesPerStream;
    for (const auto& [frame, row] : oracle.rows)
        if (const QString s = oracle.cell(frame, "tcp.stream"); !s.isEmpty() && !s.contains(','))
            ++framesPerStream[s.toLongLong()];

    const size_t streams = capture.tracker()->conversationCount();
    QCOMPARE(streams, framesPerStream.size());
    for (uint32_t stream = 0; stream < streams && stream < 400; ++stream) {
        std::set<uint32_t> sent, acked;
        for (int dir = 0; dir < 2; ++dir) {
            const TcpStreamGraphData g = buildTcpStreamGraph(capture, stream, dir);
            QVERIFY(g.valid);
            const QString where = QStringLiteral("%1 stream %2 dir %3").arg(QFileInfo(capturePath).fileName()).arg(stream).arg(dir);
            for (const TcpGraphSegment& s : g.segments) {
                const qint64 f = s.frame + 1;
                QVERIFY2(sent.insert(s.frame).second, qPrintable(where));
                QCOMPARE(oracle.cell(f, "tcp.stream"), QString::number(stream));
                QCOMPARE(oracle.cell(f, "tcp.seq"), QString::number(s.seq));
                QCOMPARE(oracle.cell(f, "tcp.len"), QString::number(s.length));
                if (const QString next = oracle.cell(f, "tcp.nxtseq"); !next.isEmpty())
                    QCOMPARE(next, QString::number(s.nextSeq()));
                QCOMPARE(oracle.cell(f, "tcp.analysis.bytes_in_flight"), s.bytesInFlight ? QString::number(s.bytesInFlight) : QString());
                QCOMPARE(!oracle.cell(f, "tcp.analysis.retransmission").isEmpty(), bool(s.analysis & TcpAnyRetransmission));
                QCOMPARE(!oracle.cell(f, "tcp.analysis.lost_segment").isEmpty(), bool(s.analysis & TcpLostSegment));
                QVERIFY2(int32_t(s.seq - s.gapFrom) >= 0, qPrintable(where));
            }
            for (const TcpGraphAck& a : g.acks) {
                const qint64 f = a.frame + 1;
                QVERIFY2(acked.insert(a.frame).second, qPrintable(where));
                QCOMPARE(oracle.cell(f, "tcp.ack"), QString::number(a.ack));
                QCOMPARE(oracle.cell(f, "tcp.window_size"), QString::number(a.window));
                QCOMPARE(!oracle.cell(f, "tcp.analysis.duplicate_ack_num").isEmpty(), bool(a.analysis & TcpDuplicateAck));
                QCOMPARE(!oracle.cell(f, "tcp.analysis.zero_window").isEmpty(), bool(a.analysis & TcpZeroWindow));
                for (const TcpGraphAck::Sack& b : g.sacksOf(a))
                    QVERIFY2(int32_t(b.right - b.left) >= 0, qPrintable(where)); // a block is a range of the data's numbers
            }
            for (const TcpGraphRtt& r : g.rtts) {
                const qint64 f = r.frame + 1;
                QVERIFY2(sameMillis(millis(oracle.cell(f, "tcp.analysis.ack_rtt")), r.rttMs),
                         qPrintable(QStringLiteral("frame %1: oracle %2 ms, ours %3 ms").arg(f).arg(millis(oracle.cell(f, "tcp.analysis.ack_rtt"))).arg(r.rttMs, 0, 'f', 9)));
                QCOMPARE(oracle.cell(f, "tcp.analysis.acks_frame"), QString::number(r.ackedFrame + 1));
            }
            if (g.hasInitialRtt)
                for (const TcpGraphSegment& s : g.segments)
                    if (const QString irtt = oracle.cell(s.frame + 1, "tcp.analysis.initial_rtt"); !irtt.isEmpty())
                        QVERIFY(sameMillis(millis(irtt), g.initialRttMs));
            // A first look at the stream (three runs of frames) holds the whole graph's values
            // for the frames it read, and says how many it read of how many.
            const TcpStreamGraphData first = sampleTcpStreamGraph(capture, stream, dir, 3 * kSampleRun);
            QCOMPARE(first.streamFrames, size_t(framesPerStream[stream]));
            QCOMPARE(first.framesRead, std::min(first.streamFrames, 3 * kSampleRun));
            QCOMPARE(first.sampled(), first.streamFrames > 3 * kSampleRun);
            std::map<uint32_t, const TcpGraphSegment*> wholeSegments;
            std::map<uint32_t, const TcpGraphAck*> wholeAcks;
            for (const TcpGraphSegment& s : g.segments)
                wholeSegments[s.frame] = &s;
            for (const TcpGraphAck& a : g.acks)
                wholeAcks[a.frame] = &a;
            for (const TcpGraphSegment& s : first.segments) {
                const TcpGraphSegment* w = wholeSegments[s.frame];
                QVERIFY2(w && w->seq == s.seq && w->nextSeq() == s.nextSeq() && w->length == s.length && w->analysis == s.analysis
                             && w->time == s.time && w->bytesInFlight == s.bytesInFlight
                             && (s.gapFrom == w->gapFrom || s.gapFrom == s.seq), // (a run's first segments show no gap)
                         qPrintable(where + QStringLiteral(" sampled frame %1").arg(s.frame + 1)));
            }
            std::map<uint32_t, const TcpGraphRtt*> wholeRtts;
            for (const TcpGraphRtt& r : g.rtts)
                wholeRtts[r.frame] = &r;
            for (const TcpGraphRtt& r : first.rtts) {
                const TcpGraphRtt* w = wholeRtts[r.frame];
                QVERIFY2(w && w->rttMs == r.rttMs && w->ackedFrame == r.ackedFrame, qPrintable(where + QStringLiteral(" sampled RTT %1").arg(r.frame + 1)));
            }
            for (const TcpGraphAck& a : first.acks) {
                const TcpGraphAck* w = wholeAcks[a.frame];
                QVERIFY2(w && w->ack == a.ack && w->window == a.window && g.sacksOf(*w).size() == first.sacksOf(a).size(),
                         qPrintable(where + QStringLiteral(" sampled ACK %1").arg(a.frame + 1)));
            }
        }
        // Every frame of the stream is a segment of one direction; those with ACK set in the
        // other direction's graph are its ACKs.
        QCOMPARE(int(sent.size()), framesPerStream[stream]);
    }
}

} // namespace

class TestTcpStreamGraph : public QObject {
    Q_OBJECT
private slots:
    void againstTheOracle_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("oracle");
        const QDir data(QStringLiteral(SYNFLOW_TEST_DATA));
        for (const QString& f : data.entryList({"*.pcap", "*.pcapng"}, QDir::Files)) {
            const QFileInfo fi(data.filePath(f));
            const QString tsv = data.filePath("oracle/" + fi.completeBaseName() + (fi.suffix() == "pcapng" ? "-ng" : "") + ".tsv");
            if (QFileInfo::exists(tsv))
                QTest::newRow(qPrintable(f)) << fi.filePath() << tsv;
        }
        for (const auto& [name, path] : sharedCapturesWithOracle())
            QTest::newRow(qPrintable(name)) << path << QDir(sharedCapturesDir()).filePath("oracle/" + name + ".tsv");
    }
    void againstTheOracle()
    {
        QFETCH(QString, capture);
        QFETCH(QString, oracle);
        checkCapture(capture, oracle);
    }

    // Throughput over a moving window: bytes of the segments within the window ending at each
    // segment, in bits per second; goodput leaves retransmissions out.
    void throughputOverAMovingWindow()
    {
        TcpStreamGraphData g;
        auto seg = [&](double t, uint32_t len, bool retx) {
            TcpGraphSegment s;
            s.frame = uint32_t(g.segments.size());
            s.time = t;
            s.length = len;
            s.analysis = retx ? uint32_t(TcpRetransmission) : 0u;
            g.segments.push_back(s);
        };
        seg(0.0, 1000, false);
        seg(0.5, 1000, false);
        seg(0.9, 500, true);
        seg(1.2, 0, false);  // only the first has left a 1 s window ending here
        seg(3.0, 2000, false); // all before have left
        const auto p = tcpThroughput(g, 1.0);
        QCOMPARE(p.size(), size_t(5));
        QCOMPARE(p[0].throughputBps, 8000.0);
        QCOMPARE(p[2].throughputBps, 20000.0);
        QCOMPARE(p[2].goodputBps, 16000.0);
        QCOMPARE(p[3].throughputBps, 12000.0);
        QCOMPARE(p[3].goodputBps, 8000.0);
        QCOMPARE(p[4].throughputBps, 16000.0);
        QVERIFY(tcpThroughput(g, 0).empty());
    }
};

QTEST_MAIN(TestTcpStreamGraph)
#include "tst_tcpstreamgraph.moc"
