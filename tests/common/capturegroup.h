#pragma once
// A copy of synflow-capture set up the way the package installs it, for a throw-away group:
// root:GROUP, mode 0750, cap_net_raw,cap_net_admin=eip, in a /tmp folder every user can
// reach. Needs root and a file system that keeps capabilities.
#include <QTemporaryDir>

#include <string>
#include <utility>
#include <sys/types.h>

namespace synflow::test {

class CaptureGroup {
public:
    // Each suite its own group name, so suites running side by side do not remove each other's.
    explicit CaptureGroup(std::string name) : name_(std::move(name)) { }
    ~CaptureGroup(); // removes the group if setUp() made it
    // False with the reason when it cannot be done here (tests then skip).
    bool setUp(std::string& why);
    const std::string& name() const { return name_; }
    gid_t gid() const { return gid_; }
    std::string helper() const;
    // Copies `program` beside the helper (an installed program finds its helper there).
    std::string copyBeside(const std::string& program);
    // A folder in it that anyone may write.
    std::string sharedFolder() const;

private:
    std::string name_;
    QTemporaryDir dir_{QStringLiteral("/tmp/synflow-group-XXXXXX")};
    gid_t gid_ = 0;
    bool madeGroup_ = false;
};

} // namespace synflow::test
