#pragma once
// SMTP's message data as tshark 4.0 names it. After the client's DATA command its segments are
// the message, up to the line ".": each segment before the last is "C: DATA fragment, N bytes";
// the one that ends it is SMTP/IMF, named from the whole message (SMTP gathers it itself, with
// or without TCP reassembly). A first pass learns which segments those are, in capture order.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace synflow {

// IMF's Info for a message (without the ending "."): "from: ..., subject: ..., " in the order the
// headers come, then " (text/plain)" for each text part, or the body's lines for a message that
// has no text type (", line  ").
std::string imfInfo(std::string_view message);

struct SmtpDataRow {
    bool ends = false; // the segment that ends the message (SMTP/IMF)
    std::string info;
};

class SmtpMessages {
public:
    static constexpr size_t kKeptMax = size_t(1) << 20;
    // One client segment of an SMTP conversation (not a retransmission), in capture order: `n`
    // bytes captured of `reported`; `frameKey` orders frames (the record's file offset).
    void learn(uint32_t stream, uint64_t frameKey, const uint8_t* p, size_t n, size_t reported);
    // What the segment is when it carries message data; null when it does not.
    const SmtpDataRow* row(uint64_t frameKey) const
    {
        const auto it = rows_.find(frameKey);
        return it == rows_.end() ? nullptr : &it->second;
    }
    bool empty() const { return rows_.empty(); }

private:
    struct State {
        bool reading = false;
        bool lineEnded = false; // the last segment ended a line, as far as the capture shows
        // The data so far (of the segments the capture kept whole), up to kKeptMax bytes: the
        // headers and the parts' headers name the message, not megabytes of attachment.
        std::string message;
    };
    std::unordered_map<uint32_t, State> states_;
    std::unordered_map<uint64_t, SmtpDataRow> rows_;
};

} // namespace synflow
