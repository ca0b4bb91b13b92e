#include "window/shrinkwatch.h"

#include "analysis/analysedcapture.h"

#include <QAbstractScrollArea>
#include <QEvent>
#include <QTimer>

using namespace synflow;

ShrinkWatch::ShrinkWatch(QObject* parent) : QObject(parent) { }

void ShrinkWatch::watchPaintsBelow(QObject* pane)
{
    for (QAbstractScrollArea* area : pane->findChildren<QAbstractScrollArea*>())
        area->viewport()->installEventFilter(this);
}

void ShrinkWatch::setCapture(std::shared_ptr<const AnalysedCapture> capture, bool alreadyTold)
{
    capture_ = std::move(capture);
    told_ = alreadyTold;
}

bool ShrinkWatch::eventFilter(QObject* watched, QEvent* e)
{
    if (e->type() == QEvent::Paint && capture_ && !told_)
        QTimer::singleShot(0, this, &ShrinkWatch::check); // after this paint's reads
    return QObject::eventFilter(watched, e);
}

void ShrinkWatch::check()
{
    if (!capture_ || told_ || capture_->file().shrunkAt() == MappedFile::kIntact)
        return;
    told_ = true;
    emit shrunk(capture_->file().shrunkAt(), capture_->file().packetsBeforeDamage());
}
