#pragma once
// tshark's statistics tables (-z conv, endpoints, io,stat) for the stats suites: one tshark run
// per capture prints every table asked for, and our tables must appear in it word for word.
#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace synflow::test {

// tshark on PATH, or empty (suites then skip, naming it).
QString tsharkProgram();

// Our own captures (tests/data) and the shared ones (top level of ../shared/captures, when
// present): name -> path, in name order.
std::vector<std::pair<QString, QString>> statsCaptures();

// tshark -2 -r CAPTURE with the oracle's TCP preferences and MAC names off, -q, then each
// "-z" argument of `taps`. Returns its standard output.
// `desegment`: TCP reassembly on (tshark's default) instead of the oracle's off.
QByteArray runTsharkStats(const QString& capture, const QStringList& taps, bool desegment = false);

// The -z taps every stats suite asks for: the ten conv/endpoints tables, two limited to a
// filter, and three io,stat reports (the whole capture, `intervalText` with three filter
// columns, and `intervalText` with the field-function columns).
// Without `withIo`, the conv/endpoints taps only.
QStringList standardTaps(const QString& intervalText, bool withIo = true);
extern const char* const kLimitFilter;  // the conv/endpoints filter of standardTaps
extern const char* const kIoFilters[3]; // the io,stat filter columns of standardTaps
extern const char* const kIoFunctions[8]; // its third io,stat report: field functions
QStringList ioFunctionColumns();           // kIoFunctions as strings

// An interval giving some tens of rows for a capture lasting `durationUs`: a power of ten
// between 1 ms and 1 000 000 s, as tshark's -z argument text.
QString intervalFor(int64_t durationUs);

// Empty when `tshark` contains `ours` whole (or differs from it only as documented: a
// conversation starting before the first frame); otherwise says where ours first differs
// from tshark's table of the same title (and filter).
QString missingTable(const QByteArray& tshark, const QByteArray& ours);

} // namespace synflow::test
