#include "core/mesh.hpp"
#include "core/polygon_layers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <numbers>
#include <optional>
#include <random>
#include <span>

using namespace corridor::core;

namespace {

Layer walkLayer(std::size_t lines, std::size_t vertices, unsigned seed)
{
    Layer layer;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> start(0.0, 2.0e6);
    std::normal_distribution<double> step(0.0, 500.0);
    for (std::size_t l = 0; l < lines; ++l) {
        std::vector<Vec2d> pts{{start(rng), start(rng)}};
        for (std::size_t i = 1; i < vertices; ++i) {
            pts.push_back({pts.back().x + step(rng), pts.back().y + step(rng)});
        }
        Feature f;
        f.id = static_cast<std::int64_t>(l);
        f.type = GeometryType::Line;
        f.firstPart = appendPart(layer, PartRole::Line, pts.data(), pts.size());
        f.partCount = 1;
        layer.features.push_back(f);
    }
    return layer;
}

std::size_t segmentCount(const MeshLevel& level)
{
    std::size_t n = 0;
    for (const LineChunk& c : level.lines) {
        n += c.segmentCount();
    }
    return n;
}

} // namespace

TEST_CASE("line meshes get ever coarser levels whose tolerances grow")
{
    const Layer layer = walkLayer(200, 2000, 5);
    LayerStyle style;
    const LayerMesh mesh = buildLayerMesh(layer, style);
    REQUIRE(mesh.batches.size() == 1);
    const MeshBatch& batch = mesh.batches[0];
    REQUIRE(batch.levels.size() >= 3);
    CHECK(batch.levels[0].tolerance == 0.0);
    CHECK(segmentCount(batch.levels[0]) == 200u * 1999u);
    for (std::size_t i = 1; i < batch.levels.size(); ++i) {
        CHECK(batch.levels[i].tolerance > batch.levels[i - 1].tolerance);
        // thinner, or as thin but drawn as distance fields
        CHECK(batch.levels[i].vertexCount <= batch.levels[i - 1].vertexCount);
        CHECK((batch.levels[i].vertexCount < batch.levels[i - 1].vertexCount || !batch.levels[i].fields.empty()));
    }
    // picking: full detail when zoomed in, the coarsest that stays under half a pixel otherwise
    CHECK(pickLevel(batch, 1e-3) == 0);
    const std::size_t far = pickLevel(batch, 1e9);
    CHECK(far == batch.levels.size() - 1);
    const double upp = batch.levels[1].tolerance * 2.0;
    CHECK(batch.levels[pickLevel(batch, upp)].tolerance <= 0.5 * upp);
}

TEST_CASE("chunks are spatial, bounded in size, and their bounds cover their segments with origins inside")
{
    const Layer layer = walkLayer(100, 3000, 9);
    MeshOptions options;
    options.maxSegmentsPerChunk = 4096;
    options.targetSegmentsPerChunk = 2048;
    const LayerMesh mesh = buildLayerMesh(layer, LayerStyle{}, options);
    const MeshLevel& level = mesh.batches[0].levels[0];
    CHECK(level.lines.size() > 16);
    std::size_t total = 0;
    for (const LineChunk& c : level.lines) {
        CHECK(c.vertices.size() <= 4096);
        total += c.segmentCount();
        CHECK(c.bounds.contains(c.origin));
        Bounds loose = c.bounds; // floats relative to the origin round by a few millimetres
        loose.add(Vec2d{c.bounds.minX - 0.01, c.bounds.minY - 0.01});
        loose.add(Vec2d{c.bounds.maxX + 0.01, c.bounds.maxY + 0.01});
        for (const LineVertex& v : c.vertices) {
            if (v.kind == LineVertex::kDraw) {
                CHECK(loose.contains({c.origin.x + v.x, c.origin.y + v.y}));
            }
        }
        // a chunk covers a small part of the layer, not all of it
        CHECK(c.bounds.width() < 0.6 * layer.bounds.width() + 1e5);
    }
    CHECK(total == 100u * 2999u);
}

TEST_CASE("dash distances run on along each line across chunks")
{
    Layer layer;
    std::vector<Vec2d> pts;
    for (int i = 0; i <= 10; ++i) {
        pts.push_back({i * 1000.0, 0.0});
    }
    Feature f;
    f.type = GeometryType::Line;
    f.firstPart = appendPart(layer, PartRole::Line, pts.data(), pts.size());
    f.partCount = 1;
    layer.features.push_back(f);
    const LayerMesh mesh = buildLayerMesh(layer, LayerStyle{});
    std::vector<float> distances;
    for (const LineChunk& c : mesh.batches[0].levels[0].lines) {
        for (std::size_t i = 0; i + 1 < c.vertices.size(); ++i) {
            if (c.vertices[i].kind == LineVertex::kDraw && c.vertices[i + 1].kind == LineVertex::kDraw) {
                distances.push_back(c.vertices[i].distance); // where segment i starts
            }
        }
    }
    std::sort(distances.begin(), distances.end());
    REQUIRE(distances.size() == 10);
    for (std::size_t i = 0; i < distances.size(); ++i) {
        CHECK(distances[i] == doctest::Approx(1000.0 * i));
    }
}

