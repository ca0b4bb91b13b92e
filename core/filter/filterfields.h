#pragma once
// The display filter's view of the field registry: which fields a filter may name, what it
// needs computed for them, and how their values compare.
#include "fields/field.h"
#include "filter/displayfilter.h"

#include <string>
#include <string_view>

namespace synflow::filter {

// How a literal is parsed and compared for a field.
enum class ValueKind { Number, Bool, Presence, Ipv4, Ipv6, Mac, String, Bytes };

ValueKind valueKind(FieldType type);
bool isNumeric(ValueKind k); // takes <, >, ranges
// The registry field a filter names, or null with a message. Fields that need what a
// filter is not given (the Info column, exact epoch times, the previous frame) are refused by name.
const Field* bindField(std::string_view name, std::string& error);
bool filterable(const Field& f);
// DisplayFilter's needs bits (1: TCP analysis, 2: Protocol column) for `f`.
unsigned filterNeeds(const Field& f);
// The packet as registry readers take it.
FieldSource sourceOf(const FilterInput& in);

} // namespace synflow::filter
