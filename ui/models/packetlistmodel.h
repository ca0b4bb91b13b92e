#pragma once
// The packet list: a virtual table over the capture's packet index. No per-row objects;
// cell text is made in data() for the rows on screen. Sorting or filtering keeps one uint32
// per row and one int32 per frame (its row), unless the rows are one run of frames in capture
// order (a filter matching one stream of a one-stream capture): then just the run's ends.
#include <QAbstractTableModel>
#include <QColor>

#include "output/timeformat.h"
#include "proto/protocolsummary.h"

#include <array>
#include <memory>
#include <set>
#include <vector>

namespace synflow {
struct Field;
class AnalysedCapture;
class DisplayFilter;
class CaptureFile;
class TcpTracker;
class ConversationProtocols;
struct TcpPacketAnalysis;
struct PacketRecord;
struct DecodedPacket;
} // namespace synflow

class PacketListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Number, Time, Source, Destination, Protocol, Length, Info, ColumnCount };
    using TimeFormat = synflow::TimeFormat;
    using TimePrecision = synflow::TimePrecision;

    explicit PacketListModel(QObject* parent = nullptr);
    ~PacketListModel() override;

    // Shows the capture's first `rows` packets; call again as more are indexed. Once its
    // analysis is ready (analysisReady()), TCP analysis joins Protocol, Info and colours.
    void setCapture(std::shared_ptr<const synflow::AnalysedCapture> capture);
    void setRowCount(size_t rows);
    void analysisReady();
    void clear();

    // Shows only the frames a display filter accepts: `shown` is its verdict for the frames
    // known now (one byte each); frames that arrive later (live capture) are judged as they
    // come. A null filter shows everything again.
    void setDisplayFilter(std::shared_ptr<const synflow::DisplayFilter> filter, std::vector<uint8_t> shown);
    bool isFiltered() const { return bool(filter_); }
    const std::vector<uint8_t>* shownMask() const { return filter_ ? &shown_ : nullptr; }
    size_t frameCount() const { return rows_; }

    void setTimeFormat(TimeFormat format);
    TimeFormat timeFormat() const { return timeFormat_; }
    void setTimePrecision(TimePrecision precision);
    TimePrecision timePrecision() const { return timePrecision_; }
    void setColorize(bool on);
    bool colorize() const { return colorize_; }
    // Protocol and Info with TCP reassembly (Wireshark's default) or as each segment alone.
    void setDesegment(bool on);
    bool desegment() const { return desegment_; }

    // Custom columns after Info, each showing a registry field's values (Apply as Column).
    void setCustomColumns(const QStringList& fieldNames); // unknown names are left out
    bool addCustomColumn(const QString& fieldName);         // at the end; false if unknown
    void removeCustomColumn(int column);
    QStringList customColumns() const;
    const synflow::Field* customField(int column) const; // null for a built-in column
    void setColumnAlignment(int column, Qt::Alignment alignment);
    Qt::Alignment columnAlignment(int column) const;

    // Marked packets (Edit → Mark Packet): drawn in Wireshark's marked colours.
    void setMarked(size_t frame, bool marked);
    // Something a column may show of `frame` changed (its comments): its row is read again.
    void frameChanged(size_t frame);
    void setAllMarked(bool marked); // every displayed packet (Mark / Unmark All Displayed)
    bool isMarked(size_t frame) const { return marked_.count(uint32_t(frame)) != 0; }
    const std::set<uint32_t>& marked() const { return marked_; }
    // Time references (Edit → Time Reference): "*REF*" in the Time column; later times count from
    // the latest reference before them, as in Wireshark.
    void setTimeReference(size_t frame, bool on);
    bool isTimeReference(size_t frame) const { return refs_.count(uint32_t(frame)) != 0; }
    // Colorize Conversation: one of Wireshark's ten temporary colours (slot 0-9) for the packets a
    // filter accepts, before the colouring rules; null clears the slot.
    static constexpr int kTemporaryColours = 10;
    static QColor temporaryColour(int slot);
    void setTemporaryColour(int slot, std::shared_ptr<const synflow::DisplayFilter> filter);
    void clearTemporaryColours();
    bool hasTemporaryColours() const;

    // Frame index (0-based) shown at a row, and the row showing a frame (-1 if none).
    size_t frameAt(int row) const { return run_ ? runFirst_ + size_t(row) : useOrder() ? order_[size_t(row)] : size_t(row); }
    int rowOf(size_t frame) const;
    // Whether the rows are kept as one run of frames (no per-row or per-frame index); for tests.
    bool rowsAreRun() const { return run_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

    // Text of one cell, as shown (used by sorting and by copy).
    QString cellText(size_t frame, int column) const;
    // The same with anonymised hosts while the switch is on: what the list shows and Find reads.
    QString shownCellText(size_t frame, int column) const;
    const std::shared_ptr<const synflow::AnalysedCapture>& analysed() const { return analysed_; }

private:
    QString infoText(size_t frame, const synflow::DecodedPacket& d, const synflow::TcpPacketAnalysis& a, const synflow::ProtocolSummary& s) const;
    // `analysed`, when given, receives the frame's TCP analysis (computed once per row).
    synflow::ProtocolSummary summary(size_t frame, const synflow::DecodedPacket& d, synflow::TcpPacketAnalysis* analysed = nullptr) const;
    QString timeText(size_t frame) const;
    bool useOrder() const { return filter_ || run_ || !order_.empty(); } // rows go through order_ (or the run)
    size_t visibleRows() const { return run_ ? runCount_ : useOrder() ? order_.size() : rows_; }
    void reapplySort();
    void rebuildRowIndex(); // from order_; a run in capture order keeps only its ends
    void spellOutRun();     // the run as order_ and rowOfFrame_ again

    // The row data() was last asked about. A paint asks for each cell's text and colours, role
    // by role, row by row: one decode and one TCP analysis serve them all.
    struct RowCache {
        size_t frame = size_t(-1);
        QString text[ColumnCount];
        QStringList custom; // the custom columns
        QColor background, foreground;
    };
    QString customText(size_t frame, const synflow::Field& f) const;
    int temporarySlotOf(size_t frame) const; // -1: none
    void refreshRows(int firstColumn, int lastColumn);
    QString customBlockText(size_t frame) const;
    const RowCache* cachedRow(size_t frame) const; // null for a pcapng custom block
    void invalidateRow() { row_.frame = size_t(-1); }

    std::shared_ptr<const synflow::AnalysedCapture> analysed_;
    std::shared_ptr<const synflow::CaptureFile> capture_; // the parts of analysed_ ready to read
    std::shared_ptr<const synflow::TcpTracker> tracker_;
    std::shared_ptr<const synflow::ConversationProtocols> protocols_;
    size_t rows_ = 0;
    std::vector<uint32_t> order_; // frames shown, in row order; empty and unfiltered: capture order
    std::vector<int32_t> rowOfFrame_; // inverse of order_ (-1: not shown), kept while useOrder() and not run_
    // While run_, row r shows frame runFirst_ + r, for runCount_ rows; order_ and rowOfFrame_ are empty.
    bool run_ = false;
    size_t runFirst_ = 0, runCount_ = 0;
    std::shared_ptr<const synflow::DisplayFilter> filter_;
    std::vector<uint8_t> shown_; // per frame, while filtered
    int sortColumn_ = Number;
    Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
    TimeFormat timeFormat_ = TimeFormat::SinceStart;
    TimePrecision timePrecision_ = TimePrecision::Auto;
    bool colorize_ = true;
    bool desegment_ = true;
    mutable RowCache row_;
    std::vector<const synflow::Field*> custom_;
    std::vector<Qt::Alignment> alignment_; // per column; 0: the default
    std::set<uint32_t> marked_, refs_;
    std::array<std::shared_ptr<const synflow::DisplayFilter>, kTemporaryColours> temporary_;
};
