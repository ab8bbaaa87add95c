// The one-shot meshes of `corridor export` and the viewer's first frame (geo::buildMeshes with an OutputView: only
// the level the image draws, no full-detail level, none finer or coarser) draw the approved golden views as the full pyramid does, within the goldens'
// tolerance, while building a fraction of it.

#include "core/map_sources.hpp"
#include "geo/view_geodesy.hpp"
#include "platform/furniture_content.hpp"
#include "render/bundled_scene.hpp"
#include "render/furniture.hpp"
#include "render/golden.hpp"
#include "render/image.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <vector>

using namespace corridor;

namespace {

struct View {
    core::GeoBox box;
    int width, height;
    const char* golden;
};

// The golden views of label_subjects.test.cpp, looked at and approved there.
const View kViews[] = {
    {{35, 10, 75, 62}, 1920, 1080, "bundled_overview"},
    {{54.5, 25.5, 56.5, 26.6}, 1600, 1000, "bundled_islands"},
    {{48.0, 36.5, 49.8, 38.6}, 1600, 1000, "bundled_rasht_astara"},
    {{45, 36, 56, 48}, 1600, 1000, "bundled_caspian"},
    {{48.6, 38.2, 49.1, 38.6}, 1600, 1000, "bundled_astara"},
};

// The vertices every level of every layer keeps: the work a build did, roughly.
std::size_t keptVertices(const core::MapDocument& doc)
{
    std::size_t n = 0;
    for (const core::MapLayer& l : doc.layers) {
        for (const core::MeshBatch& b : l.mesh.batches) {
            for (const core::MeshLevel& level : b.levels) {
                n += level.vertexCount;
            }
        }
    }
    return n;
}

} // namespace

TEST_CASE("golden: an export's one-shot meshes draw each bundled view as the full pyramid's segments do")
{
    // The reference: every line as segments, no distance fields. An export's fields are made on its own pixels
    // (core::DistanceField::pixelExact) and draw what the segments draw; the viewer's, filtered, draw dense borders
    // a little heavier (the overview's golden, whose pixels differ from these there).
    std::vector<render::Image> references;
    {
        test::BundledScene segments(std::nullopt, test::BundledScene::Lines::SegmentsOnly); // one headless context at a time
        for (const View& v : kViews) {
            references.push_back(segments.draw(geo::frameView(segments.doc, v.box, v.width, v.height)));
        }
    }
    std::size_t viewsWithFields = 0;
    for (const View& v : kViews) {
        CAPTURE(v.golden);
        // As `corridor export` builds them: for this image only (reprojection within 1/32 px, fields' reach).
        test::BundledScene map(geo::OutputView{v.box, double(v.width), double(v.height), std::nullopt, true, 1.0});
        std::size_t exactFields = 0;
        for (const core::MapLayer& l : map.doc.layers) {
            CHECK_MESSAGE(!l.hits, l.title << ": an export needs no identify index");
            for (const core::MeshBatch& b : l.mesh.batches) {
                for (const core::MeshLevel& level : b.levels) {
                    for (const core::DistanceField& f : level.fields) {
                        exactFields += f.pixelExact ? 1 : 0;
                        CHECK(f.pixelExact);
                    }
                }
            }
        }
        const core::Camera camera = geo::frameView(map.doc, v.box, v.width, v.height);
        const render::Image image = map.draw(camera);
        viewsWithFields += exactFields > 0 ? 1 : 0;
        if (exactFields == 0) {
            test::checkGolden(image, v.golden); // nothing drawn differently from the viewer's approved view
        }
        const render::ImageDiff diff = render::compareImages(image, references[static_cast<std::size_t>(&v - kViews)],
                                                             test::GoldenTolerance{}.channel);
        const double share = static_cast<double>(diff.differingPixels) / (static_cast<double>(v.width) * v.height);
        CHECK_MESSAGE(share <= test::GoldenTolerance{}.maxDifferingShare,
                      diff.differingPixels << " pixels differ (" << exactFields << " fields on the image's pixels)");
    }
    CHECK(viewsWithFields > 0); // the overview's dense borders: the comparison reaches the fields
}

