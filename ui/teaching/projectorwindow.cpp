#include "teaching/projectorwindow.h"

#include "analysis/analysedcapture.h"
#include "capture/packetcomments.h"

#include "flowgraph/flowview.h"
#include "packets/packetcommentedit.h"
#include "support/anonymity.h"
#include "support/theme.h"
#include "teaching/handoutdialog.h"
#include "teaching/handoutexport.h"
#include "teaching/quizpanel.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QCoreApplication>
#include <QFrame>
#include <QInputDialog>
#include <QKeyEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <tuple>

using namespace synflow;

QString explainStepTranslated(const StepFacts& f)
{
    auto tr = [](const char* s) { return QCoreApplication::translate("Teaching", s); };
    const QString role = QCoreApplication::translate("TcpRole", tcpRoleName(f.role));
    QString s = tr("%1: %2 sends [%3]").arg(role, QString::fromStdString(f.fromName), QString::fromStdString(f.flags));
    if (f.len)
        s += tr(" with %1 bytes of data").arg(f.len);
    s += tr(". ");
    auto sentence = [&](const char* text) {
        const QString t = tr(text);
        return t.endsWith(QChar(0x3002)) ? t : t + QLatin1Char(' '); // a Chinese full stop needs no space after it
    };
    if (f.syn && !f.hasAck)
        s += tr("A SYN opens the connection and chooses a first sequence number (shown as 0). ");
    if (f.syn && f.hasAck)
        s += sentence(teachtext::SynAckIsn);
    if (f.role == TcpRole::SynToClosedPort)
        s += sentence(teachtext::SynToClosedPort);
    // The sum's result, as `synflow-cli flow --explain` prints it, goes with its last term:
    // numbers and signs read the same in every language.
    auto sum = [](uint32_t term, uint32_t result) { return QStringLiteral("%1 = %2").arg(term).arg(result); };
    if (f.prevIndex >= 0 && f.seq == f.prevSeq + f.prevLen + (f.prevSynOrFin ? 1 : 0)) {
        if (f.prevSynOrFin)
            s += tr("Seq = %1 + %2: its %3 consumed one sequence number. ")
                     .arg(f.prevSeq)
                     .arg(sum(f.prevLen + 1, f.seq))
                     .arg(f.prevSyn ? "SYN" : "FIN");
        else if (f.prevLen)
            s += tr("Seq = %1 + %2: the bytes it sent before. ").arg(f.prevSeq).arg(sum(f.prevLen, f.seq));
    }
    if (f.ackedIndex >= 0) {
        if (f.ackedSynOrFin)
            s += tr("Ack = %1 + %2: a %3 consumes one sequence number. ")
                     .arg(f.ackedSeq)
                     .arg(sum(f.ackedLen + 1, f.ack))
                     .arg(f.ackedSyn ? "SYN" : "FIN");
        else
            s += tr("Ack = %1 + %2: the next byte expected. ").arg(f.ackedSeq).arg(sum(f.ackedLen, f.ack));
    }
    if (f.fin)
        s += tr("FIN: this side has no more data to send. ");
    if (f.role == TcpRole::SimultaneousClose)
        s += sentence(teachtext::SimultaneousClose);
    if (f.rst)
        s += f.role == TcpRole::Refused ? sentence(teachtext::Refused) : tr("RST aborts the connection at once. ");
    for (const AnalysisNote& n : kAnalysisNotes) {
        if (!(f.analysisFlags & n.flag))
            continue;
        const QString note = tr(n.text);
        s += note;
        if (!note.endsWith(QChar(0x3002))) // a Chinese full stop needs no space after it
            s += QLatin1Char(' ');
    }
    s += tr("Now %1 is %2 and %3 is %4.")
             .arg(QString::fromStdString(f.fromName), QString::fromLatin1(tcpStateName(f.stateFrom)), QString::fromStdString(f.toName),
                  QString::fromLatin1(tcpStateName(f.stateTo)));
    const QString from = QString::fromStdString(f.fromName), to = QString::fromStdString(f.toName);
    auto more = [&](const QString& t) {
        if (!s.endsWith(QChar(0x3002)))
            s += QLatin1Char(' ');
        s += t;
    };
    if (f.viaFrom != TcpState::Unknown)
        more(tr(teachtext::viaText(f.viaFrom)).arg(from, QString::fromLatin1(tcpStateName(f.viaFrom))));
    if (f.viaTo != TcpState::Unknown)
        more(tr(teachtext::viaText(f.viaTo)).arg(to, QString::fromLatin1(tcpStateName(f.viaTo))));
    for (const auto& [state, name, silent] : {std::tuple{f.stateFrom, from, f.fromSilent}, std::tuple{f.stateTo, to, f.toSilent}}) {
        if (state != TcpState::Unknown)
            continue;
        if (f.noOpening)
            more(tr(teachtext::UnknownNoOpening).arg(name));
        if (silent)
            more(tr(teachtext::UnknownSilent).arg(name));
    }
    if (f.stateTo == TcpState::Unknown && f.toCrossesSyn)
        more(tr(teachtext::UnknownCrossing).arg(to));
    return s;
}

