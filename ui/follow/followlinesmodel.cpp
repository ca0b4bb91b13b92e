#include "follow/followlinesmodel.h"

#include "analysis/analysedcapture.h"
#include "output/textformat.h"

#include <QBrush>
#include <QColor>
#include <QFontDatabase>

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

FollowLinesModel::Table FollowLinesModel::lineTable(const AnalysedCapture& capture, std::shared_ptr<const TcpFollow> follow,
                                                    Format format, Direction direction)
{
    Table t;
    t.follow = follow;
    t.format = format;
    t.direction = direction;
    uint64_t offsets[2] = {0, 0};
    uint64_t ordinals[2] = {0, 0}; // YAML: each peer's chunks so far
    std::string note;
    for (uint32_t i = 0; i < follow->chunks.size(); ++i) {
        const FollowChunk& c = follow->chunks[i];
        const std::span<const uint8_t> bytes = followChunkBytes(capture, c, note);
        const uint32_t size = c.missing ? uint32_t(bytes.size()) : c.length; // offsets count what was sent
        const uint64_t before = offsets[c.fromServer];
        const uint64_t ordinal = ordinals[c.fromServer]++;
        offsets[c.fromServer] += size;
        if ((direction == FromClient && c.fromServer) || (direction == FromServer && !c.fromServer))
            continue;
        switch (format) {
        case Ascii:
        case Utf8: {
            // A line per newline in the data; the chunk's end ends a line too (as tshark prints it).
            uint32_t start = 0;
            for (uint32_t p = 0; p < bytes.size(); ++p)
                if (bytes[p] == '\n') {
                    t.lines.push_back({i, start, p - start, before});
                    start = p + 1;
                }
            if (start < bytes.size() || bytes.empty())
                t.lines.push_back({i, start, uint32_t(bytes.size()) - start, before});
            break;
        }
        case HexDump:
            for (uint32_t at = 0; at < size; at += 16)
                t.lines.push_back({i, at, std::min<uint32_t>(16, size - at), before + at});
            break;
        case CArrays:
            t.lines.push_back({i, kHeader, 0, before});
            for (uint32_t at = 0; at < size; at += 8)
                t.lines.push_back({i, at, std::min<uint32_t>(8, size - at), before + at});
            break;
        case Raw: t.lines.push_back({i, 0, size, before}); break;
        case Yaml:
            if (t.lines.empty())
                for (uint32_t k = 0; k < kYamlDocumentLines; ++k)
                    t.lines.push_back({i, kYamlDocument, k, 0});
            for (uint32_t k = 0; k < kYamlChunkLines; ++k)
                t.lines.push_back({i, kYamlChunk, k, ordinal});
            for (uint32_t at = 0; at < bytes.size(); at += kYamlBytesPerLine)
                t.lines.push_back({i, at, std::min<uint32_t>(kYamlBytesPerLine, uint32_t(bytes.size()) - at), ordinal});
            break;
        }
    }
    return t;
}

FollowLinesModel::FollowLinesModel(QObject* parent) : QAbstractListModel(parent) { }

void FollowLinesModel::setTable(std::shared_ptr<const AnalysedCapture> capture, Table table)
{
    beginResetModel();
    capture_ = std::move(capture);
    table_ = std::move(table);
    endResetModel();
}

int FollowLinesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(table_.lines.size());
}

std::span<const uint8_t> FollowLinesModel::chunkBytes(uint32_t chunk) const
{
    return followChunkBytes(*capture_, table_.follow->chunks[chunk], note_);
}

QString FollowLinesModel::lineText(int row) const
{
    if (row < 0 || size_t(row) >= table_.lines.size())
        return {};
    const Line& l = table_.lines[size_t(row)];
    const FollowChunk& c = table_.follow->chunks[l.chunk];
    const std::span<const uint8_t> all = chunkBytes(l.chunk);
    const bool marker = l.start >= kYamlChunk;
    if (!marker && size_t(l.start) + l.length > all.size())
        return {};
    const uint8_t* b = all.data() + (marker ? 0 : l.start);
    QString s;
    switch (table_.format) {
    case Yaml: s = yamlLine(l, b); break;
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
            uint32_t n = 0;
            for (uint32_t i = 0; i < l.chunk; ++i)
                n += table_.follow->chunks[i].fromServer == c.fromServer;
            s = QStringLiteral("char peer%1_%2[] = { /* Packet %3 */").arg(c.fromServer ? 1 : 0).arg(n).arg(c.frame + 1);
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
QString FollowLinesModel::yamlLine(const Line& l, const uint8_t* b) const
{
    const TcpFollow& f = *table_.follow;
    const FollowChunk& c = f.chunks[l.chunk];
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
    if (!index.isValid() || size_t(index.row()) >= table_.lines.size())
        return {};
    const FollowChunk& c = table_.follow->chunks[table_.lines[size_t(index.row())].chunk];
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
        for (const Line& l : table_.lines) {
            const std::span<const uint8_t> bytes = chunkBytes(l.chunk);
            out.append(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
        }
        return out;
    }
    for (int row = 0; row < rowCount(); ++row)
        out += lineText(row).toUtf8() + '\n';
    return out;
}
