#pragma once
// Light or dark window colours (View → Dark Theme, kept in QSettings). The packet list's
// colour rules set both background and text, so they read the same on either.
void applyTheme(bool dark);
bool savedDarkTheme();
void saveDarkTheme(bool dark);
