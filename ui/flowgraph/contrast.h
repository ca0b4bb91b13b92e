#pragma once
// WCAG 2 contrast between two colours, and a colour nudged until it reads on a background:
// the flow graph keeps its hues (and their meaning) in light and dark themes alike.
#include <QColor>

namespace contrast {

constexpr double kMinimumText = 4.5; // WCAG AA for normal text

double relativeLuminance(const QColor& c);
double ratio(const QColor& a, const QColor& b); // 1 .. 21
// `c` moved towards black or white (whichever the background contrasts with more) just far
// enough for `minimum` against `background`; `c` itself when it already reads.
QColor readableOn(const QColor& c, const QColor& background, double minimum = kMinimumText);
// `top` painted with its alpha over `bottom`.
QColor blend(const QColor& top, const QColor& bottom);

} // namespace contrast
