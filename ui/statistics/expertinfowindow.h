#pragma once
// Analyze → Expert Information: the capture's expert items by severity, then summary, then
// packet (the core's collectExpertInfo, the figures synflow-cli expert prints), with a check
// box per severity and "limit to display filter". Gathered in the background; a click on a
// packet row asks the main window to select that packet.
#include "statistics/experttreemodel.h"
#include "statistics/statisticswindow.h"

#include <array>

class QCheckBox;
class QTreeView;

class ExpertInfoWindow : public StatisticsWindow {
    Q_OBJECT
public:
    explicit ExpertInfoWindow(QWidget* parent = nullptr);

    ExpertTreeModel* model() const { return model_; }
    QTreeView* view() const { return view_; }

signals:
    void frameRequested(size_t frame); // 0-based

private:
    void recount() override;
    void retranslate() override;
    void showStatus();
    void activate(const QModelIndex& index);

    ExpertTreeModel* model_;
    QTreeView* view_;
    std::array<QCheckBox*, synflow::kExpertSeverities> severities_{};
};
