// PNGs written band by band (render::writePngRows: tiled exports larger than memory should hold) decode to the same
// pixels as the whole image written at once, whatever the band sizes; a source that fails leaves no file.

#include "render/image.hpp"
#include "run_command.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

using namespace corridor;

namespace {

render::Image noiseAndFlats(int w, int h)
{
    render::Image image{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h * 4)};
    std::mt19937 random(7);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            std::uint8_t* p = &image.rgba[(static_cast<std::size_t>(y) * w + x) * 4];
            const bool flat = (x / 37 + y / 23) % 2 == 0; // flat areas, as maps have, beside noise
            for (int c = 0; c < 4; ++c) {
                p[c] = flat ? static_cast<std::uint8_t>(40 * c + 10) : static_cast<std::uint8_t>(random());
            }
        }
    }
    return image;
}

} // namespace

TEST_CASE("a PNG written band by band decodes to the same pixels as one written whole")
{
    const render::Image image = noiseAndFlats(301, 257);
    for (const int bandRows : {1, 7, 64, 256, 257}) {
        CAPTURE(bandRows);
        const std::string path = test::outputPath("rows-" + std::to_string(bandRows) + ".png");
        int given = 0, calls = 0;
        render::writePngRows(path, image.width, image.height, [&](std::vector<std::uint8_t>& band) {
            const int rows = std::min(bandRows, image.height - given);
            const auto* first = image.rgba.data() + static_cast<std::size_t>(given) * image.width * 4;
            band.assign(first, first + static_cast<std::size_t>(rows) * image.width * 4);
            given += rows;
            ++calls;
            return rows;
        });
        CHECK(calls == (image.height + bandRows - 1) / bandRows); // asked for each band once, never ahead
        const render::Image back = render::readPng(path);
        REQUIRE(back.width == image.width);
        REQUIRE(back.height == image.height);
        CHECK(back.rgba == image.rgba);
    }
}

TEST_CASE("a band source that fails or runs short leaves no PNG and says why")
{
    const std::string path = test::outputPath("rows-failed.png");
    int given = 0;
    CHECK_THROWS_WITH_AS(render::writePngRows(path, 64, 100, [&](std::vector<std::uint8_t>& band) -> int {
        if (given >= 50) {
            throw std::runtime_error("the GPU went away");
        }
        band.assign(64 * 4 * 10, 200);
        given += 10;
        return 10;
    }), doctest::Contains("the GPU went away"), std::runtime_error);
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK_THROWS_WITH_AS(render::writePngRows(path, 64, 100, [&](std::vector<std::uint8_t>& band) {
        band.assign(64 * 4 * 10, 200);
        return 0; // nothing more, 100 rows short
    }), doctest::Contains("rows ran short (0 of 100)"), std::runtime_error);
    CHECK_FALSE(std::filesystem::exists(path));
    const std::string folder = std::filesystem::path(path).parent_path().string();
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        CHECK(entry.path().filename().string().find(".rows-failed.png.") == std::string::npos); // no temporary left
    }
}

TEST_CASE("an opaque image is written as RGB, one with any other alpha as RGBA, and both decode to what was given")
{
    // The IHDR's colour type: byte 25 of the file (signature 8, chunk length and type 8, width and height 8, depth 1).
    const auto colourType = [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::string head(26, '\0');
        in.read(head.data(), 26);
        return static_cast<int>(static_cast<unsigned char>(head[25]));
    };
    render::Image opaque = noiseAndFlats(97, 61);
    for (std::size_t i = 3; i < opaque.rgba.size(); i += 4) {
        opaque.rgba[i] = 255;
    }
    render::Image translucent = opaque;
    translucent.rgba[4 * 500 + 3] = 254; // one pixel
    for (const auto& [image, type] : {std::pair{&opaque, 2}, std::pair{&translucent, 6}}) {
        CAPTURE(type);
        const std::string whole = test::outputPath("alpha-whole-" + std::to_string(type) + ".png");
        render::writePng(whole, *image);
        CHECK(colourType(whole) == type);
        CHECK(render::readPng(whole).rgba == image->rgba);
        // Band by band, the caller says whether the image is opaque.
        const std::string rows = test::outputPath("alpha-rows-" + std::to_string(type) + ".png");
        int given = 0;
        render::writePngRows(rows, image->width, image->height, [&](std::vector<std::uint8_t>& band) {
            const int count = std::min(16, image->height - given);
            const auto* first = image->rgba.data() + static_cast<std::size_t>(given) * image->width * 4;
            band.assign(first, first + static_cast<std::size_t>(count) * image->width * 4);
            given += count;
            return count;
        }, type == 2);
        CHECK(colourType(rows) == type);
        CHECK(render::readPng(rows).rgba == image->rgba);
    }
}
