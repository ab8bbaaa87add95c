// The fallback of coarse fill levels (core/mesh.cpp, emitFills). Simplifying an outer ring and its holes one by one
// can make them cross, and the ear clipper's triangles of crossing rings cover the wrong area; such a polygon's fill
// is then made from its full-detail rings simplified at a quarter of the level's tolerance, else a sixteenth, else
// from the full-detail rings themselves. The tests replay what each level simplified (the same
// Douglas–Peucker calls, each level from the previous one at 3/4 of its tolerance), read back from the fill chunk
// which version of each polygon a level draws, and check the area its triangles cover.

#include "core/mesh.hpp"
#include "core/simplify.hpp"
#include "core/tessellate.hpp"

#include "core/polygon_layers.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

using namespace corridor::core;

namespace {

using corridor::test::Polygon;
using corridor::test::Ring;
// Per feature, the rings its fill draws (empty where the outer ring was dropped); and apart, the specks of its holes
// below the level's tolerance, which only its outline draws.
struct Level : std::vector<std::optional<Polygon>> {
    using std::vector<std::optional<Polygon>>::vector;
    std::vector<std::vector<Ring>> specks; // per feature, or none
};

constexpr double kWidth = 10000.0;

// A block kWidth wide whose top edge is a parabolic arch `rise` above `height`, sampled at 129 points: a stretch of
// coast. Each level drops about half of the arch's points, so levels keep coming until it is a few chords.
Ring archedBlock(double bottom, double height, double rise)
{
    Ring ring {{0.0, bottom}, {kWidth, bottom}};
    for (int i = 128; i >= 0; --i) {
        const double x = kWidth * i / 128.0;
        ring.push_back({x, bottom + height + 4.0 * rise * (x / kWidth) * (1.0 - x / kWidth)});
    }
    return ring;
}

Ring rectangle(double x0, double y0, double x1, double y1)
{
    return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
}

// An island 2000 high under a 200-high arch, with a lagoon just under the shore: the shore passes 4 units above the
// lagoon's top corners (the arch is at 2168 at x = 3000 and 7000). At tolerance 4^4 · kWidth/32768 ≈ 19.5 the
// shore is down to chords between x = 0, 2500, 5000, 7500 and 10000, and the chord from (2500, 2150) to
// (5000, 2200) passes x = 3000 at 2160: the lagoon's corner (3000, 2164) pokes out of the island.
Polygon lagoonIsland(double bottom = 0.0)
{
    return {archedBlock(bottom, 2000.0, 200.0), rectangle(3000.0, bottom + 2020.0, 7000.0, bottom + 2164.0)};
}

using corridor::test::fillOnly;
using corridor::test::polygonLayer;

std::size_t vertexCount(const Polygon& polygon)
{
    std::size_t n = 0;
    for (const Ring& r : polygon) {
        n += r.size();
    }
    return n;
}

// The vertices of a level's fills.
std::size_t fillVertexCount(const Level& level)
{
    std::size_t n = 0;
    for (const std::optional<Polygon>& p : level) {
        n += p ? vertexCount(*p) : 0;
    }
    return n;
}

// All the vertices of a level: its fills' and its holes' specks.
std::size_t vertexCount(const Level& level)
{
    std::size_t n = fillVertexCount(level);
    for (const std::vector<Ring>& specks : level.specks) {
        for (const Ring& r : specks) {
            n += r.size();
        }
    }
    return n;
}

double area(const Polygon& polygon)
{
    double a = 0.0;
    for (std::size_t k = 0; k < polygon.size(); ++k) {
        a += (k == 0 ? 1.0 : -1.0) * std::abs(signedArea({polygon[k].data(), polygon[k].size()}));
    }
    return a;
}

double triangleArea(Vec2d a, Vec2d b, Vec2d c)
{
    return std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) * 0.5;
}

