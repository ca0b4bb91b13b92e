#include "window/mainwindow.h"

#include "livecapture/capturedialog.h"
#include "window/captureloader.h"
#include "livecapture/livesession.h"
#include "packets/detailtreeview.h"
#include "packets/filteredit.h"
#include "flowgraph/flowpanel.h"
#include "flowgraph/flowview.h"
#include "packets/hexview.h"
#include "models/packetlistmodel.h"
#include "support/language.h"
#include "teaching/projectorwindow.h"
#include "support/theme.h"
#include "window/welcomepage.h"

#include "capture/capturefile.h"
#include "capture/capturesaver.h"
#include "filter/displayfilter.h"
#include "proto/conversationprotocols.h"
#include "tcp/tcptracker.h"
#include "tree/detailtree.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QScrollBar>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace synflow;

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("SynFlow"));
    setAcceptDrops(true);
    loader_ = new CaptureLoader(this);
    model_ = new PacketListModel(this);

    table_ = new QTableView(this);
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setSortingEnabled(true);
    table_->sortByColumn(PacketListModel::Number, Qt::AscendingOrder);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setShowGrid(false);
    table_->setWordWrap(false);
    const int cw = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const int widths[] = {8, 14, 18, 18, 10, 8};
    for (int c = 0; c < 6; ++c)
        table_->setColumnWidth(c, widths[c] * cw);

    // The display filter bar above the list, as in Wireshark (Ctrl+/ to get there).
    displayFilter_ = new FilterEdit(
        [](const QString& text, QString* error) {
            DisplayFilter f;
            std::string why;
            const bool ok = f.compile(text.toStdString(), why);
            *error = QString::fromStdString(why);
            return ok;
        },
        this);
    displayFilter_->setObjectName(QStringLiteral("displayFilter"));
    displayFilter_->setPlaceholderText(tr("Apply a display filter … <Ctrl-/>  e.g. tcp.analysis.retransmission || tcp.flags.reset == 1"));
    connect(displayFilter_, &QLineEdit::returnPressed, this, &MainWindow::applyDisplayFilter);
    connect(displayFilter_, &QLineEdit::textChanged, this, [this] {
        if (displayFilter_->text().isEmpty() && model_->isFiltered())
            applyDisplayFilter(); // cleared with the clear button: show everything again
    });
    auto* listBox = new QWidget(this);
    auto* listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(2);
    listLayout->addWidget(displayFilter_);
    listLayout->addWidget(table_, 1);

    detail_ = new DetailTreeView(this);
    hex_ = new HexView(this);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(listBox);
    split->addWidget(detail_);
    split->addWidget(hex_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 1);

    welcome_ = new WelcomePage(this);
    stack_ = new QStackedWidget(this);
    stack_->addWidget(welcome_);
    stack_->addWidget(split);
    setCentralWidget(stack_);

    status_ = new QLabel(this);
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(220);
    progress_->setRange(0, 1000);
    cancel_ = new QPushButton(tr("Cancel"), this);
    statusBar()->addWidget(status_, 1);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancel_);
    progress_->hide();
    cancel_->hide();

    connect(cancel_, &QPushButton::clicked, loader_, &CaptureLoader::cancel);
    connect(loader_, &CaptureLoader::opened, this, &MainWindow::onOpened);
    connect(loader_, &CaptureLoader::progress, this, &MainWindow::onProgress);
    connect(loader_, &CaptureLoader::finished, this, &MainWindow::onFinished);
    connect(loader_, &CaptureLoader::cancelled, this, [this] {
        progress_->hide();
        cancel_->hide();
        status_->setText(tr("Loading cancelled: %n packet(s) loaded", nullptr, model_->rowCount()));
    });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& cur) { if (cur.isValid()) showPacket(model_->frameAt(cur.row())); });
    connect(detail_, &DetailTreeView::bytesSelected, hex_, &HexView::setHighlight);
    connect(hex_, &HexView::byteClicked, detail_, &DetailTreeView::selectByte);
    connect(welcome_, &WelcomePage::openRequested, this, &MainWindow::chooseFile);
    connect(welcome_, &WelcomePage::demoRequested, this, [this] { openCapture(demoCapturePath()); });
    connect(welcome_, &WelcomePage::recentRequested, this, &MainWindow::openCapture);
    connect(welcome_, &WelcomePage::captureRequested, this, &MainWindow::startCaptureOn);
    connect(welcome_, &WelcomePage::captureOptionsRequested, this, &MainWindow::chooseCaptureOptions);

    // Flow graph, docked at the side; it follows the selected conversation by default.
    flowPanel_ = new FlowPanel(this);
    flowPanel_->setMinimumWidth(760);
    flowDock_ = new QDockWidget(tr("Flow Graph"), this);
    flowDock_->setObjectName(QStringLiteral("flowDock"));
    flowDock_->setWidget(flowPanel_);
    addDockWidget(Qt::RightDockWidgetArea, flowDock_);
    flowDock_->hide();
    connect(flowPanel_, &FlowPanel::frameActivated, this, [this](size_t frame) { goToPacket(frame + 1); });

    buildMenus();
    welcome_->setRecentFiles(recentFiles());
    resize(1280, 860);
}

