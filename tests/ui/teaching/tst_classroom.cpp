// Teaching mode's classroom lessons, driven through the real windows (offscreen): quiz mode
// (hidden Seq, Ack and states until revealed, answers marked and tallied), a presentation
// clicker's keys, and anonymised hosts in every view and export.
#include "common/craftedcapture.h"
#include "flow/teaching.h"
#include "support/anonymity.h"
#include "support/language.h"
#include "support/theme.h"
#include "window/mainwindow.h"
#include "window/windowparts.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidgetItemIterator>
#include <QtTest>

using namespace windowparts;
using Text = FlowPainter::PaintedText;

namespace {

QString dataFile(const char* name) { return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name)); }

bool load(MainWindow& w, const QString& path)
{
    QSignalSpy done(&w, &MainWindow::loadFinished);
    return w.openCapture(path) && done.wait(10000);
}

ProjectorWindow* teach(MainWindow& w, const QString& path)
{
    if (!load(w, path))
        return nullptr;
    w.goToPacket(1);
    ProjectorWindow* p = w.openProjector();
    if (p) {
        p->resize(1024, 768);
        p->show();
    }
    return p;
}

FlowView* diagramOf(const ProjectorWindow& p) { return part<FlowView>(p, "teachingDiagram"); }

// What the class sees: every text the diagram painted, and every label of the window.
QStringList seen(ProjectorWindow& p, int arrow = -2)
{
    p.grab();
    QStringList out;
    for (const Text& t : diagramOf(p)->paintedTexts())
        if (arrow == -2 || t.arrow == arrow)
            out << t.text;
    if (arrow == -2)
        for (const QLabel* l : p.findChildren<QLabel*>())
            if (l->isVisible())
                out << l->text();
    return out;
}

QString joined(const QStringList& l) { return l.join(QLatin1Char('|')); }

} // namespace

