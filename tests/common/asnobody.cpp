#include "common/asnobody.h"

#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

namespace synflow::test {

bool runAsNobody(const std::function<std::string()>& attempt, std::string& error, gid_t group)
{
    int pipefd[2];
    if (pipe(pipefd) != 0)
        return false;
    const pid_t pid = fork();
    if (pid == 0) {
        ::close(pipefd[0]);
        if (geteuid() == 0 && (setgroups(group ? 1 : 0, &group) != 0 || setgid(65534) != 0 || setuid(65534) != 0))
            _exit(3);
        const std::string message = attempt();
        (void)!write(pipefd[1], message.data(), message.size());
        _exit(0);
    }
    ::close(pipefd[1]);
    error.clear();
    char buf[512];
    for (ssize_t n; (n = read(pipefd[0], buf, sizeof buf)) > 0;)
        error.append(buf, size_t(n));
    ::close(pipefd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace synflow::test
