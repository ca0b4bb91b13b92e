#pragma once
// The user's preferences (Edit → Preferences, and the View menu's items for the same things):
// one object for the whole application, kept in QSettings, each change applied at once and
// announced by a signal. The menus and the dialog only call the setters and listen.
#include <QFont>
#include <QObject>

#include "output/timeformat.h"

class Preferences : public QObject {
    Q_OBJECT
public:
    // How the packet list, the details and the bytes share the pane (Wireshark's layouts 1, 2 and 6).
    enum class PaneLayout { Stacked, DetailsBesideBytes, SideBySide };
    static constexpr int kPaneLayoutCount = 3;
    static constexpr int kMinZoom = -6, kMaxZoom = 24;

    static Preferences* instance();

    // The packet views' font; a default QFont (empty family) keeps each view's own.
    QFont mainFont() const;
    void setMainFont(const QFont& font);
    int zoomLevel() const; // points added to the font, as View → Zoom
    void setZoomLevel(int level);
    synflow::TimeFormat timeFormat() const;
    void setTimeFormat(synflow::TimeFormat format);
    synflow::TimePrecision timePrecision() const;
    void setTimePrecision(synflow::TimePrecision precision);
    PaneLayout paneLayout() const;
    void setPaneLayout(PaneLayout layout);
    bool colorize() const; // the packet list's colouring rules
    void setColorize(bool on);
    // TCP's "Allow subdissector to reassemble TCP streams": the packet list's Protocol and Info.
    bool tcpDesegment() const;
    void setTcpDesegment(bool on);
    // The theme and language in force (a run's --theme / --lang may differ from the saved ones);
    // setting them saves the choice too.
    bool darkTheme() const;
    void setDarkTheme(bool dark);
    QString language() const; // "" the system's, "en", "zh_CN"
    void setLanguage(const QString& code);

signals:
    void fontChanged(); // the main font or the zoom level
    void timeFormatChanged();
    void paneLayoutChanged();
    void colorizeChanged(bool on);
    void tcpDesegmentChanged(bool on);
    void darkThemeChanged(bool dark);
    void languageChanged(const QString& code);

private:
    explicit Preferences(QObject* parent);
};
