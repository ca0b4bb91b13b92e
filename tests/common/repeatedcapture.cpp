#include "common/repeatedcapture.h"

#include <QFile>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <unistd.h>

namespace synflow::test {

std::vector<size_t> writeRepeatedCapture(const QString& source, const QString& path, size_t packets, bool shift)
{
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        return {};
    const QByteArray src = in.readAll();
    if (src.size() < 24)
        return {};
    std::vector<QByteArray> records;
    for (qsizetype at = 24; at + 16 <= src.size();) {
        uint32_t capLen = 0;
        std::memcpy(&capLen, src.constData() + at + 8, 4); // a little-endian file, read on x86/arm64
        if (at + 16 + qsizetype(capLen) > src.size())
            break;
        records.push_back(src.mid(at, 16 + capLen));
        at += 16 + capLen;
    }
    QFile out(path);
    if (records.empty() || !out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    QByteArray file = src.left(24);
    std::vector<size_t> ends;
    ends.reserve(packets);
    for (uint32_t copy = 0; ends.size() < packets; ++copy) {
        for (size_t i = 0; i < records.size() && ends.size() < packets; ++i) {
            QByteArray r = records[i];
            uint32_t sec = 0;
            std::memcpy(&sec, r.constData(), 4);
            sec += copy;
            std::memcpy(r.data(), &sec, 4);
            if (shift && r.size() >= 16 + 34 && uint8_t(r[16 + 12]) == 0x08 && uint8_t(r[16 + 13]) == 0x00) {
                for (int a : {16 + 14 + 12, 16 + 14 + 16}) { // IPv4 source, destination
                    r[a + 1] = char(uint8_t(r[a + 1]) ^ uint8_t(copy >> 8));
                    r[a + 2] = char(uint8_t(r[a + 2]) ^ uint8_t(copy));
                }
            }
            file += r;
            ends.push_back(size_t(file.size()));
        }
    }
    if (out.write(file) != file.size() || !out.flush())
        return {};
    return ends;
}

bool cutFile(const QString& path, size_t size)
{
    return ::truncate(QFile::encodeName(path).constData(), off_t(size)) == 0;
}

size_t recordsBefore(const std::vector<size_t>& recordEnds, size_t cut)
{
    return size_t(std::upper_bound(recordEnds.begin(), recordEnds.end(), cut) - recordEnds.begin());
}

} // namespace synflow::test
