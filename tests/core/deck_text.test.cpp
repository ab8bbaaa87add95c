// Slide text (core/deck_text): the caption's markdown subset and {{placeholders}}: their syntax, their errors,
// their formatting and their expansion through a resolver.

#include "core/deck_text.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>

using namespace corridor::core;

namespace {

Span plain(std::string t)
{
    return Span{std::move(t), false, false};
}
Span bold(std::string t)
{
    return Span{std::move(t), true, false};
}
Span italic(std::string t)
{
    return Span{std::move(t), false, true};
}
Span both(std::string t)
{
    return Span{std::move(t), true, true};
}

// The spans of a one-paragraph caption.
std::vector<Span> spans(std::string_view text)
{
    const std::vector<CaptionLine> lines = parseCaption(text);
    REQUIRE(lines.size() == 1);
    CHECK_FALSE(lines[0].bullet);
    return lines[0].spans;
}

Placeholder only(std::string_view text)
{
    const std::vector<Placeholder> found = placeholders(text);
    REQUIRE(found.size() == 1);
    return found[0];
}

} // namespace

TEST_CASE("caption emphasis: bold, italics, nesting, and markers without a partner stay literal")
{
    using V = std::vector<Span>;
    CHECK(spans("plain text") == V{plain("plain text")});
    CHECK(spans("a **bold** word") == V{plain("a "), bold("bold"), plain(" word")});
    CHECK(spans("an *italic* and an _italic_") ==
          V{plain("an "), italic("italic"), plain(" and an "), italic("italic")});
    CHECK(spans("***both***") == V{both("both")});
    CHECK(spans("**bold _and italic_ end**") == V{bold("bold "), both("and italic"), bold(" end")});
    CHECK(spans("*it **bold-it** it*") == V{italic("it "), both("bold-it"), italic(" it")});
    // Unmatched and misplaced markers are text.
    CHECK(spans("2 * 3 = 6") == V{plain("2 * 3 = 6")});
    CHECK(spans("**not closed") == V{plain("**not closed")});
    CHECK(spans("not opened**") == V{plain("not opened**")});
    CHECK(spans("** spaced **") == V{plain("** spaced **")});
    CHECK(spans("**a*") == V{plain("*"), italic("a")});
    CHECK(spans("*a**") == V{italic("a"), plain("*")});
    CHECK(spans("***") == V{plain("***")});
    // '_' inside a word is part of it: layer names and fields stay as written.
    CHECK(spans("instc_routes and snake_case_name") == V{plain("instc_routes and snake_case_name")});
    CHECK(spans("_whole_ but not_this_") == V{italic("whole"), plain(" but not_this_")});
    CHECK(spans("a*b*c") == V{plain("a"), italic("b"), plain("c")}); // '*' may emphasise inside a word
    // Non-ASCII letters count as word characters too.
    CHECK(spans("رشت_آستارا _خط_") == V{plain("رشت_آستارا "), italic("خط")});
    // Escapes.
    CHECK(spans("\\*not italic\\* and \\_nor this\\_") == V{plain("*not italic* and _nor this_")});
    CHECK(spans("a \\\\ backslash, \\n kept, \\{ punct") == V{plain("a \\ backslash, \\n kept, { punct")});
    CHECK(spans("trailing \\") == V{plain("trailing \\")});
    CHECK(spans("**\\*starred\\***") == V{bold("*starred*")});
}

