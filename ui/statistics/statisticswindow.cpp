#include "statistics/statisticswindow.h"

#include "analysis/analysedcapture.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QTimer>

StatisticsWindow::StatisticsWindow(const QString& objectName, QWidget* parent) : QWidget(parent, Qt::Window), job_(this)
{
    setObjectName(objectName);
    progressPoll_ = new QTimer(this);
    progressPoll_->setInterval(100);
    connect(progressPoll_, &QTimer::timeout, this, [this] {
        if (progress_)
            progress_->setValue(control_->permille());
    });
}

StatisticsWindow::~StatisticsWindow()
{
    control_->requestStop(); // the work may be reading the capture: stop it before waiting
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

QWidget* StatisticsWindow::statusArea(const QString& objectName)
{
    if (!status_) {
        auto* area = new QWidget(this);
        auto* row = new QHBoxLayout(area);
        row->setContentsMargins(0, 0, 0, 0);
        status_ = new QLabel(area);
        status_->setObjectName(objectName);
        progress_ = new QProgressBar(area);
        progress_->setObjectName(QStringLiteral("countProgress"));
        progress_->setRange(0, 1000);
        progress_->setMaximumWidth(200);
        progress_->setVisible(job_.isRunning());
        row->addWidget(status_, 1);
        row->addWidget(progress_);
        retranslateShared();
    }
    return status_->parentWidget();
}

void StatisticsWindow::startProgress()
{
    if (progress_) {
        progress_->setValue(0);
        progress_->show();
    }
    progressPoll_->start();
}

void StatisticsWindow::stopProgress()
{
    progressPoll_->stop();
    if (progress_)
        progress_->hide();
}

bool StatisticsWindow::canCount()
{
    if (capture_ && capture_->ready())
        return true;
    job_.cancel();
    control_->requestStop();
    stopProgress();
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
    if (progress_)
        progress_->setAccessibleName(tr("Counting progress"));
}
