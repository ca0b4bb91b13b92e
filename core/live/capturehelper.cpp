#include "live/capturehelper.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SYNFLOW_CAPTURE_HELPER_INSTALLED
#error "SYNFLOW_CAPTURE_HELPER_INSTALLED (the installed helper's path) must be defined by the build"
#endif

namespace synflow {
namespace {

bool isFile(const std::string& path)
{
    struct stat st{};
    return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string besideThisExecutable()
{
    char exe[4096] = {};
    const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return {};
    std::string dir(exe, size_t(n));
    dir.erase(dir.rfind('/') + 1);
    return dir + "synflow-capture";
}

} // namespace

bool findCaptureHelper(std::string& path, std::string& error)
{
    if (const char* env = std::getenv("SYNFLOW_CAPTURE_HELPER"); env && *env) {
        path = env; // an explicit choice: no falling back to another helper
        if (isFile(path))
            return true;
        error = "the capture helper " + path + " (from SYNFLOW_CAPTURE_HELPER) does not exist";
        return false;
    }
    const std::string beside = besideThisExecutable();
    for (const std::string& candidate : {beside, std::string(SYNFLOW_CAPTURE_HELPER_INSTALLED)}) {
        if (!candidate.empty() && isFile(candidate)) {
            path = candidate;
            return true;
        }
    }
    error = "the capture helper synflow-capture is not installed (looked for " + (beside.empty() ? "" : beside + " and ")
        + SYNFLOW_CAPTURE_HELPER_INSTALLED + ")";
    return false;
}

std::string captureHelperAccessProblem(const std::string& path, const std::string& iface)
{
    if (access(path.c_str(), X_OK) == 0)
        return {};
    const int why = errno;
    struct stat st{};
    if (why == EACCES && stat(path.c_str(), &st) == 0 && (st.st_mode & S_IXGRP) && !(st.st_mode & S_IXOTH)) {
        group g{}, *found = nullptr;
        char buf[4096];
        const std::string name = getgrgid_r(st.st_gid, &g, buf, sizeof buf, &found) == 0 && found ? std::string(g.gr_name)
                                                                                                   : std::to_string(st.st_gid);
        return "no permission to capture on " + iface + ": only members of the " + name + " group may run " + path
            + "; join it with \"sudo usermod -aG " + name + " $USER\", then log out and in again";
    }
    return "no permission to capture on " + iface + ": cannot run " + path + ": " + std::strerror(why);
}

} // namespace synflow
