#pragma once
// Walks a pcapng option list (code, length, value padded to 4), stopping at
// opt_endofopt or at the first option that does not fit.
#include "decode/bytes.h"

#include <cstdint>
#include <span>

namespace synflow {

template<typename F>
void forEachOption(const uint8_t* p, size_t len, bool bigEndian, F&& visit)
{
    size_t pos = 0;
    while (len - pos >= 4) {
        const uint16_t code = load16(p + pos, bigEndian);
        const uint16_t olen = load16(p + pos + 2, bigEndian);
        if (code == 0)
            return;
        const size_t padded = (size_t(olen) + 3) & ~size_t(3);
        if (padded > len - pos - 4)
            return;
        visit(code, std::span<const uint8_t>(p + pos + 4, olen));
        pos += 4 + padded;
    }
}

} // namespace synflow
