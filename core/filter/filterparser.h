#pragma once
// Display filter text to a compiled filter (filter internals): tokens, then recursive descent.
#include "filter/filternode.h"

#include <memory>
#include <string>
#include <string_view>

namespace synflow::filter {

// Null with a message naming what is wrong; `needs` gathers DisplayFilter's needs bits.
std::unique_ptr<DisplayFilter::Node> parseFilter(std::string_view text, unsigned& needs, std::string& error);

} // namespace synflow::filter
