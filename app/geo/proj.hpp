#pragma once
// PROJ wrappers: RAII context and transformer. A ProjContext and the Transformers made from it belong to one
// thread; make one context per thread. Network access (PROJ CDN grids) is off.

#include "core/geometry.hpp"

#include <memory>
#include <span>
#include <stdexcept>
#include <string>

struct pj_ctx;
struct PJconsts;

namespace corridor::geo {

class ProjError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ProjContext {
public:
    ProjContext();
    ~ProjContext();
    ProjContext(const ProjContext&) = delete;
    ProjContext& operator=(const ProjContext&) = delete;
    ProjContext(ProjContext&& other) noexcept;
    ProjContext& operator=(ProjContext&& other) noexcept;

    pj_ctx* get() const { return m_ctx; }
    std::string lastError() const;

private:
    pj_ctx* m_ctx = nullptr;
};

// The view CRS Corridor opens with: Lambert conformal conic fitted to the corridor (standard parallels 25°N and
// 55°N, central meridian 55°E), on WGS84.
inline constexpr const char* kCorridorLcc =
    "+proj=lcc +lat_1=25 +lat_2=55 +lat_0=40 +lon_0=55 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs";
inline constexpr const char* kLonLat = "OGC:CRS84";

// Owns a PJ object (proj_destroy).
struct PjDeleter {
    void operator()(PJconsts* pj) const;
};
using PjPtr = std::unique_ptr<PJconsts, PjDeleter>;

// The CRS that carries a CRS's horizontal axes: a BoundCRS's source, a CompoundCRS's first part; the CRS itself
// otherwise.
PjPtr horizontalCrs(const ProjContext& context, PjPtr crs);

// A point a transformation could not take: its index among the points given and what it was.
struct FailedPoint {
    std::size_t index = 0;
    core::Vec2d was;
};

// Transforms between two CRSs, both in visualisation axis order (longitude/easting first). `from` and `to`
// accept whatever proj_create accepts: "EPSG:3857", "OGC:CRS84", PROJ strings (with or without +type=crs), WKT,
// PROJJSON.
class Transformer {
public:
    Transformer(const ProjContext& context, const std::string& from, const std::string& to);
    ~Transformer();
    Transformer(const Transformer&) = delete;
    Transformer& operator=(const Transformer&) = delete;
    Transformer(Transformer&& other) noexcept;
    Transformer& operator=(Transformer&& other) noexcept;

    // In-place batch transform. Points PROJ cannot transform become NaN; returns how many failed.
    std::size_t forward(std::span<core::Vec2d> points) const;
    std::size_t inverse(std::span<core::Vec2d> points) const;
    // forward() to within `tolerance` target units of PROJ's own result, for one image (an export at a known scale),
    // where it costs a fraction of PROJ's per-point time. PROJ transforms nine control points per cell of a grid
    // over `box` (the points' bounds: a Layer keeps them), refined where interpolating biquadratically between them
    // would err by more than a quarter of `tolerance` at any of twelve test points per cell, along the axis that
    // bends; each point is then interpolated in its cell. Cells that do not settle (a seam of the projection, the
    // edge of its domain, a corner PROJ cannot transform) leave their points to PROJ, as do points outside `box`;
    // fewer than kApproxPoints points,
    // `tolerance` 0, or a grid that would need more than one cell per 64 points (a tolerance far finer than the
    // points' extent needs) are forward() exactly. `projected`, when given, receives the bounds of the finite results.
    // `failedAt`, when given, receives each point that could not be transformed, as it was before (sorted by
    // index): for the issues of a layer projected where it lies (projectLayerInPlace).
    std::size_t forwardWithin(std::span<core::Vec2d> points, double tolerance, const core::Bounds& box,
                              core::Bounds* projected = nullptr, std::vector<FailedPoint>* failedAt = nullptr) const;
    static constexpr std::size_t kApproxPoints = std::size_t{1} << 18;
    bool isIdentity() const { return m_identity; }

private:
    std::size_t run(std::span<core::Vec2d> points, int direction) const;

    const ProjContext* m_context = nullptr;
    PJconsts* m_pj = nullptr;
    bool m_identity = false;
};

// A short human name for a CRS definition ("WGS 84", "WGS 84 / Pseudo-Mercator (EPSG:3857)"); throws ProjError
// when PROJ does not understand it.
std::string describeCrs(const ProjContext& context, const std::string& definition);
// The name a map shows for its CRS: the viewer's preset name ("Corridor conic (Lambert, 25°/55°N)"), else PROJ's
// (describeCrs), else, for a PROJ string PROJ has no name for, the string without its no-op flags. Throws like
// describeCrs.
std::string crsDisplayName(const ProjContext& context, const std::string& definition);

} // namespace corridor::geo

namespace corridor::geo {

// A copy of `layer` with its coordinates transformed by `transformer`; points that cannot be transformed
// become NaN (renderers skip them) and the bounds cover the rest. `tolerance` > 0: to within that many target
// units (Transformer::forwardWithin), for a layer drawn at one known scale only. `failed`, when given, receives how
// many points could not be transformed (or were NaN already).
core::Layer projectLayer(const core::Layer& layer, const Transformer& transformer, double tolerance = 0.0,
                         std::size_t* failed = nullptr);
// projectLayer for a layer whose own points are needed no more: they are transformed where they are, no copy of them
// made (10^7 points: 160 MB and 70 ms). `failedAt` receives what each point that could not be transformed was
// (Transformer::forwardWithin), the only source points its issues name.
void projectLayerInPlace(core::Layer& layer, const Transformer& transformer, double tolerance,
                         std::vector<FailedPoint>& failedAt);

} // namespace corridor::geo
