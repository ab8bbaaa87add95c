#pragma once
// Right-to-left text for ImGui, which draws code points left to right one glyph each and cannot shape. FriBiDi
// (the bidi half of the labels' own shaping, render/text_shaper) reorders the text into visual order and replaces
// Arabic and Persian letters by their joined presentation forms (U+FB50–U+FEFF), which the UI font (DejaVu Sans)
// has; the UI font's glyph ranges include them (platform/imgui_bridge). Without HarfBuzz this is the classic
// presentation-form rendering: joining and the lam-alef ligature are right, kerning and marks' fine placement are
// not, which is enough to read a name in a panel. One line (paragraph) at a time: a long value wrapped by ImGui
// keeps its runs in visual order within each line only.

#include <string>

namespace corridor::render {

// `utf8` in visual order with Arabic presentation forms; returned unchanged when it is not valid UTF-8 or holds no
// right-to-left text. Paragraph direction: that of the first strong character.
std::string visualOrderForUi(const std::string& utf8);

} // namespace corridor::render
