#include "fields/field.h"

#include "output/textformat.h"

#include <cstdio>

namespace synflow {

const char* fieldTypeName(FieldType t)
{
    switch (t) {
    case FieldType::Protocol: return "protocol";
    case FieldType::None: return "none";
    case FieldType::Bool: return "bool";
    case FieldType::Uint: return "uint";
    case FieldType::Int: return "int";
    case FieldType::RelTime: return "relative time";
    case FieldType::AbsTime: return "absolute time";
    case FieldType::Ipv4: return "ipv4";
    case FieldType::Ipv6: return "ipv6";
    case FieldType::Ether: return "ether";
    case FieldType::String: return "string";
    case FieldType::Bytes: return "bytes";
    }
    return "";
}

double fieldNumber(FieldType t, const FieldValue& v)
{
    switch (t) {
    case FieldType::RelTime:
        return double(v.n) / 1e9;
    case FieldType::AbsTime:
        return double(v.n) + double(v.nsec) / 1e9;
    case FieldType::Protocol:
    case FieldType::None:
        return 1;
    default:
        return double(v.n);
    }
}

void appendFieldValue(std::string& out, const Field& f, const FieldValue& v)
{
    char buf[32];
    switch (f.type) {
    case FieldType::Protocol:
        out += f.description; // tshark prints the layer's summary line; we have only its name
        break;
    case FieldType::None:
        out += '1';
        break;
    case FieldType::Bool:
        out += v.n ? '1' : '0';
        break;
    case FieldType::Uint:
        if (f.hexDigits) {
            const int n = std::snprintf(buf, sizeof buf, "0x%0*llx", int(f.hexDigits), static_cast<unsigned long long>(v.n));
            out.append(buf, size_t(n));
        } else {
            appendUnsigned(out, uint64_t(v.n));
        }
        break;
    case FieldType::Int:
        appendSigned(out, v.n);
        break;
    case FieldType::RelTime:
        appendSeconds(out, v.n);
        break;
    case FieldType::AbsTime:
        appendEpoch(out, v.n, v.nsec);
        break;
    case FieldType::Ipv4:
        out += formatIpv4(v.addr);
        break;
    case FieldType::Ipv6:
        out += formatIpv6(v.addr);
        break;
    case FieldType::Ether: {
        const int n = std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", v.addr[0], v.addr[1], v.addr[2], v.addr[3],
                                    v.addr[4], v.addr[5]);
        out.append(buf, size_t(n));
        break;
    }
    case FieldType::String:
        out += v.text;
        break;
    case FieldType::Bytes:
        for (unsigned char c : v.text) {
            static const char hex[] = "0123456789abcdef";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
        break;
    }
}

void appendFieldValues(std::string& out, const Field& f, const FieldValues& values)
{
    for (size_t i = 0; i < values.size(); ++i) {
        if (i)
            out += ',';
        appendFieldValue(out, f, values[i]);
    }
}

} // namespace synflow
