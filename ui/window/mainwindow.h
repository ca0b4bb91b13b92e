#pragma once
// The main window: a thin coordinator of the views over one open capture.
#include <QMainWindow>
#include <QPointer>

#include <atomic>
#include <memory>
#include <vector>

class CaptureLoader;
class FilterEdit;
class LiveSession;
class QAction;
class DetailTreeView;
class FlowPanel;
class FlowView;
class ProjectorWindow;
class QDockWidget;
class HexView;
class PacketListModel;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class WelcomePage;
class QMenu;

namespace synflow {
class DisplayFilter;
struct CaptureOptions;
class CaptureFile;
class TcpTracker;
class ConversationProtocols;
} // namespace synflow

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Starts opening `path`; on failure shows the reason and keeps what was open.
    bool openCapture(const QString& path);
    static QString demoCapturePath();

    PacketListModel* packetModel() const { return model_; }
    QTableView* packetView() const { return table_; }
    DetailTreeView* detailView() const { return detail_; }
    HexView* hexView() const { return hex_; }
    FlowView* flowView() const;
    FlowPanel* flowPanel() const { return flowPanel_; }
    QDockWidget* flowDock() const { return flowDock_; }
    CaptureLoader* loader() const { return loader_; }
    FilterEdit* displayFilterEdit() const { return displayFilter_; }
    // Applies the display filter bar's text (in the background for a loaded file).
    void applyDisplayFilter();
    bool isShowingCapture() const;
    QString lastError() const { return lastError_; }

    // Live capture into a new temporary pcapng; asks first if unsaved packets would be dropped.
    bool startCapture(const synflow::CaptureOptions& options);
    void stopCapture();
    LiveSession* liveSession() const { return live_; }
    bool hasUnsavedCapture() const;
    // File → Save As: pcap if the name ends in .pcap, else pcapng; atomic. False with lastError().
    bool saveCaptureAs(const QString& path);

    void goToPacket(size_t frame); // 1-based frame number
    // Teaching mode on the selected packet's conversation; null if it is not TCP.
    QWidget* openProjector();

signals:
    void loadFinished();
    void filterApplied();

protected:
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;
    void closeEvent(QCloseEvent* e) override;
    void changeEvent(QEvent* e) override; // a language switched in the menu applies at once

private:
    void buildMenus();
    void chooseFile();
    void showError(const QString& title, const QString& text);
    void onOpened(std::shared_ptr<const synflow::CaptureFile> file);
    void onProgress(qint64 packets, qint64 done, qint64 total);
    void onFinished(std::shared_ptr<const synflow::TcpTracker> tracker, std::shared_ptr<const synflow::ConversationProtocols> protocols,
                    const QString& damage, qint64 packets);
    void showPacket(size_t frame);
    void stepInConversation(int direction);
    void addRecent(const QString& path);
    QStringList recentFiles() const;
    void refreshRecentMenu();
    void copyValue();
    void copyBranch();
    void copyBytes();
    void chooseCaptureOptions();
    void startCaptureOn(const QString& interfaceName);
    void restartCapture();
    void chooseSaveFile();
    bool maybeDiscardCapture(); // true when it is fine to drop what is shown
    void dropLiveSession();
    void onLiveOpened();
    void onLiveUpdated(qint64 packets);
    void onLiveStopped(const QString& error);
    void showLiveStatus();
    void updateCaptureActions();
    void showFilterResult(std::shared_ptr<const synflow::DisplayFilter> filter, std::vector<uint8_t> shown);

    std::shared_ptr<const synflow::CaptureFile> capture_;
    std::shared_ptr<const synflow::TcpTracker> tracker_;
    std::shared_ptr<const synflow::ConversationProtocols> protocols_;
    FilterEdit* displayFilter_ = nullptr;
    quint64 filterGeneration_ = 0;
    std::shared_ptr<std::atomic<bool>> filterCancel_;
    QString pendingPath_;
    QString lastError_;
    CaptureLoader* loader_ = nullptr;
    PacketListModel* model_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    WelcomePage* welcome_ = nullptr;
    QTableView* table_ = nullptr;
    DetailTreeView* detail_ = nullptr;
    HexView* hex_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    size_t shownFrame_ = size_t(-1);
    FlowPanel* flowPanel_ = nullptr;
    QDockWidget* flowDock_ = nullptr;
    LiveSession* live_ = nullptr;
    QPointer<ProjectorWindow> projector_; // the open teaching window, kept up to date live
    int64_t projectorStream_ = -1;
    bool liveSaved_ = false;
    QAction* startAct_ = nullptr;
    QAction* stopAct_ = nullptr;
    QAction* restartAct_ = nullptr;
    QAction* saveAct_ = nullptr;
    QAction* saveAsAct_ = nullptr;
    QAction* autoScrollAct_ = nullptr;
    bool autoScroll_ = true; // kept apart from the action: the menus are rebuilt on a language switch
};
