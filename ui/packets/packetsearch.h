#pragma once
// Edit → Find Packet's search for the packet views: what the find bar asks for, looked for among
// the displayed packets from the selected one on (core's PacketFinder and findFrame; the packet
// list's own text through its model), and the status-bar words for the outcome.
#include <QCoreApplication>
#include <QString>

#include "analysis/packetfind.h"

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
    };
    // `selected`: the selected frame, size_t(-1) for none (the search then starts at an end).
    static Result find(const FindBar& bar, const synflow::AnalysedCapture& capture, const PacketListModel& model,
                       const QTableView& table, size_t selected, bool backwards);
};
