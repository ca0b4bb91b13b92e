#pragma once
// The one "Anonymised hosts" switch of the application (View menu, teaching window): while on,
// every view writes documentation addresses for real ones, the same mapping everywhere for
// one capture (core/flow/anonymiser.h makes it).
#include <QObject>

#include "flow/anonymiser.h"

#include <map>
#include <memory>

namespace synflow {
class AnalysedCapture;
}

class Anonymity : public QObject {
    Q_OBJECT
public:
    static Anonymity& instance();
    bool enabled() const { return enabled_; }
    void setEnabled(bool on);
    // The capture's mapping, seeded from its frames the first time it is asked for.
    std::shared_ptr<synflow::AddressAnonymiser> forCapture(const std::shared_ptr<const synflow::AnalysedCapture>& capture);
    // The capture's mapping while the switch is on; null while off.
    std::shared_ptr<synflow::AddressAnonymiser> active(const std::shared_ptr<const synflow::AnalysedCapture>& capture);
    // `text` as views show it: rewritten while the switch is on. Filters made from the
    // capture's values (Apply as Filter, a stream's filter) are shown this way too.
    QString shown(const QString& text, const std::shared_ptr<const synflow::AnalysedCapture>& capture);
    // A display filter as written in the names shown, for matching the real packets (the
    // switch on: AddressAnonymiser::toReal; off: as it is).
    QString real(const QString& filter, const std::shared_ptr<const synflow::AnalysedCapture>& capture);

signals:
    void changed(bool on);

private:
    bool enabled_ = false;
    struct Entry {
        std::weak_ptr<const synflow::AnalysedCapture> capture;
        std::shared_ptr<synflow::AddressAnonymiser> anonymiser;
    };
    std::map<const synflow::AnalysedCapture*, Entry> entries_;
};
