#include "window/preferencesdialog.h"

#include "packets/listcolumns.h"
#include "support/preferences.h"
#include "window/mainactions.h"

#include "fields/fieldregistry.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

template <typename W>
W* named(W* w, const char* name)
{
    w->setObjectName(QString::fromLatin1(name));
    return w;
}

} // namespace

PreferencesDialog::PreferencesDialog(ListColumns* columns, QWidget* parent) : QDialog(parent), columns_(columns)
{
    setObjectName(QStringLiteral("preferencesDialog"));
    pages_ = named(new QListWidget(this), "preferencesPages");
    stack_ = named(new QStackedWidget(this), "preferencesStack");
    for (QWidget* page : {makeAppearancePage(), makeColumnsPage(), makeFontPage(), makeLayoutPage(), makeTimePage(), makeProtocolsPage()}) {
        stack_->addWidget(page);
        pages_->addItem(QString());
    }
    pages_->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('0')) * 22);
    connect(pages_, &QListWidget::currentRowChanged, stack_, &QStackedWidget::setCurrentIndex);
    buttons_ = named(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this),
                     "preferencesButtons");
    buttons_->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("preferencesOk"));
    buttons_->button(QDialogButtonBox::Apply)->setObjectName(QStringLiteral("preferencesApply"));
    buttons_->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("preferencesCancel"));
    connect(buttons_, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons_->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &PreferencesDialog::apply);

    auto* body = new QHBoxLayout;
    body->addWidget(pages_);
    body->addWidget(stack_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(buttons_);
    retranslate();
    load();
    showPage(Appearance);
    resize(fontMetrics().horizontalAdvance(QLatin1Char('0')) * 100, fontMetrics().height() * 30);
}

void PreferencesDialog::showPage(Page page) { pages_->setCurrentRow(int(page)); }

QWidget* PreferencesDialog::makeAppearancePage()
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    theme_ = named(new QComboBox(page), "themeChoice");
    theme_->addItems({QString(), QString()});
    language_ = named(new QComboBox(page), "languageChoice");
    for (const char* code : {"", "en", "zh_CN"})
        language_->addItem(QString(), QString::fromLatin1(code));
    themeLabel_ = new QLabel(page);
    languageLabel_ = new QLabel(page);
    themeLabel_->setBuddy(theme_);
    languageLabel_->setBuddy(language_);
    form->addRow(themeLabel_, theme_);
    form->addRow(languageLabel_, language_);
    return page;
}

QWidget* PreferencesDialog::makeColumnsPage()
{
    auto* page = new QWidget(this);
    columnList_ = named(new QTreeWidget(page), "columnList");
    columnList_->setColumnCount(2);
    columnList_->setRootIsDecorated(false);
    columnList_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    columnUp_ = named(new QPushButton(page), "columnUp");
    columnDown_ = named(new QPushButton(page), "columnDown");
    columnRemove_ = named(new QPushButton(page), "columnRemove");
    connect(columnUp_, &QPushButton::clicked, this, [this] { moveColumn(-1); });
    connect(columnDown_, &QPushButton::clicked, this, [this] { moveColumn(1); });
    connect(columnRemove_, &QPushButton::clicked, this, [this] { delete columnList_->currentItem(); });
    connect(columnList_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        // Only custom columns can be removed; the built-in ones are hidden instead.
        columnRemove_->setEnabled(item && item->data(0, Qt::UserRole).toString().startsWith(QLatin1String("field:")));
    });
    // Any field of the field table, by its filter name, as Wireshark's custom columns take it.
    columnField_ = named(new QComboBox(page), "columnField");
    columnField_->setEditable(true);
    columnField_->setInsertPolicy(QComboBox::NoInsert);
    for (const synflow::Field& f : synflow::allFields())
        if (f.type != synflow::FieldType::Protocol)
            columnField_->addItem(QString::fromStdString(f.name));
    columnField_->setCurrentIndex(-1);
    columnField_->completer()->setFilterMode(Qt::MatchContains);
    columnField_->completer()->setCompletionMode(QCompleter::PopupCompletion);
    columnAdd_ = named(new QPushButton(page), "columnAdd");
    connect(columnAdd_, &QPushButton::clicked, this, &PreferencesDialog::addColumn);
    columnFieldLabel_ = new QLabel(page);
    columnFieldLabel_->setBuddy(columnField_);

    auto* side = new QVBoxLayout;
    side->addWidget(columnUp_);
    side->addWidget(columnDown_);
    side->addWidget(columnRemove_);
    side->addStretch(1);
    auto* top = new QHBoxLayout;
    top->addWidget(columnList_, 1);
    top->addLayout(side);
    auto* add = new QHBoxLayout;
    add->addWidget(columnFieldLabel_);
    add->addWidget(columnField_, 1);
    add->addWidget(columnAdd_);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(top, 1);
    layout->addLayout(add);
    return page;
}

