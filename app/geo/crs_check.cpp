#include "geo/crs_check.hpp"

#include "core/text_clip.hpp"
#include "geo/proj.hpp"

#include <proj.h>

#include <cctype>
#include <memory>
#include <utility>

namespace corridor::geo {

namespace {

bool startsWithProjToken(const std::string& text)
{
    std::size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0) {
        ++i;
    }
    return text.compare(i, 1, "+") == 0 || text.compare(i, 5, "proj=") == 0 || text.compare(i, 5, "init=") == 0;
}

// "+type=crs" as a whole token ("+type=crsx" is not it).
bool hasTypeCrs(const std::string& text)
{
    for (std::size_t at = text.find("type=crs"); at != std::string::npos; at = text.find("type=crs", at + 1)) {
        const std::size_t end = at + 8;
        const bool startOk =
            at == 0 || text[at - 1] == '+' || std::isspace(static_cast<unsigned char>(text[at - 1])) != 0;
        const bool endOk = end == text.size() || std::isspace(static_cast<unsigned char>(text[end])) != 0;
        if (startOk && endOk) {
            return true;
        }
    }
    return false;
}

const char* kindOf(PJ_TYPE type)
{
    switch (type) {
    case PJ_TYPE_GEOCENTRIC_CRS: return "a geocentric CRS (X/Y/Z from the Earth's centre)";
    case PJ_TYPE_GEODETIC_CRS: return "a geodetic CRS that is neither geographic nor projected";
    case PJ_TYPE_VERTICAL_CRS: return "a vertical CRS (heights only)";
    case PJ_TYPE_ENGINEERING_CRS: return "an engineering CRS (a local grid, not tied to the Earth)";
    case PJ_TYPE_TEMPORAL_CRS: return "a temporal CRS (time only)";
    case PJ_TYPE_COMPOUND_CRS: return "a compound CRS without a horizontal part";
    default: return "a CRS of another kind (derived or parametric)";
    }
}
} // namespace

std::string normalizeCrsDefinition(const std::string& definition)
{
    if (!startsWithProjToken(definition) || hasTypeCrs(definition)) {
        return definition;
    }
    std::string out = definition;
    while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back())) != 0) {
        out.pop_back();
    }
    return out + " +type=crs";
}

std::optional<std::string> mapCrsProblem(const ProjContext& context, const std::string& definition)
{
    try {
        describeCrs(context, definition); // throws for what PROJ does not know or is not a CRS
    } catch (const ProjError& e) {
        return std::string(e.what());
    }
    PjPtr crs(proj_create(context.get(), normalizeCrsDefinition(definition).c_str()));
    if (!crs) {
        return "unknown CRS '" + core::clipEcho(definition) + "': " + context.lastError();
    }
    // A code or PROJ string is quoted as given with PROJ's name for it; WKT and PROJJSON by their name alone.
    const std::string name = proj_get_name(crs.get()) != nullptr ? proj_get_name(crs.get()) : "unnamed";
    const bool longForm = definition.find_first_of("[{") != std::string::npos;
    const std::string quoted = longForm ? "'" + name + "'"
                                        : "'" + core::clipEcho(definition) + "'" +
                                              (name == "unknown" || name == "unnamed" ? "" : " (" + name + ")");
    const PjPtr horizontal = horizontalCrs(context, std::move(crs));
    if (!horizontal) {
        return quoted + " has no horizontal part a map can be drawn in";
    }
    // The body first: a projected CRS of Mars is projected, but not of this planet.
    if (const PjPtr ellipsoid{proj_get_ellipsoid(context.get(), horizontal.get())}) {
        const char* body = proj_get_celestial_body_name(context.get(), ellipsoid.get());
        if (body != nullptr && std::string(body) != "Earth") {
            const std::string where = std::string(body) == "Non-Earth body"
                                          ? "its ellipsoid is not the Earth's size"
                                          : std::string("it is a CRS of ") + body;
            return quoted + " is not an Earth CRS: " + where;
        }
    }
    const PJ_TYPE type = proj_get_type(horizontal.get());
    if (type == PJ_TYPE_PROJECTED_CRS || type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS) {
        return std::nullopt;
    }
    return quoted + " is " + kindOf(type) + "; a map needs a projected or geographic CRS";
}

std::optional<std::string> projDatabaseProblem()
{
    const ProjContext context;
    if (proj_context_get_database_path(context.get()) != nullptr) {
        return std::nullopt;
    }
    const PJ_INFO info = proj_info();
    return std::string("PROJ cannot find its database proj.db (searched ") +
           (info.searchpath != nullptr ? info.searchpath : "nowhere") +
           "); install proj-data or set PROJ_DATA to the folder that holds proj.db";
}

} // namespace corridor::geo
