#include "proto/enterprisenames.h"

#include <cstdio>
#include <fstream>
#include <string>
#include <unordered_map>

namespace synflow {

const char* enterpriseName(uint32_t pen)
{
    // Read on first use from Wireshark's data files (Debian's libwireshark-data, which tshark
    // brings): "NUMBER<spaces or tabs>NAME" lines, '#' comments.
    static const std::unordered_map<uint32_t, std::string> names = [] {
        std::unordered_map<uint32_t, std::string> out;
        std::ifstream in("/usr/share/wireshark/enterprises.tsv");
        std::string line;
        while (std::getline(in, line)) {
            unsigned long number = 0;
            int used = 0;
            if (line.empty() || line[0] == '#' || std::sscanf(line.c_str(), "%lu%n", &number, &used) != 1 || number > 0xffffffffu)
                continue;
            const size_t start = line.find_first_not_of("\t ", size_t(used));
            if (start != std::string::npos && start > size_t(used)) // a separator, then the name
                out.emplace(uint32_t(number), line.substr(start));
        }
        return out;
    }();
    const auto it = names.find(pen);
    return it == names.end() ? nullptr : it->second.c_str();
}

} // namespace synflow