// What the ear clipper alone makes of `polygon`: the area its triangles cover.
double triangulatedArea(const Polygon& polygon)
{
    std::vector<RingView> views;
    std::vector<Vec2d> all;
    for (const Ring& r : polygon) {
        views.push_back({r.data(), r.size()});
        all.insert(all.end(), r.begin(), r.end());
    }
    std::vector<std::uint32_t> indices;
    triangulatePolygon(views, indices, 0);
    double a = 0.0;
    for (std::size_t t = 0; t + 2 < indices.size(); t += 3) {
        a += triangleArea(all[indices[t]], all[indices[t + 1]], all[indices[t + 2]]);
    }
    return a;
}

// Even–odd ray cast; the fixtures never put a tested point on a boundary.
bool inside(Vec2d p, const Ring& ring)
{
    bool in = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const Vec2d a = ring[i], b = ring[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y)) {
            in = !in;
        }
    }
    return in;
}

// Whether a hole of `polygon` has a vertex outside its outer ring: the rings cross.
bool holePokesOut(const Polygon& polygon)
{
    for (std::size_t k = 1; k < polygon.size(); ++k) {
        for (const Vec2d& p : polygon[k]) {
            if (!inside(p, polygon[0])) {
                return true;
            }
        }
    }
    return false;
}

// The next level's polygons as the mesh builder simplifies them from the previous level's: an outer ring that
// collapses is a speck without its holes (an islet below the level's resolution); a hole that collapses in an outer
// ring that does not is a speck outside the fill, and stays one.
Level simplifyLevel(const Level& previous, double tolerance)
{
    Level next;
    next.specks.resize(previous.size());
    for (std::size_t f = 0; f < previous.size(); ++f) {
        const std::optional<Polygon>& p = previous[f];
        std::optional<Polygon>& q = next.emplace_back();
        if (!p) {
            continue;
        }
        Ring outer;
        const RingResult kept = simplifyRing((*p)[0], tolerance * 0.75, outer);
        if (kept == RingResult::Dropped) {
            continue;
        }
        q.emplace().push_back(std::move(outer));
        if (kept != RingResult::Simplified) {
            continue;
        }
        for (std::size_t k = 1; k < p->size(); ++k) {
            Ring hole;
            const RingResult result = simplifyRing((*p)[k], tolerance * 0.75, hole);
            if (result == RingResult::Simplified) {
                q->push_back(std::move(hole));
            } else if (result == RingResult::Speck) {
                next.specks[f].push_back(std::move(hole));
            }
        }
        for (const Ring& speck : f < previous.specks.size() ? previous.specks[f] : std::vector<Ring>{}) {
            Ring again;
            REQUIRE(simplifyRing(speck, tolerance * 0.75, again) == RingResult::Speck);
            next.specks[f].push_back(std::move(again));
        }
    }
    return next;
}

enum class Version { Simplified, Finer, Full };

struct Drawn {
    Version version = Version::Simplified;
    Polygon polygon; // the rings the level draws for this feature
    std::size_t triangles = 0;
    double triangleArea = 0.0; // what its triangles cover
};

// What `level` draws for each feature: the simplified polygon or the full-detail one, recognised by the vertices in
// the fill chunk (each drawn polygon's rings in turn, in layer order: the fixtures fit one grid cell and one chunk),
// with the triangles whose indices fall in that polygon's run of vertices.
// The fill a crossing polygon falls back to first: its full-detail rings simplified at `tolerance` (a hole that
// collapses is no ring of it), or nothing when its outer ring collapses.
std::optional<Polygon> finer(const Polygon& full, double tolerance)
{
    Polygon out;
    for (std::size_t k = 0; k < full.size(); ++k) {
        Ring ring;
        if (simplifyRing(full[k], tolerance, ring) == RingResult::Simplified) {
            out.push_back(std::move(ring));
        } else if (k == 0) {
            return std::nullopt;
        }
    }
    return out;
}

