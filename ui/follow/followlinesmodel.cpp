#include "follow/followlinesmodel.h"

#include "analysis/analysedcapture.h"
#include "output/textformat.h"

#include <QBrush>
#include <QColor>
#include <QFontDatabase>

#include <algorithm>
#include <climits>
#include <cstring>

using namespace synflow;

namespace {

// Wireshark's default follow colours: client red on pink, server blue on lavender.
const QColor kClientText(0x7f, 0x00, 0x00), kClientBack(0xfb, 0xed, 0xed);
const QColor kServerText(0x00, 0x00, 0x7f), kServerBack(0xed, 0xed, 0xfb);

constexpr uint32_t kHeader = UINT32_MAX;         // C arrays: "char peerN_M[] = {"
constexpr uint32_t kYamlDocument = UINT32_MAX - 1; // YAML: the peers, then "packets:"
constexpr uint32_t kYamlChunk = UINT32_MAX - 2;    // YAML: a chunk's packet, peer, index, timestamp, data key
constexpr uint32_t kYamlDocumentLines = 8, kYamlChunkLines = 5;
constexpr uint32_t kYamlBytesPerLine = 57; // 76 characters of base64, as Wireshark wraps it

bool printable(uint8_t b) { return b >= 0x20 && b < 0x7f; }

} // namespace

namespace {

// The lines of ASCII and UTF-8 text in a chunk: a line per newline; the chunk's end ends a line too (as tshark prints it).
template <typename Add>
void splitText(std::span<const uint8_t> bytes, Add&& add)
{
    uint32_t start = 0;
    const uint8_t* base = bytes.data();
    for (const uint8_t* p = base; (p = static_cast<const uint8_t*>(std::memchr(p, '\n', bytes.size() - size_t(p - base))));) {
        const uint32_t at = uint32_t(p - base);
        add(start, at - start);
        start = at + 1;
        ++p;
    }
    if (start < bytes.size() || bytes.empty())
        add(start, uint32_t(bytes.size()) - start);
}

uint32_t pieces(uint64_t size, uint32_t per) { return uint32_t((size + per - 1) / per); }

bool shows(FollowLinesModel::Direction direction, bool fromServer)
{
    return !((direction == FollowLinesModel::FromClient && fromServer) || (direction == FollowLinesModel::FromServer && !fromServer));
}

// What the chunk's node sent: its length, or a gap's note.
uint32_t sentSize(const FollowChunk& c, std::span<const uint8_t> bytes) { return c.missing ? uint32_t(bytes.size()) : c.length; }

// The rows of a shown chunk (`first`: the first with rows; YAML's document lines come before it).
uint64_t rowsOf(FollowLinesModel::Format format, std::span<const uint8_t> bytes, uint32_t size, bool first)
{
    uint64_t n = 0;
    switch (format) {
    case FollowLinesModel::Ascii:
    case FollowLinesModel::Utf8: splitText(bytes, [&n](uint32_t, uint32_t) { ++n; }); break;
    case FollowLinesModel::HexDump: n = pieces(size, 16); break;
    case FollowLinesModel::CArrays: n = 1 + pieces(size, 8); break;
    case FollowLinesModel::Raw: n = 1; break;
    case FollowLinesModel::Yaml: n = (first ? kYamlDocumentLines : 0) + kYamlChunkLines + pieces(bytes.size(), kYamlBytesPerLine); break;
    }
    return n;
}

} // namespace

