// The detail tree's 802.11 layers as tshark -V shows them: the radiotap or PPI header before the
// frame, the 802.11 MAC header (frame control and its flags, duration, the addresses named by the
// DS bits, sequence control, FCS, QoS control, CCMP parameters) and a management frame's fixed
// and tagged parameters. What follows a data frame's header (LLC/SNAP and up) is
// encapsulationtree.cpp's. Addresses are shown without vendor names (TSHARK_DIFFERENCES.md).
#include "tree/treebuild.h"

#include "decode/linktypes.h"

namespace synflow::treebuild {
namespace {

// "2437 [BG 6]", as tshark labels a channel's frequency.
std::string channelLabel(uint32_t mhz)
{
    if (mhz == 2484)
        return fmt("%u [BG 14]", mhz);
    if (mhz >= 2412 && mhz < 2484 && (mhz - 2407) % 5 == 0)
        return fmt("%u [BG %u]", mhz, (mhz - 2407) / 5);
    if (mhz >= 5000 && mhz < 5900 && mhz % 5 == 0)
        return fmt("%u [A %u]", mhz, (mhz - 5000) / 5);
    return fmt("%u", mhz);
}

// The channel flags' names, bit by bit (radiotap's and PPI's share them).
constexpr const char* kChannelFlag[16] = {"700 MHz spectrum", "800 MHz spectrum", "900 MHz spectrum", nullptr, "Turbo",
                                          "Complementary Code Keying (CCK)", "Orthogonal Frequency-Division Multiplexing (OFDM)",
                                          "2 GHz spectrum", "5 GHz spectrum", "Passive", "Dynamic CCK-OFDM",
                                          "Gaussian Frequency Shift Keying (GFSK)", "GSM (900MHz)", "Static Turbo",
                                          "Half Rate Channel (10MHz Channel Width)", "Quarter Rate Channel (5MHz Channel Width)"};

// What the radio header says, for the "802.11 radio information" layer tshark puts after it.
struct Radio {
    bool fcs = false; // an FCS ends the 802.11 frame
    bool ppi = false;
    bool hasTsf = false, hasFlags = false, hasRate = false, hasChannel = false, hasMcs = false;
    bool hasDbSignal = false, hasDbmSignal = false, hasDbmNoise = false;
    uint64_t tsf = 0;
    uint8_t flags = 0;
    uint32_t rate = 0; // in 500 kb/s
    uint32_t freq = 0, channelFlags = 0;
    uint8_t mcs[3] = {};
    int dbSignal = 0, dbmSignal = 0, dbmNoise = 0;
    // PPI's 802.11n MAC+PHY field: the HT lines come from it.
    bool ppiHt = false;
    uint32_t ppiFlags = 0;
    uint8_t ppiMcs = 0, ppiStreams = 0;
};

// --- radiotap ---------------------------------------------------------------------------------

constexpr const char* kPresentName[32] = {
    "TSFT", "Flags", "Rate", "Channel", "FHSS", "dBm Antenna Signal", "dBm Antenna Noise", "Lock Quality", "TX Attenuation",
    "dB TX Attenuation", "dBm TX Power", "Antenna", "dB Antenna Signal", "dB Antenna Noise", "RX flags", "TX flags", nullptr,
    "data retries", "Channel+", "MCS information", "A-MPDU Status", "VHT information", "frame timestamp", "HE information",
    "HE-MU information", nullptr, "0 Length PSDU", "L-SIG", "TLVs", "Radiotap NS next", "Vendor NS next", "Ext"};

// Each radiotap field's alignment and size (0: not known, the walk stops there).
struct FieldShape {
    uint8_t align, size;
};
constexpr FieldShape kShape[29] = {{8, 8}, {1, 1}, {1, 1}, {2, 4}, {1, 2}, {1, 1}, {1, 1}, {2, 2}, {2, 2}, {2, 2},
                                   {1, 1}, {1, 1}, {1, 1}, {1, 1}, {2, 2}, {2, 2}, {1, 1}, {1, 1}, {4, 8}, {1, 3},
                                   {4, 8}, {2, 12}, {8, 12}, {2, 12}, {2, 12}, {0, 0}, {1, 1}, {2, 4}, {0, 0}};

void radiotapChannel(DetailTree& t, int32_t r, const uint8_t* p, uint32_t off)
{
    const uint16_t freq = loadLe16(p), flags = loadLe16(p + 2);
    t.add(r, "Channel frequency: " + channelLabel(freq), off, 2);
    std::string names;
    for (int b = 0; b < 16; ++b)
        if ((flags >> b & 1) && kChannelFlag[b])
            names += std::string(", ") + kChannelFlag[b];
    const int32_t c = t.add(r, fmt("Channel flags: 0x%04x", flags) + names, off + 2, 2);
    for (int b = 0; b < 16; ++b)
        if (kChannelFlag[b])
            t.add(c, bitLine(flags, 1u << b, 16, std::string(kChannelFlag[b]) + ": " + trueFalse(flags >> b & 1)), off + 2, 2, 1u << b);
}

void radiotapMcs(DetailTree& t, int32_t r, const uint8_t* p, uint32_t off)
{
    const uint8_t known = p[0], flags = p[1], index = p[2];
    static const char* knownName[7] = {"Bandwidth", "MCS index", "Guard interval", "Format", "FEC type", "STBC streams",
                                       "Number of extension spatial streams"};
    const int32_t m = t.add(r, "MCS information", off, 3);
    std::string names;
    for (int b = 0; b < 7; ++b)
        if (known >> b & 1)
            names += std::string(", ") + knownName[b];
    const int32_t k = t.add(m, fmt("Known MCS information: 0x%02x", known) + names, off, 1);
    for (int b = 0; b < 7; ++b)
        t.add(k, bitLine(known, 1u << b, 8, std::string(knownName[b]) + ": " + ((known >> b & 1) ? "Present" : "Absent")), off, 1, 1u << b);
    static const char* bandwidth[4] = {"20 MHz", "40 MHz", "20 MHz lower", "20 MHz upper"};
    if (known & 0x01)
        t.add(m, bitLine(flags, 0x03, 8, fmt("Bandwidth: %s (%u)", bandwidth[flags & 3], flags & 3)), off + 1, 1, 0x03);
    if (known & 0x04)
        t.add(m, bitLine(flags, 0x04, 8, fmt("Guard interval: %s (%u)", (flags & 4) ? "short" : "long", (flags >> 2) & 1)), off + 1, 1, 0x04);
    if (known & 0x08)
        t.add(m, bitLine(flags, 0x08, 8, fmt("Format: %s (%u)", (flags & 8) ? "greenfield" : "mixed", (flags >> 3) & 1)), off + 1, 1, 0x08);
    if (known & 0x10)
        t.add(m, bitLine(flags, 0x10, 8, fmt("FEC type: %s (%u)", (flags & 0x10) ? "LDPC" : "BCC", (flags >> 4) & 1)), off + 1, 1, 0x10);
    if (known & 0x20)
        t.add(m, bitLine(flags, 0x60, 8, fmt("STBC streams: %u", (flags >> 5) & 3)), off + 1, 1, 0x60);
    if (known & 0x40)
        t.add(m, bitLine(flags, 0x80, 8, fmt("Number of extension spatial streams: %u", flags >> 7)), off + 1, 1, 0x80);
    if (known & 0x02)
        t.add(m, fmt("MCS index: %u", index), off + 2, 1);
}

// The extended channel field: flags (with the HT channel widths), frequency, channel number.
void radiotapXChannel(DetailTree& t, int32_t r, const uint8_t* p, uint32_t off)
{
    const uint32_t flags = loadLe32(p);
    t.add(r, fmt("Channel number: %u", p[6]), off + 6, 1);
    t.add(r, fmt("Channel frequency: %u", loadLe16(p + 4)), off + 4, 2);
    static const char* ht[3] = {"HT Channel (20MHz Channel Width)", "HT Channel (40MHz Channel Width with Extension channel above)",
                                "HT Channel (40MHz Channel Width with Extension channel below)"};
    auto nameOf = [&](int b) { return b < 16 ? kChannelFlag[b] : b < 19 ? ht[b - 16] : nullptr; };
    std::string names;
    for (int b = 4; b < 19; ++b)
        if ((flags >> b & 1) && nameOf(b))
            names += std::string(", ") + nameOf(b);
    const int32_t c = t.add(r, fmt("Channel flags: 0x%08x", flags) + names, off, 4);
    for (int b = 4; b < 19; ++b)
        t.add(c, bitLine(flags, 1u << b, 24, std::string(nameOf(b)) + ": " + trueFalse(flags >> b & 1)), off, 4, 1u << b);
}

// An HT frame's rate from its MCS field (index, bandwidth, guard interval); 0 when unknown.
double htRate(const uint8_t* p)
{
    const uint8_t known = p[0], flags = p[1], index = p[2];
    if (!(known & 0x02) || index > 31)
        return 0;
    static const double base20[8] = {6.5, 13, 19.5, 26, 39, 52, 58.5, 65};
    static const double base40[8] = {13.5, 27, 40.5, 54, 81, 108, 121.5, 135};
    const bool wide = (known & 0x01) && (flags & 3) == 1;
    double rate = (wide ? base40 : base20)[index % 8] * (index / 8 + 1);
    if ((known & 0x04) && (flags & 0x04))
        rate = rate * 10 / 9;
    return rate;
}

int32_t buildRadiotap(DetailTree& t, const DecodedPacket& d, Radio& radio)
{
    const uint32_t cap = uint32_t(d.frame.size());
    if (cap < 8)
        return -1;
    const uint8_t* p = d.at(0);
    const uint32_t len = std::min<uint32_t>(loadLe16(p + 2), cap);
    const int32_t r = t.add(-1, fmt("Radiotap Header v%u, Length %u", p[0], loadLe16(p + 2)), 0, len);
    t.add(r, fmt("Header revision: %u", p[0]), 0, 1);
    t.add(r, fmt("Header pad: %u", p[1]), 1, 1);
    t.add(r, fmt("Header length: %u", loadLe16(p + 2)), 2, 2);
    // The present words: each says whether another follows (Ext).
    std::vector<uint32_t> words;
    for (uint32_t at = 4; at + 4 <= len; at += 4) {
        words.push_back(loadLe32(p + at));
        if (!(words.back() & 0x80000000u))
            break;
    }
    const int32_t pf = t.add(r, "Present flags", 4, uint32_t(words.size()) * 4);
    for (size_t i = 0; i < words.size(); ++i) {
        const uint32_t w = words[i], at = 4 + uint32_t(i) * 4;
        const int32_t wn = t.add(pf, fmt("Present flags word: 0x%08x", w), at, 4);
        for (int b = 0; b < 32; ++b)
            if (kPresentName[b]) {
                const bool set = w >> b & 1;
                const char* v = b == 29 || b == 30 ? trueFalse(set) : set ? "Present" : "Absent";
                t.add(wn, bitLine(w, 1u << b, 32, std::string(kPresentName[b]) + ": " + v), at, 4, 1u << b);
            }
    }
    // The fields, each aligned to its size from the header's start; every word in radiotap's
    // own namespace lists them again (one per antenna). A vendor namespace ends the walk.
    uint32_t at = 4 + uint32_t(words.size()) * 4;
    for (size_t i = 0; i < words.size(); ++i) {
        if (i > 0 && !(words[i - 1] & (1u << 29)))
            break;
        const uint32_t w = words[i];
        for (int b = 0; b < 29; ++b) {
            if (!(w >> b & 1))
                continue;
            const FieldShape s = kShape[b];
            if (!s.size)
                return r;
            at = (at + s.align - 1) & ~uint32_t(s.align - 1);
            if (at + s.size > len)
                return r;
            const uint8_t* f = p + at;
            switch (b) {
            case 0:
                radio.hasTsf = true;
                radio.tsf = loadLe64(f);
                t.add(r, fmt("MAC timestamp: %llu", static_cast<unsigned long long>(radio.tsf)), at, 8);
                break;
            case 1: {
                const uint8_t fl = f[0];
                radio.fcs = fl & 0x10;
                radio.hasFlags = true;
                radio.flags = fl;
                const int32_t x = t.add(r, fmt("Flags: 0x%02x", fl), at, 1);
                t.add(x, bitLine(fl, 0x01, 8, std::string("CFP: ") + trueFalse(fl & 0x01)), at, 1, 0x01);
                t.add(x, bitLine(fl, 0x02, 8, std::string("Preamble: ") + ((fl & 0x02) ? "Short" : "Long")), at, 1, 0x02);
                t.add(x, bitLine(fl, 0x04, 8, std::string("WEP: ") + trueFalse(fl & 0x04)), at, 1, 0x04);
                t.add(x, bitLine(fl, 0x08, 8, std::string("Fragmentation: ") + trueFalse(fl & 0x08)), at, 1, 0x08);
                t.add(x, bitLine(fl, 0x10, 8, std::string("FCS at end: ") + trueFalse(fl & 0x10)), at, 1, 0x10);
                t.add(x, bitLine(fl, 0x20, 8, std::string("Data Pad: ") + trueFalse(fl & 0x20)), at, 1, 0x20);
                t.add(x, bitLine(fl, 0x40, 8, std::string("Bad FCS: ") + trueFalse(fl & 0x40)), at, 1, 0x40);
                t.add(x, bitLine(fl, 0x80, 8, std::string("Short GI: ") + trueFalse(fl & 0x80)), at, 1, 0x80);
                break;
            }
            case 2:
                radio.hasRate = true;
                radio.rate = f[0];
                t.add(r, fmt("Data Rate: %.1f Mb/s", f[0] * 0.5), at, 1);
                break;
            case 3:
                radio.hasChannel = true;
                radio.freq = loadLe16(f);
                radio.channelFlags = loadLe16(f + 2);
                radiotapChannel(t, r, f, at);
                break;
            case 5:
                radio.hasDbmSignal = true;
                radio.dbmSignal = int8_t(f[0]);
                t.add(r, fmt("Antenna signal: %d dBm", int8_t(f[0])), at, 1);
                break;
            case 6:
                radio.hasDbmNoise = true;
                radio.dbmNoise = int8_t(f[0]);
                t.add(r, fmt("Antenna noise: %d dBm", int8_t(f[0])), at, 1);
                break;
            case 7: t.add(r, fmt("Signal Quality: %u", loadLe16(f)), at, 2); break;
            case 10: t.add(r, fmt("Transmit power: %d", int8_t(f[0])), at, 1); break;
            case 18:
                radio.hasChannel = true;
                radio.freq = loadLe16(f + 4);
                radio.channelFlags = loadLe32(f);
                radiotapXChannel(t, r, f, at);
                break;
            case 11: t.add(r, fmt("Antenna: %u", f[0]), at, 1); break;
            case 12:
                radio.hasDbSignal = true;
                radio.dbSignal = f[0];
                t.add(r, fmt("dB antenna signal: %u dB", f[0]), at, 1);
                break;
            case 13: t.add(r, fmt("dB antenna noise: %u dB", f[0]), at, 1); break;
            case 14: {
                const uint16_t fl = loadLe16(f);
                const int32_t x = t.add(r, fmt("RX flags: 0x%04x", fl), at, 2);
                t.add(x, bitLine(fl, 0x0002, 24, std::string("Bad PLCP: ") + trueFalse(fl & 2)), at, 2, 0x0002);
                break;
            }
            case 19:
                radio.hasMcs = true;
                std::copy(f, f + 3, radio.mcs);
                radiotapMcs(t, r, f, at);
                if (const double rate = htRate(f); rate > 0)
                    t.add(r, fmt("[Data Rate: %.1f Mb/s]", rate));
                break;
            default: break; // stepped over: TSHARK_DIFFERENCES.md lists what is not decoded
            }
            at += s.size;
        }
    }
    return r;
}

// --- PPI --------------------------------------------------------------------------------------

void ppiCommon(DetailTree& t, int32_t c, const uint8_t* p, uint32_t off, Radio& radio)
{
    const uint64_t tsft = loadLe64(p);
    radio.ppi = true;
    radio.hasTsf = tsft != 0;
    radio.tsf = tsft;
    radio.hasRate = loadLe16(p + 10) != 0;
    radio.rate = loadLe16(p + 10);
    radio.hasChannel = true;
    radio.freq = loadLe16(p + 12);
    radio.channelFlags = loadLe16(p + 14);
    radio.hasDbmSignal = int8_t(p[18]) != -128;
    radio.dbmSignal = int8_t(p[18]);
    radio.hasDbmNoise = int8_t(p[19]) != -128;
    radio.dbmNoise = int8_t(p[19]);
    t.add(c, fmt("TSFT: %llu", static_cast<unsigned long long>(tsft)) + (tsft ? "" : " [invalid]"), off, 8);
    const uint16_t fl = loadLe16(p + 8);
    radio.fcs = fl & 1;
    const int32_t f = t.add(c, fmt("Flags: 0x%04x", fl), off + 8, 2);
    t.add(f, bitLine(fl, 0x1, 16, std::string("FCS present flag: ") + ((fl & 1) ? "Present" : "Absent")), off + 8, 2, 0x1);
    t.add(f, bitLine(fl, 0x2, 16, std::string("TSFT flag: ") + ((fl & 2) ? "milliseconds" : "microseconds")), off + 8, 2, 0x2);
    t.add(f, bitLine(fl, 0x4, 16, std::string("FCS validity: ") + ((fl & 4) ? "Invalid" : "Valid")), off + 8, 2, 0x4);
    t.add(f, bitLine(fl, 0x8, 16, std::string("PHY error flag: ") + ((fl & 8) ? "PHY error" : "No errors")), off + 8, 2, 0x8);
    t.add(c, fmt("Rate: %.1f Mbps", loadLe16(p + 10) * 0.5), off + 10, 2);
    t.add(c, "Channel frequency: " + channelLabel(loadLe16(p + 12)), off + 12, 2);
    const uint16_t ch = loadLe16(p + 14);
    const int32_t cf = t.add(c, fmt("Channel flags: 0x%04x", ch), off + 14, 2);
    for (int b = 4; b < 12; ++b)
        t.add(cf, bitLine(ch, 1u << b, 16, std::string(kChannelFlag[b]) + ": " + trueFalse(ch >> b & 1)), off + 14, 2, 1u << b);
    t.add(c, fmt("FHSS hopset: 0x%02x", p[16]), off + 16, 1);
    t.add(c, fmt("FHSS pattern: 0x%02x", p[17]), off + 17, 1);
    t.add(c, fmt("dBm antenna signal: %d", int8_t(p[18])), off + 18, 1);
    t.add(c, fmt("dBm antenna noise: %d", int8_t(p[19])), off + 19, 1);
}

// The 802.11n MAC+PHY field: aggregation flags, MCS, per-antenna RSSI, extension channel,
// per-antenna signal and noise, EVM.
void ppiMacPhy(DetailTree& t, int32_t c, const uint8_t* p, uint32_t off, Radio& radio)
{
    const uint32_t fl = loadLe32(p);
    radio.ppiHt = true;
    radio.ppiFlags = fl;
    radio.ppiMcs = p[9];
    radio.ppiStreams = p[10];
    const int32_t f = t.add(c, fmt("MAC flags: 0x%08x", fl), off, 4);
    static const char* names[7] = {"Greenfield flag", "HT20/HT40 flag", "RX Short Guard Interval (SGI) flag", "Duplicate RX flag",
                                   "Aggregate flag", "More aggregates flag", "A-MPDU Delimiter CRC error after this frame flag"};
    for (int b = 0; b < 7; ++b)
        t.add(f, bitLine(fl, 1u << b, 32, std::string(names[b]) + ": " + (b == 1 ? ((fl & 2) ? "HT40" : "HT20") : trueFalse(fl >> b & 1))), off, 4, 1u << b);
    t.add(c, fmt("AMPDU-ID: 0x%08x", loadLe32(p + 4)), off + 4, 4);
    t.add(c, fmt("Num-Delimiters: %u", p[8]), off + 8, 1);
    t.add(c, fmt("MCS: %u", p[9]), off + 9, 1);
    t.add(c, fmt("Number of spatial streams: %u", p[10]), off + 10, 1);
    auto rssi = [](uint8_t v) { return fmt("%u", v) + (v == 255 ? " [invalid]" : ""); };
    t.add(c, "RSSI combined: " + rssi(p[11]), off + 11, 1);
    for (int a = 0; a < 4; ++a)
        t.add(c, fmt("Antenna %d control RSSI: ", a) + rssi(p[12 + a]), off + 12 + a, 1);
    for (int a = 0; a < 4; ++a)
        t.add(c, fmt("Antenna %d extension RSSI: ", a) + rssi(p[16 + a]), off + 16 + a, 1);
    t.add(c, "Ext. Channel frequency: " + channelLabel(loadLe16(p + 20)), off + 20, 2);
    const uint16_t ch = loadLe16(p + 22);
    const int32_t cf = t.add(c, fmt("Channel flags: 0x%04x", ch), off + 22, 2);
    for (int b = 4; b < 12; ++b)
        t.add(cf, bitLine(ch, 1u << b, 16, std::string(kChannelFlag[b]) + ": " + trueFalse(ch >> b & 1)), off + 22, 2, 1u << b);
    for (int a = 0; a < 4; ++a) {
        const int8_t sig = int8_t(p[24 + 2 * a]), noise = int8_t(p[25 + 2 * a]);
        t.add(c, fmt("dBm antenna %d signal: %d", a, sig) + (sig == -128 ? " [invalid]" : ""), off + 24 + 2 * a, 1);
        t.add(c, fmt("dBm antenna %d noise: %d", a, noise) + (noise == -128 ? " [invalid]" : ""), off + 25 + 2 * a, 1);
    }
    for (int a = 0; a < 4; ++a) {
        const uint32_t evm = loadLe32(p + 32 + 4 * a);
        t.add(c, fmt("EVM-%d: %u", a, evm) + (evm ? "" : " [invalid]"), off + 32 + 4 * a, 4);
    }
}

int32_t buildPpi(DetailTree& t, const DecodedPacket& d, Radio& radio)
{
    const uint32_t cap = uint32_t(d.frame.size());
    if (cap < 8)
        return -1;
    const uint8_t* p = d.at(0);
    const uint32_t len = std::min<uint32_t>(loadLe16(p + 2), cap);
    const int32_t r = t.add(-1, fmt("PPI version %u, %u bytes", p[0], loadLe16(p + 2)), 0, len);
    t.add(r, fmt("Version: %u", p[0]), 0, 1);
    const int32_t f = t.add(r, fmt("Flags: 0x%02x", p[1]), 1, 1);
    t.add(f, bitLine(p[1], 0x01, 8, std::string("Alignment: ") + ((p[1] & 1) ? "32-bit aligned" : "Not aligned")), 1, 1, 0x01);
    t.add(f, bitLine(p[1], 0xfe, 8, fmt("Reserved: 0x%02x", p[1] >> 1)), 1, 1, 0xfe);
    t.add(r, fmt("Header length: %u", loadLe16(p + 2)), 2, 2);
    t.add(r, fmt("DLT: %u", loadLe32(p + 4)), 4, 4);
    for (uint32_t at = 8; at + 4 <= len;) {
        const uint16_t type = loadLe16(p + at), flen = loadLe16(p + at + 2);
        if (at + 4 + flen > len)
            break;
        const char* title = type == 2 ? "802.11-Common" : type == 3 ? "802.11n MAC" : type == 4 ? "802.11n MAC+PHY" : nullptr;
        const char* typeName = type == 2 ? "802.11-Common" : type == 3 ? "802.11n MAC Extensions" : type == 4 ? "802.11n MAC+PHY Extensions" : "Unknown";
        const int32_t x = t.add(r, title ? title : fmt("Unknown PPI field type %u", type).c_str(), at, 4 + flen);
        t.add(x, fmt("Field type: %s (%u)", typeName, type), at, 2);
        t.add(x, fmt("Field length: %u", flen), at + 2, 2);
        if (type == 2 && flen >= 20)
            ppiCommon(t, x, p + at + 4, at + 4, radio);
        else if (type == 4 && flen >= 48)
            ppiMacPhy(t, x, p + at + 4, at + 4, radio);
        at += 4 + flen;
    }
    return r;
}

// --- the MAC header ---------------------------------------------------------------------------

const char* frameKind(unsigned type, unsigned subtype)
{
    static const char* management[16] = {"Association Request", "Association Response", "Reassociation Request",
                                         "Reassociation Response", "Probe Request", "Probe Response", "Measurement Pilot",
                                         nullptr, "Beacon frame", "ATIM", "Disassociate", "Authentication", "Deauthentication",
                                         "Action", "Action No Ack", "Aruba Management"};
    static const char* control[16] = {nullptr, nullptr, "Trigger", "TACK", "Beamforming Report Poll", "VHT/HE NDP Announcement",
                                      "Control Frame Extension", "Control Wrapper", "802.11 Block Ack Req", "802.11 Block Ack",
                                      "Power-Save poll", "Request-to-send", "Clear-to-send", "Acknowledgement",
                                      "CF-End (Control-frame)", "CF-End + CF-Ack (Control-frame)"};
    static const char* data[16] = {"Data", "Data + CF-Ack", "Data + CF-Poll", "Data + CF-Ack + CF-Poll", "Null function (No data)",
                                   "Acknowledgement (No data)", "CF-Poll (No data)", "CF-Ack/Poll (No data)", "QoS Data",
                                   "QoS Data + CF-Acknowledgment", "QoS Data + CF-Poll", "QoS Data + CF-Ack + CF-Poll",
                                   "QoS Null function (No data)", nullptr, "QoS CF-Poll (No Data)", "QoS CF-Ack + CF-Poll (No data)"};
    switch (type) {
    case 0: return management[subtype];
    case 1: return control[subtype];
    case 2: return data[subtype];
    default: return nullptr;
    }
}

const char* frameTypeName(unsigned type)
{
    static const char* names[4] = {"Management frame", "Control frame", "Data frame", "Extension frame"};
    return names[type & 3];
}

const char* dsStatus(unsigned ds)
{
    switch (ds & 3) {
    case 0: return "Not leaving DS or network is operating in AD-HOC mode (To DS: 0 From DS: 0) (0x0)";
    case 1: return "Frame from STA to DS via an AP (To DS: 1 From DS: 0) (0x1)";
    case 2: return "Frame from DS to a STA via AP(To DS: 0 From DS: 1) (0x2)";
    default: return "WDS (AP to AP) or Mesh (MP to MP) Frame (To DS: 1 From DS: 1) (0x3)";
    }
}

// 802.1D's name of a user priority, then its access category, as tshark writes them.
const char* priorityName(unsigned up)
{
    static const char* names[8] = {"Best Effort (Best Effort)", "Background (Background)", "Spare (Background)",
                                   "Excellent Effort (Best Effort)", "Controlled Load (Video)", "Video (Video)", "Voice (Voice)",
                                   "Network Control (Voice)"};
    return names[up & 7];
}

struct Mac {
    DetailTree& t;
    const DecodedPacket& d;
    uint32_t off;      // the 802.11 frame's first byte
    uint32_t end;      // past its last byte, FCS excluded
    bool fcs;

