#pragma once
// The lines of a followed TCP or UDP stream as a list model: one row per shown line, made when the view
// asks for it from the chunk it comes from, so a stream of any size is never held as one text.
// The line table (a few words per kBlock chunks) is made by lineTable() off the GUI thread.
#include "follow/tcpfollow.h"

#include <QAbstractListModel>

#include <memory>
#include <vector>

namespace synflow {
class AnalysedCapture;
}

class FollowLinesModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Format { Ascii, Utf8, HexDump, CArrays, Raw, Yaml };
    enum Direction { Both, FromClient, FromServer };
    enum Role { FrameRole = Qt::UserRole + 1, FromServerRole };

    struct Line {
        uint32_t chunk;
        uint32_t start;     // in the chunk's bytes; a marker above them for C arrays' and YAML's header lines
        uint32_t length;    // YAML header lines: which line of the header
        uint64_t nodeOffset; // hex dump: the node's byte count before this line; C arrays and YAML: the chunk's index for its peer
    };
    // Every kBlock-th chunk of the stream (shown or not): the rows before it and what each node
    // had sent before it. A row is found from the mark before it by walking at most kBlock chunks
    // (their rows counted again), so a stream of millions of lines and chunks costs half a byte a
    // chunk, not a record a chunk or a line.
    static constexpr uint32_t kBlock = 64;
    struct Mark {
        uint32_t firstRow;
        uint32_t ordinals[2]; // chunks of node 0, node 1 before it
        uint64_t offsets[2];  // bytes of node 0, node 1 before it (what was sent: gaps count their note)
    };
    struct Table {
        std::shared_ptr<const synflow::TcpFollow> follow;
        Format format = Ascii;
        Direction direction = Both;
        std::vector<Mark> marks;        // chunk 0, kBlock, 2 kBlock, … below endChunk
        uint32_t endChunk = 0;          // chunks from here on are left out (more lines than a view can have)
        uint32_t firstShown = UINT32_MAX; // the first chunk with lines (YAML's document lines are its)
        uint32_t rows = 0;
        uint32_t streams = 0; // how many streams of its protocol the capture has, when counted (UDP)
    };
    // The lines of `follow` in `format`, with only `direction`'s chunks.
    static Table lineTable(const synflow::AnalysedCapture& capture, std::shared_ptr<const synflow::TcpFollow> follow,
                           Format format, Direction direction);

    explicit FollowLinesModel(QObject* parent = nullptr);
    // `extendsShown`: the table's first rows are the ones shown (the rest of a stream whose first
    // part is on show): they are added after them, the view keeping its place.
    void setTable(std::shared_ptr<const synflow::AnalysedCapture> capture, Table table, bool extendsShown = false);
    const Table& table() const { return table_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QString lineText(int row) const;
    Line line(int row) const; // row < rowCount()

    // The shown data as a file: text lines, or the bytes themselves for Raw.
    QByteArray exportBytes() const;

private:
    // A shown chunk: its index, its first row, how many rows, and what its node sent before it.
    struct Located {
        uint32_t chunk = UINT32_MAX;
        uint32_t firstRow = 0;
        uint32_t rows = 0;
        uint64_t offset = 0;  // the node's bytes before the chunk
        uint32_t ordinal = 0; // the chunk's index among its node's
        synflow::FollowChunk data;
    };
    const Located& locate(uint32_t row) const; // row < rowCount()
    std::span<const uint8_t> chunkBytes(const synflow::FollowChunk& chunk) const;
    QString yamlLine(const Line& l, const synflow::FollowChunk& c, const uint8_t* bytes) const;

    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    Table table_;
    mutable std::string note_; // a gap's note, while its line is made
    // The chunk of the row last asked for: rows are asked for one after another (painting, find,
    // save), so the next one is in it or found by stepping on from it.
    mutable Located located_;
    mutable synflow::FollowChunks::const_iterator walk_; // at located_.chunk
    mutable uint32_t walkOrdinals_[2] = {0, 0}; // each node's chunks before located_.chunk + 1
    mutable uint64_t walkOffsets_[2] = {0, 0};  // each node's bytes before located_.chunk + 1
    // The text lines of the chunk last asked for (ASCII and UTF-8): its rows come one after another.
    mutable uint32_t splitChunk_ = UINT32_MAX;
    mutable std::vector<std::pair<uint32_t, uint32_t>> splitLines_; // start, length
};
