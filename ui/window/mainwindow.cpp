#include "window/mainwindow.h"

#include "flowgraph/flowpanel.h"
#include "follow/followstreamwindow.h"
#include "follow/udpfollow.h"
#include "graphs/tcpstreamgraphwindow.h"
#include "livecapture/capturecontroller.h"
#include "livecapture/livesession.h"
#include "models/packetlistmodel.h"
#include "models/packetlistmodel.h"
#include "packets/listcolumns.h"
#include "packets/packetpane.h"
#include "statistics/expertinfowindow.h"
#include "statistics/iographwindow.h"
#include "statistics/protocolhierarchywindow.h"
#include "statistics/capturepropertieswindow.h"
#include "statistics/trafficwindow.h"
#include "support/anonymity.h"
#include "teaching/projectorwindow.h"
#include "window/aboutdialog.h"
#include "window/captureloader.h"
#include "window/filefollower.h"
#include "window/capturefiles.h"
#include "window/mainactions.h"
#include "window/preferencesdialog.h"
#include "window/recentfiles.h"
#include "window/shortcutsdialog.h"
#include "window/shrinkwatch.h"
#include "window/statusline.h"
#include "window/welcomepage.h"

#include "analysis/analysedcapture.h"
#include "live/livecapture.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>

using namespace synflow;

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setAcceptDrops(true);
    loader_ = new CaptureLoader(this);
    live_ = new CaptureController(this);
    follower_ = new FileFollower(this);
    recent_ = new RecentFiles(this);
    packets_ = new PacketPane(this);
    packets_->setObjectName(QStringLiteral("packetPane"));
    welcome_ = new WelcomePage(this);
    stack_ = new QStackedWidget(this);
    stack_->addWidget(welcome_);
    stack_->addWidget(packets_);
    setCentralWidget(stack_);

    status_ = new StatusLine(statusBar());

    // Flow graph, docked at the side; it follows the selected conversation by default.
    flowPanel_ = new FlowPanel(this);
    flowPanel_->setObjectName(QStringLiteral("flowPanel"));
    flowPanel_->setMinimumWidth(360);
    flowDock_ = new QDockWidget(this);
    flowDock_->setObjectName(QStringLiteral("flowDock"));
    flowDock_->setWidget(flowPanel_);
    addDockWidget(Qt::RightDockWidgetArea, flowDock_);
    flowDock_->hide();
    // Shown beside the packet list when the list keeps a readable Info column (200 px, about
    // 30 characters) next to it, else below it (a 1024-pixel projector): never squeezed out.
    connect(flowDock_, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (!visible) // also while the window closes for good, when its layout is no longer asked
            return;
        const Qt::DockWidgetArea area = dockWidgetArea(flowDock_);
        if (flowDock_->isFloating() || (area != Qt::RightDockWidgetArea && area != Qt::BottomDockWidgetArea))
            return; // where the user put it, it stays
        const int beside = std::min(width() / 2, packets_->spareListWidth(200));
        const Qt::DockWidgetArea wanted = beside >= flowPanel_->minimumWidth() ? Qt::RightDockWidgetArea : Qt::BottomDockWidgetArea;
        if (area != wanted)
            addDockWidget(wanted, flowDock_);
        if (wanted == Qt::RightDockWidgetArea)
            resizeDocks({flowDock_}, {beside}, Qt::Horizontal);
        else
            resizeDocks({flowDock_}, {height() / 2}, Qt::Vertical);
    });

    actions_ = new MainActions(this, flowDock_->toggleViewAction());
    recent_->attachMenu(actions_->recent);
    welcome_->setRecentFiles(recent_->files());
    connectActions();
    // The filter bar turns to the other names by itself (PacketPane); the statistics windows
    // that quote it follow.
    connect(&Anonymity::instance(), &Anonymity::changed, this, [this] {
        for (StatisticsWindow* w : statisticsWindows())
            w->setDisplayFilter(packets_->filterText().trimmed(), packets_->model()->shownMask());
    });

    connect(status_, &StatusLine::cancelRequested, loader_, &CaptureLoader::cancel);
    connect(loader_, &CaptureLoader::opened, this, [this](std::shared_ptr<const AnalysedCapture> capture) {
        live_->drop();
        showCapture(std::move(capture), false, tr("%1 — SynFlow").arg(QFileInfo(pendingPath_).fileName()));
        status_->showProgress(0);
        status_->setText(tr("Loading %1…").arg(QFileInfo(pendingPath_).fileName()));
    });
    connect(loader_, &CaptureLoader::progress, this, [this](qint64 packets, int permille) {
        packets_->showRows(size_t(packets));
        status_->showProgress(permille);
    });
    connect(loader_, &CaptureLoader::finished, this, &MainWindow::onLoadFinished);
    connect(loader_, &CaptureLoader::cancelled, this, [this] {
        status_->hideProgress();
        status_->setText(tr("Loading cancelled: %n packet(s) loaded", nullptr, packets_->model()->rowCount()));
        updateActions();
    });
    connect(packets_, &PacketPane::frameSelected, flowPanel_, &FlowPanel::setSelectedFrame);
    // The file may be cut short under the views that read packets from it: told once.
    shrinkWatch_ = new ShrinkWatch(this);
    shrinkWatch_->watchPaintsBelow(packets_);
    shrinkWatch_->watchPaintsBelow(flowPanel_);
    connect(packets_, &PacketPane::frameSelected, shrinkWatch_, &ShrinkWatch::check);
    connect(shrinkWatch_, &ShrinkWatch::shrunk, this, [this](quint64 offset, quint64 packetsBefore) {
        showError(tr("Damaged capture"),
                  tr("The file is damaged at byte %1: it shrank while it was read. The %n packet(s) before the damage are intact; "
                     "the later ones are lost.", nullptr, int(packetsBefore))
                      .arg(offset));
    });
    connect(packets_, &PacketPane::message, this, [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(packets_, &PacketPane::fieldSelected, this, [this](const QString& text) { statusBar()->showMessage(text); });
    connect(packets_, &PacketPane::marksChanged, this, &MainWindow::showCounts);
    connect(packets_, &PacketPane::commentsChanged, this, &MainWindow::onCommentsChanged);
    connect(packets_, &PacketPane::historyChanged, this, &MainWindow::updateActions);
    connect(packets_, &PacketPane::filterApplied, this, [this] {
        statusBar()->clearMessage();
        showCounts();
        flowPanel_->setShownMask(packets_->model()->shownMask());
        updateStatisticsWindows(false);
        emit filterApplied();
    });
    connect(flowPanel_, &FlowPanel::frameActivated, this, [this](size_t frame) { goToPacket(frame + 1); });
    connect(recent_, &RecentFiles::openRequested, this, &MainWindow::openCapture);
    connect(recent_, &RecentFiles::changed, welcome_, &WelcomePage::setRecentFiles);
    connect(welcome_, &WelcomePage::openRequested, actions_->open, &QAction::trigger);
    connect(welcome_, &WelcomePage::demoRequested, this, [this] { openCapture(demoCapturePath()); });
    connect(welcome_, &WelcomePage::recentRequested, this, &MainWindow::openCapture);
    connect(welcome_, &WelcomePage::captureRequested, this,
            [this](const QString& interfaceName) { startCapture(CaptureController::optionsFor(interfaceName)); });
    connect(welcome_, &WelcomePage::captureOptionsRequested, this, &MainWindow::chooseCaptureOptions);
    connect(live_, &CaptureController::opened, this, [this] {
        openPath_.clear(); // a live capture's file is ours, not one to reload
        const QString iface = QString::fromStdString(live_->session()->options().interface);
        showCapture(live_->capture(), true, tr("Capturing from %1 — SynFlow").arg(iface));
        status_->hideProgress();
    });
    connect(live_, &CaptureController::updated, this, &MainWindow::onLiveUpdated);
    connect(live_, &CaptureController::statusChanged, this, [this] {
        if (live_->session())
            status_->setText(live_->statusText());
        updateActions();
    });
    connect(live_, &CaptureController::stopped, this, &MainWindow::onLiveStopped);

    changeEvent(std::make_unique<QEvent>(QEvent::LanguageChange).get()); // the texts, in the language now in force
    updateActions();
    // 1280x860, or less on a smaller screen (a 1024x768 projector): the whole window in sight.
    const QRect screen = this->screen()->availableGeometry();
    resize(std::min(1280, screen.width() * 9 / 10), std::min(860, screen.height() * 9 / 10));
}

MainWindow::~MainWindow()
{
    flowDock_->disconnect(this); // the base class's close hides the dock after this is gone
    loader_->cancel();
}

QString MainWindow::demoCapturePath()
{
    const QString installed = QCoreApplication::applicationDirPath() + QStringLiteral("/../share/synflow/demo-clean.pcapng");
    if (QFileInfo::exists(installed))
        return QFileInfo(installed).canonicalFilePath();
    return QStringLiteral(SYNFLOW_DEMO_SOURCE);
}

void MainWindow::connectActions()
{
    MainActions& a = *actions_;
    connect(a.open, &QAction::triggered, this, [this] {
        const QString path = CaptureFiles::askOpenPath(this);
        if (!path.isEmpty())
            openCapture(path);
    });
    connect(a.openDemo, &QAction::triggered, this, [this] { openCapture(demoCapturePath()); });
    connect(a.save, &QAction::triggered, this, &MainWindow::saveChanges);
    connect(a.saveAs, &QAction::triggered, this, &MainWindow::chooseSaveFile);
    connect(a.quit, &QAction::triggered, this, &QWidget::close);
    connect(a.copyValue, &QAction::triggered, packets_, &PacketPane::copyValue);
    connect(a.copyBranch, &QAction::triggered, packets_, &PacketPane::copyBranch);
    connect(a.copyBytes, &QAction::triggered, packets_, &PacketPane::copyBytes);
    connect(a.close, &QAction::triggered, this, &MainWindow::closeCapture);
    connect(a.reload, &QAction::triggered, this, &MainWindow::reloadCapture);
    connect(a.followFile, &QAction::toggled, this, &MainWindow::setFollowFile);
    connect(follower_, &FileFollower::grew, this, [this](qint64 packets) {
        onLiveUpdated(packets);
        showCounts();
    });
    connect(follower_, &FileFollower::failed, this, [this](const QString& error) {
        setFollowFile(false);
        showError(tr("Cannot follow the file"), error);
    });
    connect(a.find, &QAction::triggered, packets_, &PacketPane::showFindBar);
    connect(a.findNext, &QAction::triggered, packets_, [this] { packets_->find(false); });
    connect(a.findPrevious, &QAction::triggered, packets_, [this] { packets_->find(true); });
    connect(a.markPacket, &QAction::triggered, packets_, &PacketPane::toggleMark);
    connect(a.markAllDisplayed, &QAction::triggered, packets_, [this] { packets_->markAllDisplayed(true); });
    connect(a.unmarkAllDisplayed, &QAction::triggered, packets_, [this] { packets_->markAllDisplayed(false); });
    connect(a.nextMark, &QAction::triggered, packets_, [this] { packets_->stepMark(1); });
    connect(a.previousMark, &QAction::triggered, packets_, [this] { packets_->stepMark(-1); });
    connect(a.timeReference, &QAction::triggered, packets_, &PacketPane::toggleTimeReference);
    connect(a.clearTimeReferences, &QAction::triggered, packets_, &PacketPane::clearTimeReferences);
    connect(a.zoomIn, &QAction::triggered, packets_, [this] { packets_->zoom(1); });
    connect(a.zoomOut, &QAction::triggered, packets_, [this] { packets_->zoom(-1); });
    connect(a.zoomNormal, &QAction::triggered, packets_, [this] { packets_->zoom(0); });
    connect(a.resizeColumns, &QAction::triggered, packets_->columns(), &ListColumns::resizeAll);
    connect(a.back, &QAction::triggered, packets_, &PacketPane::goBack);
    connect(a.forward, &QAction::triggered, packets_, &PacketPane::goForward);
    connect(a.firstPacket, &QAction::triggered, packets_, &PacketPane::goFirst);
    connect(a.lastPacket, &QAction::triggered, packets_, &PacketPane::goLast);

    connect(a.preferences, &QAction::triggered, this, [this] { openPreferences(); });
    connect(a.expandAll, &QAction::triggered, packets_, &PacketPane::expandAll);
    connect(a.collapseAll, &QAction::triggered, packets_, &PacketPane::collapseAll);
    connect(a.teaching, &QAction::triggered, this, [this] {
        if (QWidget* w = openProjector())
            w->showFullScreen();
    });
    connect(a.followTcp, &QAction::triggered, this, [this] { openFollowStream(); });
    connect(a.followUdp, &QAction::triggered, this, [this] { openFollowStream(true); });
    connect(packets_, &PacketPane::followRequested, this, [this] { openFollowStream(); });
    connect(packets_, &PacketPane::followUdpRequested, this, [this] { openFollowStream(true); });
    connect(a.tcpStreamGraphKinds, &QActionGroup::triggered, this, [this](QAction* k) { openTcpStreamGraph(k->data().toInt()); });
    connect(a.captureOptions, &QAction::triggered, this, &MainWindow::chooseCaptureOptions);
    connect(a.start, &QAction::triggered, this, [this] { startCapture(CaptureController::lastOptions()); });
    connect(a.stop, &QAction::triggered, this, &MainWindow::stopCapture);
    connect(a.restart, &QAction::triggered, live_, &CaptureController::restart);
    connect(a.focusFilter, &QAction::triggered, packets_, &PacketPane::focusFilter);
    connect(a.goToPacket, &QAction::triggered, this, [this] {
        bool ok = false;
        const int n = QInputDialog::getInt(this, tr("Go to Packet"), tr("Packet number:"), 1, 1,
                                           std::max(1, int(packets_->model()->frameCount())), 1, &ok);
        if (ok)
            goToPacket(size_t(n));
    });
    connect(a.conversations, &QAction::triggered, this, [this] { openTrafficWindow(true); });
    connect(a.endpoints, &QAction::triggered, this, [this] { openTrafficWindow(false); });
    connect(a.ioGraph, &QAction::triggered, this, &MainWindow::openIoGraph);
    connect(a.expertInfo, &QAction::triggered, this, &MainWindow::openExpertInfo);
    connect(a.protocolHierarchy, &QAction::triggered, this, &MainWindow::openProtocolHierarchy);
    connect(a.captureProperties, &QAction::triggered, this, &MainWindow::openCaptureProperties);
    // Help: one dialog each, made when first asked for.
    connect(a.keyboardShortcuts, &QAction::triggered, this, [this] {
        auto* d = findChild<ShortcutsDialog*>();
        (d ? d : new ShortcutsDialog(menuBar(), this))->show();
    });
    connect(a.about, &QAction::triggered, this, [this] {
        auto* d = findChild<AboutDialog*>();
        (d ? d : new AboutDialog(this))->show();
    });
    connect(a.nextInConversation, &QAction::triggered, packets_, [this] { packets_->stepInConversation(1); });
    connect(a.previousInConversation, &QAction::triggered, packets_, [this] { packets_->stepInConversation(-1); });
}

void MainWindow::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange && actions_) {
        setWindowTitle(capture_ ? windowTitle() : tr("SynFlow"));
        actions_->retranslate();
        status_->retranslate();
        flowDock_->setWindowTitle(tr("Flow Graph"));
        showCounts();
    }
    QMainWindow::changeEvent(e);
}

