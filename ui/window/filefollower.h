#pragma once
// View → Follow the File: a capture another program is still writing (tcpdump -w) is read as it
// grows. The file is opened for following and, a few times a second, what became whole since is
// analysed on the GUI thread in small slices (as a live capture's own file is); a record still
// half written is simply not there yet.
#include "analysis/analysedcapture.h"

#include <QObject>
#include <QString>

#include <memory>

class QTimer;

class FileFollower : public QObject {
    Q_OBJECT
public:
    explicit FileFollower(QObject* parent = nullptr);

    // Starts following `path` from its first packet; false with the reason when it cannot be read.
    bool start(const QString& path, QString* error);
    void stop();
    bool isFollowing() const { return bool(capture_); }
    std::shared_ptr<const synflow::AnalysedCapture> capture() const { return capture_; }
    static constexpr int kIntervalMs = 250;

signals:
    void grew(qint64 packets);
    // The file was cut short or replaced under us: following ends there, the packets read are kept.
    void failed(const QString& error);

private:
    void poll();

    std::shared_ptr<synflow::AnalysedCapture> capture_;
    QString path_;
    QTimer* timer_;
};
