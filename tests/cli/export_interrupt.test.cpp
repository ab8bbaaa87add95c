// `corridor export` stopped by a signal while it writes the PNG leaves nothing beside --out (no `.map.png.XXXXXX`),
// keeps a file already at --out untouched, and dies of the signal it was sent.

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

// Large enough that encoding takes a good part of a second, so a signal sent once writing starts lands in it.
constexpr const char* kSize = "4000x4000";

fs::path freshDir(const std::string& name)
{
    const fs::path dir = fs::path(CORRIDOR_TEST_OUTPUT) / "interrupt" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return fs::canonical(dir);
}

// The real binary, with TERM/INT/HUP at their default action and unblocked whatever this test process inherited
// (a shell starts background jobs with SIGINT ignored).
pid_t spawnExport(const fs::path& out, const std::vector<std::string>& extraEnv)
{
    std::vector<std::string> args = {CORRIDOR_BINARY, "export", "--out", out.string(), "--size", kSize, "--force"};
    std::vector<char*> argv;
    for (std::string& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    std::vector<std::string> env(extraEnv);
    for (char** e = environ; *e != nullptr; ++e) {
        env.emplace_back(*e);
    }
    std::vector<char*> envp;
    for (std::string& e : env) {
        envp.push_back(e.data());
    }
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGHUP);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, CORRIDOR_BINARY, &actions, &attr, argv.data(), envp.data());
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);
    return pid;
}

// True once the process holds a file open inside `dir`: the PNG is being written, whether to a named temporary file
// or an unnamed one (/proc shows those as `dir/#inode (deleted)`).
bool writingInto(pid_t pid, const fs::path& dir)
{
    std::error_code ec;
    for (fs::directory_iterator it(fs::path("/proc") / std::to_string(pid) / "fd", ec), end; !ec && it != end;
         it.increment(ec)) {
        std::error_code linkEc;
        const fs::path target = fs::read_symlink(it->path(), linkEc);
        if (!linkEc && target.parent_path() == dir) {
            return true;
        }
    }
    return false;
}

struct Outcome {
    bool sawWrite = false;
    int status = 0;
};

// Starts the export, waits until it writes into the folder, sends `sig` and reaps the process.
Outcome interruptExport(const fs::path& out, int sig, const std::vector<std::string>& extraEnv)
{
    const pid_t pid = spawnExport(out, extraEnv);
    Outcome outcome;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
        if (writingInto(pid, out.parent_path())) {
            outcome.sawWrite = true;
            break;
        }
        if (waitpid(pid, &outcome.status, WNOHANG) == pid) {
            return outcome; // finished (or failed) before it was seen writing
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ::kill(pid, outcome.sawWrite ? sig : SIGKILL);
    REQUIRE(waitpid(pid, &outcome.status, 0) == pid);
    return outcome;
}

std::vector<std::string> folderContents(const fs::path& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) {
        names.push_back(entry.path().filename().string());
    }
    return names;
}

std::string readAll(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const char* signalName(int sig)
{
    switch (sig) {
    case SIGTERM:
        return "TERM";
    case SIGINT:
        return "INT";
    case SIGHUP:
        return "HUP";
    case SIGKILL:
        return "KILL";
    default:
        return "?";
    }
}

void checkKilledBy(const Outcome& outcome, int sig)
{
    CHECK(outcome.sawWrite);
    REQUIRE(WIFSIGNALED(outcome.status));
    CHECK(WTERMSIG(outcome.status) == sig);
}

// The test hook keeps the finished file open and unlinked for a while before it is put in place: the moment where a
// named temporary file used to sit beside --out.
const std::vector<std::string> kPauseBeforeRename = {"CORRIDOR_TEST_PAUSE_BEFORE_RENAME=20000"};

} // namespace

TEST_CASE("a signal between writing the PNG and putting it in place leaves no file beside --out")
{
    for (const int sig : {SIGTERM, SIGINT, SIGHUP, SIGKILL}) {
        INFO("SIG" << std::string(signalName(sig)));
        const fs::path dir = freshDir(std::string("paused-") + signalName(sig));
        const Outcome outcome = interruptExport(dir / "map.png", sig, kPauseBeforeRename);
        checkKilledBy(outcome, sig);
        CHECK(folderContents(dir).empty());
    }
}

TEST_CASE("a signal while the PNG is being encoded leaves no file beside --out")
{
    for (const int sig : {SIGTERM, SIGKILL}) {
        INFO("SIG" << std::string(signalName(sig)));
        const fs::path dir = freshDir(std::string("encoding-") + signalName(sig));
        const Outcome outcome = interruptExport(dir / "map.png", sig, {});
        checkKilledBy(outcome, sig);
        CHECK(folderContents(dir).empty());
    }
}

TEST_CASE("an interrupted export over an existing file leaves that file as it was and nothing else")
{
    for (const int sig : {SIGTERM, SIGINT, SIGHUP, SIGKILL}) {
        INFO("SIG" << std::string(signalName(sig)));
        const fs::path dir = freshDir(std::string("existing-") + signalName(sig));
        const fs::path out = dir / "map.png";
        std::ofstream(out, std::ios::binary) << "the previous export";
        const Outcome outcome = interruptExport(out, sig, kPauseBeforeRename);
        checkKilledBy(outcome, sig);
        CHECK(folderContents(dir) == std::vector<std::string>{"map.png"});
        CHECK(readAll(out) == "the previous export");
    }
}
