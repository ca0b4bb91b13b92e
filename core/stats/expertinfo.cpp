#include "stats/expertinfo.h"

#include "analysis/analysedcapture.h"
#include "decode/linktypes.h"
#include "decode/packetdecoder.h"
#include "proto/desegmentedview.h"

#include <algorithm>
#include <unordered_map>

namespace synflow {

namespace {

struct SeverityWord {
    const char* word;
    const char* title;
};
// Indexed by ExpertSeverity.
constexpr SeverityWord kSeverities[kExpertSeverities] = {
    {"comment", "Comments"}, {"chat", "Chats"}, {"note", "Notes"}, {"warn", "Warns"}, {"error", "Errors"}};

// Sequence-space comparison (RFC 1982), as SACK edges and ACKs wrap.
bool seqBefore(uint32_t a, uint32_t b) { return int32_t(a - b) < 0; }

// tshark's D-SACK test on the first SACK block (RFC 2883): it lies below the ACK, or inside the
// second block.
bool firstSackBlockIsDsack(const DecodedPacket& d, uint32_t ack)
{
    bool dsack = false;
    bool seen = false;
    forEachTcpOption(d, [&](uint8_t kind, uint32_t pos, uint32_t len) {
        if (kind != tcpopt::Sack || seen || len < 10)
            return;
        seen = true;
        const uint8_t* p = d.frame.data() + pos + 2;
        const uint32_t le0 = loadBe32(p), re0 = loadBe32(p + 4);
        if (seqBefore(le0, ack)) {
            dsack = true;
        } else if (len >= 18) {
            const uint32_t le1 = loadBe32(p + 8), re1 = loadBe32(p + 12);
            dsack = !seqBefore(le0, le1) && !seqBefore(re1, re0);
        }
    });
    return dsack;
}

// Where the payload of an Ethernet II frame ends by its own length field (IPv4 total length,
// IPv6 payload length, ARP's sizes), or 0 when it does not say.
uint32_t ethernetPayloadEnd(const DecodedPacket& d)
{
    // The link layers whose payload tshark hands on by EtherType, which then looks at the rest.
    if ((d.linkType != linktype::Ethernet && d.linkType != linktype::LinuxSll && d.linkType != linktype::LinuxSll2) ||
        d.pppoe)
        return 0;
    const uint32_t at = d.linkHeaderLen;
    const size_t cap = d.frame.size();
    switch (d.etherType) {
    case 0x0800:
        // A total length below the header's own (0 from TCP segmentation offload) says nothing.
        if (at + 4 <= cap && (d.frame[at] >> 4) == 4 && loadBe16(d.at(at + 2)) >= 20)
            return at + loadBe16(d.at(at + 2));
        return 0;
    case 0x86dd:
        if (at + 6 <= cap && (d.frame[at] >> 4) == 6 && loadBe16(d.at(at + 4)) != 0)
            return at + 40 + loadBe16(d.at(at + 4));
        return 0;
    case 0x0806:
        if (at + 6 <= cap)
            return at + 8 + 2u * d.frame[at + 4] + 2u * d.frame[at + 5];
        return 0;
    default:
        return 0;
    }
}

// tshark's note on a short Ethernet II frame whose bytes after the payload are not zeros, so
// not taken as padding to 60 bytes, and that no trailer dissector claims.
bool nonZeroPadding(const DecodedPacket& d)
{
    const uint32_t end = ethernetPayloadEnd(d);
    const uint32_t len = d.reportedLen ? d.reportedLen : uint32_t(d.frame.size());
    if (end == 0 || end >= len || len < 60 || end >= 60)
        return false;
    // The would-be padding: the bytes up to 60; all zeros makes it padding, no note.
    bool zeros = true;
    for (uint32_t i = end; i < 60; ++i) {
        if (i >= d.frame.size())
            return false; // not captured: tshark stops at the missing byte
        zeros = zeros && d.frame[i] == 0;
    }
    if (zeros)
        return false;
    // An Ethernet frame of 64 bytes or more whose trailer has room for one is taken to end in
    // an FCS (Linux cooked captures have none); the note needs trailer bytes besides it.
    uint32_t trailer = len - end;
    if (d.linkType == linktype::Ethernet && len >= 64 && trailer >= 4)
        trailer -= 4;
    return trailer > 0;
}

// tshark's names of the TCP options, in its messages on a bad option length; null for kinds
// whose name we have not seen it print (no message then).
const char* tcpOptionName(uint8_t kind)
{
    switch (kind) {
    case tcpopt::Mss: return "Maximum segment size";
    case tcpopt::WindowScale: return "Window scale";
    case tcpopt::SackPermitted: return "SACK permitted";
    case tcpopt::Sack: return "SACK";
    case tcpopt::Timestamps: return "Timestamps";
    case tcpopt::Mptcp: return "MPTCP";
    case tcpopt::TcpFastOpen: return "TFO";
    default: return nullptr;
    }
}

std::string bytesWord(uint32_t n) { return std::to_string(n) + (n == 1 ? " byte" : " bytes"); }

// What tshark says of the option list as it walks it: a length too short or running past
// the header ends the walk; bytes after an End of Option List must be zeros; a SYN whose
// options are all well formed should carry an MSS.
void appendOptionItems(const DecodedPacket& d, bool syn, std::vector<ExpertItem>& out)
{
    if (d.tcpHeaderLen <= 20)
        return;
    const uint32_t start = d.transportOffset + 20;
    const uint32_t end = std::min<uint32_t>(d.transportOffset + d.tcpHeaderLen, uint32_t(d.frame.size()));
    if (end < d.transportOffset + d.tcpHeaderLen)
        return; // options cut by the snap length: tshark stops on the missing bytes
    bool mss = false;
    for (uint32_t pos = start; pos < end;) {
        const uint8_t kind = d.frame[pos];
        if (kind == tcpopt::Eol) {
            for (uint32_t i = pos + 1; i < end; ++i)
                if (d.frame[i] != 0) {
                    out.push_back({ExpertSeverity::Error, ExpertGroup::Protocol, "Non-zero header padding"});
                    break;
                }
            break;
        }
        if (kind == tcpopt::Nop) {
            ++pos;
            continue;
        }
        if (pos + 1 >= end)
            return; // no room for the length byte
        const uint32_t len = d.frame[pos + 1];
        if (len < 2 || pos + len > end) {
            if (const char* name = tcpOptionName(kind))
                out.push_back({ExpertSeverity::Note, ExpertGroup::Sequence,
                               std::string(name) +
                                   (len < 2 ? " (with too-short option length = " + bytesWord(len) + ")"
                                            : " (option length = " + bytesWord(len) + " says option goes past end of options)")});
            return;
        }
        mss = mss || kind == tcpopt::Mss;
        pos += len;
    }
    if (syn && !mss)
        out.push_back({ExpertSeverity::Note, ExpertGroup::Protocol, "The SYN packet does not contain a MSS option"});
}

// A TCP Fast Open cookie (not a request for one): option 34, or the experimental 254 with
// magic 0xf989.
bool hasTfoCookie(const DecodedPacket& d)
{
    bool cookie = false;
    forEachTcpOption(d, [&](uint8_t kind, uint32_t pos, uint32_t len) {
        if (kind == tcpopt::TcpFastOpen && len > 2)
            cookie = true;
        else if (kind == 254 && len > 4 && loadBe16(d.at(pos + 2)) == 0xf989)
            cookie = true;
    });
    return cookie;
}

} // namespace

bool parseExpertSeverity(const std::string& word, ExpertSeverity& severity)
{
    for (size_t i = 0; i < kExpertSeverities; ++i)
        if (word == kSeverities[i].word) {
            severity = ExpertSeverity(i);
            return true;
        }
    return false;
}

const char* expertSeverityTitle(ExpertSeverity severity) { return kSeverities[size_t(severity)].title; }

uint64_t ExpertInfo::total(ExpertSeverity severity) const
{
    uint64_t n = 0;
    for (const ExpertEntry& e : entries)
        if (e.severity == severity)
            n += e.frames.size();
    return n;
}

void frameExpertItems(const AnalysedCapture& capture, size_t frame, const DecodedPacket& d, std::vector<ExpertItem>& out,
                      bool desegment)
{
    const PacketRecord& rec = capture.index()[frame];
    if ((rec.flags & RecordHasOptions) || !capture.file().commentEdits().empty())
        for (std::string& c : capture.file().packetComments(frame)) {
            c.resize(std::min(c.size(), c.find('\0'))); // tshark reads the comment as a C string
            out.push_back({ExpertSeverity::Comment, ExpertGroup::Comment, std::move(c), "Frame"});
        }
    if (d.transport == TransportLayer::Tcp && d.tcpHeaderValid && d.transportOffset + 20 <= d.frame.size()) {
        if (const TcpPacketAnalysis a = capture.tcpAnalysis(frame, d); a.valid) {
            const TcpView tcp{d.at(d.transportOffset)};
            const uint16_t flags = tcp.flags();
            const bool syn = flags & TcpSyn, ack = flags & TcpAck;
            // Fast Open: the SYN/ACK's acknowledgment number tells whether the SYN's data was taken.
            if (syn && ack && capture.tracker()->synCarriedData(a.stream))
                out.push_back({ExpertSeverity::Note, ExpertGroup::Sequence,
                               a.ack > 1 ? "TCP SYN-ACK accepting TFO data" : "TCP SYN-ACK ignoring TFO data"});
            if (!ack && tcp.ack() != 0)
                out.push_back({ExpertSeverity::Note, ExpertGroup::Protocol, kAckNonzeroWithoutAck});
            appendFlagExpertItems(a, flags, ack ? tcp.srcPort() : tcp.dstPort(), out);
            if (firstSackBlockIsDsack(d, tcp.ack()))
                out.push_back({ExpertSeverity::Warning, ExpertGroup::Sequence, "D-SACK Sequence"});
            appendOptionItems(d, syn, out);
            if (syn && !ack && d.tcpPayloadLen > 0 && hasTfoCookie(d))
                out.push_back({ExpertSeverity::Note, ExpertGroup::Sequence, "TCP SYN with TFO Cookie"});
            appendAnalysisExpertItems(a, out);
            // Reassembly runs as the payload is handed on, after the sequence analysis.
            if (desegment && d.tcpPayloadLen > 0) {
                const PduNote error = tcpReassemblyError(uint32_t(frame), d, a, capture.protocols());
                if (error == PduNote::OverlapError)
                    out.push_back({ExpertSeverity::Error, ExpertGroup::Malformed, "New fragment overlaps old data (retransmission?)"});
                else if (error == PduNote::PastLimitsError)
                    out.push_back({ExpertSeverity::Error, ExpertGroup::Malformed, "New fragment past old data limits"});
            }
        }
    }
    // The Ethernet trailer is looked at once the payload is dissected.
    if (nonZeroPadding(d))
        out.push_back({ExpertSeverity::Note, ExpertGroup::Protocol,
                       "Didn't find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.",
                       "Ethertype"});
}

void markExpertQuiet(PacketRecord& rec, const DecodedPacket& d)
{
    // What frameExpertItems raises whatever the analysis says: comments, and for TCP the flags'
    // items (SYN, FIN, RST), an ACK number without ACK, D-SACK, the options, then the padding.
    if ((rec.flags & RecordHasOptions) || rec.kind == RecordKind::CustomBlock)
        return;
    if (d.transport == TransportLayer::Tcp && d.tcpHeaderValid && d.transportOffset + 20 <= d.frame.size()) {
        const TcpView tcp{d.at(d.transportOffset)};
        const uint16_t flags = tcp.flags();
        if ((flags & (TcpSyn | TcpFin | TcpRst)) || (!(flags & TcpAck) && tcp.ack() != 0) || firstSackBlockIsDsack(d, tcp.ack()))
            return;
        std::vector<ExpertItem> items;
        appendOptionItems(d, false, items);
        if (!items.empty())
            return;
    }
    if (nonZeroPadding(d))
        return;
    rec.summary |= SummaryExpertQuiet;
}

ExpertInfo collectExpertInfo(const AnalysedCapture& capture, const ExpertOptions& options, WorkControl* control)
{
    ExpertInfo info;
    const std::vector<uint8_t>* shown = options.shown;
    const PacketIndex& index = capture.index();
    const size_t n = std::min(index.size(), capture.packetCount());
    const TcpTracker* tracker = capture.tracker();
    const bool noEdits = capture.file().commentEdits().empty();
    if (control)
        control->setTotal(n);
    std::unordered_map<std::string, uint32_t> entryOf; // severity, group, protocol, summary
    std::vector<ExpertItem> items;
    std::string key;
    for (size_t i = 0; i < n; ++i) {
        if (WorkControl::stopAt(control, i)) {
            info.complete = false;
            break;
        }
        if (shown && (i >= shown->size() || !(*shown)[i]))
            continue;
        if (index[i].kind == RecordKind::CustomBlock)
            continue;
        // Marked quiet by the first pass, and nothing for the TCP analysis to say.
        if ((index[i].summary & SummaryExpertQuiet) && noEdits && (!tracker || tracker->analysisFlags(uint32_t(i)) == 0))
            continue;
        items.clear();
        frameExpertItems(capture, i, capture.decode(i), items, options.desegment);
        for (ExpertItem& item : items) {
            if (item.severity < options.lowest)
                continue;
            key.assign(1, char('0' + int(item.severity)));
            key += char('0' + int(item.group));
            key += item.protocol;
            key += '\0';
            key += item.message;
            auto [it, added] = entryOf.try_emplace(key, uint32_t(info.entries.size()));
            if (added)
                info.entries.push_back({item.severity, item.group, item.protocol, std::move(item.message), {}});
            info.entries[it->second].frames.push_back(uint32_t(i));
        }
    }
    if (info.complete)
        WorkControl::finished(control, n);
    return info;
}

} // namespace synflow
