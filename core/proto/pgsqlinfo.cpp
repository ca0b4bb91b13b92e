#include "proto/pgsqlinfo.h"

#include "decode/bytes.h"
#include "output/exceptiontext.h"

namespace synflow {

uint32_t pgsqlMessageLength(const uint8_t* p, size_t n)
{
    if (n >= 4 && p[0] == 0)
        return loadBe32(p); // untyped: startup, SSL request, cancel
    if (n >= 5)
        return loadBe32(p + 1) + 1u;
    return 0;
}

namespace {

// Whether tshark's reading of a message that runs past the segment goes past it too: a type it
// does not know reads nothing; those made of strings read up to their terminating NULs.
bool readsPast(const uint8_t* p, size_t n, bool fromServer)
{
    const uint8_t type = p[0];
    if (fromServer && type == 0)
        return false; // no such type: nothing read
    const bool letter = (type >= 'A' && type <= 'Z') || (type >= 'a' && type <= 'z') || (type >= '1' && type <= '3');
    if (type != 0 && !letter)
        return false;
    size_t strings = 0, fixed = 0;
    if (fromServer && type == 'A')
        strings = 2, fixed = 4; // process ID, channel, payload
    else if ((fromServer && type == 'C') || (!fromServer && type == 'Q'))
        strings = 1;
    else if (fromServer && type == 'S')
        strings = 2;
    else
        return true;
    size_t at = 5 + fixed;
    for (; strings > 0 && at < n; ++at)
        strings -= p[at] == 0;
    return strings > 0;
}

} // namespace

std::string pgsqlInfo(const uint8_t* p, size_t n, size_t reported, bool fromServer)
{
    // The server's one-byte answer to an SSL request ('N': no, 'S': yes, then TLS).
    if (fromServer && reported == 1)
        return "<";
    std::string info;
    for (size_t at = 0; at < n;) {
        const bool typed = fromServer || p[at] != 0;
        const size_t header = typed ? 5 : 4;
        if (at + header > n) { // TCP reads the length before PostgreSQL writes anything
            info += at + header > reported ? kUnreassembled : kSizeLimited;
            break;
        }
        info += at == 0 ? (fromServer ? "<" : ">") : "/";
        // A type byte of 0 ends tshark's string: nothing is shown for it.
        if (typed && p[at] != 0)
            info += char(p[at]);
        const uint32_t len = typed ? loadBe32(p + at + 1) + 1u : loadBe32(p + at);
        if (len < header - 1)
            break;
        if (at + len > n) {
            if (at + len > reported ? readsPast(p + at, n - at, fromServer) : true)
                info += at + len > reported ? kUnreassembled : kSizeLimited;
            break;
        }
        at += len;
    }
    return info;
}

} // namespace synflow
