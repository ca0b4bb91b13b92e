#pragma once
// The flow graph as a sequence diagram: a lifeline per endpoint, an arrow per packet, each
// endpoint's TCP state written where it changes, and distinct styles (with a legend) for
// retransmissions, duplicate ACKs, resets and zero windows. Paints only the rows on screen.
#include <QAbstractScrollArea>

#include "flow/flowgraph.h"
#include "flowgraph/flowpainter.h"

#include <memory>
#include <vector>

class FlowView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit FlowView(QWidget* parent = nullptr);
    ~FlowView() override;

    // `keepView`: the same diagram grown (a live capture): the rows in sight stay, and a view at
    // its last row follows the new ones; otherwise it starts at the top.
    void setGraph(synflow::FlowGraph graph, bool keepView = false);
    const synflow::FlowGraph& graph() const { return graph_; }
    // Selects the arrow of a frame (0-based) and scrolls to it (unless `scroll` is false); false
    // if the frame has none.
    bool setCurrentFrame(size_t frame, bool scroll = true);
    void clearCurrent(); // no arrow selected
    int currentArrow() const { return current_; }
    int rowHeight() const;
    int headerHeight() const;
    // Projector: the diagram fits the width (the Seq/Ack column wraps) and pages down to the
    // newest arrow by itself, so neither scroll bar shows.
    void setFitWidth(bool fit);
    // What the last paint drew, text by text (elided ones are shown whole in a tooltip).
    const std::vector<FlowPainter::PaintedText>& paintedTexts() const { return painted_; }
    // Teaching: show only the first `count` arrows (-1: all), and draw thicker lines.
    void setRevealCount(int count);
    int revealCount() const { return reveal_; }
    void setLineScale(qreal scale);
    // Quiz: this arrow's Seq, Ack and new states are painted as "?" (-1: none).
    void setMaskedArrow(int index);
    int maskedArrow() const { return masked_; }
    // One row per arrow, or rows placed in proportion to time (gaps at true scale).
    void setTimeScale(synflow::FlowTimeScale scale);
    synflow::FlowTimeScale timeScale() const { return scale_; }
    // Zoom: the diagram's type and spacing scale together (Ctrl+wheel, Ctrl++ / Ctrl+- / Ctrl+0).
    void setZoom(qreal zoom);
    qreal zoom() const { return zoom_; }

signals:
    void frameActivated(size_t frame);

protected:
    bool event(QEvent* e) override; // its own zoom keys win over the window's View → Zoom
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void resizeEvent(QResizeEvent*) override;

private:
    void setCurrentArrow(int index, bool notify, bool scroll = true);
    void updateScrollBars();
    const FlowPainter& painter() const;

    synflow::FlowGraph graph_;
    std::unique_ptr<FlowPainter> painter_;
    int current_ = -1;
    int reveal_ = -1;
    int masked_ = -1;
    synflow::FlowTimeScale scale_ = synflow::FlowTimeScale::Rows;
    qreal zoom_ = 1.0;
    bool fit_ = false;
    std::vector<FlowPainter::PaintedText> painted_;
};
