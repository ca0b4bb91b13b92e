#include "capture/followingindexer.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace synflow {

void indexWithFollower(CaptureFile& file, const BatchConsumer& consume, size_t batch)
{
    std::mutex lock;
    std::condition_variable wake;
    size_t published = 0;
    bool finished = false;
    std::vector<uint16_t> linkTypes; // guarded by lock: pcapng may add interfaces while indexing

    auto publish = [&](bool last) {
        std::lock_guard guard(lock);
        published = file.index().size();
        linkTypes.clear();
        for (const InterfaceInfo& ifc : file.interfaces())
            linkTypes.push_back(ifc.linkType);
        finished = last;
        wake.notify_one();
    };

    std::thread follower([&] {
        size_t next = 0;
        std::vector<uint16_t> types;
        for (;;) {
            size_t upto;
            bool last;
            {
                std::unique_lock guard(lock);
                wake.wait(guard, [&] { return published > next || finished; });
                upto = published;
                last = finished;
                types = linkTypes;
            }
            if (upto > next)
                consume(next, upto, types);
            next = upto;
            if (last)
                return;
        }
    });
    while (file.indexMore(batch))
        publish(false);
    publish(true);
    follower.join();
}

} // namespace synflow
