#pragma once
// tshark 4.0's text layout of -z expert: a section per severity (Errors, Warns, Notes, Chats,
// Comments; none for a severity without items), each entry with its frequency, group,
// protocol and summary in order of first appearance.
#include "stats/expertinfo.h"

#include <string>

namespace synflow {

void appendExpertReport(std::string& out, const ExpertInfo& info);

} // namespace synflow