ProjectorWindow::ProjectorWindow(FlowGraph graph, QWidget* parent) : QWidget(parent, Qt::Window), original_(std::move(graph))
{
    graph_ = original_;
    setAttribute(Qt::WA_DeleteOnClose);
    // Sizes in pixels: what the back row sees depends on the projected pixels, not on the
    // desktop's point size. The diagram's Seq/Ack, labels and states share one size.
    QFont big = font();
    big.setPixelSize(kProjectorTextPixels);
    setFont(big);
    flow_ = new FlowView(this);
    flow_->setObjectName(QStringLiteral("teachingDiagram"));
    flow_->setLineScale(2.0);
    flow_->setFocusPolicy(Qt::NoFocus);
    flow_->setFitWidth(true);
    flow_->setFrameShape(QFrame::NoFrame);
    title_ = new QLabel(this);
    title_->setObjectName(QStringLiteral("stepTitle"));
    QFont titleFont = big;
    titleFont.setBold(true);
    title_->setFont(titleFont);
    text_ = new QLabel(this);
    text_->setObjectName(QStringLiteral("explanation"));
    text_->setWordWrap(true);
    text_->setTextFormat(Qt::PlainText);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4); // every pixel of a 1024-wide projector for the diagram
    layout->addWidget(title_);
    layout->addWidget(flow_, 1);
    layout->addWidget(text_);
    QFont small = font();
    small.setPixelSize(20); // the key help and controls: for the teacher, not the class
    quizPanel_ = new QuizPanel(this);
    quizPanel_->setObjectName(QStringLiteral("quizPanel"));
    quizPanel_->setFont(small);
    quizPanel_->hide();
    connect(quizPanel_, &QuizPanel::revealRequested, this, &ProjectorWindow::reveal);
    layout->addWidget(quizPanel_);
    auto* controls = new QHBoxLayout;
    auto button = [&](QPushButton*& b, const char* name) {
        b = new QPushButton(this);
        b->setObjectName(QLatin1String(name));
        b->setCheckable(true);
        b->setFocusPolicy(Qt::NoFocus); // the keys stay the window's
        b->setFont(small);
        controls->addWidget(b);
    };
    button(quizButton_, "quizToggle");
    button(timeButton_, "timeScaleToggle");
    button(anonymiseButton_, "anonymiseToggle");
    connect(quizButton_, &QPushButton::toggled, this, &ProjectorWindow::setQuiz);
    connect(timeButton_, &QPushButton::toggled, this, &ProjectorWindow::setTimeProportional);
    connect(anonymiseButton_, &QPushButton::toggled, this, &ProjectorWindow::setAnonymised);
    keys_ = new QLabel(this);
    keys_->setObjectName(QStringLiteral("keyHelp"));
    keys_->setWordWrap(true);
    keys_->setFont(small);
    controls->addWidget(keys_, 1);
    layout->addLayout(controls);
    // The screen a clicker's B blanks: black over everything until pressed again.
    blank_ = new QWidget(this);
    blank_->setObjectName(QStringLiteral("blankScreen"));
    blank_->setAccessibleName(tr("Blank screen"));
    QPalette black;
    black.setColor(QPalette::Window, Qt::black);
    blank_->setPalette(black);
    blank_->setAutoFillBackground(true);
    blank_->hide();
    anonymised_ = Anonymity::instance().enabled();
    anonymiseButton_->setChecked(anonymised_);
    connect(&Anonymity::instance(), &Anonymity::changed, this, [this](bool on) {
        anonymised_ = on;
        const QSignalBlocker block(anonymiseButton_);
        anonymiseButton_->setChecked(on);
        applyNames();
    });
    applyNames();
    timer_ = new QTimer(this);
    timer_->setInterval(1500);
    connect(timer_, &QTimer::timeout, this, [this] {
        if (step_ >= int(graph_.arrows().size()) && !hidden_) {
            timer_->stop();
            playedToEnd_ = true;
        } else {
            next();
        }
    });
    setDark(isDarkThemeApplied()); // as the rest of the application, until D switches it
    retranslate();
}