TEST_CASE("features with NaN coordinates are skipped and counted — invisible symbolizers draw nothing")
{
    Layer layer = walkLayer(3, 10, 1);
    layer.coords[12].x = std::nan("");
    const LayerMesh mesh = buildLayerMesh(layer, LayerStyle{});
    CHECK(mesh.skippedParts == 1);
    CHECK(segmentCount(mesh.batches[0].levels[0]) == 2u * 9u);

    LayerStyle hidden;
    hidden.base.visible = false;
    CHECK(buildLayerMesh(layer, hidden).batches.empty());
}

TEST_CASE("many two-point lines that no tolerance thins do not loop forever")
{
    const Layer layer = walkLayer(5000, 2, 3);
    const LayerMesh mesh = buildLayerMesh(layer, LayerStyle{});
    REQUIRE(mesh.batches.size() == 1);
    CHECK(!mesh.batches[0].levels.empty());
}

namespace {

// Checks every drawn segment of `level` against the lines it came from: the vertex before it in the stream is the
// line's previous vertex (or a Break at a line's open start), the vertex after it the line's next one.
void checkNeighbours(const MeshLevel& level, const std::vector<std::vector<Vec2d>>& lines, bool closed)
{
    // Where each input vertex sits: line and index (the test data has no repeated points).
    auto locate = [&](Vec2d p) {
        for (std::size_t l = 0; l < lines.size(); ++l) {
            for (std::size_t i = 0; i < lines[l].size(); ++i) {
                if (std::abs(lines[l][i].x - p.x) < 0.05 && std::abs(lines[l][i].y - p.y) < 0.05) {
                    return std::pair{l, i};
                }
            }
        }
        FAIL("a stream vertex that is not in the input");
        return std::pair{std::size_t{0}, std::size_t{0}};
    };
    std::size_t segments = 0;
    for (const LineChunk& c : level.lines) {
        const std::vector<LineVertex>& v = c.vertices;
        auto world = [&](std::size_t i) { return Vec2d{c.origin.x + v[i].x, c.origin.y + v[i].y}; };
        auto kind = [&](std::ptrdiff_t i) {
            return i < 0 || i >= static_cast<std::ptrdiff_t>(v.size()) ? LineVertex::kBreak : v[i].kind;
        };
        for (std::size_t i = 0; i + 1 < v.size(); ++i) {
            if (kind(i) != LineVertex::kDraw || kind(i + 1) != LineVertex::kDraw) {
                continue;
            }
            ++segments;
            const auto [l, a] = locate(world(i));
            const std::vector<Vec2d>& line = lines[l];
            const std::size_t n = line.size();
            const std::size_t b = (a + 1) % n;
            CHECK(locate(world(i + 1)) == std::pair{l, b});
            const bool hasBefore = closed || a > 0;
            const bool hasAfter = closed || b + 1 < n;
            if (hasBefore) {
                REQUIRE(kind(static_cast<std::ptrdiff_t>(i) - 1) != LineVertex::kBreak);
                CHECK(locate(world(i - 1)) == std::pair{l, (a + n - 1) % n});
            } else {
                CHECK(kind(static_cast<std::ptrdiff_t>(i) - 1) == LineVertex::kBreak);
            }
            if (hasAfter) {
                REQUIRE(kind(static_cast<std::ptrdiff_t>(i) + 2) != LineVertex::kBreak);
                CHECK(locate(world(i + 2)) == std::pair{l, (b + 1) % n});
            } else {
                CHECK(kind(static_cast<std::ptrdiff_t>(i) + 2) == LineVertex::kBreak);
            }
        }
    }
    std::size_t expected = 0;
    for (const std::vector<Vec2d>& l : lines) {
        expected += closed ? l.size() : l.size() - 1;
    }
    CHECK(segments == expected);
}

} // namespace

TEST_CASE("line streams carry each segment's neighbours across chunk cuts, so joins there look whole")
{
    const Layer layer = walkLayer(6, 400, 21);
    std::vector<std::vector<Vec2d>> lines;
    for (const Part& p : layer.parts) {
        lines.emplace_back(layer.coords.begin() + p.first, layer.coords.begin() + p.first + p.count);
    }
    MeshOptions options;
    options.maxSegmentsPerChunk = 64;
    options.targetSegmentsPerChunk = 32;
    const LayerMesh mesh = buildLayerMesh(layer, LayerStyle{}, options);
    const MeshLevel& level = mesh.batches[0].levels[0];
    REQUIRE(level.lines.size() > 20); // the walks really are cut many times
    checkNeighbours(level, lines, false);
}

