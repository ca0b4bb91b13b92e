#include "capture/followingindexer.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace synflow {
namespace {

// A few buffers (of 256 KiB by default): the follower decodes each while it is still in the
// shared cache, and the reader may run that far ahead. (Measured: larger ones are no faster;
// 1 MiB in all is under one byte per packet of a large capture.)
constexpr size_t kWindows = 4;

struct Pending {
    size_t begin, end, window;
    std::vector<uint16_t> linkTypes;
};

} // namespace

size_t estimateRecordCount(const CaptureFile& file, size_t indexed)
{
    if (indexed == 0)
        return 0;
    const PacketRecord& last = file.index()[indexed - 1];
    const double perRecord = double(last.offset + last.capLen) / double(indexed);
    return size_t(double(file.fileSize()) / perRecord * 1.02) + 1024;
}

void indexWithFollower(CaptureFile& file, const BatchConsumer& consume, const std::function<bool()>& afterRead,
                       size_t windowBytes)
{
    std::vector<ReadWindow> windows(kWindows);
    for (ReadWindow& w : windows)
        w.buffer.resize(windowBytes);

    std::mutex lock;
    std::condition_variable wake;
    std::deque<Pending> queue; // guarded by lock
    size_t done = 0;           // batches the follower has finished (guarded by lock)
    bool finished = false;     // guarded by lock

    std::thread follower([&] {
        for (;;) {
            Pending p;
            {
                std::unique_lock guard(lock);
                wake.wait(guard, [&] { return !queue.empty() || finished; });
                if (queue.empty())
                    return;
                p = std::move(queue.front());
                queue.pop_front();
            }
            if (p.end > p.begin)
                consume(IndexedBatch{p.begin, p.end, p.linkTypes, windows[p.window]});
            std::lock_guard guard(lock);
            ++done;
            wake.notify_all();
        }
    });

    bool more = true;
    for (size_t n = 0; more; ++n) {
        ReadWindow& w = windows[n % kWindows];
        {
            std::unique_lock guard(lock); // the window's previous batch must be finished
            wake.wait(guard, [&] { return n < kWindows || done >= n - kWindows + 1; });
        }
        const size_t begin = file.index().size();
        more = file.indexRead(w);
        if (afterRead && !afterRead())
            more = false;
        Pending p{begin, file.index().size(), n % kWindows, {}};
        for (const InterfaceInfo& ifc : file.interfaces()) // pcapng may add interfaces while indexing
            p.linkTypes.push_back(ifc.linkType);
        std::lock_guard guard(lock);
        queue.push_back(std::move(p));
        finished = !more;
        wake.notify_all();
    }
    follower.join();
}

} // namespace synflow