MainWindow::~MainWindow()
{
    loader_->cancel();
    if (live_)
        live_->stopAndWait(); // the file stays in the cache folder: nothing is lost
}

QString MainWindow::demoCapturePath()
{
    const QString installed = QCoreApplication::applicationDirPath() + QStringLiteral("/../share/synflow/demo-clean.pcapng");
    if (QFileInfo::exists(installed))
        return QFileInfo(installed).canonicalFilePath();
    return QStringLiteral(SYNFLOW_DEMO_SOURCE);
}

bool MainWindow::isShowingCapture() const { return stack_->currentIndex() == 1; }

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::chooseFile);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("Open &Demo Capture"), this, [this] { openCapture(demoCapturePath()); });
    file->addSeparator();
    saveAct_ = file->addAction(tr("&Save…"), QKeySequence::Save, this, &MainWindow::chooseSaveFile);
    saveAsAct_ = file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::chooseSaveFile);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    refreshRecentMenu();

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("Copy Field &Value"), QKeySequence::Copy, this, &MainWindow::copyValue);
    edit->addAction(tr("Copy &Branch as Text"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this, &MainWindow::copyBranch);
    edit->addAction(tr("Copy Bytes as &Hex"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C), this, &MainWindow::copyBytes);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QMenu* time = view->addMenu(tr("&Time Display Format"));
    auto* group = new QActionGroup(time); // goes with its menu when the menus are built again
    const std::pair<QString, PacketListModel::TimeFormat> formats[] = {
        {tr("Seconds Since Beginning of Capture"), PacketListModel::TimeFormat::SinceStart},
        {tr("Seconds Since Previous Packet"), PacketListModel::TimeFormat::SincePrevious},
        {tr("Time of Day"), PacketListModel::TimeFormat::TimeOfDay},
        {tr("UTC Date and Time of Day"), PacketListModel::TimeFormat::UtcDateTime}};
    for (const auto& [label, fmt] : formats) {
        QAction* a = time->addAction(label, this, [this, f = fmt] { model_->setTimeFormat(f); });
        a->setCheckable(true);
        a->setChecked(fmt == model_->timeFormat());
        group->addAction(a);
    }
    QAction* colorize = view->addAction(tr("&Colorize Packet List"), this, [this](bool on) { model_->setColorize(on); });
    colorize->setCheckable(true);
    colorize->setChecked(model_->colorize());
    QAction* dark = view->addAction(tr("&Dark Theme"), this, [](bool on) {
        saveDarkTheme(on);
        applyTheme(on);
    });
    dark->setCheckable(true);
    dark->setChecked(savedDarkTheme());
    QAction* flowAction = flowDock_->toggleViewAction();
    flowAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    view->addAction(flowAction);
    view->addSeparator();
    view->addAction(tr("&Expand All"), QKeySequence(Qt::CTRL | Qt::Key_Right), detail_, &QTreeView::expandAll);
    view->addAction(tr("Collapse &All"), QKeySequence(Qt::CTRL | Qt::Key_Left), detail_, &QTreeView::collapseAll);

    QMenu* language = view->addMenu(tr("&Language"));
    auto* languages = new QActionGroup(language);
    for (const auto& [label, code] : {std::pair{tr("System language"), QString()}, {QStringLiteral("English"), QStringLiteral("en")},
                                      {QStringLiteral("简体中文"), QStringLiteral("zh_CN")}}) {
        QAction* a = language->addAction(label, this, [this, code = code] {
            saveLanguage(code);
            applyLanguage(code); // every window hears of it (QEvent::LanguageChange) and retranslates
        });
        a->setCheckable(true);
        a->setChecked(savedLanguage() == code);
        languages->addAction(a);
    }
    view->addSeparator();
    view->addAction(tr("&Teaching Mode (Projector)"), QKeySequence(Qt::Key_F11), this, [this] {
        if (QWidget* w = openProjector())
            w->showFullScreen();
    });

    QMenu* capture = menuBar()->addMenu(tr("&Capture"));
    capture->addAction(tr("&Options…"), QKeySequence(Qt::CTRL | Qt::Key_K), this, &MainWindow::chooseCaptureOptions);
    startAct_ = capture->addAction(tr("&Start"), QKeySequence(Qt::CTRL | Qt::Key_E), this, [this] {
        startCapture(CaptureDialog::savedOptions());
    });
    stopAct_ = capture->addAction(tr("S&top"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this, &MainWindow::stopCapture);
    restartAct_ = capture->addAction(tr("&Restart"), QKeySequence(Qt::CTRL | Qt::Key_R), this, &MainWindow::restartCapture);
    restartAct_->setToolTip(tr("Drops the packets captured so far and captures anew with the same options"));
    capture->addSeparator();
    autoScrollAct_ = capture->addAction(tr("&Auto Scroll in Live Capture"));
    autoScrollAct_->setCheckable(true);
    autoScrollAct_->setChecked(autoScroll_);
    connect(autoScrollAct_, &QAction::toggled, this, [this](bool on) { autoScroll_ = on; });
    updateCaptureActions();

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    go->addAction(tr("Display &Filter"), QKeySequence(Qt::CTRL | Qt::Key_Slash), this, [this] {
        displayFilter_->setFocus();
        displayFilter_->selectAll();
    });
    go->addAction(tr("&Go to Packet…"), QKeySequence(Qt::CTRL | Qt::Key_G), this, [this] {
        bool ok = false;
        const int n = QInputDialog::getInt(this, tr("Go to Packet"), tr("Packet number:"), 1, 1, std::max(1, model_->rowCount()), 1, &ok);
        if (ok)
            goToPacket(size_t(n));
    });
    go->addAction(tr("&Next Packet in Conversation"), QKeySequence(Qt::CTRL | Qt::Key_Period), this, [this] { stepInConversation(1); });
    go->addAction(tr("&Previous Packet in Conversation"), QKeySequence(Qt::CTRL | Qt::Key_Comma), this, [this] { stepInConversation(-1); });
}

void MainWindow::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Capture"), QString(),
                                                      tr("Captures (*.pcap *.pcapng *.cap *.ntar);;All files (*)"));
    if (!path.isEmpty())
        openCapture(path);
}

