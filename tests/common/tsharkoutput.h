#pragma once
// tshark's standard output for the oracle suites, stored in tests/data/tshark-out so that CI does
// not start tshark some thousand times (half its ctest time). One file per run, named by a hash of
// the arguments and of the capture's bytes: a changed capture or argument is a new run. A run not
// stored is made live; SYNFLOW_TSHARK_STORE=1 also writes it there (tests/data/tshark-out/README.md).
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace synflow::test {

struct TsharkRun {
    int exitCode = -1;
    QByteArray out;
    bool stored = false; // read from tests/data/tshark-out rather than run
};

// `tshark -r CAPTURE ARGS...`, stored or live.
TsharkRun tsharkOutput(const QString& capture, const QStringList& args);

// The same run made live, whatever is stored (tst_tsharkoutput checks the store with it).
TsharkRun tsharkLive(const QString& capture, const QStringList& args);

// Where the stored runs live, and the file that stores one run.
QString tsharkOutputDir();
QString tsharkStoredPath(const QString& capture, const QStringList& args);

// A capture as a stored run's header names it ("data:x.pcap", "shared:breadth/y.pcap"), and back
// (empty when it is not there).
QString tsharkCaptureRef(const QString& capture);
QString tsharkCapturePath(const QString& ref);

} // namespace synflow::test