void ProjectorWindow::applyNames()
{
    graph_ = original_;
    if (anonymised_ && !graph_.nodes().empty()) {
        // The end that opened the connection (its SYN without ACK) is the client; else the first sender.
        uint16_t client = graph_.arrows().empty() ? 0 : graph_.arrows().front().from;
        for (const FlowArrow& a : graph_.arrows())
            if ((a.tcpFlags & TcpSyn) && !(a.tcpFlags & TcpAck)) {
                client = a.from;
                break;
            }
        size_t n = 0;
        graph_.renameNodes([&](const std::string&) {
            const size_t node = n++;
            if (node == client)
                return tr("Client").toStdString();
            if (graph_.nodes().size() == 2)
                return tr("Server").toStdString();
            return tr("Host %1").arg(node + 1).toStdString();
        });
    }
    flow_->setGraph(graph_, true);
    if (step_ > 0)
        flow_->setCurrentFrame(graph_.arrows()[size_t(step_ - 1)].frame);
    showStep(step_);
}

void ProjectorWindow::retranslate()
{
    setWindowTitle(tr("SynFlow — teaching mode"));
    keys_->setText(tr("Space/→/PgDn next · ←/PgUp back · Home/End first/last · P play · Q quiz · R reveal · B blank · T time axis · "
                      "A anonymise · D dark/light · C comment · H handout · Esc leave"));
    quizButton_->setText(tr("Quiz (Q)"));
    quizButton_->setAccessibleName(tr("Quiz mode: hide the next step's Seq, Ack and states"));
    timeButton_->setText(tr("Time to scale (T)"));
    timeButton_->setAccessibleName(tr("Time-proportional axis"));
    anonymiseButton_->setText(tr("Anonymise (A)"));
    anonymiseButton_->setAccessibleName(tr("Anonymised hosts: Client and Server"));
    if (anonymised_)
        applyNames(); // "Client" and "Server" in the new words; shows the step again
    else
        showStep(step_); // the title and the step's explanation, in the new words
}

void ProjectorWindow::changeEvent(QEvent* e)
{
    // The teacher may switch language with the class watching: the step shown is told again.
    if (e->type() == QEvent::LanguageChange && keys_)
        retranslate();
    QWidget::changeEvent(e);
}

void ProjectorWindow::setDark(bool dark)
{
    dark_ = dark;
    // Every colour the diagram and the labels use, so that nothing keeps the other theme's
    // (a dark blue link colour on black, a light scroll bar).
    QPalette pal = palette();
    const QColor bg = dark ? Qt::black : Qt::white, fg = dark ? Qt::white : Qt::black;
    for (auto role : {QPalette::Window, QPalette::Base, QPalette::AlternateBase, QPalette::Button})
        pal.setColor(role, bg);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        pal.setColor(role, fg);
    pal.setColor(QPalette::Link, dark ? QColor(0x8c, 0xc8, 0xff) : QColor(0x00, 0x4f, 0x9e));
    pal.setColor(QPalette::Mid, dark ? QColor(0x9a, 0x9a, 0x9a) : QColor(0x60, 0x60, 0x60));
    pal.setColor(QPalette::Highlight, dark ? QColor(0x33, 0x66, 0x99) : QColor(0xb3, 0xd9, 0xff));
    setPalette(pal);
    flow_->setPalette(pal);
    flow_->viewport()->setPalette(pal);
    // Fields and buttons draw their frame from the window colour, a shade darker: black on
    // black in the dark scheme, a pale grey (2:1) on white. Theirs is a grey whose frame is
    // over 4:1 on either, and in the dark a field is a shade lighter than the window, so the
    // quiz's answers show where to type.
    QPalette controls = pal;
    controls.setColor(QPalette::Window, QColor(0xa0, 0xa0, 0xa0));
    if (dark) {
        controls.setColor(QPalette::Base, QColor(0x1a, 0x1a, 0x1a));
        controls.setColor(QPalette::Button, QColor(0x26, 0x26, 0x26));
    }
    for (QWidget* c : findChildren<QWidget*>())
        if (qobject_cast<QLineEdit*>(c) || qobject_cast<QComboBox*>(c) || qobject_cast<QAbstractButton*>(c))
            c->setPalette(controls);
    setAutoFillBackground(true);
}

