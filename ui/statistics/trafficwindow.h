#pragma once
// Statistics → Conversations and Statistics → Endpoints: a tab per protocol (Ethernet, IPv4,
// IPv6, TCP, UDP) with tshark's columns, sortable, copied as CSV or YAML, optionally limited to
// the packets the main display filter shows. Counted in the background. From a conversation
// row: Apply as Filter (double-click), Flow Graph, Teaching Mode, and in its menu Follow TCP
// Stream and TCP Stream Graph (TCP rows).
#include "statistics/traffictablemodel.h"
#include "support/backgroundjob.h"

#include <QWidget>

#include <atomic>

#include <memory>
#include <vector>

class QCheckBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace synflow {
class AnalysedCapture;
}

class TrafficWindow : public QWidget {
    Q_OBJECT
public:
    using Kind = TrafficTableModel::Kind;
    TrafficWindow(Kind kind, QWidget* parent = nullptr);
    ~TrafficWindow() override;

    // The capture and the main window's display filter (text and shown mask; null: none).
    void setCapture(std::shared_ptr<const synflow::AnalysedCapture> capture);
    void setDisplayFilter(const QString& text, const std::vector<uint8_t>* shown);

    TrafficTableModel* model(synflow::ConversationType type) const { return models_[size_t(type)]; }
    QTableView* view(synflow::ConversationType type) const { return views_[size_t(type)]; }
    bool isCounting() const { return job_.isRunning(); }

    // The current tab's rows in their shown order, as CSV (header line first) or YAML (a list).
    QString tableAsCsv() const;
    QString tableAsYaml() const;

signals:
    void counted(); // the tables on show are up to date
    void applyFilterRequested(const QString& filter, size_t firstFrame);
    void flowGraphRequested(size_t firstFrame);
    void teachingRequested(size_t firstFrame);
    void followRequested(size_t firstFrame);
    void streamGraphRequested(size_t firstFrame);

protected:
    void changeEvent(QEvent* e) override;

private:
    void recount();
    void retranslate();
    void showMenu(QTableView* view, const QPoint& at);
    int currentSourceRow(QTableView* view) const;
    QTableView* currentView() const;
    void rowAction(int action); // 0 filter, 1 flow graph, 2 teaching, 3 follow, 4 stream graph
    void updateButtons();

    Kind kind_;
    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    QString filterText_;
    std::vector<uint8_t> shown_;
    bool hasFilter_ = false;
    QTabWidget* tabs_;
    QCheckBox* limit_;
    QLabel* status_;
    QPushButton* copyCsv_;
    QPushButton* copyYaml_;
    QPushButton* applyFilter_ = nullptr;
    QPushButton* flowGraph_ = nullptr;
    QPushButton* teaching_ = nullptr;
    std::vector<TrafficTableModel*> models_;
    std::vector<QSortFilterProxyModel*> proxies_;
    std::vector<QTableView*> views_;
    std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false); // the running count's
    BackgroundJob<std::shared_ptr<const synflow::ConversationTables>> job_;
};
