#include "support/preferences.h"

#include "support/language.h"
#include "support/theme.h"

#include <QCoreApplication>
#include <QSettings>

#include <algorithm>

namespace {
const QString kFont = QStringLiteral("view/mainFont");
const QString kZoom = QStringLiteral("view/zoomLevel");
const QString kTimeFormat = QStringLiteral("view/timeFormat");
const QString kTimePrecision = QStringLiteral("view/timePrecision");
const QString kLayout = QStringLiteral("view/paneLayout");
const QString kColorize = QStringLiteral("view/colorize");
const QString kTcpDesegment = QStringLiteral("protocols/tcp_desegment");

int clamped(const QString& key, int count)
{
    const int v = QSettings().value(key, 0).toInt();
    return v >= 0 && v < count ? v : 0;
}
} // namespace

Preferences::Preferences(QObject* parent) : QObject(parent) { }

Preferences* Preferences::instance()
{
    static Preferences* p = new Preferences(QCoreApplication::instance());
    return p;
}

QFont Preferences::mainFont() const
{
    QFont f;
    const QString s = QSettings().value(kFont).toString();
    if (s.isEmpty() || !f.fromString(s))
        return QFont(QString());
    return f;
}

void Preferences::setMainFont(const QFont& font)
{
    if (font.family().isEmpty())
        QSettings().remove(kFont);
    else
        QSettings().setValue(kFont, font.toString());
    emit fontChanged();
}

int Preferences::zoomLevel() const { return std::clamp(QSettings().value(kZoom, 0).toInt(), kMinZoom, kMaxZoom); }

void Preferences::setZoomLevel(int level)
{
    QSettings().setValue(kZoom, std::clamp(level, kMinZoom, kMaxZoom));
    emit fontChanged();
}

synflow::TimeFormat Preferences::timeFormat() const { return synflow::TimeFormat(clamped(kTimeFormat, synflow::kTimeFormatCount)); }

void Preferences::setTimeFormat(synflow::TimeFormat format)
{
    QSettings().setValue(kTimeFormat, int(format));
    emit timeFormatChanged();
}

synflow::TimePrecision Preferences::timePrecision() const
{
    return synflow::TimePrecision(clamped(kTimePrecision, synflow::kTimePrecisionCount));
}

void Preferences::setTimePrecision(synflow::TimePrecision precision)
{
    QSettings().setValue(kTimePrecision, int(precision));
    emit timeFormatChanged();
}

Preferences::PaneLayout Preferences::paneLayout() const { return PaneLayout(clamped(kLayout, kPaneLayoutCount)); }

void Preferences::setPaneLayout(PaneLayout layout)
{
    QSettings().setValue(kLayout, int(layout));
    emit paneLayoutChanged();
}

bool Preferences::colorize() const { return QSettings().value(kColorize, true).toBool(); }

void Preferences::setColorize(bool on)
{
    QSettings().setValue(kColorize, on);
    emit colorizeChanged(on);
}

bool Preferences::tcpDesegment() const { return QSettings().value(kTcpDesegment, true).toBool(); }

void Preferences::setTcpDesegment(bool on)
{
    QSettings().setValue(kTcpDesegment, on);
    emit tcpDesegmentChanged(on);
}

bool Preferences::darkTheme() const { return isDarkThemeApplied(); }

void Preferences::setDarkTheme(bool dark)
{
    saveDarkTheme(dark);
    if (dark != isDarkThemeApplied()) {
        applyTheme(dark);
        emit darkThemeChanged(dark);
    }
}

QString Preferences::language() const { return appliedLanguage(); }

void Preferences::setLanguage(const QString& code)
{
    saveLanguage(code);
    if (code != appliedLanguage()) {
        applyLanguage(code); // every window hears of it (QEvent::LanguageChange)
        emit languageChanged(code);
    }
}
