#pragma once
// Default colouring rules, after Wireshark's defaults (Bad TCP, TCP RST, TCP SYN/FIN, HTTP,
// TCP, UDP, ARP, ICMP), in saturated-enough tones that still read on a projector.
#include <QColor>

#include <utility>

namespace synflow {
struct DecodedPacket;
}

// Returns {background, foreground}; invalid colours mean "no rule matched".
std::pair<QColor, QColor> packetColours(const synflow::DecodedPacket& d, uint32_t tcpAnalysisFlags);
