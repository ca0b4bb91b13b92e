#include "support/language.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace {
QString g_applied;
}

QString appliedLanguage() { return g_applied; }

void applyLanguage(const QString& code)
{
    g_applied = code;
    static QTranslator* translator = nullptr;
    if (translator) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
        translator = nullptr;
    }
    const QString wanted = code.isEmpty() ? QLocale::system().name() : code;
    if (!wanted.startsWith(QLatin1String("zh")))
        return; // English is the source language
    translator = new QTranslator;
    if (translator->load(QStringLiteral(":/i18n/synflow_zh_CN.qm")))
        QCoreApplication::installTranslator(translator);
}

QString savedLanguage()
{
    return QSettings().value(QStringLiteral("language")).toString();
}

void saveLanguage(const QString& code)
{
    QSettings().setValue(QStringLiteral("language"), code);
}
