// Packet comments as a teacher uses them: added from the packet list's Packet Comments menu and
// from a teaching step (key C), then shown in the detail tree, matched by frame.comment in the
// display filter, and written beside their arrows in the flow graph and the teaching window —
// within their column, overlapping nothing. And the lesson handout the window exports (key H):
// a PDF page, a PNG and an SVG per step.
#include "ui/window/windowdriver.h"

#include "support/language.h"
#include "teaching/handoutdialog.h"

#include <QDir>
#include <QImage>
#include <QRegularExpression>
#include <QScrollBar>
#include <QInputDialog>
#include <QPlainTextEdit>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace windowparts;
using Text = FlowPainter::PaintedText;

namespace {

bool commentDialogOpen(QWidget* parent)
{
    auto* dialog = parent->findChild<QInputDialog*>(QStringLiteral("packetCommentDialog"));
    return dialog && dialog->isVisible();
}

// The comment dialog that just opened: its text typed in, then OK.
bool answerCommentDialog(QWidget* parent, const QString& text)
{
    auto* dialog = parent->findChild<QInputDialog*>(QStringLiteral("packetCommentDialog"));
    if (!dialog || !dialog->isVisible())
        return false;
    auto* edit = dialog->findChild<QPlainTextEdit*>();
    if (!edit)
        return false;
    edit->selectAll();
    QTest::keyClicks(edit, text);
    dialog->accept();
    return true;
}

// The comment lines the diagram painted for arrow `arrow`, joined; and whether each sits in its
// column and overlaps no other text.
QString paintedNote(FlowView& view, int arrow, QString* problem)
{
    view.viewport()->repaint();
    const std::vector<Text>& texts = view.paintedTexts();
    QStringList lines;
    for (size_t i = 0; i < texts.size(); ++i) {
        const Text& t = texts[i];
        if (t.kind != Text::Note || t.arrow != arrow)
            continue;
        lines << t.text;
        if (!t.column.contains(t.rect) || t.text != t.full)
            *problem = QStringLiteral("note cut or outside its column: ") + t.full;
        for (size_t j = 0; j < texts.size(); ++j)
            if (j != i && t.rect.intersects(texts[j].rect))
                *problem = QStringLiteral("note overlaps ") + texts[j].full;
    }
    return lines.join(QLatin1Char(' '));
}

int arrowOfFrame(const FlowView& view, size_t frame)
{
    const auto& arrows = view.graph().arrows();
    for (size_t i = 0; i < arrows.size(); ++i)
        if (arrows[i].frame == frame)
            return int(i);
    return -1;
}

QStringList topLevelTexts(DetailTreeView* tree)
{
    QStringList out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        out << tree->topLevelItem(i)->text(0);
    return out;
}

} // namespace

