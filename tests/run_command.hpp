#pragma once
// Running the real `corridor` binary (or any shell command) from a test: its exit code (128 + the signal when a
// signal ended it) and everything it printed, stdout and stderr together.

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>

namespace corridor::test {

struct Run {
    int exitCode = -1;
    std::string output; // stdout and stderr together
};

inline Run runShell(const std::string& command)
{
    Run run;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buf{};
    while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) {
        run.output += buf.data();
    }
    const int status = pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return run;
}

// `corridor ARGS` with `prefix` before it (environment settings, `timeout 20`…) and no standard input.
inline Run runCorridor(const std::string& args, const std::string& prefix = "")
{
    return runShell(prefix + " " + std::string(CORRIDOR_BINARY) + " " + args + " </dev/null");
}

#ifdef CORRIDOR_TEST_OUTPUT
// A file in the tests' output folder (made if missing), removed first so a test never sees an old run's file.
inline std::string outputPath(const std::string& name)
{
    std::filesystem::create_directories(CORRIDOR_TEST_OUTPUT);
    const std::string p = std::string(CORRIDOR_TEST_OUTPUT) + "/" + name;
    std::filesystem::remove(p);
    return p;
}
#endif

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace corridor::test
