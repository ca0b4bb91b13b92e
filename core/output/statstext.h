#pragma once
// tshark 4.0's text layouts of -z conv,TYPE, -z endpoints,TYPE and -z io,stat, filled from our
// statistics (core/stats). Addresses are printed without name resolution: see
// core/stats/TSHARK_DIFFERENCES.md.
#include "stats/conversationtable.h"
#include "stats/iostatistics.h"

#include <cstdint>
#include <functional>
#include <string>

namespace synflow {

// tshark's rounded sizes in statistics tables: "763 bytes", "314 kB", "12 MB".
std::string tsharkSizeText(uint64_t bytes);

// `filter`: the display filter the rows were limited to, for the "Filter:" line. `drain`, when
// given, is called after each row: a million rows need not be held as text at once.
void appendConversationTable(std::string& out, ConversationType type, const std::vector<ConversationRow>& rows,
                             const std::string& filter = {}, const std::function<void(std::string&)>& drain = {});
// The same from `count` rows given one at a time, already in print order.
void appendConversationTable(std::string& out, ConversationType type, size_t count,
                             const std::function<ConversationRow(size_t)>& rowAt, const std::string& filter = {},
                             const std::function<void(std::string&)>& drain = {});
void appendEndpointTable(std::string& out, ConversationType type, const std::vector<EndpointRow>& rows,
                         const std::string& filter = {});
// The whole -z io,stat report, starting with its blank line.
void appendIoStatTable(std::string& out, const IoStatistics& stats);

} // namespace synflow