TEST_CASE("caption lines: paragraphs join, bullets are items, blank lines are one gap")
{
    const std::vector<CaptionLine> lines = parseCaption("\n\n  The corridor runs\nfrom **Mumbai**  \n"
                                                        "to St Petersburg.\n"
                                                        "\n\n\n"
                                                        "- Sea leg\n"
                                                        "* Rail: *Bandar Abbas*\n"
                                                        "  to Astara\n"
                                                        "   - indented three\n"
                                                        "    - indented four is text\n"
                                                        "-no space is text\n"
                                                        "\n"
                                                        "Last.\n\n");
    const std::vector<CaptionLine> expected{
        {false, {plain("The corridor runs from "), bold("Mumbai"), plain(" to St Petersburg.")}},
        {false, {}},
        {true, {plain("Sea leg")}},
        {true, {plain("Rail: "), italic("Bandar Abbas"), plain(" to Astara")}},
        {true, {plain("indented three - indented four is text")}},
        {false, {plain("-no space is text")}},
        {false, {}},
        {false, {plain("Last.")}},
    };
    CHECK(lines == expected);
    CHECK(plainText(lines[3]) == "Rail: Bandar Abbas to Astara");

    CHECK(parseCaption("").empty());
    CHECK(parseCaption("\n \n\t\n").empty());
    // A paragraph straight after a bullet starts a new paragraph, with no gap; emphasis does not cross lines
    // of different blocks.
    CHECK(parseCaption("- *item\nnext*") ==
          std::vector<CaptionLine>{{true, {plain("*item")}}, {false, {plain("next*")}}});
    // Windows line ends.
    CHECK(parseCaption("a\r\nb\r\n\r\n- c\r\n") ==
          std::vector<CaptionLine>{{false, {plain("a b")}}, {false, {}}, {true, {plain("c")}}});
    // Emphasis may span the lines of one paragraph.
    CHECK(parseCaption("**bold\nacross**") == std::vector<CaptionLine>{{false, {bold("bold across")}}});
}

TEST_CASE("escapeCaption makes any text come out of parseCaption as it went in")
{
    for (const std::string text : {"a*b", "**x**", "_y_", "back\\slash", "\\*", "snake_case", "* not a bullet"}) {
        CAPTURE(text);
        const std::vector<CaptionLine> lines = parseCaption("x " + escapeCaption(text));
        REQUIRE(lines.size() == 1);
        CHECK(plainText(lines[0]) == "x " + text);
        CHECK(lines[0].spans.size() == 1);
    }
}

TEST_CASE("placeholders: the four kinds, sums, units and spaces")
{
    Placeholder p = only("The route is {{length:instc_routes/r01}} long");
    CHECK(p.error.empty());
    CHECK(p.kind == PlaceholderKind::Length);
    CHECK(p.layer == "instc_routes");
    CHECK(p.ids == std::vector<std::string>{"r01"});
    CHECK(p.unit == DistanceUnit::Kilometres);
    CHECK(p.text == "{{length:instc_routes/r01}}");
    CHECK(p.offset == 13);

    p = only("{{ length : instc_routes / r01 + r02+r03 | nmi }}");
    CHECK(p.error.empty());
    CHECK(p.layer == "instc_routes");
    CHECK(p.ids == std::vector<std::string>{"r01", "r02", "r03"});
    CHECK(p.unit == DistanceUnit::NauticalMiles);

    p = only("{{area:islands/i01+i02|mi}}");
    CHECK(p.error.empty());
    CHECK(p.kind == PlaceholderKind::Area);
    CHECK(p.ids == std::vector<std::string>{"i01", "i02"});
    CHECK(p.unit == DistanceUnit::Miles);

    p = only("{{count:instc_nodes}}");
    CHECK(p.error.empty());
    CHECK(p.kind == PlaceholderKind::Count);
    CHECK(p.layer == "instc_nodes");
    CHECK(p.ids.empty());

    p = only("{{value:energy_pipelines/p01/capacity}}");
    CHECK(p.error.empty());
    CHECK(p.kind == PlaceholderKind::Value);
    CHECK(p.ids == std::vector<std::string>{"p01"});
    CHECK(p.field == "capacity");
    CHECK(only("{{value:l/a+b/f}}").ids == std::vector<std::string>{"a+b"}); // one feature: '+' is part of its id

    const std::vector<Placeholder> several = placeholders("{{count:a}} and {{count:b}}, {single} { {x} }");
    REQUIRE(several.size() == 2);
    CHECK(several[0].layer == "a");
    CHECK(several[1].layer == "b");
    CHECK(several[1].offset == 16);
    CHECK(placeholders("no braces, {one}, } }").empty());
}

