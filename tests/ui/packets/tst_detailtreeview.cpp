// The detail view knows each item's field from the tree node (not from its text), tells the
// selected field, and keeps branches open by field from packet to packet.
#include "analysis/analysedcapture.h"
#include "fields/field.h"
#include "packets/detailtreeview.h"
#include "tcp/tcptracker.h"
#include "tree/detailtree.h"

#include <QDir>
#include <QSignalSpy>
#include <QtTest>

using namespace synflow;

class TestDetailTreeView : public QObject {
    Q_OBJECT
private:
    AnalysedCapture capture_;

    DetailTree tree(size_t frame)
    {
        return buildDetailTree(capture_, frame);
    }

    static QTreeWidgetItem* item(DetailTreeView& v, const QString& start)
    {
        const auto found = v.findItems(start, Qt::MatchStartsWith | Qt::MatchRecursive);
        return found.isEmpty() ? nullptr : found.first();
    }

private slots:
    void initTestCase()
    {
        std::string err;
        QVERIFY2(capture_.open(QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath("loopback-http.pcap").toStdString(), err), err.c_str());
        capture_.analyse(AnalysedCapture::Depth::Tcp);
        QVERIFY(capture_.packetCount() >= 4);
    }

    void itemsKnowTheirField()
    {
        DetailTreeView v;
        v.setTree(tree(0));
        QSignalSpy spy(&v, &DetailTreeView::fieldSelected);
        QTreeWidgetItem* raw = item(v, QStringLiteral("Sequence Number (raw): "));
        QVERIFY(raw);
        QVERIFY(v.fieldOf(raw));
        QCOMPARE(v.fieldOf(raw)->name, std::string("tcp.seq_raw"));
        v.setCurrentItem(raw);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.last().at(0).toString(), QStringLiteral("tcp.seq_raw"));
        QCOMPARE(spy.last().at(1).toString(), QStringLiteral("Sequence Number (raw)"));
        // A line that shows no field says so.
        QTreeWidgetItem* status = item(v, QStringLiteral("[Checksum Status"));
        QVERIFY(status);
        QVERIFY(!v.fieldOf(status));
        v.setCurrentItem(status);
        QCOMPARE(spy.last().at(0).toString(), QString());
        QVERIFY(!v.fieldOf(nullptr));
    }

    void openBranchesFollowTheirField()
    {
        DetailTreeView v;
        v.setTree(tree(0));
        QTreeWidgetItem* flags = item(v, QStringLiteral("Flags: 0x"));
        QVERIFY(flags && flags->parent());
        flags->parent()->setExpanded(true);
        flags->setExpanded(true);
        // The next packet has other flags, so other text; the same fields stay open.
        v.setTree(tree(1));
        QTreeWidgetItem* next = item(v, QStringLiteral("Flags: 0x"));
        QVERIFY(next && next->parent());
        QVERIFY(next->isExpanded());
        QVERIFY(next->parent()->isExpanded());
        QVERIFY(!item(v, QStringLiteral("Internet Protocol Version"))->isExpanded());
    }
};

QTEST_MAIN(TestDetailTreeView)
#include "tst_detailtreeview.moc"
