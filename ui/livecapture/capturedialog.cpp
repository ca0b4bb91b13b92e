#include "livecapture/capturedialog.h"

#include "packets/filteredit.h"
#include "livecapture/interfacelist.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {

constexpr int kEthernet = 1; // DLT_EN10MB: what Linux interfaces, loopback too, deliver

QSpinBox* spin(int min, int max, int value, const QString& suffix, QWidget* parent)
{
    auto* s = new QSpinBox(parent);
    s->setRange(min, max);
    s->setValue(value);
    s->setSuffix(suffix);
    return s;
}

} // namespace

CaptureDialog::CaptureDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Capture Options"));
    list_ = new InterfaceList(this);
    filter_ = new FilterEdit(
        [](const QString& text, QString* error) {
            std::string why;
            const bool ok = synflow::checkCaptureFilter(text.toStdString(), kEthernet, why);
            *error = QString::fromStdString(why);
            return ok;
        },
        this);
    filter_->setPlaceholderText(tr("Capture filter, e.g. tcp port 22 (empty: everything)"));
    filter_->setClearButtonEnabled(true);
    filterNote_ = new QLabel(this);
    filterNote_->setWordWrap(true);
    snapLen_ = spin(64, 262144, 262144, tr(" bytes"), this);
    promiscuous_ = new QCheckBox(tr("Promiscuous mode (see traffic of other hosts on the link)"), this);
    buffer_ = spin(1, 1024, 2, tr(" MiB"), this);
    stopPackets_ = new QCheckBox(tr("after"), this);
    packets_ = spin(1, 1000000000, 1000, tr(" packets"), this);
    stopSeconds_ = new QCheckBox(tr("after"), this);
    seconds_ = spin(1, 86400 * 7, 60, tr(" seconds"), this);
    stopMegabytes_ = new QCheckBox(tr("after"), this);
    megabytes_ = spin(1, 1000000, 100, tr(" megabytes"), this);

    auto* options = new QFormLayout;
    options->addRow(tr("Capture &filter:"), filter_);
    options->addRow(QString(), filterNote_);
    options->addRow(tr("&Snapshot length:"), snapLen_);
    options->addRow(QString(), promiscuous_);
    options->addRow(tr("&Buffer size:"), buffer_);
    auto* stop = new QGroupBox(tr("Stop capturing automatically"), this);
    auto* stopLayout = new QFormLayout(stop);
    for (auto [check, value] : {std::pair{stopPackets_, packets_}, {stopSeconds_, seconds_}, {stopMegabytes_, megabytes_}}) {
        value->setEnabled(false);
        connect(check, &QCheckBox::toggled, value, &QWidget::setEnabled);
        stopLayout->addRow(check, value);
    }
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons_->addButton(tr("&Start"), QDialogButtonBox::AcceptRole)->setDefault(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Double-click an interface to start capturing on it. The line shows its packets per second."), this));
    layout->addWidget(list_, 1);
    if (!list_->errorText().isEmpty())
        layout->addWidget(new QLabel(tr("Cannot list interfaces: %1").arg(list_->errorText()), this));
    layout->addLayout(options);
    layout->addWidget(stop);
    layout->addWidget(buttons_);

    connect(filter_, &QLineEdit::textChanged, this, [this] {
        filterNote_->setText(filter_->errorText());
        updateStart();
    });
    connect(list_, &QTreeWidget::currentItemChanged, this, &CaptureDialog::updateStart);
    connect(list_, &InterfaceList::interfaceActivated, this, [this] {
        if (filter_->isValid())
            accept();
    });
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setOptions(savedOptions());
    resize(760, 600);
}

bool CaptureDialog::filterValid() const { return filter_->isValid(); }

QLineEdit* CaptureDialog::filterEdit() const { return filter_; }

QString CaptureDialog::filterMessage() const { return filterNote_->text(); }

void CaptureDialog::updateStart()
{
    for (QAbstractButton* b : buttons_->buttons())
        if (buttons_->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(filter_->isValid() && !list_->currentInterface().isEmpty());
}

synflow::CaptureOptions CaptureDialog::options() const
{
    synflow::CaptureOptions o;
    o.interface = list_->currentInterface().toStdString();
    o.filter = filter_->text().trimmed().toStdString();
    o.snapLen = snapLen_->value();
    o.promiscuous = promiscuous_->isChecked();
    o.bufferMiB = buffer_->value();
    o.stopAfterPackets = stopPackets_->isChecked() ? uint64_t(packets_->value()) : 0;
    o.stopAfterSeconds = stopSeconds_->isChecked() ? seconds_->value() : 0;
    o.stopAfterBytes = stopMegabytes_->isChecked() ? uint64_t(megabytes_->value()) * 1000000 : 0;
    return o;
}

void CaptureDialog::setOptions(const synflow::CaptureOptions& o)
{
    list_->selectInterface(QString::fromStdString(o.interface));
    filter_->setText(QString::fromStdString(o.filter));
    snapLen_->setValue(o.snapLen);
    promiscuous_->setChecked(o.promiscuous);
    buffer_->setValue(o.bufferMiB);
    stopPackets_->setChecked(o.stopAfterPackets);
    if (o.stopAfterPackets)
        packets_->setValue(int(o.stopAfterPackets));
    stopSeconds_->setChecked(o.stopAfterSeconds > 0);
    if (o.stopAfterSeconds > 0)
        seconds_->setValue(int(o.stopAfterSeconds));
    stopMegabytes_->setChecked(o.stopAfterBytes);
    if (o.stopAfterBytes)
        megabytes_->setValue(int(o.stopAfterBytes / 1000000));
    updateStart();
}

synflow::CaptureOptions CaptureDialog::savedOptions()
{
    QSettings s;
    s.beginGroup(QStringLiteral("capture"));
    synflow::CaptureOptions o;
    o.interface = s.value(QStringLiteral("interface"), QStringLiteral("lo")).toString().toStdString();
    o.filter = s.value(QStringLiteral("filter")).toString().toStdString();
    o.snapLen = s.value(QStringLiteral("snapLen"), o.snapLen).toInt();
    o.promiscuous = s.value(QStringLiteral("promiscuous"), o.promiscuous).toBool();
    o.bufferMiB = s.value(QStringLiteral("bufferMiB"), o.bufferMiB).toInt();
    o.stopAfterPackets = s.value(QStringLiteral("stopAfterPackets"), 0).toULongLong();
    o.stopAfterSeconds = s.value(QStringLiteral("stopAfterSeconds"), 0).toDouble();
    o.stopAfterBytes = s.value(QStringLiteral("stopAfterBytes"), 0).toULongLong();
    return o;
}

void CaptureDialog::saveOptions(const synflow::CaptureOptions& o)
{
    QSettings s;
    s.beginGroup(QStringLiteral("capture"));
    s.setValue(QStringLiteral("interface"), QString::fromStdString(o.interface));
    s.setValue(QStringLiteral("filter"), QString::fromStdString(o.filter));
    s.setValue(QStringLiteral("snapLen"), o.snapLen);
    s.setValue(QStringLiteral("promiscuous"), o.promiscuous);
    s.setValue(QStringLiteral("bufferMiB"), o.bufferMiB);
    s.setValue(QStringLiteral("stopAfterPackets"), qulonglong(o.stopAfterPackets));
    s.setValue(QStringLiteral("stopAfterSeconds"), o.stopAfterSeconds);
    s.setValue(QStringLiteral("stopAfterBytes"), qulonglong(o.stopAfterBytes));
}
