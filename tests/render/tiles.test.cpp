// Large exports are drawn in tiles (platform/tiled_render): the tiles must join with no seam. A view drawn whole and
// drawn in tiles of odd sizes (so borders fall everywhere: across labels, hatching, dashes, the furniture) must give
// the same image.

#include "platform/furniture_content.hpp"
#include "platform/headless_context.hpp"
#include "platform/tiled_render.hpp"
#include "render/bundled_scene.hpp"
#include "render/image.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

using namespace corridor;

namespace {

render::Image drawWhole(test::BundledScene& map, platform::FurnitureView& furniture, const core::Camera& camera)
{
    const render::OffscreenTarget target(static_cast<int>(camera.widthPx), static_cast<int>(camera.heightPx));
    target.bind();
    map.scene.render(camera, map.doc.background);
    furniture.draw(map.scene);
    return {target.width(), target.height(), target.read()};
}

render::Image drawTiled(test::BundledScene& map, platform::FurnitureView& furniture, const core::Camera& camera,
                        const platform::TileOptions& options, std::vector<int>& bands)
{
    render::Image image{static_cast<int>(camera.widthPx), static_cast<int>(camera.heightPx), {}};
    image.rgba.resize(static_cast<std::size_t>(image.width) * image.height * 4);
    int nextRow = 0;
    bands.clear();
    platform::renderInBands(map.scene, camera, map.doc.background, &furniture,
                            [&](const std::vector<std::uint8_t>& rgba, int firstRow, int rows) {
                                CHECK(firstRow == nextRow); // top to bottom, every row once
                                nextRow = firstRow + rows;
                                std::memcpy(image.rgba.data() + static_cast<std::size_t>(firstRow) * image.width * 4,
                                            rgba.data(), rgba.size());
                                bands.push_back(rows);
                            },
                            options);
    CHECK(nextRow == image.height);
    return image;
}

} // namespace

TEST_CASE("an image drawn in tiles equals the image drawn whole: no seams in the map, labels, hatching or furniture")
{
    test::BundledScene map;
    for (const auto& [name, box] : {std::pair{"islands", core::GeoBox{54.5, 25.5, 56.5, 26.6}},
                                    std::pair{"rasht-astara", core::GeoBox{48, 36.5, 49.8, 38.6}}}) {
        CAPTURE(name);
        core::Camera camera;
        camera.widthPx = 1500;
        camera.heightPx = 900;
        camera.fit(geo::projectBox(box, map.doc.viewCrs), 0.0);
        core::FurnitureOptions options;
        options.title = "Tiles join with no seam";
        platform::FurnitureView furniture;
        furniture.prepare(map.scene, map.doc, camera, options);
        const render::Image whole = drawWhole(map, furniture, camera);
        std::vector<int> bands; // rows of each
        // Tiles of at most 317 × 233 px, made equal: 5 columns of 300 px, 4 bands of 225 rows. Their borders cross the
        // title, the legend, labels and the islands' hatching.
        const render::Image tiled =
            drawTiled(map, furniture, camera, {317, static_cast<std::size_t>(1500) * 4 * 233}, bands);
        CHECK(bands == std::vector<int>{225, 225, 225, 225});
        const int tileWidth = 300, tileHeight = 225;
        const render::ImageDiff diff = render::compareImages(tiled, whole, 2);
        // A seam is a difference along a tile border: there must be none. Elsewhere a handful of pixels may differ
        // by float rounding (each tile's camera is centred on the tile: the inset's and the strip's outer edges).
        std::size_t onBorders = 0;
        for (int y = 0; y < whole.height; ++y) {
            for (int x = 0; x < whole.width; ++x) {
                const bool border = (x % tileWidth == 0 || x % tileWidth == tileWidth - 1) ||
                                    (y % tileHeight == 0 || y % tileHeight == tileHeight - 1);
                if (!border || x == 0 || y == 0 || x == whole.width - 1 || y == whole.height - 1) {
                    continue;
                }
                const std::size_t i = (static_cast<std::size_t>(y) * whole.width + x) * 4;
                for (int c = 0; c < 4; ++c) {
                    if (std::abs(int(whole.rgba[i + c]) - int(tiled.rgba[i + c])) > 2) {
                        ++onBorders;
                        break;
                    }
                }
            }
        }
        CAPTURE(diff.maxChannelDelta);
        CHECK(onBorders == 0);
        CHECK(diff.differingPixels <= 10);
        if (diff.differingPixels > 0) {
            std::filesystem::create_directories(CORRIDOR_TEST_OUTPUT);
            render::writePng(std::string(CORRIDOR_TEST_OUTPUT) + "/tiles-" + name + "-diff.png", diff.visual);
        }
    }
}

TEST_CASE("a target read into a wider buffer: top row first, each row at its stride, nothing else written")
{
    const platform::HeadlessContext context;
    const int w = 7, h = 5;
    const render::OffscreenTarget target(w, h);
    target.bind();
    glClearColor(0.0f, 0.0f, 1.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_SCISSOR_TEST);
    glScissor(0, h - 1, w, 1); // GL's rows run bottom up: this is the image's top row
    glClearColor(1.0f, 0.0f, 0.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glScissor(0, 0, 2, 1); // and two pixels at the left of its bottom row
    glClearColor(0.0f, 1.0f, 0.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glDisable(GL_SCISSOR_TEST);

    const std::vector<std::uint8_t> whole = target.read();
    REQUIRE(whole.size() == static_cast<std::size_t>(w * h * 4));
    CHECK(whole[0] == 255); // top left: red
    CHECK(whole[2] == 0);
    const std::size_t bottom = static_cast<std::size_t>((h - 1) * w * 4);
    CHECK(whole[bottom + 1] == 255); // bottom left: green
    CHECK(whole[bottom + 2 * 4 + 2] == 255); // then blue

    // Into columns 3..9 of rows 12 pixels wide, as a tile into its band.
    const std::size_t stride = 12 * 4, left = 3 * 4;
    std::vector<std::uint8_t> band(stride * h, 0xAB);
    target.readInto(band.data() + left, stride);
    for (int y = 0; y < h; ++y) {
        CAPTURE(y);
        const std::uint8_t* row = band.data() + static_cast<std::size_t>(y) * stride;
        CHECK(std::memcmp(row + left, whole.data() + static_cast<std::size_t>(y) * w * 4, w * 4) == 0);
        for (std::size_t i = 0; i < left; ++i) {
            CHECK(row[i] == 0xAB);
        }
        for (std::size_t i = left + w * 4; i < stride; ++i) {
            CHECK(row[i] == 0xAB);
        }
    }
    CHECK_THROWS_AS(target.readInto(band.data(), static_cast<std::size_t>(w) * 4 - 4), render::GlError);
}