void MainWindow::showError(const QString& title, const QString& text)
{
    // Not modal: a scripted run (--screenshot) or a test is never stuck behind it.
    statusBar()->showMessage(text, 10000);
    delete findChild<QMessageBox*>(QStringLiteral("errorMessage"), Qt::FindDirectChildrenOnly);
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    box->show();
    emit errorShown(title, text);
}

void MainWindow::showCapture(std::shared_ptr<const AnalysedCapture> capture, bool growing, const QString& title)
{
    // A graph's clicks name packets of the capture it was drawn from.
    for (TcpStreamGraphWindow* graph : findChildren<TcpStreamGraphWindow*>())
        graph->close();
    for (FollowStreamWindow* follow : findChildren<FollowStreamWindow*>())
        follow->close();
    capture_ = std::move(capture);
    savedComments_ = 0; // a capture opens with no comment edits
    shrinkWatch_->setCapture(capture_);
    packets_->setCapture(capture_, growing);
    flowPanel_->setCapture(growing ? capture_ : nullptr, growing);
    stack_->setCurrentWidget(packets_);
    setWindowTitle(title);
    updateActions();
    updateStatisticsWindows(true);
}

std::shared_ptr<const AnalysedCapture> MainWindow::statisticsCapture() const
{
    // A followed file is analysed on this thread as it grows: the windows count it once it stops.
    if (!capture_ || loader_->isLoading() || live_->isRunning() || follower_->isFollowing() || !capture_->ready())
        return nullptr;
    return capture_;
}