TEST_CASE("malformed placeholders say what is wrong and how to write them")
{
    const std::vector<std::pair<std::string, std::string>> cases{
        {"{{lenght:a/b}}", "unknown kind 'lenght'; did you mean 'length'?"},
        {"{{distance:a/b}}", "unknown kind 'distance'; the kinds are length, area, count and value"},
        {"{{a/b}}", "no ':' after the kind; write {{length:LAYER/ID}}, {{area:LAYER/ID}}, {{count:LAYER}} or "
                    "{{value:LAYER/ID/FIELD}}"},
        {"{{}}", "no ':' after the kind; write {{length:LAYER/ID}}, {{area:LAYER/ID}}, {{count:LAYER}} or "
                 "{{value:LAYER/ID/FIELD}}"},
        {"{{length:a}}", "expected 2 parts separated by '/', got 1; write {{length:LAYER/ID}} or "
                         "{{length:LAYER/ID+ID2|nmi}}"},
        {"{{length:a/b/c}}", "expected 2 parts separated by '/', got 3; write {{length:LAYER/ID}} or "
                             "{{length:LAYER/ID+ID2|nmi}}"},
        {"{{count:a/b}}", "expected 1 part, got 2; write {{count:LAYER}}"},
        {"{{value:a/b}}", "expected 3 parts separated by '/', got 2; write {{value:LAYER/ID/FIELD}}"},
        {"{{length:/r01}}", "the layer name is empty; write {{length:LAYER/ID}} or {{length:LAYER/ID+ID2|nmi}}"},
        {"{{area:a/ }}", "the feature id is empty; write {{area:LAYER/ID}} or {{area:LAYER/ID+ID2|mi}}"},
        {"{{value:a/b/}}", "the field name is empty; write {{value:LAYER/ID/FIELD}}"},
        {"{{length:a/r01++r02}}", "an empty feature id in 'r01++r02'; write {{length:LAYER/ID}} or "
                                  "{{length:LAYER/ID+ID2|nmi}}"},
        {"{{length:a/r01+r02+r01}}", "feature 'r01' is listed twice: it would be counted twice"},
        {"{{length:a/b|miles}}", "unknown unit 'miles'; the units are km (the default), mi and nmi"},
        {"{{count:a|km}}", "a unit ('|km') is for length and area only; write {{count:LAYER}}"},
        {"{{value:a/b/c|nmi}}", "a unit ('|nmi') is for length and area only; write {{value:LAYER/ID/FIELD}}"},
    };
    for (const auto& [text, error] : cases) {
        CAPTURE(text);
        const Placeholder p = only(text);
        CHECK(p.text == text);
        CHECK(p.error == error);
    }
    // An opening without a close on its line is listed (to its line's end), and scanning goes on after it.
    const std::vector<Placeholder> open = placeholders("a {{count:x\nb }} {{count:y}}");
    REQUIRE(open.size() == 2);
    CHECK(open[0].text == "{{count:x");
    CHECK(open[0].error == "'{{' is not closed by '}}' on its line");
    CHECK(open[1].text == "{{count:y}}");
    CHECK(open[1].error.empty());
}

