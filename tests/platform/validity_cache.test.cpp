// Validity verdicts on disk (platform/validity_cache): what is kept reads back whole, from a folder made on
// demand; keys that are not plain hex names are neither read nor written; the least recently used entries go past
// the limit, a read counting as a use; a folder that cannot be written keeps nothing and stops nothing.

#include "platform/validity_cache.hpp"

#include "test_folders.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using corridor::platform::ValidityCache;

TEST_CASE("validity cache: kept verdicts read back whole, in a folder made when first needed")
{
    const fs::path dir = corridor::test::freshFolder("validity_cache", "roundtrip") / "a" / "validity";
    const ValidityCache cache(dir);
    CHECK_FALSE(cache.find("0123abcd").has_value()); // nothing yet, and no folder
    const std::string verdicts = "corridor validity 1\n2\tinvalid polygon: Self-intersection at (1, 2)\n";
    cache.keep("0123abcd", verdicts);
    CHECK(corridor::test::folderContents(dir) == std::vector<std::string>{"0123abcd.txt"}); // no temp file left
    CHECK(cache.find("0123abcd") == verdicts);
    cache.keep("0123abcd", "corridor validity 1\n"); // replaced whole
    CHECK(cache.find("0123abcd") == "corridor validity 1\n");
}

TEST_CASE("validity cache: keys that are not plain hex names are neither read nor written")
{
    const fs::path dir = corridor::test::freshFolder("validity_cache", "keys");
    const ValidityCache cache(dir);
    for (const std::string& key : {std::string(), std::string("../escape"), std::string("UPPER"), std::string("a/b"),
                                   std::string(".hidden"), std::string(200, 'a')}) {
        CAPTURE(key);
        cache.keep(key, "corridor validity 1\n");
        CHECK_FALSE(cache.find(key).has_value());
    }
    CHECK(corridor::test::folderContents(dir).empty());
    CHECK_FALSE(fs::exists(dir.parent_path() / "escape.txt"));
}

TEST_CASE("validity cache: past its limit the least recently used entries go, a read counting as a use")
{
    const fs::path dir = corridor::test::freshFolder("validity_cache", "evict");
    const ValidityCache cache(dir, 3);
    const auto hourAgo = fs::file_time_type::clock::now() - std::chrono::hours(1);
    int minutes = 3; // a1 the oldest, then a2, then a3
    for (const char* key : {"a1", "a2", "a3"}) {
        cache.keep(key, std::string("corridor validity 1\n") + key + "\n");
        fs::last_write_time(cache.fileFor(key), hourAgo - std::chrono::minutes(minutes--));
    }
    CHECK(cache.find("a1").has_value()); // a1, the oldest, is used now
    cache.keep("a4", "corridor validity 1\n");
    CHECK(corridor::test::folderContents(dir) == std::vector<std::string>{"a1.txt", "a3.txt", "a4.txt"});
}

TEST_CASE("validity cache: a folder that cannot be written keeps nothing and stops nothing")
{
    const fs::path dir = corridor::test::freshFolder("validity_cache", "blocked");
    std::ofstream(dir / "file") << "not a folder";
    const ValidityCache cache(dir / "file" / "validity");
    CHECK_NOTHROW(cache.keep("0123", "corridor validity 1\n"));
    CHECK_FALSE(cache.find("0123").has_value());
    const ValidityCache none{fs::path()};
    CHECK_NOTHROW(none.keep("0123", "corridor validity 1\n"));
    CHECK_FALSE(none.find("0123").has_value());
}
