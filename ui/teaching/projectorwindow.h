#pragma once
// Projector / teaching mode: one conversation, full screen, large type, high contrast, revealed
// one arrow at a time with a plain-words explanation of each step.
#include <QWidget>

#include "flow/flowgraph.h"
#include "flow/teaching.h"

class FlowView;
class QLabel;
class QTimer;

class ProjectorWindow : public QWidget {
    Q_OBJECT
public:
    explicit ProjectorWindow(synflow::FlowGraph graph, QWidget* parent = nullptr);

    int step() const { return step_; } // arrows shown
    QString explanation() const;
    void setDark(bool dark);
    void next();
    void back();
    void restart();
    void togglePlay();
    bool playing() const;
    // The conversation grew (live capture): new arrows can be stepped to; what is revealed
    // stays, and playing goes on into them.
    void updateGraph(synflow::FlowGraph graph);

protected:
    void keyPressEvent(QKeyEvent* e) override;
    void changeEvent(QEvent* e) override;

private:
    void showStep(int step);
    void retranslate();

    synflow::FlowGraph graph_;
    FlowView* flow_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* text_ = nullptr;
    QLabel* keys_ = nullptr;
    QTimer* timer_ = nullptr;
    int step_ = 0;
    bool dark_ = false;
    bool playedToEnd_ = false; // play ran out of arrows: new ones keep it going
};

// The explanation of one step in the user's language (core/flow/teaching.h has the facts).
QString explainStepTranslated(const synflow::StepFacts& facts);
