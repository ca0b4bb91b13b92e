#pragma once
// Statistics → Conversations and Statistics → Endpoints: a tab per protocol (Ethernet, IPv4,
// IPv6, TCP, UDP) with tshark's columns, sortable, copied as CSV or YAML, optionally limited to
// the packets the main display filter shows. Counted in the background. From a conversation
// row: Apply as Filter (double-click), Flow Graph, Teaching Mode, and in its menu Follow TCP
// Stream and TCP Stream Graph (TCP rows).
#include "statistics/statisticswindow.h"
#include "statistics/traffictablemodel.h"

class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

class TrafficWindow : public StatisticsWindow {
    Q_OBJECT
public:
    using Kind = TrafficTableModel::Kind;
    TrafficWindow(Kind kind, QWidget* parent = nullptr);

    TrafficTableModel* model(synflow::ConversationType type) const { return models_[size_t(type)]; }
    QTableView* view(synflow::ConversationType type) const { return views_[size_t(type)]; }

    // The current tab's rows in their shown order, as CSV (header line first) or YAML (a list).
    QString tableAsCsv() const;
    QString tableAsYaml() const;

signals:
    void applyFilterRequested(const QString& filter, size_t firstFrame);
    void flowGraphRequested(size_t firstFrame);
    void teachingRequested(size_t firstFrame);
    void followRequested(size_t firstFrame);
    void streamGraphRequested(size_t firstFrame);

private:
    void recount() override;
    void retranslate() override;
    void showMenu(QTableView* view, const QPoint& at);
    int currentSourceRow(QTableView* view) const;
    QTableView* currentView() const;
    void rowAction(int action); // 0 filter, 1 flow graph, 2 teaching, 3 follow, 4 stream graph
    void updateButtons();

    Kind kind_;
    QTabWidget* tabs_;
    QPushButton* copyCsv_;
    QPushButton* copyYaml_;
    QPushButton* applyFilter_ = nullptr;
    QPushButton* flowGraph_ = nullptr;
    QPushButton* teaching_ = nullptr;
    std::vector<TrafficTableModel*> models_;
    std::vector<QSortFilterProxyModel*> proxies_;
    std::vector<QTableView*> views_;
};
