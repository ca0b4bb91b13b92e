#include "cli/commands.h"

#include "live/livecapture.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace synflow::cli {
namespace {

LiveCapture* g_capture = nullptr;

void onSignal(int)
{
    if (g_capture)
        g_capture->stop(); // an atomic store: safe in a signal handler
}

} // namespace

int runInterfaces(const Args& args)
{
    if (!args.empty())
        return fail("usage: synflow-cli interfaces", 2);
    std::vector<CaptureInterface> list;
    std::string error;
    if (!listCaptureInterfaces(list, error))
        return fail(error);
    for (const CaptureInterface& i : list) {
        std::string flags;
        if (i.up)
            flags += " up";
        if (i.running)
            flags += " running";
        if (i.loopback)
            flags += " loopback";
        if (i.wireless)
            flags += " wireless";
        std::string addrs;
        for (const std::string& a : i.addresses)
            addrs += (addrs.empty() ? "" : ", ") + a;
        std::printf("%s\t%s\t[%s ]\t%s\n", i.name.c_str(), i.description.c_str(), flags.c_str(), addrs.c_str());
    }
    return 0;
}

int runCapture(const Args& args)
{
    const char* usage = "usage: synflow-cli capture -i IFACE [-f FILTER] [-c COUNT] [-a duration:SECONDS|filesize:KB] [-s SNAPLEN] [-p] -w OUT.pcapng|-";
    CaptureOptions o;
    for (size_t k = 0; k < args.size(); ++k) {
        const std::string& a = args[k];
        auto value = [&]() -> const std::string* { return k + 1 < args.size() ? &args[++k] : nullptr; };
        const std::string* v = nullptr;
        if (a == "-p") {
            o.promiscuous = false;
            continue;
        }
        if (!(v = value()))
            return fail(usage, 2);
        if (a == "-i")
            o.interface = *v;
        else if (a == "-f")
            o.filter = *v;
        else if (a == "-w")
            o.output = *v;
        else if (a == "-c")
            o.stopAfterPackets = std::strtoull(v->c_str(), nullptr, 10);
        else if (a == "-s")
            o.snapLen = std::atoi(v->c_str());
        else if (a == "-a" && v->starts_with("duration:"))
            o.stopAfterSeconds = std::atof(v->c_str() + 9);
        else if (a == "-a" && v->starts_with("filesize:"))
            o.stopAfterBytes = std::strtoull(v->c_str() + 9, nullptr, 10) * 1000;
        else
            return fail(usage, 2);
    }
    if (o.interface.empty() || o.output.empty())
        return fail(usage, 2);
    LiveCapture capture;
    g_capture = &capture;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::string error;
    const bool ok = capture.run(o, error);
    g_capture = nullptr;
    const CaptureStats s = capture.stats();
    if (!ok && s.packets == 0)
        return fail(error);
    const std::string where = o.output == "-" ? "standard output" : o.output; // "-w -": pcapng down a pipe
    std::fprintf(stderr, "synflow-cli: %llu packets captured to %s (%llu received, %llu dropped by the kernel)\n",
                 static_cast<unsigned long long>(s.packets), where.c_str(), static_cast<unsigned long long>(s.received),
                 static_cast<unsigned long long>(s.dropped));
    return ok ? 0 : fail(error);
}

} // namespace synflow::cli
