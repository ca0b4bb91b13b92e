#include "window/mainactions.h"

#include "support/anonymity.h"
#include "support/preferences.h"

#include <QAction>
#include <QActionGroup>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>

MainActions::MainActions(QMainWindow* window, QAction* flowToggle) : QObject(window)
{
    QMenuBar* bar = window->menuBar();
    file_ = bar->addMenu(QString());
    file_->setObjectName(QStringLiteral("fileMenu"));
    open = add(file_, "open", QKeySequence::Open);
    recent = file_->addMenu(QString());
    recent->setObjectName(QStringLiteral("recentMenu"));
    openDemo = add(file_, "openDemo");
    close = add(file_, "close", QKeySequence::Close);
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
    edit_->addSeparator();
    find = add(edit_, "findPacket", QKeySequence(Qt::CTRL | Qt::Key_F));
    findNext = add(edit_, "findNext", QKeySequence(Qt::CTRL | Qt::Key_N));
    findPrevious = add(edit_, "findPrevious", QKeySequence(Qt::CTRL | Qt::Key_B));
    edit_->addSeparator();
    markPacket = add(edit_, "markPacket", QKeySequence(Qt::CTRL | Qt::Key_M));
    markAllDisplayed = add(edit_, "markAllDisplayed", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    unmarkAllDisplayed = add(edit_, "unmarkAllDisplayed", QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_M));
    nextMark = add(edit_, "nextMark", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    previousMark = add(edit_, "previousMark", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    edit_->addSeparator();
    timeReference = add(edit_, "timeReference", QKeySequence(Qt::CTRL | Qt::Key_T));
    clearTimeReferences = add(edit_, "clearTimeReferences", QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_T));
    edit_->addSeparator();
    preferences = add(edit_, "preferences", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    preferences->setMenuRole(QAction::PreferencesRole);

    view_ = bar->addMenu(QString());
    view_->setObjectName(QStringLiteral("viewMenu"));
    time_ = view_->addMenu(QString());
    time_->setObjectName(QStringLiteral("timeFormatMenu"));
    Preferences* prefs = Preferences::instance();
    timeFormats = new QActionGroup(this);
    for (synflow::TimeFormat f : timeFormatOrder()) {
        QAction* a = add(time_, "timeFormat");
        a->setCheckable(true);
        a->setData(int(f));
        timeFormats->addAction(a);
    }
    time_->addSeparator();
    timePrecisions = new QActionGroup(this);
    for (int p = 0; p < synflow::kTimePrecisionCount; ++p) {
        QAction* a = add(time_, "timePrecision");
        a->setCheckable(true);
        a->setData(p);
        timePrecisions->addAction(a);
    }
    auto showTime = [this, prefs] {
        for (QAction* a : timeFormats->actions())
            a->setChecked(a->data().toInt() == int(prefs->timeFormat()));
        for (QAction* a : timePrecisions->actions())
            a->setChecked(a->data().toInt() == int(prefs->timePrecision()));
    };
    showTime();
    connect(prefs, &Preferences::timeFormatChanged, this, showTime);
    connect(timeFormats, &QActionGroup::triggered, prefs, [prefs](QAction* a) { prefs->setTimeFormat(synflow::TimeFormat(a->data().toInt())); });
    connect(timePrecisions, &QActionGroup::triggered, prefs,
            [prefs](QAction* a) { prefs->setTimePrecision(synflow::TimePrecision(a->data().toInt())); });
    colorize = add(view_, "colorize");
    colorize->setCheckable(true);
    colorize->setChecked(prefs->colorize());
    connect(colorize, &QAction::triggered, prefs, &Preferences::setColorize);
    connect(prefs, &Preferences::colorizeChanged, colorize, &QAction::setChecked);
    view_->addSeparator();
    zoomIn = add(view_, "zoomIn", QKeySequence(Qt::CTRL | Qt::Key_Plus));
    zoomIn->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence(Qt::CTRL | Qt::Key_Equal)}); // Ctrl+= : no Shift needed
    zoomOut = add(view_, "zoomOut", QKeySequence(Qt::CTRL | Qt::Key_Minus));
    zoomNormal = add(view_, "zoomNormal", QKeySequence(Qt::CTRL | Qt::Key_0));
    resizeColumns = add(view_, "resizeColumns", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    view_->addSeparator();
    darkTheme = add(view_, "darkTheme");
    darkTheme->setCheckable(true);
    darkTheme->setChecked(prefs->darkTheme()); // the theme in force: a run may override the saved choice
    connect(darkTheme, &QAction::triggered, prefs, &Preferences::setDarkTheme);
    connect(prefs, &Preferences::darkThemeChanged, darkTheme, &QAction::setChecked);
    anonymise = add(view_, "anonymiseHosts");
    anonymise->setCheckable(true);
    anonymise->setChecked(Anonymity::instance().enabled());
    connect(anonymise, &QAction::triggered, &Anonymity::instance(), &Anonymity::setEnabled);
    connect(&Anonymity::instance(), &Anonymity::changed, anonymise, &QAction::setChecked);
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
        a->setChecked(prefs->language() == a->data().toString());
        connect(a, &QAction::triggered, prefs, [prefs, a] { prefs->setLanguage(a->data().toString()); });
        languages->addAction(a);
    }
    connect(prefs, &Preferences::languageChanged, this, [this](const QString& code) {
        for (QAction* a : languages->actions())
            a->setChecked(a->data().toString() == code);
    });
    view_->addSeparator();
    teaching = add(view_, "teachingMode", QKeySequence(Qt::Key_F11));
    view_->addSeparator();
    reload = add(view_, "reload", QKeySequence(Qt::CTRL | Qt::Key_R)); // as Capture → Restart: never enabled together
    followFile = add(view_, "followFile");
    followFile->setCheckable(true);

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
    back = add(go_, "back", QKeySequence(Qt::ALT | Qt::Key_Left));
    forward = add(go_, "forward", QKeySequence(Qt::ALT | Qt::Key_Right));
    firstPacket = add(go_, "firstPacket", QKeySequence(Qt::CTRL | Qt::Key_Home));
    lastPacket = add(go_, "lastPacket", QKeySequence(Qt::CTRL | Qt::Key_End));
    nextInConversation = add(go_, "nextInConversation", QKeySequence(Qt::CTRL | Qt::Key_Period));
    previousInConversation = add(go_, "previousInConversation", QKeySequence(Qt::CTRL | Qt::Key_Comma));

    analyze_ = bar->addMenu(QString());
    analyze_->setObjectName(QStringLiteral("analyzeMenu"));
    follow_ = analyze_->addMenu(QString());
    follow_->setObjectName(QStringLiteral("followMenu"));
    followTcp = add(follow_, "followTcpStream", QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_T));
    followUdp = add(follow_, "followUdpStream", QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_U));
    analyze_->addSeparator();
    expertInfo = add(analyze_, "expertInformation");

    statistics_ = bar->addMenu(QString());
    statistics_->setObjectName(QStringLiteral("statisticsMenu"));
    captureProperties = add(statistics_, "captureFileProperties", QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_C));
    protocolHierarchy = add(statistics_, "protocolHierarchy");
    conversations = add(statistics_, "conversations");
    endpoints = add(statistics_, "endpoints");
    statistics_->addSeparator();
    ioGraph = add(statistics_, "ioGraph");
    tcpStreamGraphs = statistics_->addMenu(QString());
    tcpStreamGraphs->setObjectName(QStringLiteral("tcpStreamGraphsMenu"));
    tcpStreamGraphKinds = new QActionGroup(this);
    tcpStreamGraphKinds->setExclusive(false);
    const char* graphNames[] = {"tcpStreamGraphStevens", "tcpStreamGraphTcptrace", "tcpStreamGraphThroughput",
                                "tcpStreamGraphRoundTrip", "tcpStreamGraphWindowScaling"};
    for (int i = 0; i < 5; ++i) {
        QAction* a = add(tcpStreamGraphs, graphNames[i], i == 0 ? QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_4) : QKeySequence());
        a->setData(i);
        tcpStreamGraphKinds->addAction(a);
    }

    help_ = bar->addMenu(QString());
    help_->setObjectName(QStringLiteral("helpMenu"));
    keyboardShortcuts = add(help_, "keyboardShortcuts");
    help_->addSeparator();
    about = add(help_, "aboutSynFlow");
    about->setMenuRole(QAction::AboutRole);

    // The toolbar, in Wireshark's order: capture, file, go, view.
    toolbar = window->addToolBar(QString());
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    const std::pair<QAction*, const char*> tools[] = {
        {start, "capture-start"}, {stop, "capture-stop"}, {restart, "capture-restart"}, {captureOptions, "capture-options"},
        {nullptr, nullptr}, {open, "document-open"}, {saveAs, "document-save"}, {close, "document-close"}, {reload, "view-refresh"},
        {nullptr, nullptr}, {find, "edit-find"}, {back, "go-previous"}, {forward, "go-next"}, {goToPacket, "go-jump"},
        {firstPacket, "go-first"}, {lastPacket, "go-last"}, {autoScroll, "auto-scroll"}, {nullptr, nullptr}, {colorize, "colorize"},
        {zoomIn, "zoom-in"}, {zoomOut, "zoom-out"}, {zoomNormal, "zoom-original"}, {resizeColumns, "resize-columns"}};
    for (const auto& [action, icon] : tools) {
        if (!action) {
            toolbar->addSeparator();
            continue;
        }
        action->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(icon))));
        toolbar->addAction(action);
    }
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
    close->setText(tr("&Close"));
    save->setText(tr("&Save…"));
    saveAs->setText(tr("Save &As…"));
    quit->setText(tr("&Quit"));

    edit_->setTitle(tr("&Edit"));
    copyValue->setText(tr("Copy Field &Value"));
    copyBranch->setText(tr("Copy &Branch as Text"));
    copyBytes->setText(tr("Copy Bytes as &Hex"));
    find->setText(tr("&Find Packet…"));
    findNext->setText(tr("Find Ne&xt"));
    findPrevious->setText(tr("Find Pre&vious"));
    markPacket->setText(tr("&Mark/Unmark Packet"));
    markAllDisplayed->setText(tr("Mark All Displayed"));
    unmarkAllDisplayed->setText(tr("Unmark All Displayed"));
    nextMark->setText(tr("Next Mark"));
    previousMark->setText(tr("Previous Mark"));
    timeReference->setText(tr("Set/Unset &Time Reference"));
    clearTimeReferences->setText(tr("Unset All Time References"));
    preferences->setText(tr("&Preferences…"));

    view_->setTitle(tr("&View"));
    time_->setTitle(tr("&Time Display Format"));
    for (QAction* a : timeFormats->actions())
        a->setText(timeFormatName(synflow::TimeFormat(a->data().toInt())));
    for (QAction* a : timePrecisions->actions())
        a->setText(timePrecisionName(synflow::TimePrecision(a->data().toInt())));
    colorize->setText(tr("&Colorize Packet List"));
    zoomIn->setText(tr("Zoom &In"));
    zoomOut->setText(tr("Zoom &Out"));
    zoomNormal->setText(tr("&Normal Size"));
    resizeColumns->setText(tr("&Resize Columns"));
    reload->setText(tr("Re&load"));
    followFile->setText(tr("&Follow the File"));
    followFile->setToolTip(tr("Keep reading the file as another program writes to it"));
    darkTheme->setText(tr("&Dark Theme"));
    anonymise->setText(tr("A&nonymised Hosts"));
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

    analyze_->setTitle(tr("&Analyze"));
    follow_->setTitle(tr("&Follow"));
    followTcp->setText(tr("&TCP Stream"));
    followUdp->setText(tr("&UDP Stream"));
    expertInfo->setText(tr("E&xpert Information"));

    statistics_->setTitle(tr("&Statistics"));
    captureProperties->setText(tr("Capture File Propert&ies"));
    protocolHierarchy->setText(tr("Protocol &Hierarchy"));
    conversations->setText(tr("&Conversations"));
    endpoints->setText(tr("&Endpoints"));
    ioGraph->setText(tr("&I/O Graph"));
    tcpStreamGraphs->setTitle(tr("TCP Stream &Graphs"));
    const QString graphs[] = {tr("Time Sequence (&Stevens)"), tr("Time Sequence (&tcptrace)"), tr("&Throughput"),
                              tr("&Round Trip Time"), tr("&Window Scaling")};
    for (int i = 0; i < 5; ++i)
        tcpStreamGraphKinds->actions()[i]->setText(graphs[i]);

    go_->setTitle(tr("&Go"));
    focusFilter->setText(tr("Display &Filter"));
    goToPacket->setText(tr("&Go to Packet…"));
    back->setText(tr("&Back"));
    forward->setText(tr("&Forward"));
    firstPacket->setText(tr("F&irst Packet"));
    lastPacket->setText(tr("&Last Packet"));
    nextInConversation->setText(tr("&Next Packet in Conversation"));
    previousInConversation->setText(tr("&Previous Packet in Conversation"));

    help_->setTitle(tr("&Help"));
    keyboardShortcuts->setText(tr("&Keyboard Shortcuts"));
    about->setText(tr("&About SynFlow"));

    toolbar->setWindowTitle(tr("Main Toolbar"));
    toolbar->setAccessibleName(tr("Main Toolbar"));
    // Tooltips as Wireshark's: what the button does, for the toolbar's icons; the text, without
    // its mnemonic, names the button for screen readers.
    const std::pair<QAction*, QString> tips[] = {
        {start, tr("Start capturing packets")}, {stop, tr("Stop capturing packets")},
        {restart, restart->toolTip()}, {captureOptions, tr("Capture options")},
        {open, tr("Open a capture file")}, {saveAs, tr("Save this capture file")}, {close, tr("Close this capture file")},
        {reload, tr("Reload this file")}, {find, tr("Find a packet")}, {back, tr("Go back in packet history")},
        {forward, tr("Go forward in packet history")}, {goToPacket, tr("Go to specified packet")},
        {firstPacket, tr("Go to the first packet")}, {lastPacket, tr("Go to the last packet")},
        {autoScroll, tr("Automatically scroll to the last packet during a live capture")},
        {colorize, tr("Draw packets using your coloring rules")}, {zoomIn, tr("Enlarge the main window text")},
        {zoomOut, tr("Shrink the main window text")}, {zoomNormal, tr("Return the main window text to its normal size")},
        {resizeColumns, tr("Resize packet list columns to fit contents")},
        {anonymise, tr("Show documentation addresses instead of the capture's real ones, in every view and export")}};
    for (const auto& [action, tip] : tips) {
        action->setToolTip(tip);
        if (QWidget* button = toolbar->widgetForAction(action)) {
            button->setAccessibleName(QString(action->text()).remove(QLatin1Char('&')).remove(QChar(0x2026)));
            button->setAccessibleDescription(tip);
            button->setObjectName(action->objectName() + QStringLiteral("Button"));
        }
    }
}

