#include "packets/packetcommentedit.h"

#include "capture/capturefile.h"

#include <QInputDialog>

using namespace synflow;

QInputDialog* PacketCommentEdit::open(QWidget* parent, const CaptureFile& file, size_t frame, int which,
                                      std::function<void(size_t frame)> done)
{
    const std::vector<std::string> comments = file.packetComments(frame);
    const bool editing = which >= 0 && size_t(which) < comments.size();
    auto* dialog = new QInputDialog(parent);
    dialog->setObjectName(QStringLiteral("packetCommentDialog"));
    dialog->setAccessibleName(tr("Packet comment"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setOption(QInputDialog::UsePlainTextEditForTextInput);
    dialog->setWindowTitle(editing ? tr("Edit Packet Comment") : tr("Add Packet Comment"));
    dialog->setLabelText(tr("Comment on packet %1:").arg(frame + 1));
    if (editing)
        dialog->setTextValue(QString::fromStdString(comments[size_t(which)]));
    const CaptureFile* f = &file;
    QObject::connect(dialog, &QInputDialog::textValueSelected, dialog, [f, frame, which, editing, done](const QString& text) {
        store(*f, frame, editing ? which : -1, text);
        if (done)
            done(frame);
    });
    dialog->open();
    return dialog;
}

void PacketCommentEdit::store(const CaptureFile& file, size_t frame, int which, const QString& text)
{
    std::vector<std::string> comments = file.packetComments(frame);
    const std::string utf8 = text.toStdString();
    if (which < 0 || size_t(which) >= comments.size()) {
        if (utf8.empty())
            return; // nothing to add
        comments.push_back(utf8);
    } else if (utf8.empty()) {
        comments.erase(comments.begin() + which);
    } else {
        comments[size_t(which)] = utf8;
    }
    file.commentEdits().set(uint32_t(frame), std::move(comments));
}

void PacketCommentEdit::remove(const CaptureFile& file, size_t frame, int which)
{
    std::vector<std::string> comments = file.packetComments(frame);
    if (which < 0)
        comments.clear();
    else if (size_t(which) < comments.size())
        comments.erase(comments.begin() + which);
    file.commentEdits().set(uint32_t(frame), std::move(comments));
}

QString PacketCommentEdit::shortText(const QString& comment)
{
    QString line = comment.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (line.size() > 40)
        line = line.left(39) + QChar(0x2026);
    return line;
}
