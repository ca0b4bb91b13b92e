#include "window/statusline.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>

StatusLine::StatusLine(QStatusBar* bar) : QObject(bar)
{
    text_ = new QLabel(bar);
    text_->setObjectName(QStringLiteral("statusText"));
    progress_ = new QProgressBar(bar);
    progress_->setMaximumWidth(220);
    progress_->setRange(0, 1000);
    cancel_ = new QPushButton(bar);
    bar->addWidget(text_, 1);
    bar->addPermanentWidget(progress_);
    bar->addPermanentWidget(cancel_);
    hideProgress();
    connect(cancel_, &QPushButton::clicked, this, &StatusLine::cancelRequested);
    retranslate();
}

void StatusLine::setText(const QString& text) { text_->setText(text); }

void StatusLine::showProgress(int permille)
{
    progress_->setValue(permille);
    progress_->show();
    cancel_->show();
}

void StatusLine::hideProgress()
{
    progress_->hide();
    cancel_->hide();
}

void StatusLine::retranslate() { cancel_->setText(tr("Cancel")); }
