#include "window/aboutdialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <pcap/pcap.h>

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    text_ = new QLabel(this);
    text_->setObjectName(QStringLiteral("aboutText"));
    text_->setTextFormat(Qt::RichText);
    text_->setTextInteractionFlags(Qt::TextBrowserInteraction);
    text_->setOpenExternalLinks(true);
    text_->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("aboutButtons"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text_);
    layout->addWidget(buttons);
    retranslate();
}

QStringList AboutDialog::versions()
{
    return {QStringLiteral("SynFlow %1").arg(QStringLiteral(SYNFLOW_VERSION)),
            QStringLiteral("Qt %1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
            QString::fromLatin1(pcap_lib_version())};
}

void AboutDialog::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(e);
}

void AboutDialog::retranslate()
{
    setWindowTitle(tr("About SynFlow"));
    text_->setAccessibleName(tr("About SynFlow"));
    const QStringList v = versions();
    text_->setText(QStringLiteral("<h2>%1</h2><p>%2</p><p>%3</p><p>%4</p>")
                       .arg(v[0].toHtmlEscaped(), tr("A packet capture viewer that follows TCP conversations, with flow graphs."),
                            QStringList{v[1].toHtmlEscaped(), v[2].toHtmlEscaped()}.join(QStringLiteral("<br>")),
                            tr("SynFlow is free software, released under the GNU General Public License, version 2. "
                               "It comes with ABSOLUTELY NO WARRANTY.")));
    if (auto* close = findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Close))
        close->setAccessibleName(tr("Close"));
}
