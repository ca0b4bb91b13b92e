// Edit → Preferences as a user works it: opened from the menu on a real capture, each
// preference changed and applied, what the window shows checked; Cancel changes nothing; a new
// window (a restart) comes back with the same choices; the View menu stays in step.
#include "support/language.h"
#include "support/preferences.h"
#include "support/theme.h"
#include "window/preferencesdialog.h"
#include "windowdriver.h"

#include "capture/capturefile.h"
#include "common/oracletsv.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QMenuBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTimeZone>
#include <QTreeWidget>

#include <ctime>

using namespace windowparts;

namespace {

QString dataFile(const char* name) { return QDir(QStringLiteral(SYNFLOW_TEST_DATA)).filePath(QString::fromLatin1(name)); }

template <typename T>
T* control(QWidget* dialog, const char* name)
{
    T* c = dialog->findChild<T*>(QString::fromLatin1(name));
    if (!c)
        qWarning("no control %s", name);
    return c;
}

PreferencesDialog* openDialog(MainWindow& w)
{
    QAction* a = action(w, "preferences");
    if (!a || a->shortcut() != QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P))
        return nullptr;
    // Reached as a user does: Edit → Preferences….
    bool inEdit = false;
    for (QAction* m : w.menuBar()->actions())
        if (m->menu() && m->menu()->objectName() == QLatin1String("editMenu"))
            inEdit = m->menu()->actions().contains(a);
    if (!inEdit)
        return nullptr;
    a->trigger();
    return w.findChild<PreferencesDialog*>();
}

void press(PreferencesDialog* d, const char* button) { control<QPushButton>(d, button)->click(); }

void chooseData(QComboBox* box, const QVariant& data) { box->setCurrentIndex(box->findData(data)); }

// The Time column as the user reads it, row by row.
QStringList timeColumn(MainWindow& w)
{
    QStringList out;
    PacketListModel* m = packetModel(w);
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->index(r, PacketListModel::Time).data().toString();
    return out;
}

// What Wireshark shows for each format, worked out from the capture's own timestamps with Qt's
// calendar (not the code under test); microseconds, the file's precision.
QStringList expectedTimes(const synflow::CaptureFile& f, synflow::TimeFormat format, int digits)
{
    using F = synflow::TimeFormat;
    QStringList out;
    const auto& idx = f.index();
    auto frac = [digits](qint64 nsec) {
        return digits == 0 ? QString() : QStringLiteral(".") + QStringLiteral("%1").arg(nsec, 9, 10, QLatin1Char('0')).left(digits);
    };
    for (size_t i = 0; i < f.packetCount(); ++i) {
        const synflow::Timestamp t = f.exactTime(i);
        const qint64 base = format == F::SinceStart ? idx[0].tsNs : format == F::SincePrevious || format == F::SincePreviousCaptured ? idx[i ? i - 1 : 0].tsNs : 0;
        if (synflow::isRelative(format)) {
            const qint64 ns = idx[i].tsNs - base;
            out << QString::number(ns / 1000000000) + frac(ns % 1000000000);
            continue;
        }
        if (format == F::Epoch) {
            out << QString::number(t.sec) + frac(t.nsec);
            continue;
        }
        const bool utc = format == F::UtcDateTime || format == F::UtcYearDayTime || format == F::UtcTimeOfDay;
        const QDateTime dt = QDateTime::fromSecsSinceEpoch(t.sec, utc ? QTimeZone::utc() : QTimeZone::systemTimeZone());
        QString text;
        if (format == F::DateTime || format == F::UtcDateTime)
            text = dt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        else if (format == F::YearDayTime || format == F::UtcYearDayTime)
            text = QStringLiteral("%1/%2 ").arg(dt.date().year()).arg(dt.date().dayOfYear(), 3, 10, QLatin1Char('0')) + dt.toString(QStringLiteral("HH:mm:ss"));
        else
            text = dt.toString(QStringLiteral("HH:mm:ss"));
        out << text + frac(t.nsec);
    }
    return out;
}

QString menuTitle(MainWindow& w, const char* name) { return w.findChild<QMenu*>(QString::fromLatin1(name))->title(); }

} // namespace

