#pragma once
// Live capture as the window runs it: one LiveSession at a time, started, stopped and restarted
// from the Capture menu or the welcome page; what was captured and not yet saved; the status
// line with libpcap's counts.
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class LiveSession;
class QWidget;

namespace synflow {
class AnalysedCapture;
struct CaptureOptions;
} // namespace synflow

class CaptureController : public QObject {
    Q_OBJECT
public:
    explicit CaptureController(QWidget* window);
    ~CaptureController() override;

    // The options of Capture → Options… (remembered for next time); false if cancelled.
    static bool askOptions(QWidget* parent, synflow::CaptureOptions* options);
    // The remembered options, on `interfaceName` (which is remembered too).
    static synflow::CaptureOptions optionsFor(const QString& interfaceName);
    static synflow::CaptureOptions lastOptions();

    // Starts capturing into a new temporary pcapng; false with the reason in `error`.
    bool start(const synflow::CaptureOptions& options, QString* error);
    void stop();
    void restart(); // drops the packets so far on purpose, as Wireshark does
    bool isRunning() const;
    LiveSession* session() const { return live_; }
    std::shared_ptr<const synflow::AnalysedCapture> capture() const;

    // Packets captured but not saved (written ones count too: the next tick takes them in).
    bool hasUnsaved() const;
    void markSaved() { saved_ = true; }
    // Asks whether to save unsaved packets first; `save` saves them (true when it did). True when
    // it is fine to drop what is shown.
    bool maybeDiscard(const std::function<bool()>& save);
    // Ends the session and deletes its temporary file (saved or discarded by now).
    void drop();
    QString statusText() const;

signals:
    void opened();                      // capture() can be shown
    void updated(qint64 packets);       // it grew
    void statusChanged();               // statusText() or isRunning() changed
    void stopped(const QString& error); // empty: stopped by the user or a stop condition

private:
    void onStopped(const QString& error);

    QWidget* window_;
    LiveSession* live_ = nullptr;
    bool saved_ = false;
};
