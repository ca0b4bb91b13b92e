#pragma once
// Expert information as tshark 4.0's expert tap gathers it (-z expert): every item each frame
// raises, by severity, then one entry per (group, protocol, summary) in order of first
// appearance, with the frames that raised it. Items come from what our decoders know: pcapng
// packet comments, TCP's flags, SACK option, sequence analysis and (with TCP reassembly on) its
// reassembly errors. Application-layer items
// (HTTP, TLS, DNS...) are not raised: see core/stats/TSHARK_DIFFERENCES.md.
#include "analysis/workcontrol.h"
#include "tcp/tcpanalysis.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace synflow {

class AnalysedCapture;
struct DecodedPacket;
struct PacketRecord;

constexpr size_t kExpertSeverities = 5;

// "error", "warn", "note", "chat", "comment" (tshark's -z expert level words).
bool parseExpertSeverity(const std::string& word, ExpertSeverity& severity);
// "Errors", "Warns", "Notes", "Chats", "Comments" (tshark's section titles).
const char* expertSeverityTitle(ExpertSeverity severity);

struct ExpertEntry {
    ExpertSeverity severity = ExpertSeverity::Chat;
    ExpertGroup group = ExpertGroup::Sequence;
    const char* protocol = "";
    std::string summary;
    std::vector<uint32_t> frames; // 0-based, in order; a frame that raises it twice is here twice
};

struct ExpertInfo {
    std::vector<ExpertEntry> entries; // in order of first appearance
    bool complete = true;             // false when cancelled
    uint64_t total(ExpertSeverity severity) const;
};

struct ExpertOptions {
    // Count only frames with shown[i] != 0 (a display filter); null: every frame.
    const std::vector<uint8_t>* shown = nullptr;
    // Items less severe than this are left out (tshark's -z expert,LEVEL).
    ExpertSeverity lowest = ExpertSeverity::Comment;
    // TCP reassembly on, tshark's default: its reassembly errors are raised too. They need the
    // protocols (an analysis of Depth::Full); without them this changes nothing. Off gives what
    // tshark reports with tcp.desegment_tcp_streams:FALSE.
    bool desegment = false;
};

// The items frame `frame` raises, in tshark's order within the frame (`desegment`: as
// ExpertOptions::desegment).
void frameExpertItems(const AnalysedCapture& capture, size_t frame, const DecodedPacket& d, std::vector<ExpertItem>& out,
                      bool desegment = false);

// For a first pass's `each`: marks a frame (SummaryExpertQuiet) that raises no item but those
// its TCP analysis flags would, so collectExpertInfo does not decode it again when the tracker
// flagged nothing.
void markExpertQuiet(PacketRecord& rec, const DecodedPacket& d);

// Gathers the items of an analysed capture. Stops early (complete = false) when `control`
// asks it to stop; `control` also hears how far it got.
ExpertInfo collectExpertInfo(const AnalysedCapture& capture, const ExpertOptions& options = {},
                             WorkControl* control = nullptr);

} // namespace synflow
