#include "statistics/statisticswindow.h"

#include "analysis/analysedcapture.h"

#include <QCheckBox>
#include <QEvent>
#include <QLabel>

StatisticsWindow::StatisticsWindow(const QString& objectName, QWidget* parent) : QWidget(parent, Qt::Window), job_(this)
{
    setObjectName(objectName);
}

StatisticsWindow::~StatisticsWindow()
{
    *cancel_ = true; // the work may be reading the capture: stop it before waiting
    job_.cancelAndWait();
}

void StatisticsWindow::setCapture(std::shared_ptr<const synflow::AnalysedCapture> capture)
{
    capture_ = std::move(capture);
    recount();
}

void StatisticsWindow::setDisplayFilter(const QString& text, const std::vector<uint8_t>* shown)
{
    filterText_ = text;
    hasFilter_ = shown != nullptr;
    shown_ = shown ? *shown : std::vector<uint8_t>();
    retranslateShared();
    if (limit_ && limit_->isChecked())
        recount();
}

QCheckBox* StatisticsWindow::limitBox()
{
    if (!limit_) {
        limit_ = new QCheckBox(this);
        limit_->setObjectName(QStringLiteral("limitToDisplayFilter"));
        connect(limit_, &QCheckBox::toggled, this, [this] { recount(); });
        retranslateShared();
    }
    return limit_;
}

QLabel* StatisticsWindow::statusLabel(const QString& objectName)
{
    if (!status_) {
        status_ = new QLabel(this);
        status_->setObjectName(objectName);
        retranslateShared();
    }
    return status_;
}

bool StatisticsWindow::canCount()
{
    if (capture_ && capture_->ready())
        return true;
    *cancel_ = true;
    job_.cancel();
    return false;
}

std::shared_ptr<const std::vector<uint8_t>> StatisticsWindow::limitedMask() const
{
    if (!limit_ || !limit_->isChecked() || !hasFilter_)
        return nullptr;
    return std::make_shared<const std::vector<uint8_t>>(shown_);
}

void StatisticsWindow::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange) {
        retranslateShared();
        retranslate();
    }
    QWidget::changeEvent(e);
}

void StatisticsWindow::retranslateShared()
{
    if (limit_) {
        limit_->setText(hasFilter_ ? tr("Limit to display filter (%1)").arg(filterText_) : tr("Limit to display filter"));
        limit_->setAccessibleName(tr("Limit to display filter"));
    }
    if (status_)
        status_->setAccessibleName(tr("Status"));
}