FollowLinesModel::Table FollowLinesModel::lineTable(const AnalysedCapture& capture, std::shared_ptr<const TcpFollow> follow,
                                                    Format format, Direction direction)
{
    Table t;
    t.follow = follow;
    t.format = format;
    t.direction = direction;
    uint64_t offsets[2] = {0, 0};
    uint32_t ordinals[2] = {0, 0}; // C arrays, YAML: each peer's chunks so far
    std::string note;
    uint64_t rows = 0;
    const uint32_t count = uint32_t(follow->chunks.size());
    t.endChunk = count;
    t.marks.reserve(count / kBlock + 1);
    for (auto it = follow->chunks.begin(); it != follow->chunks.end(); ++it) {
        const uint32_t i = uint32_t(it.index());
        if (i % kBlock == 0)
            t.marks.push_back({uint32_t(rows), {ordinals[0], ordinals[1]}, {offsets[0], offsets[1]}});
        const FollowChunk& c = *it;
        const std::span<const uint8_t> bytes = followChunkBytes(capture, c, note);
        const uint32_t size = sentSize(c, bytes); // offsets count what was sent
        offsets[c.fromServer] += size;
        ++ordinals[c.fromServer];
        if (!shows(direction, c.fromServer))
            continue;
        const uint64_t n = rowsOf(format, bytes, size, t.firstShown == UINT32_MAX);
        if (n == 0)
            continue;
        if (rows + n > uint64_t(INT_MAX)) { // more lines than a view can have: the rest is left out
            t.endChunk = i;
            break;
        }
        if (t.firstShown == UINT32_MAX)
            t.firstShown = i;
        rows += n;
    }
    t.rows = uint32_t(rows);
    return t;
}

FollowLinesModel::FollowLinesModel(QObject* parent) : QAbstractListModel(parent) { }

void FollowLinesModel::setTable(std::shared_ptr<const AnalysedCapture> capture, Table table, bool extendsShown)
{
    splitChunk_ = UINT32_MAX;
    located_ = {};
    if (extendsShown && table.rows >= table_.rows && table.format == table_.format && table.direction == table_.direction) {
        const int shown = int(table_.rows);
        if (int(table.rows) > shown)
            beginInsertRows({}, shown, int(table.rows) - 1);
        capture_ = std::move(capture);
        table_ = std::move(table);
        if (int(table_.rows) > shown)
            endInsertRows();
        return;
    }
    beginResetModel();
    capture_ = std::move(capture);
    table_ = std::move(table);
    endResetModel();
}

int FollowLinesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(table_.rows);
}

std::span<const uint8_t> FollowLinesModel::chunkBytes(const FollowChunk& chunk) const
{
    return followChunkBytes(*capture_, chunk, note_);
}

const FollowLinesModel::Located& FollowLinesModel::locate(uint32_t row) const
{
    if (located_.chunk != UINT32_MAX && row >= located_.firstRow && row - located_.firstRow < located_.rows)
        return located_;
    const FollowChunks& chunks = table_.follow->chunks;
    const auto mark = std::upper_bound(table_.marks.begin(), table_.marks.end(), row,
                                       [](uint32_t r, const Mark& m) { return r < m.firstRow; }) -
                      1;
    uint32_t i = uint32_t(mark - table_.marks.begin()) * kBlock;
    uint32_t rowsBefore = mark->firstRow;
    uint32_t ordinals[2] = {mark->ordinals[0], mark->ordinals[1]};
    uint64_t offsets[2] = {mark->offsets[0], mark->offsets[1]};
    // A row after the last one found, in the mark's block or just before it: step on from there
    // (so that rows read in order are found from the first mark only).
    if (located_.chunk != UINT32_MAX && located_.chunk + 1 >= i && row >= located_.firstRow + located_.rows) {
        i = located_.chunk + 1;
        rowsBefore = located_.firstRow + located_.rows;
        std::copy_n(walkOrdinals_, 2, ordinals);
        std::copy_n(walkOffsets_, 2, offsets);
    }
    uint32_t lastShown = UINT32_MAX;
    FollowChunks::const_iterator it = located_.chunk != UINT32_MAX && i == located_.chunk + 1 ? std::next(walk_) : chunks.iteratorAt(i);
    for (; i < table_.endChunk; ++i, ++it) {
        const FollowChunk& c = *it;
        const std::span<const uint8_t> bytes = chunkBytes(c);
        const uint32_t size = sentSize(c, bytes);
        const uint64_t before = offsets[c.fromServer];
        const uint32_t ordinal = ordinals[c.fromServer];
        offsets[c.fromServer] += size;
        ++ordinals[c.fromServer];
        if (!shows(table_.direction, c.fromServer))
            continue;
        const uint64_t n = rowsOf(table_.format, bytes, size, i == table_.firstShown);
        if (n == 0)
            continue;
        lastShown = i;
        if (row - rowsBefore < n) {
            located_ = {i, rowsBefore, uint32_t(n), before, ordinal, c};
            walk_ = it;
            std::copy_n(ordinals, 2, walkOrdinals_);
            std::copy_n(offsets, 2, walkOffsets_);
            return located_;
        }
        rowsBefore += uint32_t(n);
    }
    // Fewer rows than the table counted (a packet's bytes are no longer there): the row is the
    // last chunk's, its lines made from what is left.
    if (lastShown == UINT32_MAX)
        lastShown = table_.firstShown;
    walk_ = chunks.iteratorAt(lastShown);
    located_ = {lastShown, row, 1, 0, 0, *walk_};
    return located_;
}

