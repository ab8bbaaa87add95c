// libFuzzer target: the style-sheet reader on arbitrary text. parseStyleSheet promises to throw StyleError and
// nothing else for any input, so any other exception, a crash or a sanitizer report is a bug.
#include "core/style_file.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const corridor::core::StyleSheet sheet = corridor::core::parseStyleSheet(text, "fuzz.toml");
        // What the viewer does next with a sheet: a style per layer and the draw order.
        std::vector<std::string> names;
        for (const auto& [name, layer] : sheet.layers) {
            (void)corridor::core::styleFor(sheet, name, corridor::core::LayerStyle{});
            names.push_back(name);
        }
        (void)corridor::core::drawOrder(sheet, names);
    } catch (const corridor::core::StyleError&) {
        // the documented outcome for a bad sheet
    }
    return 0;
}
