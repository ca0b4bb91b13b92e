#pragma once
// The one table of fields SynFlow knows: the display filter, `synflow-cli fields` and the
// detail tree all name, read and print fields through it.
#include "fields/field.h"

#include <string_view>
#include <vector>

namespace synflow {

// Every field, layer by layer (frame, link, network, transport, TCP analysis, columns).
const std::vector<Field>& allFields();
// By filter name, exactly as display filters spell it; null when unknown.
const Field* findField(std::string_view name);
// As `tshark -e` takes a name: column fields (_ws.col.*) in any case.
const Field* findColumnField(std::string_view name);
// A field the code itself names; an unknown name is a programming error and aborts.
const Field& field(std::string_view name);

} // namespace synflow
