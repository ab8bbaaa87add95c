// --lang on the viewer and on export (issue 10): a bad value is a usage error with one clear message, before
// anything is loaded or written; good values export.

#include "run_command.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace {

using corridor::test::contains;
using corridor::test::Run;
using corridor::test::runCorridor;

using corridor::test::outputPath;

} // namespace

TEST_CASE("--lang with a value other than en, fa or en+fa exits 2 with one message and writes nothing")
{
    const std::string out = outputPath("lang_never.png");
    for (const std::string value : {"de", "FA", "fa+en", "\"\""}) {
        CAPTURE(value);
        const Run run = runCorridor("export --lang " + value + " --size 64x64 --out " + out);
        CHECK(run.exitCode == 2);
        CHECK(contains(run.output, "--lang: "));
        CHECK(contains(run.output, "is not a label language; use en, fa or en+fa"));
        CHECK(!std::filesystem::exists(out));
    }
    // The viewer's option too: refused before any window or display is looked for.
    const Run view = runCorridor("--lang farsi", "env -u DISPLAY -u WAYLAND_DISPLAY");
    CHECK(view.exitCode == 2);
    CHECK(contains(view.output, "--lang: 'farsi' is not a label language; use en, fa or en+fa"));
    CHECK(!contains(view.output, "no display"));
}

TEST_CASE("--lang fa and en+fa export the bundled map, and --help lists the option")
{
    for (const std::string value : {"en", "fa", "en+fa"}) {
        CAPTURE(value);
        const std::string out = outputPath("lang_ok.png");
        const Run run = runCorridor("export --lang " + value + " --bbox 48,36.5,49.8,38.6 --size 320x200 --out " + out);
        INFO(run.output);
        CHECK(run.exitCode == 0);
        CHECK(std::filesystem::exists(out));
    }
    CHECK(contains(runCorridor("export --help").output, "--lang"));
    CHECK(contains(runCorridor("--help").output, "--lang"));
}
