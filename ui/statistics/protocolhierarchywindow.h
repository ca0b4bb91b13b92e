#pragma once
// Statistics → Protocol Hierarchy: every layer of the capture's packets as a tree with
// Wireshark's columns, counted in the background (core/stats/protocolhierarchy, the figures
// `synflow-cli phs` prints). "Limit to display filter" counts only the packets the filter bar
// shows; a row's menu applies its protocol as the display filter.
#include "statistics/protocolhierarchymodel.h"
#include "statistics/statisticswindow.h"

class QMenu;
class QPushButton;
class QTreeView;

class ProtocolHierarchyWindow : public StatisticsWindow {
    Q_OBJECT
public:
    explicit ProtocolHierarchyWindow(QWidget* parent = nullptr);

    ProtocolHierarchyModel* model() const { return model_; }
    QTreeView* view() const { return view_; }
    // The row's menu (built for the row at `index`; tests trigger its actions).
    QMenu* rowMenu(const QModelIndex& index);

signals:
    void applyFilterRequested(const QString& filter);

private:
    void recount() override;
    void retranslate() override;
    void applySelected();

    ProtocolHierarchyModel* model_;
    QTreeView* view_;
    QPushButton* applyFilter_;
    QMenu* menu_ = nullptr;
};
