#include "welcomepage.h"

#include "interfacelist.h"

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
    auto* title = new QLabel(tr("<h1>SynFlow</h1><p>Open a capture to see its packets, its TCP conversations and how each one "
                                "went. Drop a pcap or pcapng file anywhere on this window.</p>"),
                             this);
    title->setWordWrap(true);
    layout->addWidget(title);
    auto* open = new QPushButton(tr("Open a capture…"), this);
    auto* demo = new QPushButton(tr("Open the demo capture (one clean TCP connection)"), this);
    open->setObjectName(QStringLiteral("openButton"));
    demo->setObjectName(QStringLiteral("demoButton"));
    layout->addWidget(open);
    layout->addWidget(demo);
    layout->addSpacing(16);
    layout->addWidget(new QLabel(tr("Recent captures:"), this));
    recent_ = new QListWidget(this);
    recent_->setObjectName(QStringLiteral("recentList"));
    layout->addWidget(recent_, 1);
    layout->addSpacing(16);
    auto* captureRow = new QHBoxLayout;
    captureRow->addWidget(new QLabel(tr("Capture live: double-click an interface (the line shows its traffic)"), this), 1);
    auto* options = new QPushButton(tr("Capture options…"), this);
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
}

void WelcomePage::setRecentFiles(const QStringList& files)
{
    recent_->clear();
    for (const QString& f : files) {
        auto* item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(QFileInfo(f).fileName(), QFileInfo(f).absolutePath()), recent_);
        item->setData(Qt::UserRole, f);
    }
}
