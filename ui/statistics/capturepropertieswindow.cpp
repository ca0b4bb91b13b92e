#include "statistics/capturepropertieswindow.h"

#include "analysis/analysedcapture.h"
#include "support/anonymity.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QLocale>

#include <cmath>
#include <functional>

using namespace synflow;

namespace {

QTreeWidgetItem* row(QTreeWidgetItem* parent, const QString& label, const QString& value = {})
{
    auto* item = new QTreeWidgetItem(parent, {label, value});
    return item;
}

QString timeText(const Timestamp& t, int digits)
{
    const QDateTime dt = QDateTime::fromSecsSinceEpoch(t.sec, Qt::UTC);
    QString s = dt.toString(QStringLiteral("yyyy-MM-dd hh:mm:ss"));
    if (digits > 0)
        s += QLatin1Char('.') + QStringLiteral("%1").arg(t.nsec, 9, 10, QLatin1Char('0')).left(digits);
    return s + QStringLiteral(" UTC");
}

// A power of ten's digits, or a power of two's equivalent (bit 7 set), as if_tsresol gives them.
int tsDigits(uint8_t resol)
{
    if (!(resol & 0x80))
        return resol;
    return int(std::ceil(double(resol & 0x7f) * std::log10(2.0)));
}

FileDigests digestsOf(const QString& path, synflow::WorkControl* control)
{
    FileDigests d;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return d; // a capture read from standard input has no file to digest
    QCryptographicHash sha256(QCryptographicHash::Sha256), sha1(QCryptographicHash::Sha1);
    control->setTotal(uint64_t(std::max<qint64>(f.size(), 0)));
    while (!f.atEnd()) {
        if (control->stopRequested()) {
            d.complete = false;
            return d;
        }
        const QByteArray block = f.read(1 << 20);
        if (block.isEmpty())
            break;
        sha256.addData(block);
        sha1.addData(block);
        control->advance(uint64_t(block.size()));
    }
    d.sha256 = sha256.result().toHex().toStdString();
    d.sha1 = sha1.result().toHex().toStdString();
    return d;
}

} // namespace

CapturePropertiesWindow::CapturePropertiesWindow(QWidget* parent)
    : StatisticsWindow(QStringLiteral("capturePropertiesWindow"), parent)
{
    tree_ = new QTreeWidget(this);
    tree_->setObjectName(QStringLiteral("capturePropertiesTree"));
    tree_->setColumnCount(2);
    tree_->setUniformRowHeights(true);
    tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    copy_ = new QPushButton(this);
    copy_->setObjectName(QStringLiteral("copyToClipboard"));
    connect(copy_, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(asText()); });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(statusArea(QStringLiteral("capturePropertiesStatus")), 1);
    buttons->addWidget(copy_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tree_, 1);
    layout->addLayout(buttons);
    connect(&Anonymity::instance(), &Anonymity::changed, this, &CapturePropertiesWindow::rebuild);
    resize(760, 620);
    retranslate();
}

void CapturePropertiesWindow::recount()
{
    props_ = capture() ? captureProperties(capture()->file()) : CaptureProperties{};
    hashing_ = false;
    rebuild();
    if (!canCount())
        return;
    // The digests read the whole file: in the background, shown when done.
    hashing_ = true;
    rebuild();
    startCount<FileDigests>(
        [](const AnalysedCapture& capture, const std::vector<uint8_t>*, synflow::WorkControl* control) {
            return digestsOf(QString::fromStdString(capture.file().path()), control);
        },
        [this](std::shared_ptr<const FileDigests> d) {
            hashing_ = false;
            props_.sha256 = d->sha256;
            props_.sha1 = d->sha1;
            status()->clear();
            rebuild();
            emit counted();
        });
}