const std::vector<synflow::TimeFormat>& MainActions::timeFormatOrder()
{
    using F = synflow::TimeFormat;
    static const std::vector<F> order{F::DateTime,   F::YearDayTime,           F::TimeOfDay,     F::Epoch,
                                      F::SinceStart, F::SincePreviousCaptured, F::SincePrevious, F::UtcDateTime,
                                      F::UtcYearDayTime, F::UtcTimeOfDay};
    return order;
}

QString MainActions::timeFormatName(synflow::TimeFormat format)
{
    using F = synflow::TimeFormat;
    switch (format) {
    case F::DateTime: return tr("Date and Time of Day (1970-01-01 01:02:03.123456)");
    case F::YearDayTime: return tr("Year, Day of Year, and Time of Day (1970/001 01:02:03.123456)");
    case F::TimeOfDay: return tr("Time of Day (01:02:03.123456)");
    case F::Epoch: return tr("Seconds Since 1970-01-01 (1234567890.123456)");
    case F::SinceStart: return tr("Seconds Since Beginning of Capture (123.123456)");
    case F::SincePreviousCaptured: return tr("Seconds Since Previous Captured Packet (1.123456)");
    case F::SincePrevious: return tr("Seconds Since Previous Displayed Packet (1.123456)");
    case F::UtcDateTime: return tr("UTC Date and Time of Day (1970-01-01 01:02:03.123456)");
    case F::UtcYearDayTime: return tr("UTC Year, Day of Year, and Time of Day (1970/001 01:02:03.123456)");
    case F::UtcTimeOfDay: return tr("UTC Time of Day (01:02:03.123456)");
    }
    return {};
}

QString MainActions::timePrecisionName(synflow::TimePrecision precision)
{
    using P = synflow::TimePrecision;
    switch (precision) {
    case P::Auto: return tr("Automatic (from capture file)");
    case P::Seconds: return tr("Seconds (0)");
    case P::Deciseconds: return tr("Tenths of a second (0.1)");
    case P::Centiseconds: return tr("Hundredths of a second (0.12)");
    case P::Milliseconds: return tr("Milliseconds (0.123)");
    case P::Microseconds: return tr("Microseconds (0.123456)");
    case P::Nanoseconds: return tr("Nanoseconds (0.123456789)");
    }
    return {};
}