void MainWindow::showError(const QString& title, const QString& text)
{
    lastError_ = text;
    if (QApplication::platformName() == QLatin1String("offscreen"))
        statusBar()->showMessage(text, 10000); // no one to click a dialog away
    else
        QMessageBox::warning(this, title, text);
}

bool MainWindow::openCapture(const QString& path)
{
    if (!maybeDiscardCapture())
        return false;
    QString error;
    pendingPath_ = path;
    if (!loader_->start(path, &error)) {
        showError(tr("Cannot open capture"), error);
        return false;
    }
    addRecent(QFileInfo(path).absoluteFilePath());
    return true;
}

void MainWindow::onOpened(std::shared_ptr<const CaptureFile> file)
{
    dropLiveSession();
    capture_ = std::move(file);
    tracker_.reset();
    shownFrame_ = size_t(-1);
    flowPanel_->setCapture(nullptr, nullptr, false);
    detail_->clearTree();
    hex_->setBytes({});
    model_->setCapture(capture_);
    stack_->setCurrentIndex(1);
    setWindowTitle(tr("%1 — SynFlow").arg(QFileInfo(pendingPath_).fileName()));
    progress_->setValue(0);
    progress_->show();
    cancel_->show();
    status_->setText(tr("Loading %1…").arg(QFileInfo(pendingPath_).fileName()));
    updateCaptureActions();
}

void MainWindow::onProgress(qint64 packets, qint64 done, qint64 total)
{
    model_->setRowCount(size_t(packets));
    progress_->setValue(total ? int(1000 * done / total) : 0);
    if (packets && !table_->currentIndex().isValid())
        table_->selectRow(0);
}

