// The doctest runner for every suite, with one guard: CTest runs each test case by name (--test-case=NAME), and a
// name the filter cannot match (CMake splits discovered names at ';') would run nothing and pass. A filtered run
// that matches no test case fails instead.
// Every test runs hermetic: a viewer it starts never reads or writes the user's session (~/.config/corridor) or mesh
// cache (~/.cache/corridor), and maps are dated 2026-01-01 whatever the day (SOURCE_DATE_EPOCH), so goldens stay
// true. Set here rather than as CTest's ENVIRONMENT, which doctest_discover_tests cuts to its first item.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <malloc.h>
#include <string>

namespace corridor::test::paths {
const char* const kTestData = CORRIDOR_TEST_DATA_PATH;
const char* const kGoldenDir = CORRIDOR_GOLDEN_DIR_PATH;
const char* const kGeodata = CORRIDOR_GEODATA_DIR_PATH;
const char* const kOutput = CORRIDOR_TEST_OUTPUT_PATH;
const char* const kBinary = CORRIDOR_BINARY_PATH;
} // namespace corridor::test::paths

namespace {

int g_matched = 0; // test cases run (doctest's list, which CTest's names come from, leaves out skipped ones)

struct MatchCounter : doctest::IReporter {
    explicit MatchCounter(const doctest::ContextOptions&) {}
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats&) override {}
    void test_case_start(const doctest::TestCaseData&) override { ++g_matched; }
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};

REGISTER_LISTENER("match-counter", 1, MatchCounter);

} // namespace

int main(int argc, char** argv)
{
    // One heap for every thread, as the app's main sets first (platform::oneHeap: the core suite cannot link it).
    mallopt(M_ARENA_MAX, 1);
    const std::string output = CORRIDOR_TEST_OUTPUT;
    ::setenv("XDG_CONFIG_HOME", (output + "/xdg-config").c_str(), 1);
    ::setenv("XDG_CACHE_HOME", (output + "/xdg-cache").c_str(), 1);
    ::setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
    doctest::Context context(argc, argv);
    const int result = context.run();
    if (context.shouldExit()) {
        return result;
    }
    bool filtered = false;
    for (int i = 1; i < argc; ++i) {
        for (const char* prefix : {"--test-case=", "-tc=", "--dt-test-case=", "--dt-tc="}) {
            filtered = filtered || std::strncmp(argv[i], prefix, std::strlen(prefix)) == 0;
        }
    }
    if (result == 0 && filtered && g_matched == 0) {
        std::cerr << "test_main: the test-case filter matched no test case: nothing was tested\n";
        return 1;
    }
    return result;
}
