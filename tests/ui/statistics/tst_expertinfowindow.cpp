// Analyze → Expert Information driven as a user would, on the real main window: the tree shows
// the core's items (which tst_expertoracle holds to tshark's -z expert) by severity, summary
// and packet; the severity boxes and "limit to display filter" narrow it; a click on a packet
// row selects that packet in the main window.
#include "analysis/analysedcapture.h"
#include "filter/displayfilter.h"
#include "statistics/expertinfowindow.h"
#include "stats/expertinfo.h"
#include "window/mainwindow.h"
#include "window/windowparts.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QSignalSpy>
#include <QTreeView>
#include <QtTest>

using namespace synflow;
using namespace windowparts;

namespace {

// Items in four severities: D-SACK, out-of-order, retransmissions, duplicate ACKs, SYN/FIN.
QString captureFile() { return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("lo-lossy.pcapng")); }

void openIn(MainWindow& w, const QString& path)
{
    QSignalSpy done(&w, &MainWindow::loadFinished);
    QVERIFY(w.openCapture(path));
    QVERIFY(done.wait(20000));
}

ExpertInfo coreInfo(const QString& path, const char* filter = "")
{
    AnalysedCapture ac;
    std::string error;
    if (!ac.open(path.toStdString(), error))
        return {};
    ac.analyse();
    DisplayFilter df;
    df.compile(filter, error);
    const std::vector<uint8_t> shown = filterFrames(df, ac);
    ExpertOptions options;
    options.desegment = true; // the window follows the TCP reassembly preference, on by default
    if (*filter)
        options.shown = &shown;
    return collectExpertInfo(ac, options);
}

ExpertInfoWindow* openExpert(MainWindow& w)
{
    action(w, "expertInformation")->trigger();
    auto* win = w.findChild<ExpertInfoWindow*>(QStringLiteral("expertInfoWindow"));
    if (win && !QTest::qWaitFor([win] { return !win->isCounting() && win->model()->info(); }, 20000))
        return nullptr;
    return win;
}

void keepScreenshot(QWidget* w, const char* name)
{
    const QString dir = qEnvironmentVariable("SYNFLOW_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w->grab().save(QDir(dir).filePath(QString::fromLatin1(name) + ".png"));
}

// The rows of the tree as "Severity|count" and "  summary|group|protocol|count" lines.
QStringList treeLines(const QAbstractItemModel* m)
{
    QStringList out;
    for (int s = 0; s < m->rowCount(); ++s) {
        const QModelIndex sev = m->index(s, 0);
        out << sev.data().toString() + "|" + m->index(s, ExpertTreeModel::Count).data().toString();
        for (int e = 0; e < m->rowCount(sev); ++e) {
            QStringList cells;
            for (int c = 0; c < ExpertTreeModel::ColumnCount; ++c)
                cells << m->index(e, c, sev).data().toString();
            out << "  " + cells.join('|');
        }
    }
    return out;
}

// The same lines from the core's items, most severe first.
QStringList coreLines(const ExpertInfo& info, const std::vector<ExpertSeverity>& severities)
{
    QStringList out;
    for (ExpertSeverity s : severities) {
        if (info.total(s) == 0)
            continue;
        out << ExpertTreeModel::severityName(s) + "|" + QString::number(info.total(s));
        for (const ExpertEntry& e : info.entries)
            if (e.severity == s)
                out << QStringLiteral("  %1|%2|%3|%4")
                           .arg(QString::fromStdString(e.summary), expertGroupName(e.group), e.protocol)
                           .arg(e.frames.size());
    }
    return out;
}

const std::vector<ExpertSeverity> kAll = {ExpertSeverity::Error, ExpertSeverity::Warning, ExpertSeverity::Note,
                                          ExpertSeverity::Chat, ExpertSeverity::Comment};

} // namespace

class TestExpertInfoWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_expertinfowindow"));
    }

    void modelIsSound()
    {
        ExpertTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto info = std::make_shared<ExpertInfo>(coreInfo(captureFile()));
        QVERIFY(info->entries.size() >= 8);
        model.setInfo(info);
        QCOMPARE(treeLines(&model), coreLines(*info, kAll));
        model.setSeverityShown(ExpertSeverity::Note, false);
        QCOMPARE(treeLines(&model), coreLines(*info, {ExpertSeverity::Warning, ExpertSeverity::Chat}));
        QCOMPARE(model.shownItems(), info->total(ExpertSeverity::Warning) + info->total(ExpertSeverity::Chat));
        model.setSeverityShown(ExpertSeverity::Note, true);
        // Each packet row names a frame that raised its summary, in order.
        const QModelIndex warns = model.index(0, 0);
        QCOMPARE(warns.data(ExpertTreeModel::SeverityRole).toInt(), int(ExpertSeverity::Warning));
        QCOMPARE(warns.data(Qt::BackgroundRole).value<QColor>(), QColor(0xf7, 0xf2, 0x53));
        const QModelIndex first = model.index(0, 0, warns);
        const ExpertEntry* firstWarning = nullptr;
        for (const ExpertEntry& x : info->entries)
            if (!firstWarning && x.severity == ExpertSeverity::Warning)
                firstWarning = &x;
        QVERIFY(firstWarning);
        const ExpertEntry& e = *firstWarning;
        QCOMPARE(first.data().toString(), QString::fromStdString(e.summary));
        QCOMPARE(model.rowCount(first), int(e.frames.size()));
        for (int r = 0; r < model.rowCount(first); ++r)
            QCOMPARE(model.index(r, 0, first).data(ExpertTreeModel::FrameRole).toLongLong(), qlonglong(e.frames[size_t(r)]));
        model.setInfo(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void windowShowsTheCoreItemsAndSelectsPackets()
    {
        MainWindow w;
        w.show();
        openIn(w, captureFile());
        ExpertInfoWindow* win = openExpert(w);
        QVERIFY(win);
        QVERIFY(win->isVisible());
        QTreeView* view = win->findChild<QTreeView*>(QStringLiteral("expertTree"));
        QVERIFY(view);
        QVERIFY(!view->accessibleName().isEmpty());
        const ExpertInfo info = coreInfo(captureFile());
        QCOMPARE(treeLines(view->model()), coreLines(info, kAll));
        QVERIFY(view->isExpanded(view->model()->index(0, 0)));
        keepScreenshot(win, "expert-information");

        // Hide the notes with their box.
        auto* notes = win->findChild<QCheckBox*>(QStringLiteral("expertShowNote"));
        QVERIFY(notes && !notes->accessibleName().isEmpty());
        notes->click();
        QCOMPARE(treeLines(view->model()), coreLines(info, {ExpertSeverity::Warning, ExpertSeverity::Chat}));
        notes->click();

        // Click the last packet of the first summary of the first severity (out-of-order
        // segments, which the detail tree's SEQ/ACK analysis names too).
        const QAbstractItemModel* m = view->model();
        const QModelIndex sev = m->index(0, 0);
        const QModelIndex summary = m->index(0, 0, sev);
        view->expand(summary);
        const QModelIndex packet = m->index(m->rowCount(summary) - 1, 0, summary);
        const size_t frame = size_t(packet.data(ExpertTreeModel::FrameRole).toLongLong());
        QVERIFY(frame != selectedFrameOf(w));
        view->scrollTo(packet);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(packet).center());
        QTRY_COMPARE(packetPane(w)->selectedFrame(), frame);
        // The detail tree shows that frame, and the item the summary names.
        QTreeWidget* tree = detailTree(w);
        QTRY_VERIFY(tree->topLevelItemCount() > 0);
        QVERIFY2(tree->topLevelItem(0)->text(0).startsWith(QStringLiteral("Frame %1:").arg(frame + 1)),
                 qPrintable(tree->topLevelItem(0)->text(0)));
        const QString summaryText = summary.data().toString();
        QVERIFY2(!tree->findItems(summaryText, Qt::MatchContains | Qt::MatchRecursive).isEmpty(), qPrintable(summaryText));
    }

    void limitToDisplayFilter()
    {
        MainWindow w;
        w.show();
        openIn(w, captureFile());
        const char* filter = "tcp.dstport == 49387";
        QSignalSpy applied(&w, &MainWindow::filterApplied);
        packetPane(w)->applyFilterText(QString::fromLatin1(filter));
        QVERIFY(applied.wait(20000));
        ExpertInfoWindow* win = openExpert(w);
        QVERIFY(win);
        auto* limit = win->findChild<QCheckBox*>(QStringLiteral("limitToDisplayFilter"));
        QVERIFY(limit->text().contains(QLatin1String(filter)));
        QTreeView* view = win->findChild<QTreeView*>(QStringLiteral("expertTree"));
        QCOMPARE(treeLines(view->model()), coreLines(coreInfo(captureFile()), kAll));
        limit->click();
        QVERIFY(QTest::qWaitFor([win] { return !win->isCounting() && win->model()->info(); }, 20000));
        const ExpertInfo limited = coreInfo(captureFile(), filter);
        QVERIFY(limited.entries.size() < coreInfo(captureFile()).entries.size());
        QCOMPARE(treeLines(view->model()), coreLines(limited, kAll));
    }

private:
    static size_t selectedFrameOf(MainWindow& w) { return packetPane(w)->selectedFrame(); }
};

QTEST_MAIN(TestExpertInfoWindow)
#include "tst_expertinfowindow.moc"