FollowLinesModel::Line FollowLinesModel::line(int row) const
{
    const Located& at = locate(uint32_t(row));
    const uint32_t chunk = at.chunk;
    const FollowChunk c = at.data;
    uint32_t k = uint32_t(row) - at.firstRow;
    const uint64_t before = table_.format == HexDump ? at.offset : at.ordinal;
    switch (table_.format) {
    case Ascii:
    case Utf8:
        if (splitChunk_ != chunk) {
            splitLines_.clear();
            splitText(chunkBytes(c), [this](uint32_t start, uint32_t length) { splitLines_.emplace_back(start, length); });
            splitChunk_ = chunk;
        }
        if (k >= splitLines_.size()) // the packet's bytes are no longer there
            return {chunk, 0, 0, 0};
        return {chunk, splitLines_[k].first, splitLines_[k].second, 0};
    case HexDump: {
        const uint32_t size = sentSize(c, chunkBytes(c));
        return {chunk, 16 * k, std::min<uint32_t>(16, size - 16 * k), before + 16 * k};
    }
    case CArrays: {
        if (k == 0)
            return {chunk, kHeader, 0, before};
        const uint32_t size = sentSize(c, chunkBytes(c));
        const uint32_t at8 = 8 * (k - 1);
        return {chunk, at8, std::min<uint32_t>(8, size - at8), before};
    }
    case Raw: return {chunk, 0, sentSize(c, chunkBytes(c)), before};
    case Yaml:
        if (chunk == table_.firstShown) {
            if (k < kYamlDocumentLines)
                return {chunk, kYamlDocument, k, 0};
            k -= kYamlDocumentLines;
        }
        if (k < kYamlChunkLines)
            return {chunk, kYamlChunk, k, before};
        const uint32_t at57 = kYamlBytesPerLine * (k - kYamlChunkLines);
        return {chunk, at57, std::min<uint32_t>(kYamlBytesPerLine, uint32_t(chunkBytes(c).size()) - at57), before};
    }
    return {chunk, 0, 0, 0};
}

QString FollowLinesModel::lineText(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const Line l = line(row);
    const FollowChunk c = located_.data; // line() found it
    const std::span<const uint8_t> all = chunkBytes(c);
    const bool marker = l.start >= kYamlChunk;
    if (!marker && size_t(l.start) + l.length > all.size())
        return {};
    const uint8_t* b = all.data() + (marker ? 0 : l.start);
    QString s;
    switch (table_.format) {
    case Yaml: s = yamlLine(l, c, b); break;
    case Ascii:
        s.reserve(int(l.length));
        for (uint32_t i = 0; i < l.length; ++i)
            s += printable(b[i]) ? QChar(b[i]) : QChar(b[i] == '\r' ? u'\u21b5' : u'.');
        break;
    case Utf8: s = QString::fromUtf8(reinterpret_cast<const char*>(b), qsizetype(l.length)).remove(QLatin1Char('\r')); break;
    case HexDump: {
        s = QStringLiteral("%1  ").arg(l.nodeOffset, 8, 16, QLatin1Char('0')).toUpper();
        QString ascii;
        for (uint32_t i = 0; i < 16; ++i) {
            s += i < l.length ? QStringLiteral("%1 ").arg(b[i], 2, 16, QLatin1Char('0')) : QStringLiteral("   ");
            if (i < l.length)
                ascii += printable(b[i]) ? QChar(b[i]) : QChar(u'.');
            if (i == 7) {
                s += QLatin1Char(' ');
                if (l.length > 8)
                    ascii += QLatin1Char(' ');
            }
        }
        s += QLatin1Char(' ') + ascii;
        break;
    }
    case CArrays:
        if (l.start == kHeader) {
            // Wireshark's names: peer0_N for the client's Nth chunk, peer1_N for the server's.
            s = QStringLiteral("char peer%1_%2[] = { /* Packet %3 */").arg(c.fromServer ? 1 : 0).arg(l.nodeOffset).arg(c.frame + 1);
        } else {
            for (uint32_t i = 0; i < l.length; ++i)
                s += QStringLiteral("0x%1%2").arg(b[i], 2, 16, QLatin1Char('0')).arg(i + 1 < l.length ? QStringLiteral(", ") : QString());
            const bool last = size_t(l.start) + l.length >= all.size();
            s += last ? QStringLiteral(" };") : QStringLiteral(", ");
        }
        break;
    case Raw:
        s.reserve(int(l.length) * 2);
        for (uint32_t i = 0; i < l.length; ++i)
            s += QStringLiteral("%1").arg(b[i], 2, 16, QLatin1Char('0'));
        break;
    }
    return s;
}

