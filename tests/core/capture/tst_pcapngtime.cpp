// pcapng time options: every combination of section byte order, if_tsresol, if_tsoffset and
// stamp, written here byte by byte. `synflow-cli fields` (frame.time_epoch) and `info` (first,
// last, duration) must give the exact time the file states; tshark 4.0 must agree wherever its
// own arithmetic does not overflow (core/capture/TSHARK_DIFFERENCES.md), and where it does, it
// must print what that note says it prints.
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace {

using i128 = __int128;
using u128 = unsigned __int128;
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

struct Time {
    int64_t sec = 0;
    uint32_t nsec = 0;
    bool operator==(const Time&) const = default;
    bool operator<(const Time& o) const { return sec < o.sec || (sec == o.sec && nsec < o.nsec); }
};

struct Iface {
    std::optional<uint8_t> resol;
    std::optional<int64_t> offset;
};

// ---- the file ----

class Writer {
public:
    explicit Writer(bool big) : big_(big) { }
    void u8(uint8_t v) { bytes.append(char(v)); }
    void u16(uint16_t v) { put(v, 2); }
    void u32(uint32_t v) { put(v, 4); }
    void u64(uint64_t v) { put(v, 8); }
    // A block: type, total length, body (padded to 4), total length again.
    void block(uint32_t type, const QByteArray& body)
    {
        Writer b(big_);
        b.u32(type);
        b.u32(uint32_t(12 + body.size()));
        b.bytes += body;
        b.u32(uint32_t(12 + body.size()));
        bytes += b.bytes;
    }
    QByteArray bytes;

private:
    void put(uint64_t v, int n)
    {
        for (int i = 0; i < n; ++i)
            u8(uint8_t(v >> 8 * (big_ ? n - 1 - i : i)));
    }
    bool big_;
};

QByteArray makePcapng(bool big, const std::vector<Iface>& ifaces, const std::vector<uint64_t>& stamps)
{
    Writer f(big);
    Writer shb(big);
    shb.u32(0x1A2B3C4D);
    shb.u16(1);
    shb.u16(0);
    shb.u64(~uint64_t(0)); // section length unknown
    f.block(0x0A0D0D0A, shb.bytes);
    for (const Iface& i : ifaces) {
        Writer idb(big);
        idb.u16(1); // Ethernet
        idb.u16(0);
        idb.u32(0);
        if (i.resol) {
            idb.u16(9);
            idb.u16(1);
            idb.u8(*i.resol);
            idb.u8(0), idb.u8(0), idb.u8(0);
        }
        if (i.offset) {
            idb.u16(14);
            idb.u16(8);
            idb.u64(uint64_t(*i.offset));
        }
        if (i.resol || i.offset)
            idb.u32(0); // opt_endofopt
        f.block(1, idb.bytes);
    }
    // Broadcast frame of the local experimental ethertype: no protocol above it.
    const QByteArray frame = QByteArray(6, '\xff') + QByteArray(6, '\x02') + QByteArray("\x88\xb5", 2) + QByteArray("time", 4);
    for (size_t i = 0; i < ifaces.size(); ++i) {
        for (uint64_t ts : stamps) {
            Writer epb(big);
            epb.u32(uint32_t(i));
            epb.u32(uint32_t(ts >> 32));
            epb.u32(uint32_t(ts));
            epb.u32(uint32_t(frame.size()));
            epb.u32(uint32_t(frame.size()));
            epb.bytes += frame;
            while (epb.bytes.size() % 4)
                epb.u8(0);
            f.block(6, epb.bytes);
        }
    }
    return f.bytes;
}

// ---- what the file states, and what tshark 4.0 computes from it ----

// Units per second, when they fit in 64 bits.
std::optional<uint64_t> unitsPerSecond(uint8_t resol)
{
    const unsigned e = resol & 0x7f;
    if (resol & 0x80)
        return e < 64 ? std::optional<uint64_t>(uint64_t(1) << e) : std::nullopt;
    if (e > 19)
        return std::nullopt;
    uint64_t u = 1;
    for (unsigned k = 0; k < e; ++k)
        u *= 10;
    return u;
}

// The exact time, fraction truncated to nanoseconds, seconds saturated at the int64 bounds.
Time stated(uint64_t raw, const Iface& i)
{
    const uint8_t resol = i.resol.value_or(6);
    const unsigned e = resol & 0x7f;
    // raw / 10^e or raw / 2^e as a 128-bit fixed-point number of nanoseconds
    i128 sec = 0;
    uint32_t nsec = 0;
    if (resol & 0x80) {
        if (e < 64) {
            sec = i128(raw >> e);
            nsec = uint32_t((u128(raw - (uint64_t(sec) << e)) * 1000000000u) >> e);
        } else {
            nsec = uint32_t((u128(raw) * 1000000000u) >> e);
        }
    } else {
        u128 units = 1;
        for (unsigned k = 0; k < e && k < 39; ++k)
            units *= 10;
        if (e < 39) {
            sec = i128(raw / units);
            nsec = uint32_t(u128(raw % units) * 1000000000u / units);
        }
    }
    sec += i.offset.value_or(0);
    if (sec > kMax)
        return {kMax, 999999999};
    if (sec < kMin)
        return {kMin, 0};
    return {int64_t(sec), nsec};
}

// tshark 4.0 (wiretap): 2^64 - 1 units per second for resolutions that do not fit, the fraction
// multiplied by 10^9 in 64 bits, seconds and offset added in a wrapping 64-bit time_t.
Time tsharkComputes(uint64_t raw, const Iface& i)
{
    const uint64_t units = unitsPerSecond(i.resol.value_or(6)).value_or(~uint64_t(0));
    const uint64_t sec = raw / units;
    const uint32_t nsec = uint32_t((raw % units) * 1000000000u / units);
    return {int64_t(sec + uint64_t(i.offset.value_or(0))), nsec};
}

// The true value, as we print it: "-0.25" for sec -1, nsec 75e7.
QString epochText(Time t)
{
    i128 whole = t.sec;
    uint32_t frac = t.nsec;
    QString sign;
    if (t.sec < 0) {
        sign = "-";
        whole = frac ? -(i128(t.sec) + 1) : -i128(t.sec);
        frac = frac ? 1000000000 - frac : 0;
    }
    return sign + QString::number(qulonglong(whole)) + "." + QStringLiteral("%1").arg(frac, 9, 10, QLatin1Char('0'));
}

// tshark 4.0 joins the seconds and the nanoseconds: sec -1, nsec 75e7 is "-1.750000000".
Time parseTsharkEpoch(const QString& s, bool& ok)
{
    const qsizetype dot = s.indexOf('.');
    ok = dot > 0 && s.size() - dot == 10;
    return {s.left(dot).toLongLong(), uint32_t(s.mid(dot + 1).toUInt())};
}

// "YYYY-MM-DD HH:MM:SS.nnnnnnnnn UTC" for any int64 seconds: whole 400-year cycles (146097
// days) are taken out so std::chrono's calendar, limited to years ±32767, can date the rest.
QString utcText(Time t)
{
    using namespace std::chrono;
    constexpr int64_t cycle = 146097LL * 86400;
    int64_t cycles = t.sec / cycle, rest = t.sec % cycle;
    if (rest < 0)
        rest += cycle, cycles -= 1;
    const sys_seconds s{seconds{rest}};
    const auto day = floor<days>(s);
    const year_month_day ymd{day};
    const hh_mm_ss hms{s - day};
    return QString::asprintf("%lld-%02u-%02u %02lld:%02lld:%02lld.%09u UTC", static_cast<long long>(int(ymd.year()) + cycles * 400),
                             unsigned(ymd.month()), unsigned(ymd.day()), static_cast<long long>(hms.hours().count()),
                             static_cast<long long>(hms.minutes().count()), static_cast<long long>(hms.seconds().count()), t.nsec);
}

// tshark's frame.time, "Nov 12, -32873 23:23:44.500000000 UTC", as utcText() spells it.
QString fromTsharkDate(const QString& s)
{
    static const QStringList months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QStringList p = s.simplified().remove(',').split(' ');
    if (p.size() != 5)
        return s;
    return QString::asprintf("%s-%02d-%02d %s UTC", qPrintable(p[2]), int(months.indexOf(p[0]) + 1), p[1].toInt(), qPrintable(p[3]));
}

QString durationText(Time last, Time first)
{
    i128 sec = i128(last.sec) - first.sec;
    int64_t nsec = int64_t(last.nsec) - first.nsec;
    if (nsec < 0)
        nsec += 1000000000, sec -= 1;
    if (sec > kMax)
        sec = kMax, nsec = 999999999;
    return QString::asprintf("%lld.%06u s", static_cast<long long>(sec), uint32_t(nsec) / 1000);
}

QByteArray run(const QString& program, const QStringList& args, int& exitCode)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(120000)) {
        exitCode = -1;
        return {};
    }
    exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAllStandardOutput();
}

