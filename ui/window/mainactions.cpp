#include "window/mainactions.h"

#include "models/packetlistmodel.h"
#include "support/language.h"
#include "support/theme.h"

#include <QAction>
#include <QActionGroup>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

MainActions::MainActions(QMainWindow* window, QAction* flowToggle) : QObject(window)
{
    QMenuBar* bar = window->menuBar();
    file_ = bar->addMenu(QString());
    file_->setObjectName(QStringLiteral("fileMenu"));
    open = add(file_, "open", QKeySequence::Open);
    recent = file_->addMenu(QString());
    recent->setObjectName(QStringLiteral("recentMenu"));
    openDemo = add(file_, "openDemo");
    file_->addSeparator();
    save = add(file_, "save", QKeySequence::Save);
    saveAs = add(file_, "saveAs", QKeySequence::SaveAs);
    file_->addSeparator();
    quit = add(file_, "quit", QKeySequence::Quit);

    edit_ = bar->addMenu(QString());
    edit_->setObjectName(QStringLiteral("editMenu"));
    copyValue = add(edit_, "copyValue", QKeySequence::Copy);
    copyBranch = add(edit_, "copyBranch", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyBytes = add(edit_, "copyBytes", QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));

    view_ = bar->addMenu(QString());
    view_->setObjectName(QStringLiteral("viewMenu"));
    time_ = view_->addMenu(QString());
    timeFormats = new QActionGroup(this);
    for (auto f : {PacketListModel::TimeFormat::SinceStart, PacketListModel::TimeFormat::SincePrevious,
                   PacketListModel::TimeFormat::TimeOfDay, PacketListModel::TimeFormat::UtcDateTime}) {
        QAction* a = add(time_, "timeFormat");
        a->setCheckable(true);
        a->setData(int(f));
        timeFormats->addAction(a);
    }
    colorize = add(view_, "colorize");
    colorize->setCheckable(true);
    darkTheme = add(view_, "darkTheme");
    darkTheme->setCheckable(true);
    darkTheme->setChecked(isDarkThemeApplied()); // a run may override the saved choice
    connect(darkTheme, &QAction::toggled, this, [](bool on) {
        saveDarkTheme(on);
        applyTheme(on);
    });
    flowGraph = flowToggle;
    flowGraph->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    view_->addAction(flowGraph);
    view_->addSeparator();
    expandAll = add(view_, "expandAll", QKeySequence(Qt::CTRL | Qt::Key_Right));
    collapseAll = add(view_, "collapseAll", QKeySequence(Qt::CTRL | Qt::Key_Left));
    language_ = view_->addMenu(QString());
    languages = new QActionGroup(this);
    for (const char* code : {"", "en", "zh_CN"}) {
        QAction* a = add(language_, "language");
        a->setCheckable(true);
        a->setData(QString::fromLatin1(code));
        a->setChecked(savedLanguage() == a->data().toString());
        connect(a, &QAction::triggered, this, [a] {
            saveLanguage(a->data().toString());
            applyLanguage(a->data().toString()); // every window hears of it (QEvent::LanguageChange)
        });
        languages->addAction(a);
    }
    view_->addSeparator();
    teaching = add(view_, "teachingMode", QKeySequence(Qt::Key_F11));

    capture_ = bar->addMenu(QString());
    capture_->setObjectName(QStringLiteral("captureMenu"));
    captureOptions = add(capture_, "captureOptions", QKeySequence(Qt::CTRL | Qt::Key_K));
    start = add(capture_, "startCapture", QKeySequence(Qt::CTRL | Qt::Key_E));
    stop = add(capture_, "stopCapture", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    restart = add(capture_, "restartCapture", QKeySequence(Qt::CTRL | Qt::Key_R));
    capture_->addSeparator();
    autoScroll = add(capture_, "autoScroll");
    autoScroll->setCheckable(true);
    autoScroll->setChecked(true);

    go_ = bar->addMenu(QString());
    go_->setObjectName(QStringLiteral("goMenu"));
    focusFilter = add(go_, "focusFilter", QKeySequence(Qt::CTRL | Qt::Key_Slash));
    goToPacket = add(go_, "goToPacket", QKeySequence(Qt::CTRL | Qt::Key_G));
    nextInConversation = add(go_, "nextInConversation", QKeySequence(Qt::CTRL | Qt::Key_Period));
    previousInConversation = add(go_, "previousInConversation", QKeySequence(Qt::CTRL | Qt::Key_Comma));

    statistics_ = bar->addMenu(QString());
    statistics_->setObjectName(QStringLiteral("statisticsMenu"));
    conversations = add(statistics_, "conversations");
    endpoints = add(statistics_, "endpoints");
    statistics_->addSeparator();
    ioGraph = add(statistics_, "ioGraph");
    retranslate();
}

QAction* MainActions::add(QMenu* menu, const char* name, const QKeySequence& keys)
{
    QAction* a = menu->addAction(QString());
    a->setObjectName(QString::fromLatin1(name));
    a->setShortcut(keys);
    return a;
}

void MainActions::retranslate()
{
    file_->setTitle(tr("&File"));
    open->setText(tr("&Open…"));
    recent->setTitle(tr("Open &Recent"));
    openDemo->setText(tr("Open &Demo Capture"));
    save->setText(tr("&Save…"));
    saveAs->setText(tr("Save &As…"));
    quit->setText(tr("&Quit"));

    edit_->setTitle(tr("&Edit"));
    copyValue->setText(tr("Copy Field &Value"));
    copyBranch->setText(tr("Copy &Branch as Text"));
    copyBytes->setText(tr("Copy Bytes as &Hex"));

    view_->setTitle(tr("&View"));
    time_->setTitle(tr("&Time Display Format"));
    const QString formats[] = {tr("Seconds Since Beginning of Capture"), tr("Seconds Since Previous Packet"), tr("Time of Day"),
                               tr("UTC Date and Time of Day")};
    for (int i = 0; i < 4; ++i)
        timeFormats->actions()[i]->setText(formats[i]);
    colorize->setText(tr("&Colorize Packet List"));
    darkTheme->setText(tr("&Dark Theme"));
    expandAll->setText(tr("&Expand All"));
    collapseAll->setText(tr("Collapse &All"));
    language_->setTitle(tr("&Language"));
    const QString names[] = {tr("System language"), QStringLiteral("English"), QStringLiteral("简体中文")};
    for (int i = 0; i < 3; ++i)
        languages->actions()[i]->setText(names[i]);
    teaching->setText(tr("&Teaching Mode (Projector)"));

    capture_->setTitle(tr("&Capture"));
    captureOptions->setText(tr("&Options…"));
    start->setText(tr("&Start"));
    stop->setText(tr("S&top"));
    restart->setText(tr("&Restart"));
    restart->setToolTip(tr("Drops the packets captured so far and captures anew with the same options"));
    autoScroll->setText(tr("&Auto Scroll in Live Capture"));

    go_->setTitle(tr("&Go"));
    focusFilter->setText(tr("Display &Filter"));
    goToPacket->setText(tr("&Go to Packet…"));
    nextInConversation->setText(tr("&Next Packet in Conversation"));
    previousInConversation->setText(tr("&Previous Packet in Conversation"));

    statistics_->setTitle(tr("&Statistics"));
    conversations->setText(tr("&Conversations"));
    endpoints->setText(tr("&Endpoints"));
    ioGraph->setText(tr("&I/O Graph"));
}