    uint32_t cap() const { return uint32_t(d.frame.size()); }
    bool has(uint32_t at, uint32_t n) const { return at <= end && n <= end - at; }
    void address(int32_t parent, const char* name, uint32_t at) { t.add(parent, std::string(name) + ": " + mac(d.at(at)), at, 6); }
    void build();
    void management(unsigned subtype, uint32_t body);
    void fixed(int32_t parent, unsigned subtype, uint32_t& at);
    void tagged(int32_t parent, uint32_t at);
    void tag(int32_t parent, uint8_t number, uint32_t at, uint8_t len);
    uint32_t suites(int32_t x, const uint8_t* v, uint32_t vo, uint32_t i, uint32_t len, uint32_t own, const char* group, const char* pairwise);
    void wmm(int32_t x, const uint8_t* v, uint32_t vo, uint8_t len);
    void capabilities(int32_t parent, uint32_t at);
    void action(int32_t w, uint32_t at);
    void addFcs(int32_t w)
    {
        if (fcs && end + 4 <= cap()) {
            t.add(w, fmt("Frame check sequence: 0x%08x [unverified]", loadLe32(d.at(end))), end, 4);
            t.add(w, "[FCS Status: Unverified]");
        }
    }
};

void Mac::capabilities(int32_t parent, uint32_t at)
{
    const uint16_t c = loadLe16(d.at(at));
    const int32_t x = t.add(parent, fmt("Capabilities Information: 0x%04x", c), at, 2);
    struct Bit {
        uint16_t mask;
        const char* name;
        const char* off;
        const char* on;
    };
    static const Bit bits[] = {
        {0x0001, "ESS capabilities", "Transmitter is a STA", "Transmitter is an AP"},
        {0x0002, "IBSS status", "Transmitter belongs to a BSS", "Transmitter belongs to an IBSS"},
        {0x0004, "Reserved", nullptr, nullptr},
        {0x0008, "Reserved", nullptr, nullptr},
        {0x0010, "Privacy", "Data confidentiality not required", "Data confidentiality required"},
        {0x0020, "Short Preamble", "Not Allowed", "Allowed"},
        {0x0040, "Reserved", nullptr, nullptr},
        {0x0080, "Reserved", nullptr, nullptr},
        {0x0100, "Spectrum Management", "Not Implemented", "Implemented"},
        {0x0200, "QoS", "Not Implemented", "Implemented"},
        {0x0400, "Short Slot Time", "Not in use", "In use"},
        {0x0800, "Automatic Power Save Delivery", "Not Implemented", "Implemented"},
        {0x1000, "Radio Measurement", "Not Implemented", "Implemented"},
        {0x2000, "EPD", "Not Implemented", "Implemented"},
        {0x4000, "Reserved", nullptr, nullptr},
        {0x8000, "Reserved", nullptr, nullptr},
    };
    for (const Bit& b : bits) {
        const bool set = c & b.mask;
        const std::string v = b.on ? (set ? b.on : b.off) : (set ? "1" : "0");
        t.add(x, bitLine(c, b.mask, 16, std::string(b.name) + ": " + v), at, 2, b.mask);
    }
}

const char* statusName(uint16_t s)
{
    switch (s) {
    case 0: return "Successful";
    case 1: return "Unspecified failure";
    case 10: return "Cannot support all requested capabilities in the Capability Information field";
    case 11: return "Reassociation denied due to inability to confirm that association exists";
    case 12: return "Association denied due to reason outside the scope of this standard";
    case 13: return "Responding STA does not support the specified authentication algorithm";
    case 14: return "Received an Authentication frame with authentication transaction sequence number out of expected sequence";
    case 15: return "Authentication rejected because of challenge failure";
    case 16: return "Authentication rejected due to timeout waiting for next frame in sequence";
    case 17: return "Association denied because AP is unable to handle additional associated STAs";
    case 37: return "The request has been declined";
    default: return nullptr;
    }
}

const char* reasonName(uint16_t r)
{
    switch (r) {
    case 1: return "Unspecified reason";
    case 2: return "Previous authentication no longer valid";
    case 3: return "Deauthenticated because sending STA is leaving (or has left) IBSS or ESS";
    case 4: return "Disassociated due to inactivity";
    case 5: return "Disassociated because AP is unable to handle all currently associated STAs";
    case 6: return "Class 2 frame received from nonauthenticated STA";
    case 7: return "Class 3 frame received from nonassociated STA";
    case 8: return "Disassociated because sending STA is leaving (or has left) BSS";
    case 9: return "STA requesting (re)association is not authenticated with responding STA";
    case 15: return "4-Way Handshake timeout";
    case 16: return "Group key handshake timeout";
    default: return nullptr;
    }
}

std::string withHex16(const char* name, uint16_t v)
{
    return fmt("%s (0x%04x)", name ? name : "Unknown", v);
}

void Mac::fixed(int32_t parent, unsigned subtype, uint32_t& at)
{
    auto u16 = [&](uint32_t a) { return loadLe16(d.at(a)); };
    switch (subtype) {
    case 0: // association request
    case 2: // reassociation request
        if (!has(at, subtype == 2 ? 10 : 4))
            return;
        capabilities(parent, at);
        t.add(parent, fmt("Listen Interval: 0x%04x", u16(at + 2)), at + 2, 2);
        if (subtype == 2)
            address(parent, "Current AP", at + 4);
        at += subtype == 2 ? 10 : 4;
        return;
    case 1: // association response
    case 3: // reassociation response
        if (!has(at, 6))
            return;
        capabilities(parent, at);
        t.add(parent, "Status code: " + withHex16(statusName(u16(at + 2)), u16(at + 2)), at + 2, 2);
        t.add(parent, bitLine(u16(at + 4), 0x3fff, 16, fmt("Association ID: 0x%04x", u16(at + 4) & 0x3fff)), at + 4, 2, 0x3fff);
        at += 6;
        return;
    case 5: // probe response
    case 8: // beacon
        if (!has(at, 12))
            return;
        t.add(parent, fmt("Timestamp: %llu", static_cast<unsigned long long>(loadLe64(d.at(at)))), at, 8);
        t.add(parent, fmt("Beacon Interval: %f [Seconds]", u16(at + 8) * 1024 / 1e6), at + 8, 2);
        capabilities(parent, at + 10);
        at += 12;
        return;
    case 10: // disassociation
    case 12: // deauthentication
        if (!has(at, 2))
            return;
        t.add(parent, "Reason code: " + withHex16(reasonName(u16(at)), u16(at)), at, 2);
        at += 2;
        return;
    case 11: { // authentication
        if (!has(at, 6))
            return;
        const uint16_t alg = u16(at);
        const char* algName = alg == 0 ? "Open System" : alg == 1 ? "Shared key" : alg == 2 ? "Fast BSS Transition" : alg == 3 ? "Simultaneous Authentication of Equals (SAE)" : nullptr;
        t.add(parent, "Authentication Algorithm: " + named(algName, alg), at, 2);
        t.add(parent, fmt("Authentication SEQ: 0x%04x", u16(at + 2)), at + 2, 2);
        t.add(parent, "Status code: " + withHex16(statusName(u16(at + 4)), u16(at + 4)), at + 4, 2);
        at += 6;
        return;
    }
    default: return;
    }
}

// --- HT capabilities and information (tags 45 and 61, and their pre-standard vendor forms) -----

struct BitName {
    uint32_t mask;
    const char* name;
    const char* off; // a one-bit field's words, clear and set; null: a number
    const char* on;
};

// One-bit fields with their words; wider ones are written by the caller.
void bitFields(DetailTree& t, int32_t parent, uint32_t v, int bits, uint32_t off, uint32_t len, std::initializer_list<BitName> list)
{
    for (const BitName& b : list)
        t.add(parent, bitLine(v, b.mask, bits, std::string(b.name) + ": " + ((v & b.mask) ? b.on : b.off)), off, len, b.mask);
}

// A field of several bits named from `names` (indexed by its value): "Name: word (0x1)".
void namedBits(DetailTree& t, int32_t parent, uint32_t v, uint32_t mask, int bits, const char* name, const char* const* names,
               uint32_t off, uint32_t len)
{
    unsigned shift = 0;
    while (!((mask >> shift) & 1))
        ++shift;
    const uint32_t x = (v & mask) >> shift;
    t.add(parent, bitLine(v, mask, bits, fmt("%s: %s (0x%x)", name, names[x], x)), off, len, mask);
}

void htMcsSet(DetailTree& t, int32_t parent, const uint8_t* p, uint32_t off, const char* title)
{
    const int32_t m = t.add(parent, std::string("Rx Supported Modulation and Coding Scheme Set: ") + title, off, 16);
    int streams = 0;
    for (int i = 0; i < 4; ++i)
        if (p[i])
            streams = i + 1;
    const int32_t r = t.add(m, streams ? fmt("Rx Modulation and Coding Scheme (One bit per modulation): %d spatial stream%s", streams, streams > 1 ? "s" : "")
                                       : std::string("Rx Modulation and Coding Scheme (One bit per modulation): Reserved:8"), off, 10);
    const uint32_t lo = loadLe32(p), mid = loadLe32(p + 4), hi = loadLe32(p + 6);
    for (int i = 0; i < 4; ++i)
        t.add(r, bitLine(lo, 0xffu << (8 * i), 32, fmt("Rx Bitmask Bits %d-%d: 0x%02x", 8 * i, 8 * i + 7, p[i])), off, 4, 0xffu << (8 * i));
    t.add(r, bitLine(mid, 0x1, 32, fmt("Rx Bitmask Bit 32: 0x%x", mid & 1)), off + 4, 4, 0x1);
    t.add(r, bitLine(mid, 0x7e, 32, fmt("Rx Bitmask Bits 33-38: 0x%02x", (mid & 0x7e) >> 1)), off + 4, 4, 0x7e);
    t.add(r, bitLine(mid, 0x1fff80, 32, fmt("Rx Bitmask Bits 39-52: 0x%04x", (mid & 0x1fff80) >> 7)), off + 4, 4, 0x1fff80);
    t.add(r, bitLine(hi, 0x1fffffe0, 32, fmt("Rx Bitmask Bits 53-76: 0x%06x", (hi & 0x1fffffe0) >> 5)), off + 6, 4, 0x1fffffe0);
    const uint16_t rate = loadLe16(p + 10), tx = loadLe16(p + 12);
    t.add(m, bitLine(rate, 0x03ff, 16, fmt("Highest Supported Data Rate: 0x%03x", rate & 0x3ff)), off + 10, 2, 0x03ff);
    bitFields(t, m, tx, 16, off + 12, 2, {{0x0001, "Tx Supported MCS Set", "Not defined", "Defined"}, {0x0002, "Tx and Rx MCS Set", "Equal", "Not Equal"}});
    const unsigned txStreams = (tx >> 2) & 3;
    t.add(m, bitLine(tx, 0x000c, 16, fmt("Maximum Number of Tx Spatial Streams Supported: 0x%x, ", txStreams)
                                         + ((tx & 1) ? fmt("%u spatial stream%s", txStreams + 1, txStreams ? "s" : "") : std::string("TX MCS Set Not Defined"))),
          off + 12, 2, 0x000c);
    bitFields(t, m, tx, 16, off + 12, 2, {{0x0010, "Unequal Modulation", "Not supported", "Supported"}});
}

// The 26 bytes of HT capabilities; `vs` marks the vendor form's headings.
void htCapabilities(DetailTree& t, int32_t x, const uint8_t* p, uint32_t off, const char* vs)
{
    const uint16_t info = loadLe16(p);
    const int32_t i = t.add(x, fmt("HT Capabilities Info%s: 0x%04x", vs, info), off, 2);
    static const char* smps[4] = {"Static SM Power Save mode", "Dynamic SM Power Save mode", "Reserved", "SM Power Save disabled"};
    static const char* rxStbc[4] = {"No Rx STBC support", "Rx support of one spatial stream", "Rx support of one and two spatial streams",
                                    "Rx support of one, two, and three spatial streams"};
    bitFields(t, i, info, 16, off, 2,
              {{0x0001, "HT LDPC coding capability", "Transmitter does not support receiving LDPC coded packets", "Transmitter supports receiving LDPC coded packets"},
               {0x0002, "HT Support channel width", "Transmitter only supports 20MHz operation", "Transmitter supports 20MHz and 40MHz operation"}});
    namedBits(t, i, info, 0x000c, 16, "HT SM Power Save", smps, off, 2);
    bitFields(t, i, info, 16, off, 2,
              {{0x0010, "HT Green Field", "Transmitter is not able to receive PPDUs with Green Field (GF) preamble", "Transmitter is able to receive PPDUs with Green Field (GF) preamble"},
               {0x0020, "HT Short GI for 20MHz", "Not supported", "Supported"},
               {0x0040, "HT Short GI for 40MHz", "Not supported", "Supported"},
               {0x0080, "HT Tx STBC", "Not supported", "Supported"}});
    namedBits(t, i, info, 0x0300, 16, "HT Rx STBC", rxStbc, off, 2);
    bitFields(t, i, info, 16, off, 2,
              {{0x0400, "HT Delayed Block ACK", "Transmitter does not support HT-Delayed BlockAck", "Transmitter supports HT-Delayed BlockAck"},
               {0x0800, "HT Max A-MSDU length", "3839 bytes", "7935 bytes"},
               {0x1000, "HT DSSS/CCK mode in 40MHz", "Won't/Can't use of DSSS/CCK in 40 MHz", "Will/Can use DSSS/CCK in 40 MHz"},
               {0x2000, "HT PSMP Support", "Won't/Can't support PSMP operation", "Will/Can support PSMP operation"},
               {0x4000, "HT Forty MHz Intolerant", "Use of 40 MHz transmissions unrestricted/allowed", "Use of 40 MHz transmissions restricted/disallowed"},
               {0x8000, "HT L-SIG TXOP Protection support", "Not supported", "Supported"}});
    const uint8_t a = p[2];
    const int32_t am = t.add(x, fmt("A-MPDU Parameters%s: 0x%02x", vs, a), off + 2, 1);
    t.add(am, bitLine(a, 0x03, 8, fmt("Maximum Rx A-MPDU Length: 0x%x (%u[Bytes])", a & 3, (1u << (13 + (a & 3))) - 1)), off + 2, 1, 0x03);
    static const char* density[8] = {"no restriction", "1/4 [usec]", "1/2 [usec]", "1 [usec]", "2 [usec]", "4 [usec]", "8 [usec]", "16 [usec]"};
    namedBits(t, am, a, 0x1c, 8, "MPDU Density", density, off + 2, 1);
    t.add(am, bitLine(a, 0xe0, 8, fmt("Reserved: 0x%x", a >> 5)), off + 2, 1, 0xe0);
    htMcsSet(t, x, p + 3, off + 3, "MCS Set");
    const uint16_t ext = loadLe16(p + 19);
    const int32_t e = t.add(x, fmt("HT Extended Capabilities%s: 0x%04x", vs, ext), off + 19, 2);
    static const char* transition[4] = {"No Transition", "400 usec", "1.5 msec", "5 msec"};
    static const char* feedback[4] = {"STA does not provide MCS feedback", "Reserved", "STA provides only unsolicited MCS feedback",
                                      "STA can provide MCS feedback in response to MRQ as well as unsolicited MCS feedback"};
    bitFields(t, e, ext, 16, off + 19, 2, {{0x0001, "Transmitter supports PCO", "Not supported", "Supported"}});
    namedBits(t, e, ext, 0x0006, 16, "Time needed to transition between 20MHz and 40MHz", transition, off + 19, 2);
    namedBits(t, e, ext, 0x0300, 16, "MCS Feedback capability", feedback, off + 19, 2);
    bitFields(t, e, ext, 16, off + 19, 2,
              {{0x0400, "High Throughput", "Not supported", "Supported"}, {0x0800, "Reverse Direction Responder", "Not supported", "Supported"}});
    const uint32_t bf = loadLe32(p + 21);
    const int32_t b = t.add(x, fmt("Transmit Beam Forming (TxBF) Capabilities%s: 0x%08x", vs, bf), off + 21, 4);
    bitFields(t, b, bf, 32, off + 21, 4,
              {{0x1, "Transmit Beamforming", "Not supported", "Supported"},
               {0x2, "Receive Staggered Sounding", "Not supported", "Supported"},
               {0x4, "Transmit Staggered Sounding", "Not supported", "Supported"},
               {0x8, "Receive Null Data packet (NDP)", "Not supported", "Supported"},
               {0x10, "Transmit Null Data packet (NDP)", "Not supported", "Supported"},
               {0x20, "Implicit TxBF capable", "Not supported", "Supported"}});
    static const char* calibration[4] = {"incapable", "Limited involvement, cannot initiate", "Limited involvement, can initiate", "Fully capable"};
    namedBits(t, b, bf, 0xc0, 32, "Calibration", calibration, off + 21, 4);
    bitFields(t, b, bf, 32, off + 21, 4,
              {{0x100, "STA can apply TxBF using CSI explicit feedback", "Not supported", "Supported"},
               {0x200, "STA can apply TxBF using uncompressed beamforming feedback matrix", "Not supported", "Supported"},
               {0x400, "STA can apply TxBF using compressed beamforming feedback matrix", "Not supported", "Supported"}});
    static const char* fb[4] = {"not supported", "delayed feedback", "immediate feedback", "delayed and immediate feedback"};
    namedBits(t, b, bf, 0x1800, 32, "Receiver can return explicit CSI feedback", fb, off + 21, 4);
    namedBits(t, b, bf, 0x6000, 32, "Receiver can return explicit uncompressed Beamforming Feedback Matrix", fb, off + 21, 4);
    namedBits(t, b, bf, 0x18000, 32, "STA can compress and use compressed Beamforming Feedback Matrix", fb, off + 21, 4);
    static const char* grouping[4] = {"No grouping supported", "Groups of 1,2 supported", "Groups of 1,4 supported", "Groups of 1,2,4 supported"};
    namedBits(t, b, bf, 0x60000, 32, "Minimal grouping used for explicit feedback reports", grouping, off + 21, 4);
    static const char* antennae[4] = {"1 TX antenna sounding", "2 TX antenna sounding", "3 TX antenna sounding", "4 TX antenna sounding"};
    namedBits(t, b, bf, 0x180000, 32, "Max antennae STA can support when CSI feedback required", antennae, off + 21, 4);
    namedBits(t, b, bf, 0x600000, 32, "Max antennae STA can support when uncompressed Beamforming feedback required", antennae, off + 21, 4);
    namedBits(t, b, bf, 0x1800000, 32, "Max antennae STA can support when compressed Beamforming feedback required", antennae, off + 21, 4);
    static const char* rows[4] = {"1 row of CSI", "2 rows of CSI", "3 rows of CSI", "4 rows of CSI"};
    namedBits(t, b, bf, 0x6000000, 32, "Maximum number of rows of CSI explicit feedback", rows, off + 21, 4);
    static const char* sts[4] = {"1 space time stream", "2 space time streams", "3 space time streams", "4 space time streams"};
    namedBits(t, b, bf, 0x18000000, 32, "Maximum number of space time streams for which channel dimensions can be simultaneously estimated", sts, off + 21, 4);
    t.add(b, bitLine(bf, 0xe0000000, 32, fmt("Reserved: 0x%x", bf >> 29)), off + 21, 4, 0xe0000000);
    const uint8_t as = p[25];
    const int32_t s = t.add(x, fmt("Antenna Selection (ASEL) Capabilities%s: 0x%02x", vs, as), off + 25, 1);
    bitFields(t, s, as, 8, off + 25, 1,
              {{0x01, "Antenna Selection Capable", "Not supported", "Supported"},
               {0x02, "Explicit CSI Feedback Based Tx ASEL", "Not supported", "Supported"},
               {0x04, "Antenna Indices Feedback Based Tx ASEL", "Not supported", "Supported"},
               {0x08, "Explicit CSI Feedback", "Not supported", "Supported"},
               {0x10, "Antenna Indices Feedback", "Not supported", "Supported"},
               {0x20, "Rx ASEL", "Not supported", "Supported"},
               {0x40, "Tx Sounding PPDUs", "Not supported", "Supported"}});
    t.add(s, bitLine(as, 0x80, 8, fmt("Reserved: 0x%x", as >> 7)), off + 25, 1, 0x80);
}

// The 22 bytes of HT information.
void htInformation(DetailTree& t, int32_t x, const uint8_t* p, uint32_t off, const char* vs)
{
    t.add(x, fmt("Primary Channel%s: %u", vs, p[0]), off, 1);
    const uint8_t s1 = p[1];
    const int32_t a = t.add(x, fmt("HT Information Subset (1 of 3)%s: 0x%02x", vs, s1), off + 1, 1);
    static const char* secondary[4] = {"No secondary channel", "Secondary channel is above the primary channel", "Reserved",
                                       "Secondary channel is below the primary channel"};
    namedBits(t, a, s1, 0x03, 8, "Secondary channel offset", secondary, off + 1, 1);
    bitFields(t, a, s1, 8, off + 1, 1,
              {{0x04, "Supported channel width", "20 MHz channel width only", "Channel of any width supported"},
               {0x08, "Reduced Interframe Spacing (RIFS)", "Prohibited", "Permitted"}});
    t.add(a, bitLine(s1, 0xf0, 8, fmt("Reserved: 0x%x", s1 >> 4)), off + 1, 1, 0xf0);
    const uint16_t s2 = loadLe16(p + 2);
    const int32_t b = t.add(x, fmt("HT Information Subset (2 of 3)%s: 0x%04x", vs, s2), off + 2, 2);
    static const char* protection[4] = {"No protection mode", "HT non-member protection mode", "20 MHz protection mode", "non-HT mixed mode"};
    namedBits(t, b, s2, 0x0003, 16, "HT Protection", protection, off + 2, 2);
    bitFields(t, b, s2, 16, off + 2, 2,
              {{0x0004, "Non-greenfield STAs present", "All associated STAs are greenfield capable", "One or more associated STAs are not greenfield capable"}});
    t.add(b, bitLine(s2, 0x0008, 16, fmt("Reserved: 0x%x", (s2 >> 3) & 1)), off + 2, 2, 0x0008);
    bitFields(t, b, s2, 16, off + 2, 2,
              {{0x0010, "OBSS non-HT STAs present", "Use of protection for non-HT STAs by overlapping BSSs is not needed",
                "Use of protection for non-HT STAs by overlapping BSSs is needed"}});
    t.add(b, bitLine(s2, 0x1fe0, 16, fmt("Channel Center Frequency Segment 2: %u", (s2 >> 5) & 0xff)), off + 2, 2, 0x1fe0);
    t.add(b, bitLine(s2, 0xe000, 16, fmt("Reserved: 0x%x", s2 >> 13)), off + 2, 2, 0xe000);
    const uint16_t s3 = loadLe16(p + 4);
    const int32_t c = t.add(x, fmt("HT Information Subset (3 of 3)%s: 0x%04x", vs, s3), off + 4, 2);
    t.add(c, bitLine(s3, 0x003f, 16, fmt("Reserved: 0x%02x", s3 & 0x3f)), off + 4, 2, 0x003f);
    bitFields(t, c, s3, 16, off + 4, 2,
              {{0x0040, "Dual beacon", "No second beacon is transmitted", "AP transmits a secondary beacon"},
               {0x0080, "Dual Clear To Send (CTS) protection", "Not required", "Required"},
               {0x0100, "Beacon ID", "Primary beacon", "Secondary beacon"},
               {0x0200, "L-SIG TXOP Protection Full Support", "One or more HT STAs in the BSS do not support L-SIG TXOP protection",
                "All HT STAs in the BSS support L-SIG TXOP protection"},
               {0x0400, "Phased Coexistence Operation (PCO)", "Inactive", "Active"},
               {0x0800, "Phased Coexistence Operation (PCO) Phase", "Switch to or continue 20 MHz phase", "Switch to or continue 40 MHz phase"}});
    t.add(c, bitLine(s3, 0xf000, 16, fmt("Reserved: 0x%x", s3 >> 12)), off + 4, 2, 0xf000);
    htMcsSet(t, x, p + 6, off + 6, "Basic MCS Set");
}

// Extended Capabilities (tag 127), octet by octet; 'S' supported or not, 'T' true or false,
// 'R' a reserved bit's value.
void extendedCapabilities(DetailTree& t, int32_t x, const uint8_t* v, uint32_t vo, uint8_t len)
{
    struct Bit {
        char kind;
        const char* name;
    };
    static const Bit octets[8][8] = {
        {{'S', "20/40 BSS Coexistence Management Support"}, {'R', "Reserved (was On-demand beacon)"}, {'S', "Extended Channel Switching"},
         {'R', "Reserved (was WAVE indication)"}, {'S', "PSMP Capability"}, {'R', "Reserved"}, {'S', "S-PSMP Support"}, {'S', "Event"}},
        {{'S', "Diagnostics"}, {'S', "Multicast Diagnostics"}, {'S', "Location Tracking"}, {'S', "FMS"}, {'S', "Proxy ARP Service"},
         {'S', "Collocated Interference Reporting"}, {'S', "Civic Location"}, {'S', "Geospatial Location"}},
        {{'S', "TFS"}, {'S', "WNM Sleep Mode"}, {'S', "TIM Broadcast"}, {'S', "BSS Transition"}, {'S', "QoS Traffic Capability"},
         {'S', "AC Station Count"}, {'S', "Multiple BSSID"}, {'S', "Timing Measurement"}},
        {{'S', "Channel Usage"}, {'S', "SSID List"}, {'S', "DMS"}, {'S', "UTC TSF Offset"}, {'S', "TPU Buffer STA Support"},
         {'S', "TDLS Peer PSM Support"}, {'S', "TDLS channel switching"}, {'S', "Interworking"}},
        {{'S', "QoS Map"}, {'S', "EBR"}, {'S', "SSPN Interface"}, {'R', "Reserved"}, {'S', "MSGCF Capability"}, {'S', "TDLS Support"},
         {'S', "TDLS Prohibited"}, {'S', "TDLS Channel Switching Prohibited"}},
        {{'S', "Reject Unadmitted Frame"}, {0, nullptr}, {0, nullptr}, {0, nullptr}, {'S', "Identifier Location"},
         {'S', "U-APSD Coexistence"}, {'S', "WNM Notification"}, {'R', "QAB Capability"}},
        {{'S', "UTF-8 SSID"}, {'T', "QMF Activated"}, {'T', "QMF Reconfiguration Activated"}, {'T', "Robust AV Streaming"},
         {'T', "Advanced GCR"}, {'T', "Mesh GCR"}, {'T', "SCS"}, {'T', "QLoad Report"}},
        {{'T', "Alternate EDCA"}, {'T', "Unprotected TXOP Negotiation"}, {'T', "Protected TXOP Negotiation"}, {'R', "Reserved"},
         {'T', "Protected QLoad Report"}, {'S', "TDLS Wider Bandwidth"}, {'S', "Operating Mode Notification"},
         {'N', "Max Number Of MSDUs In A-MSDU"}},
    };
    for (uint32_t o = 0; o < len && o < 8; ++o) {
        const uint8_t b = v[o];
        const int32_t n = t.add(x, fmt("Extended Capabilities: 0x%02x (octet %u)", b, o + 1), vo + o, 1);
        for (int i = 0; i < 8; ++i) {
            const Bit& bit = octets[o][i];
            const uint32_t mask = 1u << i;
            const bool set = b & mask;
            if (o == 5 && i == 1) { // three bits: the service interval granularity
                static const char* ms[8] = {"5 ms", "10 ms", "15 ms", "20 ms", "25 ms", "30 ms", "35 ms", "40 ms"};
                t.add(n, bitLine(b, 0x0e, 8, fmt("Service Interval Granularity: %s (%u)", ms[(b >> 1) & 7], (b >> 1) & 7)), vo + o, 1, 0x0e);
                continue;
            }
            if (!bit.name)
                continue;
            std::string value = bit.kind == 'S' ? (set ? "Supported" : "Not supported") : bit.kind == 'T' ? trueFalse(set)
                              : bit.kind == 'N' ? fmt("%u", set ? 1 : 0) : fmt("0x%x", set ? 1 : 0);
            t.add(n, bitLine(b, mask, 8, std::string(bit.name) + ": " + value), vo + o, 1, mask);
        }
    }
}

// "1(B)", "5.5", "54": a rate byte in 500 kb/s units, (B) for a basic rate.
std::string rateText(uint8_t v)
{
    const unsigned half = v & 0x7f;
    std::string s = half % 2 ? fmt("%u.5", half / 2) : fmt("%u", half / 2);
    return (v & 0x80) ? s + "(B)" : s;
}

const char* tagName(uint8_t n)
{
    switch (n) {
    case 0: return "SSID parameter set";
    case 1: return "Supported Rates";
    case 2: return "FH Parameter set";
    case 3: return "DS Parameter set";
    case 4: return "CF Parameter set";
    case 5: return "Traffic Indication Map (TIM)";
    case 6: return "IBSS Parameter set";
    case 7: return "Country Information";
    case 10: return "Request";
    case 11: return "QBSS Load Element";
    case 12: return "EDCA Parameter Set";
    case 16: return "Challenge text";
    case 32: return "Power Constraint";
    case 33: return "Power Capability";
    case 35: return "TPC Report";
    case 36: return "Supported Channels";
    case 37: return "Channel Switch Announcement";
    case 42: return "ERP Information";
    case 45: return "HT Capabilities (802.11n D1.10)";
    case 46: return "QoS Capability";
    case 47: return "ERP Information";
    case 48: return "RSN Information";
    case 50: return "Extended Supported Rates";
    case 51: return "AP Channel Report";
    case 54: return "Mobility Domain";
    case 55: return "Fast BSS Transition";
    case 59: return "Supported Operating Classes";
    case 61: return "HT Information (802.11n D1.10)";
    case 62: return "Secondary Channel Offset";
    case 70: return "RM Enabled Capabilities (5 octets)";
    case 71: return "Multiple BSSID";
    case 72: return "20/40 BSS Coexistence";
    case 74: return "Overlapping BSS Scan Parameters";
    case 107: return "Interworking";
    case 127: return "Extended Capabilities";
    case 133: return "Cisco CCX1 CKIP + Device Name";
    case 150: return "Vendor Specific";
    case 191: return "VHT Capabilities";
    case 192: return "VHT Operation";
    case 195: return "VHT Tx Power Envelope";
    case 196: return "Channel Switch Wrapper";
    case 221: return "Vendor Specific";
    case 228: return "AID Announcement";
    case 255: return "Element ID Extension";
    default: return nullptr;
    }
}

const char* ouiName(uint32_t oui)
{
    switch (oui) {
    case 0x000fac: return "Ieee 802.11";
    case 0x0050f2: return "Microsoft Corp.";
    case 0x001018: return "Broadcom";
    case 0x00904c: return "Epigram, Inc.";
    case 0x000393: return "Apple, Inc.";
    case 0x004096: return "Cisco Systems, Inc";
    case 0x00037f: return "Atheros Communications, Inc.";
    case 0x506f9a: return "Wi-Fi Alliance";
    default: return nullptr;
    }
}

const char* cipherName(uint8_t type)
{
    switch (type) {
    case 0: return "Use group cipher suite";
    case 1: return "WEP (40-bit)";
    case 2: return "TKIP";
    case 4: return "AES (CCM)";
    case 5: return "WEP (104-bit)";
    case 6: return "BIP (128)";
    case 8: return "GCMP (128)";
    case 9: return "GCMP (256)";
    case 10: return "CCMP (256)";
    default: return nullptr;
    }
}

const char* akmName(uint8_t type)
{
    switch (type) {
    case 1: return "WPA";
    case 2: return "PSK";
    case 3: return "FT over IEEE 802.1X";
    case 4: return "FT using PSK";
    case 5: return "WPA (SHA256)";
    case 6: return "PSK (SHA256)";
    case 8: return "SAE (SHA256)";
    case 9: return "FT using SAE (SHA256)";
    case 18: return "OWE";
    default: return nullptr;
    }
}

// RSN's (and WPA's) cipher suites from `i`: the group suite, the pairwise and AKM lists; the
// offset after them, or 0 when cut short. `own` is the OUI whose suite types have names.
uint32_t Mac::suites(int32_t x, const uint8_t* v, uint32_t vo, uint32_t i, uint32_t len, uint32_t own, const char* group, const char* pairwise)
{
    auto suiteText = [&](uint32_t a, const char* (*names)(uint8_t)) {
        const uint32_t oui = uint32_t(v[a]) << 16 | uint32_t(v[a + 1]) << 8 | v[a + 2];
        const char* on = ouiName(oui);
        std::string s = fmt("%02x:%02x:%02x", v[a], v[a + 1], v[a + 2]) + (on ? std::string(" (") + on + ")" : "");
        const char* tn = oui == own ? names(v[a + 3]) : nullptr;
        return std::pair{s, tn ? std::string(tn) : fmt("%u", v[a + 3])};
    };
    auto suite = [&](int32_t p, const char* label, const char* ouiLabel, const char* typeLabel, uint32_t a, const char* (*names)(uint8_t)) {
        const auto [o, ty] = suiteText(a, names);
        const int32_t s = t.add(p, std::string(label) + ": " + o + " " + ty, vo + a, 4);
        t.add(s, std::string(ouiLabel) + ": " + o, vo + a, 3);
        const char* tn = (uint32_t(v[a]) << 16 | uint32_t(v[a + 1]) << 8 | v[a + 2]) == own ? names(v[a + 3]) : nullptr;
        t.add(s, std::string(typeLabel) + ": " + named(tn, v[a + 3]), vo + a + 3, 1);
    };
    if (i + 4 > len)
        return 0;
    const std::string g(group);
    suite(x, (g + " Cipher Suite").c_str(), (g + " Cipher Suite OUI").c_str(), (g + " Cipher Suite type").c_str(), i, cipherName);
    i += 4;
    for (int list = 0; list < 2; ++list) {
        if (i + 2 > len)
            return 0;
        const uint16_t n = loadLe16(v + i);
        const bool pair = list == 0;
        t.add(x, pair ? fmt("%s Cipher Suite Count: %u", pairwise, n) : fmt("Auth Key Management (AKM) Suite Count: %u", n), vo + i, 2);
        i += 2;
        if (i + 4u * n > len)
            return 0;
        std::string all;
        for (uint16_t k = 0; k < n; ++k) {
            const auto [o, ty] = suiteText(i + 4u * k, pair ? cipherName : akmName);
            all += " " + o + " " + ty;
        }
        const std::string pw(pairwise);
        const int32_t l = t.add(x, (pair ? pw + " Cipher Suite List" : std::string("Auth Key Management (AKM) List")) + all, vo + i, 4u * n);
        for (uint16_t k = 0; k < n; ++k, i += 4)
            if (pair)
                suite(l, (pw + " Cipher Suite").c_str(), (pw + " Cipher Suite OUI").c_str(), (pw + " Cipher Suite type").c_str(), i, cipherName);
            else
                suite(l, "Auth Key Management (AKM) Suite", "Auth Key Management (AKM) OUI", "Auth Key Management (AKM) type", i, akmName);
    }
    return i;
}

// The WMM parameter element (Microsoft's vendor tag, type 2): QoS info, then each access category.
void Mac::wmm(int32_t x, const uint8_t* v, uint32_t vo, uint8_t len)
{
    t.add(x, "Type: WMM/WME (0x02)", vo + 3, 1);
    if (len < 24 || v[4] != 1)
        return;
    t.add(x, "WME Subtype: Parameter Element (1)", vo + 4, 1);
    t.add(x, fmt("WME Version: %u", v[5]), vo + 5, 1);
    const uint8_t q = v[6];
    const int32_t qi = t.add(x, fmt("WME QoS Info: 0x%02x", q), vo + 6, 1);
    t.add(qi, bitLine(q, 0x80, 8, std::string("U-APSD: ") + ((q & 0x80) ? "Enabled" : "Disabled")), vo + 6, 1, 0x80);
    t.add(qi, bitLine(q, 0x0f, 8, fmt("Parameter Set Count: 0x%x", q & 0xf)), vo + 6, 1, 0x0f);
    t.add(qi, bitLine(q, 0x70, 8, fmt("Reserved: 0x%x", (q >> 4) & 7)), vo + 6, 1, 0x70);
    t.add(x, "Reserved: " + hexBytes(v + 7, 1), vo + 7, 1);
    static const char* aci[4] = {"Best Effort", "Background", "Video", "Voice"};
    for (uint32_t a = 8; a + 4 <= 24; a += 4) {
        const uint8_t f = v[a], ecw = v[a + 1];
        const uint16_t txop = loadLe16(v + a + 2);
        const unsigned n = (f >> 5) & 3, emin = ecw & 0xf, emax = ecw >> 4;
        const int32_t p = t.add(x, fmt("Ac Parameters ACI %u (%s), ACM %s, AIFSN %u, ECWmin/max %u/%u (CWmin/max %u/%u), TXOP %u", n, aci[n],
                                       (f & 0x10) ? "yes" : "no", f & 0xf, emin, emax, (1u << emin) - 1, (1u << emax) - 1, txop), vo + a, 4);
        const int32_t af = t.add(p, fmt("ACI / AIFSN Field: 0x%02x", f), vo + a, 1);
        t.add(af, bitLine(f, 0x0f, 8, fmt("AIFSN: %u", f & 0xf)), vo + a, 1, 0x0f);
        t.add(af, bitLine(f, 0x10, 8, std::string("Admission Control Mandatory: ") + ((f & 0x10) ? "Yes" : "No")), vo + a, 1, 0x10);
        t.add(af, bitLine(f, 0x60, 8, fmt("ACI: %s (%u)", aci[n], n)), vo + a, 1, 0x60);
        t.add(af, bitLine(f, 0x80, 8, fmt("Reserved: %u", f >> 7)), vo + a, 1, 0x80);
        const int32_t e = t.add(p, fmt("ECW: 0x%02x", ecw), vo + a + 1, 1);
        t.add(e, bitLine(ecw, 0xf0, 8, fmt("ECW Max: %u", emax)), vo + a + 1, 1, 0xf0);
        t.add(e, bitLine(ecw, 0x0f, 8, fmt("ECW Min: %u", emin)), vo + a + 1, 1, 0x0f);
        t.add(e, fmt("CW Max: %u", (1u << emax) - 1), vo + a + 1, 1);
        t.add(e, fmt("CW Min: %u", (1u << emin) - 1), vo + a + 1, 1);
        t.add(p, fmt("TXOP Limit: %u", txop), vo + a + 2, 2);
    }
}

void Mac::tag(int32_t parent, uint8_t number, uint32_t at, uint8_t len)
{
    const uint8_t* v = d.at(at + 2);
    const uint32_t vo = at + 2;
    const char* name = tagName(number);
    const std::string base = name ? name : "Reserved";
    std::string head = "Tag: " + base;
    switch (number) {
    case 0: head += len ? ": \"" + std::string(reinterpret_cast<const char*>(v), len) + "\"" : std::string(": Wildcard SSID"); break;
    case 1:
    case 50: {
        head += " ";
        for (uint8_t i = 0; i < len; ++i)
            head += rateText(v[i]) + ", ";
        head += "[Mbit/sec]";
        break;
    }
    case 3:
        if (len >= 1)
            head += fmt(": Current Channel: %u", v[0]);
        break;
    case 5:
        if (len >= 3)
            head += fmt(": DTIM %u of %u bitmap", v[0], v[1]);
        break;
    case 7:
        if (len >= 3)
            head += fmt(": Country Code %c%c, Environment %s", v[0], v[1], v[2] == 0x20 ? "All" : v[2] == 'I' ? "Indoor" : v[2] == 'O' ? "Outdoor" : "Unknown");
        break;
    case 11: head += " 802.11e CCA Version"; break;
    case 127: head += fmt(" (%u octets)", len); break;
    case 32:
        if (len >= 1)
            head += fmt(": %u", v[0]);
        break;
    case 35:
        if (len >= 2)
            head += fmt(" Transmit Power: %u, Link Margin: %u", v[0], v[1]);
        break;
    case 150:
    case 221:
        if (len >= 3) {
            const uint32_t oui = uint32_t(v[0]) << 16 | uint32_t(v[1]) << 8 | v[2];
            if (const char* o = ouiName(oui)) {
                head += std::string(": ") + o;
                if (oui == 0x0050f2 && len >= 4)
                    head += v[3] == 1 ? ": WPA Information Element" : v[3] == 2 ? ": WMM/WME: Parameter Element" : v[3] == 4 ? ": WPS" : "";
                if (oui == 0x00904c && len >= 4)
                    head += v[3] == 51 ? ": HT Capabilities (802.11n D1.10)" : v[3] == 52 ? ": HT Additional Capabilities (802.11n D1.00)" : "";
            }
        }
        break;
    default: break;
    }
    const int32_t x = t.add(parent, head, at, 2u + len);
    t.add(x, fmt("Tag Number: %s (%u)", base.c_str(), number), at, 1);
    t.add(x, fmt("Tag length: %u", len), at + 1, 1);
    switch (number) {
    case 0: t.add(x, len ? "SSID: \"" + std::string(reinterpret_cast<const char*>(v), len) + "\"" : std::string("SSID: <MISSING>"), vo, len); break;
    case 1:
    case 50:
        for (uint8_t i = 0; i < len; ++i)
            t.add(x, (number == 1 ? "Supported Rates: " : "Extended Supported Rates: ") + rateText(v[i]) + fmt(" (0x%02x)", v[i]), vo + i, 1);
        break;
    case 3:
        if (len >= 1)
            t.add(x, fmt("Current Channel: %u", v[0]), vo, 1);
        break;
    case 5:
        if (len >= 3) {
            t.add(x, fmt("DTIM count: %u", v[0]), vo, 1);
            t.add(x, fmt("DTIM period: %u", v[1]), vo + 1, 1);
            const int32_t b = t.add(x, fmt("Bitmap control: 0x%02x", v[2]), vo + 2, 1);
            t.add(b, bitLine(v[2], 0x01, 8, std::string("Multicast: ") + trueFalse(v[2] & 1)), vo + 2, 1, 0x01);
            t.add(b, bitLine(v[2], 0xfe, 8, fmt("Bitmap Offset: 0x%02x", v[2] >> 1)), vo + 2, 1, 0xfe);
            if (len > 3) {
                t.add(x, "Partial Virtual Bitmap: " + hexBytes(v + 3, len - 3u), vo + 3, len - 3u);
                // Each bit set names a station with buffered frames, counted from the offset.
                const uint32_t base = (v[2] >> 1) * 16u;
                for (uint32_t i = 3; i < len; ++i)
                    for (int b = 0; b < 8; ++b)
                        if ((v[i] >> b & 1) && base + (i - 3) * 8 + uint32_t(b))
                            t.add(x, fmt("Association ID: 0x%02x", base + (i - 3) * 8 + uint32_t(b)), vo + i, 1);
            }
        }
        break;
    case 7:
        if (len >= 3) {
            t.add(x, fmt("Code: %c%c", v[0], v[1]), vo, 2);
            const char* env = v[2] == 0x20 ? "All" : v[2] == 'I' ? "Indoor" : v[2] == 'O' ? "Outdoor" : nullptr;
            t.add(x, "Environment: " + named(env, v[2]), vo + 2, 1);
            for (uint32_t i = 3; i + 3 <= len; i += 3) {
                const int32_t c = t.add(x, fmt("Country Info: First Channel Number: %u, Number of Channels: %u, Maximum Transmit Power Level: %u dBm",
                                               v[i], v[i + 1], v[i + 2]), vo + i, 3);
                t.add(c, fmt("First Channel Number: %u", v[i]), vo + i, 1);
                t.add(c, fmt("Number of Channels: %u", v[i + 1]), vo + i + 1, 1);
                t.add(c, fmt("Maximum Transmit Power Level: %u dBm", v[i + 2]), vo + i + 2, 1);
            }
        }
        break;
    case 11:
        if (len == 5) {
            t.add(x, "QBSS Version: 2", vo, 0);
            t.add(x, fmt("Station Count: %u", loadLe16(v)), vo, 2);
            t.add(x, fmt("Channel Utilization: %u (%u%%)", v[2], v[2] * 100 / 255), vo + 2, 1);
            t.add(x, fmt("Available Admission Capacity: %u (%u us/s)", loadLe16(v + 3), loadLe16(v + 3) * 32), vo + 3, 2);
        }
        break;
    case 32:
        if (len >= 1)
            t.add(x, fmt("Local Power Constraint: %u", v[0]), vo, 1);
        break;
    case 35:
        if (len >= 2) {
            t.add(x, fmt("Transmit Power: %u", v[0]), vo, 1);
            t.add(x, fmt("Link Margin: %u", v[1]), vo + 1, 1);
        }
        break;
    case 42:
    case 47:
        if (len >= 1) {
            const int32_t e = t.add(x, fmt("ERP Information: 0x%02x", v[0]), vo, 1);
            t.add(e, bitLine(v[0], 0x01, 8, std::string("Non ERP Present: ") + ((v[0] & 1) ? "Set" : "Not set")), vo, 1, 0x01);
            t.add(e, bitLine(v[0], 0x02, 8, std::string("Use Protection: ") + ((v[0] & 2) ? "Set" : "Not set")), vo, 1, 0x02);
            t.add(e, bitLine(v[0], 0x04, 8, std::string("Barker Preamble Mode: ") + ((v[0] & 4) ? "Set" : "Not set")), vo, 1, 0x04);
            t.add(e, bitLine(v[0], 0xf8, 8, fmt("Reserved: 0x%02x", v[0] >> 3)), vo, 1, 0xf8);
        }
        break;
    case 127:
        if (len <= 8)
            extendedCapabilities(t, x, v, vo, len);
        break;
    case 45:
        if (len >= 26)
            htCapabilities(t, x, v, vo, "");
        break;
    case 61:
        if (len >= 22)
            htInformation(t, x, v, vo, "");
        break;
    case 48: {
        // Version, group suite, pairwise and AKM suite lists, capabilities.
        uint32_t i = 0;
        if (len < 2)
            break;
        t.add(x, fmt("RSN Version: %u", loadLe16(v)), vo, 2);
        i = 2;
        i = suites(x, v, vo, i, len, 0x000fac, "Group", "Pairwise");
        if (i == 0)
            break;
        if (i + 2 <= len) {
            const uint16_t c = loadLe16(v + i);
            const int32_t cn = t.add(x, fmt("RSN Capabilities: 0x%04x", c), vo + i, 2);
            static const char* replay[4] = {"1 replay counter per PTKSA/GTKSA/STAKeySA", "2 replay counters per PTKSA/GTKSA/STAKeySA",
                                            "4 replay counters per PTKSA/GTKSA/STAKeySA", "16 replay counters per PTKSA/GTKSA/STAKeySA"};
            const uint32_t co = vo + i;
            t.add(cn, bitLine(c, 0x0001, 16, std::string("RSN Pre-Auth capabilities: ") + ((c & 1) ? "Transmitter supports pre-authentication" : "Transmitter does not support pre-authentication")), co, 2, 0x0001);
            t.add(cn, bitLine(c, 0x0002, 16, std::string("RSN No Pairwise capabilities: ") + ((c & 2) ? "Transmitter cannot support WEP default key 0 simultaneously with Pairwise key" : "Transmitter can support WEP default key 0 simultaneously with Pairwise key")), co, 2, 0x0002);
            t.add(cn, bitLine(c, 0x000c, 16, fmt("RSN PTKSA Replay Counter capabilities: %s (0x%x)", replay[(c >> 2) & 3], (c >> 2) & 3)), co, 2, 0x000c);
            t.add(cn, bitLine(c, 0x0030, 16, fmt("RSN GTKSA Replay Counter capabilities: %s (0x%x)", replay[(c >> 4) & 3], (c >> 4) & 3)), co, 2, 0x0030);
            t.add(cn, bitLine(c, 0x0040, 16, std::string("Management Frame Protection Required: ") + trueFalse(c & 0x40)), co, 2, 0x0040);
            t.add(cn, bitLine(c, 0x0080, 16, std::string("Management Frame Protection Capable: ") + trueFalse(c & 0x80)), co, 2, 0x0080);
            t.add(cn, bitLine(c, 0x0100, 16, std::string("Joint Multi-band RSNA: ") + trueFalse(c & 0x100)), co, 2, 0x0100);
            t.add(cn, bitLine(c, 0x0200, 16, std::string("PeerKey Enabled: ") + trueFalse(c & 0x200)), co, 2, 0x0200);
            t.add(cn, bitLine(c, 0x2000, 16, std::string("Extended Key ID for Individually Addressed Frames: ") + ((c & 0x2000) ? "Supported" : "Not supported")), co, 2, 0x2000);
        }
        break;
    }
    case 150:
    case 221:
        if (len >= 3) {
            const uint32_t oui = uint32_t(v[0]) << 16 | uint32_t(v[1]) << 8 | v[2];
            const char* on = ouiName(oui);
            t.add(x, fmt("OUI: %02x:%02x:%02x", v[0], v[1], v[2]) + (on ? std::string(" (") + on + ")" : ""), vo, 3);
            if (len >= 4)
                t.add(x, fmt("Vendor Specific OUI Type: %u", v[3]), vo + 3, 1);
            if (len > 3 && oui == 0x001018) // the data includes the type byte
                t.add(x, "Vendor Specific Data: " + hexBytes(v + 3, len - 3u), vo + 3, len - 3u);
            if (oui == 0x0050f2 && len >= 4 && v[3] == 1) {
                t.add(x, "Type: WPA Information Element (0x01)", vo + 3, 1);
                if (len >= 6) {
                    t.add(x, fmt("WPA Version: %u", loadLe16(v + 4)), vo + 4, 2);
                    suites(x, v, vo, 6, len, 0x0050f2, "Multicast", "Unicast");
                }
            } else if (oui == 0x0050f2 && len >= 4 && v[3] == 2) {
                wmm(x, v, vo, len);
            }
            if (oui == 0x00904c && len >= 4 && (v[3] == 51 || v[3] == 52)) { // HT before 802.11n: its elements in a vendor tag
                t.add(x, v[3] == 51 ? "802.11n (Pre) Type: HT Capabilities (802.11n D1.10) (51)" : "802.11n (Pre) Type: HT Additional Capabilities (802.11n D1.00) (52)", vo + 3, 1);
                if (v[3] == 51 && len >= 30)
                    htCapabilities(t, x, v + 4, vo + 4, " (VS)");
            }
        }
        break;
    default: break;
    }
}

void Mac::tagged(int32_t parent, uint32_t at)
{
    if (at >= end)
        return;
    const int32_t x = t.add(parent, fmt("Tagged parameters (%u bytes)", end - at), at, end - at);
    while (at + 2 <= end) {
        const uint8_t number = d.frame[at], len = d.frame[at + 1];
        if (at + 2 + len > end) { // cut short: its heading, flagged as tshark flags it, ends the walk
            const std::string name = tagName(number) ? tagName(number) : "Reserved";
            const int32_t tg = t.add(x, "Tag: " + name, at, end - at);
            t.add(tg, fmt("Tag Number: %s (%u)", name.c_str(), number), at, 1);
            const int32_t l = t.add(tg, fmt("Tag length: %u", len), at + 1, 1);
            const int32_t e = t.add(l, "[Expert Info (Error/Malformed): Tag Length is longer than remaining payload]");
            t.add(e, "[Tag Length is longer than remaining payload]");
            t.add(e, "[Severity level: Error]");
            t.add(e, "[Group: Malformed]");
            break;
        }
        tag(x, number, at, len);
        at += 2u + len;
    }
}

void Mac::action(int32_t w, uint32_t at)
{
    // Action frames: the category and action, then an Add Block Ack request's or response's parameters.
    if (!has(at, 2))
        return;
    const uint8_t category = d.frame[at], code = d.frame[at + 1];
    const char* cat = category == 0 ? "Spectrum Management" : category == 1 ? "QoS" : category == 3 ? "Block Ack" : category == 4 ? "Public Action" : category == 7 ? "HT" : nullptr;
    const int32_t f = t.add(w, "Fixed parameters", at, end - at);
    t.add(f, "Category code: " + named(cat, category), at, 1);
    if (category != 3)
        return;
    static const char* actions[3] = {"Add Block Ack Request", "Add Block Ack Response", "Delete Block Ack"};
    t.add(f, fmt("Action code: %s (0x%02x)", code < 3 ? actions[code] : "Unknown", code), at + 1, 1);
    if (code > 1 || !has(at, 9))
        return;
    t.add(f, fmt("Dialog token: 0x%02x", d.frame[at + 2]), at + 2, 1);
    uint32_t p = at + 3;
    if (code == 1) {
        t.add(f, "Status code: " + withHex16(statusName(loadLe16(d.at(p))), loadLe16(d.at(p))), p, 2);
        p += 2;
        if (!has(p, 4))
            return;
    }
    const uint16_t params = loadLe16(d.at(p));
    std::string names = (params & 0x0001) ? ", A-MSDUs" : "";
    names += (params & 0x0002) ? ", Block Ack Policy" : "";
    const int32_t bp = t.add(f, fmt("Block Ack Parameters: 0x%04x", params) + names, p, 2);
    t.add(bp, bitLine(params, 0x0001, 16, std::string("A-MSDUs: ") + ((params & 1) ? "Permitted in QoS Data MPDUs" : "Not Permitted")), p, 2, 0x0001);
    t.add(bp, bitLine(params, 0x0002, 16, std::string("Block Ack Policy: ") + ((params & 2) ? "Immediate Block Ack" : "Delayed Block Ack")), p, 2, 0x0002);
    t.add(bp, bitLine(params, 0x003c, 16, fmt("Traffic Identifier: 0x%x", (params >> 2) & 0xf)), p, 2, 0x003c);
    t.add(bp, bitLine(params, 0xffc0, 16, fmt("Number of Buffers (1 Buffer = 2304 Bytes): %u", params >> 6)), p, 2, 0xffc0);
    p += 2;
    if (!has(p, 2))
        return;
    t.add(f, fmt("Block Ack Timeout: 0x%04x", loadLe16(d.at(p))), p, 2);
    p += 2;
    if (code != 0 || !has(p, 2))
        return;
    const uint16_t ssc = loadLe16(d.at(p));
    const int32_t s = t.add(f, fmt("Block Ack Starting Sequence Control (SSC): 0x%04x", ssc), p, 2);
    t.add(s, bitLine(ssc, 0x000f, 16, fmt("Fragment: %u", ssc & 0xf)), p, 2, 0x000f);
    t.add(s, bitLine(ssc, 0xfff0, 16, fmt("Starting Sequence Number: %u", ssc >> 4)), p, 2, 0xfff0);
}

// The fixed parameters' bytes for each management subtype (0: none).
uint32_t fixedLength(unsigned subtype)
{
    switch (subtype) {
    case 0: return 4;
    case 1:
    case 3:
    case 11: return 6;
    case 2: return 10;
    case 5:
    case 8: return 12;
    case 10:
    case 12: return 2;
    default: return 0;
    }
}

void Mac::management(unsigned subtype, uint32_t body)
{
    if (body >= end)
        return;
    const int32_t w = t.add(-1, "IEEE 802.11 Wireless Management", body, end - body);
    if (subtype == 13 || subtype == 14) {
        action(w, body);
        return;
    }
    uint32_t at = body;
    if (const uint32_t n = fixedLength(subtype); n && has(body, n)) {
        fixed(t.add(w, fmt("Fixed parameters (%u bytes)", n), body, n), subtype, at);
    }
    tagged(w, at);
}

void Mac::build()
{
    if (end < off + 2)
        return;
    const uint8_t fc0 = d.frame[off], flags = off + 1 < cap() ? d.frame[off + 1] : 0;
    const unsigned version = fc0 & 3, type = (fc0 >> 2) & 3, subtype = fc0 >> 4;
    if (version >= 2) { // no 802.11 frame tshark knows: the version, then the bytes
        const int32_t w = t.add(-1, fmt("IEEE 802.11 Unknown Protocol Version:%u", version), off, end - off);
        t.add(w, bitLine(fc0, 0x03, 8, fmt("Version: %u", version)), off, 1, 0x03);
        const uint32_t n = end > off + 2 ? end - off - 2 : 0;
        if (n) {
            const int32_t x = t.add(w, fmt("Data (%u bytes)", n), off + 2, n);
            t.add(x, "Data: " + hexBytes(d.at(off + 2), std::min<uint32_t>(n, 36)) + (n > 36 ? "\u2026" : ""), off + 2, n);
            t.add(x, fmt("[Length: %u]", n));
        }
        addFcs(w);
        return;
    }
    if (version != 0 || type == 3)
        return; // PV1 and extension frames: not decoded (TSHARK_DIFFERENCES.md)
    const char* kind = frameKind(type, subtype);
    std::string picture;
    static const char letters[] = "opmPRMFT";
    for (int b = 7; b >= 0; --b)
        picture += (flags >> b & 1) ? letters[7 - b] : '.';
    if (fcs)
        picture += 'C';
    const std::string kindText = kind ? kind : fmt("Unrecognized (Reserved frame) (0x%02x)", type << 4 | subtype);
    // The header's length: three addresses and sequence control for management and data
    // frames, a fourth for WDS, QoS and HT control; control frames their own.
    uint32_t header = 24;
    if (type == 1) {
        switch (subtype) {
        case 12:
        case 13: header = 10; break;
        case 8: header = 16 + 4; break; // BAR: control and SSC
        case 9: header = 16 + 4 + 8; break; // compressed BA: and the bitmap
        default: header = 16; break;
        }
    } else if (type == 2) {
        if ((flags & 3) == 3)
            header += 6;
        if (subtype & 8)
            header += 2 + ((flags & 0x80) ? 4 : 0);
    } else if (flags & 0x80) {
        header += 4;
    }
    const uint32_t shown = std::min(header, end > off ? end - off : 0);
    const int32_t w = t.add(-1, "IEEE 802.11 " + kindText + ", Flags: " + picture, off, shown);
    t.add(w, fmt("Type/Subtype: %s (0x%04x)", kindText.c_str(), type << 4 | subtype), off, 2);
    const uint16_t fcv = uint16_t(fc0 << 8 | flags);
    const int32_t fc = t.add(w, fmt("Frame Control Field: 0x%04x", fcv), off, 2);
    t.add(fc, bitLine(fc0, 0x03, 8, fmt("Version: %u", version)), off, 1, 0x03);
    t.add(fc, bitLine(fc0, 0x0c, 8, fmt("Type: %s (%u)", frameTypeName(type), type)), off, 1, 0x0c);
    t.add(fc, bitLine(fc0, 0xf0, 8, fmt("Subtype: %u", subtype)), off, 1, 0xf0);
    const int32_t fl = t.add(fc, fmt("Flags: 0x%02x", flags), off + 1, 1);
    t.add(fl, bitLine(flags, 0x03, 8, std::string("DS status: ") + dsStatus(flags)), off + 1, 1, 0x03);
    t.add(fl, bitLine(flags, 0x04, 8, std::string("More Fragments: ") + ((flags & 0x04) ? "More fragments follow" : "This is the last fragment")), off + 1, 1, 0x04);
    t.add(fl, bitLine(flags, 0x08, 8, std::string("Retry: ") + ((flags & 0x08) ? "Frame is being retransmitted" : "Frame is not being retransmitted")), off + 1, 1, 0x08);
    t.add(fl, bitLine(flags, 0x10, 8, std::string("PWR MGT: ") + ((flags & 0x10) ? "STA will go to sleep" : "STA will stay up")), off + 1, 1, 0x10);
    t.add(fl, bitLine(flags, 0x20, 8, std::string("More Data: ") + ((flags & 0x20) ? "Data is buffered for STA at AP" : "No data buffered")), off + 1, 1, 0x20);
    t.add(fl, bitLine(flags, 0x40, 8, std::string("Protected flag: ") + ((flags & 0x40) ? "Data is protected" : "Data is not protected")), off + 1, 1, 0x40);
    t.add(fl, bitLine(flags, 0x80, 8, std::string("+HTC/Order flag: ") + ((flags & 0x80) ? "Strictly ordered" : "Not strictly ordered")), off + 1, 1, 0x80);
    if (!has(off, 4))
        return;
    const uint16_t dur = loadLe16(d.at(off + 2));
    if (type == 1 && subtype == 10)
        t.add(w, bitLine(dur, 0x3fff, 16, fmt("Association ID: %u", dur & 0x3fff)), off + 2, 2, 0x3fff);
    else
        t.add(w, bitLine(dur, 0x7fff, 16, fmt("Duration: %u microseconds", dur & 0x7fff)), off + 2, 2, 0x7fff);
    const uint32_t a1 = off + 4, a2 = off + 10, a3 = off + 16, a4 = off + 24;
    auto addr = [&](const char* name, uint32_t at) {
        if (has(at, 6))
            address(w, name, at);
    };
    if (type == 1) {
        addr("Receiver address", a1);
        if (subtype == 14 || subtype == 15)
            addr("BSS Id", a2);
        else if (subtype == 10) {
            addr("BSS Id", a1);
            addr("Transmitter address", a2);
        } else if (subtype != 12 && subtype != 13)
            addr("Transmitter address", a2);
    } else if (type == 0) {
        addr("Receiver address", a1);
        addr("Destination address", a1);
        addr("Transmitter address", a2);
        addr("Source address", a2);
        addr("BSS Id", a3);
    } else {
        addr("Receiver address", a1);
        addr("Transmitter address", a2);
        switch (flags & 3) {
        case 0:
            addr("Destination address", a1);
            addr("Source address", a2);
            addr("BSS Id", a3);
            addr("STA address", a2);
            break;
        case 1:
            addr("Destination address", a3);
            addr("Source address", a2);
            addr("BSS Id", a1);
            addr("STA address", a2);
            break;
        case 2:
            addr("Destination address", a1);
            addr("Source address", a3);
            addr("BSS Id", a2);
            addr("STA address", a1);
            break;
        default:
            addr("Destination address", a3);
            addr("Source address", a4);
            break;
        }
    }
    if (type != 1 && has(off + 22, 2)) {
        const uint16_t seq = loadLe16(d.at(off + 22));
        t.add(w, bitLine(seq, 0x000f, 16, fmt("Fragment number: %u", seq & 0xf)), off + 22, 2, 0x000f);
        t.add(w, bitLine(seq, 0xfff0, 16, fmt("Sequence number: %u", seq >> 4)), off + 22, 2, 0xfff0);
    }
    if (type == 1 && subtype == 8 && has(off + 16, 4)) {
        const uint16_t ctl = loadLe16(d.at(off + 16)), ssc = loadLe16(d.at(off + 18));
        const unsigned baType = (ctl >> 1) & 0xf;
        const char* typeName = baType == 0 ? "Basic BlockAck" : baType == 1 ? "Extended Compressed BlockAck" : baType == 2 ? "Compressed BlockAck" : baType == 3 ? "Multi-TID BlockAck" : nullptr;
        const int32_t r = t.add(w, std::string(typeName ? typeName : "Unknown") + " Request", off + 16, 4);
        const int32_t c = t.add(r, fmt("Block Ack Control: 0x%04x", ctl), off + 16, 2);
        t.add(c, bitLine(ctl, 0x0001, 16, std::string("BA Ack Policy: ") + ((ctl & 1) ? "Immediate Acknowledgement Not Required" : "Immediate Acknowledgement Required")), off + 16, 2, 0x0001);
        t.add(c, bitLine(ctl, 0x001e, 16, fmt("BA Type: %s (0x%x)", typeName ? typeName : "Unknown", baType)), off + 16, 2, 0x001e);
        t.add(c, bitLine(ctl, 0x0fe0, 16, fmt("Reserved: 0x%02x", (ctl >> 5) & 0x7f)), off + 16, 2, 0x0fe0);
        t.add(c, bitLine(ctl, 0xf000, 16, fmt("TID for which a Basic BlockAck frame is requested: 0x%x", ctl >> 12)), off + 16, 2, 0xf000);
        const int32_t s = t.add(r, fmt("Block Ack Starting Sequence Control (SSC): 0x%04x", ssc), off + 18, 2);
        t.add(s, bitLine(ssc, 0x000f, 16, fmt("Fragment: %u", ssc & 0xf)), off + 18, 2, 0x000f);
        t.add(s, bitLine(ssc, 0xfff0, 16, fmt("Starting Sequence Number: %u", ssc >> 4)), off + 18, 2, 0xfff0);
    }
    if (type == 1 && subtype == 9 && has(off + 16, 4)) {
        const uint16_t ctl = loadLe16(d.at(off + 16)), ssc = loadLe16(d.at(off + 18));
        const unsigned baType = (ctl >> 1) & 0xf;
        const char* typeName = baType == 0 ? "Basic BlockAck" : baType == 1 ? "Extended Compressed BlockAck" : baType == 2 ? "Compressed BlockAck" : baType == 3 ? "Multi-TID BlockAck" : nullptr;
        const uint32_t bitmapLen = baType == 2 ? 8 : baType == 0 ? 128 : 0;
        const int32_t r = t.add(w, std::string(typeName ? typeName : "Unknown") + " Response", off + 16, 4 + (has(off + 20, bitmapLen) ? bitmapLen : 0));
        const int32_t c = t.add(r, fmt("Block Ack Control: 0x%04x", ctl), off + 16, 2);
        t.add(c, bitLine(ctl, 0x0001, 16, std::string("BA Ack Policy: ") + ((ctl & 1) ? "Immediate Acknowledgement Not Required" : "Immediate Acknowledgement Required")), off + 16, 2, 0x0001);
        t.add(c, bitLine(ctl, 0x001e, 16, fmt("BA Type: %s (0x%x)", typeName ? typeName : "Unknown", baType)), off + 16, 2, 0x001e);
        t.add(c, bitLine(ctl, 0x0fe0, 16, fmt("Reserved: 0x%02x", (ctl >> 5) & 0x7f)), off + 16, 2, 0x0fe0);
        t.add(c, bitLine(ctl, 0xf000, 16, fmt("TID for which a Basic BlockAck frame is requested: 0x%x", ctl >> 12)), off + 16, 2, 0xf000);
        const int32_t s = t.add(r, fmt("Block Ack Starting Sequence Control (SSC): 0x%04x", ssc), off + 18, 2);
        t.add(s, bitLine(ssc, 0x000f, 16, fmt("Fragment: %u", ssc & 0xf)), off + 18, 2, 0x000f);
        t.add(s, bitLine(ssc, 0xfff0, 16, fmt("Starting Sequence Number: %u", ssc >> 4)), off + 18, 2, 0xfff0);
        if (baType == 2 && has(off + 20, 8)) {
            const uint8_t* bm = d.at(off + 20);
            const int32_t b = t.add(r, "Block Ack Bitmap: " + hexBytes(bm, 8), off + 20, 8);
            for (unsigned i = 0; i < 64; ++i)
                if (!(bm[i / 8] >> (i % 8) & 1))
                    t.add(b, fmt("Missing frame: %u", ((ssc >> 4) + i) & 0xfff), off + 20 + i / 8, 1);
        }
    }
    addFcs(w);
    uint32_t body = off + header;
    if (type == 2 && d.linkType == linktype::Radiotap && (radiotapFlags(d.frame) & 0x20))
        body = off + ((header + 3) & ~3u); // the data pad radiotap announces
    if (type == 2 && (subtype & 8) && has(off + header - 2 - ((flags & 0x80) ? 4 : 0), 2)) {
        const uint32_t q = off + header - 2 - ((flags & 0x80) ? 4 : 0);
        const uint16_t qos = loadLe16(d.at(q));
        const int32_t qn = t.add(w, fmt("Qos Control: 0x%04x", qos), q, 2);
        t.add(qn, bitLine(qos, 0x000f, 16, fmt("TID: %u", qos & 0xf)), q, 2, 0x000f);
        t.add(qn, "[" + bitLine(qos, 0x0007, 16, fmt("Priority: %s (%u)", priorityName(qos & 7), qos & 7)) + "]", q, 2, 0x0007);
        const bool fromAp = (flags & 3) == 2;
        if (fromAp)
            t.add(qn, bitLine(qos, 0x0010, 16, std::string("EOSP: ") + ((qos & 0x10) ? "End of service period" : "Service period")), q, 2, 0x0010);
        else
            t.add(qn, bitLine(qos, 0x0010, 16, std::string("QoS bit 4: ") + ((qos & 0x10) ? "Bits 8-15 of QoS Control field are Queue Size" : "Bits 8-15 of QoS Control field are TXOP Duration Requested")), q, 2, 0x0010);
        static const char* ack[4] = {"Normal Ack", "No Ack", "No explicit acknowledgment", "Block Ack"};
        t.add(qn, bitLine(qos, 0x0060, 16, fmt("Ack Policy: %s (0x%x)", ack[(qos >> 5) & 3], (qos >> 5) & 3)), q, 2, 0x0060);
        t.add(qn, bitLine(qos, 0x0080, 16, std::string("Payload Type: ") + ((qos & 0x80) ? "A-MSDU" : "MSDU")), q, 2, 0x0080);
        if (fromAp) {
            const int32_t b = t.add(qn, bitLine(qos, 0xff00, 16, fmt("QAP PS Buffer State: 0x%02x", qos >> 8)), q, 2, 0xff00);
            t.add(b, bitLine(qos, 0x0200, 16, std::string("Buffer State Indicated: ") + ((qos & 0x0200) ? "Yes" : "No")), q, 2, 0x0200);
        } else if (qos & 0x10) {
            t.add(qn, bitLine(qos, 0xff00, 16, fmt("Queue Size: %u", qos >> 8)), q, 2, 0xff00);
        } else {
            t.add(qn, bitLine(qos, 0xff00, 16, fmt("TXOP Duration Requested: %u (no TXOP requested)", qos >> 8)), q, 2, 0xff00);
        }
    }
    if (type == 2 && (flags & 0x40) && has(body, 8)) {
        const uint8_t* iv = d.at(body);
        if (iv[3] & 0x20) { // an extended IV: CCMP (TKIP's second byte repeats the first's bits)
            if (iv[1] == ((iv[0] | 0x20) & 0x7f)) {
                const int32_t k = t.add(w, "TKIP parameters", body, 8);
                t.add(k, fmt("TKIP Ext. Initialization Vector: 0x%02x%02x%02x%02x%02x%02x", iv[7], iv[6], iv[5], iv[4], iv[0], iv[2]), body, 8);
                t.add(k, fmt("Key Index: %u", iv[3] >> 6), body + 3, 1);
            } else {
                const int32_t k = t.add(w, "CCMP parameters", body, 8);
                t.add(k, fmt("CCMP Ext. Initialization Vector: 0x%02x%02x%02x%02x%02x%02x", iv[7], iv[6], iv[5], iv[4], iv[1], iv[0]), body, 8);
                t.add(k, fmt("Key Index: %u", iv[3] >> 6), body + 3, 1);
            }
            const uint32_t n = end > body + 8 ? end - body - 8 : 0;
            if (n) {
                const int32_t x = t.add(-1, fmt("Data (%u bytes)", n), body + 8, n);
                t.add(x, "Data: " + hexBytes(d.at(body + 8), std::min<uint32_t>(n, 36)) + (n > 36 ? "\u2026" : ""), body + 8, n);
                t.add(x, fmt("[Length: %u]", n));
            }
        }
        return;
    }
    if (type == 0)
        management(subtype, body);
}

} // namespace

// tshark's "802.11 radio information": the PHY the channel flags imply, the rate, channel and
// signal, and the frame's airtime worked out for DSSS/CCK and OFDM (not for HT).
void buildRadioInformation(DetailTree& t, const Radio& radio, uint32_t mpduLength)
{
    if (!radio.hasChannel && !radio.hasRate && !radio.hasMcs)
        return;
    const int32_t r = t.add(-1, "802.11 radio information");
    const uint32_t cf = radio.channelFlags;
    enum { Dsss = 3, B = 4, A = 5, G = 6, N = 7 } phy;
    if ((radio.hasMcs && (radio.mcs[0] & 0x02)) || radio.ppiHt)
        phy = N;
    else if (cf & 0x20)
        phy = B;
    else if ((cf & 0x40) && (cf & 0x100))
        phy = A;
    else if ((cf & 0x40) || (cf & 0x400))
        phy = G;
    else
        phy = Dsss;
    static const char* phyName[8] = {nullptr, nullptr, nullptr, "802.11 DSSS", "802.11b (HR/DSSS)", "802.11a (OFDM)", "802.11g (ERP)", "802.11n (HT)"};
    t.add(r, fmt("PHY type: %s (%d)", phyName[phy], int(phy)));
    double rate = radio.hasRate ? radio.rate * 0.5 : 0;
    if (phy == N && radio.ppiHt) {
        t.add(r, fmt("MCS index: %u", radio.ppiMcs));
        t.add(r, fmt("Bandwidth: %s", (radio.ppiFlags & 2) ? "40 MHz (1)" : "20 MHz (0)"));
        t.add(r, std::string("Short GI: ") + trueFalse(radio.ppiFlags & 4));
        t.add(r, std::string("Greenfield: ") + trueFalse(radio.ppiFlags & 1));
        t.add(r, fmt("Number of extension spatial streams: %u", radio.ppiStreams));
    } else if (phy == N) {
        const uint8_t known = radio.mcs[0], fl = radio.mcs[1];
        if (known & 0x02)
            t.add(r, fmt("MCS index: %u", radio.mcs[2]));
        static const char* bandwidth[4] = {"20 MHz", "40 MHz", "20 MHz lower", "20 MHz upper"};
        if (known & 0x01)
            t.add(r, fmt("Bandwidth: %s (%u)", bandwidth[fl & 3], fl & 3));
        if (known & 0x04)
            t.add(r, std::string("Short GI: ") + trueFalse(fl & 0x04));
        if (known & 0x20)
            t.add(r, fmt("Number of STBC streams: %u", (fl >> 5) & 3));
        rate = htRate(radio.mcs);
    } else if (phy == B && radio.hasFlags) {
        t.add(r, std::string("Short preamble: ") + trueFalse(radio.flags & 0x02));
    } else if (phy == G) {
        t.add(r, "Proprietary mode: None (0)");
    }
    if (rate > 0)
        t.add(r, fmt("Data rate: %.1f Mb/s", rate));
    if (radio.hasChannel) {
        const uint32_t f = radio.freq;
        const uint32_t channel = f == 2484 ? 14 : f >= 2407 && f < 2484 ? (f - 2407) / 5 : f >= 5000 ? (f - 5000) / 5 : 0;
        t.add(r, fmt("Channel: %u", channel));
        t.add(r, fmt("Frequency: %uMHz", f));
    }
    if (radio.hasDbSignal)
        t.add(r, fmt("Signal strength (dB): %d dB", radio.dbSignal));
    if (radio.hasDbmSignal)
        t.add(r, fmt("Signal strength (dBm): %d dBm", radio.dbmSignal));
    if (radio.hasDbmNoise)
        t.add(r, fmt("Noise level (dBm): %d dBm", radio.dbmNoise));
    if (radio.hasDbmSignal && radio.hasDbmNoise)
        t.add(r, fmt("Signal/noise ratio (dB): %d dB", radio.dbmSignal - radio.dbmNoise));
    if (radio.hasTsf)
        t.add(r, fmt("TSF timestamp: %llu", static_cast<unsigned long long>(radio.tsf)));
    // Airtime: DSSS/CCK sends the preamble then the bits at the rate; OFDM 4 us symbols after 20 us.
    uint32_t preamble = 0, duration = 0;
    bool assumedShort = false;
    if (radio.ppi)
        mpduLength += 4; // tshark counts an FCS on PPI frames whatever the flag says
    if (phy == B && radio.rate) {
        assumedShort = !radio.hasFlags;
        preamble = radio.hasFlags && !(radio.flags & 0x02) ? 192 : 96;
        duration = preamble + uint32_t((uint64_t(mpduLength) * 16 + radio.rate - 1) / radio.rate);
    } else if ((phy == G || phy == A) && radio.rate) {
        const uint32_t bitsPerSymbol = radio.rate * 2; // 4 us at rate/2 Mb/s
        preamble = 20;
        duration = preamble + 4 * ((16 + 8 * mpduLength + 6 + bitsPerSymbol - 1) / bitsPerSymbol);
    }
    if (!duration)
        return;
    const int32_t du = t.add(r, fmt("[Duration: %u\u00b5s]", duration));
    if (assumedShort) {
        const int32_t e = t.add(du, "[Expert Info (Warning/Assumption): No preamble length information was available, assuming short preamble.]");
        t.add(e, "[No preamble length information was available, assuming short preamble.]");
        t.add(e, "[Severity level: Warning]");
        t.add(e, "[Group: Assumption]");
    }
    t.add(du, fmt("[Preamble: %u\u00b5s]", preamble));
    if (radio.hasTsf) {
        t.add(du, fmt("[Start: %llu\u00b5s]", static_cast<unsigned long long>(radio.tsf - duration)));
        t.add(du, fmt("[End: %llu\u00b5s]", static_cast<unsigned long long>(radio.tsf)));
    }
}

int32_t buildWlanLink(DetailTree& t, const DecodedPacket& d)
{
    Radio radio;
    uint32_t off = 0;
    const uint32_t cap = uint32_t(d.frame.size());
    if (d.linkType == linktype::Radiotap) {
        if (buildRadiotap(t, d, radio) < 0)
            return -1;
        off = loadLe16(d.at(2));
    } else if (d.linkType == linktype::Ppi) {
        if (buildPpi(t, d, radio) < 0)
            return -1;
        if (loadLe32(d.at(4)) != linktype::Ieee80211)
            return -1;
        off = loadLe16(d.at(2));
    }
    if (off >= cap)
        return -1;
    // The frame as sent (its length on the wire): a capture cut short ends before its FCS. (The
    // decoder bounds reportedLen before a radiotap-announced FCS.)
    const uint32_t wire = std::max(cap, d.reportedLen + (radio.fcs && d.linkType == linktype::Radiotap ? 4 : 0));
    if (d.linkType != linktype::Ieee80211)
        buildRadioInformation(t, radio, wire - off);
    const bool fcs = radio.fcs && wire >= off + 4 + 4;
    Mac m{t, d, off, fcs ? std::min(cap, wire - 4) : cap, fcs}; // (the FCS shown only when captured)
    m.build();
    return 0;
}

} // namespace synflow::treebuild
