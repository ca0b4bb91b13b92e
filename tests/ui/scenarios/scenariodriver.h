#pragma once
// What the scenario suites need beyond the window suites' driver: tshark as the oracle of which
// frames a display filter shows, a user's click on a row or a column header, every text the
// window shows (to catch a string left in the other language), and a guard that fails on any
// Qt warning or answers the dialogs an action opens.
#include "../window/windowdriver.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDialog>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTimer>

namespace scenario {

inline QString sharedCapture(const char* name)
{
    return QStringLiteral(SYNFLOW_SHARED_CAPTURES "/") + QString::fromLatin1(name);
}

inline bool haveTshark() { return !QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty(); }

// The 1-based frames `tshark -Y filter` shows, comma separated, with the oracle's settings
// (two passes, no reassembly: ../shared/captures/oracle/README.md).
inline QString tsharkFrames(const QString& capture, const QString& filter)
{
    QProcess p;
    p.start(QStringLiteral("tshark"), {QStringLiteral("-2"), QStringLiteral("-n"), QStringLiteral("-r"), capture, QStringLiteral("-o"),
                                       QStringLiteral("tcp.desegment_tcp_streams:FALSE"), QStringLiteral("-Y"), filter,
                                       QStringLiteral("-T"), QStringLiteral("fields"), QStringLiteral("-e"), QStringLiteral("frame.number")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return QStringLiteral("tshark failed: ") + QString::fromUtf8(p.readAllStandardError());
    return QString::fromLatin1(p.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts).join(QLatin1Char(','));
}

// A left click on the row's Info cell, as a user selects a packet.
inline void clickRow(MainWindow& w, int row)
{
    QTableView* list = windowparts::packetList(w);
    const QModelIndex cell = list->model()->index(row, PacketListModel::Info);
    list->scrollTo(cell);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(cell).center());
}

inline void clickHeader(MainWindow& w, int column)
{
    QHeaderView* header = windowparts::packetList(w)->horizontalHeader();
    const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
}

// "Frame N: …", the detail tree's first line, gives the packet it shows.
inline QString detailTop(MainWindow& w)
{
    QTreeWidgetItem* top = windowparts::detailTree(w)->topLevelItem(0);
    return top ? top->text(0) : QString();
}

// Every text the window and its children show or announce: labels, buttons, line edits'
// placeholders, combo items, group and tab titles, window titles, tooltips, status tips, the
// actions of every menu and toolbar, column headers, the status bar. Keyed by where it is, so
// two states compare entry by entry. Packet contents (cells, detail lines) are left out: they
// are the capture's words, in no language of ours.
inline QMap<QString, QString> allTexts(QWidget& window)
{
    QMap<QString, QString> out;
    auto put = [&](const QObject* o, const QString& what, const QString& text) {
        if (text.isEmpty())
            return;
        QString key = what;
        for (const QObject* p = o; p; p = p->parent())
            key.prepend(QString::fromLatin1(p->metaObject()->className()) + QLatin1Char(':') + p->objectName() + QLatin1Char('/'));
        while (out.contains(key))
            key += QLatin1Char('+');
        out.insert(key, text);
    };
    QList<QWidget*> widgets = window.findChildren<QWidget*>();
    widgets.prepend(&window);
    for (QWidget* wd : widgets) {
        put(wd, QStringLiteral("toolTip"), wd->toolTip());
        put(wd, QStringLiteral("statusTip"), wd->statusTip());
        put(wd, QStringLiteral("whatsThis"), wd->whatsThis());
        put(wd, QStringLiteral("accessibleName"), wd->accessibleName());
        if (wd->isWindow() || qobject_cast<QDockWidget*>(wd))
            put(wd, QStringLiteral("windowTitle"), wd->windowTitle());
        if (auto* l = qobject_cast<QLabel*>(wd))
            put(wd, QStringLiteral("text"), l->text());
        if (auto* b = qobject_cast<QAbstractButton*>(wd))
            put(wd, QStringLiteral("text"), b->text());
        if (auto* e = qobject_cast<QLineEdit*>(wd))
            put(wd, QStringLiteral("placeholder"), e->placeholderText());
        if (auto* g = qobject_cast<QGroupBox*>(wd))
            put(wd, QStringLiteral("title"), g->title());
        if (auto* c = qobject_cast<QComboBox*>(wd))
            for (int i = 0; i < c->count(); ++i)
                put(wd, QStringLiteral("item"), c->itemText(i));
        if (auto* t = qobject_cast<QTabBar*>(wd))
            for (int i = 0; i < t->count(); ++i)
                put(wd, QStringLiteral("tab"), t->tabText(i));
        if (auto* m = qobject_cast<QMenu*>(wd))
            put(wd, QStringLiteral("title"), m->title());
        if (auto* h = qobject_cast<QHeaderView*>(wd); h && h->model())
            for (int i = 0; i < h->count(); ++i)
                put(wd, QStringLiteral("header"), h->model()->headerData(i, h->orientation()).toString());
        if (auto* s = qobject_cast<QStatusBar*>(wd))
            put(wd, QStringLiteral("message"), s->currentMessage());
    }
    for (QAction* a : window.findChildren<QAction*>()) {
        put(a, QStringLiteral("text"), a->text());
        put(a, QStringLiteral("toolTip"), a->toolTip());
        put(a, QStringLiteral("statusTip"), a->statusTip());
        put(a, QStringLiteral("iconText"), a->iconText());
    }
    return out;
}

inline bool hasHan(const QString& s)
{
    for (QChar c : s)
        if ((c.unicode() >= 0x3000 && c.unicode() <= 0x9fff) || (c.unicode() >= 0xff00 && c.unicode() <= 0xffef))
            return true;
    return false;
}

// Fails the running test on any Qt warning or critical message while it lives.
class WarningGuard {
public:
    WarningGuard() { previous() = qInstallMessageHandler(&WarningGuard::handle); }
    ~WarningGuard() { qInstallMessageHandler(previous()); }
    static QStringList& seen()
    {
        static QStringList s;
        return s;
    }

private:
    static QtMessageHandler& previous()
    {
        static QtMessageHandler h = nullptr;
        return h;
    }
    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& text)
    {
        // The offscreen platform's own "This plugin does not support raise()" and the like say
        // what it lacks, not what the window did wrong.
        if ((type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg) && !text.startsWith(QLatin1String("This plugin does not support")))
            seen() << text;
        if (previous())
            previous()(type, context, text); // still printed where the test log shows it
    }
};

// Answers every modal dialog as a user who wants out: Discard for unsaved packets, otherwise
// Cancel / Escape. Counts what it closed.
class DialogCloser : public QObject {
public:
    DialogCloser()
    {
        connect(&timer_, &QTimer::timeout, this, [this] {
            QWidget* modal = QApplication::activeModalWidget();
            if (!modal)
                return;
            ++closed;
            if (auto* box = qobject_cast<QMessageBox*>(modal); box && box->button(QMessageBox::Discard))
                box->button(QMessageBox::Discard)->click();
            else if (auto* d = qobject_cast<QDialog*>(modal))
                d->reject();
            else
                modal->close();
        });
        timer_.start(30);
    }
    int closed = 0;

private:
    QTimer timer_;
};

} // namespace scenario