void MainWindow::updateStatisticsWindows(bool captureChanged)
{
    const auto capture = statisticsCapture();
    const QString filter = packets_->filterText().trimmed();
    for (StatisticsWindow* w : statisticsWindows()) {
        w->setDisplayFilter(filter, packets_->model()->shownMask());
        if (captureChanged)
            w->setCapture(capture);
    }
}

std::vector<StatisticsWindow*> MainWindow::statisticsWindows() const
{
    std::vector<StatisticsWindow*> out;
    for (StatisticsWindow* w : std::initializer_list<StatisticsWindow*>{conversations_, endpoints_, ioGraph_, expertInfo_,
                                                                        protocolHierarchy_, captureProperties_})
        if (w)
            out.push_back(w);
    return out;
}

void MainWindow::showStatisticsWindow(StatisticsWindow* w, bool created)
{
    if (created) {
        w->setDisplayFilter(packets_->filterText().trimmed(), packets_->model()->shownMask());
        w->setCapture(statisticsCapture());
    }
    w->show();
    w->raise();
    w->activateWindow();
}

void MainWindow::openTrafficWindow(bool conversations)
{
    QPointer<TrafficWindow>& slot = conversations ? conversations_ : endpoints_;
    const bool created = !slot;
    if (created) {
        slot = new TrafficWindow(conversations ? TrafficWindow::Kind::Conversations : TrafficWindow::Kind::Endpoints, this);
        connect(slot, &TrafficWindow::applyFilterRequested, this, [this](const QString& filter, size_t frame) {
            // Select the conversation's first packet once the filter has been applied.
            auto once = std::make_shared<QMetaObject::Connection>();
            *once = connect(this, &MainWindow::filterApplied, this, [this, frame, once] {
                disconnect(*once);
                goToPacket(frame + 1);
            });
            packets_->applyFilterText(filter);
        });
        connect(slot, &TrafficWindow::flowGraphRequested, this, [this](size_t frame) {
            selectForConversation(frame, [this] {
                if (auto* scope = flowPanel_->findChild<QComboBox*>(QStringLiteral("flowScope")))
                    scope->setCurrentIndex(0); // the selected conversation
                showFlowGraph();
            });
        });
        connect(slot, &TrafficWindow::followRequested, this,
                [this](size_t frame) { selectForConversation(frame, [this] { openFollowStream(); }); });
        connect(slot, &TrafficWindow::streamGraphRequested, this,
                [this](size_t frame) { selectForConversation(frame, [this] { openTcpStreamGraph(TcpStreamGraphWindow::Tcptrace); }); });
        connect(slot, &TrafficWindow::teachingRequested, this, [this](size_t frame) {
            selectForConversation(frame, [this] {
                if (QWidget* w = openProjector())
                    w->showFullScreen();
            });
        });
    }
    showStatisticsWindow(slot, created);
}

