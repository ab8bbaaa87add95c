#pragma once
// The sources line and the point-of-view note of the map furniture (issue 13), as plain text data: which sources
// the features drawn in the view cite, by the short names of the SOURCES.md beside their files, and which
// disputed territories are in view, and who holds and who claims them. The viewer and the export draw them.
//
// "Drawn in the view" is core::forEachDrawnFeature's judgement, the legend's (core/legend.hpp).

#include "core/camera.hpp"
#include "core/map_document.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::core {

// A SOURCES.md that cannot be read, or whose table is malformed: "file:line: what is wrong".
class SourceTableError : public std::runtime_error {
public:
    SourceTableError(std::string file, std::uint32_t line, std::string reason);
    const std::string& file() const { return m_file; }
    std::uint32_t line() const { return m_line; } // from 1; 0 for the whole file
    const std::string& reason() const { return m_reason; }

private:
    std::string m_file;
    std::uint32_t m_line;
    std::string m_reason;
};

// The short names of a SOURCES.md's sources table.
struct SourceTable {
    std::string path;
    std::map<std::string, std::string> shortNames; // id -> short name ("S21" -> "TASS 2023")
};

// Reads the sources table of a SOURCES.md: the first Markdown table whose header row has an `id` column and a
// `short name` column (found by name, in any order and beside any others, compared ignoring case; backticks
// around an id are dropped). Every row up to the first line that is not a table row must have as many cells as
// the header, an id and a short name, and no id twice. Throws SourceTableError naming the line and what is wrong
// ("row 'S21' has 3 cells, the header 4"), or the file when it has no such table. `fileName` is for messages.
SourceTable parseSourceTable(std::string_view markdown, const std::string& fileName);
// Reads `path` (at most 4 MiB) and parses it; SourceTableError when it cannot be read.
SourceTable loadSourceTable(const std::string& path);
// The SOURCES.md in the folder of `dataFile` when there is one (the layers' files are where their source ids are
// resolved), else nullopt.
std::optional<std::string> sourceTablePathFor(const std::string& dataFile);

// The source tables of a document's layers, read once (file I/O), so visibleSources can run every frame.
struct DocumentSources {
    std::map<std::string, SourceTable> byFolder;  // the tables found, by the folder of the data files
    std::vector<std::string> problems;            // SourceTableError::what() of tables that could not be used
    // The table beside the layer's file (MapLayer::data.sourcePath, else MapLayer::sourcePath), or nullptr.
    const SourceTable* tableFor(const MapLayer& layer) const;
};
DocumentSources loadDocumentSources(const MapDocument& document);

struct VisibleSources {
    // The short names of the sources the drawn features cite (their `source` attribute: ids separated by ';'),
    // each once: in the order the layers are drawn from the top, features in layer order, ids as written; the
    // ids cited by a basemap layer (a layer whose name starts with "basemap") after all others.
    std::vector<std::string> names;
    // Ids cited by drawn features that the table beside their file lacks, or whose file has no table: "S999", in
    // the same order, each once.
    std::vector<std::string> unknownIds;
};
// `lonLatView` as for core::buildLegend.
VisibleSources visibleSources(const MapDocument& document, const Camera& camera, const DocumentSources& sources,
                              const std::optional<GeoBox>& lonLatView = std::nullopt);

// A disputed territory in view: a drawn feature with a claim on it (a non-empty `claimed_by`, `claimants` or
// `de_jure` attribute naming someone other than its `administered_by`). Features with the same administrator
// and the same claimants form one group.
struct DisputeGroup {
    std::vector<std::string> places;    // the features' labels (the style's label field), else their names
    std::string administeredBy;         // a country name where the value is an ISO 3166 alpha-3 code; may be ""
    std::vector<std::string> claimedBy; // likewise, the administrator left out
};
// The groups in view, in the order their first feature is met (layers from the top). Codes are named from the
// document's own data: any layer with an `iso3` field and a `label` (else `name`) field (the basemap's countries).
std::vector<DisputeGroup> disputesInView(const MapDocument& document, const Camera& camera,
                                         const std::optional<GeoBox>& lonLatView = std::nullopt);
// "Disputed: Abu Musa, Greater Tunb and Lesser Tunb — administered by Iran, claimed by the United Arab
// Emirates." Several groups are joined by "; ". Empty when no disputed territory is drawn in the view.
std::string pointOfViewNote(const MapDocument& document, const Camera& camera,
                            const std::optional<GeoBox>& lonLatView = std::nullopt);
// The sentence for given groups (what pointOfViewNote writes).
std::string pointOfViewText(const std::vector<DisputeGroup>& groups);

} // namespace corridor::core
