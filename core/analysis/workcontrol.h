#pragma once
// Between a long count on worker threads and whoever waits for it (a window): the waiter may ask
// it to stop, and reads how far it has got for a progress bar. The work checks in every few
// thousand frames, so neither side pays for it per frame.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace synflow {

class WorkControl {
public:
    void requestStop() { stop_.store(true, std::memory_order_relaxed); }
    bool stopRequested() const { return stop_.load(std::memory_order_relaxed); }

    // The work's size (frames, bytes): set by the work before it starts.
    void setTotal(uint64_t units) { total_.store(units, std::memory_order_relaxed); }
    // Units passed since the work's thread last said; any of its threads may call it.
    void advance(uint64_t units) { done_.fetch_add(units, std::memory_order_relaxed); }
    uint64_t done() const { return done_.load(std::memory_order_relaxed); }
    // 0 … 1000: how much of the total is done (0 while the total is unknown).
    int permille() const
    {
        const uint64_t total = total_.load(std::memory_order_relaxed);
        const uint64_t done = done_.load(std::memory_order_relaxed);
        return total == 0 ? 0 : int(std::min<uint64_t>(done, total) * 1000 / total);
    }

    static constexpr size_t kCheckEvery = 4096; // frames between check-ins

    // A frame loop's check-in at its `step`-th frame (counted from the loop's start): records the
    // frames passed every kCheckEvery and says whether to stop. A null control never stops.
    static bool stopAt(WorkControl* control, size_t step)
    {
        if (!control || step % kCheckEvery != 0)
            return false;
        if (step != 0)
            control->advance(kCheckEvery);
        return control->stopRequested();
    }

    // A frame loop's end after `steps` frames, all done: the frames since its last check-in.
    static void finished(WorkControl* control, size_t steps)
    {
        if (control && steps > 0)
            control->advance(steps - (steps - 1) / kCheckEvery * kCheckEvery);
    }

private:
    std::atomic<bool> stop_{false};
    std::atomic<uint64_t> total_{0};
    std::atomic<uint64_t> done_{0};
};

} // namespace synflow
