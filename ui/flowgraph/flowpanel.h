#pragma once
// The flow graph dock: which packets (the selected conversation, all TCP, the displayed
// packets, or the conversations ticked in a list), lifelines per address or per endpoint,
// the diagram itself, and export to PNG, SVG, PDF or tshark-style text. Big graphs are
// built in the background.
#include "support/backgroundjob.h"

#include <QElapsedTimer>
#include <QWidget>

#include <memory>
#include <vector>

class FlowView;
class QComboBox;
class QListWidget;
class QPushButton;
class QTimer;

namespace synflow {
class AnalysedCapture;
class FlowGraph;
} // namespace synflow

class FlowPanel : public QWidget {
    Q_OBJECT
public:
    enum Scope { Selected, All, Displayed, Ticked };

    explicit FlowPanel(QWidget* parent = nullptr);
    ~FlowPanel() override;

    // A new capture (or none); drawn once its analysis is ready. `growing`: a live capture,
    // whose analysis changes on this thread.
    void setCapture(std::shared_ptr<const synflow::AnalysedCapture> capture, bool growing);
    // The live capture stopped: the tracker no longer changes, so whole-capture diagrams are
    // built in the background again.
    void setGrowing(bool growing) { growing_ = growing; }
    // The packet list's display-filter verdicts (owned by the model), for the Displayed scope.
    void setShownMask(const std::vector<uint8_t>* mask);
    // Follows the selected packet: another conversation is drawn in the Selected scope, and
    // the diagram scrolls to the packet's arrow.
    void setSelectedFrame(size_t frame);
    // The capture grew or the filter changed: draw the current scope again.
    void refresh();
    // Packet comments were edited: the graph is built again to show them beside their arrows.
    void notesChanged();

    // Writes the graph shown: PNG, SVG, PDF or text by the name's suffix; atomic.
    bool exportTo(const QString& path, QString* error) const;
    bool isBuilding() const { return job_.isRunning(); }

signals:
    void frameActivated(size_t frame);

protected:
    void showEvent(QShowEvent* e) override;
    void changeEvent(QEvent* e) override; // a language switched in the menu applies at once

private:
    void retranslate();
    // `keepView`: a live capture's diagram grew (see FlowView::setGraph).
    void rebuild(bool force, bool keepView = false);
    void fillConversationList();
    QString conversationText(size_t conversation) const; // a ticked list's line
    void appendNewConversations();
    void chooseExportFile();
    void setGraph(synflow::FlowGraph graph, bool keepView = false);

    FlowView* view_;
    QComboBox* scope_;
    QComboBox* nodes_;
    QComboBox* type_;
    QComboBox* timeScale_; // rows in order, or time to scale
    QListWidget* conversations_;
    QPushButton* export_;
    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    const std::vector<uint8_t>* shown_ = nullptr;
    bool growing_ = false;
    bool stale_ = false; // something changed while hidden: rebuild when shown
    size_t selected_ = size_t(-1);
    int64_t drawnStream_ = -2; // Selected scope: the stream drawn (-2: nothing yet)
    BackgroundJob<std::shared_ptr<synflow::FlowGraph>> job_{this}; // a whole-capture graph being built
    QElapsedTimer sinceBuild_;          // live: when the whole-capture graph was last built
    QTimer* pendingRefresh_ = nullptr;  // live: the rebuild that waits for its second
};
