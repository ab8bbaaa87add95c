// libFuzzer target: the label text pipeline without GL. The input is a label string (shaped with HarfBuzz and
// FriBiDi, as any UTF-8 a data file may hold) followed by bytes that become screen geometry for placeLabels and
// lineLabelSpots, in the ranges the renderer hands them (a viewport's pixels, a clipped visible line).
#include "core/labels.hpp"
#include "render/text_shaper.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace {

using corridor::core::Vec2d;

corridor::render::TextShaper& shaper()
{
    static corridor::render::TextShaper instance(corridor::render::defaultFontPath());
    return instance;
}

double coordinate(FuzzedDataProvider& in) { return in.ConsumeFloatingPointInRange<double>(-20000.0, 20000.0); }

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider in(data, size);
    // The text first, up to a 0 byte, so seeds can be plain label strings.
    std::string text;
    while (in.remaining_bytes() > 0) {
        const char c = in.ConsumeIntegral<char>();
        if (c == '\0') {
            break;
        }
        text.push_back(c);
    }
    corridor::render::ShapedText shaped;
    shaper().shape(text, shaped);
    const float sizePx = in.ConsumeFloatingPointInRange<float>(1.0f, 96.0f);
    const corridor::render::TextMetrics metrics = corridor::render::metricsAt(shaped, sizePx);
    const corridor::render::TextAnchor anchor{
        static_cast<corridor::render::HAlign>(in.ConsumeIntegralInRange<int>(0, 2)),
        static_cast<corridor::render::VAlign>(in.ConsumeIntegralInRange<int>(0, 3))};
    (void)metrics.originFromAnchor(anchor);

    // Labels of this text's size (and fuzzed others) placed in a viewport.
    corridor::core::PlacementOptions options;
    options.width = in.ConsumeFloatingPointInRange<double>(0.0, 4096.0);
    options.height = in.ConsumeFloatingPointInRange<double>(0.0, 4096.0);
    std::vector<corridor::core::LabelRequest> requests(in.ConsumeIntegralInRange<std::size_t>(0, 48));
    for (std::size_t i = 0; i < requests.size(); ++i) {
        corridor::core::LabelRequest& r = requests[i];
        r.id = static_cast<std::uint32_t>(i);
        r.priority = in.ConsumeFloatingPointInRange<double>(-10.0, 10.0);
        r.anchor = {coordinate(in), coordinate(in)};
        const bool ownText = in.ConsumeBool();
        r.width = ownText ? metrics.width : in.ConsumeFloatingPointInRange<double>(0.0, 2000.0);
        r.height = ownText ? metrics.height : in.ConsumeFloatingPointInRange<double>(0.0, 200.0);
        r.markerRadius = in.ConsumeFloatingPointInRange<double>(0.0, 40.0);
        r.markerHalf = {in.ConsumeFloatingPointInRange<double>(0.0, 2000.0),
                        in.ConsumeFloatingPointInRange<double>(0.0, 2000.0)};
        r.markerIsObstacle = in.ConsumeBool();
        r.landmark = in.ConsumeBool();
        r.pointLabel = in.ConsumeBool();
        r.angle = in.ConsumeFloatingPointInRange<double>(-7.0, 7.0);
        r.leader = in.ConsumeBool();
        r.group = in.ConsumeIntegralInRange<std::uint32_t>(0, 3);
        r.spots.resize(in.ConsumeIntegralInRange<std::size_t>(0, 4));
        for (auto& spot : r.spots) {
            spot.resize(in.ConsumeIntegralInRange<std::size_t>(0, 4));
            for (auto& box : spot) {
                box.minX = coordinate(in);
                box.minY = coordinate(in);
                box.maxX = box.minX + in.ConsumeFloatingPointInRange<double>(0.0, 500.0);
                box.maxY = box.minY + in.ConsumeFloatingPointInRange<double>(0.0, 500.0);
            }
        }
    }
    std::vector<corridor::core::ScreenBox> obstacles(in.ConsumeIntegralInRange<std::size_t>(0, 8));
    for (auto& box : obstacles) {
        box.minX = coordinate(in);
        box.minY = coordinate(in);
        box.maxX = box.minX + in.ConsumeFloatingPointInRange<double>(0.0, 500.0);
        box.maxY = box.minY + in.ConsumeFloatingPointInRange<double>(0.0, 500.0);
    }
    (void)corridor::core::placeLabels(requests, options, obstacles);

    // Spots along a line for this text, with the renderer's step (a third of the text, at least 24 px).
    std::vector<Vec2d> path(in.ConsumeIntegralInRange<std::size_t>(0, 256));
    for (Vec2d& p : path) {
        p = {coordinate(in), coordinate(in)};
    }
    const double length = metrics.width + 16.0;
    const double maxTurn = in.ConsumeFloatingPointInRange<double>(0.0, 3.2);
    (void)corridor::core::lineLabelSpots(path, length, maxTurn, std::max(metrics.width / 3.0, 24.0));
    (void)corridor::core::visibleAreaSpot(path, options.width, options.height);
    return 0;
}