TEST_CASE("one-shot meshes keep a fraction of the full pyramid, more for a close view, and frame the data exactly")
{
    test::BundledScene full;
    test::BundledScene overview(geo::OutputView{core::GeoBox{35, 10, 75, 62}, 1920, 1080, std::nullopt});
    test::BundledScene close(geo::OutputView{core::GeoBox{48.6, 38.2, 49.1, 38.6}, 1600, 1000, std::nullopt});
    CHECK(2 * keptVertices(overview.doc) < keptVertices(full.doc));
    CHECK(keptVertices(overview.doc) < keptVertices(close.doc));
    CHECK(keptVertices(close.doc) < keptVertices(full.doc));
    // The big basemap polygons need no full-detail level at the overview (which is most of the build's work).
    for (const core::MapLayer& l : overview.doc.layers) {
        if (l.data.name == "basemap_land" || l.data.name == "basemap_countries") {
            for (const core::MeshBatch& b : l.mesh.batches) {
                CHECK_MESSAGE((b.levels.empty() || b.levels.front().tolerance > 0.0), l.title);
            }
        }
    }
    // The level it draws and nothing else, within half a pixel of that view (core::levelFits).
    const double unitsPerPixel = geo::frameView(overview.doc, core::GeoBox{35, 10, 75, 62}, 1920, 1080).unitsPerPixel;
    for (const core::MapLayer& l : overview.doc.layers) {
        for (const core::MeshBatch& b : l.mesh.batches) {
            CAPTURE(l.title);
            CHECK(b.levels.size() <= 1);
            if (!b.levels.empty()) {
                CHECK(core::levelFits(b.levels[0].tolerance, unitsPerPixel));
            }
        }
    }
    // The data's bounds are the data's, not those of its simplified first level: "fit to data" frames alike.
    for (std::size_t i = 0; i < full.doc.layers.size(); ++i) {
        const core::Bounds a = full.doc.layers[i].mesh.bounds, b = overview.doc.layers[i].mesh.bounds;
        CAPTURE(full.doc.layers[i].title);
        REQUIRE(a.empty() == b.empty());
        if (a.empty()) {
            continue; // a layer that draws nothing (name anchors only)
        }
        CHECK(a.minX == doctest::Approx(b.minX));
        CHECK(a.maxY == doctest::Approx(b.maxY));
    }
}

TEST_CASE("an export lets its layers' coordinates go once built and says what the viewer says of each view")
{
    // The legend, the sources line and the point-of-view note of a view, from the features in it: the viewer finds
    // them with the identify index, an export with what its build found before letting the lon/lat points go.
    const auto load = [](const std::optional<geo::OutputView>& view) {
        core::MapDocument doc = test::bundledDocument();
        geo::buildMeshes(doc, view);
        return doc;
    };
    const core::MapDocument viewer = load(std::nullopt);
    const core::DocumentSources sources = core::loadDocumentSources(viewer);
    const geo::ViewGeodesy geodesy(viewer.viewCrs);
    const core::FurnitureOptions options;
    std::size_t entries = 0, named = 0, disputes = 0;
    for (const View& v : kViews) {
        CAPTURE(v.golden);
        const core::MapDocument shot = load(geo::OutputView{v.box, double(v.width), double(v.height), std::nullopt, true});
        for (const core::MapLayer& l : shot.layers) {
            CAPTURE(l.title);
            CHECK(l.data.coords.empty());
            REQUIRE(l.inView);
            CHECK(l.inView->in.size() == l.data.features.size());
        }
        const render::FurnitureContent a = platform::furnitureContent(
            viewer, geo::frameView(viewer, v.box, v.width, v.height), options, &geodesy, sources, "LCC", "2026-12-05");
        const render::FurnitureContent b = platform::furnitureContent(
            shot, geo::frameOutput(shot, {v.box, double(v.width), double(v.height), std::nullopt}), options, &geodesy, sources, "LCC",
            "2026-12-05");
        CHECK(a.legend == b.legend);
        CHECK(a.sourceNames == b.sourceNames);
        CHECK(a.pointOfView == b.pointOfView);
        entries += b.legend.size();
        named += b.sourceNames.size();
        disputes += b.pointOfView.size();
    }
    CHECK(entries > 10); // the comparison has something to compare
    CHECK(named > 5);
    CHECK(disputes > 0);
}

