// Teaching mode legible on a 1024x768 or 1280x720 projector, in English and Chinese, light and dark:
// every step of real captures is painted and every text the diagram paints is checked — no
// overlap, nothing cut or outside its column or the window, Seq/Ack as large as the labels,
// no scroll bars, the whole legend, WCAG AA contrast. The main window's flow graph keeps the
// same rules, and arrows are named by what they are.
#include "support/language.h"
#include "support/theme.h"
#include "window/mainwindow.h"
#include "window/windowparts.h"
#include "flowgraph/contrast.h"
#include "flowgraph/flowpainter.h"
#include "teaching/projectorwindow.h"

#include <QDir>
#include <QScrollBar>
#include <QSignalSpy>
#include <QToolTip>
#include <QtTest>

using namespace windowparts;
using Text = FlowPainter::PaintedText;

namespace {

constexpr int kMinimumPixels = 24; // the floor for the Seq/Ack text, at least the labels' size

QString dataFile(const char* name) { return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name)); }

ProjectorWindow* teach(MainWindow& w, const QString& path)
{
    QSignalSpy done(&w, &MainWindow::loadFinished);
    if (!w.openCapture(path) || !done.wait(10000))
        return nullptr;
    w.goToPacket(1);
    return w.openProjector();
}

FlowView* diagramOf(const ProjectorWindow& p) { return part<FlowView>(p, "teachingDiagram"); }

const char* kindName(Text::Kind k)
{
    static const char* const names[] = {"header", "legend", "time", "gap", "bracket", "label", "state", "comment"};
    return names[k];
}

QString describe(const Text& t)
{
    return QStringLiteral("%1 \"%2\" (whole \"%3\") at %4,%5 %6x%7 in column %8,%9 %10x%11")
        .arg(QLatin1String(kindName(t.kind)), t.text, t.full)
        .arg(t.rect.x())
        .arg(t.rect.y())
        .arg(t.rect.width())
        .arg(t.rect.height())
        .arg(t.column.x())
        .arg(t.column.y())
        .arg(t.column.width())
        .arg(t.column.height());
}

// The rules every painted text keeps; a message naming the first text that breaks one.
// Only a bracket whose rows are partly scrolled away may be cut to the part in sight; the view
// shows it whole in a tooltip.
QString layoutProblem(const FlowView& view, bool wholeArea)
{
    const std::vector<Text>& texts = view.paintedTexts();
    const QRect area = view.viewport()->rect();
    for (size_t i = 0; i < texts.size(); ++i) {
        const Text& t = texts[i];
        if (t.text != t.full) {
            if (t.kind != Text::Bracket || t.column.top() > view.headerHeight() + 2)
                return QStringLiteral("cut: ") + describe(t);
            QHelpEvent help(QEvent::ToolTip, t.rect.center() + view.viewport()->pos(), view.mapToGlobal(t.rect.center()));
            QCoreApplication::sendEvent(const_cast<FlowView*>(&view), &help);
            if (QToolTip::text() != t.full)
                return QStringLiteral("cut without its tooltip: ") + describe(t);
        }
        if (!t.column.contains(t.rect))
            return QStringLiteral("outside its column: ") + describe(t);
        const int room = t.kind == Text::Bracket ? t.column.height() : t.column.width(); // a bracket's name reads upwards
        if (QFontMetrics(t.font).horizontalAdvance(t.text) > room)
            return QStringLiteral("wider than its column: ") + describe(t);
        if (wholeArea && !area.contains(t.rect))
            return QStringLiteral("outside the diagram: ") + describe(t);
        if (const double c = contrast::ratio(t.colour, t.background); c < contrast::kMinimumText)
            return QStringLiteral("contrast %1: ").arg(c, 0, 'f', 2) + describe(t);
        for (size_t j = i + 1; j < texts.size(); ++j) {
            if (t.rect.intersects(texts[j].rect))
                return QStringLiteral("overlap: ") + describe(t) + QStringLiteral(" / ") + describe(texts[j]);
            // Lifeline names on one line read as two: a space between them at least.
            const Text& u = texts[j];
            const bool sameLine = t.rect.top() < u.rect.bottom() && u.rect.top() < t.rect.bottom();
            if (t.kind == Text::Header && u.kind == Text::Header && sameLine
                && std::max(u.rect.left() - t.rect.right(), t.rect.left() - u.rect.right()) < QFontMetrics(t.font).horizontalAdvance(QLatin1Char(' ')))
                return QStringLiteral("names run together: ") + describe(t) + QStringLiteral(" / ") + describe(u);
        }
    }
    return {};
}

