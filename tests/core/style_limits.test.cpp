// Hostile style sheets: nesting and size past any real sheet must be refused with a message, before toml++ sees
// them (it recurses once per level: 35,000 dotted key parts overflowed the stack). The sheets are generated here.

#include "core/style_file.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>

using corridor::core::FileWatcher;
using corridor::core::loadStyleSheet;
using corridor::core::parseStyleSheet;
using corridor::core::StyleError;

namespace {

std::string repeat(const std::string& s, std::size_t n)
{
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) {
        out += s;
    }
    return out;
}

// The StyleError `text` gives; fails the test when it parses or throws anything else.
StyleError errorOf(const std::string& text)
{
    try {
        parseStyleSheet(text, "hostile.toml");
    } catch (const StyleError& e) {
        return e;
    } catch (const std::exception& e) {
        FAIL("not a StyleError: " << e.what());
    }
    FAIL("parsed without an error");
    return StyleError("", 0, 0, {}, "");
}

void checkDepthError(const std::string& text, std::uint32_t line, std::uint32_t column)
{
    const StyleError e = errorOf(text);
    INFO(e.what());
    CHECK(e.file() == "hostile.toml");
    CHECK(e.line() == line);
    CHECK(e.column() == column);
    CHECK(e.reason().find("nested deeper than 64 levels") != std::string::npos);
}

} // namespace

TEST_CASE("a dotted key of 35000 parts is refused at its 65th part, not a stack overflow")
{
    // "a" then ".a" repeated: the 64th dot starts part 65, at column 2 * 64.
    checkDepthError("a" + repeat(".a", 35000) + " = 1\n", 1, 128);
    // Quoted parts and spaces around the dots count the same.
    checkDepthError("# header\n\"a\"" + repeat(" . \"a\"", 35000) + " = 1\n", 2, 3 + 63 * 6 + 2);
}

TEST_CASE("a table header of 35000 parts is refused, and so are keys that add up past the limit under one")
{
    checkDepthError("[" + repeat("a.", 35000) + "a]\n", 1, 2 + 64 * 2 - 1);
    // 40 levels of header plus 30 of key: each is fine alone, together they nest 70 deep.
    const std::string header = "[a" + repeat(".a", 39) + "]\n";
    checkDepthError(header + "b" + repeat(".b", 29) + " = 1\n", 2, 2 * 24);
    checkDepthError("[[a" + repeat(".a", 39) + "]]\n" + "b" + repeat(".b", 29) + " = 1\n", 2, 2 * 23);
}

TEST_CASE("nested inline tables and arrays are refused past 64 levels, well inside toml++'s own limit of 256")
{
    // The 65th table or array opens past the limit.
    checkDepthError("x = " + repeat("{a = ", 100) + "1" + repeat("}", 100) + "\n", 1, 5 + 64 * 5);
    checkDepthError("x = " + repeat("[", 100) + "1" + repeat("]", 100) + "\n", 1, 5 + 64);
    checkDepthError("x = " + repeat("[", 35000) + "\n", 1, 5 + 64);
    // Arrays spread over lines nest the same.
    checkDepthError("x = " + repeat("[\n", 100) + "1" + repeat("]", 100) + "\n", 65, 1);
    // Dotted keys inside inline tables: table j is at level 4j - 3 and its key reaches 4j + 1, so the last part
    // of the key in table 16 is level 65.
    checkDepthError("x = " + repeat("{a.b.c.d = ", 20) + "1" + repeat("}", 20) + "\n", 1, 5 + 15 * 11 + 6);
}

TEST_CASE("sheets within the limits parse as before: dots in strings, comments and numbers are not nesting")
{
    const std::string dots = repeat(".", 5000);
    const std::string text = "# " + dots + "\n"
                             "[map]\n"
                             "view = [28.0, 10.0, 78.0, 62.0]\n"
                             "order = [\"" + dots + "1\", '" + dots + "2', \"\"\"" + dots + "3\"\"\"]\n"
                             "[layer.\"a.b.c\"]\n"
                             "stroke-width = 2.5\n"
                             "[[layer.\"a.b.c\".rule]]\n"
                             "when = { name = [\"x.y\", 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5] }\n"
                             "dash = [6.5, 4.5]\n";
    const auto sheet = parseStyleSheet(text, "ok.toml");
    CHECK(sheet.order.size() == 3);
    CHECK(sheet.layers.count("a.b.c") == 1);
    // 64 levels exactly is allowed: it reaches the reader, which finds a layer that is not a table.
    try {
        parseStyleSheet("[layer]\nx = " + repeat("[", 63) + "1" + repeat("]", 63) + "\n", "deep.toml");
        FAIL("parsed");
    } catch (const StyleError& e) {
        INFO(e.what());
        CHECK(e.reason().find("nested deeper") == std::string::npos);
    }
}

TEST_CASE("a style sheet over 1 MiB is refused before parsing, from text and from a file")
{
    const std::string exact = "#" + std::string((1u << 20) - 2, 'x') + "\n"; // one long comment of 1 MiB
    const std::string big = exact + " ";
    const StyleError e = errorOf(big);
    INFO(e.what());
    CHECK(e.line() == 0);
    CHECK(e.reason().find("larger than 1 MiB") != std::string::npos);
    CHECK_NOTHROW(parseStyleSheet(exact, "one_mib.toml"));

    const std::filesystem::path file = std::filesystem::path(CORRIDOR_TEST_OUTPUT) / "big_style.toml";
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << big;
    try {
        loadStyleSheet(file.string());
        FAIL("loaded");
    } catch (const StyleError& error) {
        CHECK(error.file() == file.string());
        CHECK(error.reason().find("larger than 1 MiB") != std::string::npos);
    }
    std::filesystem::remove(file);
}

TEST_CASE("a style path that is not a regular file is refused without being opened for reading")
{
    // /dev/null used to read as an empty sheet, a FIFO blocked until a writer came (the hot reloader too).
    try {
        loadStyleSheet("/dev/null");
        FAIL("loaded");
    } catch (const StyleError& e) {
        CHECK(e.reason() == "cannot read the style file: it is a character device, not a regular file");
    }
    const std::filesystem::path fifo = std::filesystem::path(CORRIDOR_TEST_OUTPUT) / "style_fifo.toml";
    std::filesystem::create_directories(fifo.parent_path());
    std::filesystem::remove(fifo);
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    try {
        loadStyleSheet(fifo.string()); // blocked for ever before the check; ctest's timeout would fail it
        FAIL("loaded");
    } catch (const StyleError& e) {
        CHECK(e.file() == fifo.string());
        CHECK(e.reason() == "cannot read the style file: it is a FIFO, not a regular file");
    }
    std::filesystem::remove(fifo);
}

TEST_CASE("a watched sheet replaced by a FIFO is a change, and reloading it is refused at once")
{
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(CORRIDOR_TEST_OUTPUT) / "style_watch_fifo";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path file = dir / "style.toml";
    std::ofstream(file) << "[map]\n";
    FileWatcher watcher(file.string());
    CHECK_FALSE(watcher.changed());
    fs::remove(file);
    REQUIRE(::mkfifo(file.c_str(), 0600) == 0);
    fs::last_write_time(file, fs::file_time_type::clock::now() + std::chrono::seconds(10));
    CHECK(watcher.changed()); // it was silently "no change" before: file_size fails on a FIFO
    CHECK_FALSE(watcher.changed());
    CHECK_THROWS_WITH_AS(loadStyleSheet(file.string()),
                         (file.string() + ": cannot read the style file: it is a FIFO, not a regular file").c_str(),
                         StyleError);
    fs::remove_all(dir);
}
