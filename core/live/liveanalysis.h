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

    // Takes in what was appended since the last call and analyses it, for at most about
    // `budgetMs` (so a GUI thread stays responsive under a flood; the rest waits for the next
    // call). Returns the number of newly analysed packets.
    size_t update(double budgetMs = 1e18);
    // Packets indexed but not analysed yet.
    size_t backlog() const;

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
