#pragma once
// Offset, hex and ASCII columns of a frame's bytes, with the selected field's bytes
// highlighted. Clicking a byte reports its offset.
#include <QAbstractScrollArea>
#include <QByteArray>

class HexView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit HexView(QWidget* parent = nullptr);

    void setBytes(const QByteArray& bytes);
    void setHighlight(uint32_t offset, uint32_t length);
    uint32_t highlightOffset() const { return hlOffset_; }
    uint32_t highlightLength() const { return hlLength_; }
    QString hexText(uint32_t offset, uint32_t length) const; // "45 00 00 3c"
    int byteAt(const QPoint& pos) const;                       // -1 outside the bytes
    const QByteArray& bytes() const { return bytes_; }

signals:
    void byteClicked(uint32_t offset);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;
    void resizeEvent(QResizeEvent*) override;
    void changeEvent(QEvent* e) override; // a zoomed font changes the lines' height

private:
    void updateScrollBar();
    int lineHeight() const;
    int charWidth() const;

    QByteArray bytes_;
    uint32_t hlOffset_ = 0, hlLength_ = 0;
};
