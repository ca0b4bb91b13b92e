// Edit → Find Packet's searches (core/analysis/packetfind) on our loopback HTTP capture: by
// display filter, hex value and string in the bytes or the detail tree, forwards and backwards,
// wrapping at the ends, over the displayed packets only. Frames as tshark finds them
// (`frame contains 48:54:54:50` shows 4 and 6; `tcp.flags.fin == 1` shows 8 and 10).
#include "analysis/analysedcapture.h"
#include "analysis/packetfind.h"
#include "tree/detailtree.h"

#include <QtTest>

#include <algorithm>

using namespace synflow;

class TestPacketFind : public QObject {
    Q_OBJECT
    AnalysedCapture http_;

    // The 1-based frame found after 1-based `from`, or 0; `wrapped` as findFrame says.
    int next(const PacketFinder& finder, int from, bool backwards, bool* wrapped, const std::vector<uint8_t>* shown = nullptr)
    {
        const int64_t f = findFrame(http_.packetCount(), size_t(from - 1), backwards, shown,
                                    [&](size_t frame) { return finder.match(http_, frame).found; }, wrapped);
        return int(f + 1);
    }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY(http_.open(SYNFLOW_TEST_DATA "/loopback-http.pcap", error));
        http_.analyse();
    }

    void byDisplayFilterWrapping()
    {
        PacketFinder f;
        std::string error;
        QVERIFY(f.compile(PacketFinder::Kind::DisplayFilter, "tcp.flags.fin == 1", PacketFinder::Where::Bytes, false, error));
        bool wrapped = true;
        QCOMPARE(next(f, 1, false, &wrapped), 8);
        QVERIFY(!wrapped);
        QCOMPARE(next(f, 8, false, &wrapped), 10);
        QCOMPARE(next(f, 10, false, &wrapped), 8); // past the end, from the beginning again
        QVERIFY(wrapped);
        QCOMPARE(next(f, 8, true, &wrapped), 10); // backwards past the beginning
        QVERIFY(wrapped);
        QVERIFY(!f.compile(PacketFinder::Kind::DisplayFilter, "tcp.flags.fin ==", PacketFinder::Where::Bytes, false, error));
        QVERIFY(!error.empty());
    }

    void byHexValueInTheBytes()
    {
        PacketFinder f;
        std::string error;
        QVERIFY(f.compile(PacketFinder::Kind::HexValue, "48:54 5450", PacketFinder::Where::Details, false, error)); // always the bytes
        bool wrapped = false;
        QCOMPARE(next(f, 1, false, &wrapped), 4);
        const FindHit hit = f.match(http_, 3);
        QCOMPARE(hit.offset, 72u); // "HTTP" in "GET / HTTP/1.0"
        QCOMPARE(hit.length, 4u);
        QCOMPARE(next(f, 4, false, &wrapped), 6);
        // Only displayed packets count: with frame 4 hidden the search lands on 6.
        std::vector<uint8_t> shown(12, 1);
        shown[3] = 0;
        QCOMPARE(next(f, 1, false, &wrapped, &shown), 6);
        QVERIFY(!f.compile(PacketFinder::Kind::HexValue, "4", PacketFinder::Where::Bytes, false, error));
        QVERIFY(!f.compile(PacketFinder::Kind::HexValue, "zz", PacketFinder::Where::Bytes, false, error));
    }

    void byStringWithAndWithoutCase()
    {
        PacketFinder f;
        std::string error;
        QVERIFY(f.compile(PacketFinder::Kind::String, "get /", PacketFinder::Where::Bytes, false, error));
        bool wrapped = false;
        QCOMPARE(next(f, 1, false, &wrapped), 4);
        QCOMPARE(f.match(http_, 3).offset, 66u);
        QVERIFY(f.compile(PacketFinder::Kind::String, "get /", PacketFinder::Where::Bytes, true, error));
        QCOMPARE(next(f, 1, false, &wrapped), 0); // nowhere in that case
        QVERIFY(f.compile(PacketFinder::Kind::String, "hTTp/1.0\r\n", PacketFinder::Where::Bytes, false, error));
        QCOMPARE(next(f, 1, false, &wrapped), 4);
        QCOMPARE(f.match(http_, 3).offset, 72u);
        QVERIFY(f.compile(PacketFinder::Kind::String, "dst PORT: 37960", PacketFinder::Where::Details, false, error));
        QCOMPARE(next(f, 1, false, &wrapped), 2);
    }

    // The parallel walk finds what the plain one finds, wrapping the same way, on a large
    // number of frames (hits near and far, with some frames hidden).
    // The byte search (sixteen places at a time) finds the first occurrence a plain scan finds,
    // with and without case, for needles of every length taken from every place of every frame
    // (the vector loop's edges: the needle's last byte in the next block, the tail after it).
    void byteSearchAgreesWithAPlainScan()
    {
        auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? char(c + 32) : c; };
        auto plain = [&](std::string_view hay, std::string_view needle, bool cs) -> int64_t {
            for (size_t at = 0; at + needle.size() <= hay.size(); ++at) {
                size_t i = 0;
                while (i < needle.size() && (cs ? hay[at + i] == needle[i] : fold(hay[at + i]) == fold(needle[i])))
                    ++i;
                if (i == needle.size())
                    return int64_t(at);
            }
            return -1;
        };
        size_t checked = 0;
        for (size_t frame = 0; frame < http_.packetCount(); ++frame) {
            const auto bytes = http_.file().packetBytes(frame);
            const std::string_view hay(reinterpret_cast<const char*>(bytes.data()), bytes.size());
            for (size_t at = 0; at < hay.size(); ++at)
                for (size_t len : {size_t(1), size_t(2), size_t(3), size_t(15), size_t(16), size_t(17), size_t(40)}) {
                    if (at + len > hay.size())
                        continue;
                    std::string needle(hay.substr(at, len));
                    if (needle.find('\0') != std::string::npos) // a string the user types has no NUL
                        continue;
                    for (const bool cs : {true, false}) {
                        std::string typed = needle;
                        if (!cs) // the user's case differs from the packet's
                            for (char& c : typed)
                                c = c >= 'a' && c <= 'z' ? char(c - 32) : c >= 'A' && c <= 'Z' ? char(c + 32) : c;
                        PacketFinder f;
                        std::string error;
                        QVERIFY(f.compile(PacketFinder::Kind::String, typed, PacketFinder::Where::Bytes, cs, error));
                        const FindHit hit = f.match(http_, frame);
                        QVERIFY(hit.found);
                        QCOMPARE(int64_t(hit.offset), plain(hay, typed, cs));
                        ++checked;
                    }
                }
            // A needle that is nowhere: its first byte everywhere, its last nowhere.
            PacketFinder f;
            std::string error;
            QVERIFY(f.compile(PacketFinder::Kind::HexValue, "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 fe 01 ff", PacketFinder::Where::Bytes, true, error));
            QCOMPARE(f.match(http_, frame).found, plain(hay, std::string_view("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\xfe\x01\xff", 20), true) >= 0);
        }
        qInfo("%zu searches checked", checked);
        QVERIFY(checked > 2000);
    }

    void parallelWalkFindsTheSameFrame()
    {
        const size_t frames = 300000;
        std::vector<uint8_t> shown(frames, 1);
        for (size_t f = 0; f < frames; f += 7)
            shown[f] = 0;
        for (const std::vector<size_t>& hits : {std::vector<size_t>{}, std::vector<size_t>{5}, std::vector<size_t>{299999},
                                                std::vector<size_t>{70000, 140000, 210007}, std::vector<size_t>{42, 150001}}) {
            auto hit = [&](size_t f) { return std::find(hits.begin(), hits.end(), f) != hits.end(); };
            for (const size_t from : {size_t(0), size_t(5), size_t(100000), size_t(150001), size_t(299999)})
                for (const bool backwards : {false, true})
                    for (const std::vector<uint8_t>* mask : std::vector<const std::vector<uint8_t>*>{nullptr, &shown}) {
                        bool w1 = false, w2 = false;
                        const int64_t a = findFrame(frames, from, backwards, mask, hit, &w1);
                        const int64_t b = findFrameInParallel(frames, from, backwards, mask, hit, &w2);
                        QCOMPARE(b, a);
                        QCOMPARE(w2, w1);
                    }
        }
    }

    // A search that runs in the background is asked between blocks whether to go on: it reports
    // how far it got (growing, never past the frames) and stops at once when told to.
    void parallelWalkReportsProgressAndStops()
    {
        const size_t frames = 300000;
        auto none = [](size_t) { return false; };
        std::vector<size_t> seen;
        bool wrapped = false;
        auto record = [&](size_t done) {
            seen.push_back(done);
            return true;
        };
        QCOMPARE(findFrameInParallel(frames, 10, false, nullptr, none, &wrapped, record), int64_t(-1));
        QVERIFY(seen.size() >= 2);
        QCOMPARE(seen.front(), size_t(0));
        QVERIFY(std::is_sorted(seen.begin(), seen.end()) && seen.back() < frames);
        size_t asked = 0;
        auto stopSecond = [&](size_t) { return ++asked < 2; };
        QCOMPARE(findFrameInParallel(frames, 10, false, nullptr, none, &wrapped, stopSecond), int64_t(-2));
        QCOMPARE(asked, size_t(2));
        // A match in the first block is found whatever is asked after it.
        auto at20 = [](size_t f) { return f == 20; };
        asked = 0;
        QCOMPARE(findFrameInParallel(frames, 10, false, nullptr, at20, &wrapped, stopSecond), int64_t(20));
    }

    void byStringInTheDetails()
    {
        PacketFinder f;
        std::string error;
        QVERIFY(f.compile(PacketFinder::Kind::String, "Dst Port: 37960", PacketFinder::Where::Details, true, error));
        bool wrapped = false;
        QCOMPARE(next(f, 1, false, &wrapped), 2); // the first segment from the server
        const FindHit hit = f.match(http_, 1);
        const DetailTree tree = buildDetailTree(http_, 1);
        QVERIFY(hit.node >= 0);
        QVERIFY(QString::fromStdString(tree.nodes()[size_t(hit.node)].label).contains(QStringLiteral("Dst Port: 37960")));
    }
};

QTEST_GUILESS_MAIN(TestPacketFind)
#include "tst_packetfind.moc"
