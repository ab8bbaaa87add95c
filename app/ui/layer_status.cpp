#include "ui/layer_status.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace corridor::ui {

namespace {

bool setsVisible(const core::StyleRule& rule, bool value)
{
    return rule.patch.visible == value &&
           std::find(rule.sets.begin(), rule.sets.end(), std::string_view("visible")) != rule.sets.end();
}

std::string zoomNumber(float zoom)
{
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%g", static_cast<double>(zoom));
    return buf.data();
}

} // namespace

LayerStatus layerStatus(const core::MapLayer& layer, float zoom)
{
    const core::LayerStyle& style = layer.style;
    // core::resolveSymbolizer starts every feature at style.base and lets matching rules overwrite `visible`.
    const auto ruleSets = [&](bool value) {
        return std::any_of(style.rules.begin(), style.rules.end(),
                           [value](const core::StyleRule& r) { return setsVisible(r, value); });
    };
    LayerStatus status;
    if (!style.base.visible) {
        status.style = ruleSets(true) ? StyleVisibility::SomeHidden : StyleVisibility::AllHidden;
    } else {
        status.style = ruleSets(false) ? StyleVisibility::SomeHidden : StyleVisibility::Shown;
    }
    // Rules only narrow a feature's zoom window, so outside the layer's own window nothing of it is drawn.
    status.inZoomWindow = zoom >= style.base.minZoom && zoom <= style.base.maxZoom;
    status.drawn = layer.visible && layer.opacity > 0.0f && status.inZoomWindow &&
                   status.style != StyleVisibility::AllHidden;
    return status;
}

std::string zoomWindowText(const core::LayerStyle& style)
{
    // Open ends are infinite; a sheet can only write finite ones (0..30).
    const bool hasMin = std::isfinite(style.base.minZoom);
    const bool hasMax = std::isfinite(style.base.maxZoom);
    if (hasMin && hasMax) {
        return "zooms " + zoomNumber(style.base.minZoom) + "–" + zoomNumber(style.base.maxZoom);
    }
    if (hasMin) {
        return "from zoom " + zoomNumber(style.base.minZoom);
    }
    if (hasMax) {
        return "up to zoom " + zoomNumber(style.base.maxZoom);
    }
    return {};
}

} // namespace corridor::ui
