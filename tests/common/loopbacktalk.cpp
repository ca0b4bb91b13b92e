#include "common/loopbacktalk.h"

#include "live/livecapture.h"

#include <QTemporaryDir>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace synflow::test {

bool mayCaptureOnLoopback()
{
    QTemporaryDir dir;
    LiveCapture probe;
    CaptureOptions o;
    o.interface = "lo";
    o.output = dir.filePath("probe.pcapng").toStdString();
    o.stopAfterSeconds = 0.01;
    std::string error;
    return probe.run(o, error);
}

int listenOnFreePort(uint16_t& port)
{
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    listen(s, 1);
    socklen_t len = sizeof a;
    getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
    return s;
}

void converse(int listener, uint16_t port)
{
    std::thread server([listener] {
        const int c = accept(listener, nullptr, nullptr);
        char buf[256];
        (void)!read(c, buf, sizeof buf);
        (void)!write(c, "hello back\n", 11);
        while (read(c, buf, sizeof buf) > 0) { }
        usleep(100000);
        close(c);
    });
    const int c = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    ::connect(c, reinterpret_cast<sockaddr*>(&a), sizeof a);
    (void)!write(c, "hello\n", 6);
    char buf[64];
    (void)!read(c, buf, sizeof buf);
    shutdown(c, SHUT_WR);
    while (read(c, buf, sizeof buf) > 0) { }
    close(c);
    server.join();
}

} // namespace synflow::test