TEST_CASE("formatted values: thousands separators, units, rounding")
{
    CHECK(formatGrouped(0, 0) == "0");
    CHECK(formatGrouped(999, 0) == "999");
    CHECK(formatGrouped(1000, 0) == "1,000");
    CHECK(formatGrouped(7212.4, 0) == "7,212");
    CHECK(formatGrouped(7212.5, 0) == "7,213"); // half away from zero, not to even
    CHECK(formatGrouped(0.25, 1) == "0.3");
    CHECK(formatGrouped(1234567.891, 2) == "1,234,567.89");
    CHECK(formatGrouped(-1234.5, 1) == "-1,234.5");
    CHECK(formatGrouped(-0.04, 1) == "0.0");
    CHECK(formatGrouped(123456789012.0, 0) == "123,456,789,012");

    Placeholder length = only("{{length:a/b}}");
    CHECK(formatPlaceholder(length, PlaceholderValue::measure(7212400.0)) == "7,212 km");
    CHECK(formatPlaceholder(length, PlaceholderValue::measure(8440.0)) == "8.4 km");
    CHECK(formatPlaceholder(length, PlaceholderValue::measure(9960.0)) == "10 km"); // not "10.0"
    CHECK(formatPlaceholder(length, PlaceholderValue::measure(40.0)) == "0 km");
    length.unit = DistanceUnit::NauticalMiles;
    CHECK(formatPlaceholder(length, PlaceholderValue::measure(1852.0 * 3894.0)) == "3,894 nmi");
    length.unit = DistanceUnit::Miles;
    CHECK(formatPlaceholder(length, PlaceholderValue::measure(1609.344 * 16000.2)) == "16,000 mi");

    Placeholder area = only("{{area:a/b}}");
    CHECK(formatPlaceholder(area, PlaceholderValue::measure(1.2404e9)) == "1,240 km²");
    area.unit = DistanceUnit::NauticalMiles;
    CHECK(formatPlaceholder(area, PlaceholderValue::measure(1852.0 * 1852.0 * 5.26)) == "5.3 nmi²");

    CHECK(formatPlaceholder(only("{{count:a}}"), PlaceholderValue::measure(12345)) == "12,345");
    CHECK(formatPlaceholder(only("{{value:a/b/c}}"), PlaceholderValue::ofText("10 bcm/yr")) == "10 bcm/yr");
}

TEST_CASE("expandPlaceholders replaces what resolves and keeps, and names, what does not")
{
    int calls = 0;
    const PlaceholderResolver resolve = [&](const Placeholder& p) {
        ++calls;
        if (p.layer == "missing") {
            return PlaceholderValue::failure("no loaded layer is called 'missing'");
        }
        if (p.kind == PlaceholderKind::Value) {
            return PlaceholderValue::ofText("Rasht_Astara *line*");
        }
        return PlaceholderValue::measure(p.kind == PlaceholderKind::Count ? 38.0 : 7212400.0);
    };
    const ExpandedText ok = expandPlaceholders("{{length:r/a+b}} via {{count:n}} nodes", resolve);
    CHECK(ok.text == "7,212 km via 38 nodes");
    CHECK(ok.errors.empty());
    CHECK(calls == 2);

    calls = 0;
    const ExpandedText bad = expandPlaceholders("A {{count:missing}}, B {{lenght:r/a}}, C {{count:n}}.", resolve);
    CHECK(bad.text == "A {{count:missing}}, B {{lenght:r/a}}, C 38.");
    CHECK(bad.errors == std::vector<std::string>{"{{count:missing}}: no loaded layer is called 'missing'",
                                                 "{{lenght:r/a}}: unknown kind 'lenght'; did you mean 'length'?"});
    CHECK(calls == 2); // the malformed one never reaches the resolver

    // Into a caption, a value's markers are escaped so that they stay literal once the markdown is read.
    const ExpandedText caption = expandPlaceholders("**{{value:r/a/name}}**", resolve, TextKind::Caption);
    CHECK(caption.text == "**Rasht\\_Astara \\*line\\***");
    CHECK(parseCaption(caption.text) == std::vector<CaptionLine>{{false, {bold("Rasht_Astara *line*")}}});
    CHECK(expandPlaceholders("{{value:r/a/name}}", resolve).text == "Rasht_Astara *line*");

    CHECK(expandPlaceholders("", resolve).text.empty());
    CHECK(expandPlaceholders("no placeholders", resolve).text == "no placeholders");
}
