#include "filter/filterfields.h"

#include "fields/fieldregistry.h"

namespace synflow::filter {

ValueKind valueKind(FieldType type)
{
    switch (type) {
    case FieldType::Protocol:
    case FieldType::None:
        return ValueKind::Presence;
    case FieldType::Bool:
        return ValueKind::Bool;
    case FieldType::Ipv4:
        return ValueKind::Ipv4;
    case FieldType::Ipv6:
        return ValueKind::Ipv6;
    case FieldType::Ether:
        return ValueKind::Mac;
    case FieldType::String:
        return ValueKind::String;
    case FieldType::Bytes:
        return ValueKind::Bytes;
    default:
        return ValueKind::Number;
    }
}

bool isNumeric(ValueKind k) { return k == ValueKind::Number || k == ValueKind::Bool || k == ValueKind::Presence; }

bool filterable(const Field& f) { return !(f.needs & (NeedInfoColumn | NeedEpochTime | NeedPreviousFrame)); }

const Field* bindField(std::string_view name, std::string& error)
{
    const Field* f = findField(name);
    if (!f)
        error = "\"" + std::string(name) + "\" is neither a field nor a protocol name SynFlow knows";
    else if (!filterable(*f))
        error = "\"" + std::string(name) + "\" is printed by synflow-cli fields but cannot be filtered on";
    return f && filterable(*f) ? f : nullptr;
}

unsigned filterNeeds(const Field& f)
{
    return ((f.needs & NeedTcpAnalysis) ? 1u : 0u) | ((f.needs & NeedProtocolColumn) ? 2u : 0u) | ((f.needs & NeedComments) ? 4u : 0u);
}

FieldSource sourceOf(const FilterInput& in)
{
    FieldSource s;
    s.number = in.number;
    s.record = in.record;
    s.decoded = in.decoded;
    s.timeRelativeNs = in.timeRelativeNs;
    s.tcp = in.tcp && in.tcp->valid ? in.tcp : nullptr;
    s.protocol = in.protocol;
    s.comments = in.comments;
    return s;
}

} // namespace synflow::filter