class TestPreferences : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("SynFlowTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_preferences"));
        QSettings().clear();
        qputenv("TZ", "Asia/Kolkata"); // local time differs from UTC, by a half hour
        tzset();
        applyTheme(false);
        applyLanguage(QStringLiteral("en"));
    }
    void cleanupTestCase()
    {
        applyLanguage(QStringLiteral("en"));
        applyTheme(false);
        QSettings().clear();
    }

    // Every time format, then a fixed precision, in the Time column the user reads.
    void timeFormatsAndPrecision()
    {
        MainWindow w;
        w.show();
        QVERIFY(driver::open(w, dataFile("loopback-http.pcap")));
        synflow::CaptureFile file;
        std::string error;
        QVERIFY(file.open(dataFile("loopback-http.pcap").toStdString(), error));
        file.indexAll();
        PreferencesDialog* d = openDialog(w);
        QVERIFY(d);
        QVERIFY(d->isVisible());
        auto* format = control<QComboBox>(d, "timeFormatChoice");
        QCOMPARE(format->count(), synflow::kTimeFormatCount);
        for (int i = 0; i < format->count(); ++i) {
            format->setCurrentIndex(i);
            press(d, "preferencesApply");
            const auto f = synflow::TimeFormat(format->itemData(i).toInt());
            QCOMPARE(timeColumn(w), expectedTimes(file, f, 6));
            // The View menu's item for the same format is the one ticked.
            for (QAction* a : w.findChild<QMenu*>(QStringLiteral("timeFormatMenu"))->actions())
                if (a->objectName() == QLatin1String("timeFormat"))
                    QCOMPARE(a->isChecked(), a->data().toInt() == int(f));
        }
        chooseData(format, int(synflow::TimeFormat::UtcTimeOfDay));
        const std::pair<synflow::TimePrecision, int> precisions[] = {
            {synflow::TimePrecision::Seconds, 0}, {synflow::TimePrecision::Deciseconds, 1}, {synflow::TimePrecision::Centiseconds, 2},
            {synflow::TimePrecision::Milliseconds, 3}, {synflow::TimePrecision::Microseconds, 6}, {synflow::TimePrecision::Nanoseconds, 9}};
        for (const auto& [precision, digits] : precisions) {
            chooseData(control<QComboBox>(d, "timePrecisionChoice"), int(precision));
            press(d, "preferencesApply");
            QCOMPARE(timeColumn(w), expectedTimes(file, synflow::TimeFormat::UtcTimeOfDay, digits));
        }
        // The menu sets the same preference: the dialog shows it when opened again.
        d->close();
        action(w, "timePrecision"); // exists
        for (QAction* a : w.findChild<QMenu*>(QStringLiteral("timeFormatMenu"))->actions())
            if (a->objectName() == QLatin1String("timeFormat") && a->data().toInt() == int(synflow::TimeFormat::SinceStart))
                a->trigger();
        QCOMPARE(timeColumn(w), expectedTimes(file, synflow::TimeFormat::SinceStart, 9));
        d = openDialog(w);
        QCOMPARE(control<QComboBox>(d, "timeFormatChoice")->currentData().toInt(), int(synflow::TimeFormat::SinceStart));
        chooseData(control<QComboBox>(d, "timePrecisionChoice"), int(synflow::TimePrecision::Auto));
        press(d, "preferencesOk");
        QVERIFY(!d->isVisible());
        QCOMPARE(timeColumn(w), expectedTimes(file, synflow::TimeFormat::SinceStart, 6));
    }

    // Columns hidden, added from the field table and moved; layout; font and zoom; colouring;
    // theme and language. Then a new window restores them all.
    void appearanceAppliesAtOnceAndIsRestored()
    {
        auto w = std::make_unique<MainWindow>();
        w->show();
        QVERIFY(driver::open(*w, dataFile("loopback-http.pcap")));
        synflow::CaptureFile file;
        std::string error;
        QVERIFY(file.open(dataFile("loopback-http.pcap").toStdString(), error));
        file.indexAll();
        PreferencesDialog* d = openDialog(*w);
        QVERIFY(d);

        // Columns: Source hidden, frame.len added and moved before Info.
        auto* list = control<QTreeWidget>(d, "columnList");
        QCOMPARE(list->topLevelItemCount(), int(PacketListModel::ColumnCount));
        QTreeWidgetItem* source = list->findItems(QStringLiteral("Source"), Qt::MatchExactly).value(0);
        QVERIFY(source);
        source->setCheckState(0, Qt::Unchecked);
        auto* field = control<QComboBox>(d, "columnField");
        field->setCurrentText(QStringLiteral("frame.len"));
        press(d, "columnAdd");
        QCOMPARE(list->topLevelItemCount(), int(PacketListModel::ColumnCount) + 1);
        QCOMPARE(list->currentItem()->text(1), QStringLiteral("frame.len"));
        press(d, "columnUp");
        // Layout: list above, details and bytes side by side.
        control<QRadioButton>(d, "layoutDetailsBesideBytes")->setChecked(true);
        // Font: a size of its own, then two zoom steps.
        control<QCheckBox>(d, "customFont")->setChecked(true);
        control<QSpinBox>(d, "fontSize")->setValue(15);
        control<QSpinBox>(d, "zoomLevel")->setValue(2);
        // Colouring rules off.
        control<QCheckBox>(d, "colorizeRules")->setChecked(false);
        press(d, "preferencesApply");

        PacketListModel* model = packetModel(*w);
        QTableView* table = packetList(*w);
        QVERIFY(table->isColumnHidden(PacketListModel::Source));
        const int added = PacketListModel::ColumnCount;
        QCOMPARE(model->columnCount(), added + 1);
        QCOMPARE(model->headerData(added, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("Frame Length"));
        QCOMPARE(table->horizontalHeader()->visualIndex(added), table->horizontalHeader()->visualIndex(PacketListModel::Info) - 1);
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->index(r, added).data().toString(), QString::number(file.index()[model->frameAt(r)].origLen));
        auto* split = w->findChild<QSplitter*>(QStringLiteral("paneSplitter"));
        auto* lower = w->findChild<QSplitter*>(QStringLiteral("lowerSplitter"));
        QCOMPARE(split->orientation(), Qt::Vertical);
        QCOMPARE(lower->orientation(), Qt::Horizontal);
        QCOMPARE(lower->indexOf(detailTree(*w)), 0);
        QCOMPARE(lower->indexOf(bytesView(*w)), 1);
        QCOMPARE(table->font().pointSizeF(), 17.0);
        QCOMPARE(detailTree(*w)->font().pointSizeF(), 17.0);
        QCOMPARE(table->font().family(), control<QFontComboBox>(d, "fontFamily")->currentFont().family());
        QVERIFY(!model->index(0, PacketListModel::Info).data(Qt::BackgroundRole).isValid());
        QCOMPARE(driver::paintedRowColour(*w, 1), table->palette().color(QPalette::Base)); // not the selected row 0
        QVERIFY(!action(*w, "colorize")->isChecked());

        // Side by side: the splitter turns.
        control<QRadioButton>(d, "layoutSideBySide")->setChecked(true);
        press(d, "preferencesApply");
        QCOMPARE(split->orientation(), Qt::Horizontal);
        QCOMPARE(split->indexOf(detailTree(*w)), 1);
        QVERIFY(!lower->isVisible());

        // View → Zoom In reaches the dialog's zoom; the toolbar's colorize reaches its check box.
        action(*w, "zoomIn")->trigger();
        QCOMPARE(table->font().pointSizeF(), 18.0);
        d->close();
        d = openDialog(*w);
        QCOMPARE(control<QSpinBox>(d, "zoomLevel")->value(), 3);
        action(*w, "colorize")->trigger();
        QVERIFY(model->index(0, PacketListModel::Info).data(Qt::BackgroundRole).isValid());
        d->close();
        d = openDialog(*w);
        QVERIFY(control<QCheckBox>(d, "colorizeRules")->isChecked());
        control<QCheckBox>(d, "colorizeRules")->setChecked(false);

        // Theme and language.
        chooseData(control<QComboBox>(d, "languageChoice"), QStringLiteral("zh_CN"));
        control<QComboBox>(d, "themeChoice")->setCurrentIndex(1);
        press(d, "preferencesOk");
        QTRY_COMPARE(menuTitle(*w, "editMenu"), QStringLiteral("编辑(&E)"));
        QCOMPARE(menuTitle(*w, "viewMenu"), QStringLiteral("视图(&V)"));
        QVERIFY(action(*w, "darkTheme")->isChecked());
        QVERIFY(QApplication::palette().color(QPalette::Base).lightness() < 60);
        for (QAction* a : w->findChildren<QAction*>(QStringLiteral("language")))
            QCOMPARE(a->isChecked(), a->data().toString() == QLatin1String("zh_CN"));

        // A restart: a new window comes back with every choice.
        w.reset();
        applyTheme(savedDarkTheme()); // what main() does with the saved choices
        applyLanguage(savedLanguage());
        MainWindow again;
        again.show();
        QVERIFY(driver::open(again, dataFile("loopback-http.pcap")));
        QCOMPARE(menuTitle(again, "editMenu"), QStringLiteral("编辑(&E)"));
        QVERIFY(action(again, "darkTheme")->isChecked());
        QTableView* table2 = packetList(again);
        PacketListModel* model2 = packetModel(again);
        QVERIFY(table2->isColumnHidden(PacketListModel::Source));
        QCOMPARE(model2->columnCount(), added + 1);
        QCOMPARE(table2->horizontalHeader()->visualIndex(added), table2->horizontalHeader()->visualIndex(PacketListModel::Info) - 1);
        QCOMPARE(model2->index(3, added).data().toString(), QString::number(file.index()[3].origLen));
        QCOMPARE(again.findChild<QSplitter*>(QStringLiteral("paneSplitter"))->orientation(), Qt::Horizontal);
        QCOMPARE(table2->font().pointSizeF(), 18.0);
        QVERIFY(!model2->index(0, PacketListModel::Info).data(Qt::BackgroundRole).isValid());
        QVERIFY(!action(again, "colorize")->isChecked());

        // Back to English and light from the dialog; the default font and stacked panes.
        d = openDialog(again);
        QVERIFY(d);
        chooseData(control<QComboBox>(d, "languageChoice"), QStringLiteral("en"));
        control<QComboBox>(d, "themeChoice")->setCurrentIndex(0);
        control<QCheckBox>(d, "customFont")->setChecked(false);
        control<QSpinBox>(d, "zoomLevel")->setValue(0);
        control<QRadioButton>(d, "layoutStacked")->setChecked(true);
        press(d, "preferencesOk");
        QTRY_COMPARE(menuTitle(again, "editMenu"), QStringLiteral("&Edit"));
        QVERIFY(!action(again, "darkTheme")->isChecked());
        QVERIFY(QApplication::palette().color(QPalette::Base).lightness() > 200);
        QCOMPARE(again.findChild<QSplitter*>(QStringLiteral("paneSplitter"))->orientation(), Qt::Vertical);
        QCOMPARE(again.findChild<QSplitter*>(QStringLiteral("paneSplitter"))->indexOf(bytesView(again)), 2);
        QCOMPARE(table2->font(), QApplication::font(table2));
    }

    // Cancel: whatever was changed in the dialog, the window stays as it was.
    // Protocols → TCP → "Allow subdissector to reassemble TCP streams": on by default, as in
    // Wireshark; off, the packet list shows each segment's own protocol again.
    void tcpReassemblyPreference()
    {
        const QString path = QDir(synflow::test::sharedCapturesDir()).filePath(QStringLiteral("local-clean.pcapng"));
        if (!QFileInfo::exists(path))
            QSKIP(qPrintable(QStringLiteral("shared capture not found: ") + path));
        auto w = std::make_unique<MainWindow>();
        w->show();
        QVERIFY(driver::open(*w, path));
        PacketListModel* model = packetModel(*w);
        const auto cell = [model](size_t frame, int column) { return model->index(model->rowOf(frame - 1), column).data().toString(); };
        // Frame 6 opens the HTTP/1.0 response that the FIN (frame 12) completes.
        QTRY_COMPARE(cell(6, PacketListModel::Protocol), QStringLiteral("TCP"));
        QVERIFY2(cell(6, PacketListModel::Info).endsWith(QStringLiteral(" [TCP segment of a reassembled PDU]")), qPrintable(cell(6, PacketListModel::Info)));
        QCOMPARE(cell(12, PacketListModel::Protocol), QStringLiteral("HTTP"));
        QCOMPARE(cell(12, PacketListModel::Info), QStringLiteral("HTTP/1.0 200 OK "));
        PreferencesDialog* d = openDialog(*w);
        QVERIFY(d);
        auto* box = control<QCheckBox>(d, "tcpDesegment");
        QVERIFY(box);
        QVERIFY(box->isChecked());
        QVERIFY(!box->accessibleName().isEmpty());
        box->setChecked(false);
        press(d, "preferencesOk");
        QVERIFY(!Preferences::instance()->tcpDesegment());
        QCOMPARE(cell(6, PacketListModel::Protocol), QStringLiteral("HTTP"));
        QCOMPARE(cell(12, PacketListModel::Protocol), QStringLiteral("TCP"));
        Preferences::instance()->setTcpDesegment(true); // kept in QSettings: as it was for the next test
        QCOMPARE(cell(6, PacketListModel::Protocol), QStringLiteral("TCP"));
    }

    void cancelChangesNothing()
    {
        MainWindow w;
        w.show();
        QVERIFY(driver::open(w, dataFile("loopback-http.pcap")));
        const QStringList times = timeColumn(w);
        const int columns = packetModel(w)->columnCount();
        const QFont font = packetList(w)->font();
        const auto orientation = w.findChild<QSplitter*>(QStringLiteral("paneSplitter"))->orientation();
        const bool colorized = packetModel(w)->index(0, 0).data(Qt::BackgroundRole).isValid();
        const QString edit = menuTitle(w, "editMenu");
        PreferencesDialog* d = openDialog(w);
        QVERIFY(d);
        chooseData(control<QComboBox>(d, "timeFormatChoice"), int(synflow::TimeFormat::Epoch));
        chooseData(control<QComboBox>(d, "languageChoice"), QStringLiteral("zh_CN"));
        control<QComboBox>(d, "themeChoice")->setCurrentIndex(1);
        control<QComboBox>(d, "columnField")->setCurrentText(QStringLiteral("ip.ttl"));
        press(d, "columnAdd");
        control<QTreeWidget>(d, "columnList")->topLevelItem(0)->setCheckState(0, Qt::Unchecked);
        control<QRadioButton>(d, "layoutSideBySide")->setChecked(true);
        control<QSpinBox>(d, "zoomLevel")->setValue(5);
        control<QCheckBox>(d, "colorizeRules")->setChecked(!colorized);
        press(d, "preferencesCancel");
        QVERIFY(!d->isVisible());
        QCOMPARE(timeColumn(w), times);
        QCOMPARE(packetModel(w)->columnCount(), columns);
        QVERIFY(!packetList(w)->isColumnHidden(0));
        QCOMPARE(packetList(w)->font(), font);
        QCOMPARE(w.findChild<QSplitter*>(QStringLiteral("paneSplitter"))->orientation(), orientation);
        QCOMPARE(packetModel(w)->index(0, 0).data(Qt::BackgroundRole).isValid(), colorized);
        QCOMPARE(menuTitle(w, "editMenu"), edit);
        QVERIFY(!action(w, "darkTheme")->isChecked());
        QVERIFY(!savedDarkTheme());
        // And the dialog opened again shows the preferences in force, not the cancelled ones.
        d = openDialog(w);
        QVERIFY(control<QComboBox>(d, "timeFormatChoice")->currentData().toInt() != int(synflow::TimeFormat::Epoch));
        QCOMPARE(control<QTreeWidget>(d, "columnList")->topLevelItemCount(), columns);
    }

    // `--theme light` after dark was saved: the menu and the dialog say light (issue 13).
    void themeOverrideShowsInMenuAndDialog()
    {
        saveDarkTheme(true);
        applyTheme(false);
        MainWindow w;
        QVERIFY(!action(w, "darkTheme")->isChecked());
        PreferencesDialog* d = openDialog(w);
        QCOMPARE(control<QComboBox>(d, "themeChoice")->currentIndex(), 0);
        press(d, "preferencesOk"); // nothing changed: the saved choice stays
        QVERIFY(savedDarkTheme());
        saveDarkTheme(false);
    }
};

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
