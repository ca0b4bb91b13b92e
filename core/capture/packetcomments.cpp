#include "capture/packetcomments.h"

#include <mutex>

namespace synflow {

void PacketComments::set(uint32_t frame, std::vector<std::string> comments)
{
    std::unique_lock lock(mutex_);
    edits_[frame] = std::move(comments);
    any_.store(true, std::memory_order_release);
    revision_.fetch_add(1, std::memory_order_acq_rel);
}

std::optional<std::vector<std::string>> PacketComments::find(uint32_t frame) const
{
    if (empty())
        return std::nullopt;
    std::shared_lock lock(mutex_);
    const auto it = edits_.find(frame);
    if (it == edits_.end())
        return std::nullopt;
    return it->second;
}

std::map<uint32_t, std::vector<std::string>> PacketComments::all() const
{
    std::shared_lock lock(mutex_);
    return edits_;
}

void PacketComments::clear()
{
    std::unique_lock lock(mutex_);
    edits_.clear();
    any_.store(false, std::memory_order_release);
    revision_.fetch_add(1, std::memory_order_acq_rel);
}

std::string joinComments(const std::vector<std::string>& comments)
{
    std::string out;
    for (const std::string& c : comments) {
        if (c.empty())
            continue;
        if (!out.empty())
            out += " \xc2\xb7 ";
        // One line: a comment's own line breaks become spaces.
        for (char ch : c)
            out += (ch == '\n' || ch == '\r' || ch == '\t') ? ' ' : ch;
    }
    return out;
}

} // namespace synflow
