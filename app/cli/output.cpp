#include "cli/output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace synflow::cli {
namespace {

int firstError = 0; // errno of the first failed write or flush

bool failed(int err)
{
    if (!firstError)
        firstError = err ? err : EIO;
    return false;
}

} // namespace

bool writeStdout(std::string_view bytes)
{
    if (firstError)
        return false;
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size())
        return failed(errno);
    return true;
}

int finishStdout(int code)
{
    errno = 0;
    if (std::fflush(stdout) != 0 || std::ferror(stdout))
        failed(errno);
    if (!firstError)
        return code;
    std::fprintf(stderr, "synflow-cli: cannot write stdout: %s\n", std::strerror(firstError));
    return 1;
}

} // namespace synflow::cli
