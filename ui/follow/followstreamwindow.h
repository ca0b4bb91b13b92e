#pragma once
// Analyze → Follow → TCP Stream and UDP Stream: a conversation's payload both ways, in order,
// coloured by sender (as Wireshark's), as ASCII, UTF-8, a hex dump, C arrays, raw hex or YAML;
// one direction or both; find; save what is shown; another stream from the spin box. A click on
// a line selects its packet.
#include "follow/followlinesmodel.h"
#include "support/backgroundjob.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class FollowTextView;
class QPushButton;
class QSpinBox;

namespace synflow {
class AnalysedCapture;
}

class FollowStreamWindow : public QWidget {
    Q_OBJECT
public:
    enum class Protocol { Tcp, Udp };
    FollowStreamWindow(std::shared_ptr<const synflow::AnalysedCapture> capture, Protocol protocol, uint32_t stream,
                       QWidget* parent = nullptr);

    void setStream(uint32_t stream);
    uint32_t stream() const;
    Protocol protocol() const { return protocol_; }
    // The display filter that shows the stream on show ("tcp.stream eq N", or a UDP stream's
    // two ends); empty until it is built.
    QString streamFilter() const;
    void setFormat(FollowLinesModel::Format format);
    void setDirection(FollowLinesModel::Direction direction);
    bool isBuilding() const { return job_.isRunning(); }
    FollowLinesModel* model() const { return model_; }
    // Finds `text` (case-insensitive) after the current line, wrapping; false if nowhere.
    bool findNext(const QString& text);
    bool saveTo(const QString& path, QString* error) const;

signals:
    void packetSelected(qint64 frame);          // 0-based
    void streamChanged(uint32_t stream);
    void streamFilterChanged(const QString& filter); // another stream is on show: the main window filters on it
    void filterOutRequested(const QString& filter);  // the stream's filter
    void backRequested();                       // the filter before following comes back
    void built();

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate();
    void rebuild(bool refollow);
    void updateDirections();

    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    Protocol protocol_;
    QString shownFilter_; // the filter last announced (streamFilterChanged)
    std::shared_ptr<const synflow::TcpFollow> follow_;
    BackgroundJob<std::shared_ptr<FollowLinesModel::Table>> job_;
    BackgroundJob<std::shared_ptr<FollowLinesModel::Table>> firstScreen_; // a long stream's first frames
    std::shared_ptr<bool> firstShown_ = std::make_shared<bool>(false);    // what is shown is firstScreen_'s
    FollowLinesModel* model_;
    FollowTextView* view_;
    QLabel* summary_;
    QComboBox* direction_;
    QComboBox* format_;
    QSpinBox* stream_;
    QLabel* findLabel_;
    QLineEdit* find_;
    QPushButton* findNext_;
    QPushButton* save_;
    QPushButton* filterOut_;
    QPushButton* back_;
    QPushButton* close_;
};