TEST_CASE("ring outlines close with a join, not two caps")
{
    Layer layer;
    std::vector<std::vector<Vec2d>> rings;
    for (int k = 0; k < 3; ++k) {
        std::vector<Vec2d> ring;
        for (int i = 0; i < 40; ++i) {
            const double a = i * 2.0 * 3.141592653589793 / 40.0;
            ring.push_back({k * 5000.0 + 1000.0 * std::cos(a), 1000.0 * std::sin(a)});
        }
        std::vector<Vec2d> closedRing = ring;
        closedRing.push_back(ring.front()); // as GeoJSON writes it
        Feature f;
        f.type = GeometryType::Polygon;
        f.firstPart = appendPart(layer, PartRole::OuterRing, closedRing.data(), closedRing.size());
        f.partCount = 1;
        layer.features.push_back(f);
        rings.push_back(ring);
    }
    LayerStyle style;
    style.base.strokeWidth = 2.0f;
    MeshOptions options;
    options.maxSegmentsPerChunk = 16;
    options.targetSegmentsPerChunk = 8;
    const LayerMesh mesh = buildLayerMesh(layer, style, options);
    checkNeighbours(mesh.batches[0].levels[0], rings, true);
}

TEST_CASE("random walks that no simplification thins get coarse levels of distance fields — dashed lines do not")
{
    // Steps of 500 m: at every tolerance below the step, Douglas–Peucker keeps nearly every vertex.
    const Layer layer = walkLayer(60, 3000, 17);
    LayerStyle style;
    style.base.strokeWidth = 1.5f;
    const LayerMesh mesh = buildLayerMesh(layer, style);
    const MeshBatch& batch = mesh.batches.at(0);
    std::size_t fields = 0;
    for (std::size_t i = 0; i < batch.levels.size(); ++i) {
        fields += batch.levels[i].fields.size();
        if (i > 0) { // every coarse level draws far fewer segments than the one before
            CHECK(batch.levels[i].tolerance > batch.levels[i - 1].tolerance);
        }
        for (const DistanceField& f : batch.levels[i].fields) {
            CHECK(f.texel == doctest::Approx(4.0 * batch.levels[i].tolerance));
            CHECK(f.distance.size() == static_cast<std::size_t>(f.width) * static_cast<std::size_t>(f.height));
        }
    }
    CHECK(batch.levels[0].fields.empty()); // full detail stays vector
    CHECK(fields > 0);

    LayerStyle dashed = style;
    dashed.base.dash = {4.0f, 2.0f};
    // Held in locals: a range-for over a member of a temporary reads freed memory.
    const LayerMesh dashedMesh = buildLayerMesh(layer, dashed);
    for (const MeshLevel& l : dashedMesh.batches.at(0).levels) {
        CHECK(l.fields.empty());
    }
    MeshOptions off;
    off.fieldDensity = 0;
    const LayerMesh offMesh = buildLayerMesh(layer, style, off);
    for (const MeshLevel& l : offMesh.batches.at(0).levels) {
        CHECK(l.fields.empty());
    }
}

namespace {

// Every drawn array of two levels equal, bit for bit.
void checkSameLevel(const MeshLevel& x, const MeshLevel& y)
{
    CHECK(x.tolerance == y.tolerance);
    CHECK(x.vertexCount == y.vertexCount);
    REQUIRE(x.fills.size() == y.fills.size());
    for (std::size_t c = 0; c < x.fills.size(); ++c) {
        CHECK(x.fills[c].vertices == y.fills[c].vertices);
        CHECK(x.fills[c].indices == y.fills[c].indices);
    }
    for (const auto& [p, q] : {std::pair{&x.lines, &y.lines}, std::pair{&x.fringe, &y.fringe}}) {
        REQUIRE(p->size() == q->size());
        for (std::size_t c = 0; c < p->size(); ++c) {
            REQUIRE((*p)[c].vertices.size() == (*q)[c].vertices.size());
            CHECK(std::equal((*p)[c].vertices.begin(), (*p)[c].vertices.end(), (*q)[c].vertices.begin(),
                             [](const LineVertex& u, const LineVertex& v) {
                                 return u.x == v.x && u.y == v.y && u.distance == v.distance && u.kind == v.kind;
                             }));
        }
    }
    REQUIRE(x.fields.size() == y.fields.size());
    for (std::size_t c = 0; c < x.fields.size(); ++c) {
        CHECK(x.fields[c].distance == y.fields[c].distance);
    }
}

// Every drawn array of two meshes equal, bit for bit.
void checkSameMesh(const LayerMesh& a, const LayerMesh& b)
{
    REQUIRE(a.batches.size() == b.batches.size());
    CHECK(a.issues.size() == b.issues.size());
    for (std::size_t i = 0; i < a.batches.size(); ++i) {
        REQUIRE(a.batches[i].levels.size() == b.batches[i].levels.size());
        for (std::size_t l = 0; l < a.batches[i].levels.size(); ++l) {
            CAPTURE(l);
            checkSameLevel(a.batches[i].levels[l], b.batches[i].levels[l]);
        }
    }
}

} // namespace

