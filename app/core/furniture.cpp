#include "core/furniture.hpp"

#include <array>
#include <utility>

namespace corridor::core {

namespace {

using Member = bool FurnitureOptions::*;
constexpr std::array<std::pair<const char*, Member>, 6> kItems{{
    {"legend", &FurnitureOptions::legend},
    {"scale", &FurnitureOptions::scaleBar},
    {"north", &FurnitureOptions::north},
    {"sources", &FurnitureOptions::sources},
    {"pov", &FurnitureOptions::pointOfView},
    {"inset", &FurnitureOptions::inset},
}};

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

} // namespace

FurnitureOptions noFurniture(FurnitureOptions options)
{
    for (const auto& [name, member] : kItems) {
        options.*member = false;
    }
    return options;
}

std::optional<std::string> parseFurnitureList(const std::string& text, FurnitureOptions& options)
{
    FurnitureOptions parsed = noFurniture(options);
    std::size_t start = 0;
    bool none = false, some = false;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string item = trimmed(text.substr(start, comma - start));
        start = comma + 1;
        if (item.empty()) {
            continue;
        }
        if (item == "none") {
            none = true;
            continue;
        }
        bool known = false;
        for (const auto& [name, member] : kItems) {
            if (item == name) {
                parsed.*member = true;
                known = true;
            }
        }
        if (!known) {
            return "unknown furniture item '" + item + "'; known: legend, scale, north, sources, pov, inset, none";
        }
        some = true;
    }
    if (none && some) {
        return "furniture 'none' cannot be listed with other items";
    }
    if (!none && !some) {
        return "empty furniture list; give items (legend, scale, north, sources, pov, inset) or none";
    }
    options = parsed;
    return std::nullopt;
}

std::string furnitureList(const FurnitureOptions& options)
{
    std::string out;
    for (const auto& [name, member] : kItems) {
        if (options.*member) {
            out += (out.empty() ? "" : ",") + std::string(name);
        }
    }
    return out.empty() ? "none" : out;
}

} // namespace corridor::core
