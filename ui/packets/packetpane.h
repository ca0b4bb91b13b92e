#pragma once
// The packet views of one capture: the display filter bar, the packet list, the detail tree and
// the bytes, kept on one selected packet. Selecting a row (or Go to Packet, or a flow-graph
// arrow) shows that frame everywhere; frameSelected() tells the rest of the window.
#include <QFont>
#include <QWidget>

#include "tree/detailtree.h"
#include "packets/packetsearch.h"

#include <memory>
#include <vector>

class DetailTreeView;
class DisplayFilterJob;
class FilterEdit;
class FindBar;
class FindJob;
class HexView;
class ListColumns;
class PacketListModel;
class QSplitter;
class QTableView;
class QTreeWidgetItem;

namespace synflow {
class AnalysedCapture;
class DisplayFilter;
enum class ConversationLayer;
enum class FilterJoin;
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
    // Puts `text` in the filter bar and applies it (Follow Stream's "tcp.stream eq N").
    void applyFilterText(const QString& text);
    // Selects `frame` (0-based) and asks the window to follow its TCP stream.
    void requestFollow(size_t frame, bool udp = false); // selects the frame, then asks to follow its stream
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
    QTableView* table() const { return table_; }
    DetailTreeView* detailView() const { return detail_; }
    ListColumns* columns() const { return columns_; }
    // How much narrower the packet list may become and still show `infoWidth` pixels of Info.
    int spareListWidth(int infoWidth) const;
    const synflow::AnalysedCapture* capture() const { return capture_.get(); }

    // Apply as Filter (apply) / Prepare as Filter (not applied, the bar focused): `selected`
    // joined to the bar's filter as Wireshark joins it.
    void useFilter(const QString& selected, synflow::FilterJoin how, bool apply);
    QString filterText() const;
    // The filters of what is selected, built as Wireshark builds them ("" when there is none).
    QString selectedFieldFilter() const;                // the detail tree's selected line
    QString fieldFilter(QTreeWidgetItem* item) const;   // a line of the detail tree
    QString columnFilter(int row, int column) const;    // a packet list cell
    QString conversationFilter(size_t frame, synflow::ConversationLayer layer) const;
    // Colorize Conversation with temporary colour `slot` (0-9); reset drops them all.
    void colorizeConversation(size_t frame, synflow::ConversationLayer layer, int slot);
    void resetColorization();

    // Edit → Mark Packet / Time Reference on the selected packet, and walking between marks.
    void toggleMark();
    void markAllDisplayed(bool mark);
    void stepMark(int direction);
    void toggleTimeReference();
    // Packet comments (the list's Packet Comments menu): whether `frame`'s block can hold them,
    // its comments as shown, and the editor (which < 0: a new comment).
    bool canComment(size_t frame) const;
    std::vector<std::string> comments(size_t frame) const;
    void editComment(size_t frame, int which);
    void deleteComment(size_t frame, int which);
    // The comments of `frame` changed (here or in teaching mode): the list and tree show them.
    void commentsEdited(size_t frame);
    void clearTimeReferences();
    // Copy → Summary: the visible columns of a row, with the header line, as text or CSV.
    QString summaryText(int row, bool csv) const;
    QString bytesHexStream() const; // the selected packet's bytes as one hex string
    QString bytesHexDump() const;   // offset, hex and ASCII lines

    // Edit → Find Packet: the find bar, and the next / previous match from the selected packet.
    FindBar* findBar() const { return findBar_; }
    void showFindBar();
    // In the background on a big loaded capture (the find bar shows its progress and cancels it).
    void find(bool backwards);

    // Go → Back / Forward through the packets selected before; First / Last packet.
    void goBack();
    void goForward();
    bool canGoBack() const { return historyPos_ > 0; }
    bool canGoForward() const { return historyPos_ + 1 < history_.size(); }
    void goFirst();
    void goLast();
    // View → Zoom: +1 larger, -1 smaller, 0 normal size, for the list, tree and bytes.
    void zoom(int step);
    int zoomLevel() const; // Preferences' zoom level

signals:
    void frameSelected(size_t frame);
    void followRequested();
    void followUdpRequested();
    void marksChanged(); // marked packets or time references
    void commentsChanged(size_t frame);
    void historyChanged();
    void filterApplied();
    void message(const QString& text); // for the status bar
    // The detail tree's selected field, for the status bar ("Sequence Number (tcp.seq)"); empty
    // when the selected line names no field.
    void fieldSelected(const QString& text);

protected:
    void changeEvent(QEvent* e) override;

private:
    void showPacket(size_t frame);
    void selectFrame(size_t frame); // its row selected and in sight, if displayed
    void applyZoom();
    void applyPaneLayout(); // Preferences' pane layout
    void showContextMenus();
    void clearPacket();
    void showFindResult(const PacketSearch::Result& r);
    void showFilterResult(std::shared_ptr<const synflow::DisplayFilter> filter, std::vector<uint8_t> shown);
    void retranslate();

    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    PacketListModel* model_;
    FilterEdit* filter_;
    QTableView* table_;
    DetailTreeView* detail_;
    HexView* hex_;
    DisplayFilterJob* filterJob_;
    ListColumns* columns_;
    FindBar* findBar_;
    FindJob* findJob_;
    synflow::DetailTree tree_; // the one shown
    size_t shown_ = size_t(-1);
    std::vector<size_t> history_;
    size_t historyPos_ = 0;
    bool walkingHistory_ = false;
    QWidget* listBox_;
    QSplitter* split_;
    QSplitter* lowerSplit_; // the details and bytes, side by side
    QFont listFont_, treeFont_, bytesFont_; // at normal size
    bool growing_ = false;
};
