#pragma once
// The lines of a followed TCP or UDP stream as a list model: one row per shown line, made when the view
// asks for it from the chunk it comes from, so a stream of any size is never held as one text.
// The line table (a few words a line) is made by lineTable() off the GUI thread.
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
    // A shown chunk and its first row: a line is made from these when asked for, so a stream of
    // millions of lines costs 16 bytes a chunk, not a record a line.
    struct ChunkRows {
        uint32_t chunk;
        uint32_t firstRow;
        uint64_t before; // hex dump: the node's bytes before the chunk; C arrays and YAML: its index for its peer
    };
    struct Table {
        std::shared_ptr<const synflow::TcpFollow> follow;
        Format format = Ascii;
        Direction direction = Both;
        std::vector<ChunkRows> chunks; // those with lines, in order
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
    std::span<const uint8_t> chunkBytes(uint32_t chunk) const;
    QString yamlLine(const Line& l, const uint8_t* bytes) const;

    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    Table table_;
    mutable std::string note_; // a gap's note, while its line is made
    // The text lines of the chunk last asked for (ASCII and UTF-8): its rows come one after another.
    mutable uint32_t splitChunk_ = UINT32_MAX;
    mutable std::vector<std::pair<uint32_t, uint32_t>> splitLines_; // start, length
};
