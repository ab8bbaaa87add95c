#include "ui/layer_status.hpp"

#include <algorithm>
#include <string_view>

namespace corridor::ui {

namespace {

bool setsVisible(const core::StyleRule& rule, bool value)
{
    return rule.patch.visible == value &&
           std::find(rule.sets.begin(), rule.sets.end(), std::string_view("visible")) != rule.sets.end();
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

} // namespace corridor::ui
