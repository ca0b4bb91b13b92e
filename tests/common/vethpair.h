#pragma once
// A throw-away veth pair (needs root), for testing a capture whose interface goes away.
#include <string>

namespace synflow::test {

class VethPair {
public:
    VethPair();
    ~VethPair(); // removes the pair if it is still there
    // Creates and brings up both ends; false with `ip`'s message where that is not allowed.
    bool create(std::string& error);
    const std::string& name() const { return name_; } // the end to capture on
    // Sends `count` small Ethernet frames out of name(), so a capture on it sees them.
    bool sendFrames(int count);
    void remove();

private:
    std::string name_, peer_;
    bool created_ = false;
};

} // namespace synflow::test
