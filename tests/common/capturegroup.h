#pragma once
// A copy of synflow-capture set up the way the package installs it, for a throw-away group:
// root:GROUP, mode 0750, cap_net_raw,cap_net_admin=eip, in a /tmp folder every user can
// reach. Needs root and a file system that keeps capabilities.
#include <QTemporaryDir>

#include <string>
#include <sys/types.h>

namespace synflow::test {

class CaptureGroup {
public:
    static constexpr const char* name = "synflow-test";

    ~CaptureGroup(); // removes the group if setUp() made it
    // False with the reason when it cannot be done here (tests then skip).
    bool setUp(std::string& why);
    gid_t gid() const { return gid_; }
    std::string helper() const;
    // Copies `program` beside the helper (an installed program finds its helper there).
    std::string copyBeside(const std::string& program);
    // A folder in it that anyone may write.
    std::string sharedFolder() const;

private:
    QTemporaryDir dir_{QStringLiteral("/tmp/synflow-group-XXXXXX")};
    gid_t gid_ = 0;
    bool madeGroup_ = false;
};

} // namespace synflow::test
