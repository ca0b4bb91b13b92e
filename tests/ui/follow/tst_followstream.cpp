// Analyze → Follow → TCP Stream and UDP Stream as a user meets them: from the menu or a
// right-click on a packet, the display filter shows the stream, the lines are what `synflow-cli
// follow` prints (itself byte for byte tshark's, tst_clifollow), one direction at a time, find,
// save, YAML, a click selects the packet, Back brings the old filter, and the words follow a
// language switch.
#include "common/oracletsv.h"

#include "follow/followstreamwindow.h"
#include "follow/udpfollow.h"
#include "analysis/analysedcapture.h"
#include "packets/packetmenus.h"
#include "support/language.h"
#include "window/mainwindow.h"
#include "window/windowparts.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QListView>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

using namespace windowparts;

namespace {

QString dataFile(const char* name) { return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name)); }

// The CLI's lines between the header (6 lines) and the closing rule.
QStringList cliLines(const QString& capture, int stream, const char* format, const char* protocol = "tcp")
{
    QProcess p;
    p.start(QStringLiteral(SYNFLOW_CLI), {QStringLiteral("follow"), capture, QString::fromLatin1(protocol), QString::number(stream),
                                          QStringLiteral("--format"), QString::fromLatin1(format)});
    p.waitForFinished(30000);
    QStringList lines = QString::fromLatin1(p.readAllStandardOutput()).split(QLatin1Char('\n'));
    return lines.mid(6, lines.size() - 8);
}

FollowStreamWindow* waitForFollow(MainWindow& w)
{
    FollowStreamWindow* f = nullptr;
    const bool ok = QTest::qWaitFor([&] {
        f = w.findChild<FollowStreamWindow*>();
        return f && !f->isBuilding() && f->model()->rowCount() > 0;
    }, 10000);
    return ok ? f : nullptr;
}

} // namespace

