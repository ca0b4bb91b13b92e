#include "proto/sshpackets.h"

#include "decode/bytes.h"
#include "tree/appvaluenames.h"

namespace synflow {

const char* sshMessageName(uint8_t code) { return appnames::sshMessageCodes(code); }

uint32_t sshClearPacketAt(const uint8_t* p, size_t n, size_t o)
{
    if (o + 6 > n)
        return 0;
    const uint32_t len = loadBe32(p + o);
    const uint8_t pad = p[o + 4];
    if (len < 5 || len > 35000 || pad < 4 || pad >= len || !sshMessageName(p[o + 5]))
        return 0;
    return 4 + len;
}

} // namespace synflow
