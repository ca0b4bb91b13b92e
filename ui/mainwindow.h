#pragma once
// The main window: a thin coordinator of the views over one open capture.
#include <QMainWindow>

#include <memory>

class QTableView;
class PacketListModel;

namespace synflow {
class CaptureFile;
}

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens `path`; on failure shows the reason and keeps what was open.
    bool openCapture(const QString& path);

private:
    void chooseFile();

    std::unique_ptr<synflow::CaptureFile> capture_;
    PacketListModel* model_ = nullptr;
    QTableView* table_ = nullptr;
};