void MainWindow::openCaptureProperties()
{
    const bool created = !captureProperties_;
    if (created)
        captureProperties_ = new CapturePropertiesWindow(this);
    showStatisticsWindow(captureProperties_, created);
}

void MainWindow::openProtocolHierarchy()
{
    const bool created = !protocolHierarchy_;
    if (created) {
        protocolHierarchy_ = new ProtocolHierarchyWindow(this);
        connect(protocolHierarchy_, &ProtocolHierarchyWindow::applyFilterRequested, this,
                [this](const QString& filter) { packets_->applyFilterText(filter); });
    }
    showStatisticsWindow(protocolHierarchy_, created);
}

void MainWindow::openIoGraph()
{
    const bool created = !ioGraph_;
    if (created) {
        ioGraph_ = new IoGraphWindow(this);
        connect(ioGraph_, &IoGraphWindow::frameRequested, this, [this](size_t frame) { goToPacket(frame + 1); });
    }
    showStatisticsWindow(ioGraph_, created);
}

void MainWindow::openExpertInfo()
{
    const bool created = !expertInfo_;
    if (created) {
        expertInfo_ = new ExpertInfoWindow(this);
        // A packet the display filter hides is shown again first (as from a conversation).
        connect(expertInfo_, &ExpertInfoWindow::frameRequested, this, [this](size_t frame) { selectForConversation(frame, [] {}); });
    }
    showStatisticsWindow(expertInfo_, created);
}

