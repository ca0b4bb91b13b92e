#pragma once
// Follows a capture file while a live capture writes it, and puts each new packet through
// the same steps a loaded file gets: packet index, decode, TCP tracker, payload protocols.
// Call update() from one thread (the GUI's timer); readers on that thread see a consistent
// state between calls.
#include <cstddef>
#include <memory>
#include <string>

namespace synflow {

class CaptureFile;
class TcpTracker;
class ConversationProtocols;

class LiveAnalysis {
public:
    LiveAnalysis();
    ~LiveAnalysis();

    // False until the writer has put the file's header down (retry), or if it is not a capture.
    bool open(const std::string& path, std::string& error);
    bool isOpen() const { return bool(file_); }
    void close();

    // Takes in and analyses everything appended since the last call; returns the number of
    // new packets.
    size_t update();

    size_t packetCount() const { return analysed_; }
    std::shared_ptr<const CaptureFile> file() const { return file_; }
    std::shared_ptr<const TcpTracker> tracker() const { return tracker_; }
    std::shared_ptr<const ConversationProtocols> protocols() const { return protocols_; }

private:
    std::shared_ptr<CaptureFile> file_;
    std::shared_ptr<TcpTracker> tracker_;
    std::shared_ptr<ConversationProtocols> protocols_;
    size_t analysed_ = 0;
};

} // namespace synflow