class TestFollowStream : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_followstream"));
    }

    void followsTheSelectedStream()
    {
        const QString capture = dataFile("loopback-http.pcapng");
        MainWindow w;
        w.show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(capture));
        QVERIFY(done.wait(10000));
        packetPane(w)->applyFilterText(QStringLiteral("tcp"));
        w.goToPacket(4);
        action(w, "followTcpStream")->trigger();
        FollowStreamWindow* f = waitForFollow(w);
        QVERIFY(f);
        QTRY_COMPARE(displayFilter(w)->text(), QStringLiteral("tcp.stream eq 0"));

        // Hex dump: the lines the CLI prints (node 1's indented there, coloured here).
        f->setFormat(FollowLinesModel::HexDump);
        QTRY_VERIFY(!f->isBuilding());
        QStringList expected = cliLines(capture, 0, "hex");
        QCOMPARE(f->model()->rowCount(), int(expected.size()));
        int serverLines = 0;
        for (int row = 0; row < expected.size(); ++row) {
            const bool server = expected[row].startsWith(QLatin1Char('\t'));
            serverLines += server;
            QCOMPARE(f->model()->lineText(row), server ? expected[row].mid(1) : expected[row]);
            QCOMPARE(f->model()->index(row).data(FollowLinesModel::FromServerRole).toBool(), server);
        }
        QVERIFY(serverLines > 0 && serverLines < expected.size());

        // One direction: only the server's lines.
        f->setDirection(FollowLinesModel::FromServer);
        QTRY_VERIFY(!f->isBuilding());
        QCOMPARE(f->model()->rowCount(), serverLines);
        f->setDirection(FollowLinesModel::Both);
        QTRY_VERIFY(!f->isBuilding());

        // ASCII: the request line is there; find it, then a later match after it.
        f->setFormat(FollowLinesModel::Ascii);
        QTRY_VERIFY(!f->isBuilding());
        QVERIFY(f->findNext(QStringLiteral("get /")));
        auto* view = f->findChild<QListView*>(QStringLiteral("followText"));
        const int first = view->currentIndex().row();
        QVERIFY(f->model()->lineText(first).startsWith(QStringLiteral("GET /")));
        QVERIFY(f->findNext(QStringLiteral("HTTP/1.")));
        QVERIFY(view->currentIndex().row() > first);
        QVERIFY(!f->findNext(QStringLiteral("no such text anywhere")));
        if (const QString shots = qEnvironmentVariable("SYNFLOW_SCREENSHOT_DIR"); !shots.isEmpty())
            f->grab().save(QDir(shots).filePath(QStringLiteral("follow-ascii.png"))); // to look at

        // A click on a line selects its packet in the main window.
        const int row = f->model()->rowCount() - 1;
        const qint64 frame = qint64(f->model()->index(row).data(FollowLinesModel::FrameRole).toULongLong());
        view->scrollToBottom();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(f->model()->index(row)).center());
        QTRY_COMPARE(packetPane(w)->selectedFrame(), size_t(frame));

        // Save as Raw: the payload itself, both ways, as the CLI's raw lines decode to.
        QTemporaryDir dir;
        f->setFormat(FollowLinesModel::Raw);
        QTRY_VERIFY(!f->isBuilding());
        QString error;
        QVERIFY2(f->saveTo(dir.filePath("stream.bin"), &error), qPrintable(error));
        QByteArray payload;
        for (const QString& l : cliLines(capture, 0, "raw"))
            payload += QByteArray::fromHex(l.trimmed().toLatin1());
        QFile saved(dir.filePath("stream.bin"));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), payload);

        // Back: the filter before following comes back, the window goes.
        f->findChild<QPushButton*>(QStringLiteral("followBack"))->click();
        QTRY_COMPARE(displayFilter(w)->text(), QStringLiteral("tcp"));
        QTRY_VERIFY(!w.findChild<FollowStreamWindow*>());
    }

    // A long stream's first frames are shown first; the whole stream's lines then come after
    // them (rows inserted, not a reset that would lose the reader's place), the same lines.
    void theRestFollowsTheFirstScreen_data()
    {
        QTest::addColumn<int>("format");
        for (int f = FollowLinesModel::Ascii; f <= FollowLinesModel::Yaml; ++f)
            QTest::newRow(qPrintable(QString::number(f))) << f;
    }
    void theRestFollowsTheFirstScreen()
    {
        QFETCH(int, format);
        auto capture = std::make_shared<synflow::AnalysedCapture>();
        std::string error;
        QVERIFY2(capture->open(dataFile("textlines.pcap").toStdString(), error), error.c_str());
        capture->analyse();
        const auto fmt = FollowLinesModel::Format(format);
        auto whole = std::make_shared<const synflow::TcpFollow>(synflow::followTcpStream(*capture, 0));
        auto first = std::make_shared<const synflow::TcpFollow>(synflow::followTcpStream(*capture, 0, 6));
        QVERIFY(first->partial && first->chunks.size() < whole->chunks.size());
        FollowLinesModel reference;
        reference.setTable(capture, FollowLinesModel::lineTable(*capture, whole, fmt, FollowLinesModel::Both));
        FollowLinesModel model;
        QAbstractItemModelTester tester(&model);
        model.setTable(capture, FollowLinesModel::lineTable(*capture, first, fmt, FollowLinesModel::Both));
        const int shown = model.rowCount();
        QVERIFY(shown > 0 && shown < reference.rowCount());
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted), reset(&model, &QAbstractItemModel::modelReset);
        model.setTable(capture, FollowLinesModel::lineTable(*capture, whole, fmt, FollowLinesModel::Both), true);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), shown);
        QCOMPARE(model.rowCount(), reference.rowCount());
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.lineText(row), reference.lineText(row));
            QCOMPARE(model.index(row).data(FollowLinesModel::FrameRole), reference.index(row).data(FollowLinesModel::FrameRole));
        }
        // Another format is not a continuation: a reset.
        model.setTable(capture, FollowLinesModel::lineTable(*capture, whole, FollowLinesModel::Format((format + 1) % 6),
                                                            FollowLinesModel::Both), true);
        QCOMPARE(reset.count(), 1);
    }

    void fromTheRightClickMenu()
    {
        MainWindow w;
        w.show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(dataFile("lo-lossy.pcapng")));
        QVERIFY(done.wait(10000));
        const QModelIndex cell = packetModel(w)->index(5, 0);
        QMenu* menu = PacketMenus::showPacketListMenu(*packetPane(w), cell, QPoint(10, 10));
        QAction* follow = menu->findChild<QAction*>(QStringLiteral("contextFollowTcpStream"));
        QVERIFY(follow && follow->isEnabled());
        follow->trigger();
        menu->close();
        FollowStreamWindow* f = waitForFollow(w);
        QVERIFY(f);
        QCOMPARE(packetPane(w)->selectedFrame(), size_t(5));
        QCOMPARE(f->stream(), 0u);
        // Filter Out This Stream: everything else.
        f->findChild<QPushButton*>(QStringLiteral("followFilterOut"))->click();
        QTRY_COMPARE(displayFilter(w)->text(), QStringLiteral("!(tcp.stream eq 0)"));
    }

    // Analyze → Follow → UDP Stream on a DNS capture: the second UDP stream (a query and its
    // answer), the same window as TCP's with UDP's lines, filter and title.
    void followsAUdpStream()
    {
        const QString capture = QDir(synflow::test::sharedCapturesDir()).filePath(QStringLiteral("ppa-dns_isp_hijack.pcapng"));
        if (!QFileInfo::exists(capture))
            QSKIP(qPrintable(QStringLiteral("%1 is missing").arg(capture)));
        synflow::AnalysedCapture ac;
        std::string error;
        QVERIFY(ac.open(capture.toStdString(), error));
        ac.analyse();
        size_t frame = 0;
        while (frame < ac.packetCount() && synflow::udpStreamOf(ac, frame) != 1)
            ++frame;
        QVERIFY(frame < ac.packetCount());

        MainWindow w;
        w.show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(capture));
        QVERIFY(done.wait(10000));
        const QModelIndex cell = packetModel(w)->index(int(frame), 0);
        QMenu* menu = PacketMenus::showPacketListMenu(*packetPane(w), cell, QPoint(10, 10));
        QAction* follow = menu->findChild<QAction*>(QStringLiteral("contextFollowUdpStream"));
        QVERIFY(follow && follow->isEnabled());
        QVERIFY(!menu->findChild<QAction*>(QStringLiteral("contextFollowTcpStream"))->isEnabled());
        follow->trigger();
        menu->close();
        FollowStreamWindow* f = waitForFollow(w);
        QVERIFY(f);
        QCOMPARE(f->protocol(), FollowStreamWindow::Protocol::Udp);
        QCOMPARE(f->stream(), 1u);
        QVERIFY(f->windowTitle().contains(QStringLiteral("UDP")));
        QVERIFY(f->streamFilter().contains(QStringLiteral("udp.port==53")));
        QTRY_COMPARE(displayFilter(w)->text(), f->streamFilter());

        // Hex dump: the CLI's lines (tshark's), the answer's indented there and coloured here.
        f->setFormat(FollowLinesModel::HexDump);
        QTRY_VERIFY(!f->isBuilding());
        const QStringList expected = cliLines(capture, 1, "hex", "udp");
        QCOMPARE(f->model()->rowCount(), int(expected.size()));
        int serverLines = 0;
        for (int row = 0; row < expected.size(); ++row) {
            const bool server = expected[row].startsWith(QLatin1Char('\t'));
            serverLines += server;
            QCOMPARE(f->model()->lineText(row), server ? expected[row].mid(1) : expected[row]);
            QCOMPARE(f->model()->index(row).data(FollowLinesModel::FromServerRole).toBool(), server);
        }
        QVERIFY(serverLines > 0 && serverLines < expected.size());
        f->setDirection(FollowLinesModel::FromClient);
        QTRY_VERIFY(!f->isBuilding());
        QCOMPARE(f->model()->rowCount(), int(expected.size()) - serverLines);
        f->setDirection(FollowLinesModel::Both);
        QTRY_VERIFY(!f->isBuilding());

        // YAML: the peers, then each datagram with its packet number and its bytes in base64,
        // which decode to the payload the CLI prints raw.
        f->setFormat(FollowLinesModel::Yaml);
        QTRY_VERIFY(!f->isBuilding());
        QCOMPARE(f->model()->lineText(0), QStringLiteral("peers:"));
        QCOMPARE(f->model()->lineText(1), QStringLiteral("  - peer: 0"));
        QCOMPARE(f->model()->lineText(6), QStringLiteral("    port: 53"));
        QCOMPARE(f->model()->lineText(7), QStringLiteral("packets:"));
        QCOMPARE(f->model()->lineText(8), QStringLiteral("  - packet: %1").arg(frame + 1));
        QCOMPARE(f->model()->lineText(12), QStringLiteral("    data: !!binary |"));
        QByteArray yamlPayload, rawPayload;
        for (int row = 0; row < f->model()->rowCount(); ++row)
            if (f->model()->lineText(row).startsWith(QStringLiteral("      ")))
                yamlPayload += QByteArray::fromBase64(f->model()->lineText(row).trimmed().toLatin1());
        for (const QString& l : cliLines(capture, 1, "raw", "udp"))
            rawPayload += QByteArray::fromHex(l.trimmed().toLatin1());
        QVERIFY(!rawPayload.isEmpty());
        QCOMPARE(yamlPayload, rawPayload);
        QVERIFY(f->findNext(QStringLiteral("packet:")));

        // Filter Out This Stream: everything else.
        const QString filter = f->streamFilter();
        f->findChild<QPushButton*>(QStringLiteral("followFilterOut"))->click();
        QTRY_COMPARE(displayFilter(w)->text(), QStringLiteral("!(%1)").arg(filter));
    }

    void followsTheLanguage()
    {
        MainWindow w;
        w.show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(dataFile("loopback-http.pcapng")));
        QVERIFY(done.wait(10000));
        w.goToPacket(4);
        action(w, "followTcpStream")->trigger();
        FollowStreamWindow* f = waitForFollow(w);
        QVERIFY(f);
        auto* format = f->findChild<QComboBox*>(QStringLiteral("followFormat"));
        QCOMPARE(format->itemText(FollowLinesModel::HexDump), QStringLiteral("Hex Dump"));
        applyLanguage(QStringLiteral("zh_CN"));
        QTRY_COMPARE(format->itemText(FollowLinesModel::HexDump), QStringLiteral("十六进制转储"));
        QVERIFY(f->findChild<QComboBox*>(QStringLiteral("followDirection"))->itemText(0).startsWith(QStringLiteral("整个会话")));
        applyLanguage(QStringLiteral("en"));
        QTRY_COMPARE(format->itemText(FollowLinesModel::HexDump), QStringLiteral("Hex Dump"));
    }

    void nothingToFollowSaysSo()
    {
        MainWindow w;
        w.show();
        QSignalSpy done(&w, &MainWindow::loadFinished);
        QVERIFY(w.openCapture(dataFile("loopback-http.pcapng")));
        QVERIFY(done.wait(10000));
        w.goToPacket(12); // not TCP
        action(w, "followTcpStream")->trigger();
        QVERIFY(!w.findChild<FollowStreamWindow*>());
        QVERIFY(lastError(w).contains(QStringLiteral("Select a TCP packet")));
    }
};

QTEST_MAIN(TestFollowStream)
#include "tst_followstream.moc"