void MainWindow::selectForConversation(size_t frame, std::function<void()> then)
{
    if (packets_->model()->rowOf(frame) >= 0) {
        goToPacket(frame + 1);
        then();
        return;
    }
    // The display filter hides the conversation's first packet: show every packet again first.
    auto once = std::make_shared<QMetaObject::Connection>();
    *once = connect(this, &MainWindow::filterApplied, this, [this, frame, then, once] {
        disconnect(*once);
        goToPacket(frame + 1);
        then();
    });
    packets_->applyFilterText(QString());
}

bool MainWindow::openCapture(const QString& path)
{
    if (!maybeDiscardCapture())
        return false;
    setFollowFile(false);
    QString error;
    pendingPath_ = path;
    if (!loader_->start(path, &error)) {
        showError(tr("Cannot open capture"), error);
        return false;
    }
    // Standard input is read once: nothing to reload or reopen later.
    if (path == QLatin1String("-")) {
        openPath_.clear();
        return true;
    }
    openPath_ = path;
    recent_->add(QFileInfo(path).absoluteFilePath());
    return true;
}

void MainWindow::onLoadFinished(const QString& damage, qint64 packets)
{
    status_->hideProgress();
    flowPanel_->setCapture(capture_, false); // first: the pane's selection is then drawn in it
    packets_->analysisReady();
    showCounts();
    updateStatisticsWindows(true);
    shrinkWatch_->setCapture(capture_, capture_ && capture_->file().shrunkAt() != MappedFile::kIntact); // `damage` names it
    if (!damage.isEmpty())
        showError(tr("Damaged capture"), tr("The file is %1. The %n packet(s) before the damage were loaded.", nullptr, int(packets)).arg(damage));
    updateActions();
    if (reloadFrame_ != size_t(-1)) { // a reload stays on its packet
        packets_->goToPacket(reloadFrame_ + 1);
        reloadFrame_ = size_t(-1);
    }
    emit loadFinished();
}

