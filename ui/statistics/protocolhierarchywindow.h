#pragma once
// Statistics → Protocol Hierarchy: every layer of the capture's packets as a tree with
// Wireshark's columns, counted in the background (core/stats/protocolhierarchy, the figures
// `synflow-cli phs` prints). "Limit to display filter" counts only the packets the filter bar
// shows; a row's menu applies its protocol as the display filter.
#include "statistics/protocolhierarchymodel.h"
#include "support/backgroundjob.h"

#include <QWidget>

#include <atomic>
#include <memory>
#include <vector>

class QCheckBox;
class QLabel;
class QMenu;
class QPushButton;
class QTreeView;

namespace synflow {
class AnalysedCapture;
}

class ProtocolHierarchyWindow : public QWidget {
    Q_OBJECT
public:
    explicit ProtocolHierarchyWindow(QWidget* parent = nullptr);
    ~ProtocolHierarchyWindow() override;

    void setCapture(std::shared_ptr<const synflow::AnalysedCapture> capture);
    // The main window's display filter (text and shown mask; null: none).
    void setDisplayFilter(const QString& text, const std::vector<uint8_t>* shown);

    ProtocolHierarchyModel* model() const { return model_; }
    QTreeView* view() const { return view_; }
    bool isCounting() const { return job_.isRunning(); }
    // The row's menu (built for the row at `index`; tests trigger its actions).
    QMenu* rowMenu(const QModelIndex& index);

signals:
    void counted();
    void applyFilterRequested(const QString& filter);

protected:
    void changeEvent(QEvent* e) override;

private:
    void recount();
    void retranslate();
    void applySelected();

    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    QString filterText_;
    std::vector<uint8_t> shown_;
    bool hasFilter_ = false;
    ProtocolHierarchyModel* model_;
    QTreeView* view_;
    QCheckBox* limit_;
    QLabel* status_;
    QPushButton* applyFilter_;
    QMenu* menu_ = nullptr;
    std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false);
    BackgroundJob<std::shared_ptr<const synflow::ProtocolHierarchy>> job_;
};
