#pragma once
// Runs an attempt as the unprivileged user "nobody" in a child process (root reads and
// captures anything, so permission errors can only be seen that way).
#include <functional>
#include <string>

namespace synflow::test {

// `attempt` returns the error it met ("" if it succeeded). Returns false if the child could
// not run as nobody; otherwise `error` holds what the attempt reported.
bool runAsNobody(const std::function<std::string()>& attempt, std::string& error);

} // namespace synflow::test
