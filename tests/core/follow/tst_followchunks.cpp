// FollowChunks keeps each chunk against the one before it, a full one every kBlock: every chunk
// reads back as pushed, in order and at any index, whatever steps its frame, offset, length and
// gap take (backwards, far, the largest numbers), either side of a block's start.
#include "follow/tcpfollow.h"

#include <QtTest>

#include <random>

using namespace synflow;

class TestFollowChunks : public QObject {
    Q_OBJECT
private slots:
    void readsBackAsPushed()
    {
        std::vector<FollowChunk> pushed;
        std::mt19937 random(14);
        uint32_t frame = 3;
        for (int i = 0; i < 1000; ++i) {
            FollowChunk c;
            c.fromServer = random() % 3 == 0;
            switch (random() % 6) {
            case 0: frame -= std::min<uint32_t>(frame, random() % 40); break; // a segment that waited for a gap
            case 1: frame += 16 + random() % 100000; break;
            default: frame += random() % 3; break; // the next frame, the one after, the same one
            }
            c.frame = i == 500 ? UINT32_MAX : i == 501 ? 0 : frame;
            if (random() % 10 == 0) {
                c.missing = i == 700 ? UINT32_MAX : 1 + random() % 5000;
            } else {
                c.offset = random() % 4 ? 54 : i == 300 ? UINT32_MAX : random() % 70000;
                c.length = random() % 4 ? 1448 : i == 301 ? UINT32_MAX : random() % 70000;
            }
            pushed.push_back(c);
        }
        FollowChunks chunks;
        QVERIFY(chunks.empty() && chunks.begin() == chunks.end());
        chunks.reserve(10);
        for (const FollowChunk& c : pushed)
            chunks.push_back(c);
        QCOMPARE(chunks.size(), pushed.size());
        auto same = [](const FollowChunk& a, const FollowChunk& b) {
            return a.fromServer == b.fromServer && a.frame == b.frame && a.offset == b.offset && a.length == b.length &&
                   a.missing == b.missing;
        };
        size_t i = 0;
        for (const FollowChunk& c : chunks) {
            QVERIFY2(same(c, pushed[i]), qPrintable(QStringLiteral("chunk %1 in order").arg(i)));
            ++i;
        }
        QCOMPARE(i, pushed.size());
        for (size_t at : {size_t(0), size_t(1), size_t(63), size_t(64), size_t(65), size_t(127), size_t(128), size_t(300), size_t(500),
                          size_t(501), size_t(700), pushed.size() - 1})
            QVERIFY2(same(chunks[at], pushed[at]), qPrintable(QStringLiteral("chunk %1").arg(at)));
        for (int n = 0; n < 300; ++n) {
            const size_t at = random() % pushed.size();
            auto it = chunks.iteratorAt(at);
            QCOMPARE(it.index(), at);
            for (size_t k = at; k < std::min(pushed.size(), at + 70); ++k, ++it)
                QVERIFY2(same(*it, pushed[k]), qPrintable(QStringLiteral("chunk %1 from %2").arg(k).arg(at)));
        }
        QVERIFY(chunks.iteratorAt(pushed.size()) == chunks.end());
        chunks.shrink_to_fit();
        QVERIFY(same(chunks[777], pushed[777]));
    }
};

QTEST_GUILESS_MAIN(TestFollowChunks)
#include "tst_followchunks.moc"
