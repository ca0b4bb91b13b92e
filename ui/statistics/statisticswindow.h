#pragma once
// What every Statistics window shares: the capture and the main window's display filter, an
// optional "Limit to display filter" box, a status line with a progress bar, and one count at a
// time in the background that a newer count or closing the window cancels. A window adds its own
// view and says how to count (startCount) and how to show the result.
#include "analysis/workcontrol.h"
#include "support/backgroundjob.h"

#include <QLabel>
#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QProgressBar;
class QTimer;

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
    // The status line (its label named `objectName`) and, while a count runs, a progress bar
    // ("countProgress"); made on the first call.
    QWidget* statusArea(const QString& objectName);
    QLabel* status() const { return status_; }
    const std::shared_ptr<const synflow::AnalysedCapture>& capture() const { return capture_; }

    // False, with the running count cancelled, when there is no analysed capture to count.
    bool canCount();
    // Runs `compute(capture, shown, control)` in the background (shown: the display filter's mask
    // when the box limits to it, else null; control: stop requests and progress) and hands its
    // result to `show` on this thread, unless cancelled, superseded or incomplete
    // (Result::complete).
    template <typename Result, typename Compute, typename Show>
    void startCount(Compute compute, Show show)
    {
        if (status_)
            status_->setText(tr("Counting…"));
        job_.cancel(); // the count before, if any: cancelled, then told to stop at its next check
        control_->requestStop();
        control_ = std::make_shared<synflow::WorkControl>();
        startProgress();
        job_.start(
            [capture = capture_, shown = limitedMask(), control = control_, compute](QPromise<Erased>& promise) {
                auto result = std::make_shared<Result>(compute(*capture, shown.get(), control.get()));
                if (!promise.isCanceled() && result->complete)
                    promise.addResult(Erased(std::move(result)));
            },
            [this, show](Erased result) {
                stopProgress();
                show(std::static_pointer_cast<const Result>(std::move(result)));
            });
    }

private:
    using Erased = std::shared_ptr<const void>;
    void retranslateShared();
    std::shared_ptr<const std::vector<uint8_t>> limitedMask() const;
    void startProgress();
    void stopProgress();

    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    QString filterText_;
    std::vector<uint8_t> shown_;
    bool hasFilter_ = false;
    QCheckBox* limit_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QTimer* progressPoll_ = nullptr; // reads the running count's progress while it runs
    std::shared_ptr<synflow::WorkControl> control_ = std::make_shared<synflow::WorkControl>(); // the running count's
    BackgroundJob<Erased> job_;
};