TEST_CASE("a big layer's mesh is the same built on one thread or spread over several")
{
    // Big enough that simplification is cut into runs, and with many fill cells and dense chunks.
    const Layer lines = walkLayer(600, 1000, 11);
    std::vector<corridor::test::Polygon> polygons;
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> centre(0.0, 4.0e6), wiggle(0.95, 1.05);
    for (int k = 0; k < 2500; ++k) {
        const Vec2d c{centre(rng), centre(rng)};
        corridor::test::Ring outer, hole;
        for (int i = 0; i < 200; ++i) {
            const double a = 2 * M_PI * i / 200;
            outer.push_back({c.x + 20000 * wiggle(rng) * std::cos(a), c.y + 20000 * wiggle(rng) * std::sin(a)});
        }
        for (int i = 0; i < 40; ++i) {
            const double a = -2 * M_PI * i / 40;
            hole.push_back({c.x + 5000 * std::cos(a), c.y + 5000 * std::sin(a)});
        }
        polygons.push_back({outer, hole});
    }
    // And islets 80 across with ponds: specks with their ponds gone from the first coarse level on (tolerance about
    // 500). The big polygons' holes, 10000 across, are specks in outer rings still drawn whole at about 8000.
    for (int k = 0; k < 3000; ++k) {
        const Vec2d c{centre(rng), centre(rng)};
        corridor::test::Ring islet, pond;
        for (int i = 0; i < 9; ++i) {
            const double a = 2 * M_PI * i / 9;
            islet.push_back({c.x + 40 * wiggle(rng) * std::cos(a), c.y + 40 * wiggle(rng) * std::sin(a)});
        }
        for (int i = 0; i < 4; ++i) {
            const double a = -2 * M_PI * i / 4;
            pond.push_back({c.x + 10 * std::cos(a), c.y + 10 * std::sin(a)});
        }
        polygons.push_back({islet, pond});
    }
    const Layer areas = corridor::test::polygonLayer(polygons);
    REQUIRE(areas.coords.size() > (std::size_t{1} << 19));
    LayerStyle filled;
    filled.base.fill = Color{0.2f, 0.5f, 0.8f, 1.0f};
    for (const Layer* layer : {&lines, &areas}) {
        MeshOptions one;
        one.threads = 1;
        MeshOptions several;
        several.threads = 4;
        const LayerMesh a = buildLayerMesh(*layer, filled, one);
        const LayerMesh b = buildLayerMesh(*layer, filled, several);
        REQUIRE(!a.batches.empty());
        CHECK(a.batches[0].levels.size() > 2);
        checkSameMesh(a, b);
        // And so is a one-shot build starting coarse.
        one.startTolerance = several.startTolerance = 2000.0;
        checkSameMesh(buildLayerMesh(*layer, filled, one), buildLayerMesh(*layer, filled, several));
    }
    // A build of one level simplifies lines and unfilled outlines over the data's own points (no copy of them), in
    // runs on several threads: its level is the first of a pyramid starting there, which simplifies into a copy.
    // And lines that return to their start after lines of one point drawn as nothing: the streams written over the
    // points must still see where each line starts once the lines before it have moved down onto it.
    Layer loops;
    for (int k = 0; k < 400; ++k) {
        const double x = 5000.0 * k, y = 3000.0 * (k % 7);
        const std::vector<Vec2d> dot{{x, y}, {x, y}};
        const std::vector<Vec2d> loop{{x, y}, {x + 4e4, y}, {x + 4e4, y + 4e4}, {x, y + 4e4}, {x, y}};
        for (const std::vector<Vec2d>* part : {&dot, &loop}) {
            Feature f;
            f.id = static_cast<std::int64_t>(loops.features.size());
            f.type = GeometryType::Line;
            f.firstPart = appendPart(loops, PartRole::Line, part->data(), part->size());
            f.partCount = 1;
            loops.features.push_back(f);
        }
    }
    LayerStyle outlined;
    outlined.base.fill = Color{0.0f, 0.0f, 0.0f, 0.0f};
    outlined.base.stroke = Color{0.1f, 0.1f, 0.1f, 1.0f};
    outlined.base.strokeWidth = 1.0f;
    for (const Layer* layer : std::initializer_list<const Layer*>{&lines, &areas, &loops}) {
        MeshOptions pyramid;
        pyramid.threads = 4;
        pyramid.startTolerance = 2000.0;
        pyramid.maxLevels = 2;
        MeshOptions oneLevel = pyramid;
        oneLevel.maxLevels = 1;
        const LayerMesh a = buildLayerMesh(*layer, outlined, pyramid);
        const LayerMesh b = buildLayerMesh(*layer, outlined, oneLevel);
        REQUIRE(a.batches.size() == 1);
        REQUIRE(b.batches.size() == 1);
        REQUIRE(!a.batches[0].levels.empty());
        REQUIRE(b.batches[0].levels.size() == 1);
        checkSameLevel(a.batches[0].levels[0], b.batches[0].levels[0]);
    }
}