std::vector<std::optional<Drawn>> readLevel(
    const MeshLevel& level, const Level& simplified, const std::vector<Polygon>& full)
{
    std::vector<std::optional<Drawn>> drawn(simplified.size());
    if (fillVertexCount(simplified) == 0) {
        CHECK(level.fills.empty());
        return drawn;
    }
    REQUIRE(level.fills.size() == 1);
    const FillChunk& chunk = level.fills[0];
    const std::size_t chunkVertices = chunk.vertices.size() / 2;
    // Vertices are floats relative to the chunk origin: a few ten-thousandths off at these coordinates.
    auto holds = [&](std::size_t at, const Polygon& polygon) {
        if (at + vertexCount(polygon) > chunkVertices) {
            return false;
        }
        for (const Ring& r : polygon) {
            for (const Vec2d& p : r) {
                if (std::abs(chunk.origin.x + chunk.vertices[2 * at] - p.x) > 0.01
                    || std::abs(chunk.origin.y + chunk.vertices[2 * at + 1] - p.y) > 0.01) {
                    return false;
                }
                ++at;
            }
        }
        return true;
    };
    std::vector<std::size_t> runStart;
    std::vector<std::size_t> owner;
    std::vector<Vec2d> points; // the chunk's vertices in double precision
    std::size_t cursor = 0;
    for (std::size_t f = 0; f < simplified.size(); ++f) {
        if (!simplified[f]) {
            continue;
        }
        Drawn d;
        const std::optional<Polygon> quarter = finer(full[f], level.tolerance / 4.0);
        const std::optional<Polygon> sixteenth = finer(full[f], level.tolerance / 16.0);
        if (holds(cursor, *simplified[f])) {
            d.polygon = *simplified[f];
        } else if (quarter && holds(cursor, *quarter)) {
            d.version = Version::Finer;
            d.polygon = *quarter;
        } else if (sixteenth && holds(cursor, *sixteenth)) {
            d.version = Version::Finer;
            d.polygon = *sixteenth;
        } else if (holds(cursor, full[f])) {
            d.version = Version::Full;
            d.polygon = full[f];
        } else {
            FAIL("feature " << f << ": the chunk's vertices at " << cursor << " are neither its simplified polygon ("
                            << vertexCount(*simplified[f]) << " vertices), nor a finer one, nor its full-detail one ("
                            << vertexCount(full[f]) << ")");
        }
        runStart.push_back(cursor);
        owner.push_back(f);
        for (const Ring& r : d.polygon) {
            points.insert(points.end(), r.begin(), r.end());
        }
        cursor += vertexCount(d.polygon);
        drawn[f] = std::move(d);
    }
    CHECK(cursor == chunkVertices);
    REQUIRE(chunk.indices.size() % 3 == 0);
    auto runOf = [&](std::uint32_t index) {
        std::size_t run = 0;
        while (run + 1 < runStart.size() && runStart[run + 1] <= index) {
            ++run;
        }
        return run;
    };
    for (std::size_t t = 0; t < chunk.indices.size(); t += 3) {
        const std::uint32_t a = chunk.indices[t], b = chunk.indices[t + 1], c = chunk.indices[t + 2];
        REQUIRE(a < points.size());
        REQUIRE(b < points.size());
        REQUIRE(c < points.size());
        const std::size_t run = runOf(a);
        CHECK(runOf(b) == run); // a triangle never joins two polygons
        CHECK(runOf(c) == run);
        Drawn& d = *drawn[owner[run]];
        ++d.triangles;
        d.triangleArea += triangleArea(points[a], points[b], points[c]);
    }
    return drawn;
}

// The properties every level must have, whatever it draws: the replay matches the mesh's own simplification, each
// feature the level keeps is drawn (none is lost), and its triangles cover exactly the area of the polygon drawn.
std::vector<std::optional<Drawn>> checkLevel(
    const MeshLevel& level, const Level& simplified, const std::vector<Polygon>& full)
{
    CHECK(level.vertexCount == vertexCount(simplified));
    std::vector<std::optional<Drawn>> drawn = readLevel(level, simplified, full);
    for (std::size_t f = 0; f < simplified.size(); ++f) {
        CAPTURE(f);
        REQUIRE(drawn[f].has_value() == simplified[f].has_value());
        if (drawn[f]) {
            CHECK(drawn[f]->triangles > 0);
            CHECK(drawn[f]->triangleArea == doctest::Approx(area(drawn[f]->polygon)).epsilon(1e-9));
        }
    }
    return drawn;
}