void CapturePropertiesWindow::rebuild()
{
    tree_->clear();
    if (!capture())
        return;
    const CaptureProperties& p = props_;
    const QLocale c = QLocale::c();
    auto* file = new QTreeWidgetItem(tree_, {tr("File")});
    row(file, tr("Name"), QString::fromStdString(p.path));
    row(file, tr("Length"), tr("%1 bytes").arg(p.fileSize));
    row(file, tr("Format"), QString::fromLatin1(p.format == FileFormat::PcapNg ? "pcapng" : p.format == FileFormat::PcapNanosecond ? "pcap (nanosecond)" : "pcap"));
    QStringList encaps;
    for (const auto& [type, count] : p.linkTypes) {
        std::string longName, shortName;
        int wtap = 0;
        encaps << (encapsulationNames(type, longName, wtap, shortName) ? QString::fromStdString(longName) : tr("link type %1").arg(type));
    }
    row(file, tr("Encapsulation"), encaps.join(QStringLiteral(", ")));
    if (p.snapLen)
        row(file, tr("Snapshot length"), QString::number(p.snapLen));
    const QString pending = hashing_ ? tr("Computing…") : tr("Unavailable");
    row(file, tr("SHA256"), p.sha256.empty() ? pending : QString::fromStdString(p.sha256));
    row(file, tr("SHA1"), p.sha1.empty() ? pending : QString::fromStdString(p.sha1));

    auto* time = new QTreeWidgetItem(tree_, {tr("Time")});
    if (p.havePacketTimes) {
        row(time, tr("First packet"), timeText(p.first, p.timeDigits));
        row(time, tr("Last packet"), timeText(p.last, p.timeDigits));
        row(time, tr("Elapsed"), tr("%1 s").arg(c.toString(double(p.durationNs) / 1e9, 'f', p.timeDigits)));
    }
    row(time, tr("Time precision"), tr("%n decimal place(s)", nullptr, p.timeDigits));
    row(time, tr("Strict time order"), p.strictTimeOrder ? tr("Yes") : tr("No"));

    for (size_t k = 0; k < p.sections.size(); ++k) {
        const SectionInfo& s = p.sections[k];
        if (s.hardware.empty() && s.os.empty() && s.application.empty() && s.comments.empty())
            continue;
        auto* section = new QTreeWidgetItem(tree_, {p.sections.size() > 1 ? tr("Section #%1").arg(k) : tr("Section")});
        if (!s.hardware.empty())
            row(section, tr("Hardware"), QString::fromStdString(s.hardware));
        if (!s.os.empty())
            row(section, tr("Operating system"), QString::fromStdString(s.os));
        if (!s.application.empty())
            row(section, tr("Application"), QString::fromStdString(s.application));
        for (const std::string& comment : s.comments)
            row(section, tr("Comment"), QString::fromStdString(comment));
    }

    auto* ifaces = new QTreeWidgetItem(tree_, {tr("Interfaces")});
    for (size_t k = 0; k < p.interfaces.size(); ++k) {
        const InterfaceProperties& i = p.interfaces[k];
        auto* it = row(ifaces, tr("Interface #%1").arg(k), QString::fromStdString(i.info.name));
        if (!i.info.description.empty())
            row(it, tr("Description"), QString::fromStdString(i.info.description));
        std::string longName, shortName;
        int wtap = 0;
        row(it, tr("Link type"),
            encapsulationNames(i.info.linkType, longName, wtap, shortName)
                ? QStringLiteral("%1 (%2)").arg(QString::fromStdString(longName)).arg(i.info.linkType)
                : QString::number(i.info.linkType));
        row(it, tr("Packet size limit"), tr("%1 bytes").arg(i.info.snapLen));
        if (!i.info.filter.empty())
            row(it, tr("Capture filter"), QString::fromStdString(i.info.filter));
        if (!i.info.os.empty())
            row(it, tr("Operating system"), QString::fromStdString(i.info.os));
        if (i.info.speed)
            row(it, tr("Speed"), QString::fromStdString(siSizeText(int64_t(i.info.speed), "bits/s", "bps")));
        if (i.info.hasTsResol)
            row(it, tr("Time resolution"), tr("0x%1 (%n decimal place(s))", nullptr, tsDigits(i.info.tsResol))
                                               .arg(i.info.tsResol, 2, 16, QLatin1Char('0')));
        if (p.format == FileFormat::PcapNg)
            row(it, tr("Statistics blocks"), QString::number(i.info.statEntries));
        row(it, tr("Dropped packets"), i.info.hasDropped ? QString::number(i.info.dropped) : tr("Unknown"));
        row(it, tr("Packets"), QString::number(i.packets));
    }

    auto* stats = new QTreeWidgetItem(tree_, {tr("Statistics")});
    const double secs = double(p.durationNs) / 1e9;
    row(stats, tr("Packets"), QString::number(p.packets));
    row(stats, tr("Time span"), tr("%1 s").arg(c.toString(secs, 'f', 3)));
    row(stats, tr("Average packets/s"), secs > 0 ? c.toString(double(p.packets) / secs, 'f', 1) : tr("N/A"));
    row(stats, tr("Average packet size"), p.packets ? tr("%1 bytes").arg(c.toString(double(p.dataBytes) / double(p.packets), 'f', 2)) : tr("N/A"));
    row(stats, tr("Bytes"), QString::number(p.dataBytes));
    row(stats, tr("Average bytes/s"), secs > 0 ? QString::fromStdString(siSizeText(int64_t(double(p.dataBytes) / secs), "bytes/s", "Bps")) : tr("N/A"));
    row(stats, tr("Average bits/s"), secs > 0 ? QString::fromStdString(siSizeText(int64_t(double(p.dataBytes) * 8 / secs), "bits/s", "bps")) : tr("N/A"));

    row(tree_->invisibleRootItem(), tr("Damage"), p.damage.empty() ? tr("None") : QString::fromStdString(p.damage));
    // Anonymised hosts: a comment, a capture filter or an interface's description may name one.
    if (Anonymity::instance().enabled())
        for (QTreeWidgetItemIterator it(tree_); *it; ++it)
            (*it)->setText(1, Anonymity::instance().shown((*it)->text(1), capture()));
    tree_->expandAll();
}

QString CapturePropertiesWindow::asText() const
{
    QString out;
    std::function<void(QTreeWidgetItem*, int)> walk = [&](QTreeWidgetItem* item, int depth) {
        for (int k = 0; k < item->childCount(); ++k) {
            QTreeWidgetItem* c = item->child(k);
            out += QString(depth * 2, QLatin1Char(' ')) + c->text(0);
            if (!c->text(1).isEmpty())
                out += (c->text(0).isEmpty() ? QString() : QStringLiteral(": ")) + c->text(1);
            out += QLatin1Char('\n');
            walk(c, depth + 1);
        }
    };
    walk(tree_->invisibleRootItem(), 0);
    return out;
}

void CapturePropertiesWindow::retranslate()
{
    setWindowTitle(tr("Capture File Properties"));
    tree_->setHeaderLabels({tr("Property"), tr("Value")});
    tree_->setAccessibleName(tr("Capture file properties"));
    copy_->setText(tr("Copy to Clipboard"));
    copy_->setAccessibleName(copy_->text());
    rebuild();
}
