#pragma once
// LINKTYPE_* values (tcpdump.org/linktypes) that the decoders understand.
#include <cstdint>

namespace synflow::linktype {

constexpr uint16_t Null = 0;        // BSD loopback, host-order address family
constexpr uint16_t Ethernet = 1;
constexpr uint16_t RawOpenBsd = 12; // DLT_RAW on some BSDs
constexpr uint16_t RawAlt = 14;
constexpr uint16_t Raw = 101;
constexpr uint16_t Ieee80211 = 105;
constexpr uint16_t Loop = 108;      // OpenBSD loopback, network-order family
constexpr uint16_t LinuxSll = 113;
constexpr uint16_t Radiotap = 127;
constexpr uint16_t Ppi = 192;
constexpr uint16_t IPv4 = 228;
constexpr uint16_t IPv6 = 229;
constexpr uint16_t LinuxSll2 = 276;

const char* name(uint16_t linkType);
// Wireshark's encapsulation number (WTAP_ENCAP_*) for a link type, as tshark shows
// frame.encap_type and as its filters compare it; 0 (unknown) for link types we do not decode.
uint16_t wiretapEncapsulation(uint16_t linkType);

} // namespace synflow::linktype
