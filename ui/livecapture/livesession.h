#pragma once
// One live capture: libpcap runs on its own thread and writes every packet at once to a
// pcapng in ~/.cache/synflow (so a crash loses nothing); ten times a second the GUI thread
// takes in what was written and runs it through the same analysis a loaded file gets.
#include <QObject>
#include <QString>

#include "analysis/analysedcapture.h"
#include "live/livecapture.h"

#include <atomic>
#include <memory>
#include <thread>

class QTimer;

class LiveSession : public QObject {
    Q_OBJECT
public:
    explicit LiveSession(QObject* parent = nullptr);
    ~LiveSession() override; // stops the capture and waits for its thread

    // Starts capturing into a new file in cacheDir(); false with the reason if that file
    // cannot be made. Errors of the capture itself (permission, no such interface, a filter
    // libpcap refuses) arrive through stopped().
    bool start(const synflow::CaptureOptions& options, QString* error);
    void stop();
    // Stops and returns once the capture thread is done and its last packets are analysed.
    void stopAndWait();
    bool isRunning() const { return thread_.joinable() && !finished_; }

    const synflow::CaptureOptions& options() const { return options_; }
    QString outputPath() const { return path_; }
    // The capture being followed: null until the writer has put the file's header down.
    std::shared_ptr<const synflow::AnalysedCapture> capture() const { return analysis_; }
    size_t packetCount() const { return analysis_ ? analysis_->packetCount() : 0; }
    synflow::CaptureStats stats() const { return capture_.stats(); }

    static QString cacheDir();

signals:
    void opened();                     // analysis().file() is there: rows can be shown
    void updated(qint64 packets);      // new packets were analysed (total count)
    void statsChanged();               // pcap_stats counters moved
    void stopped(const QString& error); // empty error: stopped by the user or a stop condition

private:
    void poll();
    void finish();

    synflow::CaptureOptions options_;
    synflow::LiveCapture capture_;
    std::shared_ptr<synflow::AnalysedCapture> analysis_;
    std::thread thread_;
    std::string error_; // written by the capture thread before it ends
    QTimer* timer_;
    QString path_;
    QString openError_; // the file could not be followed
    int openFailures_ = 0;
    bool finished_ = false;
};
