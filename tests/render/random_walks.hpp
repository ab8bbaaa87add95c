#pragma once
// A dense scribble no simplification thins: 40 random walks of 2500 steps (300 m standard deviation) in a 200 km
// square, fixed seed. What distance fields are for (fields.test.cpp, pixel_scale.test.cpp).

#include "core/geometry.hpp"

#include <random>
#include <vector>

namespace corridor::test {

inline core::Layer randomWalks()
{
    core::Layer layer;
    std::mt19937 rng(8);
    std::uniform_real_distribution<double> start(0.0, 2.0e5);
    std::normal_distribution<double> step(0.0, 300.0);
    for (int w = 0; w < 40; ++w) {
        std::vector<core::Vec2d> pts{{start(rng), start(rng)}};
        for (int i = 1; i < 2500; ++i) {
            pts.push_back({pts.back().x + step(rng), pts.back().y + step(rng)});
        }
        core::Feature f;
        f.type = core::GeometryType::Line;
        f.firstPart = core::appendPart(layer, core::PartRole::Line, pts.data(), pts.size());
        f.partCount = 1;
        layer.features.push_back(f);
    }
    return layer;
}

} // namespace corridor::test
