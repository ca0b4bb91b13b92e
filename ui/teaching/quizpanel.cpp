#include "teaching/quizpanel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace synflow;

namespace {

QComboBox* stateBox(QWidget* parent)
{
    auto* box = new QComboBox(parent);
    box->setEditable(true); // typed as said: "syn sent", "time-wait"
    box->setInsertPolicy(QComboBox::NoInsert);
    box->addItem(QString()); // not answered
    for (int s = int(TcpState::Closed); s <= int(TcpState::LastAck); ++s)
        box->addItem(QString::fromLatin1(tcpStateName(TcpState(s))), s);
    return box;
}

std::optional<uint32_t> number(const QLineEdit* edit)
{
    bool ok = false;
    const uint32_t v = edit->text().trimmed().toUInt(&ok);
    return ok ? std::optional<uint32_t>(v) : std::nullopt;
}

std::optional<TcpState> state(const QComboBox* box)
{
    return parseTcpState(box->currentText().toStdString());
}

} // namespace

QuizPanel::QuizPanel(QWidget* parent) : QWidget(parent)
{
    // Two rows, so that it fits a 1024-pixel projector beside nothing else: the numbers with
    // Reveal and the tally, then the states with the last step's marks.
    auto* rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(2);
    auto* numbers = new QHBoxLayout;
    auto* states = new QHBoxLayout;
    rows->addLayout(numbers);
    rows->addLayout(states);
    auto field = [&](QHBoxLayout* row, QLabel*& label, QWidget* input, const char* name) {
        label = new QLabel(this);
        label->setBuddy(input);
        input->setObjectName(QLatin1String(name));
        row->addWidget(label);
        row->addWidget(input);
    };
    seq_ = new QLineEdit(this);
    ack_ = new QLineEdit(this);
    for (QLineEdit* e : {seq_, ack_}) {
        e->setMaximumWidth(160);
        e->setInputMethodHints(Qt::ImhDigitsOnly);
    }
    from_ = stateBox(this);
    to_ = stateBox(this);
    field(numbers, seqLabel_, seq_, "quizSeq");
    field(numbers, ackLabel_, ack_, "quizAck");
    field(states, fromLabel_, from_, "quizStateFrom");
    field(states, toLabel_, to_, "quizStateTo");
    reveal_ = new QPushButton(this);
    reveal_->setObjectName(QStringLiteral("quizReveal"));
    reveal_->setFocusPolicy(Qt::NoFocus); // the window keeps the keys (R, Space) for the teacher
    connect(reveal_, &QPushButton::clicked, this, &QuizPanel::revealRequested);
    for (QLineEdit* e : {seq_, ack_, from_->lineEdit(), to_->lineEdit()}) // Enter after the last answer reveals
        connect(e, &QLineEdit::returnPressed, this, &QuizPanel::revealRequested);
    numbers->addWidget(reveal_);
    tallyLabel_ = new QLabel(this);
    tallyLabel_->setObjectName(QStringLiteral("quizTally"));
    numbers->addWidget(tallyLabel_);
    numbers->addStretch(1);
    marks_ = new QLabel(this);
    marks_->setObjectName(QStringLiteral("quizMarks"));
    states->addWidget(marks_);
    states->addStretch(1);
    retranslate();
}

void QuizPanel::retranslate()
{
    seqLabel_->setText(tr("Seq:"));
    ackLabel_->setText(tr("Ack:"));
    fromLabel_->setText(tr("Sender:"));
    toLabel_->setText(tr("Receiver:"));
    seq_->setAccessibleName(tr("Seq the class called out"));
    ack_->setAccessibleName(tr("Ack the class called out"));
    from_->setAccessibleName(tr("Sender's new state the class called out"));
    to_->setAccessibleName(tr("Receiver's new state the class called out"));
    reveal_->setText(tr("Reveal (R)"));
    reveal_->setAccessibleName(tr("Reveal the hidden Seq, Ack and states"));
    marks_->setAccessibleName(tr("Marks of the last step"));
    tallyLabel_->setAccessibleName(tr("Quiz tally"));
    showTally();
}

void QuizPanel::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange && reveal_)
        retranslate();
    QWidget::changeEvent(e);
}

QuizGuess QuizPanel::guess() const { return {number(seq_), number(ack_), state(from_), state(to_)}; }

QuizMarks QuizPanel::mark(const FlowArrow& arrow)
{
    last_ = markGuess(arrow, guess());
    marked_ = true;
    tally_.add(last_);
    seq_->clear();
    ack_->clear();
    for (QComboBox* box : {from_, to_}) {
        box->setCurrentIndex(0);
        box->setEditText(QString());
    }
    showTally();
    return last_;
}

void QuizPanel::resetTally()
{
    tally_ = {};
    marked_ = false;
    showTally();
}

void QuizPanel::setRevealEnabled(bool enabled) { reveal_->setEnabled(enabled); }

void QuizPanel::showTally()
{
    tallyLabel_->setText(tr("Right: %1 · Wrong: %2").arg(tally_.right).arg(tally_.wrong));
    if (!marked_) {
        marks_->clear();
        return;
    }
    QStringList parts;
    auto part = [&](const QString& name, const std::optional<bool>& m) {
        if (m)
            parts << (*m ? tr("%1 ✓").arg(name) : tr("%1 ✗").arg(name));
    };
    part(tr("Seq"), last_.seq);
    part(tr("Ack"), last_.ack);
    part(tr("sender"), last_.stateFrom);
    part(tr("receiver"), last_.stateTo);
    marks_->setText(parts.isEmpty() ? tr("(no answers typed)") : parts.join(QStringLiteral("  ")));
}
