#pragma once
// `synflow --benchmark FILE`: opens FILE in a real window and prints how long the first
// rows took to appear, the whole load, selecting packets and scrolling to random places.
#include <QString>

class MainWindow;

int runGuiBenchmark(MainWindow& window, const QString& path);
