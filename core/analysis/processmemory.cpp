#include "analysis/processmemory.h"

#include <cstdio>

namespace synflow {

long anonymousMemoryKb()
{
    long kb = -1;
    if (std::FILE* f = std::fopen("/proc/self/status", "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, f))
            if (std::sscanf(line, "RssAnon: %ld kB", &kb) == 1)
                break;
        std::fclose(f);
    }
    return kb;
}

} // namespace synflow
