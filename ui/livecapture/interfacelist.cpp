#include "livecapture/interfacelist.h"

#include "live/livecapture.h"

#include <QEvent>
#include <QHeaderView>
#include <QPainter>
#include <QPainterPath>
#include <QStyledItemDelegate>
#include <QTimer>

namespace {

constexpr int kHistoryRole = Qt::UserRole + 1; // QList<double>, packets per second
constexpr int kCounterRole = Qt::UserRole + 2; // last kernel counter, or -1 without one

// Draws an item's history as a small line, scaled to its own peak.
class SparklineDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* p, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::paint(p, option, QModelIndex()); // background and selection only
        const QList<double> h = index.data(kHistoryRole).value<QList<double>>();
        if (h.isEmpty())
            return;
        double peak = 1;
        for (double v : h)
            peak = std::max(peak, v);
        const QRectF r = QRectF(option.rect).adjusted(3, 4, -3, -4);
        QPainterPath path;
        const double step = r.width() / (InterfaceList::kHistory - 1);
        for (int i = 0; i < h.size(); ++i) { // newest at the right edge
            const QPointF pt(r.right() - step * (h.size() - 1 - i), r.bottom() - r.height() * h[i] / peak);
            i ? path.lineTo(pt) : path.moveTo(pt);
        }
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        const bool selected = option.state & QStyle::State_Selected;
        const QColor ink = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Link);
        p->setPen(QPen(QColor(ink.red(), ink.green(), ink.blue(), 70), 1));
        p->drawLine(r.bottomLeft(), r.bottomRight());
        p->setPen(QPen(ink, 1.5));
        p->drawPath(path);
        p->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        return QStyledItemDelegate::sizeHint(option, index).expandedTo(QSize(120, 22));
    }
};

QString flagText(const synflow::CaptureInterface& i)
{
    QStringList f;
    if (i.loopback)
        f << InterfaceList::tr("loopback");
    if (i.wireless)
        f << InterfaceList::tr("wireless");
    f << (i.up ? InterfaceList::tr("up") : InterfaceList::tr("down"));
    if (i.running)
        f << InterfaceList::tr("running");
    return f.join(QStringLiteral(", "));
}

} // namespace

InterfaceList::InterfaceList(QWidget* parent) : QTreeWidget(parent), timer_(new QTimer(this))
{
    setColumnCount(ColumnCount);
    setHeaderLabels({tr("Interface"), tr("Traffic"), tr("Addresses"), tr("Flags")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setItemDelegateForColumn(Traffic, new SparklineDelegate(this));
    header()->setSectionResizeMode(Name, QHeaderView::ResizeToContents);
    header()->resizeSection(Traffic, 140);
    header()->setSectionResizeMode(Addresses, QHeaderView::ResizeToContents);
    timer_->setInterval(1000);
    connect(timer_, &QTimer::timeout, this, &InterfaceList::sample);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        if (item)
            emit interfaceActivated(item->text(Name));
    });
    refresh();
}

bool InterfaceList::refresh()
{
    const QString current = currentInterface();
    clear();
    std::vector<synflow::CaptureInterface> all;
    std::string err;
    if (!synflow::listCaptureInterfaces(all, err)) {
        error_ = QString::fromStdString(err);
        return false;
    }
    error_.clear();
    for (const auto& i : all) {
        auto* item = new QTreeWidgetItem(this);
        item->setText(Name, QString::fromStdString(i.name));
        QStringList addresses;
        for (const auto& a : i.addresses)
            addresses << QString::fromStdString(a);
        item->setText(Addresses, addresses.join(QStringLiteral(", ")));
        item->setText(Flags, flagText(i));
        QString tip = QString::fromStdString(i.description);
        item->setToolTip(Name, tip.isEmpty() ? item->text(Name) : tip);
        uint64_t packets = 0;
        item->setData(Traffic, kCounterRole, synflow::interfacePacketCounter(i.name, packets) ? qint64(packets) : qint64(-1));
        item->setData(Traffic, kHistoryRole, QVariant::fromValue(QList<double>()));
        if (!i.up)
            for (int c = 0; c < ColumnCount; ++c)
                item->setForeground(c, palette().color(QPalette::Disabled, QPalette::Text));
    }
    selectInterface(current);
    if (!currentItem() && topLevelItemCount())
        setCurrentItem(topLevelItem(0));
    return true;
}

QString InterfaceList::currentInterface() const
{
    return currentItem() ? currentItem()->text(Name) : QString();
}

void InterfaceList::selectInterface(const QString& name)
{
    for (int i = 0; i < topLevelItemCount(); ++i)
        if (topLevelItem(i)->text(Name) == name)
            setCurrentItem(topLevelItem(i));
}

QList<double> InterfaceList::history(const QString& name) const
{
    for (int i = 0; i < topLevelItemCount(); ++i)
        if (topLevelItem(i)->text(Name) == name)
            return topLevelItem(i)->data(Traffic, kHistoryRole).value<QList<double>>();
    return {};
}

void InterfaceList::sample()
{
    const double seconds = timer_->interval() / 1000.0;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = topLevelItem(i);
        const qint64 last = item->data(Traffic, kCounterRole).toLongLong();
        uint64_t now = 0;
        if (last < 0 || !synflow::interfacePacketCounter(item->text(Name).toStdString(), now))
            continue;
        QList<double> h = item->data(Traffic, kHistoryRole).value<QList<double>>();
        h.append(double(qint64(now) - last) / seconds);
        while (h.size() > kHistory)
            h.removeFirst();
        item->setData(Traffic, kCounterRole, qint64(now));
        item->setData(Traffic, kHistoryRole, QVariant::fromValue(h));
        item->setToolTip(Traffic, tr("%1 packets/s").arg(h.last(), 0, 'f', 0));
    }
}

void InterfaceList::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange) {
        setHeaderLabels({tr("Interface"), tr("Traffic"), tr("Addresses"), tr("Flags")});
        refresh(); // the flag words
    }
    QTreeWidget::changeEvent(e);
}

void InterfaceList::showEvent(QShowEvent* e)
{
    QTreeWidget::showEvent(e);
    timer_->start();
}

void InterfaceList::hideEvent(QHideEvent* e)
{
    timer_->stop();
    QTreeWidget::hideEvent(e);
}