void ProjectorWindow::showStep(int step)
{
    step_ = std::clamp(step, 0, int(graph_.arrows().size()));
    flow_->setRevealCount(step_);
    if (step_ == 0) {
        flow_->clearCurrent();
        title_->setText(tr("%n segment(s) in this conversation", nullptr, int(graph_.arrows().size())));
        text_->setText(tr("Press Space to reveal the first segment."));
        return;
    }
    flow_->setCurrentFrame(graph_.arrows()[size_t(step_ - 1)].frame);
    flow_->setMaskedArrow(hidden_ ? step_ - 1 : -1);
    quizPanel_->setRevealEnabled(hidden_);
    if (hidden_) {
        title_->setText(tr("Step %1 of %2 — quiz").arg(step_).arg(graph_.arrows().size()));
        text_->setText(tr("What are this segment's Seq and Ack, and the new state of each end? Press R to reveal."));
        return;
    }
    title_->setText(tr("Step %1 of %2").arg(step_).arg(graph_.arrows().size()));
    QString text = explainStepTranslated(stepFacts(graph_, size_t(step_ - 1)));
    if (const QString note = Handout::noteLine(graph_, step_ - 1); !note.isEmpty())
        text += QLatin1Char('\n') + note;
    text_->setText(text);
}

void ProjectorWindow::notesChanged(size_t frame)
{
    if (!capture_)
        return;
    graph_.setNote(uint32_t(frame), joinComments(capture_->file().packetComments(frame)));
    flow_->setGraph(graph_, true);
    showStep(step_);
}

QWidget* ProjectorWindow::editStepComment()
{
    if (!capture_ || step_ == 0)
        return nullptr;
    const size_t frame = graph_.arrows()[size_t(step_ - 1)].frame;
    timer_->stop(); // the class waits while the teacher writes
    // The step's first comment is edited (a new one if it has none).
    return PacketCommentEdit::open(this, capture_->file(), frame, 0, [this](size_t f) {
        notesChanged(f);
        emit commentsChanged(f);
    });
}

void ProjectorWindow::exportHandout()
{
    timer_->stop();
    HandoutDialog::run(this, graph_);
}

void ProjectorWindow::next()
{
    if (hidden_) { // a clicker has one "next": it first reveals the hidden step
        reveal();
        return;
    }
    if (step_ >= int(graph_.arrows().size()))
        return;
    hidden_ = quiz_;
    showStep(step_ + 1);
}

void ProjectorWindow::back()
{
    hidden_ = false; // a step gone back to was answered already
    showStep(step_ - 1);
}

void ProjectorWindow::restart()
{
    hidden_ = false;
    showStep(0);
}

void ProjectorWindow::last()
{
    hidden_ = false;
    showStep(int(graph_.arrows().size()));
}

void ProjectorWindow::reveal()
{
    if (!hidden_ || step_ == 0)
        return;
    quizPanel_->mark(graph_.arrows()[size_t(step_ - 1)]);
    hidden_ = false;
    showStep(step_);
    setFocus(); // the teacher's keys again, not the answer just typed
}

void ProjectorWindow::setQuiz(bool on)
{
    quiz_ = on;
    const QSignalBlocker block(quizButton_);
    quizButton_->setChecked(on);
    quizPanel_->setVisible(on);
    if (on)
        quizPanel_->resetTally();
    if (!on && hidden_) { // leaving the quiz shows what was hidden, unmarked
        hidden_ = false;
        showStep(step_);
    }
}