// At a level where the rings cross: the premise (the ear clipper gets the simplified polygon's area wrong, and that
// area differs from the full polygon's, so the versions are told apart), then the fallback itself: a finer version
// whose rings do not cross, else the full-detail one, its triangles covering its area exactly.
void checkFallback(const Drawn& drawn, const Polygon& simplified, const Polygon& full, const MeshLevel& level)
{
    CHECK(triangulatedArea(simplified) != doctest::Approx(area(simplified)).epsilon(1e-3));
    CHECK(area(simplified) != doctest::Approx(area(full)).epsilon(1e-6));
    CHECK(drawn.version != Version::Simplified);
    CHECK(!holePokesOut(drawn.polygon));
    CHECK(drawn.triangleArea == doctest::Approx(area(drawn.polygon)).epsilon(1e-9));
    CHECK(vertexCount(simplified) < vertexCount(drawn.polygon));
    CHECK(vertexCount(drawn.polygon) <= vertexCount(full));
    CHECK(level.fills.at(0).vertices.size() / 2 > level.vertexCount); // more drawn than the level keeps
}

} // namespace

TEST_CASE("a coarse level whose simplified hole pokes out of its outer ring fills that polygon from rings that do not cross")
{
    const std::vector<Polygon> full {lagoonIsland()};
    REQUIRE(!holePokesOut(full[0]));
    const LayerMesh mesh = buildLayerMesh(polygonLayer(full), fillOnly());
    REQUIRE(mesh.batches.size() == 1);
    const std::vector<MeshLevel>& levels = mesh.batches[0].levels;
    REQUIRE(levels.size() >= 2);

    Level simplified {full[0]};
    std::size_t crossings = 0;
    for (std::size_t i = 0; i < levels.size(); ++i) {
        CAPTURE(i);
        CAPTURE(levels[i].tolerance);
        if (i > 0) {
            simplified = simplifyLevel(simplified, levels[i].tolerance);
        }
        const std::vector<std::optional<Drawn>> drawn = checkLevel(levels[i], simplified, full);
        REQUIRE(simplified[0].has_value()); // the island is far larger than any of these tolerances
        if (holePokesOut(*simplified[0])) {
            ++crossings;
            checkFallback(*drawn[0], *simplified[0], full[0], levels[i]);
        } else {
            CHECK(drawn[0]->version == Version::Simplified);
        }
    }
    CHECK(crossings >= 1); // the fixture really makes the rings cross (at tolerance ≈ 19.5)
}

TEST_CASE("a polygon whose simplified rings never cross keeps simplifying: no coarse level falls back")
{
    // The same island, its lake well inside: 300 units under the shore at the least.
    const std::vector<Polygon> full {{archedBlock(0.0, 2000.0, 200.0), rectangle(3000.0, 500.0, 7000.0, 1500.0)}};
    const LayerMesh mesh = buildLayerMesh(polygonLayer(full), fillOnly());
    REQUIRE(mesh.batches.size() == 1);
    const std::vector<MeshLevel>& levels = mesh.batches[0].levels;
    REQUIRE(levels.size() >= 5); // as deep as the level where the lagoon crosses its shore

    Level simplified {full[0]};
    for (std::size_t i = 1; i < levels.size(); ++i) {
        CAPTURE(i);
        CAPTURE(levels[i].tolerance);
        simplified = simplifyLevel(simplified, levels[i].tolerance);
        const std::vector<std::optional<Drawn>> drawn = checkLevel(levels[i], simplified, full);
        if (!simplified[0]) {
            continue;
        }
        CHECK(!holePokesOut(*simplified[0]));
        CHECK(drawn[0]->version == Version::Simplified);
        CHECK(levels[i].fills.at(0).vertices.size() / 2 == fillVertexCount(simplified));
        CHECK(levels[i].vertexCount < vertexCount(full[0]));
    }
}