QStringList legendOf(const std::vector<Text>& texts)
{
    QStringList names;
    for (const Text& t : texts)
        if (t.kind == Text::Legend)
            names << t.full;
    return names;
}

// The legend's entries, in the language in use.
QStringList expectedLegend()
{
    return {QObject::tr("SYN / FIN"), QObject::tr("retransmission"), QObject::tr("duplicate ACK"), QObject::tr("reset"),
            QObject::tr("zero window / window full"), FlowPainter::tr("time gap ≥ 1 s")};
}

} // namespace

class TestProjectorLayout : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_projectorlayout"));
    }

    void cleanup()
    {
        applyTheme(false);
        applyLanguage(QStringLiteral("en"));
    }

    void everyStepLegible_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<bool>("dark");
        QTest::addColumn<QString>("capture");
        QTest::addColumn<bool>("timeToScale");
        QTest::addColumn<QSize>("size");
        const QSize projector(1024, 768), wide(1280, 720); // the two projector sizes
        // Handshake and teardown in every language and scheme; the other shapes of
        // conversation (three-segment and simultaneous close, refused, silences, losses) in
        // some, so that the suite stays quick.
        struct Case {
            QString capture;
            bool everyScheme;
        };
        const Case cases[] = {{dataFile("lo-closeclient.pcapng"), true},
                              {QStringLiteral(SYNFLOW_SHARED_CAPTURES "/local-clean.pcapng"), true},
                              {dataFile("lo-threeseg.pcapng"), false},
                              {dataFile("lo-simulclose.pcapng"), false},
                              {dataFile("lo-refused.pcapng"), false},
                              {dataFile("lo-keepalive.pcapng"), false},
                              {dataFile("lo-fastretx.pcapng"), false}};
        int combination = 0;
        for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_CN")})
            for (const bool dark : {false, true}) {
                int other = 0; // the others take turns: each in one language and scheme
                for (const Case& c : cases) {
                    if (!c.everyScheme && other++ % 4 != combination)
                        continue;
                    QTest::addRow("%s-%s-%s", qPrintable(language), dark ? "dark" : "light", qPrintable(QFileInfo(c.capture).baseName()))
                        << language << dark << c.capture << false << projector;
                    if (c.everyScheme)
                        QTest::addRow("%s-%s-%s-1280x720", qPrintable(language), dark ? "dark" : "light",
                                      qPrintable(QFileInfo(c.capture).baseName()))
                            << language << dark << c.capture << false << wide;
                }
                ++combination;
            }
        // Time to scale: silences take room (a SYN's retransmission timer, keep-alives, a lost
        // SYN-ACK), and the same rules hold.
        QTest::addRow("en-light-timescale-lo-retry") << QStringLiteral("en") << false << dataFile("lo-retry.pcapng") << true << projector;
        QTest::addRow("zh_CN-dark-timescale-lo-keepalive") << QStringLiteral("zh_CN") << true << dataFile("lo-keepalive.pcapng") << true << projector;
        QTest::addRow("en-dark-timescale-lo-synackloss") << QStringLiteral("en") << true << dataFile("lo-synackloss.pcapng") << true << projector;
        QTest::addRow("zh_CN-light-timescale-lo-closeclient") << QStringLiteral("zh_CN") << false << dataFile("lo-closeclient.pcapng") << true << projector;
        // The shorter screen leaves less room for a silence.
        QTest::addRow("zh_CN-light-timescale-lo-synackloss-1280x720") << QStringLiteral("zh_CN") << false << dataFile("lo-synackloss.pcapng") << true << wide;
        QTest::addRow("en-dark-timescale-lo-retry-1280x720") << QStringLiteral("en") << true << dataFile("lo-retry.pcapng") << true << wide;
    }

    // Every step of a whole conversation, as the class sees it at 1024x768 or 1280x720.
    void everyStepLegible()
    {
        QFETCH(QString, language);
        QFETCH(bool, dark);
        QFETCH(QString, capture);
        QFETCH(bool, timeToScale);
        QFETCH(QSize, size);
        if (!QFile::exists(capture))
            QSKIP(qPrintable(QStringLiteral("missing %1").arg(capture)));
        applyLanguage(language);
        applyTheme(dark);
        MainWindow w;
        ProjectorWindow* p = teach(w, capture);
        QVERIFY(p);
        p->resize(size);
        p->show();
        QVERIFY(QTest::qWaitForWindowExposed(p));
        FlowView* flow = diagramOf(*p);
        QVERIFY(flow);
        if (timeToScale)
            QTest::keyClick(p, Qt::Key_T);
        QCOMPARE(flow->timeScale(), timeToScale ? synflow::FlowTimeScale::Proportional : synflow::FlowTimeScale::Rows);
        int widerGaps = 0; // time to scale: rows after a silence of a second or more stand further apart
        auto* explanation = part<QLabel>(*p, "explanation");
        // The window's own theme: the diagram is on the theme's background, not left light.
        const QColor background = flow->viewport()->palette().color(QPalette::Base);
        QCOMPARE(contrast::relativeLuminance(background) < 0.2, dark);
        const int steps = int(flow->graph().arrows().size());
        QVERIFY(steps > 0);
        for (int step = 1; step <= steps; ++step) {
            p->next();
            QCOMPARE(p->step(), step);
            QCoreApplication::processEvents(); // the layout follows the new explanation's height
            p->grab();                         // paints the diagram as shown
            const std::vector<Text>& texts = flow->paintedTexts();
            const QString where = QStringLiteral("step %1: ").arg(step);
            const QString problem = layoutProblem(*flow, true);
            QVERIFY2(problem.isEmpty(), qPrintable(where + problem));
            QCOMPARE(legendOf(texts), expectedLegend());
            // No scroll bar anywhere in the window.
            for (const QScrollBar* bar : p->findChildren<QScrollBar*>())
                QVERIFY2(!bar->isVisible(), qPrintable(where + QStringLiteral("a scroll bar shows")));
            // The newest arrow is in sight with its Seq and Ack whole, as large as its label.
            const synflow::FlowArrow& a = flow->graph().arrows()[size_t(step - 1)];
            QString comment;
            int labelPixels = 0;
            for (const Text& t : texts) {
                if (t.arrow != step - 1)
                    continue;
                if (t.kind == Text::Comment) {
                    comment += t.text + QLatin1Char(' ');
                    QVERIFY2(QFontInfo(t.font).pixelSize() >= kMinimumPixels, qPrintable(where + describe(t)));
                }
                if (t.kind == Text::Label)
                    labelPixels = QFontInfo(t.font).pixelSize();
                if (t.kind == Text::Label || t.kind == Text::State)
                    QVERIFY2(QFontInfo(t.font).pixelSize() >= kMinimumPixels, qPrintable(where + describe(t)));
            }
            QVERIFY2(comment.contains(QStringLiteral("Seq = %1").arg(a.seq)), qPrintable(where + comment));
            if (a.ackValid)
                QVERIFY2(comment.contains(QStringLiteral("Ack = %1").arg(a.ack)), qPrintable(where + comment));
            for (const Text& t : texts)
                if (t.arrow == step - 1 && t.kind == Text::Comment)
                    QVERIFY2(QFontInfo(t.font).pixelSize() >= labelPixels, qPrintable(where + describe(t)));
            // The explanation: large, readable, and whole (its wrapped text fits its height).
            QVERIFY(QFontInfo(explanation->font()).pixelSize() >= kMinimumPixels);
            QVERIFY2(explanation->heightForWidth(explanation->width()) <= explanation->height(), qPrintable(where + explanation->text()));
            const double c = contrast::ratio(explanation->palette().color(QPalette::WindowText), explanation->palette().color(QPalette::Window));
            QVERIFY2(c >= contrast::kMinimumText, qPrintable(where + QString::number(c)));
            // The newest arrow's row sits where the time axis puts it.
            if (timeToScale && step > 1) {
                int top = -1, previousTop = -1;
                for (const Text& t : texts)
                    if (t.kind == Text::Label && (t.arrow == step - 1 || t.arrow == step - 2))
                        (t.arrow == step - 1 ? top : previousTop) = t.column.top();
                const double gap = synflow::secondsBetween(a.time, flow->graph().arrows()[size_t(step - 2)].time);
                if (top >= 0 && previousTop >= 0) {
                    QVERIFY2(top - previousTop >= flow->rowHeight(), qPrintable(where));
                    if (gap >= 1.0 && top - previousTop > flow->rowHeight())
                        ++widerGaps;
                }
            }
        }
        if (timeToScale) {
            bool silence = false;
            const auto& arrows = flow->graph().arrows();
            for (size_t i = 1; i < arrows.size(); ++i)
                silence |= synflow::secondsBetween(arrows[i].time, arrows[i - 1].time) >= 1.0;
            QVERIFY(!silence || widerGaps > 0);
        }
        p->close();
    }

    // Quiz mode's answer fields and the buttons show where they are in either scheme: each has
    // an outline of at least 3:1 (WCAG's floor for a control's boundary) on the window.
    void quizControlsVisible_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addRow("light") << false;
        QTest::addRow("dark") << true;
    }

    void quizControlsVisible()
    {
        QFETCH(bool, dark);
        applyTheme(dark);
        MainWindow w;
        ProjectorWindow* p = teach(w, dataFile("lo-closeclient.pcapng"));
        QVERIFY(p);
        p->resize(1024, 768);
        p->show();
        QVERIFY(QTest::qWaitForWindowExposed(p));
        p->setQuiz(true);
        p->next();
        p->next();
        QCoreApplication::processEvents();
        const QImage shot = p->grab().toImage();
        const QColor window = p->palette().color(QPalette::Window);
        for (const char* name : {"quizSeq", "quizAck", "quizStateFrom", "quizStateTo", "quizReveal"}) {
            auto* control = part<QWidget>(*p, name);
            QVERIFY2(control && control->isVisible(), name);
            const QRect r(control->mapTo(p, QPoint(0, 0)), control->size());
            double best = 0; // the strongest edge pixel of the control's frame
            for (int x = r.left(); x <= r.right(); ++x)
                for (const int y : {r.top(), r.top() + 1, r.bottom() - 1, r.bottom()})
                    best = std::max(best, contrast::ratio(QColor(shot.pixel(x, y)), window));
            QVERIFY2(best >= 3.0, qPrintable(QStringLiteral("%1: outline %2:1").arg(QLatin1String(name)).arg(best, 0, 'f', 2)));
        }
        p->close();
    }

    // Retransmissions and duplicate ACKs are named on their arrows, not "[data]" or "[ack]".
    void arrowsNamedByWhatTheyAre()
    {
        applyLanguage(QStringLiteral("en"));
        MainWindow w;
        ProjectorWindow* p = teach(w, dataFile("lo-fastretx.pcapng"));
        QVERIFY(p);
        p->resize(1024, 768);
        p->show();
        const FlowView* flow = diagramOf(*p);
        int retransmissions = 0, duplicates = 0;
        for (size_t i = 0; i < flow->graph().arrows().size(); ++i) {
            const synflow::FlowArrow& a = flow->graph().arrows()[i];
            p->next();
            p->grab();
            QString painted;
            for (const Text& t : flow->paintedTexts())
                if (t.arrow == int(i) && t.kind == Text::Comment)
                    painted += t.text + QLatin1Char(' ');
            if (a.analysisFlags & synflow::TcpAnyRetransmission) {
                ++retransmissions;
                QVERIFY2(painted.contains(QLatin1String("retransmission]")), qPrintable(painted));
            } else if (a.analysisFlags & synflow::TcpDuplicateAck) {
                ++duplicates;
                QVERIFY(a.dupAckNum > 0);
                QVERIFY2(painted.contains(QStringLiteral("[dup ACK #%1]").arg(a.dupAckNum)), qPrintable(painted));
            }
            QVERIFY2(!painted.contains(QLatin1String("[data]")) || !(a.analysisFlags & synflow::TcpAnyRetransmission), qPrintable(painted));
        }
        QVERIFY(retransmissions > 0);
        QVERIFY(duplicates > 1);
        p->close();
    }

    // Each arrow shows the states passed through on the way, not only the last one: the
    // three-segment close's FIN-ACK takes its receiver FIN-WAIT-1 -> FIN-WAIT-2 -> TIME-WAIT.
    void statesPassedThroughAreShown()
    {
        applyLanguage(QStringLiteral("en"));
        MainWindow w;
        ProjectorWindow* p = teach(w, dataFile("lo-threeseg.pcapng"));
        QVERIFY(p);
        p->resize(1024, 768);
        p->show();
        const FlowView* flow = diagramOf(*p);
        int withVia = 0;
        for (size_t i = 0; i < flow->graph().arrows().size(); ++i) {
            const synflow::FlowArrow& a = flow->graph().arrows()[i];
            p->next();
            p->grab();
            QStringList states; // a state passed through may have a line of its own
            for (const Text& t : flow->paintedTexts())
                if (t.arrow == int(i) && t.kind == Text::State)
                    states << t.text;
            const QString written = states.join(QLatin1Char(' '));
            for (const auto& [via, state] : {std::pair{a.viaFrom, a.stateFrom}, std::pair{a.viaTo, a.stateTo}}) {
                if (via == synflow::TcpState::Unknown)
                    continue;
                ++withVia;
                const QString expected = QStringLiteral("%1 → %2").arg(QLatin1String(synflow::tcpStateName(via)), QLatin1String(synflow::tcpStateName(state)));
                QVERIFY2(written.contains(expected), qPrintable(written + QStringLiteral(" lacks ") + expected));
            }
        }
        QVERIFY(withVia > 0);
        p->close();
    }

    void mainWindowFlowGraph_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<bool>("dark");
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("timeToScale");
        QTest::addColumn<QSize>("size");
        const QSize projector(1024, 768), wide(1280, 720); // the two projector sizes
        for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_CN")})
            for (const bool dark : {false, true})
                for (const int width : {260, 700})
                    QTest::addRow("%s-%s-%d", qPrintable(language), dark ? "dark" : "light", width) << language << dark << width << false;
        QTest::addRow("en-light-700-timescale") << QStringLiteral("en") << false << 700 << true;
        QTest::addRow("zh_CN-dark-260-timescale") << QStringLiteral("zh_CN") << true << 260 << true;
    }

    // The main window's flow graph keeps the same rules at any width; a narrow one wraps its
    // legend rather than dropping entries.
    void mainWindowFlowGraph()
    {
        QFETCH(QString, language);
        QFETCH(bool, dark);
        QFETCH(int, width);
        QFETCH(bool, timeToScale);
        applyLanguage(language);
        applyTheme(dark);
        MainWindow w; // for a capture's analysis
        w.show();
        flowDock(w)->show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(dataFile("lo-fastretx.pcapng")) && done.wait(10000));
        QTRY_VERIFY(!flowView(w)->graph().arrows().empty());
        FlowView view;
        view.setGraph(flowView(w)->graph());
        if (timeToScale) {
            // The dock's own choice, then a separate view drawn the same way.
            auto* scale = part<QComboBox>(w, "flowTimeScale");
            QVERIFY(scale);
            scale->setCurrentIndex(1);
            QCOMPARE(flowView(w)->timeScale(), synflow::FlowTimeScale::Proportional);
            view.setTimeScale(synflow::FlowTimeScale::Proportional);
        }
        view.resize(width, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.grab();
        const QString problem = layoutProblem(view, false);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(legendOf(view.paintedTexts()), expectedLegend());
        for (const Text& t : view.paintedTexts())
            if (t.kind == Text::Legend || t.kind == Text::Header)
                QVERIFY2(view.viewport()->rect().contains(t.rect) || t.kind == Text::Header, qPrintable(describe(t)));
    }
};

QTEST_MAIN(TestProjectorLayout)
#include "tst_projectorlayout.moc"
