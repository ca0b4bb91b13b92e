#pragma once
// Quiz mode's answers for the teaching window: the teacher may type what the class calls out
// for the hidden step (Seq, Ack, both ends' new states) before revealing it; each revealed
// step is marked and a tally of right and wrong answers is kept.
#include <QWidget>

#include "flow/quiz.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

class QuizPanel : public QWidget {
    Q_OBJECT
public:
    explicit QuizPanel(QWidget* parent = nullptr);

    // The answers typed; fields left empty (or not a number / state) are not marked.
    synflow::QuizGuess guess() const;
    // Marks the answers for `arrow`, adds them to the tally, shows them, and clears the fields.
    synflow::QuizMarks mark(const synflow::FlowArrow& arrow);
    const synflow::QuizTally& tally() const { return tally_; }
    void resetTally();
    void setRevealEnabled(bool enabled); // a hidden step waits to be revealed

signals:
    void revealRequested();

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate();
    void showTally();

    QLineEdit* seq_ = nullptr;
    QLineEdit* ack_ = nullptr;
    QComboBox* from_ = nullptr;
    QComboBox* to_ = nullptr;
    QPushButton* reveal_ = nullptr;
    QLabel* seqLabel_ = nullptr;
    QLabel* ackLabel_ = nullptr;
    QLabel* fromLabel_ = nullptr;
    QLabel* toLabel_ = nullptr;
    QLabel* tallyLabel_ = nullptr;
    QLabel* marks_ = nullptr;
    synflow::QuizTally tally_;
    synflow::QuizMarks last_;
    bool marked_ = false;
};
