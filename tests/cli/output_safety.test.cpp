// `corridor export --out` must never destroy what is at its target or what it reads: a PNG renamed over a device
// node or a FIFO replaced it (as root, /dev/null), and --out naming an input overwrote the data. Reading must not
// write beside the user's files either (GDAL's GML driver saved a .gfs). Everything happens in a private folder:
// the device node is one made here, never /dev/null itself, so a broken check cannot harm the machine.

#include "render/image.hpp"

#include "run_command.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using corridor::test::contains;
using corridor::test::Run;
using corridor::test::runShell;

namespace fs = std::filesystem;

Run runCorridor(const std::string& args) { return corridor::test::runCorridor(args, "timeout 60"); }

std::string readAll(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// A fresh private folder, removed afterwards.
struct Folder {
    fs::path dir;
    explicit Folder(const std::string& name) : dir(fs::path(CORRIDOR_TEST_OUTPUT) / name)
    {
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~Folder() { fs::remove_all(dir); }
};

std::string exportArgs(const fs::path& data, const fs::path& out)
{
    return "export --no-defaults --size 64x48 --data " + quoted(data) + " --force --out " + quoted(out); // these tests replace files on purpose
}

const fs::path kNodes = fs::path(CORRIDOR_TEST_DATA) / "nodes.geojson";

} // namespace

TEST_CASE("--out onto a FIFO or a device node is refused and leaves it as it was")
{
    const Folder f("output_safety_special");
    const fs::path fifo = f.dir / "pipe.png";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const Run run = runCorridor(exportArgs(kNodes, fifo));
    INFO(run.output);
    CHECK(run.exitCode == 2);
    CHECK(contains(run.output, fifo.string() + " is a FIFO; give a file name"));
    CHECK(fs::is_fifo(fifo));

    // A null device of our own (major 1, minor 3), as /dev/null would be treated. Making one needs root.
    const fs::path device = f.dir / "null.png";
    if (::mknod(device.c_str(), S_IFCHR | 0600, makedev(1, 3)) != 0) {
        MESSAGE("cannot make a device node here (not root?): the device case is not run");
        return;
    }
    const Run dev = runCorridor(exportArgs(kNodes, device));
    INFO(dev.output);
    CHECK(dev.exitCode == 2);
    CHECK(contains(dev.output, device.string() + " is a character device; give a file name"));
    CHECK(fs::is_character_file(device));
    // Through a symbolic link the same.
    const fs::path link = f.dir / "link.png";
    fs::create_symlink(device, link);
    const Run linked = runCorridor(exportArgs(kNodes, link));
    INFO(linked.output);
    CHECK(linked.exitCode == 2);
    CHECK(contains(linked.output, "is a character device; give a file name"));
    CHECK(fs::is_symlink(link));
}

TEST_CASE("writePng itself refuses to replace a FIFO")
{
    const Folder f("output_safety_writepng");
    const fs::path fifo = f.dir / "pipe.png";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const corridor::render::Image image{2, 2, std::vector<std::uint8_t>(16, 255)};
    for (const auto temp : {corridor::render::TempFile::Unnamed, corridor::render::TempFile::Named}) {
        try {
            corridor::render::writePng(fifo.string(), image, 3, temp);
            FAIL("wrote over the FIFO");
        } catch (const std::runtime_error& e) {
            CHECK(contains(e.what(), fifo.string() + ": it is a FIFO, not a regular file; nothing was written"));
        }
        CHECK(fs::is_fifo(fifo));
    }
}

TEST_CASE("--out naming an input, by its path, another path, a symbolic or a hard link, is refused")
{
    const Folder f("output_safety_inputs");
    const fs::path data = f.dir / "in.geojson";
    fs::copy_file(kNodes, data);
    const std::string before = readAll(data);
    const fs::path symlink = f.dir / "symlink.png";
    const fs::path hardlink = f.dir / "hardlink.png";
    fs::create_symlink(data, symlink);
    fs::create_hard_link(data, hardlink);
    for (const fs::path& out : {data, f.dir / "." / "in.geojson", symlink, hardlink}) {
        const Run run = runCorridor(exportArgs(data, out));
        INFO(out.string() << ": " << run.output);
        CHECK(run.exitCode == 2);
        CHECK(contains(run.output, out.string() + " is the input " + data.string() + "; give another file name"));
        CHECK(readAll(data) == before);
    }
    CHECK(fs::is_symlink(symlink));
    CHECK(fs::equivalent(hardlink, data));

    // The style sheet is an input too.
    const fs::path style = f.dir / "style.toml";
    std::ofstream(style) << "[map]\nbackground = \"#ffffff\"\n";
    const Run run = runCorridor(exportArgs(data, style) + " --style " + quoted(style));
    INFO(run.output);
    CHECK(run.exitCode == 2);
    CHECK(contains(run.output, " is the input " + style.string()));
    CHECK(readAll(style) == "[map]\nbackground = \"#ffffff\"\n");
}

TEST_CASE("a 255-byte file name is written, new and replaced, both ways to a complete file")
{
    const Folder f("output_safety_long");
    // The export writes NAME.png.aux.xml beside the PNG: its longest name is 247 bytes, and a 255-byte one is refused
    // before anything is written.
    const fs::path out = f.dir / (std::string(243, 'n') + ".png");
    for (int i = 0; i < 2; ++i) {
        const Run run = runCorridor(exportArgs(kNodes, out));
        INFO(run.output);
        CHECK(run.exitCode == 0);
        CHECK(corridor::render::readPng(out.string()).width == 64);
    }
    const fs::path tooLong = f.dir / (std::string(251, 'n') + ".png");
    const Run refused = runCorridor(exportArgs(kNodes, tooLong));
    INFO(refused.output);
    CHECK(refused.exitCode == 1);
    CHECK(contains(refused.output, "would be a 263-byte name, longer than the 255 bytes the file system allows; give "
                                   "the image a name 8 bytes shorter; nothing was written"));
    CHECK(std::distance(fs::directory_iterator(f.dir), fs::directory_iterator()) == 4); // the 247-byte export's
    // The named temporary file's way (file systems without O_TMPFILE), new and replacing.
    const corridor::render::Image image{2, 2, std::vector<std::uint8_t>(16, 255)};
    const fs::path named = f.dir / (std::string(251, 'm') + ".png");
    for (int i = 0; i < 2; ++i) {
        CHECK(corridor::render::writePng(named.string(), image, 3, corridor::render::TempFile::Named) ==
              corridor::render::TempFile::Named);
        CHECK(corridor::render::readPng(named.string()).width == 2);
    }
    CHECK(std::distance(fs::directory_iterator(f.dir), fs::directory_iterator()) == 5); // no temporary left
}

TEST_CASE("reading a GML file writes nothing beside it")
{
    const Folder f("output_safety_gml");
    const fs::path gml = f.dir / "nodes.gml";
    // No .xsd: that is when GDAL's GML driver guesses a schema and, unless told not to, saves it as nodes.gfs.
    REQUIRE(std::system(("ogr2ogr -f GML -dsco XSISCHEMA=OFF " + quoted(gml) + " " + quoted(kNodes)).c_str()) == 0);
    REQUIRE(!fs::exists(f.dir / "nodes.gfs"));
    const Run info = runCorridor("info " + quoted(gml));
    INFO(info.output);
    CHECK(info.exitCode == 0);
    CHECK(!fs::exists(f.dir / "nodes.gfs"));
    const Run run = runCorridor(exportArgs(gml, f.dir / "out.png"));
    INFO(run.output);
    CHECK(run.exitCode == 0);
    CHECK(!fs::exists(f.dir / "nodes.gfs"));
}