QWidget* PreferencesDialog::makeFontPage()
{
    auto* page = new QWidget(this);
    customFont_ = named(new QCheckBox(page), "customFont");
    fontFamily_ = named(new QFontComboBox(page), "fontFamily");
    fontSize_ = named(new QSpinBox(page), "fontSize");
    fontSize_->setRange(4, 72);
    connect(customFont_, &QCheckBox::toggled, fontFamily_, &QWidget::setEnabled);
    connect(customFont_, &QCheckBox::toggled, fontSize_, &QWidget::setEnabled);
    zoom_ = named(new QSpinBox(page), "zoomLevel");
    zoom_->setRange(Preferences::kMinZoom, Preferences::kMaxZoom);
    colorize_ = named(new QCheckBox(page), "colorizeRules");
    fontSizeLabel_ = new QLabel(page);
    fontSizeLabel_->setBuddy(fontSize_);
    zoomLabel_ = new QLabel(page);
    zoomLabel_->setBuddy(zoom_);
    auto* form = new QFormLayout(page);
    form->addRow(customFont_);
    form->addRow(QString(), fontFamily_);
    form->addRow(fontSizeLabel_, fontSize_);
    form->addRow(zoomLabel_, zoom_);
    form->addRow(colorize_);
    return page;
}

QWidget* PreferencesDialog::makeLayoutPage()
{
    auto* page = new QWidget(this);
    layouts_ = new QButtonGroup(this);
    layoutLabel_ = new QLabel(page);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(layoutLabel_);
    const char* names[] = {"layoutStacked", "layoutDetailsBesideBytes", "layoutSideBySide"};
    for (int i = 0; i < Preferences::kPaneLayoutCount; ++i) {
        auto* b = named(new QRadioButton(page), names[i]);
        layouts_->addButton(b, i);
        layout->addWidget(b);
    }
    layout->addStretch(1);
    return page;
}

// Wireshark's Protocols → TCP page, for the one TCP preference the packet list depends on.
QWidget* PreferencesDialog::makeProtocolsPage()
{
    auto* page = new QWidget(this);
    tcpLabel_ = new QLabel(page);
    tcpDesegment_ = named(new QCheckBox(page), "tcpDesegment");
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(tcpLabel_);
    layout->addWidget(tcpDesegment_);
    layout->addStretch();
    return page;
}

QWidget* PreferencesDialog::makeTimePage()
{
    auto* page = new QWidget(this);
    timeFormat_ = named(new QComboBox(page), "timeFormatChoice");
    for (synflow::TimeFormat f : MainActions::timeFormatOrder())
        timeFormat_->addItem(QString(), int(f));
    timePrecision_ = named(new QComboBox(page), "timePrecisionChoice");
    for (int p = 0; p < synflow::kTimePrecisionCount; ++p)
        timePrecision_->addItem(QString(), p);
    timeFormatLabel_ = new QLabel(page);
    timeFormatLabel_->setBuddy(timeFormat_);
    timePrecisionLabel_ = new QLabel(page);
    timePrecisionLabel_->setBuddy(timePrecision_);
    auto* form = new QFormLayout(page);
    form->addRow(timeFormatLabel_, timeFormat_);
    form->addRow(timePrecisionLabel_, timePrecision_);
    return page;
}

QTreeWidgetItem* PreferencesDialog::addColumnItem(const QString& key, bool shown)
{
    auto* item = new QTreeWidgetItem(columnList_);
    item->setFlags((item->flags() | Qt::ItemIsUserCheckable) & ~Qt::ItemIsDropEnabled);
    item->setCheckState(0, shown ? Qt::Checked : Qt::Unchecked);
    item->setData(0, Qt::UserRole, key);
    item->setText(0, columns_->titleOf(key));
    item->setText(1, key.startsWith(QLatin1String("field:")) ? key.mid(6) : QString());
    return item;
}

