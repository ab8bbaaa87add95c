// `corridor export-deck`: the sample deck as PNGs (three of them kept as goldens), one PDF with a page per slide in
// order and the slides' words in it, an index.md; the same bytes on a second run; a malformed deck or a taken
// folder gives one precise error and writes nothing.

#include "render/golden.hpp"
#include "run_command.hpp"
#include "test_folders.hpp"

#include "render/image.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using corridor::test::contains;
using corridor::test::fileBytes;
using corridor::test::Run;
using corridor::test::runCorridor;
using corridor::test::runShell;

const std::string kSampleDeck = std::string(CORRIDOR_GEODATA_DIR) + "/../assets/briefings/instc.toml";

// One field of pdfinfo's output ("Pages", "Title"…), its value trimmed.
std::string pdfField(const std::string& output, const std::string& field)
{
    const std::string info = "\n" + output;
    const std::size_t at = info.find("\n" + field + ":");
    if (at == std::string::npos) {
        return {};
    }
    const std::size_t start = info.find_first_not_of(' ', at + field.size() + 2);
    return info.substr(start, info.find('\n', start) - start);
}

std::string slideName(int n)
{
    return std::string("slide-") + (n < 10 ? "0" : "") + std::to_string(n) + ".png";
}

} // namespace

TEST_CASE("export-deck: the sample deck as PNGs, one PDF in slide order with its words, and an index")
{
    const fs::path dir = corridor::test::freshFolder("export_deck", "sample");
    const Run run = runCorridor("export-deck " + kSampleDeck + " " + dir.string() + " --size 1280x720");
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    for (int n = 1; n <= 10; ++n) {
        const corridor::render::Image image = corridor::render::readPng((dir / slideName(n)).string());
        CHECK(image.width == 1280);
        CHECK(image.height == 720);
    }
    CHECK_FALSE(fs::exists(dir / "slide-11.png"));
    // Looked at and approved: the corridor overview, the Rasht–Astara gap with its caption and callout, the islands.
    corridor::test::checkGolden(corridor::render::readPng((dir / slideName(1)).string()), "deck_slide_01");
    corridor::test::checkGolden(corridor::render::readPng((dir / slideName(4)).string()), "deck_slide_04");
    corridor::test::checkGolden(corridor::render::readPng((dir / slideName(7)).string()), "deck_slide_07");

    const Run info = runShell("pdfinfo " + (dir / "deck.pdf").string());
    INFO(info.output);
    REQUIRE(info.exitCode == 0);
    CHECK(pdfField(info.output, "Pages") == "10");
    CHECK(pdfField(info.output, "Title") == "The International North–South Transport Corridor");
    CHECK(pdfField(info.output, "Page size") == "960 x 540 pts");
    // Page 4 is the Rasht–Astara slide, its title and computed length searchable; page 7 the islands.
    const Run page4 = runShell("pdftotext -f 4 -l 4 " + (dir / "deck.pdf").string() + " -");
    CHECK(contains(page4.output, "The missing link: Rasht–Astara"));
    CHECK(contains(page4.output, "155 km"));
    const Run page7 = runShell("pdftotext -f 7 -l 7 " + (dir / "deck.pdf").string() + " -");
    CHECK(contains(page7.output, "Abu Musa and the Tunbs"));
    CHECK_FALSE(contains(page7.output, "Rasht–Astara"));

    const std::string index = fileBytes(dir / "index.md");
    CHECK(contains(index, "# The International North–South Transport Corridor"));
    CHECK(contains(index, "## 4. The missing link: Rasht–Astara"));
    CHECK(contains(index, "![The missing link: Rasht–Astara](slide-04.png)"));
    CHECK(contains(index, "Sources: "));
    CHECK(contains(index, "Notes: The only gap in the all-rail western branch.")); // slide 4's speaker notes
    // Computed, not typed: the placeholders are gone.
    CHECK_FALSE(contains(index, "{{"));
}

TEST_CASE("export-deck writes the same bytes twice, dated by the deck, whatever the day")
{
    const fs::path a = corridor::test::freshFolder("export_deck", "run_a");
    const fs::path b = corridor::test::freshFolder("export_deck", "run_b");
    // Without SOURCE_DATE_EPOCH (the suite sets one): the deck's own date must make the files stable.
    for (const fs::path& dir : {a, b}) {
        const Run run = runCorridor("export-deck " + kSampleDeck + " " + dir.string() + " --size 480x270",
                                    "env -u SOURCE_DATE_EPOCH");
        INFO(run.output);
        REQUIRE(run.exitCode == 0);
    }
    for (const auto& entry : fs::directory_iterator(a)) {
        CAPTURE(entry.path().filename().string());
        CHECK(fileBytes(entry.path()) == fileBytes(b / entry.path().filename()));
    }
    CHECK(contains(fileBytes(a / "index.md"), "2026-01-15"));
}

