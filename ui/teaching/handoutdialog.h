#pragma once
// Teaching mode's handout export (key H): the lesson as a PDF, a page per step, or as one
// image per step (PNG or SVG) in a folder, in the window's language.
#include "flow/flowgraph.h"

#include <QCoreApplication>
#include <QString>

class QWidget;
class Handout;

class HandoutDialog {
    Q_DECLARE_TR_FUNCTIONS(HandoutDialog)
public:
    // Asks where, writes, and reports a failure in a message box.
    static void run(QWidget* parent, const synflow::FlowGraph& graph);
    // By the name's suffix: NAME.pdf a handout; NAME.png or NAME.svg the folder NAME holding
    // step-01.png (or .svg)… Every file is written atomically.
    static bool write(const synflow::FlowGraph& graph, const QString& path, QString* error);

private:
    static bool writeSvgs(const Handout& handout, const QString& folder, QString* error);
};
