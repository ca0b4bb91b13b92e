#pragma once
// Edit → Preferences, as Wireshark's: appearance (theme, language), columns, font and zoom,
// colouring, layout and the time format. OK and Apply hand the changes to Preferences (and the
// columns to ListColumns), which apply them at once and keep them; Cancel drops them.
#include <QDialog>

class ListColumns;
class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFontComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    enum Page { Appearance, Columns, FontAndColors, Layout, Time, Protocols, PageCount };
    PreferencesDialog(ListColumns* columns, QWidget* parent = nullptr);
    void showPage(Page page);
    // The changes made in the dialog, applied (what OK and Apply do).
    void apply();

protected:
    void changeEvent(QEvent* e) override;
    void showEvent(QShowEvent* e) override;

private:
    QWidget* makeAppearancePage();
    QWidget* makeColumnsPage();
    QWidget* makeFontPage();
    QWidget* makeLayoutPage();
    QWidget* makeTimePage();
    QWidget* makeProtocolsPage();
    void load(); // the controls show the preferences in force
    void retranslate();
    QTreeWidgetItem* addColumnItem(const QString& key, bool shown);
    void moveColumn(int by);
    void addColumn();

    ListColumns* columns_;
    QListWidget* pages_;
    QStackedWidget* stack_;
    QDialogButtonBox* buttons_;
    // Appearance
    QLabel* themeLabel_;
    QComboBox* theme_;
    QLabel* languageLabel_;
    QComboBox* language_;
    // Columns
    QTreeWidget* columnList_;
    QPushButton* columnUp_;
    QPushButton* columnDown_;
    QPushButton* columnRemove_;
    QLabel* columnFieldLabel_;
    QComboBox* columnField_;
    QPushButton* columnAdd_;
    // Font and colours
    QCheckBox* customFont_;
    QFontComboBox* fontFamily_;
    QLabel* fontSizeLabel_;
    QSpinBox* fontSize_;
    QLabel* zoomLabel_;
    QSpinBox* zoom_;
    QCheckBox* colorize_;
    QLabel* tcpLabel_;
    QCheckBox* tcpDesegment_;
    // Layout
    QButtonGroup* layouts_;
    QLabel* layoutLabel_;
    // Time
    QLabel* timeFormatLabel_;
    QComboBox* timeFormat_;
    QLabel* timePrecisionLabel_;
    QComboBox* timePrecision_;
};
