#include "packets/filteredit.h"

FilterEdit::FilterEdit(Check check, QWidget* parent) : QLineEdit(parent), check_(std::move(check))
{
    setClearButtonEnabled(true);
    connect(this, &QLineEdit::textChanged, this, &FilterEdit::recheck);
}

void FilterEdit::recheck()
{
    const QString t = text().trimmed();
    error_.clear();
    const bool valid = t.isEmpty() || check_(t, &error_);
    // Pale green and red that keep dark text readable in light and dark themes alike.
    if (t.isEmpty())
        setStyleSheet(QString());
    else
        setStyleSheet(valid ? QStringLiteral("QLineEdit { background: #afe8af; color: black; }")
                            : QStringLiteral("QLineEdit { background: #f4b2b2; color: black; }"));
    setToolTip(error_);
    valid_ = valid;
}