void MainWindow::onFinished(std::shared_ptr<const TcpTracker> tracker, std::shared_ptr<const ConversationProtocols> protocols,
                            const QString& damage, qint64 packets)
{
    tracker_ = std::move(tracker);
    protocols_ = std::move(protocols);
    model_->setRowCount(size_t(packets));
    model_->setTracker(tracker_, protocols_);
    flowPanel_->setCapture(capture_, tracker_, false);
    progress_->hide();
    cancel_->hide();
    QString text = tr("%n packet(s)", nullptr, int(packets));
    if (tracker_)
        text += tr(", %n TCP conversation(s)", nullptr, int(tracker_->conversations().size()));
    status_->setText(text);
    if (!damage.isEmpty())
        showError(tr("Damaged capture"), tr("The file is %1. The %n packet(s) before the damage were loaded.", nullptr, int(packets)).arg(damage));
    if (shownFrame_ != size_t(-1))
        showPacket(shownFrame_); // now with the TCP analysis
    else if (packets)
        table_->selectRow(0);
    if (!displayFilter_->text().trimmed().isEmpty())
        applyDisplayFilter(); // the filter in the bar applies to the new file too
    updateCaptureActions();
    emit loadFinished();
}

void MainWindow::showPacket(size_t frame)
{
    if (!capture_ || frame >= size_t(model_->rowCount()))
        return;
    shownFrame_ = frame;
    const PacketIndex& index = capture_->index();
    const auto bytes = capture_->packetBytes(frame);
    const DecodedPacket d = capture_->decode(frame);
    TcpPacketAnalysis a;
    if (tracker_)
        a = tracker_->analysis(uint32_t(frame), index, d);
    detail_->setTree(buildDetailTree(*capture_, frame, d, &a));
    flowPanel_->setSelectedFrame(frame);
    hex_->setBytes(QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size())));
}

void MainWindow::goToPacket(size_t number)
{
    if (number == 0)
        return;
    const int row = model_->rowOf(number - 1);
    if (row < 0)
        return;
    table_->selectRow(row);
    table_->scrollTo(model_->index(row, 0), QAbstractItemView::PositionAtCenter);
}

void MainWindow::stepInConversation(int direction)
{
    if (!tracker_ || shownFrame_ == size_t(-1))
        return;
    const int64_t stream = tracker_->streamOf(uint32_t(shownFrame_));
    if (stream < 0)
        return;
    if (direction < 0) {
        const int64_t prev = tracker_->previousInStream(uint32_t(shownFrame_));
        if (prev >= 0)
            goToPacket(size_t(prev) + 1);
        return;
    }
    for (size_t f = shownFrame_ + 1; f < size_t(model_->rowCount()); ++f)
        if (tracker_->streamOf(uint32_t(f)) == stream) {
            goToPacket(f + 1);
            return;
        }
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e)
{
    if (e->mimeData()->hasUrls())
        e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e)
{
    const QList<QUrl> urls = e->mimeData()->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile()) {
        showError(tr("Cannot open"), tr("Drop one capture file (pcap or pcapng) to open it."));
        return;
    }
    const QString path = urls.first().toLocalFile();
    if (QFileInfo(path).isDir()) {
        showError(tr("Cannot open"), tr("%1 is a folder, not a capture file.").arg(path));
        return;
    }
    e->acceptProposedAction();
    openCapture(path);
}

QStringList MainWindow::recentFiles() const
{
    return QSettings().value(QStringLiteral("recentFiles")).toStringList();
}

void MainWindow::addRecent(const QString& path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > 10)
        files.removeLast();
    QSettings().setValue(QStringLiteral("recentFiles"), files);
    refreshRecentMenu();
    welcome_->setRecentFiles(files);
}

void MainWindow::refreshRecentMenu()
{
    recentMenu_->clear();
    for (const QString& f : recentFiles())
        recentMenu_->addAction(f, this, [this, f] { openCapture(f); });
    recentMenu_->setEnabled(!recentMenu_->isEmpty());
}

FlowView* MainWindow::flowView() const { return flowPanel_->view(); }

