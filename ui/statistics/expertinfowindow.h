#pragma once
// Analyze → Expert Information: the capture's expert items by severity, then summary, then
// packet (the core's collectExpertInfo, the figures synflow-cli expert prints), with a check
// box per severity and "limit to display filter". Gathered in the background; a click on a
// packet row asks the main window to select that packet.
#include "statistics/experttreemodel.h"
#include "support/backgroundjob.h"

#include <QWidget>

#include <array>
#include <atomic>
#include <memory>
#include <vector>

class QCheckBox;
class QLabel;
class QTreeView;

namespace synflow {
class AnalysedCapture;
}

class ExpertInfoWindow : public QWidget {
    Q_OBJECT
public:
    explicit ExpertInfoWindow(QWidget* parent = nullptr);
    ~ExpertInfoWindow() override;

    // The capture and the main window's display filter (text and shown mask; null: none).
    void setCapture(std::shared_ptr<const synflow::AnalysedCapture> capture);
    void setDisplayFilter(const QString& text, const std::vector<uint8_t>* shown);

    ExpertTreeModel* model() const { return model_; }
    QTreeView* view() const { return view_; }
    bool isCounting() const { return job_.isRunning(); }

signals:
    void counted(); // the tree is up to date
    void frameRequested(size_t frame); // 0-based

protected:
    void changeEvent(QEvent* e) override;

private:
    void recount();
    void retranslate();
    void showStatus();
    void activate(const QModelIndex& index);

    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    QString filterText_;
    std::vector<uint8_t> shown_;
    bool hasFilter_ = false;
    ExpertTreeModel* model_;
    QTreeView* view_;
    std::array<QCheckBox*, synflow::kExpertSeverities> severities_{};
    QCheckBox* limit_;
    QLabel* status_;
    std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false); // the running count's
    BackgroundJob<std::shared_ptr<const synflow::ExpertInfo>> job_;
};
