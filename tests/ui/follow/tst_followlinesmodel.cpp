// Follow Stream's lines on a stream of many chunks: the model keeps a mark every
// FollowLinesModel::kBlock chunks, not a record a chunk or a line, and finds a row from the mark
// before it. A row looked up anywhere (far in, either side of a mark, the last one, backwards)
// is the row a scan from the first one finds; the hex dump is the core's (tshark's) text; Raw
// saves the payload; the view places, finds and scrolls to far rows without a layout a row.
#include "common/craftedcapture.h"

#include "analysis/analysedcapture.h"
#include "follow/followlinesmodel.h"
#include "follow/followtextview.h"
#include "follow/tcpfollow.h"

#include <QAbstractItemModelTester>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace synflow;

namespace {

struct Row {
    QString text;
    qulonglong frame;
    bool fromServer;
    bool operator==(const Row&) const = default;
};

Row rowOf(const FollowLinesModel& m, int row)
{
    const QModelIndex i = m.index(row);
    return {m.lineText(row), i.data(FollowLinesModel::FrameRole).toULongLong(), i.data(FollowLinesModel::FromServerRole).toBool()};
}

// A handshake, then 700 segments in turns (two runs of the client's, one of the server's) of
// text lines, tails without a newline, control bytes and now and then a long one; one client
// segment is not in the capture and the server acknowledges past it (a gap's note).
QByteArray longStream()
{
    using test::tcpFrame;
    std::vector<test::Packet> p{{1.0, tcpFrame(1, 2, 40000, 80, 1000, 0, 0x02)},
                                {1.001, tcpFrame(2, 1, 80, 40000, 5000, 1001, 0x12)},
                                {1.002, tcpFrame(1, 2, 40000, 80, 1001, 5001, 0x10)}};
    quint32 seq[2] = {1001, 5001};
    double t = 1.01;
    for (int k = 0; k < 700; ++k) {
        const int node = (k / 5) % 3 == 2 ? 1 : 0;
        QByteArray payload;
        for (int j = 0; j < k % 5; ++j)
            payload += QStringLiteral("segment %1 line %2\r\n").arg(k).arg(j).toLatin1();
        if (k % 3 == 0)
            payload += QByteArray("tail \x01\x7f\xff without newline ") + QByteArray::number(k);
        if (k % 50 == 7)
            payload += QByteArray(900 + k, char('a' + k % 26)) + '\n';
        if (payload.isEmpty())
            payload = "\n";
        const bool lost = k == 301; // a client segment
        if (!lost)
            p.push_back({t, node == 0 ? tcpFrame(1, 2, 40000, 80, seq[0], seq[1], 0x18, payload)
                                      : tcpFrame(2, 1, 80, 40000, seq[1], seq[0], 0x18, payload)});
        seq[node] += quint32(payload.size());
        t += 0.001;
    }
    return test::pcap(p);
}

} // namespace

