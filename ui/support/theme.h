#pragma once
// Light or dark window colours (View → Dark Theme, kept in QSettings). The packet list's
// colour rules set both background and text, so they read the same on either.
void applyTheme(bool dark);
// What the last applyTheme() set (a run may override the saved choice with --theme).
bool isDarkThemeApplied();
bool savedDarkTheme();
void saveDarkTheme(bool dark);
