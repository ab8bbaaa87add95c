#include "core/flyto.hpp"

#include <algorithm>
#include <cmath>

namespace corridor::core {

View viewOf(const Camera& camera)
{
    return {camera.center, camera.unitsPerPixel};
}

void applyView(Camera& camera, const View& view)
{
    camera.unitsPerPixel = std::clamp(view.unitsPerPixel, camera.minUnitsPerPixel(), camera.maxUnitsPerPixel());
    camera.center = view.center;
    if (camera.limits && !camera.limits->area.empty()) {
        const Bounds& a = camera.limits->area;
        camera.center.x = std::clamp(camera.center.x, a.minX, a.maxX);
        camera.center.y = std::clamp(camera.center.y, a.minY, a.maxY);
    }
}

FlyPath::FlyPath(const View& from, const View& to, double viewportPx, double rho)
    : m_from(from)
    , m_to(to)
    , m_rho(rho > 0.0 ? rho : kDefaultRho)
    , m_viewportPx(std::max(1.0, viewportPx))
{
    m_w0 = std::max(from.unitsPerPixel, 1e-12) * m_viewportPx;
    m_w1 = std::max(to.unitsPerPixel, 1e-12) * m_viewportPx;
    const Vec2d d = to.center - from.center;
    m_u1 = std::hypot(d.x, d.y);
    const double rho2 = m_rho * m_rho;
    // Below a millionth of a screen width the closed form divides by nearly nothing; the move is then a pure zoom
    // (the paper's special case u0 = u1), with the centre eased across the negligible gap.
    if (!(m_u1 > 1e-6 * std::max(m_w0, m_w1))) {
        m_zoomOnly = true;
        m_length = std::abs(std::log(m_w1 / m_w0)) / m_rho;
        return;
    }
    const double b0 = (m_w1 * m_w1 - m_w0 * m_w0 + rho2 * rho2 * m_u1 * m_u1) / (2.0 * m_w0 * rho2 * m_u1);
    const double b1 = (m_w1 * m_w1 - m_w0 * m_w0 - rho2 * rho2 * m_u1 * m_u1) / (2.0 * m_w1 * rho2 * m_u1);
    // r_i = ln(-b_i + sqrt(b_i^2 + 1)) = asinh(-b_i), which stays accurate where the logarithm cancels.
    m_r0 = std::asinh(-b0);
    const double r1 = std::asinh(-b1);
    m_length = (r1 - m_r0) / m_rho;
}

double FlyPath::duration() const
{
    if (!(m_length > 0.0)) {
        return 0.0;
    }
    return std::clamp(m_length * kSecondsPerUnit, kMinSeconds, kMaxSeconds);
}

View FlyPath::at(double t) const
{
    if (!(t > 0.0)) { // NaN too: the start
        return m_from;
    }
    if (t >= 1.0) {
        return m_to;
    }
    const double s = t * m_length;
    double w = 0.0;
    double fraction = 0.0; // of the way from the start centre to the end centre
    if (m_zoomOnly) {
        const double k = m_w1 >= m_w0 ? 1.0 : -1.0;
        w = m_w0 * std::exp(k * m_rho * s);
        fraction = t;
    } else {
        const double rho2 = m_rho * m_rho;
        const double a = m_rho * s + m_r0;
        w = m_w0 * std::cosh(m_r0) / std::cosh(a);
        const double u = m_w0 / rho2 * (std::cosh(m_r0) * std::tanh(a) - std::sinh(m_r0));
        fraction = std::clamp(u / m_u1, 0.0, 1.0);
    }
    View v;
    v.center = m_from.center + (m_to.center - m_from.center) * fraction;
    v.unitsPerPixel = w / m_viewportPx;
    return v;
}

View FlyPath::atTime(double seconds) const
{
    const double total = duration();
    if (!(total > 0.0)) {
        return m_to;
    }
    const double t = std::clamp(seconds / total, 0.0, 1.0);
    return at(t * t * (3.0 - 2.0 * t));
}

void PanInertia::addDragSample(double dx, double dy, double dt)
{
    m_gliding = false;
    m_window = m_window + Vec2d {dx, dy};
    m_windowTime += std::max(0.0, dt);
    // Keep only about the last kSampleWindow seconds: older motion fades in proportion.
    if (m_windowTime > kSampleWindow) {
        const double keep = kSampleWindow / m_windowTime;
        m_window = m_window * keep;
        m_windowTime = kSampleWindow;
    }
}

void PanInertia::release(double idleSeconds)
{
    const Vec2d window = m_window;
    const double time = m_windowTime;
    m_window = {};
    m_windowTime = 0.0;
    m_velocity = {};
    m_gliding = false;
    // A drag too short to time (all its moves in one frame) or held still before release does not glide.
    if (idleSeconds > kSampleWindow || time < 1e-3) {
        return;
    }
    Vec2d v = window * (1.0 / time);
    const double speed = std::hypot(v.x, v.y);
    if (speed > kMaxSpeed) {
        v = v * (kMaxSpeed / speed);
    }
    if (std::hypot(v.x, v.y) >= kMinGlideSpeed) {
        m_velocity = v;
        m_gliding = true;
    }
}

void PanInertia::stop()
{
    m_gliding = false;
    m_velocity = {};
    m_window = {};
    m_windowTime = 0.0;
}

Vec2d PanInertia::step(double dt)
{
    if (!m_gliding || !(dt > 0.0)) {
        return {};
    }
    // Exact integral of v·2^(-t/h) over the step, so the glide's length does not depend on the frame rate.
    const double decay = std::exp2(-dt / kHalfLifeSeconds);
    const double travelled = (1.0 - decay) * kHalfLifeSeconds / std::log(2.0);
    const Vec2d d = m_velocity * travelled;
    m_velocity = m_velocity * decay;
    if (std::hypot(m_velocity.x, m_velocity.y) < kStopSpeed) {
        m_gliding = false;
        m_velocity = {};
    }
    return d;
}

} // namespace corridor::core
