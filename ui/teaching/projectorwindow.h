#pragma once
// Projector / teaching mode: one conversation, full screen, large type, high contrast, revealed
// one arrow at a time with a plain-words explanation of each step.
#include <QWidget>

#include "flow/flowgraph.h"
#include "flow/teaching.h"

#include <memory>

class FlowView;
class QLabel;
class QPushButton;
class QTimer;
class QuizPanel;

namespace synflow {
class AnalysedCapture;
}

class ProjectorWindow : public QWidget {
    Q_OBJECT
public:
    explicit ProjectorWindow(synflow::FlowGraph graph, QWidget* parent = nullptr);
    // Teaching mode on the conversation of `frame` (0-based); null, with the reason in `error`,
    // when that packet is not TCP or the analysis is not ready.
    static ProjectorWindow* openOnFrame(std::shared_ptr<const synflow::AnalysedCapture> capture, size_t frame, QWidget* parent,
                                        QString* error);

    // The diagram's and the explanation's type, readable from the back of a classroom.
    static constexpr int kProjectorTextPixels = 24;

    int step() const { return step_; } // arrows shown
    void setDark(bool dark);
    void next();
    void back();
    void restart();
    void togglePlay();
    bool playing() const;
    void last(); // every step shown

    // Quiz: each next step comes with its Seq, Ack and states hidden until reveal().
    void setQuiz(bool on);
    bool quiz() const { return quiz_; }
    bool hidden() const { return hidden_; } // the step shown waits to be revealed
    void reveal();
    // Presenter: the screen goes black (and back), as a clicker's B or '.' asks.
    void setBlank(bool blank);
    bool blank() const;
    // Rows placed in proportion to time.
    void setTimeProportional(bool on);
    // Lifelines named "Client" and "Server" (follows the application's anonymised-hosts switch).
    void setAnonymised(bool on);
    // The conversation grew (live capture): new arrows can be stepped to; what is revealed
    // stays, and playing goes on into them.
    void updateGraph(synflow::FlowGraph graph);
    // The same from the capture it was opened on (a live capture grew).
    void refresh();
    // The comments of `frame` changed: shown beside its arrow and under its explanation.
    void notesChanged(size_t frame);
    // C: the teacher adds or edits the comment of the step shown (stored in the capture's
    // comment edits). The editor is returned (null when there is no step or no capture).
    QWidget* editStepComment();
    // H: the lesson as a PDF handout, or one PNG/SVG per step (handoutdialog.h).
    void exportHandout();

signals:
    void commentsChanged(size_t frame);

protected:
    void keyPressEvent(QKeyEvent* e) override;
    void changeEvent(QEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;

private:
    void showStep(int step);
    void retranslate();
    void applyNames();      // graph_ from original_, with the classroom's names or the real ones
    void showHiddenStep(); // the quiz's view of a step before it is revealed

    synflow::FlowGraph original_; // as built, with the real names
    synflow::FlowGraph graph_;    // as shown
    std::shared_ptr<const synflow::AnalysedCapture> capture_; // when opened on a capture
    int64_t stream_ = -1;
    FlowView* flow_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* text_ = nullptr;
    QLabel* keys_ = nullptr;
    QTimer* timer_ = nullptr;
    QuizPanel* quizPanel_ = nullptr;
    QPushButton* quizButton_ = nullptr;
    QPushButton* timeButton_ = nullptr;
    QPushButton* anonymiseButton_ = nullptr;
    QWidget* blank_ = nullptr;
    bool quiz_ = false, hidden_ = false, anonymised_ = false;
    int step_ = 0;
    bool dark_ = false;
    bool playedToEnd_ = false; // play ran out of arrows: new ones keep it going
};

// The explanation of one step in the user's language (core/flow/teaching.h has the facts).
QString explainStepTranslated(const synflow::StepFacts& facts);
