#pragma once
// Statistics → Capture File Properties: what capinfos reports of the open capture (file,
// times, interfaces, statistics) plus the section's comments and options and any damage the
// reader found, as a tree of labelled values (core/stats/captureproperties, the figures
// `synflow-cli capinfos` prints). Copy puts the whole tree on the clipboard as text.
#include "stats/captureproperties.h"

#include <QWidget>

#include <memory>

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace synflow {
class AnalysedCapture;
}

class CapturePropertiesWindow : public QWidget {
    Q_OBJECT
public:
    explicit CapturePropertiesWindow(QWidget* parent = nullptr);

    void setCapture(std::shared_ptr<const synflow::AnalysedCapture> capture);
    const synflow::CaptureProperties& properties() const { return props_; }
    QTreeWidget* tree() const { return tree_; }
    // The tree as indented "Label: value" lines.
    QString asText() const;

protected:
    void changeEvent(QEvent* e) override;

private:
    void rebuild();
    void retranslate();

    std::shared_ptr<const synflow::AnalysedCapture> capture_;
    synflow::CaptureProperties props_;
    QTreeWidget* tree_;
    QPushButton* copy_;
};
