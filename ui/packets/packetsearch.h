#pragma once
// Edit → Find Packet's search for the packet views: what the find bar asks for, looked for among
// the displayed packets from the selected one on (core's PacketFinder and findFrame; the packet
// list's own text through its model), and the status-bar words for the outcome.
#include <QCoreApplication>
#include <QString>

#include "analysis/packetfind.h"

#include <functional>
#include <memory>
#include <vector>

class FindBar;
class PacketListModel;
class QTableView;

namespace synflow {
class AnalysedCapture;
}

class PacketSearch {
    Q_DECLARE_TR_FUNCTIONS(PacketSearch)
public:
    struct Result {
        int64_t frame = -1;     // 0-based, -1: none (or the query is not valid)
        synflow::FindHit where; // the matching bytes or detail line in it
        QString message;        // for the status bar
        bool cancelled = false;
    };
    // The question, taken from the bar and the list when Find is pressed: what a search on
    // another thread needs, copied (the bar and the filter may change while it runs).
    struct Query {
        QString error;        // not empty: nothing to search (the reason, for the status bar)
        bool inList = false;  // a string in the list's text: only the model knows it (this thread)
        QString needle;
        Qt::CaseSensitivity cs = Qt::CaseInsensitive;
        int kind = 0;         // FindBar::Kind
        std::shared_ptr<synflow::PacketFinder> finder;
        std::shared_ptr<const std::vector<uint8_t>> shown; // null: every frame is displayed
        size_t frames = 0, from = 0;
        bool backwards = false, none = false; // `none`: no packet was selected
    };
    // `selected`: the selected frame, size_t(-1) for none (the search then starts at an end).
    static Query prepare(const FindBar& bar, const PacketListModel& model, size_t selected, bool backwards);
    // A search in the capture (not `inList`), safe on any thread; `keepGoing(permille)` is
    // asked as it goes, false cancels it.
    static Result run(const Query& q, const synflow::AnalysedCapture& capture, const std::function<bool(int)>& keepGoing = {});
    // A search in the list's text, on the model's thread; rowMatches() is its test of one frame.
    static Result runInList(const Query& q, const PacketListModel& model, const QTableView& table);
    static bool rowMatches(const Query& q, const PacketListModel& model, const QTableView& table, size_t frame);
    // The result of a search that ended on `frame` (-1: none), with its status-bar words.
    static Result outcome(const Query& q, int64_t frame, bool wrapped);
    // prepare() and the search, at once.
    static Result find(const FindBar& bar, const synflow::AnalysedCapture& capture, const PacketListModel& model,
                       const QTableView& table, size_t selected, bool backwards);
};
