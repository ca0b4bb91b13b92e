#include "stats/captureproperties.h"

#include "capture/capturefile.h"
#include "capture/timearith.h"
#include "decode/linktypes.h"

#include <cstdio>
#include <ctime>

namespace synflow {

bool encapsulationNames(uint16_t linkType, std::string& longName, int& wtapNumber, std::string& shortName)
{
    struct Name {
        uint16_t linkType;
        const char* longName;
        int wtap;
        const char* shortName;
    };
    // Wireshark 4.0's wiretap encapsulation table, for the link types we decode.
    static const Name names[] = {
        {linktype::Ethernet, "Ethernet", 1, "ether"},
        {linktype::Null, "NULL/Loopback", 15, "null"},
        {linktype::Raw, "Raw IP", 7, "rawip"},
        {linktype::RawOpenBsd, "Raw IP", 7, "rawip"},
        {linktype::RawAlt, "Raw IP", 7, "rawip"},
        {linktype::LinuxSll, "Linux cooked-mode capture v1", 25, "linux-sll"},
        {linktype::LinuxSll2, "Linux cooked-mode capture v2", 210, "linux-sll2"},
        {linktype::IPv4, "Raw IPv4", 129, "rawip4"},
        {linktype::IPv6, "Raw IPv6", 130, "rawip6"},
        {linktype::Ieee80211, "IEEE 802.11 Wireless LAN", 20, "ieee-802-11"},
        {linktype::Radiotap, "IEEE 802.11 plus radiotap radio header", 23, "ieee-802-11-radiotap"},
        {linktype::Ppi, "Per-Packet Information header", 97, "ppi"},
    };
    for (const Name& n : names)
        if (n.linkType == linkType) {
            longName = n.longName;
            wtapNumber = n.wtap;
            shortName = n.shortName;
            return true;
        }
    return false;
}

namespace {

int digitsOf(const InterfaceInfo& i)
{
    // if_tsresol: a power of ten below 10^-9 is shown as nanoseconds' digits at most; a power
    // of two as the decimal digits it needs (2^-20: microseconds, as Wireshark rounds it).
    if (i.tsResol & 0x80) {
        const int bits = i.tsResol & 0x7f;
        return bits <= 10 ? 3 : bits <= 20 ? 6 : 9;
    }
    return i.tsResol > 9 ? 9 : i.tsResol;
}

bool before(const Timestamp& a, const Timestamp& b) { return a.sec < b.sec || (a.sec == b.sec && a.nsec < b.nsec); }

const char* precisionName(int digits)
{
    switch (digits) {
    case 0: return "seconds";
    case 1: return "100 milliseconds (deciseconds)";
    case 2: return "10 milliseconds (centiseconds)";
    case 3: return "milliseconds";
    case 4: return "100 microseconds";
    case 5: return "10 microseconds";
    case 6: return "microseconds";
    case 7: return "100 nanoseconds";
    case 8: return "10 nanoseconds";
    default: return "nanoseconds";
    }
}

// "2026-11-24 15:26:38.255891" to `digits` places (capinfos shows local time; we show UTC,
// which is what it prints where TZ is UTC).
std::string timeText(const Timestamp& t, int digits)
{
    std::tm tm{};
    const time_t sec = time_t(t.sec);
    gmtime_r(&sec, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                  tm.tm_min, tm.tm_sec);
    std::string s = buf;
    if (digits > 0) {
        char frac[16];
        std::snprintf(frac, sizeof frac, ".%09u", t.nsec);
        s += std::string(frac).substr(0, size_t(digits) + 1);
    }
    return s;
}

std::string secondsText(int64_t ns, int digits)
{
    char buf[64];
    const uint64_t mag = ns < 0 ? uint64_t(0) - uint64_t(ns) : uint64_t(ns);
    std::snprintf(buf, sizeof buf, "%s%llu.%09llu", ns < 0 ? "-" : "", static_cast<unsigned long long>(mag / 1000000000),
                  static_cast<unsigned long long>(mag % 1000000000));
    std::string s = buf;
    return digits > 0 ? s.substr(0, s.find('.') + 1 + size_t(digits)) : s.substr(0, s.find('.'));
}

void line(std::string& out, const char* label, const std::string& value)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%-21s", label);
    out += buf;
    out += value;
    out += '\n';
}

} // namespace