void PreferencesDialog::moveColumn(int by)
{
    QTreeWidgetItem* item = columnList_->currentItem();
    if (!item)
        return;
    const int from = columnList_->indexOfTopLevelItem(item);
    const int to = from + by;
    if (to < 0 || to >= columnList_->topLevelItemCount())
        return;
    columnList_->takeTopLevelItem(from);
    columnList_->insertTopLevelItem(to, item);
    columnList_->setCurrentItem(item);
}

void PreferencesDialog::addColumn()
{
    const QString name = columnField_->currentText().trimmed();
    const synflow::Field* f = synflow::findField(name.toStdString());
    if (!f || f->type == synflow::FieldType::Protocol) {
        columnField_->setToolTip(tr("Not a field of the field table: %1").arg(name));
        return;
    }
    const QString key = QStringLiteral("field:") + name;
    for (int i = 0; i < columnList_->topLevelItemCount(); ++i)
        if (columnList_->topLevelItem(i)->data(0, Qt::UserRole).toString() == key) {
            columnList_->setCurrentItem(columnList_->topLevelItem(i));
            return;
        }
    columnList_->setCurrentItem(addColumnItem(key, true));
}

void PreferencesDialog::load()
{
    const Preferences* p = Preferences::instance();
    theme_->setCurrentIndex(p->darkTheme() ? 1 : 0);
    language_->setCurrentIndex(std::max(0, language_->findData(p->language())));
    columnList_->clear();
    for (const ListColumns::Entry& e : columns_->arrangement())
        addColumnItem(e.key, e.shown);
    const QFont font = p->mainFont();
    customFont_->setChecked(!font.family().isEmpty());
    fontFamily_->setEnabled(customFont_->isChecked());
    fontSize_->setEnabled(customFont_->isChecked());
    const QFont shown = font.family().isEmpty() ? QFont() : font;
    fontFamily_->setCurrentFont(shown);
    fontSize_->setValue(int(shown.pointSizeF() + 0.5));
    zoom_->setValue(p->zoomLevel());
    colorize_->setChecked(p->colorize());
    tcpDesegment_->setChecked(p->tcpDesegment());
    layouts_->button(int(p->paneLayout()))->setChecked(true);
    timeFormat_->setCurrentIndex(timeFormat_->findData(int(p->timeFormat())));
    timePrecision_->setCurrentIndex(timePrecision_->findData(int(p->timePrecision())));
}

void PreferencesDialog::apply()
{
    // Only what changed is set: a run's --theme or --lang stays unless the user picks another.
    Preferences* p = Preferences::instance();
    QList<ListColumns::Entry> wanted;
    for (int i = 0; i < columnList_->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = columnList_->topLevelItem(i);
        wanted.append({item->data(0, Qt::UserRole).toString(), item->checkState(0) == Qt::Checked});
    }
    const QList<ListColumns::Entry> now = columns_->arrangement();
    bool columnsChanged = wanted.size() != now.size();
    for (qsizetype i = 0; !columnsChanged && i < wanted.size(); ++i)
        columnsChanged = wanted[i].key != now[i].key || wanted[i].shown != now[i].shown;
    if (columnsChanged)
        columns_->arrange(wanted);
    QFont font{QString()};
    if (customFont_->isChecked()) {
        font = fontFamily_->currentFont();
        font.setPointSize(fontSize_->value());
    }
    if (font != p->mainFont() || font.family() != p->mainFont().family())
        p->setMainFont(font);
    if (zoom_->value() != p->zoomLevel())
        p->setZoomLevel(zoom_->value());
    if (colorize_->isChecked() != p->colorize())
        p->setColorize(colorize_->isChecked());
    if (tcpDesegment_->isChecked() != p->tcpDesegment())
        p->setTcpDesegment(tcpDesegment_->isChecked());
    if (layouts_->checkedId() != int(p->paneLayout()))
        p->setPaneLayout(Preferences::PaneLayout(layouts_->checkedId()));
    const auto format = synflow::TimeFormat(timeFormat_->currentData().toInt());
    if (format != p->timeFormat())
        p->setTimeFormat(format);
    const auto precision = synflow::TimePrecision(timePrecision_->currentData().toInt());
    if (precision != p->timePrecision())
        p->setTimePrecision(precision);
    if ((theme_->currentIndex() == 1) != p->darkTheme())
        p->setDarkTheme(theme_->currentIndex() == 1);
    if (language_->currentData().toString() != p->language())
        p->setLanguage(language_->currentData().toString()); // retranslates this dialog too
    load();
}