void ProjectorWindow::setBlank(bool blank)
{
    blank_->setGeometry(rect());
    blank_->raise();
    blank_->setVisible(blank);
}

bool ProjectorWindow::blank() const { return blank_->isVisible(); }

void ProjectorWindow::resizeEvent(QResizeEvent* e)
{
    blank_->setGeometry(rect());
    QWidget::resizeEvent(e);
}

void ProjectorWindow::setTimeProportional(bool on)
{
    const QSignalBlocker block(timeButton_);
    timeButton_->setChecked(on);
    flow_->setTimeScale(on ? FlowTimeScale::Proportional : FlowTimeScale::Rows);
    if (step_ > 0) // the newest arrow stays in sight
        flow_->setCurrentFrame(graph_.arrows()[size_t(step_ - 1)].frame);
}

void ProjectorWindow::setAnonymised(bool on) { Anonymity::instance().setEnabled(on); }
bool ProjectorWindow::playing() const { return timer_->isActive(); }

void ProjectorWindow::togglePlay()
{
    playedToEnd_ = false;
    if (timer_->isActive())
        timer_->stop();
    else
        timer_->start();
}

namespace {

// One conversation, one lifeline per endpoint (both ends may share an address).
FlowGraph conversationGraph(const AnalysedCapture& capture, int64_t stream)
{
    FlowOptions o;
    o.stream = stream;
    o.by = FlowOptions::NodeBy::Endpoint;
    FlowGraph graph;
    graph.build(capture, o);
    return graph;
}

} // namespace

ProjectorWindow* ProjectorWindow::openOnFrame(std::shared_ptr<const AnalysedCapture> capture, size_t frame, QWidget* parent,
                                              QString* error)
{
    const TcpTracker* tracker = capture ? capture->tracker() : nullptr;
    const int64_t stream = tracker && frame < capture->packetCount() ? tracker->streamOf(uint32_t(frame)) : -1;
    if (stream < 0) {
        if (error)
            *error = tr("Select a TCP packet first: teaching mode shows its conversation.");
        return nullptr;
    }
    auto* window = new ProjectorWindow(conversationGraph(*capture, stream), parent);
    window->capture_ = std::move(capture);
    window->stream_ = stream;
    return window;
}

void ProjectorWindow::refresh()
{
    if (capture_)
        updateGraph(conversationGraph(*capture_, stream_));
}

void ProjectorWindow::updateGraph(FlowGraph graph)
{
    if (graph.arrows().size() <= original_.arrows().size())
        return;
    original_ = std::move(graph);
    applyNames(); // same arrows revealed, the count in the title grows
    if (playedToEnd_) {
        playedToEnd_ = false;
        timer_->start();
    }
}

void ProjectorWindow::keyPressEvent(QKeyEvent* e)
{
    switch (e->key()) {
    case Qt::Key_Space:
    case Qt::Key_Right:
    case Qt::Key_PageDown: // a presentation clicker's "next"
        next();
        break;
    case Qt::Key_Left:
    case Qt::Key_Backspace:
    case Qt::Key_PageUp:
        back();
        break;
    case Qt::Key_Home:
        restart();
        break;
    case Qt::Key_End:
        last();
        break;
    case Qt::Key_B:
    case Qt::Key_Period: // what clickers send for "blank"
        setBlank(!blank());
        break;
    case Qt::Key_Q:
        setQuiz(!quiz_);
        break;
    case Qt::Key_R:
    case Qt::Key_Return:
    case Qt::Key_Enter:
        reveal();
        break;
    case Qt::Key_T:
        setTimeProportional(flow_->timeScale() != FlowTimeScale::Proportional);
        break;
    case Qt::Key_A:
        setAnonymised(!anonymised_);
        break;
    case Qt::Key_P:
        togglePlay();
        break;
    case Qt::Key_D:
        setDark(!dark_);
        break;
    case Qt::Key_C:
        editStepComment();
        break;
    case Qt::Key_H:
        exportHandout();
        break;
    case Qt::Key_Escape:
        close();
        break;
    default:
        QWidget::keyPressEvent(e);
    }
}
