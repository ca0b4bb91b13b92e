#pragma once
// Captures big enough to be cut short while a reader is busy with them (the SIGBUS tests).
#include <QString>

#include <cstddef>
#include <vector>

namespace synflow::test {

// Writes a pcap of `packets` records to `path`: the records of the pcap `source` (Ethernet,
// IPv4) over and over, each copy with its times a second on and, with `shift`, its IPv4 addresses
// shifted, so it is a conversation of its own (without, two addresses in all: a flow graph's text
// stays narrow). Returns where each record ends (empty on failure).
std::vector<size_t> writeRepeatedCapture(const QString& source, const QString& path, size_t packets, bool shift = true);

// Cuts the file at `path` to `size` bytes in place, as another program truncating it would.
bool cutFile(const QString& path, size_t size);

// How many of the records ending at `recordEnds` lie wholly before `cut`.
size_t recordsBefore(const std::vector<size_t>& recordEnds, size_t cut);

} // namespace synflow::test
