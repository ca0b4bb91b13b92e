#pragma once
// `synflow --benchmark-statistics FILE`: opens FILE, then each Statistics and Analyze window the
// way a user does (menu action, selected packet), and prints how long each took to show and to
// show its figures, the GUI thread's longest stall meanwhile, the tcptrace graph of the largest
// TCP stream (first draw, then a frame while panning and zooming), Follow TCP Stream's first
// screen of that stream, and memory with all of them open against the window's without them.
#include <QString>

class MainWindow;

int runStatisticsBenchmark(MainWindow& window, const QString& path);