bool MainWindow::closeCapture()
{
    if (!capture_ || !maybeDiscardCapture())
        return false;
    setFollowFile(false);
    loader_->cancel();
    live_->drop();
    capture_.reset();
    openPath_.clear();
    shrinkWatch_->setCapture(nullptr);
    packets_->setCapture(nullptr, false);
    flowPanel_->setCapture(nullptr, false);
    stack_->setCurrentWidget(welcome_);
    setWindowTitle(tr("SynFlow"));
    status_->hideProgress();
    status_->setText(QString());
    updateActions();
    return true;
}

bool MainWindow::reloadCapture()
{
    if (openPath_.isEmpty() || live_->session() || loader_->isLoading() || follower_->isFollowing())
        return false;
    const size_t frame = packets_->selectedFrame();
    if (!openCapture(openPath_))
        return false;
    reloadFrame_ = frame;
    return true;
}

bool MainWindow::setFollowFile(bool on)
{
    const auto showChecked = [this](bool checked) {
        const QSignalBlocker quiet(actions_->followFile);
        actions_->followFile->setChecked(checked);
    };
    if (!on) {
        showChecked(false);
        if (!follower_->isFollowing())
            return true;
        follower_->stop(); // the window keeps the capture and what was read of it
        packets_->setGrowing(false);
        flowPanel_->setGrowing(false);
        if (!openPath_.isEmpty())
            setWindowTitle(tr("%1 — SynFlow").arg(QFileInfo(openPath_).fileName()));
        updateActions();
        showCounts();
        updateStatisticsWindows(true);
        return true;
    }
    if (follower_->isFollowing())
        return true;
    if (openPath_.isEmpty() || live_->session()) {
        showChecked(false);
        return false;
    }
    QString error;
    if (!follower_->start(openPath_, &error)) {
        showChecked(false);
        showError(tr("Cannot follow the file"), error);
        return false;
    }
    loader_->cancel();
    showChecked(true);
    status_->hideProgress();
    showCapture(follower_->capture(), true, tr("%1 (following) — SynFlow").arg(QFileInfo(openPath_).fileName()));
    return true;
}

void MainWindow::showCounts()
{
    if (!capture_ || loader_->isLoading() || live_->session())
        return; // loading and live capture keep their own status
    const PacketListModel* model = packets_->model();
    QString text = model->isFiltered()
        ? tr("Displayed: %1 of %n packet(s)", nullptr, int(model->frameCount())).arg(model->rowCount())
        : tr("%n packet(s)", nullptr, int(model->frameCount()));
    if (const TcpTracker* tracker = capture_->tracker(); tracker && !model->isFiltered())
        text += tr(", %n TCP conversation(s)", nullptr, int(tracker->conversationCount()));
    if (!model->marked().empty())
        text += tr(", %n marked", nullptr, int(model->marked().size()));
    status_->setText(text);
}

PreferencesDialog* MainWindow::openPreferences()
{
    // One dialog, as Wireshark's; hidden when closed, it shows the preferences in force when shown again.
    if (!preferences_)
        preferences_ = new PreferencesDialog(packets_->columns(), this);
    preferences_->show();
    preferences_->raise();
    preferences_->activateWindow();
    return preferences_;
}

void MainWindow::goToPacket(size_t number) { packets_->goToPacket(number); }

void MainWindow::showFlowGraph() { flowDock_->show(); }

ProjectorWindow* MainWindow::openProjector()
{
    if (!capture_ || !capture_->ready() || packets_->selectedFrame() == size_t(-1))
        return nullptr;
    QString error;
    ProjectorWindow* projector = ProjectorWindow::openOnFrame(capture_, packets_->selectedFrame(), this, &error);
    if (!projector) {
        showError(tr("Teaching mode"), error);
        return nullptr;
    }
    if (projector_)
        projector_->close();
    projector_ = projector;
    // A comment the teacher writes on a step shows in the list, the tree and the flow graph.
    connect(projector, &ProjectorWindow::commentsChanged, packets_, &PacketPane::commentsEdited);
    return projector;
}

QWidget* MainWindow::openTcpStreamGraph(int kind)
{
    const TcpTracker* tracker = capture_ ? capture_->tracker() : nullptr;
    if (!tracker || tracker->conversationCount() == 0) {
        showError(tr("TCP Stream Graphs"), capture_ && !capture_->ready() ? tr("The capture is still loading.")
                                                                          : tr("There is no TCP conversation to graph."));
        return nullptr;
    }
    // The selected packet's stream, its sender's data; the first stream when it is not TCP.
    const size_t frame = packets_->selectedFrame();
    const int64_t stream = frame != size_t(-1) ? tracker->streamOf(uint32_t(frame)) : -1;
    int direction = stream >= 0 && !tracker->sentByFirst(uint32_t(frame)) ? 1 : 0;
    if (stream >= 0 && capture_->decode(frame).tcpPayloadLen == 0) {
        // An ACK or handshake segment selected: graph the data it answers, the way that sent more.
        const TcpConversation c = tracker->conversation(uint32_t(size_t(stream)));
        direction = c.bytes[1] > c.bytes[0] ? 1 : 0;
    }
    auto* graph = new TcpStreamGraphWindow(capture_, uint32_t(std::max<int64_t>(stream, 0)), direction,
                                           TcpStreamGraphWindow::Kind(kind), this);
    connect(graph, &TcpStreamGraphWindow::packetSelected, this, [this](qint64 f) { goToPacket(size_t(f) + 1); });
    graph->show();
    return graph;
}

