#include "output/experttext.h"

#include <cstdio>

namespace synflow {

void appendExpertReport(std::string& out, const ExpertInfo& info)
{
    static constexpr ExpertSeverity kOrder[] = {ExpertSeverity::Error, ExpertSeverity::Warning, ExpertSeverity::Note,
                                                ExpertSeverity::Chat, ExpertSeverity::Comment};
    char line[96];
    for (ExpertSeverity s : kOrder) {
        const uint64_t total = info.total(s);
        if (total == 0)
            continue;
        std::snprintf(line, sizeof line, "\n%s (%llu)\n", expertSeverityTitle(s), static_cast<unsigned long long>(total));
        out += line;
        out += "=============\n   Frequency      Group           Protocol  Summary\n";
        for (const ExpertEntry& e : info.entries) {
            if (e.severity != s)
                continue;
            std::snprintf(line, sizeof line, "%12zu %10s %18s  ", e.frames.size(), expertGroupName(e.group), e.protocol);
            out += line;
            out += e.summary;
            out += '\n';
        }
    }
}

} // namespace synflow