TEST_CASE("a name with no marker at several points offers its further points to the label placer, a marker does not")
{
    Layer layer;
    layer.fields.push_back({"label", FieldType::String});
    const std::vector<Vec2d> points{{0, 0}, {5000, 8000}, {-3000, 2000}};
    Feature f;
    f.id = 0;
    f.type = GeometryType::Point;
    f.firstPart = static_cast<std::uint32_t>(layer.parts.size());
    for (const Vec2d& p : points) {
        appendPart(layer, PartRole::Point, &p, 1);
    }
    f.partCount = static_cast<std::uint32_t>(points.size());
    f.values.push_back(std::string("Caspian Sea"));
    layer.features.push_back(f);

    LayerStyle names;
    names.base.labelField = "label";
    names.base.markerSize = 0.0f;
    const LayerMesh named = buildLayerMesh(layer, names);
    REQUIRE(named.labels.size() == 1);
    CHECK(named.labels[0].kind == LabelSource::Kind::Point);
    CHECK(named.labels[0].anchor.x == 0.0);
    REQUIRE(named.labels[0].path.size() == 2);
    CHECK(named.labels[0].path[0].x == 5000.0);
    CHECK(named.labels[0].path[1].y == 2000.0);

    LayerStyle markers = names;
    markers.base.markerSize = 8.0f;
    const LayerMesh marked = buildLayerMesh(layer, markers);
    REQUIRE(marked.labels.size() == 1);
    CHECK(marked.labels[0].path.empty());
}

TEST_CASE("a layer knows when two of its outlined areas share a vertex, across batches too")
{
    using corridor::test::polygonLayer;
    const auto square = [](double x, double y) {
        return corridor::test::Polygon{{{x, y}, {x + 1, y}, {x + 1, y + 1}, {x, y + 1}, {x, y}}};
    };
    LayerStyle outlined;
    outlined.base.fill = Color{0.9f, 0.9f, 0.9f, 1.0f};
    outlined.base.stroke = Color{0.2f, 0.2f, 0.2f, 1.0f};
    outlined.base.strokeWidth = 1.0f;
    // Neighbours (a common edge), and the same squares apart.
    CHECK(buildLayerMesh(polygonLayer({square(0, 0), square(1, 0)}), outlined).sharedOutlines);
    CHECK_FALSE(buildLayerMesh(polygonLayer({square(0, 0), square(2, 0)}), outlined).sharedOutlines);
    // One ring's own closing vertex is no neighbour; a fill without outlines needs nothing.
    CHECK_FALSE(buildLayerMesh(polygonLayer({square(0, 0)}), outlined).sharedOutlines);
    CHECK_FALSE(buildLayerMesh(polygonLayer({square(0, 0), square(1, 0)}), corridor::test::fillOnly()).sharedOutlines);

    // Neighbours styled apart by a rule (an INSTC member and the country next to it) are in two batches.
    Layer layer = polygonLayer({square(0, 0), square(1, 0)});
    layer.fields.push_back({"member", FieldType::String});
    layer.features[0].values = {AttrValue{std::string("yes")}};
    layer.features[1].values = {AttrValue{std::string("no")}};
    LayerStyle ruled = outlined;
    StyleRule members;
    members.when = {{"member", {"yes"}}};
    members.patch = outlined.base;
    members.patch.fill = Color{0.9f, 0.8f, 0.6f, 1.0f};
    members.sets = {"fill"};
    ruled.rules.push_back(members);
    const LayerMesh mesh = buildLayerMesh(layer, ruled);
    CHECK(mesh.batches.size() == 2);
    CHECK(mesh.sharedOutlines);
}

namespace {

// Vertices of `level` inside `box` (widened by `margin` for the float offsets from the chunk origins): the drawn ones
// of its line chunks, and those of its fill chunks.
std::size_t lineVerticesIn(const MeshLevel& level, const Bounds& box, double margin)
{
    std::size_t n = 0;
    for (const LineChunk& c : level.lines) {
        for (const LineVertex& v : c.vertices) {
            const double x = c.origin.x + v.x, y = c.origin.y + v.y;
            n += v.kind == LineVertex::kDraw && x >= box.minX - margin && x <= box.maxX + margin &&
                 y >= box.minY - margin && y <= box.maxY + margin;
        }
    }
    return n;
}

std::size_t fillVerticesIn(const MeshLevel& level, const Bounds& box, double margin)
{
    std::size_t n = 0;
    for (const FillChunk& c : level.fills) {
        for (std::size_t i = 0; i + 1 < c.vertices.size(); i += 2) {
            const double x = c.origin.x + c.vertices[i], y = c.origin.y + c.vertices[i + 1];
            n += x >= box.minX - margin && x <= box.maxX + margin && y >= box.minY - margin && y <= box.maxY + margin;
        }
    }
    return n;
}

Bounds boundsOf(const std::vector<Vec2d>& ring)
{
    Bounds b;
    for (const Vec2d& p : ring) {
        b.add(p);
    }
    return b;
}

} // namespace

