#pragma once
// The capture's file may be cut short by another program while the views read packets from it
// (core/capture/MappedFile turns the fault into zeros). This watches the views that read packets
// and says once, after a paint or a shown packet, that it happened.
#include <QObject>

#include <memory>

namespace synflow {
class AnalysedCapture;
}

class ShrinkWatch : public QObject {
    Q_OBJECT
public:
    explicit ShrinkWatch(QObject* parent = nullptr);

    // Every scroll area below `pane` (packet list, flow graph ...) is watched for paints.
    void watchPaintsBelow(QObject* pane);
    // A new capture; `alreadyTold`: its damage was reported another way.
    void setCapture(std::shared_ptr<const synflow::AnalysedCapture> capture, bool alreadyTold = false);
    // Checks now (a packet was just shown).
    void check();

signals:
    void shrunk(quint64 offset, quint64 packetsBefore);

protected:
    bool eventFilter(QObject* watched, QEvent* e) override;

private:
    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    bool told_ = false;
};
