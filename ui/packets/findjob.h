#pragma once
// Edit → Find Packet off the window's thread: a search through a loaded capture runs in the
// background with its progress reported and can be cancelled, so a big capture never freezes
// the window. A live capture, a small one and a search in the list's own text (which only the
// model can give, on this thread) are searched at once.
#include "packets/packetsearch.h"
#include "support/backgroundjob.h"

#include <QObject>

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
    bool isRunning() const { return job_.isRunning(); }

signals:
    void started();            // a background search began
    void progress(int permille);
    void finished(PacketSearch::Result result);

private:
    BackgroundJob<PacketSearch::Result> job_;
};
