#pragma once
// One analysed capture: the file, its packet index, the TCP tracker and what was learned of each
// conversation's application protocol, filled by the one first pass every reader shares (the
// window's loader, the live follower, every synflow-cli command). Views, models, the display
// filter and the CLI take this one handle.
//
// Threads: a loaded file is analysed on one worker thread (analyse()); until it returns, other
// threads may read the rows indexed so far (file()) but not the analysis (tracker() is null for
// them). A live capture is followed by update() on one thread, whose readers see a consistent
// analysis between calls.
#include "capture/capturefile.h"
#include "capture/followingindexer.h"
#include "proto/conversationprotocols.h"
#include "tcp/tcptracker.h"

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>

namespace synflow {

class AnalysedCapture {
public:
    // How far the first pass goes: `conv` needs only the tracker, `info` only the index.
    enum class Depth { Index, Tcp, Full };

    struct Progress {
        size_t packets = 0;
        size_t bytesDone = 0;
        size_t bytesTotal = 0;
    };
    struct PassOptions {
        Depth depth = Depth::Full;
        // On the reading thread after each piece of the file; false stops the pass early.
        std::function<bool(const Progress&)> afterPiece;
        size_t windowBytes = size_t(256) << 10; // read buffer size (tests make it small)
    };

    AnalysedCapture();
    ~AnalysedCapture();
    AnalysedCapture(const AnalysedCapture&) = delete;
    AnalysedCapture& operator=(const AnalysedCapture&) = delete;

    // How eagerly silent conversations give up their tracking state (before analyse()).
    void setRetirePolicy(const TcpTracker::RetirePolicy& policy) { tracker_.setRetirePolicy(policy); }
    // Analysed to the end with nothing to follow (a command-line run): the tracker gives back
    // what only finding new segments' conversations needs.
    void releaseTrackingLookup() { tracker_.releaseLookup(); }

    // A finished file; false with a one-line reason when it is not a readable capture.
    bool open(const std::string& path, std::string& error);
    // A file still being written (a live capture's): follow it with update().
    bool openFollowing(const std::string& path, std::string& error);

    // The first pass over an opened file: reads it in pieces while a second thread decodes, tracks
    // and learns each record. False if afterPiece stopped it (the analysis is then incomplete).
    bool analyse(const PassOptions& options)
    {
        return analyse(options, [](size_t, PacketRecord&, const DecodedPacket&) {});
    }
    bool analyse(Depth depth = Depth::Full) { return analyse(PassOptions{depth, {}}); }
    // The same, with `each(frame, record, decoded)` called on the analysing thread for every
    // record after the tracker and protocols saw it (inlined into the per-packet loop; the
    // record may take summary bits).
    template <typename Each>
    bool analyse(const PassOptions& options, Each&& each)
    {
        depth_ = options.depth;
        return runPass(options, [&](const IndexedBatch& batch) {
            switch (depth_) {
            case Depth::Index: consume<Depth::Index>(batch, each); break;
            case Depth::Tcp: consume<Depth::Tcp>(batch, each); break;
            case Depth::Full: consume<Depth::Full>(batch, each); break;
            }
        });
    }

    // Live: takes in what was appended since the last call and analyses it for at most about
    // `budgetMs`. Returns the number of newly analysed packets.
    size_t update(double budgetMs = 1e18);
    size_t backlog() const { return file_.packetCount() - packetCount(); }

    const CaptureFile& file() const { return file_; }
    CaptureFile& file() { return file_; }
    const PacketIndex& index() const { return file_.index(); }
    // Packets whose analysis is done (live: the rows to show).
    size_t packetCount() const { return analysed_.load(std::memory_order_acquire); }
    bool following() const { return following_; }
    // The analysis, once it may be read: after a completed pass, or at once for a followed file
    // (on the thread that calls update()). Null before.
    const TcpTracker* tracker() const { return ready() ? &tracker_ : nullptr; }
    const ConversationProtocols* protocols() const { return ready() && depth_ == Depth::Full ? &protocols_ : nullptr; }
    bool ready() const { return following_ || complete_.load(std::memory_order_acquire); }
    // The tracker as the pass has it so far: only for `each` of analyse(), on its thread (a
    // frame's stream is known once it was processed; its analysis may still change).
    const TcpTracker& trackerSoFar() const { return tracker_; }

    DecodedPacket decode(size_t frame) const { return file_.decode(frame); }
    // Frame's TCP analysis (valid == false for non-TCP, or before the analysis is ready).
    TcpPacketAnalysis tcpAnalysis(size_t frame, const DecodedPacket& d) const;

private:
    // Reads the file in pieces while `consumeBatch` runs on a second thread, one piece behind.
    bool runPass(const PassOptions& options, const std::function<void(const IndexedBatch&)>& consumeBatch);
    // One loop per depth, so the per-packet path tests nothing it does not do.
    template <Depth D, typename Each>
    void consume(const IndexedBatch& batch, Each& each)
    {
        PacketIndex& index = file_.index();
        if (batch.begin == 0 && D != Depth::Index)
            tracker_.reserve(estimateRecordCount(file_, batch.end)); // the per-frame table, sized once
        for (size_t i = batch.begin; i < batch.end; ++i) {
            batch.prefetch(index, i + CaptureFile::kPrefetchAhead);
            PacketRecord& rec = index.mutableAt(i);
            DecodedPacket d = batch.decode(rec);
            if (d.ipFragment) [[unlikely]]
                file_.learnFragment(i, d);
            if constexpr (D != Depth::Index)
                tracker_.process(uint32_t(i), rec, d);
            if constexpr (D == Depth::Full) {
                protocols_.learn(uint32_t(i), d, tracker_, index);
                if (protocols_.announcedStreams().size() != announcedTold_) [[unlikely]]
                    tellAnnounced();
            }
            each(i, rec, d);
        }
        analysed_.store(batch.end, std::memory_order_release);
    }

    // The tracker reads frames again from the file to rebuild a retired conversation.
    struct FrameSource final : TcpFrameSource {
        explicit FrameSource(const CaptureFile& f) : file(f) {}
        const PacketRecord& record(uint32_t frame) const override { return file.index()[frame]; }
        DecodedPacket decode(uint32_t frame) const override { return file.decode(frame); }
        const CaptureFile& file;
    };

    // Hands the tracker the conversations the protocols saw announced since the last call.
    void tellAnnounced()
    {
        const auto& streams = protocols_.announcedStreams();
        for (; announcedTold_ < streams.size(); ++announcedTold_)
            tracker_.setAnnounced(streams[announcedTold_]);
    }

    CaptureFile file_;
    FrameSource source_{file_};
    size_t announcedTold_ = 0;
    TcpTracker tracker_;
    ConversationProtocols protocols_;
    Depth depth_ = Depth::Full;
    std::atomic<size_t> analysed_{0}; // written per batch by the analysing thread
    bool following_ = false;
    std::atomic<bool> complete_{false};
};

} // namespace synflow
