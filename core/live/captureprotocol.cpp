#include "live/captureprotocol.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace synflow::captureprotocol {
namespace {

template <typename T>
bool number(std::string_view s, T& out)
{
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

bool seconds(const std::string& s, double& out)
{
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return !s.empty() && end == s.c_str() + s.size() && std::isfinite(out) && out >= 0;
}

} // namespace

const char* usage()
{
    return "usage: synflow-capture -i IFACE [-f FILTER] [-s SNAPLEN] [-p] [-B MIB] [-c PACKETS] "
           "[-a duration:SECONDS|filesize:KB|bytes:N]... -w FILE|-";
}

std::vector<std::string> helperArguments(const CaptureOptions& o)
{
    std::vector<std::string> a{"-i", o.interface};
    if (!o.filter.empty())
        a.insert(a.end(), {"-f", o.filter});
    a.insert(a.end(), {"-s", std::to_string(o.snapLen), "-B", std::to_string(o.bufferMiB)});
    if (!o.promiscuous)
        a.push_back("-p");
    if (o.stopAfterPackets)
        a.insert(a.end(), {"-c", std::to_string(o.stopAfterPackets)});
    if (o.stopAfterSeconds > 0) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "duration:%.17g", o.stopAfterSeconds);
        a.insert(a.end(), {"-a", buf});
    }
    if (o.stopAfterBytes)
        a.insert(a.end(), {"-a", "bytes:" + std::to_string(o.stopAfterBytes)});
    a.insert(a.end(), {"-w", o.output});
    return a;
}

bool parseHelperArguments(const std::vector<std::string>& args, CaptureOptions& o, std::string& error)
{
    o = CaptureOptions{};
    for (size_t k = 0; k < args.size(); ++k) {
        const std::string& a = args[k];
        if (a == "-p") {
            o.promiscuous = false;
            continue;
        }
        if (k + 1 >= args.size()) {
            error = a + " needs a value";
            return false;
        }
        const std::string& v = args[++k];
        bool ok = true;
        if (a == "-i")
            o.interface = v;
        else if (a == "-f")
            o.filter = v;
        else if (a == "-w")
            o.output = v;
        else if (a == "-s")
            ok = number(v, o.snapLen) && o.snapLen > 0;
        else if (a == "-B") // libpcap takes the buffer size in bytes, as an int
            ok = number(v, o.bufferMiB) && o.bufferMiB > 0 && o.bufferMiB < 2048;
        else if (a == "-c")
            ok = number(v, o.stopAfterPackets);
        else if (a == "-a" && v.starts_with("duration:"))
            ok = seconds(v.substr(9), o.stopAfterSeconds);
        else if (a == "-a" && v.starts_with("bytes:"))
            ok = number(std::string_view(v).substr(6), o.stopAfterBytes);
        else if (a == "-a" && v.starts_with("filesize:")) { // kilobytes, as dumpcap takes it
            uint64_t kb = 0;
            ok = number(std::string_view(v).substr(9), kb) && kb <= UINT64_MAX / 1000;
            o.stopAfterBytes = kb * 1000;
        } else {
            error = "unknown option " + a;
            return false;
        }
        if (!ok) {
            error = "bad value for " + a + ": " + v;
            return false;
        }
    }
    if (o.interface.empty() || o.output.empty()) {
        error = "an interface (-i) and an output (-w) are needed";
        return false;
    }
    return true;
}

std::string statsLine(const CaptureStats& s)
{
    char buf[128];
    std::snprintf(buf, sizeof buf, "stats %llu %llu %llu %llu %llu\n", static_cast<unsigned long long>(s.packets),
                  static_cast<unsigned long long>(s.bytes), static_cast<unsigned long long>(s.received),
                  static_cast<unsigned long long>(s.dropped), static_cast<unsigned long long>(s.ifDropped));
    return buf;
}

std::string errorLine(std::string_view message)
{
    std::string line = "error ";
    for (const char c : message)
        line += c == '\n' || c == '\r' ? ' ' : c;
    return line + '\n';
}

Status parseStatusLine(std::string_view line, CaptureStats& stats, std::string& message)
{
    if (line.starts_with("error ")) {
        message = line.substr(6);
        return Status::Error;
    }
    if (line.starts_with("stats ")) {
        uint64_t v[5];
        std::string_view rest = line.substr(6);
        int n = 0;
        for (; n < 5 && !rest.empty(); ++n) {
            const size_t space = rest.find(' ');
            if (!number(rest.substr(0, space), v[n]))
                break;
            rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
        }
        if (n == 5 && rest.empty()) {
            stats = {v[0], v[1], v[2], v[3], v[4]};
            return Status::Stats;
        }
    }
    message = line;
    return Status::Other;
}

} // namespace synflow::captureprotocol
