#include "window/welcomepage.h"

#include "livecapture/interfacelist.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(48, 36, 48, 36);
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    layout->addWidget(title_);
    auto* open = open_ = new QPushButton(this);
    auto* demo = demo_ = new QPushButton(this);
    open->setObjectName(QStringLiteral("openButton"));
    demo->setObjectName(QStringLiteral("demoButton"));
    layout->addWidget(open);
    layout->addWidget(demo);
    layout->addSpacing(16);
    recentLabel_ = new QLabel(this);
    layout->addWidget(recentLabel_);
    recent_ = new QListWidget(this);
    recent_->setObjectName(QStringLiteral("recentList"));
    layout->addWidget(recent_, 1);
    layout->addSpacing(16);
    auto* captureRow = new QHBoxLayout;
    captureLabel_ = new QLabel(this);
    captureRow->addWidget(captureLabel_, 1);
    auto* options = options_ = new QPushButton(this);
    options->setObjectName(QStringLiteral("captureOptionsButton"));
    captureRow->addWidget(options);
    layout->addLayout(captureRow);
    interfaces_ = new InterfaceList(this);
    interfaces_->setObjectName(QStringLiteral("interfaceList"));
    layout->addWidget(interfaces_, 1);
    connect(interfaces_, &InterfaceList::interfaceActivated, this, &WelcomePage::captureRequested);
    connect(options, &QPushButton::clicked, this, &WelcomePage::captureOptionsRequested);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openRequested);
    connect(demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);
    connect(recent_, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { emit recentRequested(item->data(Qt::UserRole).toString()); });
    retranslate();
}

void WelcomePage::retranslate()
{
    title_->setText(tr("<h1>SynFlow</h1><p>Open a capture to see its packets, its TCP conversations and how each one "
                       "went. Drop a pcap or pcapng file anywhere on this window.</p>"));
    open_->setText(tr("Open a capture…"));
    demo_->setText(tr("Open the demo capture (one clean TCP connection)"));
    recentLabel_->setText(tr("Recent captures:"));
    captureLabel_->setText(tr("Capture live: double-click an interface (the line shows its traffic)"));
    options_->setText(tr("Capture options…"));
}

void WelcomePage::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

void WelcomePage::setRecentFiles(const QStringList& files)
{
    recent_->clear();
    for (const QString& f : files) {
        auto* item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(QFileInfo(f).fileName(), QFileInfo(f).absolutePath()), recent_);
        item->setData(Qt::UserRole, f);
    }
}
