#include "packets/packetsearch.h"

#include "models/packetlistmodel.h"
#include "packets/findbar.h"
#include "support/anonymity.h"

#include "analysis/analysedcapture.h"

#include <QTableView>

using namespace synflow;

PacketSearch::Query PacketSearch::prepare(const FindBar& bar, const PacketListModel& model, size_t selected, bool backwards)
{
    Query q;
    const FindBar::Kind kind = bar.kind();
    const FindBar::Where where = bar.where();
    q.kind = int(kind);
    q.inList = kind == FindBar::Kind::String && where == FindBar::Where::PacketList;
    q.needle = bar.text();
    q.cs = bar.caseSensitive() ? Qt::CaseSensitive : Qt::CaseInsensitive;
    if (q.inList && q.needle.isEmpty()) {
        q.error = tr("Cannot find: empty string");
        return q;
    }
    if (!q.inList) {
        q.finder = std::make_shared<PacketFinder>();
        q.finder->readAsShown(Anonymity::instance().active(model.analysed())); // a real address finds nothing
        std::string error;
        if (!q.finder->compile(kind == FindBar::Kind::DisplayFilter ? PacketFinder::Kind::DisplayFilter
                               : kind == FindBar::Kind::HexValue    ? PacketFinder::Kind::HexValue
                                                                    : PacketFinder::Kind::String,
                               q.needle.toStdString(),
                               where == FindBar::Where::Details ? PacketFinder::Where::Details : PacketFinder::Where::Bytes,
                               bar.caseSensitive(), error)) {
            q.error = tr("Cannot find: %1").arg(QString::fromStdString(error));
            return q;
        }
    }
    if (const std::vector<uint8_t>* mask = model.shownMask())
        q.shown = std::make_shared<const std::vector<uint8_t>>(*mask);
    q.frames = model.frameCount();
    q.backwards = backwards;
    // With nothing selected the search starts before the first packet (after it, backwards).
    q.none = selected == size_t(-1);
    q.from = q.none ? (backwards ? 0 : q.frames - 1) : selected;
    return q;
}

PacketSearch::Result PacketSearch::run(const Query& q, const AnalysedCapture& capture, const std::function<bool(int)>& keepGoing)
{
    bool wrapped = false;
    std::function<bool(size_t)> onBlock;
    if (keepGoing)
        onBlock = [&](size_t done) { return keepGoing(q.frames ? int(done * 1000 / q.frames) : 0); };
    // The core's searches read only the capture: every core takes a share.
    const int64_t frame = findFrameInParallel(q.frames, q.from, q.backwards, q.shown.get(),
                                              [&](size_t f) { return q.finder->match(capture, f).found; }, &wrapped, onBlock);
    if (frame == -2) {
        Result r;
        r.cancelled = true;
        r.message = tr("Find cancelled.");
        return r;
    }
    Result r = outcome(q, frame, wrapped);
    if (frame >= 0)
        r.where = q.finder->match(capture, size_t(frame));
    return r;
}

PacketSearch::Result PacketSearch::runInList(const Query& q, const PacketListModel& model, const QTableView& table)
{
    auto inRow = [&](size_t frame) { return rowMatches(q, model, table, frame); };
    bool wrapped = false;
    const int64_t frame = findFrame(q.frames, q.from, q.backwards, q.shown.get(), inRow, &wrapped);
    return outcome(q, frame, wrapped);
}

bool PacketSearch::rowMatches(const Query& q, const PacketListModel& model, const QTableView& table, size_t frame)
{
    for (int c = 0; c < model.columnCount(); ++c) // the packet's summary line: every shown column
        if (!table.isColumnHidden(c) && model.shownCellText(frame, c).contains(q.needle, q.cs))
            return true;
    return false;
}

PacketSearch::Result PacketSearch::find(const FindBar& bar, const AnalysedCapture& capture, const PacketListModel& model,
                                        const QTableView& table, size_t selected, bool backwards)
{
    const Query q = prepare(bar, model, selected, backwards);
    if (!q.error.isEmpty()) {
        Result r;
        r.message = q.error;
        return r;
    }
    return q.inList ? runInList(q, model, table) : run(q, capture);
}

PacketSearch::Result PacketSearch::outcome(const Query& q, int64_t frame, bool wrapped)
{
    Result r;
    r.frame = frame;
    if (frame < 0) {
        r.message = q.kind == int(FindBar::Kind::DisplayFilter) ? tr("No packet matched that display filter.")
                    : q.kind == int(FindBar::Kind::HexValue)    ? tr("No packet contained those bytes.")
                                                                : tr("No packet contained that string.");
        return r;
    }
    if (wrapped && !q.none)
        r.message = q.backwards ? tr("Search reached the beginning of the capture; continuing at the end.")
                                : tr("Search reached the end of the capture; continuing at the beginning.");
    else
        r.message = tr("Found packet %1.").arg(frame + 1);
    return r;
}
