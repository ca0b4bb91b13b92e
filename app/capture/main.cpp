// synflow-capture: the only SynFlow program given the capture capabilities, as Wireshark's
// dumpcap is; the GUI and synflow-cli run it and read its status lines (live/captureprotocol.h).
// It opens the interface, drops the capture capabilities, then writes pcapng to a file or stdout.
#include "capture/pcapngwriter.h"
#include "live/captureprotocol.h"
#include "pcapcapture.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace {

volatile std::sig_atomic_t g_stop = 0;

void onSignal(int)
{
    g_stop = 1;
}

// Status goes to stderr; false once nobody reads it any more (the parent is gone).
bool tell(const std::string& line)
{
    for (size_t done = 0; done < line.size();) {
        const ssize_t n = write(STDERR_FILENO, line.data() + done, line.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += size_t(n);
    }
    return true;
}

int failWith(const std::string& message, int code = 1)
{
    tell(synflow::captureprotocol::errorLine(message));
    return code;
}

// Gives up the two capabilities the package grants; the open capture socket keeps working
// without them, and a user's output file is then created with that user's rights only.
// Others are kept: root run by hand still writes where root may.
bool dropCaptureCapabilities()
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
    if (syscall(SYS_capget, &header, data) != 0)
        return false;
    for (const int cap : {CAP_NET_RAW, CAP_NET_ADMIN}) {
        const uint32_t bit = CAP_TO_MASK(cap);
        auto& d = data[CAP_TO_INDEX(cap)];
        d.effective &= ~bit;
        d.permitted &= ~bit;
        d.inheritable &= ~bit;
    }
    return syscall(SYS_capset, &header, data) == 0;
}

} // namespace

int main(int argc, char** argv)
{
    using namespace synflow;
    std::signal(SIGPIPE, SIG_IGN); // a reader gone shows as a failed write, handled below
    struct sigaction sa{};
    sa.sa_handler = onSignal; // no SA_RESTART: a stop interrupts the wait for packets
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    // LiveCapture starts us with both blocked, so a stop sent before this point is kept.
    sigset_t stops;
    sigemptyset(&stops);
    sigaddset(&stops, SIGTERM);
    sigaddset(&stops, SIGINT);
    sigprocmask(SIG_UNBLOCK, &stops, nullptr);

    CaptureOptions o;
    std::string error;
    if (!captureprotocol::parseHelperArguments(std::vector<std::string>(argv + 1, argv + argc), o, error))
        return failWith(error + " (" + captureprotocol::usage() + ")", 2);

    PcapCapture capture;
    if (!capture.open(o, error))
        return failWith(error);
    if (!dropCaptureCapabilities())
        return failWith(std::string("cannot drop the capture capabilities: ") + std::strerror(errno));

    PcapNgWriter writer;
    const bool toStdout = o.output == "-";
    const std::string outputName = toStdout ? std::string("standard output") : o.output;
    const bool opened = toStdout ? writer.open(stdout, outputName, capture.linkType(), capture.snapLen(), o.interface, error)
                                 : writer.open(o.output, capture.linkType(), capture.snapLen(), o.interface, error);
    if (!opened)
        return failWith(error);

    bool ok = capture.run(writer, outputName, g_stop, [](const CaptureStats& s) { return tell(captureprotocol::statsLine(s)); },
                          error);
    if (!writer.close() && ok) {
        error = "cannot finish writing " + outputName;
        ok = false;
    }
    CaptureStats final = capture.stats();
    final.bytes = writer.bytesWritten();
    tell(captureprotocol::statsLine(final));
    return ok ? 0 : failWith(error);
}
