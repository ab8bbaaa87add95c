// The Export dialog in the real viewer under Xvfb, driven like a user by xdotool (export_dialog_e2e.sh): Ctrl+E, a
// size preset, a title and a file, Enter. The image has the preset's size, carries the title in its text chunks and
// its world file beside it; a second export to the same file asks first (No keeps the file as it was, Yes replaces
// it); an 8K export cancelled while it draws leaves no file behind, partial or whole.

#include "render/image.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

namespace {

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The PNG's tEXt and uncompressed iTXt chunks by keyword (the exports write no compressed text).
std::map<std::string, std::string> pngText(const std::string& path)
{
    const std::string bytes = readFile(path);
    REQUIRE(bytes.size() > 8);
    REQUIRE(bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    std::map<std::string, std::string> text;
    for (std::size_t at = 8; at + 12 <= bytes.size();) {
        const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };
        const std::uint32_t length = byte(at) << 24 | byte(at + 1) << 16 | byte(at + 2) << 8 | byte(at + 3);
        const std::string type = bytes.substr(at + 4, 4);
        REQUIRE(at + 12 + length <= bytes.size());
        const std::string data = bytes.substr(at + 8, length);
        const std::size_t keyEnd = data.find('\0');
        if (type == "tEXt" && keyEnd != std::string::npos) {
            text[data.substr(0, keyEnd)] = data.substr(keyEnd + 1);
        } else if (type == "iTXt" && keyEnd != std::string::npos && keyEnd + 2 < data.size() && data[keyEnd + 1] == 0) {
            // keyword, 0, compression flag, method, language tag, 0, translated keyword, 0, text
            const std::size_t language = data.find('\0', keyEnd + 3);
            const std::size_t translated = language == std::string::npos ? language : data.find('\0', language + 1);
            if (translated != std::string::npos) {
                text[data.substr(0, keyEnd)] = data.substr(translated + 1);
            }
        }
        if (type == "IEND") {
            break;
        }
        at += 12 + length;
    }
    return text;
}

} // namespace

TEST_CASE("viewer under Xvfb: the Export dialog exports by keyboard, asks before replacing, and a cancel leaves no file")
{
    const std::string out = std::string(CORRIDOR_TEST_OUTPUT) + "/export_dialog";
    std::filesystem::create_directories(out);
    const std::string script = std::string(CORRIDOR_TEST_DATA) + "/../cli/export_dialog_e2e.sh";
    const std::string cmd = "xvfb-run -a -s '-screen 0 1280x800x24' " + script + " " + CORRIDOR_BINARY + " " + out +
                            " 2>&1";
    REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, "the scripted viewer session failed: " << cmd);

    // 1. The preset's size, the title in the text chunks, the world file (and the rest of the sidecars) beside it.
    const corridor::render::Image first = corridor::render::readPng(out + "/export-first.png");
    CHECK(first.width == 1920);
    CHECK(first.height == 1080);
    const auto firstText = pngText(out + "/export-first.png");
    REQUIRE(firstText.count("Title") == 1);
    CHECK(firstText.at("Title") == "Corridor e2e first export");
    CHECK(firstText.count("CRS") == 1);
    const std::string file = out + "/exports/dialog-export.png";
    for (const char* sidecar : {".pgw", ".prj"}) {
        CAPTURE(sidecar);
        CHECK(std::filesystem::is_regular_file(out + "/exports/dialog-export" + sidecar));
    }
    CHECK(std::filesystem::is_regular_file(file + ".aux.xml"));

    // 2. No kept the file byte for byte; Yes replaced it with the second export (its own title).
    CHECK(readFile(out + "/export-kept.png") == readFile(out + "/export-first.png"));
    const std::string replaced = readFile(out + "/export-replaced.png");
    CHECK(replaced != readFile(out + "/export-first.png"));
    CHECK(readFile(file) == replaced);
    const auto replacedText = pngText(out + "/export-replaced.png");
    REQUIRE(replacedText.count("Title") == 1);
    CHECK(replacedText.at("Title") == "Corridor e2e replaced");

    // 3. The cancelled 8K export left nothing: no image, no sidecar, no temporary file.
    const std::string listing = readFile(out + "/export-files.txt");
    INFO("exports folder after the cancel:\n" << listing);
    CHECK(listing.find("cancelled-8k") == std::string::npos);
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(out + "/exports")) {
        const std::string name = entry.path().filename().string();
        CAPTURE(name);
        CHECK(name.starts_with("dialog-export."));
        ++files;
    }
    CHECK(files == 4); // the PNG, .pgw, .prj and .png.aux.xml of the first file

    std::ifstream err(out + "/export-stderr.txt");
    const std::string printed((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
    INFO("stderr: " << printed);
    CHECK(printed.find("export failed") == std::string::npos);
}
