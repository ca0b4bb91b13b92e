#pragma once
// Loads a capture off the GUI thread: opens it at once (a bad file is refused before anything
// changes), then runs the one first pass (AnalysedCapture::analyse) in the background. Rows can
// be shown while it reads; the TCP analysis is there once finished() arrives. A new load
// cancels the one before.
#include "support/backgroundjob.h"

#include <QObject>
#include <QString>

#include <memory>

namespace synflow {
class AnalysedCapture;
}

class CaptureLoader : public QObject {
    Q_OBJECT
public:
    explicit CaptureLoader(QObject* parent = nullptr);
    ~CaptureLoader() override;

    // False, with the reason in `error`, if `path` cannot be read.
    bool start(const QString& path, QString* error);
    void cancel();
    bool isLoading() const { return loading_; }

signals:
    void opened(std::shared_ptr<const synflow::AnalysedCapture> capture);
    // Packets analysed so far (rows that may be shown) and the share of the file read, in 1/1000.
    void progress(qint64 packets, int permille);
    // `damage` is empty for an intact file.
    void finished(const QString& damage, qint64 packets);
    void cancelled();

private:
    BackgroundJob<bool> job_;
    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    bool loading_ = false;
};
