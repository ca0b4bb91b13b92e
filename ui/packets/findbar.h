#pragma once
// Edit → Find Packet's bar above the packet list, as Wireshark's: where to search (packet list,
// details, bytes), case sensitivity, what the text is (display filter, hex value, string), the
// text, Find and Cancel. It says what to find; the packet pane searches.
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QLabel;
class QProgressBar;

class FindBar : public QWidget {
    Q_OBJECT
public:
    enum class Where { PacketList, Details, Bytes };
    enum class Kind { DisplayFilter, HexValue, String };

    explicit FindBar(QWidget* parent = nullptr);

    Where where() const;
    Kind kind() const;
    QString text() const;
    bool caseSensitive() const;
    void setQuery(Kind kind, const QString& text, Where where = Where::PacketList);
    void activate(); // shown, the text selected and focused
    // A search in the background: its progress shows, and Cancel (or Escape) stops it.
    void setSearching(bool searching);
    void setProgress(int permille);
    bool isSearching() const { return searching_; }

signals:
    void findRequested(bool backwards);
    void cancelSearchRequested();

protected:
    void changeEvent(QEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;

private:
    void retranslate();
    void updateEnabled(); // a display filter or a hex value searches no chosen place

    QComboBox* where_;
    QCheckBox* case_;
    QComboBox* kind_;
    QLineEdit* text_;
    QPushButton* find_;
    QPushButton* cancel_;
    QProgressBar* progress_;
    bool searching_ = false;
};
