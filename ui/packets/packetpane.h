#pragma once
// The packet views of one capture: the display filter bar, the packet list, the detail tree and
// the bytes, kept on one selected packet. Selecting a row (or Go to Packet, or a flow-graph
// arrow) shows that frame everywhere; frameSelected() tells the rest of the window.
#include <QWidget>

#include <memory>
#include <vector>

class DetailTreeView;
class DisplayFilterJob;
class FilterEdit;
class HexView;
class PacketListModel;
class QTableView;

namespace synflow {
class AnalysedCapture;
class DisplayFilter;
} // namespace synflow

class PacketPane : public QWidget {
    Q_OBJECT
public:
    explicit PacketPane(QWidget* parent = nullptr);

    // A new capture (null: none); rows come with showRows(). `growing`: a live capture.
    void setCapture(std::shared_ptr<const synflow::AnalysedCapture> capture, bool growing);
    void setGrowing(bool growing) { growing_ = growing; }
    // Loading: the first `rows` packets can be listed.
    void showRows(size_t rows);
    // The capture's analysis is ready: rows and details gain it, the filter bar's filter applies.
    void analysisReady();
    // A live capture grew to `rows`; `follow`: keep the newest row in sight while at the bottom.
    void liveGrew(size_t rows, bool follow);

    // Applies the filter bar's text (in the background for a loaded file).
    void applyDisplayFilter();
    // Puts `text` in the filter bar and applies it (Apply as Filter from another window).
    void setDisplayFilter(const QString& text);
    QString displayFilterText() const;
    void focusFilter();
    bool hasFilterText() const;

    size_t selectedFrame() const { return shown_; } // size_t(-1) if none
    void goToPacket(size_t number);                   // 1-based, as the No. column
    void stepInConversation(int direction);           // next (+1) / previous (-1) of the same TCP stream
    void copyValue() const;
    void copyBranch() const;
    void copyBytes() const;
    void expandAll();   // the detail tree's branches
    void collapseAll();
    PacketListModel* model() const { return model_; }

signals:
    void frameSelected(size_t frame);
    void filterApplied();
    void message(const QString& text); // for the status bar
    // The detail tree's selected field, for the status bar ("Sequence Number (tcp.seq)"); empty
    // when the selected line names no field.
    void fieldSelected(const QString& text);

protected:
    void changeEvent(QEvent* e) override;

private:
    void showPacket(size_t frame);
    void clearPacket();
    void showFilterResult(std::shared_ptr<const synflow::DisplayFilter> filter, std::vector<uint8_t> shown);
    void retranslate();

    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    PacketListModel* model_;
    FilterEdit* filter_;
    QTableView* table_;
    DetailTreeView* detail_;
    HexView* hex_;
    DisplayFilterJob* filterJob_;
    size_t shown_ = size_t(-1);
    bool growing_ = false;
};
