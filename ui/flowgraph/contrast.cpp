#include "flowgraph/contrast.h"

#include <cmath>

namespace contrast {

double relativeLuminance(const QColor& c)
{
    auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    const QColor rgb = c.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

double ratio(const QColor& a, const QColor& b)
{
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableOn(const QColor& c, const QColor& background, double minimum)
{
    if (ratio(c, background) >= minimum)
        return c;
    // Towards the end of the scale the background is farthest from.
    const QColor target = ratio(Qt::black, background) >= ratio(Qt::white, background) ? QColor(Qt::black) : QColor(Qt::white);
    const QColor from = c.toRgb();
    for (int step = 1; step <= 20; ++step) {
        const double t = step / 20.0;
        const QColor mixed = QColor::fromRgbF(float(from.redF() + (target.redF() - from.redF()) * t),
                                              float(from.greenF() + (target.greenF() - from.greenF()) * t),
                                              float(from.blueF() + (target.blueF() - from.blueF()) * t));
        if (ratio(mixed, background) >= minimum)
            return mixed;
    }
    return target;
}

QColor blend(const QColor& top, const QColor& bottom)
{
    const QColor t = top.toRgb(), b = bottom.toRgb();
    const double a = t.alphaF();
    return QColor::fromRgbF(float(t.redF() * a + b.redF() * (1 - a)), float(t.greenF() * a + b.greenF() * (1 - a)),
                            float(t.blueF() * a + b.blueF() * (1 - a)));
}

} // namespace contrast
