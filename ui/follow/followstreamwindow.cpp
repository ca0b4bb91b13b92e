#include "follow/followstreamwindow.h"

#include "analysis/analysedcapture.h"
#include "follow/followtextview.h"
#include "follow/udpfollow.h"
#include "output/textformat.h"
#include "support/anonymity.h"

#include <QBoxLayout>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>

using namespace synflow;

namespace {

QString nodeName(const TcpEndpoint& e, bool ipv6)
{
    const std::string a = ipv6 ? "[" + formatIpv6(e.addr) + "]" : formatIpv4(e.addr);
    return QString::fromStdString(a) + QLatin1Char(':') + QString::number(e.port);
}

} // namespace

FollowStreamWindow::FollowStreamWindow(std::shared_ptr<const AnalysedCapture> capture, Protocol protocol, uint32_t stream,
                                       QWidget* parent)
    : QWidget(parent, Qt::Window), capture_(std::move(capture)), protocol_(protocol), job_(this), firstScreen_(this)
{
    setObjectName(QStringLiteral("followStreamWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    model_ = new FollowLinesModel(this);
    view_ = new FollowTextView; // rows placed by their number: millions of lines cost nothing to lay out
    view_->setObjectName(QStringLiteral("followText"));
    view_->setModel(model_);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    summary_ = new QLabel;
    summary_->setObjectName(QStringLiteral("followSummary"));
    direction_ = new QComboBox;
    direction_->setObjectName(QStringLiteral("followDirection"));
    for (int i = 0; i < 3; ++i)
        direction_->addItem(QString());
    format_ = new QComboBox;
    format_->setObjectName(QStringLiteral("followFormat"));
    for (int i = 0; i <= FollowLinesModel::Yaml; ++i)
        format_->addItem(QString());
    stream_ = new QSpinBox;
    stream_->setObjectName(QStringLiteral("followStream"));
    // UDP streams are counted as the stream is followed; until then the asked one is the last.
    const TcpTracker* tracker = capture_->tracker();
    const int streams = protocol_ == Protocol::Udp ? int(stream) + 1 : tracker ? int(tracker->conversationCount()) : 0;
    stream_->setRange(0, std::max(0, streams - 1));
    stream_->setValue(int(stream));
    findLabel_ = new QLabel;
    find_ = new QLineEdit;
    find_->setObjectName(QStringLiteral("followFind"));
    findLabel_->setBuddy(find_);
    findNext_ = new QPushButton;
    findNext_->setObjectName(QStringLiteral("followFindNext"));
    save_ = new QPushButton;
    save_->setObjectName(QStringLiteral("followSave"));
    filterOut_ = new QPushButton;
    filterOut_->setObjectName(QStringLiteral("followFilterOut"));
    back_ = new QPushButton;
    back_->setObjectName(QStringLiteral("followBack"));
    close_ = new QPushButton;
    close_->setObjectName(QStringLiteral("followClose"));

    auto* row1 = new QHBoxLayout;
    row1->addWidget(direction_, 1);
    row1->addWidget(format_);
    row1->addWidget(stream_);
    auto* row2 = new QHBoxLayout;
    row2->addWidget(findLabel_);
    row2->addWidget(find_, 1);
    row2->addWidget(findNext_);
    auto* row3 = new QHBoxLayout;
    row3->addWidget(filterOut_);
    row3->addWidget(save_);
    row3->addStretch(1);
    row3->addWidget(back_);
    row3->addWidget(close_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(view_, 1);
    layout->addWidget(summary_);
    layout->addLayout(row1);
    layout->addLayout(row2);
    layout->addLayout(row3);

    connect(direction_, &QComboBox::currentIndexChanged, this, [this] { rebuild(false); });
    connect(format_, &QComboBox::currentIndexChanged, this, [this] { rebuild(false); });
    connect(stream_, &QSpinBox::valueChanged, this, [this] {
        rebuild(true);
        emit streamChanged(this->stream());
    });
    connect(find_, &QLineEdit::returnPressed, this, [this] { findNext(find_->text()); });
    connect(findNext_, &QPushButton::clicked, this, [this] { findNext(find_->text()); });
    connect(save_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Stream Content As…"));
        QString error;
        if (!path.isEmpty() && !saveTo(path, &error))
            summary_->setText(tr("Could not save: %1").arg(error));
    });
    connect(filterOut_, &QPushButton::clicked, this, [this] {
        if (!streamFilter().isEmpty())
            emit filterOutRequested(streamFilter());
        close();
    });
    connect(back_, &QPushButton::clicked, this, [this] {
        emit backRequested();
        close();
    });
    connect(close_, &QPushButton::clicked, this, &QWidget::close);
    connect(view_, &QListView::clicked, this, [this](const QModelIndex& i) {
        emit packetSelected(qint64(i.data(FollowLinesModel::FrameRole).toULongLong()));
    });

    // Anonymised hosts: the ends' names and the stream's filter change; the stream's content is
    // its payload, shown as sent (see WIRESHARK_DIFFERENCES.md).
    connect(&Anonymity::instance(), &Anonymity::changed, this, [this] {
        updateDirections();
        if (!streamFilter().isEmpty())
            shownFilter_ = streamFilter(); // the filter bar follows the switch by itself
    });

    retranslate();
    resize(900, 640);
    rebuild(true);
}

uint32_t FollowStreamWindow::stream() const { return uint32_t(stream_->value()); }

QString FollowStreamWindow::streamFilter() const
{
    if (!follow_ || follow_->stream != stream())
        return {};
    if (protocol_ == Protocol::Tcp)
        return QStringLiteral("tcp.stream eq %1").arg(follow_->stream);
    return Anonymity::instance().shown(QString::fromStdString(udpStreamFilter(*follow_)), capture_);
}

void FollowStreamWindow::setStream(uint32_t stream) { stream_->setValue(int(stream)); }

void FollowStreamWindow::setFormat(FollowLinesModel::Format format) { format_->setCurrentIndex(format); }

void FollowStreamWindow::setDirection(FollowLinesModel::Direction direction) { direction_->setCurrentIndex(direction); }

void FollowStreamWindow::rebuild(bool refollow)
{
    const auto capture = capture_;
    const uint32_t stream = this->stream();
    const auto format = FollowLinesModel::Format(format_->currentIndex());
    const auto direction = FollowLinesModel::Direction(direction_->currentIndex());
    std::shared_ptr<const TcpFollow> follow = refollow ? nullptr : follow_;
    const bool udp = protocol_ == Protocol::Udp;
    auto work = [capture, stream, format, direction, follow, udp](QPromise<std::shared_ptr<FollowLinesModel::Table>>& promise) {
        uint32_t streams = 0;
        auto f = follow ? follow
                        : std::make_shared<const TcpFollow>(udp ? followUdpStream(*capture, stream, streams) : followTcpStream(*capture, stream));
        if (promise.isCanceled())
            return;
        auto table = std::make_shared<FollowLinesModel::Table>(FollowLinesModel::lineTable(*capture, f, format, direction));
        table->streams = streams;
        promise.addResult(std::move(table));
    };
    auto show = [this](std::shared_ptr<FollowLinesModel::Table> table, bool extendsShown) {
        follow_ = table->follow;
        if (protocol_ == Protocol::Udp && table->streams > 0) {
            const QSignalBlocker block(stream_);
            stream_->setMaximum(int(table->streams) - 1);
        }
        model_->setTable(capture_, std::move(*table), extendsShown);
        updateDirections();
        if (streamFilter() != shownFilter_ && !streamFilter().isEmpty()) {
            shownFilter_ = streamFilter();
            emit streamFilterChanged(shownFilter_);
        }
    };
    // A long TCP stream: its first frames are followed apart, so that its first screen shows at
    // once; the whole stream's lines then follow them (its first lines are the same ones).
    constexpr size_t kFirstFrames = 2048;
    const bool firstApart = !udp && !follow && !capture_->following();
    *firstShown_ = false;
    firstScreen_.cancel();
    if (firstApart) {
        firstScreen_.start(
            [capture, stream, format, direction](QPromise<std::shared_ptr<FollowLinesModel::Table>>& promise) {
                auto f = std::make_shared<const TcpFollow>(followTcpStream(*capture, stream, kFirstFrames));
                // A short stream (all of it read here) leaves it to the whole stream's job: no table.
                promise.addResult(f->partial && !promise.isCanceled()
                                      ? std::make_shared<FollowLinesModel::Table>(FollowLinesModel::lineTable(*capture, f, format, direction))
                                      : nullptr);
            },
            [this, show, firstShownFlag = firstShown_](std::shared_ptr<FollowLinesModel::Table> table) {
                if (table && job_.isRunning()) { // the whole stream is not shown yet
                    show(std::move(table), false);
                    *firstShownFlag = true;
                }
            });
    }
    auto done = [this, show](std::shared_ptr<FollowLinesModel::Table> table) {
        firstScreen_.cancel();
        show(std::move(table), *firstShown_);
        *firstShown_ = false;
        emit built();
    };
    job_.startOrRunHere(capture_->following(), std::move(work), std::move(done));
}

void FollowStreamWindow::updateDirections()
{
    if (!follow_)
        return;
    const TcpFollow& f = *follow_;
    const QString client = Anonymity::instance().shown(nodeName(f.client, f.ipv6), capture_);
    const QString server = Anonymity::instance().shown(nodeName(f.server, f.ipv6), capture_);
    direction_->setItemText(0, tr("Entire conversation (%1 bytes)").arg(f.bytes[0] + f.bytes[1]));
    direction_->setItemText(1, tr("%1 → %2 (%3 bytes)").arg(client, server).arg(f.bytes[0]));
    direction_->setItemText(2, tr("%1 → %2 (%3 bytes)").arg(server, client).arg(f.bytes[1]));
    size_t chunks[2] = {0, 0}, turns = 0;
    int previous = -1; // the sender of the chunk before
    for (const FollowChunk& c : f.chunks) {
        ++chunks[c.fromServer];
        turns += previous >= 0 && previous != int(c.fromServer);
        previous = int(c.fromServer);
    }
    const QString summary = protocol_ == Protocol::Tcp
                                ? tr("Stream %1: %2 client segment(s), %3 server segment(s), %4 turn(s). Click a line to select its packet.")
                                : tr("Stream %1: %2 client datagram(s), %3 server datagram(s), %4 turn(s). Click a line to select its packet.");
    summary_->setText(summary.arg(f.stream)
                          .arg(chunks[0])
                          .arg(chunks[1])
                          .arg(turns));
    if (protocol_ == Protocol::Tcp)
        setWindowTitle(tr("Follow TCP Stream (tcp.stream eq %1)").arg(f.stream));
    else
        setWindowTitle(tr("Follow UDP Stream (udp.stream eq %1)").arg(f.stream));
}

bool FollowStreamWindow::findNext(const QString& text)
{
    if (text.isEmpty())
        return false;
    const int rows = model_->rowCount();
    const int from = view_->currentIndex().isValid() ? view_->currentIndex().row() + 1 : 0;
    for (int n = 0; n < rows; ++n) {
        const int row = (from + n) % rows;
        if (model_->lineText(row).contains(text, Qt::CaseInsensitive)) {
            view_->setCurrentIndex(model_->index(row));
            view_->scrollTo(model_->index(row), QAbstractItemView::PositionAtCenter);
            summary_->setText(row < from ? tr("Found “%1” after wrapping to the start").arg(text) : tr("Found “%1”").arg(text));
            return true;
        }
    }
    summary_->setText(tr("“%1” not found").arg(text));
    return false;
}

bool FollowStreamWindow::saveTo(const QString& path, QString* error) const
{
    QSaveFile file(path); // replaces an older file only when complete
    const QByteArray bytes = model_->exportBytes();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void FollowStreamWindow::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange) {
        retranslate();
        updateDirections();
    }
    QWidget::changeEvent(e);
}

void FollowStreamWindow::retranslate()
{
    const QString formats[] = {tr("ASCII"), tr("UTF-8"), tr("Hex Dump"), tr("C Arrays"), tr("Raw"), tr("YAML")};
    for (int i = 0; i <= FollowLinesModel::Yaml; ++i)
        format_->setItemText(i, formats[i]);
    format_->setAccessibleName(tr("Show data as"));
    direction_->setAccessibleName(tr("Direction"));
    stream_->setPrefix(tr("Stream "));
    stream_->setAccessibleName(protocol_ == Protocol::Tcp ? tr("TCP stream") : tr("UDP stream"));
    findLabel_->setText(tr("Find:"));
    find_->setAccessibleName(tr("Find text"));
    findNext_->setText(tr("Find &Next"));
    save_->setText(tr("Save as…"));
    filterOut_->setText(tr("Filter Out This Stream"));
    back_->setText(tr("Back"));
    back_->setToolTip(tr("Close and bring back the display filter used before following"));
    close_->setText(tr("Close"));
    view_->setAccessibleName(tr("Stream content"));
    summary_->setAccessibleName(tr("Stream summary"));
}
