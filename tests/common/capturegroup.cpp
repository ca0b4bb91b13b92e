#include "common/capturegroup.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

namespace synflow::test {
namespace {

bool run(const QString& program, const QStringList& args, std::string& output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    const bool ok = p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    output = QString::fromUtf8(p.readAll()).trimmed().toStdString();
    if (output.empty())
        output = p.errorString().toStdString();
    return ok;
}

} // namespace

CaptureGroup::~CaptureGroup()
{
    std::string ignored;
    if (madeGroup_)
        run("groupdel", {QString::fromStdString(name_)}, ignored);
}

std::string CaptureGroup::helper() const
{
    return dir_.filePath("synflow-capture").toStdString();
}

std::string CaptureGroup::sharedFolder() const
{
    return dir_.filePath("shared").toStdString();
}

bool CaptureGroup::setUp(std::string& why)
{
    if (geteuid() != 0) {
        why = "needs root to make a group, set file capabilities and switch users";
        return false;
    }
    if (!getgrnam(name_.c_str())) {
        if (!run("groupadd", {"-r", QString::fromStdString(name_)}, why))
            return false;
        madeGroup_ = true;
    }
    gid_ = getgrnam(name_.c_str())->gr_gid;
    const QByteArray helperPath = QByteArray::fromStdString(helper());
    if (!dir_.isValid() || !QFile::setPermissions(dir_.path(), QFileDevice::Permissions(0x7755))
        || !QFile::copy(QStringLiteral(SYNFLOW_CAPTURE), dir_.filePath("synflow-capture")) || !QDir(dir_.path()).mkdir("shared")
        || !QFile::setPermissions(dir_.filePath("shared"), QFileDevice::Permissions(0x7777))) {
        why = "cannot prepare " + dir_.path().toStdString();
        return false;
    }
    // The package's order: owner and mode first, since chown clears capabilities.
    if (chown(helperPath.constData(), 0, gid_) != 0 || chmod(helperPath.constData(), 0750) != 0) {
        why = "cannot chown/chmod the helper copy";
        return false;
    }
    if (!run("setcap", {"cap_net_raw,cap_net_admin=eip", QString::fromStdString(helper())}, why)) {
        why = "cannot set file capabilities here: " + why;
        return false;
    }
    return true;
}

std::string CaptureGroup::copyBeside(const std::string& program)
{
    const QString to = dir_.filePath(QFileInfo(QString::fromStdString(program)).fileName());
    QFile::remove(to);
    if (!QFile::copy(QString::fromStdString(program), to))
        return {};
    QFile::setPermissions(to, QFileDevice::Permissions(0x7755));
    return to.toStdString();
}

} // namespace synflow::test
