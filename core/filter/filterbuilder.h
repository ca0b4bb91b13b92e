#pragma once
// The filters Wireshark's "Apply as Filter", "Prepare as Filter" and "Conversation Filter"
// build from a packet, written the way Wireshark 4.0 writes them, so a filter made here reads
// the same in Wireshark and selects the same packets in tshark -Y.
#include "fields/field.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace synflow {

class AnalysedCapture;
class DetailTree;

// Wireshark's six entries under Apply/Prepare as Filter: the selected filter alone, negated,
// or joined to the filter already in the bar.
enum class FilterJoin { Selected, NotSelected, AndSelected, OrSelected, AndNotSelected, OrNotSelected };
std::string joinFilters(std::string_view current, std::string_view selected, FilterJoin how);

// "name == value" for one occurrence of `f` (a protocol or a marker: its name alone). Empty
// when our display filter cannot use the field (filter::filterable).
std::string fieldFilter(const Field& f, const FieldValue& v);

// Everything a frame's registry fields read from: TCP analysis, Protocol column, times.
class FrameFields {
public:
    FrameFields(const AnalysedCapture& capture, size_t frame);
    FrameFields(const FrameFields&) = delete;
    FrameFields& operator=(const FrameFields&) = delete;
    const FieldSource& source() const { return src_; }
    const DecodedPacket& decoded() const { return d_; }

private:
    DecodedPacket d_;
    TcpPacketAnalysis a_;
    std::string protocol_;
    std::vector<std::string> comments_;
    FieldSource src_;
};

// The filter for node `node` of `tree` (built for the frame `frame` reads): the occurrence of the
// node's field at that place in the tree. Empty when the node shows no field we can filter on.
std::string nodeFilter(const DetailTree& tree, int32_t node, const FrameFields& frame);

// A packet list column's filter, as Wireshark's column expression: the field that fills it
// (its last occurrence, the innermost layer), "" when the column has none for this packet.
enum class ListColumn { Number, TimeRelative, Source, Destination, Length };
std::string columnFilter(ListColumn column, const FrameFields& frame);

// Conversation Filter: both ends of the packet's conversation at one layer; "" when the
// packet has no such conversation.
enum class ConversationLayer { Ethernet, Ipv4, Ipv6, Tcp, Udp };
std::string conversationFilter(ConversationLayer layer, const FrameFields& frame);

} // namespace synflow
