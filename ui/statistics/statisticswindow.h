#pragma once
// What every Statistics window shares: the capture and the main window's display filter, an
// optional "Limit to display filter" box, a status line, and one count at a time in the
// background that a newer count or closing the window cancels. A window adds its own view and
// says how to count (startCount) and how to show the result.
#include "support/backgroundjob.h"

#include <QLabel>
#include <QWidget>

#include <atomic>
#include <memory>
#include <vector>

class QCheckBox;

namespace synflow {
class AnalysedCapture;
}

class StatisticsWindow : public QWidget {
    Q_OBJECT
public:
    ~StatisticsWindow() override;

    // The capture (null: none yet, or still loading) and the main window's display filter
    // (text and shown mask; null: none).
    void setCapture(std::shared_ptr<const synflow::AnalysedCapture> capture);
    void setDisplayFilter(const QString& text, const std::vector<uint8_t>* shown);
    bool isCounting() const { return job_.isRunning(); }

signals:
    void counted(); // what the window shows is up to date

protected:
    StatisticsWindow(const QString& objectName, QWidget* parent);

    // Counts again from the capture and the options on show.
    virtual void recount() = 0;
    // The window's own strings (the shared ones are kept by this class).
    virtual void retranslate() = 0;
    void changeEvent(QEvent* e) override;

    // The "Limit to display filter" box, made on the first call; toggling it recounts.
    QCheckBox* limitBox();
    QLabel* statusLabel(const QString& objectName); // made on the first call
    QLabel* status() const { return status_; }
    const std::shared_ptr<const synflow::AnalysedCapture>& capture() const { return capture_; }

    // False, with the running count cancelled, when there is no analysed capture to count.
    bool canCount();
    // Runs `compute(capture, shown, cancel)` in the background (shown: the display filter's mask
    // when the box limits to it, else null) and hands its result to `show` on this thread, unless
    // cancelled, superseded or incomplete (Result::complete).
    template <typename Result, typename Compute, typename Show>
    void startCount(Compute compute, Show show)
    {
        if (status_)
            status_->setText(tr("Counting…"));
        *cancel_ = true; // the count before, if any, stops at its next check
        cancel_ = std::make_shared<std::atomic<bool>>(false);
        job_.start(
            [capture = capture_, shown = limitedMask(), cancel = cancel_, compute](QPromise<Erased>& promise) {
                auto result = std::make_shared<Result>(compute(*capture, shown.get(), cancel.get()));
                if (!promise.isCanceled() && result->complete)
                    promise.addResult(Erased(std::move(result)));
            },
            [show](Erased result) { show(std::static_pointer_cast<const Result>(std::move(result))); });
    }

private:
    using Erased = std::shared_ptr<const void>;
    void retranslateShared();
    std::shared_ptr<const std::vector<uint8_t>> limitedMask() const;

    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    QString filterText_;
    std::vector<uint8_t> shown_;
    bool hasFilter_ = false;
    QCheckBox* limit_ = nullptr;
    QLabel* status_ = nullptr;
    std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false); // the running count's
    BackgroundJob<Erased> job_;
};
