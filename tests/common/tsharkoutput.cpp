#include "common/tsharkoutput.h"

#include "common/oracletsv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSaveFile>

namespace synflow::test {

namespace {

QByteArray fileDigest(const QString& path)
{
    QFile f(path);
    QCryptographicHash h(QCryptographicHash::Sha256);
    if (f.open(QIODevice::ReadOnly))
        h.addData(&f);
    return h.result();
}

} // namespace

QString tsharkStoredPath(const QString& capture, const QStringList& args)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(args.join(QChar(0x1f)).toUtf8());
    h.addData("\x1e");
    h.addData(fileDigest(capture));
    return QDir(tsharkOutputDir()).filePath(QString::fromLatin1(h.result().toHex().left(24)) + ".txt");
}

// Relative to tests/data or ../shared/captures.
QString tsharkCaptureRef(const QString& capture)
{
    const QString abs = QFileInfo(capture).absoluteFilePath();
    for (const auto& [prefix, dir] : {std::pair{QStringLiteral("data:"), QStringLiteral(SYNFLOW_TEST_DATA)},
                                      std::pair{QStringLiteral("shared:"), sharedCapturesDir()}}) {
        const QString base = QDir(dir).absolutePath() + '/';
        if (!dir.isEmpty() && abs.startsWith(base))
            return prefix + abs.mid(base.size());
    }
    return QFileInfo(capture).fileName();
}

QString tsharkCapturePath(const QString& ref)
{
    QString path;
    if (ref.startsWith(QLatin1String("data:")))
        path = QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(ref.mid(5));
    else if (ref.startsWith(QLatin1String("shared:")) && !sharedCapturesDir().isEmpty())
        path = QDir(sharedCapturesDir()).filePath(ref.mid(7));
    return QFileInfo::exists(path) ? path : QString();
}

QString tsharkOutputDir()
{
    return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QStringLiteral("tshark-out"));
}

TsharkRun tsharkLive(const QString& capture, const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral("tshark"), QStringList{QStringLiteral("-r"), capture} + args);
    p.waitForFinished(300000);
    TsharkRun r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    return r;
}

TsharkRun tsharkOutput(const QString& capture, const QStringList& args)
{
    const QString path = tsharkStoredPath(capture, args);
    QFile f(path);
    if (f.open(QIODevice::ReadOnly)) {
        // "#tshark exit=N -r REF\tARG...": the header says which run this is, for people and
        // for tst_tsharkoutput, which makes stored runs again and compares.
        const QByteArray header = f.readLine();
        if (header.startsWith("#tshark exit=")) {
            TsharkRun r;
            r.exitCode = header.mid(13, header.indexOf(' ', 13) - 13).toInt();
            r.out = f.readAll();
            r.stored = true;
            return r;
        }
    }
    TsharkRun r = tsharkLive(capture, args);
    // Bigger runs (the follow dumps of a few bulk transfers) stay live: the repository stays small.
    constexpr qsizetype kStoreLimit = 128 * 1024;
    if (qEnvironmentVariableIntValue("SYNFLOW_TSHARK_STORE") == 1 && r.exitCode >= 0 && r.out.size() <= kStoreLimit) {
        QDir().mkpath(tsharkOutputDir());
        QSaveFile out(path);
        if (out.open(QIODevice::WriteOnly)) {
            out.write("#tshark exit=" + QByteArray::number(r.exitCode) + " -r " + tsharkCaptureRef(capture).toUtf8() + '\t' +
                      args.join('\t').toUtf8() + '\n');
            out.write(r.out);
            out.commit();
        }
    }
    return r;
}

} // namespace synflow::test