TEST_CASE("export-deck: a malformed deck or an earlier export in the folder is one precise error, nothing written")
{
    const fs::path dir = corridor::test::freshFolder("export_deck", "errors");
    const fs::path deck = dir / "bad.toml";
    std::ofstream(deck) << "[deck]\nformat = 1\ntitle = \"x\"\n\n[[slide]]\ntitle = \"One\"\n[slide.view]\nzoom = 40\n"
                           "centre = [50, 30]\n";
    const fs::path out = dir / "out";
    const Run bad = runCorridor("export-deck " + deck.string() + " " + out.string());
    INFO(bad.output);
    CHECK(bad.exitCode == 1);
    CHECK(contains(bad.output, deck.string() + ":8:"));
    CHECK(contains(bad.output, "slide[1].view.zoom"));
    CHECK_FALSE(fs::exists(out / "slide-01.png"));

    const Run first = runCorridor("export-deck " + kSampleDeck + " " + out.string() + " --size 320x180");
    REQUIRE(first.exitCode == 0);
    const std::string before = fileBytes(out / "slide-01.png");
    const Run again = runCorridor("export-deck " + kSampleDeck + " " + out.string() + " --size 640x360");
    CHECK(again.exitCode == 1);
    CHECK(contains(again.output, "exists; pass --force"));
    CHECK(fileBytes(out / "slide-01.png") == before);
    const Run forced = runCorridor("export-deck " + kSampleDeck + " " + out.string() + " --size 640x360 --force");
    CHECK(forced.exitCode == 0);
    CHECK(fileBytes(out / "slide-01.png") != before);
}

TEST_CASE("export-deck --frames: each flight between slides as numbered frames, none for a cut")
{
    const fs::path dir = corridor::test::freshFolder("export_deck", "frames");
    const std::string deck = std::string(CORRIDOR_TEST_DATA) + "/decks/present.toml";
    const Run run = runCorridor("export-deck " + deck + " " + dir.string() + " --size 320x180 --frames 4");
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    CHECK(contains(run.output, "and 5 flight frames"));
    // Slide 2 is flown to in 1 s: 4 steps, 5 frames from slide 1's view to slide 2's; slide 3 is a cut.
    CHECK(corridor::test::folderContents(dir / "frames" / "01-02") ==
          std::vector<std::string>{"0001.png", "0002.png", "0003.png", "0004.png", "0005.png"});
    CHECK_FALSE(fs::exists(dir / "frames" / "02-03"));
    const corridor::render::Image first = corridor::render::readPng((dir / "frames" / "01-02" / "0001.png").string());
    const corridor::render::Image middle = corridor::render::readPng((dir / "frames" / "01-02" / "0003.png").string());
    CHECK(first.width == 320);
    CHECK(first.rgba != middle.rgba);
}

TEST_CASE("export-deck: a slide in its own view CRS is drawn in it, and one PROJ refuses is said and drawn in the map's")
{
    const fs::path dir = corridor::test::freshFolder("export_deck", "crs");
    const std::string deck = std::string(CORRIDOR_TEST_DATA) + "/decks/crs.toml";
    const Run run = runCorridor("export-deck " + deck + " " + dir.string() + " --size 480x300");
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    CHECK(contains(run.output, "slide 3: view CRS 'EPSG:999999'"));
    // The PNG's CRS text chunk says what each slide was drawn in.
    const std::string png1 = fileBytes(dir / slideName(1)), png2 = fileBytes(dir / slideName(2));
    const std::string png3 = fileBytes(dir / slideName(3));
    CHECK(png1 != png2);
    CHECK(contains(png2, "EPSG:3857"));
    CHECK_FALSE(contains(png1, "EPSG:3857"));
    CHECK_FALSE(contains(png3, "EPSG:3857")); // refused: drawn in the map's CRS again
    // And it is the map `corridor export` draws in that CRS (the scene was built afresh for it), with the same
    // furniture (none but the title): the same but the slide number's corner and the labels it moves (a scene left
    // with the old CRS's meshes drew most of the image wrong).
    const std::string single = (dir / "single.png").string();
    const Run alone = runCorridor("export --crs EPSG:3857 --bbox 44,35,53,42.5 --size 480x300 --title 'Web Mercator' "
                                  "--no-furniture --out " + single);
    REQUIRE(alone.exitCode == 0);
    const auto diff = corridor::render::compareImages(corridor::render::readPng((dir / slideName(2)).string()),
                                                      corridor::render::readPng(single), 24);
    CHECK(diff.differingPixels < 480u * 300u / 12u);
}