QWidget* MainWindow::openFollowStream(bool udp)
{
    const TcpTracker* tracker = capture_ ? capture_->tracker() : nullptr;
    const size_t frame = packets_->selectedFrame();
    int64_t stream = -1;
    if (frame != size_t(-1) && capture_)
        stream = udp ? udpStreamOf(*capture_, frame) : tracker ? tracker->streamOf(uint32_t(frame)) : -1;
    if (stream < 0) {
        const QString loading = tr("The capture is still loading.");
        if (udp)
            showError(tr("Follow UDP Stream"), capture_ && !capture_->ready() ? loading : tr("Select a UDP packet to follow its stream."));
        else
            showError(tr("Follow TCP Stream"), capture_ && !capture_->ready() ? loading : tr("Select a TCP packet to follow its stream."));
        return nullptr;
    }
    const QString before = packets_->filterText();
    const auto protocol = udp ? FollowStreamWindow::Protocol::Udp : FollowStreamWindow::Protocol::Tcp;
    auto* follow = new FollowStreamWindow(capture_, protocol, uint32_t(stream), this);
    // The stream's own filter, as Wireshark applies it, each time another stream is shown.
    connect(follow, &FollowStreamWindow::streamFilterChanged, this, [this](const QString& f) { packets_->applyFilterText(f); });
    connect(follow, &FollowStreamWindow::filterOutRequested, this,
            [this](const QString& f) { packets_->applyFilterText(QStringLiteral("!(%1)").arg(f)); });
    connect(follow, &FollowStreamWindow::backRequested, this, [this, before] { packets_->applyFilterText(before); });
    connect(follow, &FollowStreamWindow::packetSelected, this, [this](qint64 f) { goToPacket(size_t(f) + 1); });
    follow->show();
    return follow;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e)
{
    if (e->mimeData()->hasUrls())
        e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e)
{
    QString path, error;
    if (!CaptureFiles::droppedPath(e->mimeData(), &path, &error)) {
        showError(tr("Cannot open"), error);
        return;
    }
    e->acceptProposedAction();
    openCapture(path);
}

void MainWindow::closeEvent(QCloseEvent* e)
{
    if (!maybeDiscardCapture()) {
        e->ignore();
        return;
    }
    live_->drop();
    QMainWindow::closeEvent(e);
}

// ---- Live capture -------------------------------------------------------------------------

void MainWindow::chooseCaptureOptions()
{
    CaptureOptions o;
    if (CaptureController::askOptions(this, &o))
        startCapture(o);
}

bool MainWindow::startCapture(const CaptureOptions& options)
{
    if (live_->isRunning() || !maybeDiscardCapture())
        return false;
    QString error;
    if (!live_->start(options, &error)) {
        showError(tr("Cannot capture"), error);
        return false;
    }
    loader_->cancel();
    setFollowFile(false);
    status_->setText(tr("Starting capture on %1…").arg(QString::fromStdString(options.interface)));
    return true;
}

void MainWindow::stopCapture() { live_->stop(); }

void MainWindow::onLiveUpdated(qint64 packets)
{
    packets_->liveGrew(size_t(packets), actions_->autoScroll->isChecked());
    shrinkWatch_->check();
    flowPanel_->refresh(); // the diagram grows with the capture
    if (projector_ && projector_->isVisible()) // so does the conversation on the projector
        projector_->refresh();
}

void MainWindow::onLiveStopped(const QString& error)
{
    flowPanel_->setGrowing(false);
    packets_->setGrowing(false);
    if (LiveSession* session = live_->session())
        setWindowTitle(tr("Capture on %1 (unsaved) — SynFlow").arg(QString::fromStdString(session->options().interface)));
    if (!error.isEmpty())
        showError(tr("Cannot capture"), error);
    updateActions();
    updateStatisticsWindows(true);
    emit loadFinished();
}