class TestFollowLinesModel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    std::shared_ptr<AnalysedCapture> capture_;
    std::shared_ptr<const TcpFollow> follow_;

    FollowLinesModel::Table table(int format, int direction) const
    {
        return FollowLinesModel::lineTable(*capture_, follow_, FollowLinesModel::Format(format), FollowLinesModel::Direction(direction));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        QFile file(dir_.filePath(QStringLiteral("long.pcap")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(longStream());
        file.close();
        capture_ = std::make_shared<AnalysedCapture>();
        std::string error;
        QVERIFY2(capture_->open(file.fileName().toStdString(), error), error.c_str());
        capture_->analyse();
        follow_ = std::make_shared<const TcpFollow>(followTcpStream(*capture_, 0));
        QVERIFY(follow_->valid);
        // Marks enough to jump between, and the gap's note among the chunks.
        QVERIFY(follow_->chunks.size() > 8 * FollowLinesModel::kBlock);
        bool gap = false;
        for (const FollowChunk& c : follow_->chunks)
            gap = gap || c.missing > 0;
        QVERIFY(gap);
    }

    void anyRowIsTheScannedRow_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("direction");
        const char* formats[] = {"ascii", "utf8", "hex", "carrays", "raw", "yaml"};
        const char* directions[] = {"both", "client", "server"};
        for (int f = FollowLinesModel::Ascii; f <= FollowLinesModel::Yaml; ++f)
            for (int d = FollowLinesModel::Both; d <= FollowLinesModel::FromServer; ++d)
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(formats[f]), QLatin1String(directions[d])))) << f << d;
    }
    void anyRowIsTheScannedRow()
    {
        QFETCH(int, format);
        QFETCH(int, direction);
        FollowLinesModel::Table t = table(format, direction);
        QCOMPARE(t.marks.size(), (follow_->chunks.size() + FollowLinesModel::kBlock - 1) / FollowLinesModel::kBlock);
        // The scan: every row after the one before it.
        FollowLinesModel scan;
        scan.setTable(capture_, t);
        const int rows = scan.rowCount();
        QVERIFY(rows > 0);
        std::vector<Row> expected;
        for (int row = 0; row < rows; ++row)
            expected.push_back(rowOf(scan, row));

        // Jumps: either side of every mark, the last row, the first, random rows, then backwards.
        FollowLinesModel model;
        QAbstractItemModelTester tester(&model);
        model.setTable(capture_, t);
        QCOMPARE(model.rowCount(), rows);
        std::vector<int> order{rows - 1, 0, rows - 1, rows / 2};
        for (const FollowLinesModel::Mark& m : t.marks)
            for (int d : {0, -1, 1, 2, -2})
                if (int(m.firstRow) + d >= 0 && int(m.firstRow) + d < rows)
                    order.push_back(int(m.firstRow) + d);
        std::mt19937 random(14);
        for (int i = 0; i < 400; ++i)
            order.push_back(int(random() % uint32_t(rows)));
        for (int row = rows - 1; row >= 0; row -= 7)
            order.push_back(row);
        for (int row : order)
            QVERIFY2(rowOf(model, row) == expected[size_t(row)], qPrintable(QStringLiteral("row %1 of %2: \"%3\", scanned \"%4\"")
                                                                               .arg(row)
                                                                               .arg(rows)
                                                                               .arg(model.lineText(row), expected[size_t(row)].text)));
    }

    // The hex dump, read from the last line back, is what the core writes for tshark's hex
    // format (node 1's lines indented there, one trailing blank dropped), one direction or both.
    void hexDumpIsTheCoreText_data()
    {
        QTest::addColumn<int>("direction");
        QTest::newRow("both") << int(FollowLinesModel::Both);
        QTest::newRow("client") << int(FollowLinesModel::FromClient);
        QTest::newRow("server") << int(FollowLinesModel::FromServer);
    }
    void hexDumpIsTheCoreText()
    {
        QFETCH(int, direction);
        std::string text;
        uint64_t offsets[2] = {0, 0};
        std::string note;
        for (const FollowChunk& c : follow_->chunks) {
            std::string out;
            appendFollowChunk(out, *follow_, FollowFormat::Hex, followChunkBytes(*capture_, c, note), c.fromServer, offsets[c.fromServer]);
            if (direction == FollowLinesModel::Both || (direction == FollowLinesModel::FromServer) == bool(c.fromServer))
                text += out;
        }
        QStringList expected = QString::fromLatin1(text).split(QLatin1Char('\n'));
        expected.removeLast();
        FollowLinesModel model;
        model.setTable(capture_, table(FollowLinesModel::HexDump, direction));
        QCOMPARE(model.rowCount(), int(expected.size()));
        for (int row = model.rowCount() - 1; row >= 0; --row) {
            const QString& line = expected[row];
            // The core drops one trailing blank as tshark does; the window keeps it (as it always has).
            QString shown = model.lineText(row);
            if (shown.endsWith(QLatin1Char(' ')))
                shown.chop(1);
            QCOMPARE(shown, line.startsWith(QLatin1Char('\t')) ? line.mid(1) : line);
        }
    }

    void rawSavesThePayload()
    {
        for (int direction = FollowLinesModel::Both; direction <= FollowLinesModel::FromServer; ++direction) {
            QByteArray payload;
            std::string note;
            for (const FollowChunk& c : follow_->chunks)
                if (direction == FollowLinesModel::Both || (direction == FollowLinesModel::FromServer) == bool(c.fromServer)) {
                    const auto bytes = followChunkBytes(*capture_, c, note);
                    payload.append(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
                }
            FollowLinesModel model;
            model.setTable(capture_, table(FollowLinesModel::Raw, direction));
            QCOMPARE(model.exportBytes(), payload);
        }
    }

    // The view: a far row scrolled to is where it says, found where it is drawn, clicked and
    // moved from with the keys; the last row shows at the bottom.
    void viewPlacesFarRows()
    {
        FollowLinesModel model;
        model.setTable(capture_, table(FollowLinesModel::HexDump, FollowLinesModel::Both));
        FollowTextView view;
        view.setModel(&model);
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int rows = model.rowCount();
        const int height = view.sizeHintForRow(0);
        QVERIFY(height > 0);
        const int far = rows * 2 / 3;
        view.scrollTo(model.index(far), QAbstractItemView::PositionAtTop);
        QCOMPARE(view.visualRect(model.index(far)).top(), 0);
        QCOMPARE(view.visualRect(model.index(far + 3)).top(), 3 * height);
        QCOMPARE(view.indexAt(view.visualRect(model.index(far + 3)).center()), model.index(far + 3));
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.visualRect(model.index(far + 3)).center());
        QCOMPARE(view.currentIndex(), model.index(far + 3));
        QVERIFY(view.selectionModel()->isSelected(model.index(far + 3)));
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.currentIndex(), model.index(far + 4));
        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.currentIndex(), model.index(rows - 1));
        const QRect last = view.visualRect(model.index(rows - 1));
        QVERIFY(view.viewport()->rect().contains(last));
        QVERIFY(last.bottom() > view.viewport()->height() - 2 * height);
        view.scrollToTop();
        QCOMPARE(view.verticalScrollBar()->value(), 0);
        QCOMPARE(view.visualRect(model.index(0)).top(), 0);
        view.scrollTo(model.index(far), QAbstractItemView::PositionAtCenter);
        QVERIFY(view.viewport()->rect().contains(view.visualRect(model.index(far))));
    }
};

QTEST_MAIN(TestFollowLinesModel)
#include "tst_followlinesmodel.moc"
