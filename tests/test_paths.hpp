#pragma once
// Where the tests find their fixtures, goldens, the bundled data, their output folder and the corridor binary.
// Every test file sees this header (tests/CMakeLists.txt includes it first); the paths themselves are compiled into
// test_main.cpp alone, so every other test file compiles to the same object in any clone of the repository and
// ccache (scripts/test.sh) can reuse it. Each name is a `const char*`: `std::string(CORRIDOR_TEST_DATA) + "/x"`.

namespace corridor::test::paths {
extern const char* const kTestData;  // tests/data
extern const char* const kGoldenDir; // tests/golden
extern const char* const kGeodata;   // geodata/
extern const char* const kOutput;    // build/tests/output
extern const char* const kBinary;    // the corridor executable
} // namespace corridor::test::paths

#define CORRIDOR_TEST_DATA (::corridor::test::paths::kTestData)
#define CORRIDOR_GOLDEN_DIR (::corridor::test::paths::kGoldenDir)
#define CORRIDOR_GEODATA_DIR (::corridor::test::paths::kGeodata)
#define CORRIDOR_TEST_OUTPUT (::corridor::test::paths::kOutput)
#define CORRIDOR_BINARY (::corridor::test::paths::kBinary)