QStringList lines(const QByteArray& out)
{
    return QString::fromUtf8(out).split('\n', Qt::SkipEmptyParts);
}

const std::vector<uint64_t> kStamps = {0, 1, 1700000000123456789ull, 0x8000000000000000ull, ~uint64_t(0)};
const std::vector<std::optional<int64_t>> kOffsets = {std::nullopt, 1, -1, int64_t(1) << 40, -(int64_t(1) << 40),
                                                      int64_t(1) << 62, -(int64_t(1) << 62), kMax, kMin};

} // namespace

class TestPcapngTime : public QObject {
    Q_OBJECT
private slots:
    void matrix_data()
    {
        QTest::addColumn<bool>("big");
        QTest::addColumn<int>("resol"); // -1: no if_tsresol
        const std::vector<int> resols = {-1, 6, 9, 0, 3, 19, 20, 127, 0x80 | 10, 0x80 | 30, 0x80 | 63, 0x80 | 64, 0x80 | 100, 0xff};
        for (bool big : {false, true})
            for (int r : resols)
                QTest::addRow("%s-resol-%s", big ? "be" : "le", r < 0 ? "absent" : qPrintable(QString::number(r, 16))) << big << r;
    }

    void matrix()
    {
        QFETCH(bool, big);
        QFETCH(int, resol);
        std::vector<Iface> ifaces;
        for (const auto& off : kOffsets)
            ifaces.push_back({resol < 0 ? std::nullopt : std::optional<uint8_t>(uint8_t(resol)), off});
        QTemporaryDir dir;
        const QString path = dir.filePath("time.pcapng");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(makePcapng(big, ifaces, kStamps));
        f.close();
        if (const QByteArray keep = qgetenv("SYNFLOW_PCAPNGTIME_KEEP"); !keep.isEmpty())
            QFile::copy(path, QDir(QString::fromLocal8Bit(keep)).filePath(QString(QTest::currentDataTag()) + ".pcapng"));

        std::vector<Time> want;
        std::vector<Time> tsharkWants;
        for (const Iface& i : ifaces)
            for (uint64_t raw : kStamps) {
                want.push_back(stated(raw, i));
                tsharkWants.push_back(tsharkComputes(raw, i));
            }

        // fields: frame.time_epoch is the exact stated time.
        int code = 0;
        const QStringList rows = lines(run(SYNFLOW_CLI, {"fields", path}, code));
        QCOMPARE(code, 0);
        QCOMPARE(size_t(rows.size()), want.size() + 1);
        const qsizetype col = rows[0].split('\t').indexOf("frame.time_epoch");
        QVERIFY(col >= 0);
        QStringList ours;
        for (size_t k = 0; k < want.size(); ++k) {
            ours << rows[qsizetype(k) + 1].split('\t').value(col);
            QVERIFY2(ours.back() == epochText(want[k]),
                     qPrintable(QStringLiteral("frame %1: %2, want %3").arg(k + 1).arg(ours.back(), epochText(want[k]))));
        }

        // info: earliest, latest and their distance.
        const auto earliest = std::min_element(want.begin(), want.end()), latest = std::max_element(want.begin(), want.end());
        const QStringList info = lines(run(SYNFLOW_CLI, {"info", path}, code));
        QCOMPARE(code, 0);
        auto infoLine = [&](const QString& key) {
            for (const QString& l : info)
                if (l.startsWith(key))
                    return l.mid(key.size()).trimmed();
            return QString();
        };
        QCOMPARE(infoLine("First packet:"), utcText(*earliest));
        QCOMPARE(infoLine("Last packet:"), utcText(*latest));
        QCOMPARE(infoLine("Duration:"), durationText(*latest, *earliest));

        if (QStandardPaths::findExecutable("tshark").isEmpty())
            QSKIP("tshark is not installed: checked against the exact times only");
        const QStringList theirs = lines(run("tshark", {"-r", path, "-T", "fields", "-e", "frame.time_epoch", "-e", "frame.time"}, code));
        QCOMPARE(code, 0);
        QCOMPARE(size_t(theirs.size()), want.size());
        size_t agree = 0;
        for (size_t k = 0; k < want.size(); ++k) {
            const QStringList cols = theirs[qsizetype(k)].split('\t');
            bool ok = false;
            const Time t = parseTsharkEpoch(cols.value(0), ok);
            QVERIFY2(ok, qPrintable(theirs[qsizetype(k)]));
            // tshark computes what the differences note says, even where that is not the stated time...
            QVERIFY2(t == tsharkWants[k], qPrintable(QStringLiteral("frame %1: tshark %2").arg(k + 1).arg(cols.value(0))));
            if (!(tsharkWants[k] == want[k]))
                continue;
            ++agree;
            // ...and where it is, prints our text (but for negative times with a fraction) and date.
            if (want[k].sec >= 0 || want[k].nsec == 0)
                QCOMPARE(cols.value(0), ours[qsizetype(k)]);
            if (cols.value(1) != "Not representable")
                QCOMPARE(fromTsharkDate(cols.value(1)), utcText(want[k]));
        }
        QVERIFY(agree > 0); // every resolution has stamps that tshark computes right
        qInfo("%zu of %zu frames as tshark; the rest differ as core/capture/TSHARK_DIFFERENCES.md says", agree, want.size());
    }