class TestClassroom : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_classroom"));
        applyLanguage(QStringLiteral("en"));
    }

    void cleanup() { Anonymity::instance().setEnabled(false); }

    void quizHidesUntilRevealed()
    {
        MainWindow w;
        ProjectorWindow* p = teach(w, dataFile("lo-closeclient.pcapng"));
        QVERIFY(p);
        QVERIFY(QTest::qWaitForWindowExposed(p));
        auto* panel = part<QWidget>(*p, "quizPanel");
        QVERIFY(panel && !panel->isVisible());
        QTest::keyClick(p, Qt::Key_Q);
        QVERIFY(p->quiz());
        QVERIFY(panel->isVisible());
        QCoreApplication::processEvents();
        QVERIFY2(p->minimumSizeHint().width() <= 1024, qPrintable(QString::number(p->minimumSizeHint().width())));
        QCOMPARE(p->size(), QSize(1024, 768)); // the answers fit the projector
        const synflow::FlowGraph& graph = diagramOf(*p)->graph();
        int right = 0, wrong = 0;
        for (int step = 1; step <= int(graph.arrows().size()); ++step) {
            const synflow::FlowArrow& a = graph.arrows()[size_t(step - 1)];
            const QString explanation = explainStepTranslated(synflow::stepFacts(graph, size_t(step - 1)));
            QTest::keyClick(p, step % 2 ? Qt::Key_Space : Qt::Key_PageDown);
            QCOMPARE(p->step(), step);
            QVERIFY(p->hidden());
            // Before: the arrow and its label are there, its numbers and states are "?".
            const QStringList arrowTexts = seen(*p, step - 1);
            const QString before = joined(seen(*p));
            QVERIFY2(arrowTexts.contains(QString::fromStdString(graph.labelOf(a))), qPrintable(joined(arrowTexts)));
            QVERIFY2(joined(arrowTexts).contains(QLatin1String("Seq = ?")), qPrintable(joined(arrowTexts)));
            QVERIFY2(!joined(arrowTexts).contains(QStringLiteral("Seq = %1").arg(a.seq)), qPrintable(joined(arrowTexts)));
            if (a.ackValid)
                QVERIFY2(!joined(arrowTexts).contains(QStringLiteral("Ack = %1").arg(a.ack)), qPrintable(joined(arrowTexts)));
            for (const Text& t : diagramOf(*p)->paintedTexts())
                if (t.arrow == step - 1 && t.kind == Text::State)
                    QCOMPARE(t.text, QStringLiteral("?"));
            for (const synflow::TcpState s : {a.stateFrom, a.stateTo})
                QVERIFY2(!joined(arrowTexts).contains(QLatin1String(synflow::tcpStateName(s))), qPrintable(joined(arrowTexts)));
            QVERIFY2(!before.contains(explanation), qPrintable(before));
            // The teacher types the class's answers: Seq right, Ack one off, the sender's state right.
            part<QLineEdit>(*p, "quizSeq")->setText(QString::number(a.seq));
            if (a.ackValid)
                part<QLineEdit>(*p, "quizAck")->setText(QString::number(a.ack + 1));
            part<QComboBox>(*p, "quizStateFrom")->setEditText(QString::fromLatin1(synflow::tcpStateName(a.stateFrom)).toLower());
            right += 1 + (a.stateFrom != synflow::TcpState::Unknown);
            wrong += a.ackValid ? 1 : 0;
            wrong += a.stateFrom == synflow::TcpState::Unknown; // no state of RFC 9293 names "unknown"
            if (step % 2)
                QTest::keyClick(p, Qt::Key_R);
            else
                QTest::mouseClick(part<QPushButton>(*p, "quizReveal"), Qt::LeftButton);
            QVERIFY(!p->hidden());
            const QString after = joined(seen(*p, step - 1));
            QVERIFY2(after.contains(QStringLiteral("Seq = %1").arg(a.seq)), qPrintable(after));
            if (a.ackValid)
                QVERIFY2(after.contains(QStringLiteral("Ack = %1").arg(a.ack)), qPrintable(after));
            QCOMPARE(explanationOf(*p), explanation);
            const QString tally = part<QLabel>(*p, "quizTally")->text();
            QVERIFY2(tally == QStringLiteral("Right: %1 · Wrong: %2").arg(right).arg(wrong), qPrintable(tally));
        }
        QVERIFY(right > 0 && wrong > 0);
        // Leaving the quiz: the next steps come whole.
        QTest::keyClick(p, Qt::Key_Q);
        QVERIFY(!p->quiz() && !panel->isVisible());
        QTest::keyClick(p, Qt::Key_Home);
        QTest::keyClick(p, Qt::Key_Space);
        QVERIFY(!p->hidden());
        QCOMPARE(diagramOf(*p)->maskedArrow(), -1);
        // The toggle button does the same as Q.
        QTest::mouseClick(part<QPushButton>(*p, "quizToggle"), Qt::LeftButton);
        QVERIFY(p->quiz());
        QTest::keyClick(p, Qt::Key_Space);
        QVERIFY(p->hidden());
        QTest::keyClick(p, Qt::Key_Space); // a clicker's one button: next reveals first
        QVERIFY(!p->hidden());
        QCOMPARE(p->step(), 2);
        p->close();
    }

    void presenterKeys()
    {
        MainWindow w;
        ProjectorWindow* p = teach(w, dataFile("lo-closeclient.pcapng"));
        QVERIFY(p);
        QVERIFY(QTest::qWaitForWindowExposed(p));
        const int steps = int(diagramOf(*p)->graph().arrows().size());
        QVERIFY(steps > 3);
        QTest::keyClick(p, Qt::Key_PageDown);
        QTest::keyClick(p, Qt::Key_PageDown);
        QCOMPARE(p->step(), 2);
        QTest::keyClick(p, Qt::Key_PageUp);
        QCOMPARE(p->step(), 1);
        QTest::keyClick(p, Qt::Key_End);
        QCOMPARE(p->step(), steps);
        QTest::keyClick(p, Qt::Key_PageDown); // past the end stays there
        QCOMPARE(p->step(), steps);
        QTest::keyClick(p, Qt::Key_Home);
        QCOMPARE(p->step(), 0);
        // B blanks the screen to black, and brings it back.
        QTest::keyClick(p, Qt::Key_B);
        QVERIFY(p->blank());
        const QImage black = p->grab().toImage();
        for (const QPoint at : {QPoint(5, 5), QPoint(512, 384), QPoint(1000, 740)})
            QCOMPARE(black.pixelColor(at * black.devicePixelRatio()), QColor(Qt::black));
        QTest::keyClick(p, Qt::Key_PageDown); // the steps go on behind it
        QCOMPARE(p->step(), 1);
        QTest::keyClick(p, Qt::Key_B);
        QVERIFY(!p->blank());
        QVERIFY(p->grab().toImage().pixelColor(QPoint(512, 384) * black.devicePixelRatio()) != QColor(Qt::black) ||
                isDarkThemeApplied());
        QTest::keyClick(p, Qt::Key_Period); // what clickers send
        QVERIFY(p->blank());
        QTest::keyClick(p, Qt::Key_Period);
        QVERIFY(!p->blank());
        p->close();
    }

    void anonymisedEverywhere_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addRow("crafted") << QString(); // written below: Ethernet, 10.0.0.x
        QTest::addRow("ipv4-and-ipv6") << QStringLiteral(SYNFLOW_SHARED_CAPTURES "/ppa-http_ip4and6.pcapng");
    }

    // With the one switch on, no real address is left in the packet list, the detail tree, the
    // flow graph, its exports or the teaching window; off again, they are back.
    void anonymisedEverywhere()
    {
        QFETCH(QString, capture);
        QTemporaryDir dir;
        if (capture.isEmpty()) {
            capture = dir.filePath(QStringLiteral("crafted.pcap"));
            QFile f(capture);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(synflow::test::httpCapture("GET / HTTP/1.1\r\n\r\n", 2));
        }
        if (!QFile::exists(capture))
            QSKIP(qPrintable(QStringLiteral("missing %1").arg(capture)));
        MainWindow w;
        w.resize(1200, 900);
        w.show();
        flowDock(w)->show();
        QVERIFY(load(w, capture));
        PacketListModel* model = packetModel(w);
        QVERIFY(model->rowCount() > 0);
        // Every text of the main window's views.
        auto texts = [&] {
            QStringList out;
            for (int r = 0; r < model->rowCount(); ++r) {
                for (int c = 0; c < model->columnCount(); ++c)
                    out << model->data(model->index(r, c), Qt::DisplayRole).toString();
            }
            for (int r = 0; r < std::min(model->rowCount(), 40); ++r) {
                w.goToPacket(r + 1);
                QTreeWidgetItemIterator it(detailTree(w));
                for (; *it; ++it)
                    out << (*it)->text(0);
            }
            if (!QTest::qWaitFor([&] { return !flowView(w)->graph().arrows().empty(); }, 5000))
                out << QStringLiteral("no flow graph");
            flowView(w)->grab();
            for (const Text& t : flowView(w)->paintedTexts())
                out << t.full;
            for (const std::string& n : flowView(w)->graph().nodes())
                out << QString::fromStdString(n);
            for (const char* suffix : {"svg", "txt"}) {
                const QString path = dir.filePath(QStringLiteral("flow.") + QLatin1String(suffix));
                QString error;
                if (!flowPanel(w)->exportTo(path, &error))
                    out << error;
                QFile f(path);
                if (f.open(QIODevice::ReadOnly))
                    out << QString::fromUtf8(f.readAll());
            }
            return out;
        };
        // The real addresses, as the list shows them with the switch off.
        QSet<QString> real;
        for (int r = 0; r < model->rowCount(); ++r)
            for (const int c : {int(PacketListModel::Source), int(PacketListModel::Destination)})
                real << model->data(model->index(r, c), Qt::DisplayRole).toString();
        real.remove(QStringLiteral("ff:ff:ff:ff:ff:ff"));
        QVERIFY(!real.isEmpty());
        const QString before = texts().join(QLatin1Char('\n'));
        for (const QString& a : std::as_const(real))
            QVERIFY2(before.contains(a), qPrintable(a)); // shown while off

        action(w, "anonymiseHosts")->trigger(); // View → Anonymised Hosts
        QVERIFY(Anonymity::instance().enabled());
        QTRY_VERIFY(!flowView(w)->graph().arrows().empty());
        const QString after = texts().join(QLatin1Char('\n'));
        for (const QString& a : std::as_const(real))
            QVERIFY2(!after.contains(a), qPrintable(QStringLiteral("%1 still shown").arg(a)));
        QVERIFY(after.contains(QLatin1String("192.0.2.1")) || after.contains(QLatin1String("2001:db8::1")));

        // The teaching window names its two ends Client and Server, and keeps no address.
        w.goToPacket(1);
        ProjectorWindow* p = w.openProjector();
        QVERIFY(p);
        p->resize(1024, 768);
        p->show();
        QVERIFY(QTest::qWaitForWindowExposed(p));
        QTest::keyClick(p, Qt::Key_End);
        const QString teaching = joined(seen(*p));
        for (const QString& a : std::as_const(real))
            QVERIFY2(!teaching.contains(a), qPrintable(teaching));
        QVERIFY2(teaching.contains(QLatin1String("Client")) && teaching.contains(QLatin1String("Server")), qPrintable(teaching));
        // Its own toggle is the same switch: off everywhere.
        QTest::mouseClick(part<QPushButton>(*p, "anonymiseToggle"), Qt::LeftButton);
        QVERIFY(!Anonymity::instance().enabled());
        QVERIFY(!action(w, "anonymiseHosts")->isChecked());
        QVERIFY(!joined(seen(*p)).contains(QLatin1String("Client")));
        QTest::keyClick(p, Qt::Key_A);
        QVERIFY(Anonymity::instance().enabled());
        QVERIFY(action(w, "anonymiseHosts")->isChecked());
        p->close();
        action(w, "anonymiseHosts")->trigger();
        QTRY_VERIFY(!flowView(w)->graph().arrows().empty());
        const QString back = texts().join(QLatin1Char('\n'));
        for (const QString& a : std::as_const(real))
            QVERIFY2(back.contains(a), qPrintable(a));
    }
};

QTEST_MAIN(TestClassroom)
#include "tst_classroom.moc"