void MainWindow::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange && startAct_) {
        // The menus are built from tr() strings: build them again (the old ones go, with
        // their shortcuts), and give the other fixed texts their new words.
        for (QMenu* m : menuBar()->findChildren<QMenu*>(QString(), Qt::FindDirectChildrenOnly))
            m->deleteLater();
        menuBar()->clear();
        buildMenus();
        cancel_->setText(tr("Cancel"));
        flowDock_->setWindowTitle(tr("Flow Graph"));
        displayFilter_->setPlaceholderText(tr("Apply a display filter … <Ctrl-/>  e.g. tcp.analysis.retransmission || tcp.flags.reset == 1"));
        emit model_->headerDataChanged(Qt::Horizontal, 0, model_->columnCount() - 1);
    }
    QMainWindow::changeEvent(e);
}

QWidget* MainWindow::openProjector()
{
    if (!capture_ || !tracker_ || shownFrame_ == size_t(-1))
        return nullptr;
    const int64_t stream = tracker_->streamOf(uint32_t(shownFrame_));
    if (stream < 0) {
        showError(tr("Teaching mode"), tr("Select a TCP packet first: teaching mode shows its conversation."));
        return nullptr;
    }
    FlowOptions o;
    o.stream = stream;
    o.by = FlowOptions::NodeBy::Endpoint;
    FlowGraph graph;
    graph.build(*capture_, *tracker_, o);
    if (projector_)
        projector_->close();
    projector_ = new ProjectorWindow(std::move(graph), this);
    projectorStream_ = stream;
    return projector_;
}

void MainWindow::copyValue()
{
    if (QTreeWidgetItem* item = detail_->currentItem())
        QApplication::clipboard()->setText(DetailTreeView::valueOf(item->text(0)));
}

void MainWindow::copyBranch()
{
    if (QTreeWidgetItem* item = detail_->currentItem())
        QApplication::clipboard()->setText(detail_->branchText(item));
}

void MainWindow::copyBytes()
{
    QApplication::clipboard()->setText(hex_->hexText(hex_->highlightOffset(), hex_->highlightLength()));
}

// ---- Live capture -------------------------------------------------------------------------

void MainWindow::chooseCaptureOptions()
{
    CaptureDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const CaptureOptions o = dialog.options();
    CaptureDialog::saveOptions(o);
    startCapture(o);
}

void MainWindow::startCaptureOn(const QString& interfaceName)
{
    CaptureOptions o = CaptureDialog::savedOptions();
    o.interface = interfaceName.toStdString();
    CaptureDialog::saveOptions(o);
    startCapture(o);
}

bool MainWindow::startCapture(const CaptureOptions& options)
{
    if (live_ && live_->isRunning())
        return false;
    if (!maybeDiscardCapture())
        return false;
    std::string filterError;
    if (!options.filter.empty() && !checkCaptureFilter(options.filter, 1, filterError)) {
        showError(tr("Cannot capture"), tr("The capture filter \"%1\" is not valid: %2")
                                            .arg(QString::fromStdString(options.filter), QString::fromStdString(filterError)));
        return false;
    }
    loader_->cancel();
    dropLiveSession();
    live_ = new LiveSession(this);
    liveSaved_ = false;
    connect(live_, &LiveSession::opened, this, &MainWindow::onLiveOpened);
    connect(live_, &LiveSession::updated, this, &MainWindow::onLiveUpdated);
    connect(live_, &LiveSession::statsChanged, this, &MainWindow::showLiveStatus);
    connect(live_, &LiveSession::stopped, this, &MainWindow::onLiveStopped);
    QString error;
    if (!live_->start(options, &error)) {
        delete live_;
        live_ = nullptr;
        showError(tr("Cannot capture"), error);
        return false;
    }
    status_->setText(tr("Starting capture on %1…").arg(QString::fromStdString(options.interface)));
    updateCaptureActions();
    return true;
}

void MainWindow::stopCapture()
{
    if (live_ && live_->isRunning())
        live_->stopAndWait();
}

void MainWindow::restartCapture()
{
    if (!live_)
        return;
    const CaptureOptions o = live_->options();
    live_->stopAndWait();
    liveSaved_ = true; // restarting drops these packets on purpose, as Wireshark does
    startCapture(o);
}

bool MainWindow::hasUnsavedCapture() const
{
    // Written counts too: packets on disk that the next tick has not taken in yet.
    return live_ && !liveSaved_ && (live_->analysis().packetCount() > 0 || live_->stats().packets > 0);
}

bool MainWindow::maybeDiscardCapture()
{
    if (!hasUnsavedCapture())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved capture"),
        tr("Save the %n captured packet(s) first? Otherwise they are deleted.", nullptr,
           int(std::max<uint64_t>(live_->analysis().packetCount(), live_->stats().packets))),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    live_->stopAndWait();
    if (answer == QMessageBox::Discard)
        return true;
    chooseSaveFile();
    return liveSaved_;
}

