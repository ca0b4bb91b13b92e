#pragma once
// A filter field that checks its text as it is typed and says so in colour, as Wireshark's
// do: green when the filter compiles, red with the reason when it does not, plain when empty.
#include <QLineEdit>

#include <functional>

class FilterEdit : public QLineEdit {
    Q_OBJECT
public:
    // `check(text, &error)` returns whether `text` is a valid filter.
    using Check = std::function<bool(const QString& text, QString* error)>;
    explicit FilterEdit(Check check, QWidget* parent = nullptr);

    bool isValid() const { return valid_; }
    QString errorText() const { return error_; }

private:
    void recheck();

    Check check_;
    bool valid_ = true;
    QString error_;
};