bool MainWindow::maybeDiscardCapture()
{
    if (hasUnsavedComments() && !live_->hasUnsaved()) {
        QMessageBox box(QMessageBox::Question, tr("Unsaved packet comments"),
                        tr("The packet comments you added or edited are not saved. Save them in a copy of the capture?"),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("unsavedCommentsQuestion"));
        box.setDefaultButton(QMessageBox::Save);
        const int answer = box.exec();
        if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !chooseSaveFile()))
            return false;
        return true;
    }
    return live_->maybeDiscard([this] { return chooseSaveFile(); });
}

bool MainWindow::hasUnsavedComments() const
{
    return capture_ && capture_->file().commentEdits().revision() != savedComments_;
}

void MainWindow::onCommentsChanged(size_t frame)
{
    flowPanel_->notesChanged();
    if (projector_)
        projector_->notesChanged(frame);
    updateActions();
}

bool MainWindow::saveChanges()
{
    if (live_->hasUnsaved() || !hasUnsavedComments())
        return chooseSaveFile();
    // Comments: a copy by default; the original only when the user says so.
    QMessageBox box(QMessageBox::Question, tr("Save packet comments"),
                    tr("Save the packet comments in a copy of the capture, or replace the original file %1?").arg(openPath_),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("saveCommentsQuestion"));
    QPushButton* copy = box.addButton(tr("Save As…"), QMessageBox::AcceptRole);
    QPushButton* replace = box.addButton(tr("Replace Original"), QMessageBox::DestructiveRole);
    replace->setEnabled(!openPath_.isEmpty() && openPath_ != QLatin1String("-"));
    box.setDefaultButton(copy);
    box.exec();
    if (box.clickedButton() == copy)
        return chooseSaveFile();
    if (box.clickedButton() == replace)
        return saveCaptureAs(openPath_, true);
    return false;
}

void MainWindow::updateActions()
{
    const bool running = live_->isRunning();
    actions_->start->setEnabled(!running);
    actions_->stop->setEnabled(running);
    actions_->restart->setEnabled(running);
    actions_->save->setEnabled(((live_->hasUnsaved() && !running) || hasUnsavedComments()) && !loader_->isLoading());
    const bool following = follower_->isFollowing();
    actions_->saveAs->setEnabled(capture_ && !running && !loader_->isLoading() && !following);
    actions_->close->setEnabled(bool(capture_));
    actions_->reload->setEnabled(capture_ && !openPath_.isEmpty() && !live_->session() && !loader_->isLoading() && !following);
    actions_->followFile->setEnabled(capture_ && !openPath_.isEmpty() && !live_->session());
    for (QAction* a : {actions_->find, actions_->findNext, actions_->findPrevious, actions_->markPacket, actions_->markAllDisplayed,
                       actions_->unmarkAllDisplayed, actions_->nextMark, actions_->previousMark, actions_->timeReference,
                       actions_->clearTimeReferences, actions_->firstPacket, actions_->lastPacket, actions_->goToPacket})
        a->setEnabled(bool(capture_));
    actions_->back->setEnabled(capture_ && packets_->canGoBack());
    actions_->forward->setEnabled(capture_ && packets_->canGoForward());
}

// ---- Saving -------------------------------------------------------------------------------

bool MainWindow::chooseSaveFile()
{
    const QString path = CaptureFiles::askSavePath(this);
    return !path.isEmpty() && saveCaptureAs(path);
}

bool MainWindow::saveCaptureAs(const QString& path, bool replaceConfirmed)
{
    if (!capture_ || live_->isRunning()) {
        showError(tr("Cannot save"), tr("Stop the capture before saving it."));
        return false;
    }
    if (loader_->isLoading()) { // the file is still being read on another thread
        showError(tr("Cannot save"), tr("Wait until the capture has loaded."));
        return false;
    }
    // The open capture itself is replaced only once the user has agreed to it.
    const bool isSource = !capture_->file().path().empty() && QFileInfo(path).exists()
        && QFileInfo(path).canonicalFilePath() == QFileInfo(QString::fromStdString(capture_->file().path())).canonicalFilePath();
    if (isSource && !replaceConfirmed) {
        const auto answer = QMessageBox::question(this, tr("Replace the original capture?"),
                                                  tr("%1 is the capture that is open. Replace it with a copy holding your changes?").arg(path),
                                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return false;
    }
    QString error;
    if (!CaptureFiles::save(capture_->file(), path, &error, isSource)) {
        showError(tr("Cannot save"), error);
        return false;
    }
    if (capture_ == live_->capture()) {
        live_->markSaved();
        setWindowTitle(tr("%1 — SynFlow").arg(QFileInfo(path).fileName()));
    }
    savedComments_ = capture_->file().commentEdits().revision();
    recent_->add(QFileInfo(path).absoluteFilePath());
    statusBar()->showMessage(tr("Saved %n packet(s) to %1", nullptr, int(capture_->file().packetCount())).arg(path), 8000);
    updateActions();
    return true;
}
