#pragma once
// The user's packet comments (Wireshark's Edit → Packet Comment…): per frame, the comments
// that replace what the file says, until the capture is saved with them. Kept beside the
// file, not in it: every view reads them through CaptureFile::packetComments(), from any
// thread, while the window edits them.
#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

namespace synflow {

class PacketComments {
public:
    // Frame `frame`'s comments from now on (an empty list deletes them all).
    void set(uint32_t frame, std::vector<std::string> comments);
    // The edited comments of `frame`, or nothing when it was not edited.
    std::optional<std::vector<std::string>> find(uint32_t frame) const;
    // Every edit, by frame (for saving).
    std::map<uint32_t, std::vector<std::string>> all() const;
    bool empty() const { return !any_.load(std::memory_order_acquire); }
    // Increases with every edit, so views can tell their texts are out of date.
    uint64_t revision() const { return revision_.load(std::memory_order_acquire); }
    void clear();

private:
    mutable std::shared_mutex mutex_;
    std::map<uint32_t, std::vector<std::string>> edits_;
    std::atomic<bool> any_{false};
    std::atomic<uint64_t> revision_{0};
};

// A frame's comments as one line, each separated by " · " (views that show them beside an arrow).
std::string joinComments(const std::vector<std::string>& comments);

} // namespace synflow