// Wireshark's YAML: the two peers, then per chunk its packet, peer, index among its peer's chunks,
// absolute time and the bytes as base64 lines.
QString FollowLinesModel::yamlLine(const Line& l, const FollowChunk& c, const uint8_t* b) const
{
    const TcpFollow& f = *table_.follow;
    if (l.start == kYamlDocument) {
        const TcpEndpoint& e = l.length < 4 ? f.client : f.server;
        const QString host = QString::fromStdString(f.ipv6 ? formatIpv6(e.addr) : formatIpv4(e.addr));
        switch (l.length) {
        case 0: return QStringLiteral("peers:");
        case 1: return QStringLiteral("  - peer: 0");
        case 4: return QStringLiteral("  - peer: 1");
        case 2:
        case 5: return QStringLiteral("    host: %1").arg(host);
        case 3:
        case 6: return QStringLiteral("    port: %1").arg(e.port);
        default: return QStringLiteral("packets:");
        }
    }
    if (l.start == kYamlChunk) {
        switch (l.length) {
        case 0: return QStringLiteral("  - packet: %1").arg(c.frame + 1);
        case 1: return QStringLiteral("    peer: %1").arg(c.fromServer ? 1 : 0);
        case 2: return QStringLiteral("    index: %1").arg(l.nodeOffset);
        case 3: {
            const int64_t ns = capture_->index()[c.frame].tsNs;
            const int64_t sec = ns >= 0 ? ns / 1000000000 : -((-ns + 999999999) / 1000000000);
            return QStringLiteral("    timestamp: %1.%2").arg(sec).arg(ns - sec * 1000000000, 9, 10, QLatin1Char('0'));
        }
        default: return QStringLiteral("    data: !!binary |");
        }
    }
    return QStringLiteral("      ") + QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(b), qsizetype(l.length)).toBase64());
}

QVariant FollowLinesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const FollowChunk c = locate(uint32_t(index.row())).data;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: return lineText(index.row());
    case Qt::ForegroundRole: return QBrush(c.fromServer ? kServerText : kClientText);
    case Qt::BackgroundRole: return QBrush(c.fromServer ? kServerBack : kClientBack);
    case Qt::FontRole: return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    case FrameRole: return qulonglong(c.frame);
    case FromServerRole: return c.fromServer;
    default: return {};
    }
}

QByteArray FollowLinesModel::exportBytes() const
{
    QByteArray out;
    if (table_.format == Raw) { // the payload itself, as Wireshark saves it
        for (auto it = table_.follow->chunks.begin(); it.index() < table_.endChunk; ++it) {
            const FollowChunk& c = *it;
            if (!shows(table_.direction, c.fromServer))
                continue;
            const std::span<const uint8_t> bytes = chunkBytes(c);
            out.append(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
        }
        return out;
    }
    for (int row = 0; row < rowCount(); ++row)
        out += lineText(row).toUtf8() + '\n';
    return out;
}
