#include "core/map_sources.hpp"

#include "core/feature_facts.hpp"
#include "core/legend.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_set>
#include <utility>

namespace corridor::core {

namespace {

constexpr std::size_t kMaxTableBytes = std::size_t(4) << 20; // the bundled one is about 40 KB

std::string trimmed(std::string_view s)
{
    const std::size_t a = s.find_first_not_of(" \t\r");
    if (a == std::string_view::npos) {
        return {};
    }
    const std::size_t b = s.find_last_not_of(" \t\r");
    return std::string(s.substr(a, b - a + 1));
}

std::string lowerAscii(std::string s)
{
    for (char& c : s) {
        c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return s;
}

// The cells of a Markdown table row ("| a | b |", the outer bars optional on the right), trimmed; "\|" is a bar
// inside a cell. nullopt for a line that is not a table row.
std::optional<std::vector<std::string>> rowCells(std::string_view line)
{
    const std::string row = trimmed(line);
    if (row.empty() || row.front() != '|') {
        return std::nullopt;
    }
    std::vector<std::string> cells;
    std::string cell;
    for (std::size_t i = 1; i < row.size(); ++i) {
        if (row[i] == '\\' && i + 1 < row.size() && row[i + 1] == '|') {
            cell.push_back('|');
            ++i;
        } else if (row[i] == '|') {
            cells.push_back(trimmed(cell));
            cell.clear();
        } else {
            cell.push_back(row[i]);
        }
    }
    if (!trimmed(cell).empty()) {
        cells.push_back(trimmed(cell)); // no closing bar
    }
    return cells;
}

std::string withoutBackticks(std::string s)
{
    std::erase(s, '`');
    return trimmed(s);
}

bool isSeparatorRow(const std::vector<std::string>& cells)
{
    return !cells.empty() && std::all_of(cells.begin(), cells.end(), [](const std::string& c) {
        return !c.empty() && c.find_first_not_of("-: ") == std::string::npos && c.find('-') != std::string::npos;
    });
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

// Whether English running text puts "the" before the country name: plural names and names built on a common
// noun ("the United Arab Emirates", "the Czech Republic", "the Netherlands"); not "Iran", "Ukraine".
bool takesArticle(const std::string& name)
{
    static constexpr std::array<std::string_view, 9> kNouns{"Republic", "Rep.", "Kingdom", "States", "Emirates",
                                                           "Islands", "Is.", "Union", "Federation"};
    static constexpr std::array<std::string_view, 7> kNames{"Netherlands", "Philippines", "Bahamas", "Gambia",
                                                           "Maldives", "Comoros", "Seychelles"};
    if (name.rfind("the ", 0) == 0 || name.rfind("The ", 0) == 0) {
        return false;
    }
    std::vector<std::string_view> words;
    std::size_t from = 0;
    while (from < name.size()) {
        const std::size_t end = std::min(name.find(' ', from), name.size());
        words.push_back(std::string_view(name).substr(from, end - from));
        from = end + 1;
    }
    for (const std::string_view w : words) {
        if (std::find(kNouns.begin(), kNouns.end(), w) != kNouns.end()) {
            return true;
        }
    }
    return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

// ISO 3166 alpha-3 code -> the name the map shows for it: from any layer with an `iso3` field, its `label` field
// (else `name`); the first feature with a code names it.
std::map<std::string, std::string> countryNames(const MapDocument& document)
{
    std::map<std::string, std::string> out;
    for (const MapLayer& l : document.layers) {
        const int code = l.data.fieldIndex("iso3");
        int name = l.data.fieldIndex("label");
        name = name >= 0 ? name : l.data.fieldIndex("name");
        if (code < 0 || name < 0) {
            continue;
        }
        for (const Feature& f : l.data.features) {
            if (static_cast<std::size_t>(std::max(code, name)) >= f.values.size()) {
                continue;
            }
            const std::string c = formatValue(f.values[static_cast<std::size_t>(code)]);
            const std::string n = formatValue(f.values[static_cast<std::size_t>(name)]);
            if (c.size() == 3 && !n.empty()) {
                out.emplace(c, n);
            }
        }
    }
    return out;
}

bool isCode(const std::string& s)
{
    return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// A party to a dispute as the sentence names it: a code becomes its country's name, a country's name takes "the"
// where English does.
std::string partyName(const std::string& raw, const std::map<std::string, std::string>& names)
{
    std::string name = raw;
    if (isCode(raw)) {
        const auto it = names.find(raw);
        name = it != names.end() ? it->second : raw;
    }
    bool country = name != raw;
    for (const auto& [code, n] : names) {
        country = country || n == name;
    }
    return country && takesArticle(name) ? "the " + name : name;
}

// "the United Arab Emirates" and "United Arab Emirates" are one party.
std::string partyKey(const std::string& name)
{
    const std::string lower = lowerAscii(name);
    return lower.rfind("the ", 0) == 0 ? lower.substr(4) : lower;
}

// "A", "A and B", "A, B and C".
std::string listText(const std::vector<std::string>& items)
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    }
    return out;
}

bool isBasemapLayer(const MapLayer& layer) { return layer.data.name.rfind("basemap", 0) == 0; }

std::string folderOf(const MapLayer& layer)
{
    const std::string& file = !layer.data.sourcePath.empty() ? layer.data.sourcePath : layer.sourcePath;
    return file.empty() ? std::string() : std::filesystem::path(file).parent_path().string();
}

} // namespace

SourceTableError::SourceTableError(std::string file, std::uint32_t line, std::string reason)
    : std::runtime_error(file + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + reason)
    , m_file(std::move(file))
    , m_line(line)
    , m_reason(std::move(reason))
{
}

SourceTable parseSourceTable(std::string_view markdown, const std::string& fileName)
{
    SourceTable out;
    out.path = fileName;
    enum class State { Before, Separator, Rows } state = State::Before;
    std::size_t idColumn = 0, nameColumn = 0, columns = 0;
    std::uint32_t headerLine = 0;
    std::map<std::string, std::uint32_t> firstLine;
    std::uint32_t lineNo = 0;
    std::size_t start = 0;
    while (start <= markdown.size()) {
        const std::size_t end = std::min(markdown.find('\n', start), markdown.size());
        const std::string_view line = markdown.substr(start, end - start);
        start = end + 1;
        ++lineNo;
        const std::optional<std::vector<std::string>> cells = rowCells(line);
        if (state == State::Before) {
            if (!cells) {
                continue;
            }
            std::optional<std::size_t> id, name;
            for (std::size_t i = 0; i < cells->size(); ++i) {
                const std::string c = lowerAscii(withoutBackticks((*cells)[i]));
                if (c == "id") {
                    id = i;
                } else if (c == "short name") {
                    name = i;
                }
            }
            if (!id) {
                continue; // some other table
            }
            if (!name) {
                throw SourceTableError(fileName, lineNo, "the sources table has no 'short name' column; add one "
                                                         "(| id | … | short name |) with the name a map's sources "
                                                         "line shows for each source");
            }
            idColumn = *id;
            nameColumn = *name;
            columns = cells->size();
            headerLine = lineNo;
            state = State::Separator;
            continue;
        }
        if (state == State::Separator) {
            if (!cells || !isSeparatorRow(*cells)) {
                throw SourceTableError(fileName, lineNo,
                                       "expected the separator row (|---|---|…) under the sources table's header on "
                                       "line " + std::to_string(headerLine));
            }
            if (cells->size() != columns) {
                throw SourceTableError(fileName, lineNo, "the separator row has " + std::to_string(cells->size()) +
                                                             " cells, the header " + std::to_string(columns));
            }
            state = State::Rows;
            continue;
        }
        if (!cells) {
            break; // the table ends at the first line that is not a row
        }
        const std::string id = idColumn < cells->size() ? withoutBackticks((*cells)[idColumn]) : std::string();
        const std::string who = id.empty() ? std::string("a row") : "row " + quoted(id);
        if (cells->size() != columns) {
            throw SourceTableError(fileName, lineNo, who + " has " + std::to_string(cells->size()) +
                                                         " cells, the header " + std::to_string(columns) +
                                                         " (a '|' inside a cell is written '\\|')");
        }
        if (id.empty()) {
            throw SourceTableError(fileName, lineNo, "a row has an empty id");
        }
        const std::string name = (*cells)[nameColumn];
        if (name.empty()) {
            throw SourceTableError(fileName, lineNo, "source " + quoted(id) + " has no short name");
        }
        const auto [it, added] = firstLine.emplace(id, lineNo);
        if (!added) {
            throw SourceTableError(fileName, lineNo, "source " + quoted(id) + " is listed twice (first on line " +
                                                         std::to_string(it->second) + ")");
        }
        out.shortNames.emplace(id, name);
    }
    if (state == State::Before) {
        throw SourceTableError(fileName, 0, "no sources table: a Markdown table whose header row has an 'id' and a "
                                            "'short name' column");
    }
    if (state == State::Separator) {
        throw SourceTableError(fileName, headerLine, "the sources table's header is not followed by a separator row");
    }
    return out;
}

SourceTable loadSourceTable(const std::string& path)
{
    std::error_code ec;
    const std::filesystem::file_status status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) {
        throw SourceTableError(path, 0, "cannot read it: it does not exist");
    }
    if (!std::filesystem::is_regular_file(status)) { // a folder, a FIFO that would block, a device
        throw SourceTableError(path, 0, "cannot read it: not a regular file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw SourceTableError(path, 0, "cannot open it");
    }
    std::string text;
    std::array<char, 65536> buf{};
    while (in.read(buf.data(), buf.size()) || in.gcount() > 0) {
        text.append(buf.data(), static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxTableBytes) {
            throw SourceTableError(path, 0, "larger than 4 MiB; a sources table is a few dozen kilobytes");
        }
    }
    return parseSourceTable(text, path);
}

std::optional<std::string> sourceTablePathFor(const std::string& dataFile)
{
    if (dataFile.empty()) {
        return std::nullopt;
    }
    const std::filesystem::path path = std::filesystem::path(dataFile).parent_path() / "SOURCES.md";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return std::nullopt;
    }
    return path.string();
}

const SourceTable* DocumentSources::tableFor(const MapLayer& layer) const
{
    const auto it = byFolder.find(folderOf(layer));
    return it != byFolder.end() ? &it->second : nullptr;
}

DocumentSources loadDocumentSources(const MapDocument& document)
{
    DocumentSources out;
    std::set<std::string> tried;
    for (const MapLayer& layer : document.layers) {
        const std::string folder = folderOf(layer);
        if (folder.empty() || !tried.insert(folder).second) {
            continue;
        }
        const std::string& file = !layer.data.sourcePath.empty() ? layer.data.sourcePath : layer.sourcePath;
        const std::optional<std::string> path = sourceTablePathFor(file);
        if (!path) {
            continue;
        }
        try {
            out.byFolder.emplace(folder, loadSourceTable(*path));
        } catch (const SourceTableError& e) {
            out.problems.push_back(e.what());
        }
    }
    return out;
}

VisibleSources visibleSources(const MapDocument& document, const Camera& camera, const DocumentSources& sources,
                              const std::optional<GeoBox>& lonLatView)
{
    struct Cited {
        const SourceTable* table;
        std::string id;
        bool basemap;
    };
    std::vector<Cited> cited;
    std::size_t currentLayer = document.layers.size();
    int field = -1;
    const SourceTable* table = nullptr;
    bool basemap = false;
    std::unordered_set<std::string> valuesSeen; // per layer: most features cite one of a few lists
    forEachDrawnFeature(document, camera, lonLatView, [&](const DrawnFeature& d) {
        const MapLayer& layer = document.layers[d.layer];
        if (d.layer != currentLayer) {
            currentLayer = d.layer;
            field = layer.data.fieldIndex("source");
            table = sources.tableFor(layer);
            basemap = isBasemapLayer(layer);
            valuesSeen.clear();
        }
        const Feature& f = layer.data.features[d.feature];
        if (field < 0 || static_cast<std::size_t>(field) >= f.values.size()) {
            return;
        }
        std::string value = formatValue(f.values[static_cast<std::size_t>(field)]);
        if (value.empty() || !valuesSeen.insert(value).second) {
            return;
        }
        for (std::string& id : splitSourceIds(value)) {
            const auto same = std::find_if(cited.begin(), cited.end(),
                                           [&](const Cited& c) { return c.table == table && c.id == id; });
            if (same == cited.end()) {
                cited.push_back({table, std::move(id), basemap});
            } else {
                same->basemap = same->basemap || basemap;
            }
        }
    });
    // Thematic sources first, basemap ones last, each group in the order met.
    std::stable_partition(cited.begin(), cited.end(), [](const Cited& c) { return !c.basemap; });
    VisibleSources out;
    for (const Cited& c : cited) {
        const std::string* name = nullptr;
        if (c.table != nullptr) {
            const auto it = c.table->shortNames.find(c.id);
            name = it != c.table->shortNames.end() ? &it->second : nullptr;
        }
        if (name == nullptr) {
            if (std::find(out.unknownIds.begin(), out.unknownIds.end(), c.id) == out.unknownIds.end()) {
                out.unknownIds.push_back(c.id);
            }
        } else if (std::find(out.names.begin(), out.names.end(), *name) == out.names.end()) {
            out.names.push_back(*name);
        }
    }
    return out;
}

std::vector<DisputeGroup> disputesInView(const MapDocument& document, const Camera& camera,
                                         const std::optional<GeoBox>& lonLatView)
{
    const std::map<std::string, std::string> names = countryNames(document);
    struct Fields {
        int admin = -1, claimedBy = -1, claimants = -1, deJure = -1;
    };
    std::vector<DisputeGroup> groups;
    std::vector<std::string> groupKeys;
    std::size_t currentLayer = document.layers.size();
    Fields fields;
    forEachDrawnFeature(document, camera, lonLatView, [&](const DrawnFeature& d) {
        const MapLayer& layer = document.layers[d.layer];
        if (d.layer != currentLayer) {
            currentLayer = d.layer;
            fields = {layer.data.fieldIndex("administered_by"), layer.data.fieldIndex("claimed_by"),
                      layer.data.fieldIndex("claimants"), layer.data.fieldIndex("de_jure")};
        }
        if (fields.claimedBy < 0 && fields.claimants < 0 && fields.deJure < 0) {
            return;
        }
        const Feature& f = layer.data.features[d.feature];
        const auto text = [&](int i) {
            return i >= 0 && static_cast<std::size_t>(i) < f.values.size()
                       ? trimmed(formatValue(f.values[static_cast<std::size_t>(i)]))
                       : std::string();
        };
        DisputeGroup g;
        const std::string admin = text(fields.admin);
        g.administeredBy = admin.empty() ? std::string() : partyName(admin, names);
        std::set<std::string> keys{partyKey(g.administeredBy)};
        for (const int i : {fields.claimedBy, fields.claimants, fields.deJure}) {
            for (const std::string& raw : splitSourceIds(text(i))) { // the same ';'-separated list, trimmed
                std::string party = partyName(raw, names);
                if (keys.insert(partyKey(party)).second) {
                    g.claimedBy.push_back(std::move(party));
                }
            }
        }
        if (g.claimedBy.empty()) {
            return; // claimed by its administrator alone: not disputed
        }
        std::string place;
        const std::string& labelField = d.symbolizer->labelField;
        if (const AttrValue* v = labelField.empty() ? nullptr : layer.data.value(f, labelField)) {
            place = formatValue(*v);
        }
        place = !place.empty() ? place : featureName(layer.data, f);
        place = !place.empty() ? place : "feature " + std::to_string(f.id >= 0 ? f.id : std::int64_t{d.feature});
        std::string key = g.administeredBy;
        for (const std::string& c : g.claimedBy) {
            key += "\n" + c;
        }
        const auto at = std::find(groupKeys.begin(), groupKeys.end(), key);
        if (at == groupKeys.end()) {
            g.places.push_back(std::move(place));
            groups.push_back(std::move(g));
            groupKeys.push_back(std::move(key));
            return;
        }
        std::vector<std::string>& places = groups[static_cast<std::size_t>(at - groupKeys.begin())].places;
        if (std::find(places.begin(), places.end(), place) == places.end()) {
            places.push_back(std::move(place));
        }
    });
    return groups;
}

std::string pointOfViewText(const std::vector<DisputeGroup>& groups)
{
    std::string out;
    for (const DisputeGroup& g : groups) {
        out += out.empty() ? "Disputed: " : "; ";
        out += listText(g.places) + " —";
        if (!g.administeredBy.empty()) {
            out += " administered by " + g.administeredBy + ",";
        }
        out += " claimed by " + listText(g.claimedBy);
    }
    return out.empty() ? out : out + ".";
}

std::string pointOfViewNote(const MapDocument& document, const Camera& camera, const std::optional<GeoBox>& lonLatView)
{
    return pointOfViewText(disputesInView(document, camera, lonLatView));
}

} // namespace corridor::core
