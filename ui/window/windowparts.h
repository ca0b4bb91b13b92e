#pragma once
// Where a script that drives the window (the GUI benchmark, the tests) finds its parts: by
// their object names, as an accessibility tool would, not through accessors on the classes.
#include "flowgraph/flowpanel.h"
#include "flowgraph/flowview.h"
#include "livecapture/capturecontroller.h"
#include "livecapture/livesession.h"
#include "models/packetlistmodel.h"
#include "packets/detailtreeview.h"
#include "packets/filteredit.h"
#include "packets/findbar.h"
#include "packets/hexview.h"
#include "packets/packetpane.h"
#include "teaching/projectorwindow.h"
#include "window/captureloader.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>

namespace windowparts {

template <typename T>
T* part(const QObject& window, const char* name)
{
    return window.findChild<T*>(QString::fromLatin1(name));
}

inline PacketPane* packetPane(const QObject& w) { return part<PacketPane>(w, "packetPane"); }
inline PacketListModel* packetModel(const QObject& w) { return packetPane(w)->model(); }
inline QTableView* packetList(const QObject& w) { return part<QTableView>(w, "packetList"); }
inline DetailTreeView* detailTree(const QObject& w) { return part<DetailTreeView>(w, "detailTree"); }
inline HexView* bytesView(const QObject& w) { return part<HexView>(w, "bytesView"); }
inline FilterEdit* displayFilter(const QObject& w) { return part<FilterEdit>(w, "displayFilter"); }
inline FindBar* findBar(const QObject& w) { return part<FindBar>(w, "findBar"); }
inline QToolBar* mainToolBar(const QObject& w) { return part<QToolBar>(w, "mainToolBar"); }
inline QAction* action(const QObject& w, const char* name) { return part<QAction>(w, name); }
inline FlowPanel* flowPanel(const QObject& w) { return part<FlowPanel>(w, "flowPanel"); }
inline QDockWidget* flowDock(const QObject& w) { return part<QDockWidget>(w, "flowDock"); }
inline FlowView* flowView(const QObject& w) { return part<FlowView>(w, "flowView"); }
inline QComboBox* flowScope(const QObject& w) { return part<QComboBox>(w, "flowScope"); }
inline QComboBox* flowType(const QObject& w) { return part<QComboBox>(w, "flowType"); }
inline QListWidget* flowConversations(const QObject& w) { return part<QListWidget>(w, "flowConversations"); }
inline CaptureLoader* loader(const QObject& w) { return w.findChild<CaptureLoader*>(); }
inline CaptureController* liveCapture(const QObject& w) { return w.findChild<CaptureController*>(); }
inline LiveSession* liveSession(const QObject& w) { return liveCapture(w)->session(); }
inline bool isShowingCapture(const QObject& w) { return w.findChild<QStackedWidget*>()->currentWidget() == packetPane(w); }
// The plain-words explanation a projector shows of its current step.
inline QString explanationOf(const ProjectorWindow& p) { return part<QLabel>(p, "explanation")->text(); }
// The text of the error message on screen ("" if none).
inline QString lastError(const QObject& w)
{
    const auto* box = part<QMessageBox>(w, "errorMessage");
    return box ? box->text() : QString();
}

} // namespace windowparts