class TestAnnotations : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_annotations"));
        applyLanguage(QStringLiteral("en"));
    }

    void commentFromThePacketList()
    {
        MainWindow w;
        w.resize(1280, 860);
        w.show();
        QVERIFY(driver::open(w, MainWindow::demoCapturePath()));
        w.showFlowGraph();
        w.goToPacket(3);
        QCOMPARE(driver::selectedFrame(w), size_t(2));
        QVERIFY(!action(w, "save")->isEnabled()); // nothing to save yet
        // Packet Comments → Add New Comment…, as in Wireshark.
        QMenu* menu = driver::rightClickCell(w, 2, PacketListModel::Info);
        QVERIFY(menu);
        QVERIFY(driver::choose(menu, QStringLiteral("packetCommentsMenu/addPacketComment")));
        QTRY_VERIFY(commentDialogOpen(packetPane(w)));
        QVERIFY(answerCommentDialog(packetPane(w), QStringLiteral("the handshake ends here")));
        // The tree: "Packet comments" before the frame, with the comment and its expert item.
        QTRY_COMPARE(topLevelTexts(detailTree(w)).value(0), QStringLiteral("Packet comments"));
        QTreeWidgetItem* comments = detailTree(w)->topLevelItem(0);
        QCOMPARE(comments->child(0)->text(0), QStringLiteral("the handshake ends here"));
        QCOMPARE(detailTree(w)->fieldOf(comments->child(0))->name, std::string("frame.comment"));
        // The flow graph writes it beside its arrow, in its column, on nothing else.
        FlowView* view = flowView(w);
        QTRY_VERIFY(arrowOfFrame(*view, 2) >= 0 && view->graph().hasNotes());
        QString problem;
        QCOMPARE(paintedNote(*view, arrowOfFrame(*view, 2), &problem), QStringLiteral("the handshake ends here"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // The display filter finds it as Wireshark's frame.comment.
        packetPane(w)->applyFilterText(QStringLiteral("frame.comment contains \"handshake\""));
        QTRY_COMPARE(driver::listedFrames(w), QStringLiteral("3"));
        // Unsaved now: File → Save is offered. Edit it, then delete it: the views follow.
        QVERIFY(action(w, "save")->isEnabled());
        packetPane(w)->applyFilterText(QString());
        QTRY_COMPARE(packetModel(w)->rowCount(), 11);
        w.goToPacket(3);
        menu = driver::rightClickCell(w, 2, PacketListModel::Info);
        QVERIFY(menu);
        QVERIFY(driver::choose(menu, QStringLiteral("packetCommentsMenu/editPacketComment1")));
        QTRY_VERIFY(commentDialogOpen(packetPane(w)));
        QVERIFY(answerCommentDialog(packetPane(w), QStringLiteral("edited")));
        QTRY_COMPARE(detailTree(w)->topLevelItem(0)->child(0)->text(0), QStringLiteral("edited"));
        QTRY_COMPARE(paintedNote(*view, arrowOfFrame(*view, 2), &problem), QStringLiteral("edited"));
        menu = driver::rightClickCell(w, 2, PacketListModel::Info);
        QVERIFY(driver::choose(menu, QStringLiteral("packetCommentsMenu/deletePacketComments")));
        QTRY_VERIFY(!topLevelTexts(detailTree(w)).contains(QStringLiteral("Packet comments")));
        QTRY_VERIFY(!view->graph().hasNotes());
    }

    void commentOnATeachingStep()
    {
        MainWindow w;
        w.show();
        QVERIFY(driver::open(w, MainWindow::demoCapturePath()));
        w.showFlowGraph();
        w.goToPacket(1);
        ProjectorWindow* p = w.openProjector();
        QVERIFY(p);
        p->resize(1024, 768);
        p->show();
        QVERIFY(QTest::qWaitForWindowExposed(p));
        QTest::keyClick(p, Qt::Key_Space);
        QTest::keyClick(p, Qt::Key_Space);
        QCOMPARE(p->step(), 2);
        QTest::keyClick(p, Qt::Key_C);
        QTRY_VERIFY(commentDialogOpen(p));
        QVERIFY(answerCommentDialog(p, QStringLiteral("the server picks its own ISN, shown as 0")));
        // Beside the step's arrow, under its explanation, and in the main window's views too.
        FlowView* diagram = part<FlowView>(*p, "teachingDiagram");
        QString problem;
        QTRY_COMPARE(paintedNote(*diagram, 1, &problem), QStringLiteral("the server picks its own ISN, shown as 0"));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(explanationOf(*p).endsWith(QStringLiteral("\nComment: the server picks its own ISN, shown as 0")));
        // A long comment wraps in its column at 1024 pixels: every word painted, none cut.
        const QString longNote = QStringLiteral(
            "ask the class why this number is not the client's plus one: each side chooses its own initial sequence number, "
            "and both are shown relative to themselves");
        QTest::keyClick(p, Qt::Key_C);
        QTRY_VERIFY(commentDialogOpen(p));
        QVERIFY(answerCommentDialog(p, longNote));
        QTRY_COMPARE(paintedNote(*diagram, 1, &problem), longNote);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const size_t frame = diagram->graph().arrows()[1].frame;
        w.goToPacket(frame + 1);
        QTRY_COMPARE(topLevelTexts(detailTree(w)).value(0), QStringLiteral("Packet comments"));
        QTRY_VERIFY(flowView(w)->graph().hasNotes());
        // No scroll bar appeared on the projector for it.
        for (const QScrollBar* bar : p->findChildren<QScrollBar*>())
            QVERIFY(!bar->isVisible());
        p->close();
    }

    void handoutOfTheLesson()
    {
        MainWindow w;
        QVERIFY(driver::open(w, MainWindow::demoCapturePath()));
        w.goToPacket(1);
        ProjectorWindow* p = w.openProjector();
        QVERIFY(p);
        const synflow::FlowGraph& graph = part<FlowView>(*p, "teachingDiagram")->graph();
        const int steps = int(graph.arrows().size());
        QTemporaryDir dir;
        QString error;
        for (const char* suffix : {"png", "svg"}) {
            QVERIFY2(HandoutDialog::write(graph, dir.filePath(QStringLiteral("lesson.") + QLatin1String(suffix)), &error), qPrintable(error));
            const QStringList files = QDir(dir.filePath(QStringLiteral("lesson"))).entryList({QStringLiteral("step-*.") + QLatin1String(suffix)}, QDir::Files);
            QCOMPARE(files.size(), steps);
            QCOMPARE(files.first(), QStringLiteral("step-01.") + QLatin1String(suffix));
        }
        const QImage first(dir.filePath(QStringLiteral("lesson/step-01.png")));
        QCOMPARE(first.size(), QSize(1280, 720));
        QFile svg(dir.filePath(QStringLiteral("lesson/step-03.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("ESTABLISHED")); // text stays text
        const QString pdf = dir.filePath(QStringLiteral("lesson.pdf"));
        QVERIFY2(HandoutDialog::write(graph, pdf, &error), qPrintable(error));
        if (QStandardPaths::findExecutable(QStringLiteral("pdfinfo")).isEmpty())
            QSKIP("pdfinfo (poppler-utils) is not installed: the page count is not checked");
        QProcess info;
        info.start(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY(info.waitForFinished(20000));
        QVERIFY2(QString::fromUtf8(info.readAllStandardOutput()).contains(QRegularExpression(QStringLiteral("Pages:\\s+%1\\n").arg(steps))), "page count");
        QVERIFY(!HandoutDialog::write(graph, dir.filePath(QStringLiteral("lesson.doc")), &error));
        p->close();
    }
};

QTEST_MAIN(TestAnnotations)
#include "tst_annotations.moc"
