// The Inspector: what the data says about the selected feature, and where it says it from. Reads only the document
// and the SOURCES.md beside the feature's file (through core::loadSourceCatalogFor, once per folder).

#include "ui/panels.hpp"

#include "core/ascii.hpp"
#include "core/feature_facts.hpp"
#include "core/style.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <string>

namespace corridor::ui {

namespace {

const ImVec4 kDim(0.65f, 0.65f, 0.65f, 1.0f);
const ImVec4 kWarn(1.0f, 0.8f, 0.3f, 1.0f);

// A titled rule between sections (ImGui 1.86 has no SeparatorText).
void section(const char* title)
{
    ImGui::Spacing();
    ImGui::TextColored(ImVec4(1.0f, 0.78f, 0.0f, 1.0f), "%s", title);
    ImGui::Separator();
}

std::string lower(const std::string& s) { return core::asciiLower(s); }

const core::MapLayer* layerOf(const core::AppState& app, const core::Hit& hit)
{
    if (hit.layer >= app.document.layers.size()) {
        return nullptr;
    }
    const core::MapLayer& l = app.document.layers[hit.layer];
    return hit.feature < l.data.features.size() ? &l : nullptr;
}

// The text the map labels the feature with (the style's label field), else its name, else its number.
std::string featureTitle(const core::MapLayer& layer, std::uint32_t feature)
{
    const core::Feature& f = layer.data.features[feature];
    const core::Symbolizer s = core::resolveSymbolizer(layer.style, layer.data, f);
    if (!s.labelField.empty()) {
        if (const core::AttrValue* v = layer.data.value(f, s.labelField)) {
            const std::string text = core::formatValue(*v);
            if (!text.empty()) {
                return text;
            }
        }
    }
    const std::string name = core::featureName(layer.data, f);
    return name.empty() ? "feature " + std::to_string(f.id >= 0 ? f.id : static_cast<std::int64_t>(feature)) : name;
}

// ISO 3166 alpha-3 codes → country names, from any loaded layer with "iso3" and "name" fields (the basemap has
// them), so "IRN" reads "IRN (Iran)". Built once.
const std::map<std::string, std::string>& countryNames(const core::AppState& app, InspectState& state)
{
    if (!state.countryNamesBuilt) {
        state.countryNamesBuilt = true;
        for (const core::MapLayer& l : app.document.layers) {
            const int code = l.data.fieldIndex("iso3"), name = l.data.fieldIndex("name");
            if (code < 0 || name < 0) {
                continue;
            }
            for (const core::Feature& f : l.data.features) {
                const std::string c = core::formatValue(f.values[static_cast<std::size_t>(code)]);
                const std::string n = core::formatValue(f.values[static_cast<std::size_t>(name)]);
                if (c.size() == 3 && !n.empty()) {
                    state.countryNames.emplace(c, n);
                }
            }
        }
    }
    return state.countryNames;
}

// "IRN" -> "IRN (Iran)", "IRN;QAT" -> "IRN (Iran); QAT (Qatar)" when every part is a known code; else unchanged.
std::string withCountryNames(const std::string& value, const std::map<std::string, std::string>& names)
{
    if (names.empty() || value.empty() || value.size() > 64) {
        return value;
    }
    std::string out;
    for (const std::string& code : core::splitSourceIds(value)) {
        const auto it = names.find(code);
        if (it == names.end()) {
            return value;
        }
        out += (out.empty() ? "" : "; ") + code + " (" + it->second + ")";
    }
    return out.empty() ? value : out;
}

// A value as ImGui can draw it: right-to-left text through the platform's shaper when there is one.
void valueText(const std::string& text, const InspectState& state)
{
    if (core::hasRtlScript(text)) {
        if (state.shapeRtl) {
            ImGui::TextWrapped("%s", state.shapeRtl(text).c_str());
        } else {
            ImGui::TextWrapped("%s", text.c_str());
            ImGui::TextColored(kDim, "(right-to-left text, not shaped here)");
        }
        return;
    }
    ImGui::TextWrapped("%s", text.c_str());
}

void row(const char* name, const std::string& value, const InspectState& state)
{
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextColored(kDim, "%s", name);
    ImGui::TableSetColumnIndex(1);
    valueText(value, state);
}

std::string number(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
    return buf;
}

void measureSection(const core::MapLayer& layer, const core::Feature& f)
{
    const core::MeasureFacts m = core::measureFeature(layer.data, f);
    if (m.kind == core::MeasureFacts::Kind::None) {
        return;
    }
    const bool length = m.kind == core::MeasureFacts::Kind::Length;
    const char* unit = length ? "km" : "km²";
    const int decimals = m.computed < 10 ? 2 : 1;
    section(length ? "Length" : "Area");
    ImGui::Text("Computed: %s %s", number(m.computed, decimals).c_str(), unit);
    ImGui::SameLine();
    ImGui::TextColored(kDim, "(geodesic, WGS84, PROJ)");
    if (m.published) {
        ImGui::Text("Published: %s %s", number(*m.published, *m.published < 10 ? 2 : 1).c_str(), unit);
        ImGui::SameLine();
        ImGui::TextColored(kDim, "(%s)", m.publishedField.c_str());
        if (m.differencePercent) {
            const double d = *m.differencePercent;
            ImGui::TextColored(std::abs(d) > 10.0 ? kWarn : ImGui::GetStyleColorVec4(ImGuiCol_Text),
                               "Difference: %+.1f %% (computed vs published)", d);
        }
    } else {
        ImGui::TextColored(kDim, "No published figure in the data.");
    }
}

// Fields the Inspector also shows in sections of their own, above the full attribute list.
// Status: who holds or claims it and what state it is in (status, administered_by, claimed_by, owned_by…).
bool isStatusField(const std::string& lowerName)
{
    const auto has = [&](const char* w) { return lowerName.find(w) != std::string::npos; };
    return has("status") || lowerName.rfind("administ", 0) == 0 || has("_by_") || has("sovereign") ||
           (lowerName.size() > 3 && lowerName.compare(lowerName.size() - 3, 3, "_by") == 0);
}
// Notes: remarks and discrepancies, wrapped in full.
bool isNoteField(const std::string& lowerName)
{
    return !isStatusField(lowerName) &&
           (lowerName.find("note") != std::string::npos || lowerName.find("discrepan") != std::string::npos);
}
// Country codes read better with their names: fields that name who holds or claims something, or a country.
bool namesCountries(const std::string& lowerName)
{
    return (lowerName.size() > 3 && lowerName.compare(lowerName.size() - 3, 3, "_by") == 0) ||
           lowerName == "country" || lowerName == "countries" || lowerName == "iso3";
}

void sourcesSection(const core::MapLayer& layer, const core::Feature& f, InspectState& state)
{
    const core::AttrValue* v = layer.data.value(f, "source");
    const std::vector<std::string> ids = v ? core::splitSourceIds(core::formatValue(*v)) : std::vector<std::string>{};
    section("Sources");
    if (ids.empty()) {
        ImGui::TextColored(kDim, "No sources recorded: the attributes below are shown as read.");
        return;
    }
    const std::string folder = std::filesystem::path(layer.data.sourcePath).parent_path().string();
    auto it = state.catalogs.find(folder);
    if (it == state.catalogs.end()) {
        it = state.catalogs.emplace(folder, core::loadSourceCatalogFor(layer.data.sourcePath)).first;
    }
    const std::optional<core::SourceCatalog>& catalog = it->second;
    if (!catalog) {
        ImGui::TextWrapped("%s (no SOURCES.md beside %s to resolve them)", core::formatValue(*v).c_str(),
                           layer.data.sourcePath.c_str());
        return;
    }
    for (const std::string& id : ids) {
        ImGui::PushID(id.c_str());
        const auto e = catalog->entries.find(id);
        if (e == catalog->entries.end()) {
            ImGui::TextColored(kWarn, "%s: not listed in %s", id.c_str(), catalog->path.c_str());
            ImGui::PopID();
            continue;
        }
        if (ImGui::TreeNodeEx(id.c_str(), ImGuiTreeNodeFlags_DefaultOpen, "%s", id.c_str())) {
            for (const core::SourceRef& r : e->second.refs) {
                if (!r.publisher.empty()) {
                    ImGui::TextWrapped("%s", r.publisher.c_str());
                }
                if (!r.title.empty()) {
                    ImGui::TextWrapped("\"%s\"", r.title.c_str());
                }
                if (!r.date.empty()) {
                    ImGui::TextColored(kDim, "%s", r.date.c_str());
                }
                if (!r.address.empty()) {
                    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.55f, 0.75f, 1.0f, 1.0f));
                    ImGui::TextWrapped("%s", r.address.c_str());
                    ImGui::PopStyleColor();
                }
                if (r.publisher.empty() && r.title.empty() && r.address.empty()) {
                    ImGui::TextWrapped("%s", r.text.c_str());
                }
            }
            if (!e->second.terms.empty()) {
                ImGui::TextColored(kDim, "Terms: %s", e->second.terms.c_str());
            }
            ImGui::TreePop();
        }
        ImGui::PopID();
    }
}