TEST_CASE("an islet and a lake below a coarse level's tolerance are specks there, and the islet's pond is gone")
{
    using corridor::test::Ring;
    // An island 10^5 across (a 4096-gon, which keeps the levels coming) with a lake 20 across in its middle, and an
    // islet 30 across east of it with a 6×6 pond.
    Ring shore;
    for (int i = 0; i < 4096; ++i) {
        const double a = 2 * M_PI * i / 4096;
        shore.push_back({50000 + 50000 * std::cos(a), 50000 + 50000 * std::sin(a)});
    }
    const Ring lake{{49990, 49990}, {50005, 49992}, {50010, 50000}, {50004, 50010}, {49994, 50008}, {49990, 50000}};
    const Ring islet{{120000, 50000}, {120012, 49998}, {120025, 50003}, {120030, 50010},
                     {120022, 50018}, {120010, 50020}, {120002, 50012}};
    const Ring pond{{120010, 50006}, {120016, 50006}, {120016, 50012}, {120010, 50012}};
    const Layer layer = corridor::test::polygonLayer({{shore, lake}, {islet, pond}});
    LayerStyle style;
    style.base.fill = Color{0.85f, 0.85f, 0.85f, 1.0f};
    style.base.strokeWidth = 1.0f;
    MeshOptions options;
    options.fieldDensity = 0; // outlines stay line chunks, which the test reads
    const LayerMesh mesh = buildLayerMesh(layer, style, options);
    REQUIRE(mesh.batches.size() == 1);
    const std::vector<MeshLevel>& levels = mesh.batches[0].levels;
    const Bounds isletBox = boundsOf(islet), lakeBox = boundsOf(lake);

    // Full detail: every ring whole, the outlines closed (7 + 1 for the islet, 4 + 1 for its pond).
    REQUIRE(levels.size() >= 3);
    CHECK(lineVerticesIn(levels[0], isletBox, 1.0) == 13);
    CHECK(fillVerticesIn(levels[0], isletBox, 1.0) == 11);
    CHECK(lineVerticesIn(levels[0], lakeBox, 1.0) == 7);

    // The first level simplified with more than the islet's width (3/4 of the level's tolerance): the islet is a
    // triangle of its own points, outlined and filled, its pond gone; the lake in the island drawn whole is a
    // triangle outlined, not filled (a fraction of a pixel of fill). The old simplification left both out: no ink
    // where the peers draw two dots.
    const auto coarse =
        std::find_if(levels.begin(), levels.end(), [](const MeshLevel& l) { return 0.75 * l.tolerance > 30.0; });
    REQUIRE(coarse != levels.end());
    CAPTURE(coarse->tolerance);
    CHECK(lineVerticesIn(*coarse, isletBox, 1.0) == 4);
    CHECK(fillVerticesIn(*coarse, isletBox, 1.0) == 3);
    CHECK(lineVerticesIn(*coarse, lakeBox, 1.0) == 4);
    CHECK(fillVerticesIn(*coarse, lakeBox, 1.0) == 0);
    // Every coarser level keeps the islet's speck (a level is simplified from the one before it).
    for (auto l = coarse; l != levels.end(); ++l) {
        CAPTURE(l->tolerance);
        CHECK(lineVerticesIn(*l, isletBox, 1.0) == 4);
    }
}

TEST_CASE("a layer handed over to the mesh build has its coordinates freed and gives the same mesh")
{
    const Layer layer = walkLayer(40, 500, 9);
    LayerStyle style;
    style.base.stroke = Color{0.0f, 0.0f, 0.0f, 1.0f};
    style.base.strokeWidth = 1.0f;
    const LayerMesh kept = buildLayerMesh(layer, style);
    Layer copy = layer;
    const LayerMesh given = buildLayerMesh(std::move(copy), style);
    CHECK(copy.coords.empty()); // NOLINT(bugprone-use-after-move): freeing them is what the overload is for
    REQUIRE(given.batches.size() == kept.batches.size());
    REQUIRE(given.batches[0].levels.size() == kept.batches[0].levels.size());
    for (std::size_t i = 0; i < kept.batches[0].levels.size(); ++i) {
        CHECK(segmentCount(given.batches[0].levels[i]) == segmentCount(kept.batches[0].levels[i]));
        CHECK(given.batches[0].levels[i].vertexCount == kept.batches[0].levels[i].vertexCount);
    }
    CHECK(given.inputVertices == kept.inputVertices);
}

