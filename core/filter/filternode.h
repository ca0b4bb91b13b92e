#pragma once
// A compiled display filter (filter internals): and/or/not over tests of registry fields.
#include "filter/displayfilter.h"
#include "filter/filterfields.h"

#include <memory>
#include <string>
#include <vector>

namespace synflow {

namespace filter {

struct Literal {
    double number = 0, high = 0; // high: end of a range a..b
    // The same in whole nanoseconds when the text is a decimal of at most nine fraction digits:
    // relative times compare exactly, as Wireshark's nstime does (a double cannot hold
    // 142449792.275607 seconds to the nanosecond).
    int64_t ns = 0, highNs = 0;
    bool exactNs = false;
    bool range = false;
    uint8_t addr[16] = {};
    int prefix = -1; // CIDR prefix bits, -1 for a whole address
    std::string bytes;
};

} // namespace filter

struct DisplayFilter::Node {
    enum Kind { And, Or, Not, Exists, Compare, In, Contains } kind = Exists;
    enum Op { Eq, Ne, Lt, Gt, Le, Ge } op = Eq; // Ne is built as Not(Eq): "no occurrence equals"
    std::unique_ptr<Node> left, right;
    const Field* field = nullptr;
    filter::ValueKind values = filter::ValueKind::Presence;
    std::vector<filter::Literal> literals;

    bool eval(const FieldSource& in, FieldValues& scratch) const;
};

} // namespace synflow
