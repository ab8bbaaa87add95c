// Labels in Persian (issue 10): the sheet's [map] lang and a layer's label-fa, the Persian names a mesh carries
// beside the English ones, and which lines a label shows in each language.

#include "core/labels.hpp"
#include "core/mesh.hpp"
#include "core/style_file.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace corridor::core;

namespace {

// Points with a `label`, a `label_fa` and a `name_ar`; an empty text stands for null.
struct Names {
    std::string en, fa, ar;
};

Layer namedPoints(const std::vector<Names>& names)
{
    Layer layer;
    layer.name = "islands";
    layer.fields = {Field{"label", FieldType::String}, Field{"label_fa", FieldType::String},
                    Field{"name_ar", FieldType::String}};
    double x = 0;
    for (const Names& n : names) {
        Feature f;
        f.type = GeometryType::Point;
        for (const std::string* v : {&n.en, &n.fa, &n.ar}) {
            f.values.push_back(v->empty() ? AttrValue{} : AttrValue{*v});
        }
        const Vec2d p{x, 0};
        x += 10;
        f.firstPart = appendPart(layer, PartRole::Point, &p, 1);
        f.partCount = 1;
        layer.features.push_back(std::move(f));
    }
    return layer;
}

std::string styleError(const std::string& text)
{
    try {
        parseStyleSheet(text, "lang.toml");
    } catch (const StyleError& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("map lang reads en, fa and en+fa, and is unset when not given")
{
    CHECK(!parseStyleSheet("[map]\nbackground = \"#fff\"\n", "lang.toml").lang.has_value());
    CHECK(parseStyleSheet("[map]\nlang = \"en\"\n", "lang.toml").lang == LabelLanguage::En);
    CHECK(parseStyleSheet("[map]\nlang = \"fa\"\n", "lang.toml").lang == LabelLanguage::Fa);
    CHECK(parseStyleSheet("[map]\nlang = \"en+fa\"\n", "lang.toml").lang == LabelLanguage::EnFa);
    CHECK(parseLabelLanguage("en+fa") == LabelLanguage::EnFa);
    CHECK(!parseLabelLanguage("EN").has_value());
    CHECK(!parseLabelLanguage("fa+en").has_value());
    for (const LabelLanguage l : {LabelLanguage::En, LabelLanguage::Fa, LabelLanguage::EnFa}) {
        CHECK(parseLabelLanguage(labelLanguageName(l)) == l);
    }
}

TEST_CASE("a bad map lang is one error naming the line, the key and the values allowed")
{
    const std::string unknown = styleError("[map]\nlang = \"farsi\"\n");
    CAPTURE(unknown);
    CHECK(unknown.find("lang.toml:2:") != std::string::npos);
    CHECK(unknown.find("map.lang") != std::string::npos);
    CHECK(unknown.find("unknown label language 'farsi'") != std::string::npos);
    CHECK(unknown.find("\"en\", \"fa\" or \"en+fa\"") != std::string::npos);

    const std::string near = styleError("[map]\nlang = \"en+fr\"\n");
    CHECK(near.find("did you mean 'en+fa'?") != std::string::npos);

    const std::string number = styleError("[map]\nlang = 2\n");
    CHECK(number.find("map.lang") != std::string::npos);
    CHECK(number.find("expected a label language name") != std::string::npos);

    // In a layer table it is the [map] key it is.
    const std::string misplaced = styleError("[layer.islands]\nlang = \"fa\"\n");
    CHECK(misplaced.find("'lang' is not allowed in a layer table; it belongs in the [map] table") != std::string::npos);
}

TEST_CASE("label-fa names the Persian field in a layer or a rule, and reaches applyPatch")
{
    const StyleSheet sheet = parseStyleSheet(R"([layer.islands]
label = "label"
label-fa = "name_ar"
[[layer.islands.rule]]
when = { label = "Abu Musa" }
label-fa = "label_fa"
)",
                                             "lang.toml");
    const LayerSheet& islands = sheet.layers.at("islands");
    CHECK(islands.base.patch.labelFaField == "name_ar");
    CHECK(islands.base.sets == std::vector<std::string>{"label", "label-fa"});
    CHECK(islands.rules.at(0).patch.labelFaField == "label_fa");
    Symbolizer target;
    applyPatch(islands.base, target);
    CHECK(target.labelFaField == "name_ar");

    const std::string typo = styleError("[layer.islands]\nlable-fa = \"name_ar\"\n");
    CHECK(typo.find("did you mean 'label-fa'?") != std::string::npos);
    const std::string notText = styleError("[layer.islands]\nlabel-fa = 3\n");
    CHECK(notText.find("layer.islands.label-fa") != std::string::npos);
    CHECK(notText.find("expected a field name, got") != std::string::npos);
}

TEST_CASE("a label-fa field the data lacks is a did-you-mean warning, as for label")
{
    const StyleSheet sheet = parseStyleSheet(R"([layer.islands]
label = "label"
label-fa = "name_arr"
[[layer.islands.rule]]
when = {}
label-fa = "lable_fa"
)",
                                             "lang.toml");
    const Layer islands = namedPoints({{"Abu Musa", "ابوموسی", "أبو موسى"}});
    const std::vector<std::string> expected{
        "layer.islands.label-fa: layer 'islands' has no field 'name_arr'; did you mean 'name_ar'?",
        "layer.islands.rule[1].label-fa: layer 'islands' has no field 'lable_fa'; did you mean 'label_fa'?",
    };
    CHECK(styleWarnings(sheet, {&islands}) == expected);
}

TEST_CASE("label sources carry the Persian name: label-fa's field, else <label>_fa where the data has it")
{
    const Layer islands = namedPoints({{"Abu Musa", "ابوموسی", "أبو موسى"}, {"Sirri", "", ""}, {"", "تنب", ""}});
    LayerStyle style;
    style.base.labelField = "label";
    const LayerMesh byDefault = buildLayerMesh(islands, style);
    REQUIRE(byDefault.labels.size() == 3);
    CHECK(byDefault.labels[0].text == "Abu Musa");
    CHECK(byDefault.labels[0].textFa == "ابوموسی");
    CHECK(byDefault.labels[1].textFa.empty());
    CHECK(byDefault.labels[2].text.empty()); // a Persian name alone still makes a label source
    CHECK(byDefault.labels[2].textFa == "تنب");

    style.base.labelFaField = "name_ar";
    const LayerMesh arabic = buildLayerMesh(islands, style);
    REQUIRE(arabic.labels.size() == 2);
    CHECK(arabic.labels[0].textFa == "أبو موسى");

    // No <label>_fa field: no Persian names.
    style.base.labelFaField.clear();
    style.base.labelField = "name_ar";
    const LayerMesh none = buildLayerMesh(islands, style);
    REQUIRE(none.labels.size() == 1);
    CHECK(none.labels[0].textFa.empty());
}

TEST_CASE("labelLines: Persian alone, English over Persian, and English where there is no Persian name")
{
    auto lines = [](std::string_view en, std::string_view fa, LabelLanguage l) {
        const LabelLines r = labelLines(en, fa, l);
        return std::string(r.first) + "|" + std::string(r.second);
    };
    CHECK(lines("Rasht", "رشت", LabelLanguage::En) == "Rasht|");
    CHECK(lines("Rasht", "رشت", LabelLanguage::Fa) == "رشت|");
    CHECK(lines("Rasht", "رشت", LabelLanguage::EnFa) == "Rasht|رشت");
    CHECK(lines("Rasht", "", LabelLanguage::Fa) == "Rasht|");
    CHECK(lines("Rasht", "", LabelLanguage::EnFa) == "Rasht|");
    CHECK(lines("IGAT-1", "IGAT-1", LabelLanguage::EnFa) == "IGAT-1|");
    CHECK(lines("", "تنب", LabelLanguage::En) == "|");
    CHECK(lines("", "تنب", LabelLanguage::EnFa) == "تنب|");
}