TEST_CASE("a mesh for one image's reach leaves out the features outside it, keeps the whole layer's levels and bounds")
{
    // 400 walks over a 2000 km square; the reach a quarter of it in the south-west. The one-shot levels must be
    // those the whole layer's pyramid has there (same tolerances, from the whole layer's extent), its bounds the
    // whole layer's (framing, the inset), and only the walks that come within reach drawn.
    const Layer layer = walkLayer(400, 500, 23);
    LayerStyle style;
    MeshOptions whole;
    whole.startTolerance = 600.0;
    whole.maxLevels = 1;
    MeshOptions reached = whole;
    reached.reach = {0.0, 0.0, 1.0e6, 1.0e6};
    const LayerMesh all = buildLayerMesh(layer, style, whole);
    const LayerMesh some = buildLayerMesh(layer, style, reached);
    CHECK(some.bounds.minX == all.bounds.minX);
    CHECK(some.bounds.maxY == all.bounds.maxY);
    REQUIRE(all.batches.size() == 1);
    REQUIRE(some.batches.size() == 1);
    REQUIRE(all.batches[0].levels.size() == 1);
    REQUIRE(some.batches[0].levels.size() == 1);
    const MeshLevel& a = all.batches[0].levels[0];
    const MeshLevel& s = some.batches[0].levels[0];
    CHECK(s.tolerance == a.tolerance);
    CHECK(s.tolerance > 0.0);
    // About a quarter of the walks, and more than none: those crossing into reach come whole.
    CHECK(s.vertexCount * 2 < a.vertexCount);
    CHECK(s.vertexCount * 8 > a.vertexCount);
    std::size_t within = 0, expected = 0;
    for (const Feature& f : layer.features) {
        Bounds b;
        const Part& part = layer.parts[f.firstPart];
        for (const Vec2d& p : std::span(layer.coords.data() + part.first, part.count)) {
            b.add(p);
        }
        expected += b.intersects(reached.reach) ? 1 : 0;
    }
    // What the level draws, as segments or as fields (whose bounds reach a few texels past their lines).
    std::vector<Bounds> pieces;
    for (const LineChunk& c : s.lines) {
        pieces.push_back(c.bounds);
    }
    for (const DistanceField& f : s.fields) {
        pieces.push_back(f.bounds);
    }
    CHECK(expected > 0);
    CHECK(expected < layer.features.size() / 2);
    for (const Bounds& b : pieces) {
        within += b.intersects(reached.reach) ? 1 : 0;
    }
    CHECK(within > 0); // the reach's walks are there…
    // …and a walk that never comes near is not: nothing is drawn beyond the walks that come within reach.
    Bounds reachedWalks;
    for (const Feature& f : layer.features) {
        Bounds b;
        const Part& part = layer.parts[f.firstPart];
        for (const Vec2d& p : std::span(layer.coords.data() + part.first, part.count)) {
            b.add(p);
        }
        if (b.intersects(reached.reach)) {
            reachedWalks.add(b);
        }
    }
    // A field's room around its lines: kFieldReach + 1 texels of 4 tolerances, and one more for its whole texels.
    const double pad = 6.0 * 4.0 * s.tolerance;
    for (const Bounds& b : pieces) {
        CHECK(b.minX >= reachedWalks.minX - pad);
        CHECK(b.maxX <= reachedWalks.maxX + pad);
        CHECK(b.maxY <= reachedWalks.maxY + pad);
    }
}

TEST_CASE("one image finer than the pyramid's finest simplified level is simplified at its own half pixel")
{
    // A wiggly island 2000 km across: the pyramid's tolerances start at its extent / 32768, about 61 m. An image of
    // 60 m pixels asks for 30 m: the viewer's first frame draws the full detail there (its pyramid has no level so
    // fine), one export simplifies at a quarter of the image's pixel, 15 m.
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> wiggle(-10.0, 10.0);
    corridor::test::Ring ring;
    for (int i = 0; i < 40000; ++i) {
        const double a = 2 * M_PI * i / 40000;
        ring.push_back({1.0e6 * std::cos(a) + wiggle(rng), 1.0e6 * std::sin(a) + wiggle(rng)});
    }
    const Layer layer = corridor::test::polygonLayer({{ring}});
    LayerStyle style;
    style.base.fill = Color{0.2f, 0.5f, 0.8f, 1.0f};
    MeshOptions viewer;
    viewer.startTolerance = 30.0;
    viewer.maxLevels = 1;
    MeshOptions image = viewer;
    image.imageUnitsPerPixel = 60.0;
    const LayerMesh first = buildLayerMesh(layer, style, viewer);
    const LayerMesh once = buildLayerMesh(layer, style, image);
    REQUIRE(first.batches.size() == 1);
    REQUIRE(once.batches.size() == 1);
    REQUIRE(first.batches[0].levels.size() == 1);
    REQUIRE(once.batches[0].levels.size() == 1);
    const MeshLevel& full = first.batches[0].levels[0];
    const MeshLevel& coarse = once.batches[0].levels[0];
    CHECK(full.tolerance == 0.0);
    CHECK(full.vertexCount == layer.coords.size());
    CHECK(coarse.tolerance == 15.0);
    CHECK(coarse.vertexCount * 2 < layer.coords.size()); // noise of ±10 m under 11.25 m of Douglas–Peucker: most go
    CHECK(coarse.vertexCount > 1000);                     // and the island is still a wiggly one
    // Filled whole: its triangles cover about the disc's area.
    CHECK(corridor::test::fillCover(coarse) == doctest::Approx(M_PI * 1.0e12).epsilon(1e-3));
}

namespace {

// A drawn segment of a line stream and the vertices before and after it, as the line shader reads them (a break,
// or the stream's end, is none), in world units.
struct StreamSegment {
    Vec2d a, b;
    std::optional<Vec2d> before, after;
};

std::vector<StreamSegment> streamSegments(const MeshLevel& level)
{
    std::vector<StreamSegment> out;
    for (const LineChunk& c : level.lines) {
        const auto& v = c.vertices;
        const auto at = [&](std::size_t i) { return Vec2d{c.origin.x + v[i].x, c.origin.y + v[i].y}; };
        for (std::size_t k = 0; k + 1 < v.size(); ++k) {
            if (v[k].kind != LineVertex::kDraw || v[k + 1].kind != LineVertex::kDraw) {
                continue;
            }
            StreamSegment s{at(k), at(k + 1), std::nullopt, std::nullopt};
            if (k > 0 && v[k - 1].kind != LineVertex::kBreak) {
                s.before = at(k - 1);
            }
            if (k + 2 < v.size() && v[k + 2].kind != LineVertex::kBreak) {
                s.after = at(k + 2);
            }
            out.push_back(s);
        }
    }
    return out;
}

bool near(Vec2d p, Vec2d q) { return std::abs(p.x - q.x) < 1e-3 && std::abs(p.y - q.y) < 1e-3; }
bool near(const std::optional<Vec2d>& p, const std::optional<Vec2d>& q)
{
    return p.has_value() == q.has_value() && (!p || near(*p, *q));
}

bool whollyOutside(std::initializer_list<Vec2d> points, const Bounds& box)
{
    const auto all = [&](auto test) { return std::all_of(points.begin(), points.end(), test); };
    return all([&](Vec2d p) { return p.x < box.minX; }) || all([&](Vec2d p) { return p.x > box.maxX; }) ||
           all([&](Vec2d p) { return p.y < box.minY; }) || all([&](Vec2d p) { return p.y > box.maxY; });
}

} // namespace