void PreferencesDialog::showEvent(QShowEvent* e)
{
    load(); // what was changed and cancelled, or changed since from the menus, is not kept
    QDialog::showEvent(e);
}

void PreferencesDialog::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(e);
}

void PreferencesDialog::retranslate()
{
    setWindowTitle(tr("Preferences"));
    setAccessibleName(tr("Preferences"));
    const QString pageNames[] = {tr("Appearance"), tr("Columns"), tr("Font and Colors"), tr("Layout"), tr("Time Display"), tr("Protocols")};
    for (int i = 0; i < PageCount; ++i)
        pages_->item(i)->setText(pageNames[i]);
    pages_->setAccessibleName(tr("Preference pages"));
    themeLabel_->setText(tr("&Theme:"));
    theme_->setItemText(0, tr("Light"));
    theme_->setItemText(1, tr("Dark"));
    theme_->setAccessibleName(tr("Theme"));
    languageLabel_->setText(tr("&Language:"));
    language_->setItemText(0, tr("System language"));
    language_->setItemText(1, QStringLiteral("English"));
    language_->setItemText(2, QStringLiteral("简体中文"));
    language_->setAccessibleName(tr("Language"));

    columnList_->setHeaderLabels({tr("Column (shown when ticked)"), tr("Field")});
    columnList_->setAccessibleName(tr("Packet list columns"));
    for (int i = 0; i < columnList_->topLevelItemCount(); ++i)
        columnList_->topLevelItem(i)->setText(0, columns_->titleOf(columnList_->topLevelItem(i)->data(0, Qt::UserRole).toString()));
    columnUp_->setText(tr("Move &Up"));
    columnUp_->setAccessibleName(tr("Move column up"));
    columnDown_->setText(tr("Move &Down"));
    columnDown_->setAccessibleName(tr("Move column down"));
    columnRemove_->setText(tr("&Remove"));
    columnRemove_->setAccessibleName(tr("Remove custom column"));
    columnFieldLabel_->setText(tr("Custom column &field:"));
    columnField_->setAccessibleName(tr("Custom column field"));
    columnField_->lineEdit()->setPlaceholderText(tr("a field name, e.g. tcp.window_size"));
    columnAdd_->setText(tr("&Add Column"));
    columnAdd_->setAccessibleName(tr("Add custom column"));

    customFont_->setText(tr("Use this &font for the packet list, details and bytes:"));
    customFont_->setAccessibleName(tr("Use a custom main font"));
    fontFamily_->setAccessibleName(tr("Main font"));
    fontSizeLabel_->setText(tr("Font &size:"));
    fontSize_->setAccessibleName(tr("Font size"));
    fontSize_->setSuffix(tr(" pt"));
    zoomLabel_->setText(tr("&Zoom (points added):"));
    zoom_->setAccessibleName(tr("Zoom level"));
    colorize_->setText(tr("&Colorize the packet list with the colouring rules"));
    colorize_->setAccessibleName(tr("Colorize packet list"));
    tcpLabel_->setText(tr("TCP"));
    tcpDesegment_->setText(tr("Allow subdissector to &reassemble TCP streams"));
    tcpDesegment_->setAccessibleName(tr("Allow subdissector to reassemble TCP streams"));
    tcpDesegment_->setToolTip(tr("Show a message that spans several TCP segments on the segment that completes it"));

    layoutLabel_->setText(tr("Panes of the packet views:"));
    const QString layoutNames[] = {tr("Stacked: list, details, bytes"), tr("List above, details and bytes side by side"),
                                   tr("Side by side: list, details, bytes")};
    for (int i = 0; i < Preferences::kPaneLayoutCount; ++i) {
        layouts_->button(i)->setText(layoutNames[i]);
        layouts_->button(i)->setAccessibleName(layoutNames[i]);
    }

    timeFormatLabel_->setText(tr("&Format:"));
    for (int i = 0; i < timeFormat_->count(); ++i)
        timeFormat_->setItemText(i, MainActions::timeFormatName(synflow::TimeFormat(timeFormat_->itemData(i).toInt())));
    timeFormat_->setAccessibleName(tr("Time display format"));
    timePrecisionLabel_->setText(tr("&Precision:"));
    for (int i = 0; i < timePrecision_->count(); ++i)
        timePrecision_->setItemText(i, MainActions::timePrecisionName(synflow::TimePrecision(timePrecision_->itemData(i).toInt())));
    timePrecision_->setAccessibleName(tr("Time precision"));
    buttons_->setAccessibleName(tr("Dialog buttons"));
}
