#pragma once
// Statistics → Capture File Properties: what capinfos reports of the open capture (file and its
// SHA256/SHA1 digests, times, the section's hardware, OS, application and comments, interfaces
// with their filter, OS, speed, time resolution and dropped packets, statistics) and any damage
// the reader found, as a tree of labelled values (core/stats/captureproperties, the figures
// `synflow-cli capinfos` prints). The digests are computed in the background. Copy puts the
// whole tree on the clipboard as text.
#include "statistics/statisticswindow.h"
#include "stats/captureproperties.h"

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

// The file's digests, as the background job hands them over.
struct FileDigests {
    std::string sha256, sha1;
    bool complete = true;
};

class CapturePropertiesWindow : public StatisticsWindow {
    Q_OBJECT
public:
    explicit CapturePropertiesWindow(QWidget* parent = nullptr);

    const synflow::CaptureProperties& properties() const { return props_; }
    QTreeWidget* tree() const { return tree_; }
    // The tree as indented "Label: value" lines.
    QString asText() const;

private:
    void recount() override; // read at once: the file's own figures need no background work
    void rebuild();
    void retranslate() override;

    synflow::CaptureProperties props_;
    bool hashing_ = false; // the digests are being computed
    QTreeWidget* tree_;
    QPushButton* copy_;
};
