#include "mainwindow.h"

#include "packetlistmodel.h"

#include "capture/capturefile.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("SynFlow"));
    model_ = new PacketListModel(this);
    table_ = new QTableView(this);
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setShowGrid(false);
    setCentralWidget(table_);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::chooseFile);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    resize(1200, 720);
}

MainWindow::~MainWindow()
{
    model_->setCapture(nullptr);
}

void MainWindow::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Capture"), QString(),
                                                      tr("Captures (*.pcap *.pcapng *.cap);;All files (*)"));
    if (!path.isEmpty())
        openCapture(path);
}

bool MainWindow::openCapture(const QString& path)
{
    auto capture = std::make_unique<synflow::CaptureFile>();
    std::string error;
    if (!capture->open(path.toStdString(), error)) {
        QMessageBox::warning(this, tr("Cannot open capture"), QString::fromStdString(error));
        return false;
    }
    capture->indexAll();
    model_->setCapture(capture.get());
    capture_ = std::move(capture);
    setWindowTitle(tr("%1 — SynFlow").arg(QFileInfo(path).fileName()));
    QString status = tr("%n packet(s)", nullptr, int(capture_->packetCount()));
    if (const auto& dmg = capture_->damage())
        status += tr(" — damaged at byte %1: %2").arg(dmg->offset).arg(QString::fromStdString(dmg->what));
    statusBar()->showMessage(status);
    table_->resizeColumnsToContents();
    return true;
}