TEST_CASE("one image's mesh leaves out what it cannot show, and the segments next to that keep their joins")
{
    // A wiggly disc 2000 units across, filled and outlined 4 px wide (miter limit 2) at 1 unit a pixel; the image
    // shows a strip across its west side. Margin: 2 px half width x 2 + 2 px = 6 units for the lines, 1 for fills.
    Layer layer;
    std::vector<Vec2d> ring;
    for (int i = 0; i < 2000; ++i) {
        const double a = i * 2.0 * std::numbers::pi / 2000.0, r = 1000.0 + 30.0 * std::sin(37.0 * a);
        ring.push_back({r * std::cos(a), r * std::sin(a)});
    }
    Feature f;
    f.type = GeometryType::Polygon;
    f.firstPart = appendPart(layer, PartRole::OuterRing, ring.data(), ring.size());
    f.partCount = 1;
    layer.features.push_back(f);
    LayerStyle style;
    style.base.fill = Color{0.5f, 0.5f, 0.5f, 1.0f};
    style.base.strokeWidth = 4.0f;
    style.base.miterLimit = 2.0f;
    MeshOptions whole;
    whole.maxSegmentsPerChunk = 256; // many chunks, some cut by the image's edge
    whole.targetSegmentsPerChunk = 128;
    whole.imageUnitsPerPixel = 1.0;
    MeshOptions one = whole;
    one.shown = {-1500.0, -300.0, -400.0, 300.0};
    const Bounds linesShown{-1506.0, -306.0, -394.0, 306.0}, fillsShown{-1501.0, -301.0, -399.0, 301.0};
    const LayerMesh all = buildLayerMesh(layer, style, whole);
    const LayerMesh some = buildLayerMesh(layer, style, one);
    REQUIRE(some.batches.size() == 1);
    REQUIRE(some.batches[0].levels.size() == all.batches[0].levels.size());
    for (std::size_t l = 0; l < all.batches[0].levels.size(); ++l) {
        CAPTURE(l);
        const MeshLevel& a = all.batches[0].levels[l];
        const MeshLevel& s = some.batches[0].levels[l];
        const std::vector<StreamSegment> full = streamSegments(a), kept = streamSegments(s);
        // Every segment that reaches the image is there, with the neighbours it had in the whole ring; no other is.
        std::size_t shown = 0;
        for (const StreamSegment& w : full) {
            if (whollyOutside({w.a, w.b}, linesShown)) {
                continue;
            }
            ++shown;
            const auto same = std::find_if(kept.begin(), kept.end(),
                                           [&](const StreamSegment& k) { return near(k.a, w.a) && near(k.b, w.b); });
            REQUIRE(same != kept.end());
            CHECK(near(same->before, w.before));
            CHECK(near(same->after, w.after));
        }
        CHECK(kept.size() == shown);
        CHECK(shown > 0);
        if (full.size() >= 100) { // the detailed levels (the coarsest have a handful of segments)
            CHECK(shown * 3 < full.size());
        }
        for (const LineChunk& c : s.lines) {
            CHECK(c.bounds.intersects(linesShown)); // bounds of what is left: culled as tightly as it can be
        }
        // Fills: the triangles that reach the image, and only they.
        std::size_t triangles = 0, reaching = 0, kept3 = 0;
        for (const auto* level : {&a, &s}) {
            for (const FillChunk& c : level->fills) {
                for (std::size_t t = 0; t + 2 < c.indices.size(); t += 3) {
                    const auto at = [&](std::size_t k) {
                        const std::uint32_t i = c.indices[t + k];
                        return Vec2d{c.origin.x + c.vertices[2 * i], c.origin.y + c.vertices[2 * i + 1]};
                    };
                    const bool out = whollyOutside({at(0), at(1), at(2)}, fillsShown);
                    if (level == &a) {
                        ++triangles;
                        reaching += out ? 0 : 1;
                    } else {
                        CHECK_FALSE(out);
                        ++kept3;
                    }
                }
            }
        }
        CHECK(kept3 == reaching);
        CHECK(reaching > 0);
        if (triangles >= 100) {
            CHECK(reaching * 2 < triangles);
        }
    }
}
