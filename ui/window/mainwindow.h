#pragma once
// The main window: it coordinates the parts that do the work (the loader, the packet pane, the
// flow graph dock, live capture, recent files, the menus) and owns the capture being shown.
#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>
#include <vector>

class CaptureController;
class ExpertInfoWindow;
class IoGraphWindow;
class ProtocolHierarchyWindow;
class CapturePropertiesWindow;
class TrafficWindow;
class StatisticsWindow;
class CaptureLoader;
class FileFollower;
class FlowPanel;
class MainActions;
class PacketPane;
class PreferencesDialog;
class ProjectorWindow;
class QDockWidget;
class QStackedWidget;
class RecentFiles;
class ShrinkWatch;
class StatusLine;
class WelcomePage;

namespace synflow {
class AnalysedCapture;
struct CaptureOptions;
} // namespace synflow

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    static QString demoCapturePath();

    // Starts opening `path`; on failure says why and keeps what was open.
    bool openCapture(const QString& path);
    // Live capture into a new temporary pcapng; asks first if unsaved packets would be dropped.
    bool startCapture(const synflow::CaptureOptions& options);
    void stopCapture();
    // File → Save As without the dialog; false (and the reason shown) when it cannot.
    // `replaceConfirmed`: the user already agreed to replace the open capture (else asked here).
    bool saveCaptureAs(const QString& path, bool replaceConfirmed = false);
    // File → Close: back to the welcome page; false when the user keeps unsaved packets.
    bool closeCapture();
    // View → Reload: the same file read again, on the same packet.
    bool reloadCapture();
    // View → Follow the File: keeps reading the open file as another program writes it (on), or
    // keeps what was read (off). False, with the reason shown, when the file cannot be followed.
    bool setFollowFile(bool on);
    void goToPacket(size_t number); // 1-based
    void showFlowGraph();
    // Teaching mode on the selected packet's conversation; null (and the reason shown) if not TCP.
    ProjectorWindow* openProjector();
    // Statistics → TCP Stream Graphs, on the selected packet's stream and sender (kind:
    // TcpStreamGraphWindow::Kind). Null, with a message, when there is no TCP to graph.
    QWidget* openTcpStreamGraph(int kind);
    // Analyze → Follow → TCP Stream on the selected packet's stream; the display filter shows
    // that stream while it is followed (as in Wireshark), Back brings the one before again.
    QWidget* openFollowStream(bool udp = false); // the selected packet's TCP (or UDP) stream
    // Edit → Preferences (not modal: what it applies shows at once in the window behind it).
    PreferencesDialog* openPreferences();

signals:
    void loadFinished(); // a file finished loading, or a live capture stopped
    void filterApplied();
    void errorShown(const QString& title, const QString& text); // scripted runs print it

protected:
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;
    void closeEvent(QCloseEvent* e) override;
    void changeEvent(QEvent* e) override; // a language switched in the menu applies at once

private:
    void connectActions();
    void showCapture(std::shared_ptr<const synflow::AnalysedCapture> capture, bool growing, const QString& title);
    void onLoadFinished(const QString& damage, qint64 packets);
    void onLiveUpdated(qint64 packets);
    void onLiveStopped(const QString& error);
    void showCounts();
    void showError(const QString& title, const QString& text);
    void chooseCaptureOptions();
    bool chooseSaveFile();
    // File → Save: a live capture's packets, or edited packet comments (Save As unless the
    // user chooses to replace the original).
    bool saveChanges();
    bool hasUnsavedComments() const;
    void onCommentsChanged(size_t frame);
    bool maybeDiscardCapture();
    void updateActions();
    void openTrafficWindow(bool conversations);
    void openIoGraph();
    void openExpertInfo();
    void openProtocolHierarchy();
    void openCaptureProperties();
    // The capture the statistics windows count: a loaded file's, not one still loading or live.
    std::shared_ptr<const synflow::AnalysedCapture> statisticsCapture() const;
    void updateStatisticsWindows(bool captureChanged);
    std::vector<StatisticsWindow*> statisticsWindows() const; // the open ones
    void showStatisticsWindow(StatisticsWindow* w, bool created); // a new one gets the capture first
    // Selects frame (0-based), clearing a display filter that hides it, then runs `then`.
    void selectForConversation(size_t frame, std::function<void()> then);

    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    QString pendingPath_;
    QString openPath_;               // the file shown (empty for a live capture)
    size_t reloadFrame_ = size_t(-1); // the packet to select again once a reload has loaded
    uint64_t savedComments_ = 0;      // the comment edits' revision last saved (or opened)
    CaptureLoader* loader_;
    CaptureController* live_;
    FileFollower* follower_;
    RecentFiles* recent_;
    PacketPane* packets_;
    WelcomePage* welcome_;
    QStackedWidget* stack_;
    FlowPanel* flowPanel_;
    QDockWidget* flowDock_;
    MainActions* actions_;
    StatusLine* status_;
    QPointer<ProjectorWindow> projector_; // the open teaching window, kept up to date live
    ShrinkWatch* shrinkWatch_;
    QPointer<TrafficWindow> conversations_;
    QPointer<TrafficWindow> endpoints_;
    QPointer<IoGraphWindow> ioGraph_;
    QPointer<ExpertInfoWindow> expertInfo_;
    QPointer<ProtocolHierarchyWindow> protocolHierarchy_;
    QPointer<CapturePropertiesWindow> captureProperties_;
    QPointer<PreferencesDialog> preferences_;
};