void MainWindow::dropLiveSession()
{
    if (!live_)
        return;
    QPointer<LiveSession> session = live_;
    const QString path = session->outputPath();
    session->stopAndWait(); // its last signals may already drop it (onLiveStopped)
    // Saved or discarded: the temporary file has done its job (the mapping stays valid).
    QFile::remove(path);
    if (live_ == session) {
        live_->deleteLater();
        live_ = nullptr;
    }
    updateCaptureActions();
}

void MainWindow::closeEvent(QCloseEvent* e)
{
    if (!maybeDiscardCapture()) {
        e->ignore();
        return;
    }
    dropLiveSession();
    QMainWindow::closeEvent(e);
}

void MainWindow::onLiveOpened()
{
    capture_ = live_->analysis().file();
    tracker_ = live_->analysis().tracker();
    protocols_ = live_->analysis().protocols();
    shownFrame_ = size_t(-1);
    flowPanel_->setCapture(capture_, tracker_, true);
    detail_->clearTree();
    hex_->setBytes({});
    model_->setCapture(capture_);
    model_->setTracker(tracker_, protocols_);
    if (!displayFilter_->text().trimmed().isEmpty())
        applyDisplayFilter();
    progress_->hide();
    cancel_->hide();
    stack_->setCurrentIndex(1);
    setWindowTitle(tr("Capturing from %1 — SynFlow").arg(QString::fromStdString(live_->options().interface)));
}

void MainWindow::onLiveUpdated(qint64 packets)
{
    QScrollBar* bar = table_->verticalScrollBar();
    // Follow the newest packet only while the user stays at the bottom.
    const bool atBottom = bar->value() >= bar->maximum() - 1;
    model_->setRowCount(size_t(packets));
    if (!table_->currentIndex().isValid())
        table_->selectRow(0);
    if (autoScroll_ && atBottom)
        table_->scrollToBottom();
    flowPanel_->refresh(); // the diagram grows with the capture
    if (projector_ && projector_->isVisible()) { // so does the conversation on the projector
        FlowOptions o;
        o.stream = projectorStream_;
        o.by = FlowOptions::NodeBy::Endpoint;
        FlowGraph graph;
        graph.build(*capture_, *tracker_, o);
        projector_->updateGraph(std::move(graph));
    }
}

void MainWindow::showLiveStatus()
{
    if (!live_)
        return;
    const CaptureStats st = live_->stats();
    const QString iface = QString::fromStdString(live_->options().interface);
    const QString counts = tr("%n packet(s)", nullptr, int(live_->analysis().packetCount()))
        + tr(" · received %1 · dropped %2").arg(st.received).arg(st.dropped + st.ifDropped);
    status_->setText(live_->isRunning() ? tr("Capturing on %1: %2").arg(iface, counts) : tr("Captured on %1: %2").arg(iface, counts));
}

void MainWindow::onLiveStopped(const QString& error)
{
    flowPanel_->setGrowing(false);
    showLiveStatus();
    updateCaptureActions();
    if (!live_)
        return;
    const int packets = int(live_->analysis().packetCount());
    setWindowTitle(tr("Capture on %1 (unsaved) — SynFlow").arg(QString::fromStdString(live_->options().interface)));
    if (!error.isEmpty()) {
        QString text = error;
        if (packets)
            text += QLatin1Char('\n') + tr("The %n packet(s) captured before are kept.", nullptr, packets);
        showError(tr("Cannot capture"), text);
    }
    if (!live_->analysis().isOpen() && live_->stats().packets == 0) { // nothing was written: nothing to keep
        QFile::remove(live_->outputPath());
        live_->deleteLater();
        live_ = nullptr;
        updateCaptureActions();
    }
    emit loadFinished();
}

void MainWindow::updateCaptureActions()
{
    if (!startAct_)
        return;
    const bool running = live_ && live_->isRunning();
    startAct_->setEnabled(!running);
    stopAct_->setEnabled(running);
    restartAct_->setEnabled(running);
    saveAct_->setEnabled(hasUnsavedCapture() && !running);
    saveAsAct_->setEnabled(capture_ && !running && !loader_->isLoading());
}

