// The unprivileged side of a capture: runs synflow-capture (which alone holds the capture
// capabilities) and follows its status lines; the packets go straight from it to the file.
#include "live/livecapture.h"

#include "live/capturehelper.h"
#include "live/captureprotocol.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace synflow {
namespace {

// Starts the helper with its stderr on a pipe (`statusFd`), no shell, stdin on /dev/null,
// stdout too unless the packets go there (`toStdout`: "-w -"), and SIGTERM/SIGINT blocked
// until it has installed its handlers (a stop sent right away then ends the capture cleanly
// instead of killing it).
bool spawnHelper(const std::string& path, const std::vector<std::string>& args, bool toStdout, pid_t& pid, int& statusFd,
                 std::string& error)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        error = std::string("cannot start the capture helper: ") + std::strerror(errno);
        return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    if (!toStdout)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t stops, defaults;
    sigemptyset(&stops);
    sigaddset(&stops, SIGTERM);
    sigaddset(&stops, SIGINT);
    defaults = stops;
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attr, &stops);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    std::vector<char*> argv{const_cast<char*>(path.c_str())};
    for (const std::string& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const int rc = posix_spawn(&pid, path.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        error = "cannot start the capture helper " + path + ": " + std::strerror(rc);
        return false;
    }
    statusFd = fds[0];
    return true;
}

} // namespace

CaptureStats LiveCapture::stats() const
{
    return {packets_.load(), bytes_.load(), received_.load(), dropped_.load(), ifDropped_.load()};
}

bool LiveCapture::run(const CaptureOptions& o, std::string& error, const std::function<void(const CaptureStats&)>& onProgress)
{
    std::string helper;
    if (!findCaptureHelper(helper, error))
        return false;
    if (std::string problem = captureHelperAccessProblem(helper, o.interface); !problem.empty()) {
        error = std::move(problem);
        return false;
    }
    pid_t pid = 0;
    int fd = -1;
    if (!spawnHelper(helper, captureprotocol::helperArguments(o), o.output == "-", pid, fd, error))
        return false;

    std::string pending, helperError, strayLine;
    bool terminated = false;
    for (;;) {
        if (stop_ && !terminated) {
            kill(pid, SIGTERM);
            terminated = true;
        }
        pollfd pfd{fd, POLLIN, 0};
        const int ready = poll(&pfd, 1, 100); // wakes to notice stop()
        if (ready < 0 && errno != EINTR) {
            kill(pid, SIGTERM);
            terminated = true;
            break;
        }
        if (ready <= 0)
            continue;
        char buf[4096];
        const ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; // the helper has exited
        pending.append(buf, size_t(n));
        for (size_t nl; (nl = pending.find('\n')) != std::string::npos; pending.erase(0, nl + 1)) {
            CaptureStats s;
            std::string message;
            switch (captureprotocol::parseStatusLine(std::string_view(pending).substr(0, nl), s, message)) {
            case captureprotocol::Status::Stats:
                packets_ = s.packets;
                bytes_ = s.bytes;
                received_ = s.received;
                dropped_ = s.dropped;
                ifDropped_ = s.ifDropped;
                if (onProgress)
                    onProgress(s);
                break;
            case captureprotocol::Status::Error:
                helperError = message;
                break;
            case captureprotocol::Status::Other:
                if (!message.empty())
                    strayLine = message;
                break;
            }
        }
    }
    ::close(fd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return true;
    if (!helperError.empty()) {
        error = helperError;
        return false;
    }
    if (WIFSIGNALED(status) && terminated && WTERMSIG(status) == SIGTERM)
        return true; // someone else's SIGTERM got there before the helper's handler
    error = "the capture helper " + helper + " failed ("
        + (WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status)) : "exit status " + std::to_string(WEXITSTATUS(status)))
        + ")" + (strayLine.empty() ? "" : ": " + strayLine);
    return false;
}

} // namespace synflow