TEST_CASE("an export's inset draws its polygon layers whole, though the image's meshes keep only what it shows")
{
    // A zoomed-in view gets an inset of the corridor. One image's meshes keep only the features within reach of the
    // view and the inset, and leave out the triangles and segments that neither shows (core::MeshOptions::reach,
    // ::shown): the inset, fitted into its 4:3 box, shows more of the world than the extent it frames (until
    // 2026-12-05 the features there were left out, and the inset's edges were bare). The reference is built with
    // nothing left out: without an initial view at build time nothing is; the view is given back before drawing.
    // Compared within the inset's box (the chunks of a layer built from the features in reach are cut a little
    // differently, which moves a few anti-aliased pixels along the coasts of the main map).
    const core::FurnitureOptions options; // every item that applies
    for (const View& v : {kViews[1], kViews[2], kViews[4]}) {
        CAPTURE(v.golden);
        const geo::OutputView view{v.box, double(v.width), double(v.height), std::nullopt, true, 1.0, true};
        std::optional<render::FurnitureBox> box;
        const auto draw = [&](bool keepAll) {
            platform::HeadlessContext context; // first in, last out
            core::MapDocument doc = test::bundledDocument();
            const std::optional<core::GeoBox> initial = doc.initialView;
            if (keepAll) {
                doc.initialView.reset();
            }
            geo::buildMeshes(doc, view);
            doc.initialView = initial;
            render::MapScene scene;
            scene.load(doc);
            scene.sync(doc);
            const core::Camera camera =
                geo::frameOutput(doc, {v.box, double(v.width), double(v.height), std::nullopt});
            const geo::ViewGeodesy geodesy(doc.viewCrs);
            const render::FurnitureContent content = platform::furnitureContent(
                doc, camera, options, &geodesy, core::loadDocumentSources(doc), "LCC", "2026-12-05");
            const render::OffscreenTarget target(v.width, v.height);
            target.bind();
            scene.render(camera, doc.background);
            render::FurnitureRenderer furniture;
            box = furniture.draw(content, v.width, v.height, scene.renderer, scene.labels.text()).inset;
            return render::Image{v.width, v.height, target.read()};
        };
        const render::Image whole = draw(true);
        const render::Image kept = draw(false);
        REQUIRE(box.has_value()); // the comparison reaches an inset
        const auto crop = [&](const render::Image& image) {
            const int x0 = static_cast<int>(box->x), y0 = static_cast<int>(box->y);
            const int w = static_cast<int>(box->width), h = static_cast<int>(box->height);
            render::Image out{w, h, {}};
            for (int y = y0; y < y0 + h; ++y) {
                const auto row = image.rgba.begin() + (static_cast<std::ptrdiff_t>(y) * image.width + x0) * 4;
                out.rgba.insert(out.rgba.end(), row, row + static_cast<std::ptrdiff_t>(w) * 4);
            }
            return out;
        };
        const render::Image a = crop(kept), b = crop(whole);
        const render::ImageDiff diff = render::compareImages(a, b, test::GoldenTolerance{}.channel);
        const double allowed = test::GoldenTolerance{}.maxDifferingShare * a.width * a.height;
        CHECK_MESSAGE(static_cast<double>(diff.differingPixels) <= allowed,
                      diff.differingPixels << " of the inset's " << a.width * a.height << " pixels differ");
    }
}
