#pragma once
// Statistics → TCP Stream Graphs: one direction_ of one TCP conversation over time, as a
// time-sequence graph (Stevens or tcptrace), throughput, round-trip time or window scaling,
// with other streams overlaid to compare. Values come from core/graphs (the tracker's per-frame
// analysis); a click on a plotted point selects its packet in the main window.
#include "graphs/segmentlayer.h"
#include "graphs/seriesdecimator.h"
#include "graphs/tcpstreamgraph.h"
#include "support/backgroundjob.h"

#include <QList>
#include <QPointF>
#include <QWidget>

#include <memory>
#include <vector>

class GraphView;
class QChart;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QAbstractSeries;
class SegmentLayer;
class SeriesDecimator;
class QXYSeries;

namespace synflow {
class AnalysedCapture;
}

class TcpStreamGraphWindow : public QWidget {
    Q_OBJECT
public:
    enum Kind { Stevens, Tcptrace, Throughput, RoundTrip, WindowScaling };

    TcpStreamGraphWindow(std::shared_ptr<const synflow::AnalysedCapture> capture, uint32_t stream, int direction_, Kind kind,
                         QWidget* parent = nullptr);
    ~TcpStreamGraphWindow() override;

    void setKind(Kind kind);
    Kind kind() const;
    void setStream(uint32_t stream, int direction_);
    // Other streams drawn with this one (same direction_ rule: their first sender's data).
    void setCompared(const std::vector<uint32_t>& streams);
    // Until the current stream is drawn whole (a long one is drawn from a sample first).
    bool isBuilding() const { return job_.isRunning(); }
    // Streams of more than `above` frames are drawn first from about `frames` of them, then
    // whole (tests make both small).
    void setPreview(size_t above, size_t frames)
    {
        previewAbove_ = above;
        previewFrames_ = frames;
    }
    const synflow::TcpStreamGraphData& data() const;

    QChart* chart() const;
    // Every value `series` stands for; what it holds is thinned to the pixels in view.
    QList<QPointF> plottedPoints(const QXYSeries* series) const;
    GraphView* view() const { return view_; }
    SegmentLayer* segmentLayer() const { return layer_; } // tcptrace's bars (null in other graphs)
    // PNG, SVG or PDF of the graph, or CSV of the values plotted, by the file's suffix; written
    // to a temporary file and renamed, so a failure leaves an older file as it was.
    bool exportTo(const QString& path, QString* error);

signals:
    void packetSelected(qint64 frame); // 0-based
    void built();                      // the graph shows the current stream (or a first look at it)

protected:
    void changeEvent(QEvent* e) override;

private:
    struct Built;
    void retranslate();
    void rebuild();
    void plot();
    void plotTimeSequence(bool tcptrace);
    void plotThroughput();
    void plotRoundTrip();
    void plotWindow();
    void plotCompared();
    void sortPickable();
    qint64 pickFrame(const QPointF& pos) const;
    QString describe(const QPointF& value) const;
    QString csv() const;
    void chooseExport();

    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    std::shared_ptr<const Built> built_;
    BackgroundJob<std::shared_ptr<const Built>> job_;
    std::vector<uint32_t> compared_;

    QComboBox* kind_;
    QSpinBox* stream_;
    QPushButton* directionButton_;
    QLabel* averageLabel_;
    QDoubleSpinBox* average_;
    QLabel* rttAxisLabel_;
    QComboBox* rttAxis_;
    QLabel* compareLabel_;
    QLineEdit* compare_;
    QPushButton* reset_;
    QPushButton* export_;
    QLabel* title_;
    QLabel* pointer_;
    GraphView* view_;
    SegmentLayer* layer_ = nullptr;
    SeriesDecimator* decimator_;
    QAbstractSeries* anchor_ = nullptr;
    // What a click can pick: each plotted point (chart values) and its frame.
    std::vector<std::pair<QPointF, uint32_t>> pickable_;
    std::vector<size_t> pickRuns_; // where each run of pickable_ in x order starts, and its end
    // The time-sequence graphs pick the stream's segments (and tcptrace its ACKs) from the data
    // itself when in time order (null otherwise: then they are in pickable_).
    const std::vector<synflow::TcpGraphSegment>* pickSegments_ = nullptr;
    const std::vector<synflow::TcpGraphAck>* pickAcks_ = nullptr;
    // tcptrace's bars and ACK and window lines of the current stream: made with the data on the
    // worker thread when tcptrace was asked for, else on the first tcptrace plot; kept until the
    // stream changes.
    std::shared_ptr<const SegmentLayer::BarSet> bars_;
    SeriesDecimator::CornerSource ackSteps_, windowSteps_; // the lines' corners
    int direction_ = 0; // 0: the conversation's first sender's data
    // Reading 200 000 frames takes ~80 ms on the benchmark's machine, a sample of 8 192 a few ms.
    size_t previewAbove_ = 200000, previewFrames_ = 8192;
};
