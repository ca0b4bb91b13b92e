#include "support/anonymity.h"

#include "analysis/analysedcapture.h"

using namespace synflow;

Anonymity& Anonymity::instance()
{
    static Anonymity a;
    return a;
}

void Anonymity::setEnabled(bool on)
{
    if (on == enabled_)
        return;
    enabled_ = on;
    emit changed(on);
}

std::shared_ptr<AddressAnonymiser> Anonymity::forCapture(const std::shared_ptr<const AnalysedCapture>& capture)
{
    if (!capture)
        return {};
    for (auto it = entries_.begin(); it != entries_.end();) // captures closed since
        it = it->second.capture.expired() ? entries_.erase(it) : std::next(it);
    Entry& e = entries_[capture.get()];
    if (!e.anonymiser) {
        e.capture = capture;
        e.anonymiser = std::make_shared<AddressAnonymiser>();
        e.anonymiser->seed(*capture);
    }
    return e.anonymiser;
}

std::shared_ptr<AddressAnonymiser> Anonymity::active(const std::shared_ptr<const AnalysedCapture>& capture)
{
    return enabled_ ? forCapture(capture) : nullptr;
}

QString Anonymity::real(const QString& filter, const std::shared_ptr<const AnalysedCapture>& capture)
{
    const auto a = active(capture);
    return a ? QString::fromStdString(a->toReal(filter.toStdString())) : filter;
}

QString Anonymity::shown(const QString& text, const std::shared_ptr<const AnalysedCapture>& capture)
{
    const auto a = active(capture);
    return a ? QString::fromStdString(a->rewrite(text.toStdString())) : text;
}
