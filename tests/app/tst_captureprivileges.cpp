// Capture rights as the package sets them up: synflow-capture root:GROUP 0750 with the
// capture capabilities, nothing else privileged. An unprivileged user in the group captures
// through synflow-cli; one outside it is told which group to join and how. Needs root (to
// make the group, the copies and the capabilities) and a file system with capabilities.
#include "capture/capturefile.h"
#include "common/capturegroup.h"
#include "common/loopbacktalk.h"

#include <QProcess>
#include <QtTest>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace synflow;

namespace {

constexpr uid_t kNobody = 65534;

} // namespace

class TestCapturePrivileges : public QObject {
    Q_OBJECT

    test::CaptureGroup group_{"synflow-test-cli"};
    QString cli_;

    // synflow-cli (the copy beside the helper) as nobody, with the capture group as its one
    // supplementary group when `inGroup`; it finds the helper beside itself, as installed.
    QProcess* startCli(const QStringList& args, bool inGroup)
    {
        auto* p = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("SYNFLOW_CAPTURE_HELPER");
        p->setProcessEnvironment(env);
        const gid_t gid = group_.gid();
        p->setChildProcessModifier([gid, inGroup] {
            if (setgroups(inGroup ? 1 : 0, &gid) != 0 || setgid(kNobody) != 0 || setuid(kNobody) != 0)
                _exit(99);
        });
        p->start(cli_, args);
        return p;
    }

    QString shared(const char* name) const { return QString::fromStdString(group_.sharedFolder()) + '/' + name; }

private slots:
    void initTestCase()
    {
        std::string why;
        if (!group_.setUp(why))
            QSKIP(why.c_str());
        cli_ = QString::fromStdString(group_.copyBeside(SYNFLOW_CLI));
        QVERIFY(!cli_.isEmpty());
    }

    void aMemberOfTheGroupCaptures()
    {
        uint16_t port = 0;
        const int listener = test::listenOnFreePort(port);
        const QString out = shared("member.pcapng");
        QProcess* cli = startCli({"capture", "-i", "lo", "-f", QStringLiteral("tcp port %1").arg(port), "-a", "duration:3", "-w", out},
                                 true);
        QVERIFY(cli->waitForStarted());
        QTest::qWait(1000); // the capture is open before the connection starts
        test::converse(listener, port);
        close(listener);
        // The helper, still capturing, holds no capability any more.
        const qint64 pid = cli->processId();
        QFile children(QStringLiteral("/proc/%1/task/%1/children").arg(pid));
        QVERIFY(children.open(QIODevice::ReadOnly));
        const QByteArray helperPid = children.readAll().trimmed();
        QVERIFY2(!helperPid.isEmpty() && !helperPid.contains(' '), helperPid.constData());
        QFile status(QStringLiteral("/proc/%1/status").arg(QString::fromLatin1(helperPid)));
        QVERIFY(status.open(QIODevice::ReadOnly));
        const QByteArray proc = status.readAll();
        QVERIFY2(proc.contains("\nCapPrm:\t0000000000000000\n") && proc.contains("\nCapEff:\t0000000000000000\n"), proc.constData());
        QVERIFY(cli->waitForFinished(15000));
        const QString err = QString::fromUtf8(cli->readAllStandardError());
        QCOMPARE(cli->exitStatus(), QProcess::NormalExit);
        QVERIFY2(cli->exitCode() == 0, qPrintable(err));
        QVERIFY2(err.contains(" packets captured to "), qPrintable(err));

        // Written with the user's own rights (the helper drops its capabilities first).
        struct stat st{};
        QVERIFY(stat(out.toLocal8Bit().constData(), &st) == 0);
        QCOMPARE(st.st_uid, kNobody);
        CaptureFile file;
        std::string error;
        QVERIFY2(file.open(out.toStdString(), error), error.c_str());
        file.indexAll();
        QVERIFY2(file.packetCount() >= 9, qPrintable(QString::number(file.packetCount())));
    }

    void anyoneElseIsToldWhichGroupToJoin()
    {
        const QString out = shared("outsider.pcapng");
        QProcess* cli = startCli({"capture", "-i", "lo", "-a", "duration:1", "-w", out}, false);
        QVERIFY(cli->waitForFinished(15000));
        QCOMPARE(cli->exitStatus(), QProcess::NormalExit);
        QCOMPARE(cli->exitCode(), 1);
        const QString err = QString::fromUtf8(cli->readAllStandardError());
        QCOMPARE(err.count('\n'), 1);
        QVERIFY2(err.startsWith("synflow-cli: no permission to capture on lo: only members of the synflow-test-cli group may run "),
                 qPrintable(err));
        QVERIFY2(err.contains("sudo usermod -aG synflow-test-cli $USER") && err.contains("log out and in again"), qPrintable(err));
        QVERIFY(!QFile::exists(out));
    }

    // The interface list, the traffic counters and the filter check need no helper at all.
    void theInterfacePickerWorksOutsideTheGroup()
    {
        QProcess* cli = startCli({"interfaces"}, false);
        QVERIFY(cli->waitForFinished(15000));
        QCOMPARE(cli->exitCode(), 0);
        const QString out = QString::fromUtf8(cli->readAllStandardOutput());
        QVERIFY2(out.contains(QRegularExpression("^lo\\t.*loopback.*127\\.0\\.0\\.1", QRegularExpression::MultilineOption)),
                 qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestCapturePrivileges)
#include "tst_captureprivileges.moc"
