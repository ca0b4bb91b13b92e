#include "common/vethpair.h"

#include <QProcess>

#include <arpa/inet.h>
#include <cstring>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <sys/socket.h>
#include <unistd.h>

namespace synflow::test {
namespace {

bool ip(const QStringList& args, std::string& error)
{
    QProcess p;
    p.start(QStringLiteral("ip"), args);
    if (!p.waitForFinished(10000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        error = ("ip " + args.join(QLatin1Char(' ')) + ": " + QString::fromLocal8Bit(p.readAllStandardError()).trimmed()).toStdString();
        return false;
    }
    return true;
}

} // namespace

VethPair::VethPair()
    : name_("sfcap" + std::to_string(getpid() % 100000)), peer_("sfpeer" + std::to_string(getpid() % 100000))
{
}

VethPair::~VethPair() { remove(); }

bool VethPair::create(std::string& error)
{
    const QString a = QString::fromStdString(name_), b = QString::fromStdString(peer_);
    if (!ip({"link", "add", a, "type", "veth", "peer", "name", b}, error))
        return false;
    created_ = true;
    return ip({"link", "set", a, "up"}, error) && ip({"link", "set", b, "up"}, error);
}

bool VethPair::sendFrames(int count)
{
    const int s = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    if (s < 0)
        return false;
    sockaddr_ll to{};
    to.sll_family = AF_PACKET;
    to.sll_ifindex = int(if_nametoindex(name_.c_str()));
    to.sll_halen = ETH_ALEN;
    unsigned char frame[60] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 1, 0x88, 0xb5}; // local experimental EtherType
    std::memcpy(frame + 14, "synflow test frame", 18);
    bool ok = to.sll_ifindex != 0;
    for (int i = 0; ok && i < count; ++i)
        ok = sendto(s, frame, sizeof frame, 0, reinterpret_cast<sockaddr*>(&to), sizeof to) == ssize_t(sizeof frame);
    close(s);
    return ok;
}

void VethPair::remove()
{
    if (!created_)
        return;
    std::string ignored;
    ip({"link", "del", QString::fromStdString(name_)}, ignored);
    created_ = false;
}

} // namespace synflow::test