TEST_CASE("the fallback is per polygon and fills from that polygon's own rings, finer or full-detail")
{
    // An islet and a pond island first. The 2×2 islet is a speck from tolerance 4.9 on, and its 1×1 pond is gone:
    // from there the parts at a coarse level no longer line up with the full-detail ones, and the lagoon island
    // after them must still be found among those. The pond island's 1×1 pond is a speck from tolerance 1.2 on,
    // outlined but left out of the fill. Both lie below the lagoon island within the same width, so the tolerances
    // stay those of the first case.
    const Polygon islet {rectangle(5000.0, -5400.0, 5002.0, -5398.0), rectangle(5000.5, -5399.5, 5001.5, -5398.5)};
    const Polygon pondIsland {archedBlock(-5000.0, 2000.0, 200.0), rectangle(5000.0, -4000.0, 5001.0, -3999.0)};
    const std::vector<Polygon> full {islet, pondIsland, lagoonIsland()};
    const LayerMesh mesh = buildLayerMesh(polygonLayer(full), fillOnly());
    REQUIRE(mesh.batches.size() == 1);
    const std::vector<MeshLevel>& levels = mesh.batches[0].levels;

    Level simplified {full[0], full[1], full[2]};
    std::size_t crossings = 0;
    for (std::size_t i = 1; i < levels.size(); ++i) {
        CAPTURE(i);
        CAPTURE(levels[i].tolerance);
        simplified = simplifyLevel(simplified, levels[i].tolerance);
        const std::vector<std::optional<Drawn>> drawn = checkLevel(levels[i], simplified, full);
        REQUIRE(simplified[0].has_value());
        REQUIRE(simplified[1].has_value());
        REQUIRE(simplified[2].has_value());
        CHECK(drawn[0]->version == Version::Simplified);
        CHECK(drawn[1]->version == Version::Simplified);
        if (holePokesOut(*simplified[2])) {
            ++crossings;
            CHECK(simplified[0]->size() == 1); // the islet's pond is gone: the parts are shifted
            CHECK(simplified[0]->front().size() == 3); // the islet is a speck
            CHECK(simplified[1]->size() == 1);          // the pond island's pond is not filled
            CHECK(simplified.specks[1].size() == 1);    // but outlined
            checkFallback(*drawn[2], *simplified[2], full[2], levels[i]);
        } else {
            CHECK(drawn[2]->version == Version::Simplified);
        }
    }
    CHECK(crossings >= 1);
}

TEST_CASE("a crossing in a large polygon falls back although it is a small share of the polygon's area")
{
    // A 2048-sided island of radius 10^5 with a 300 × 300 lake 10 units inside its shore: once the shore is down to
    // chords the lake pokes out, but the wrong triangles cover only about 10^-4 of the island, a share a loose
    // relative area check (it was 10^-3) lets through.
    Ring shore;
    for (int i = 0; i < 2048; ++i) {
        const double a = 0.0123 + i * 2.0 * 3.141592653589793 / 2048.0;
        shore.push_back({1e5 * std::cos(a), 1e5 * std::sin(a)});
    }
    const double r = 1e5 - 10.0;
    const std::vector<Polygon> full {{shore, rectangle(r - 300.0, -150.0, r, 150.0)}};
    const LayerMesh mesh = buildLayerMesh(polygonLayer(full), fillOnly());
    REQUIRE(mesh.batches.size() == 1);
    const std::vector<MeshLevel>& levels = mesh.batches[0].levels;

    Level simplified {full[0]};
    std::size_t crossings = 0;
    for (std::size_t i = 1; i < levels.size(); ++i) {
        CAPTURE(i);
        simplified = simplifyLevel(simplified, levels[i].tolerance);
        const std::vector<std::optional<Drawn>> drawn = checkLevel(levels[i], simplified, full);
        if (simplified[0] && holePokesOut(*simplified[0])) {
            ++crossings;
            const double error = std::abs(triangulatedArea(*simplified[0]) - area(*simplified[0])) / area(*simplified[0]);
            CHECK(error < 1e-3);
            CHECK(error > 1e-6);
            // The lake is 10 units in: simplified at a quarter of the tolerance the shore no longer reaches it.
            CHECK(drawn[0]->version == Version::Finer);
            CHECK(!holePokesOut(drawn[0]->polygon));
            CHECK(vertexCount(drawn[0]->polygon) < vertexCount(full[0]));
        }
    }
    CHECK(crossings >= 1);
}
