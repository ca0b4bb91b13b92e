#pragma once
// Adding, editing and deleting a packet's comments (Wireshark's Packet Comments menu). The
// comments go to the capture's comment edits (CaptureFile::commentEdits()), which every view
// reads; saving writes them into a pcapng.
#include <QCoreApplication>
#include <QString>

#include <cstddef>
#include <functional>

class QInputDialog;
class QWidget;

namespace synflow {
class CaptureFile;
}

class PacketCommentEdit {
    Q_DECLARE_TR_FUNCTIONS(PacketCommentEdit)
public:
    // Opens the editor on comment `which` of `frame` (0-based; which < 0: a new comment), window
    // modal and not blocking; `done` runs once the change is stored. The dialog is returned (for
    // tests); it deletes itself when closed.
    static QInputDialog* open(QWidget* parent, const synflow::CaptureFile& file, size_t frame, int which,
                              std::function<void(size_t frame)> done);
    // Stores `text` as comment `which` of `frame` (which < 0 or past the end: added; an empty
    // text deletes that comment).
    static void store(const synflow::CaptureFile& file, size_t frame, int which, const QString& text);
    // Deletes comment `which` (which < 0: all of them).
    static void remove(const synflow::CaptureFile& file, size_t frame, int which);
    // The comment as a menu entry names it: its first line, shortened.
    static QString shortText(const QString& comment);
};
