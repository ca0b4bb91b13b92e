#pragma once
// The main window's menus and actions, made once. On a language change retranslate() gives
// them their new words; checked states, shortcuts and connections stay as they are. The theme
// and language actions do their work here; the window connects the rest.
#include <QKeySequence>
#include <QObject>

#include "output/timeformat.h"

#include <vector>

class QAction;
class QActionGroup;
class QMainWindow;
class QMenu;
class QToolBar;

class MainActions : public QObject {
    Q_OBJECT
public:
    // `flowToggle`: the flow graph dock's show/hide action, placed in the View menu. The time
    // format, colouring, zoom, theme and language items set and follow Preferences.
    MainActions(QMainWindow* window, QAction* flowToggle);
    void retranslate();
    // Names of the time formats and precisions, in Wireshark's menu order (the dialog's too).
    static const std::vector<synflow::TimeFormat>& timeFormatOrder();
    static QString timeFormatName(synflow::TimeFormat format);
    static QString timePrecisionName(synflow::TimePrecision precision);

    // File
    QAction* open;
    QMenu* recent;
    QAction* openDemo;
    QAction* close;
    QAction* save;
    QAction* saveAs;
    QAction* quit;
    // Edit
    QAction* copyValue;
    QAction* copyBranch;
    QAction* copyBytes;
    QAction* find;
    QAction* findNext;
    QAction* findPrevious;
    QAction* markPacket;
    QAction* markAllDisplayed;
    QAction* unmarkAllDisplayed;
    QAction* nextMark;
    QAction* previousMark;
    QAction* timeReference;
    QAction* clearTimeReferences;
    QAction* preferences;
    // View
    QActionGroup* timeFormats;    // data(): synflow::TimeFormat
    QActionGroup* timePrecisions; // data(): synflow::TimePrecision
    QAction* colorize;
    QAction* zoomIn;
    QAction* zoomOut;
    QAction* zoomNormal;
    QAction* resizeColumns;
    QAction* reload;
    QAction* followFile; // View → Follow the File: keep reading a file another program writes
    QAction* darkTheme;
    QAction* anonymise; // anonymised hosts, in every view
    QAction* flowGraph;
    QAction* expandAll;
    QAction* collapseAll;
    QActionGroup* languages; // data(): the language code ("" for the system's)
    QAction* teaching;
    // Capture
    QAction* captureOptions;
    QAction* start;
    QAction* stop;
    QAction* restart;
    QAction* autoScroll;
    // Analyze
    QAction* followTcp;
    QAction* followUdp;
    QAction* expertInfo;
    // Statistics
    QMenu* tcpStreamGraphs;
    QActionGroup* tcpStreamGraphKinds; // data(): TcpStreamGraphWindow::Kind
    // Go
    QAction* focusFilter;
    QAction* goToPacket;
    QAction* back;
    QAction* forward;
    QAction* firstPacket;
    QAction* lastPacket;
    QAction* nextInConversation;
    QAction* previousInConversation;
    // Wireshark's main toolbar, in its order.
    QToolBar* toolbar;
    // Statistics
    QAction* captureProperties;
    QAction* protocolHierarchy;
    QAction* conversations;
    QAction* endpoints;
    QAction* ioGraph;
    // Help
    QAction* keyboardShortcuts;
    QAction* about;

private:
    QAction* add(QMenu* menu, const char* name, const QKeySequence& keys = {});

    QMenu* file_;
    QMenu* edit_;
    QMenu* view_;
    QMenu* time_;
    QMenu* language_;
    QMenu* capture_;
    QMenu* analyze_;
    QMenu* follow_;
    QMenu* statistics_;
    QMenu* go_;
    QMenu* help_;
};