std::string siSizeText(int64_t value, const char* plain, const char* prefixed)
{
    static const char* const prefix[] = {"k", "M", "G", "T"};
    int64_t power = 1000;
    int p = -1;
    for (int k = 0; k < 4; ++k, power *= 1000)
        if (value / power >= 10)
            p = k;
    if (p < 0)
        return std::to_string(value) + ' ' + plain;
    int64_t div = 1;
    for (int k = 0; k <= p; ++k)
        div *= 1000;
    return std::to_string(value / div) + ' ' + prefix[p] + prefixed;
}

CaptureProperties captureProperties(const CaptureFile& file)
{
    CaptureProperties p;
    p.path = file.path();
    p.format = file.format();
    p.fileSize = file.fileSize();
    p.sectionComments = file.sectionComments();
    p.sections = file.sections();
    const auto& ifaces = file.interfaces();
    for (const InterfaceInfo& i : ifaces)
        p.interfaces.push_back({i, 0});
    if (!ifaces.empty()) {
        p.timeDigits = p.format == FileFormat::PcapNanosecond ? 9 : p.format == FileFormat::Pcap ? 6 : digitsOf(ifaces[0]);
        if (p.format != FileFormat::PcapNg)
            p.snapLen = ifaces[0].snapLen;
    }
    const PacketIndex& index = file.index();
    Timestamp previous;
    bool havePrevious = false;
    for (size_t i = 0; i < index.size(); ++i) {
        const PacketRecord& r = index[i];
        if (r.kind == RecordKind::CustomBlock)
            continue;
        ++p.packets;
        p.dataBytes += r.origLen;
        if (r.iface < p.interfaces.size())
            ++p.interfaces[r.iface].packets;
        const uint16_t lt = r.iface < ifaces.size() ? ifaces[r.iface].linkType : 0;
        bool seen = false;
        for (auto& [type, count] : p.linkTypes)
            if (type == lt) {
                ++count;
                seen = true;
            }
        if (!seen)
            p.linkTypes.emplace_back(lt, 1);
        if (r.flags & RecordNoTimestamp)
            continue;
        const Timestamp t = file.exactTime(i);
        if (havePrevious && before(t, previous))
            p.strictTimeOrder = false;
        previous = t;
        havePrevious = true;
        if (!p.havePacketTimes || before(t, p.first))
            p.first = t;
        if (!p.havePacketTimes || before(p.last, t))
            p.last = t;
        p.havePacketTimes = true;
    }
    if (p.havePacketTimes)
        p.durationNs = saturatedNs(timeBetween(p.last, p.first)); // stamps may lie centuries apart
    if (const auto d = file.damage())
        p.damage = "damaged at byte " + std::to_string(d->offset) + ": " + d->what;
    return p;
}

