#pragma once
// Runs a piece of a test where `dir` is a read-only file system: in a forked child, in a private mount namespace
// (which dies with it) where `dir` is bind-mounted read-only. What the piece returns comes back through a pipe.
// Needs root (tests run as root in CI); std::nullopt when the mounts cannot be made here.

#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <sys/mount.h>
#include <sys/wait.h>
#include <sched.h>
#include <unistd.h>

namespace corridor::test {

inline std::optional<std::string> inReadOnlyFolder(const std::filesystem::path& dir,
                                                   const std::function<std::string()>& piece)
{
    int pipeFd[2];
    REQUIRE(::pipe(pipeFd) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(pipeFd[0]);
        if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
            ::mount(dir.c_str(), dir.c_str(), nullptr, MS_BIND, nullptr) != 0 ||
            ::mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0) {
            ::_exit(3);
        }
        const std::string message = piece();
        const ssize_t written = ::write(pipeFd[1], message.data(), message.size());
        ::_exit(written == static_cast<ssize_t>(message.size()) ? 0 : 4);
    }
    ::close(pipeFd[1]);
    std::string message;
    char buf[512];
    for (ssize_t n; (n = ::read(pipeFd[0], buf, sizeof buf)) > 0;) {
        message.append(buf, static_cast<std::size_t>(n));
    }
    ::close(pipeFd[0]);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    if (WEXITSTATUS(status) == 3) {
        MESSAGE("skipped: cannot make a read-only bind mount here (not root?)");
        return std::nullopt;
    }
    CHECK(WEXITSTATUS(status) == 0);
    return message;
}

} // namespace corridor::test
