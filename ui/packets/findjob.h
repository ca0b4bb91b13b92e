#pragma once
// Edit → Find Packet without freezing the window: a search through a loaded capture runs in the
// background with its progress reported and can be cancelled. A search in the list's own text
// (which only the model gives, on this thread) runs here a slice at a time between events, with
// progress and cancel alike. A live capture and a small one are searched at once.
#include "packets/packetsearch.h"
#include "support/backgroundjob.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

class FindJob : public QObject {
    Q_OBJECT
public:
    explicit FindJob(QObject* parent = nullptr);

    // Below this many frames a search is quick enough to run at once (tests may lower it).
    static size_t& backgroundFrom();

    // Starts `q` (a newer search cancels an older one); finished() tells the outcome.
    void start(const PacketSearch::Query& q, std::shared_ptr<const synflow::AnalysedCapture> capture, bool growing,
               const PacketListModel& model, const QTableView& table);
    void cancel();
    bool isRunning() const { return job_.isRunning() || slices_.isActive(); }

signals:
    void started();            // a background search began
    void progress(int permille);
    void finished(PacketSearch::Result result);

private:
    void nextSlice(); // the list search's next few milliseconds

    BackgroundJob<PacketSearch::Result> job_;
    // The list search: its question, where it is (search step k: 1..frames) and its views.
    QTimer slices_;
    PacketSearch::Query listQuery_;
    size_t step_ = 0;
    const PacketListModel* model_ = nullptr; // the pane's, which owns this job too
    const QTableView* table_ = nullptr;
};