std::string capinfosText(const CaptureProperties& p)
{
    std::string out;
    line(out, "File name:", p.path);
    line(out, "File type:", p.format == FileFormat::PcapNg         ? "Wireshark/... - pcapng"
                            : p.format == FileFormat::PcapNanosecond ? "Wireshark/tcpdump/... - nanosecond pcap"
                                                                    : "Wireshark/tcpdump/... - pcap");
    std::string longName, shortName;
    int wtap = 0;
    if (p.linkTypes.size() > 1) {
        line(out, "File encapsulation:", "Per packet");
        out += "Encapsulation in use by packets (# of pkts):\n";
        for (const auto& [type, count] : p.linkTypes)
            if (encapsulationNames(type, longName, wtap, shortName))
                out += std::string(21, ' ') + longName + " (" + std::to_string(count) + ")\n";
    } else if (!p.interfaces.empty() && encapsulationNames(p.linkTypes.empty() ? p.interfaces[0].info.linkType : p.linkTypes[0].first,
                                                           longName, wtap, shortName)) {
        line(out, "File encapsulation:", longName);
    }
    out += "File timestamp precision:  " + std::string(precisionName(p.timeDigits)) + " (" + std::to_string(p.timeDigits) + ")\n";
    line(out, "Packet size limit:", p.snapLen ? "file hdr: " + std::to_string(p.snapLen) + " bytes" : std::string("file hdr: (not set)"));
    // The count with an SI prefix and no unit ("12", "4709", "34 k").
    std::string count = siSizeText(int64_t(p.packets), "", "");
    while (!count.empty() && count.back() == ' ')
        count.pop_back();
    line(out, "Number of packets:", count);
    line(out, "File size:", siSizeText(int64_t(p.fileSize), "bytes", "B"));
    line(out, "Data size:", siSizeText(int64_t(p.dataBytes), "bytes", "B"));
    if (p.packets && p.havePacketTimes) {
        line(out, "Capture duration:", secondsText(p.durationNs, p.timeDigits) + " seconds");
        line(out, "First packet time:", timeText(p.first, p.timeDigits));
        line(out, "Last packet time:", timeText(p.last, p.timeDigits));
        // capinfos takes each time as double seconds since 1970 and subtracts them, which
        // loses about a quarter of a microsecond: its rates follow from that span.
        const double secs = (double(p.last.sec) + double(p.last.nsec) / 1e9) - (double(p.first.sec) + double(p.first.nsec) / 1e9);
        const double byteRate = secs > 0 ? double(p.dataBytes) / secs : 0.0;
        line(out, "Data byte rate:", siSizeText(int64_t(byteRate), "bytes/s", "Bps"));
        line(out, "Data bit rate:", siSizeText(int64_t(byteRate * 8), "bits/s", "bps"));
        char avg[64];
        std::snprintf(avg, sizeof avg, "%.2f bytes", double(p.dataBytes) / double(p.packets));
        line(out, "Average packet size:", avg);
        line(out, "Average packet rate:", siSizeText(int64_t(secs > 0 ? double(p.packets) / secs : 0.0), "packets/s", "packets/s"));
    }
    if (!p.sha256.empty())
        line(out, "SHA256:", p.sha256);
    if (!p.sha1.empty())
        line(out, "SHA1:", p.sha1);
    line(out, "Strict time order:", p.strictTimeOrder ? "True" : "False");
    // The first section's options (capinfos reports a file of several sections per section).
    if (!p.sections.empty()) {
        const SectionInfo& s = p.sections.front();
        if (!s.hardware.empty())
            line(out, "Capture hardware:", s.hardware);
        if (!s.os.empty())
            line(out, "Capture oper-sys:", s.os);
        if (!s.application.empty())
            line(out, "Capture application:", s.application);
        for (const std::string& c : s.comments)
            line(out, "Capture comment:", c);
    }
    out += "Number of interfaces in file: " + std::to_string(p.interfaces.size()) + "\n";
    for (size_t k = 0; k < p.interfaces.size(); ++k) {
        const InterfaceProperties& i = p.interfaces[k];
        out += "Interface #" + std::to_string(k) + " info:\n";
        const std::string pad(21, ' ');
        if (!i.info.name.empty())
            out += pad + "Name = " + i.info.name + "\n";
        if (!i.info.description.empty())
            out += pad + "Description = " + i.info.description + "\n";
        if (encapsulationNames(i.info.linkType, longName, wtap, shortName))
            out += pad + "Encapsulation = " + longName + " (" + std::to_string(wtap) + " - " + shortName + ")\n";
        out += pad + "Capture length = " + std::to_string(i.info.snapLen) + "\n";
        const int digits = p.format == FileFormat::PcapNg ? digitsOf(i.info) : p.timeDigits;
        out += pad + "Time precision = " + precisionName(digits) + " (" + std::to_string(digits) + ")\n";
        int64_t ticks = 1;
        for (int d = 0; d < digits; ++d)
            ticks *= 10;
        out += pad + "Time ticks per second = " + std::to_string(ticks) + "\n";
        if (i.info.hasTsResol) {
            char resol[32];
            std::snprintf(resol, sizeof resol, "0x%.2x", unsigned(i.info.tsResol));
            out += pad + "Time resolution = " + resol + "\n";
        }
        if (!i.info.filter.empty())
            out += pad + "Filter string = " + i.info.filter + "\n";
        if (!i.info.os.empty())
            out += pad + "Operating system = " + i.info.os + "\n";
        out += pad + "Number of stat entries = " + std::to_string(i.info.statEntries) + "\n";
        out += pad + "Number of packets = " + std::to_string(i.packets) + "\n";
    }
    return out;
}

} // namespace synflow
