#pragma once
// Handouts of a lesson: one page per step of a conversation — the diagram up to that step (the
// step's arrow selected), its explanation, both ends' states and the packet's comments — drawn
// by the flow painter at the teaching window's proportions. Qt Gui only (synflow_flowpaint), so
// synflow-cli writes the same PDF headless as the window.
#include "flow/flowgraph.h"

#include <QCoreApplication>
#include <QSize>
#include <QString>

#include <functional>

class QIODevice;
class QPainter;
class QRect;

class Handout {
    Q_DECLARE_TR_FUNCTIONS(Handout)
public:
    // The explanation of arrow i (0-based): the window's translated one or the CLI's English one.
    using Explain = std::function<QString(size_t arrow)>;
    // The page of a step image: a 1280×720 projector slide.
    static constexpr QSize kImageSize{1280, 720};

    Handout(const synflow::FlowGraph& graph, Explain explain);
    int steps() const { return int(graph_.arrows().size()); }

    QString title(int step) const;  // "Step 3 of 10"
    QString states(int step) const; // both ends' states after the step
    QString note(int step) const { return noteLine(graph_, step - 1); }
    // "Comment: …" for arrow `arrow`'s packet comments, "" if none (the teaching window's too).
    static QString noteLine(const synflow::FlowGraph& graph, int arrow);
    QString explanation(int step) const { return explain_(size_t(step - 1)); }
    // Step `step` (1-based) on white in `area`: the texts at the bottom, the diagram scaled to
    // what is left above them.
    void paintStep(QPainter& p, const QRect& area, int step) const;

    // A PDF, one page per step, its text kept as text. The path form is atomic (a temporary
    // file beside it, synced, renamed).
    bool writePdf(QIODevice* out, QString* error) const;
    bool writePdf(const QString& path, QString* error) const;
    // One PNG per step in `folder` (created if needed), named stepFileName(); each file atomic.
    bool writePngs(const QString& folder, QString* error) const;
    QString stepFileName(int step, const QString& suffix) const; // "step-03.png"

private:
    const synflow::FlowGraph& graph_;
    Explain explain_;
};