const char* confidenceText(const std::string& v)
{
    if (v == "H") return "high";
    if (v == "M") return "medium";
    if (v == "L") return "low";
    return nullptr;
}

} // namespace

void drawInspectMenuItems(core::AppState& app, UiState& ui)
{
    InspectState& s = ui.inspect;
    ImGui::MenuItem("Inspector", nullptr, &s.showInspector);
    if (ImGui::BeginMenu("Attribute table")) {
        for (std::size_t i = app.document.layers.size(); i-- > 0;) {
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::MenuItem(app.document.layers[i].title.c_str(), nullptr,
                                s.table.open && s.table.layer == i)) {
                openAttributeTable(ui, i);
            }
            ImGui::PopID();
        }
        ImGui::EndMenu();
    }
}

void drawHoverTooltip(core::AppState& app, UiState& ui)
{
    const std::optional<core::Hit>& hovered = ui.inspect.hovered;
    if (!hovered || ImGui::GetIO().WantCaptureMouse) {
        return;
    }
    const core::MapLayer* layer = layerOf(app, *hovered);
    if (layer == nullptr) {
        return;
    }
    ImGui::BeginTooltip();
    const std::string title = featureTitle(*layer, hovered->feature);
    ImGui::TextUnformatted(core::hasRtlScript(title) && ui.inspect.shapeRtl ? ui.inspect.shapeRtl(title).c_str()
                                                                           : title.c_str());
    ImGui::TextColored(kDim, "%s", layer->title.c_str());
    ImGui::EndTooltip();
}