    // A 1 s offset in a little-endian section is 1 s, not 2^32 s (the halves were swapped).
    void littleEndianOffset()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("le.pcapng");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(makePcapng(false, {{std::nullopt, 1}}, {1500000}));
        f.close();
        int code = 0;
        const QStringList info = lines(run(SYNFLOW_CLI, {"info", path}, code));
        QCOMPARE(code, 0);
        QVERIFY(info.contains("First packet:    1970-01-01 00:00:02.500000000 UTC"));
    }

    // Before 1970: the fraction counts forward from the earlier second.
    void beforeEpoch()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("old.pcapng");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(makePcapng(true, {{9, -2}}, {250000000, 1750000000}));
        f.close();
        int code = 0;
        const QStringList info = lines(run(SYNFLOW_CLI, {"info", path}, code));
        QCOMPARE(code, 0);
        QVERIFY(info.contains("First packet:    1969-12-31 23:59:58.250000000 UTC"));
        QVERIFY(info.contains("Last packet:     1969-12-31 23:59:59.750000000 UTC"));
        QVERIFY(info.contains("Duration:        1.500000 s"));
        const QStringList rows = lines(run(SYNFLOW_CLI, {"fields", path}, code));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[1].split('\t').value(1), QStringLiteral("-1.750000000"));
        QCOMPARE(rows[2].split('\t').value(1), QStringLiteral("-0.250000000"));
    }
};

QTEST_GUILESS_MAIN(TestPcapngTime)
#include "tst_pcapngtime.moc"
