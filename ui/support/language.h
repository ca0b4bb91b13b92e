#pragma once
// The interface language: the system's by default, or English / Simplified Chinese as chosen
// in View → Language (kept in QSettings).
#include <QString>

// "" follows the system locale; "en" or "zh_CN" force one. Installs the translator at once.
void applyLanguage(const QString& code);
// The code last applied (a run's --lang may differ from the saved one).
QString appliedLanguage();
QString savedLanguage();
void saveLanguage(const QString& code);