void drawInspectorPanel(core::AppState& app, UiState& ui)
{
    InspectState& state = ui.inspect;
    if (!state.showInspector) {
        return;
    }
    const float em = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // At the right edge, at most two fifths of the window wide, so the map stays in view.
    const float width = std::min(30.0f * em, display.x * 0.4f);
    ImGui::SetNextWindowPos(ImVec2(display.x - width - 10.0f, ImGui::GetFrameHeight() + 10), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(width, std::min(display.y - 4.0f * em, 46.0f * em)), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Inspector", &state.showInspector)) {
        ImGui::End();
        return;
    }
    const core::MapLayer* layer = state.selected ? layerOf(app, *state.selected) : nullptr;
    if (layer == nullptr) {
        ImGui::TextWrapped("Click a feature on the map to inspect it. A second click on the same spot goes to the "
                           "next feature there; Escape clears the selection.");
        ImGui::End();
        return;
    }
    const core::Hit hit = *state.selected;
    const core::Feature& f = layer->data.features[hit.feature];

    ImGui::PushTextWrapPos(0.0f);
    valueText(featureTitle(*layer, hit.feature), state);
    ImGui::TextColored(kDim, "Layer: %s · %s", layer->title.c_str(), core::typeName(f.type));
    if (ImGui::Button("Zoom to")) {
        state.zoomToSelection = true;
    }
    ImGui::SameLine();
    if (ImGui::Button("Attribute table")) {
        openAttributeTable(ui, hit.layer);
        state.table.scrollToSelection = true;
    }
    ImGui::SameLine();
    if (ImGui::Button("Clear")) {
        state.select(std::nullopt);
    }

    // Confidence and approximation first: how far to trust what follows.
    const core::AttrValue* confidence = layer->data.value(f, "confidence");
    const core::AttrValue* approx = layer->data.value(f, "approx");
    if (confidence != nullptr || approx != nullptr) {
        const std::string c = confidence ? core::formatValue(*confidence) : "";
        const char* word = confidenceText(c);
        if (!c.empty()) {
            ImGui::Text("Confidence: %s%s%s%s", c.c_str(), word ? " (" : "", word ? word : "", word ? ")" : "");
        }
        if (approx != nullptr) {
            const std::string a = lower(core::formatValue(*approx));
            const bool yes = a == "true" || a == "1" || a == "yes";
            if (yes) {
                ImGui::SameLine();
                ImGui::TextColored(kWarn, "· approximate (approx = true)");
            } else if (!a.empty()) {
                ImGui::SameLine();
                ImGui::TextColored(kDim, "· approx = %s", a.c_str());
            }
        }
    }
    measureSection(*layer, f);

    const std::map<std::string, std::string>& countries = countryNames(app, state);
    bool statusHeader = false;
    for (std::size_t i = 0; i < layer->data.fields.size() && i < f.values.size(); ++i) {
        const std::string& name = layer->data.fields[i].name;
        std::string text = core::formatValue(f.values[i]);
        const std::string l = lower(name);
        if (!isStatusField(l) || text.empty()) {
            continue;
        }
        if (!statusHeader) {
            section("Status");
            statusHeader = true;
        }
        if (namesCountries(l)) {
            text = withCountryNames(text, countries);
        }
        ImGui::TextColored(kDim, "%s:", core::readableFieldName(name).c_str());
        ImGui::SameLine();
        valueText(text, state);
    }
    // Notes and discrepancies, wrapped in full.
    bool notesHeader = false;
    for (std::size_t i = 0; i < layer->data.fields.size() && i < f.values.size(); ++i) {
        const std::string& name = layer->data.fields[i].name;
        const std::string text = core::formatValue(f.values[i]);
        if (!isNoteField(lower(name)) || text.empty()) {
            continue;
        }
        if (!notesHeader) {
            section("Notes");
            notesHeader = true;
        }
        ImGui::TextColored(kDim, "%s", core::readableFieldName(name).c_str());
        valueText(text, state);
    }

    sourcesSection(*layer, f, state);

    section("Attributes");
    if (ImGui::BeginTable("##attributes", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                                 ImGuiTableFlags_Resizable)) {
        ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthFixed, 9.0f * em);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
        for (std::size_t i = 0; i < layer->data.fields.size() && i < f.values.size(); ++i) {
            const std::string& name = layer->data.fields[i].name;
            std::string text = core::formatValue(f.values[i]);
            if (text.empty()) {
                continue; // null: nothing to read
            }
            if (namesCountries(lower(name))) {
                text = withCountryNames(text, countries);
            }
            ImGui::PushID(static_cast<int>(i));
            row(core::readableFieldName(name).c_str(), text, state);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::TextColored(kDim, "Feature id %lld in %s", static_cast<long long>(f.id), layer->data.sourcePath.c_str());
    ImGui::PopTextWrapPos();
    ImGui::End();
}

} // namespace corridor::ui
