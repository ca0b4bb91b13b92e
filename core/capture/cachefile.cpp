#include "capture/cachefile.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace synflow {

namespace {

bool makeDirs(const std::string& dir)
{
    for (size_t slash = dir.find('/', 1);; slash = dir.find('/', slash + 1)) {
        const std::string part = dir.substr(0, slash);
        if (::mkdir(part.c_str(), 0700) != 0 && errno != EEXIST)
            return false;
        if (slash == std::string::npos)
            break;
    }
    struct stat st {};
    return ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && ::access(dir.c_str(), W_OK | X_OK) == 0;
}

// A nameless file in `dir` (-1 if none can be made there).
int namelessFile(const std::string& dir)
{
    int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0)
        return fd;
    // File systems without O_TMPFILE: a named one, unlinked at once.
    std::string name = dir + "/spool-XXXXXX";
    fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd >= 0)
        ::unlink(name.c_str());
    return fd;
}

} // namespace

int makeCacheFile(std::string& dir)
{
    std::vector<std::string> places;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && xdg[0] == '/')
        places.push_back(std::string(xdg) + "/synflow");
    else if (const char* home = std::getenv("HOME"); home && home[0] == '/')
        places.push_back(std::string(home) + "/.cache/synflow");
    if (const char* tmp = std::getenv("TMPDIR"); tmp && tmp[0] == '/')
        places.emplace_back(tmp);
    places.emplace_back("/tmp");
    for (const std::string& place : places) {
        if (!makeDirs(place))
            continue;
        if (const int fd = namelessFile(place); fd >= 0) {
            dir = place;
            return fd;
        }
    }
    dir = places.front();
    return -1;
}

} // namespace synflow