void MainWindow::chooseSaveFile()
{
    QString selected;
    const QString pcapng = tr("pcapng (*.pcapng)"), pcap = tr("pcap (*.pcap)");
    QString path = QFileDialog::getSaveFileName(this, tr("Save Capture As"), QString(), pcapng + QStringLiteral(";;") + pcap, &selected);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += selected == pcap ? QStringLiteral(".pcap") : QStringLiteral(".pcapng");
    saveCaptureAs(path);
}

bool MainWindow::saveCaptureAs(const QString& path)
{
    if (!capture_ || (live_ && live_->isRunning())) {
        showError(tr("Cannot save"), tr("Stop the capture before saving it."));
        return false;
    }
    if (loader_->isLoading()) { // the file is still being read on another thread
        showError(tr("Cannot save"), tr("Wait until the capture has loaded."));
        return false;
    }
    const SaveFormat format = QFileInfo(path).suffix().compare(QStringLiteral("pcap"), Qt::CaseInsensitive) == 0 ? SaveFormat::Pcap
                                                                                                                  : SaveFormat::PcapNg;
    std::string error;
    if (!saveCapture(*capture_, path.toStdString(), format, error)) {
        showError(tr("Cannot save"), QString::fromStdString(error));
        return false;
    }
    if (live_ && capture_ == live_->analysis().file()) {
        liveSaved_ = true;
        setWindowTitle(tr("%1 — SynFlow").arg(QFileInfo(path).fileName()));
    }
    addRecent(QFileInfo(path).absoluteFilePath());
    statusBar()->showMessage(tr("Saved %n packet(s) to %1", nullptr, int(capture_->packetCount())).arg(path), 8000);
    updateCaptureActions();
    return true;
}

// ---- Display filter ------------------------------------------------------------------------

void MainWindow::applyDisplayFilter()
{
    if (!displayFilter_->isValid()) {
        statusBar()->showMessage(tr("Invalid display filter: %1").arg(displayFilter_->errorText()), 8000);
        return;
    }
    auto filter = std::make_shared<DisplayFilter>();
    std::string error;
    filter->compile(displayFilter_->text().trimmed().toStdString(), error);
    if (filterCancel_)
        filterCancel_->store(true);
    const quint64 gen = ++filterGeneration_;
    if (!capture_ || (loader_->isLoading()))
        return; // applied once the file is loaded
    if (filter->empty()) {
        showFilterResult(nullptr, {});
        return;
    }
    if (live_ && live_->isRunning()) {
        // The tracker grows on this thread: judge here (live captures are small by comparison).
        showFilterResult(filter, filterFrames(*filter, *capture_, tracker_.get(), protocols_.get()));
        return;
    }
    statusBar()->showMessage(tr("Filtering…"));
    filterCancel_ = std::make_shared<std::atomic<bool>>(false);
    QPointer<MainWindow> self(this);
    (void)QtConcurrent::run([self, gen, filter, capture = capture_, tracker = tracker_, protocols = protocols_,
                             cancel = filterCancel_] {
        std::vector<uint8_t> shown = filterFrames(*filter, *capture, tracker.get(), protocols.get(), cancel.get());
        if (cancel->load())
            return;
        QMetaObject::invokeMethod(
            self.data(),
            [self, gen, filter, shown = std::move(shown)]() mutable {
                if (self && self->filterGeneration_ == gen)
                    self->showFilterResult(filter, std::move(shown));
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::showFilterResult(std::shared_ptr<const DisplayFilter> filter, std::vector<uint8_t> shown)
{
    const size_t keep = shownFrame_;
    model_->setDisplayFilter(std::move(filter), std::move(shown));
    statusBar()->clearMessage();
    if (model_->isFiltered())
        status_->setText(tr("Displayed: %1 of %n packet(s)", nullptr, int(model_->frameCount())).arg(model_->rowCount()));
    else
        status_->setText(tr("%n packet(s)", nullptr, int(model_->frameCount())));
    // Stay on the packet that was selected if it is still shown.
    const int row = keep == size_t(-1) ? -1 : model_->rowOf(keep);
    if (row >= 0) {
        table_->selectRow(row);
        table_->scrollTo(model_->index(row, 0), QAbstractItemView::PositionAtCenter);
    } else if (model_->rowCount()) {
        table_->selectRow(0);
    } else {
        detail_->clearTree();
        hex_->setBytes({});
    }
    flowPanel_->setShownMask(model_->shownMask());
    emit filterApplied();
}
