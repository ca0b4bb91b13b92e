// Evaluating a compiled filter on one packet. As in Wireshark 4.0, a comparison holds when
// any occurrence of the field satisfies it.
#include "filter/filternode.h"

#include <cstring>

namespace synflow {
namespace {

using filter::Literal;
using filter::ValueKind;

bool prefixEqual(const uint8_t* a, const uint8_t* b, int bits)
{
    const int whole = bits / 8, rest = bits % 8;
    if (std::memcmp(a, b, size_t(whole)) != 0)
        return false;
    if (!rest)
        return true;
    const uint8_t mask = uint8_t(0xff << (8 - rest));
    return (a[whole] & mask) == (b[whole] & mask);
}

bool equals(ValueKind k, FieldType t, const FieldValue& v, const Literal& l)
{
    switch (k) {
    case ValueKind::Ipv4:
        return prefixEqual(v.addr, l.addr, l.prefix < 0 ? 32 : l.prefix);
    case ValueKind::Ipv6:
        return prefixEqual(v.addr, l.addr, l.prefix < 0 ? 128 : l.prefix);
    case ValueKind::Mac:
        return std::memcmp(v.addr, l.addr, 6) == 0;
    case ValueKind::String:
    case ValueKind::Bytes:
        return v.text == l.bytes;
    default: {
        if (t == FieldType::RelTime && l.exactNs) // whole nanoseconds, exactly
            return l.range ? v.n >= l.ns && v.n <= l.highNs : v.n == l.ns;
        const double n = fieldNumber(t, v);
        return l.range ? n >= l.number && n <= l.high : n == l.number;
    }
    }
}

} // namespace

bool DisplayFilter::Node::eval(const FieldSource& in, FieldValues& scratch) const
{
    switch (kind) {
    case And:
        return left->eval(in, scratch) && right->eval(in, scratch);
    case Or:
        return left->eval(in, scratch) || right->eval(in, scratch);
    case Not:
        return !left->eval(in, scratch);
    default:
        break;
    }
    scratch.clear();
    field->read(in, scratch);
    if (kind == Exists)
        return !scratch.empty();
    const FieldType t = field->type;
    for (const FieldValue& v : scratch) {
        if (kind == In) {
            for (const Literal& l : literals)
                if (equals(values, t, v, l))
                    return true;
            continue;
        }
        const Literal& l = literals.front();
        if (kind == Contains) {
            if (v.text.find(l.bytes) != std::string_view::npos)
                return true;
            continue;
        }
        if (t == FieldType::RelTime && l.exactNs && op != Eq && op != Ne) { // orderings, exactly too
            if ((op == Lt && v.n < l.ns) || (op == Gt && v.n > l.ns) || (op == Le && v.n <= l.ns) || (op == Ge && v.n >= l.ns))
                return true;
            continue;
        }
        const double n = fieldNumber(t, v);
        switch (op) {
        case Eq:
        case Ne:
            if (equals(values, t, v, l))
                return true;
            break;
        case Lt:
            if (n < l.number)
                return true;
            break;
        case Gt:
            if (n > l.number)
                return true;
            break;
        case Le:
            if (n <= l.number)
                return true;
            break;
        case Ge:
            if (n >= l.number)
                return true;
            break;
        }
    }
    return false;
}

bool DisplayFilter::matches(const FilterInput& packet) const
{
    if (!root_)
        return true;
    thread_local FieldValues scratch;
    return root_->eval(filter::sourceOf(packet), scratch);
}

} // namespace synflow
