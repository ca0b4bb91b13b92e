#include "packets/packetsearch.h"

#include "models/packetlistmodel.h"
#include "packets/findbar.h"

#include "analysis/analysedcapture.h"

#include <QTableView>

using namespace synflow;

PacketSearch::Result PacketSearch::find(const FindBar& bar, const AnalysedCapture& capture, const PacketListModel& model,
                                        const QTableView& table, size_t selected, bool backwards)
{
    Result r;
    const FindBar::Kind kind = bar.kind();
    const FindBar::Where where = bar.where();
    const bool inList = kind == FindBar::Kind::String && where == FindBar::Where::PacketList;
    PacketFinder finder;
    std::string error;
    if (!inList && !finder.compile(kind == FindBar::Kind::DisplayFilter ? PacketFinder::Kind::DisplayFilter
                                   : kind == FindBar::Kind::HexValue    ? PacketFinder::Kind::HexValue
                                                                        : PacketFinder::Kind::String,
                                   bar.text().toStdString(),
                                   where == FindBar::Where::Details ? PacketFinder::Where::Details : PacketFinder::Where::Bytes,
                                   bar.caseSensitive(), error)) {
        r.message = tr("Cannot find: %1").arg(QString::fromStdString(error));
        return r;
    }
    if (inList && bar.text().isEmpty()) {
        r.message = tr("Cannot find: empty string");
        return r;
    }
    const QString needle = bar.text();
    const Qt::CaseSensitivity cs = bar.caseSensitive() ? Qt::CaseSensitive : Qt::CaseInsensitive;
    auto inRow = [&](size_t frame) {
        for (int c = 0; c < model.columnCount(); ++c) // the packet's summary line: every shown column
            if (!table.isColumnHidden(c) && model.cellText(frame, c).contains(needle, cs))
                return true;
        return false;
    };
    // With nothing selected the search starts before the first packet (after it, backwards).
    const bool none = selected == size_t(-1);
    const size_t from = none ? (backwards ? 0 : model.frameCount() - 1) : selected;
    bool wrapped = false;
    // The core's searches read only the capture: every core takes a share. The list's text comes
    // from the model, on this thread.
    r.frame = inList ? findFrame(model.frameCount(), from, backwards, model.shownMask(), inRow, &wrapped)
                     : findFrameInParallel(model.frameCount(), from, backwards, model.shownMask(),
                                           [&](size_t frame) { return finder.match(capture, frame).found; }, &wrapped);
    if (r.frame < 0) {
        r.message = kind == FindBar::Kind::DisplayFilter ? tr("No packet matched that display filter.")
                    : kind == FindBar::Kind::HexValue    ? tr("No packet contained those bytes.")
                                                         : tr("No packet contained that string.");
        return r;
    }
    if (!inList)
        r.where = finder.match(capture, size_t(r.frame));
    if (wrapped && !none)
        r.message = backwards ? tr("Search reached the beginning of the capture; continuing at the end.")
                              : tr("Search reached the end of the capture; continuing at the beginning.");
    else
        r.message = tr("Found packet %1.").arg(r.frame + 1);
    return r;
}
