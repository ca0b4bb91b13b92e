#include "packets/findbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>

FindBar::FindBar(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("findBar"));
    where_ = new QComboBox(this);
    where_->setObjectName(QStringLiteral("findWhere"));
    where_->addItems({QString(), QString(), QString()});
    case_ = new QCheckBox(this);
    case_->setObjectName(QStringLiteral("findCaseSensitive"));
    kind_ = new QComboBox(this);
    kind_->setObjectName(QStringLiteral("findKind"));
    kind_->addItems({QString(), QString(), QString()});
    kind_->setCurrentIndex(int(Kind::DisplayFilter));
    text_ = new QLineEdit(this);
    text_->setObjectName(QStringLiteral("findText"));
    text_->setClearButtonEnabled(true);
    find_ = new QPushButton(this);
    find_->setObjectName(QStringLiteral("findButton"));
    find_->setDefault(true);
    cancel_ = new QPushButton(this);
    cancel_->setObjectName(QStringLiteral("findCancel"));
    progress_ = new QProgressBar(this);
    progress_->setObjectName(QStringLiteral("findProgress"));
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    progress_->setMaximumWidth(120);
    progress_->hide();

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(where_);
    layout->addWidget(case_);
    layout->addWidget(kind_);
    layout->addWidget(text_, 1);
    layout->addWidget(find_);
    layout->addWidget(progress_);
    layout->addWidget(cancel_);

    connect(text_, &QLineEdit::returnPressed, this, [this] { emit findRequested(false); });
    connect(find_, &QPushButton::clicked, this, [this] { emit findRequested(false); });
    connect(cancel_, &QPushButton::clicked, this, [this] {
        if (searching_)
            emit cancelSearchRequested();
        else
            hide();
    });
    connect(kind_, &QComboBox::currentIndexChanged, this, &FindBar::updateEnabled);
    retranslate();
    updateEnabled();
}

void FindBar::retranslate()
{
    where_->setItemText(int(Where::PacketList), tr("Packet list"));
    where_->setItemText(int(Where::Details), tr("Packet details"));
    where_->setItemText(int(Where::Bytes), tr("Packet bytes"));
    where_->setAccessibleName(tr("Search in"));
    case_->setText(tr("Case sensitive"));
    case_->setAccessibleName(tr("Case sensitive"));
    kind_->setItemText(int(Kind::DisplayFilter), tr("Display filter"));
    kind_->setItemText(int(Kind::HexValue), tr("Hex value"));
    kind_->setItemText(int(Kind::String), tr("String"));
    kind_->setAccessibleName(tr("Search for"));
    text_->setAccessibleName(tr("Text to find"));
    text_->setPlaceholderText(kind() == Kind::DisplayFilter ? tr("e.g. tcp.flags.reset == 1")
                              : kind() == Kind::HexValue    ? tr("e.g. 47 45 54")
                                                            : tr("e.g. HTTP/1.1"));
    find_->setText(tr("Find"));
    find_->setAccessibleName(tr("Find"));
    cancel_->setText(tr("Cancel"));
    cancel_->setAccessibleName(searching_ ? tr("Stop searching") : tr("Close the find bar"));
    progress_->setAccessibleName(tr("Search progress"));
    setAccessibleName(tr("Find Packet"));
}

void FindBar::updateEnabled()
{
    where_->setEnabled(kind() == Kind::String); // a filter is the whole packet; hex values are bytes
    case_->setEnabled(kind() == Kind::String);
    retranslate();
}

void FindBar::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

void FindBar::keyPressEvent(QKeyEvent* e)
{
    if (e->key() == Qt::Key_Escape) {
        if (searching_)
            emit cancelSearchRequested();
        else
            hide();
        return;
    }
    QWidget::keyPressEvent(e);
}

FindBar::Where FindBar::where() const { return Where(where_->currentIndex()); }
FindBar::Kind FindBar::kind() const { return Kind(kind_->currentIndex()); }
QString FindBar::text() const { return text_->text(); }
bool FindBar::caseSensitive() const { return case_->isChecked(); }

void FindBar::setQuery(Kind kind, const QString& text, Where where)
{
    kind_->setCurrentIndex(int(kind));
    where_->setCurrentIndex(int(where));
    text_->setText(text);
}

void FindBar::setSearching(bool searching)
{
    searching_ = searching;
    progress_->setValue(0);
    progress_->setVisible(searching);
    find_->setEnabled(!searching);
    retranslate();
}

void FindBar::setProgress(int permille) { progress_->setValue(permille); }

void FindBar::activate()
{
    show();
    text_->setFocus();
    text_->selectAll();
}
