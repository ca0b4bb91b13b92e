#pragma once
// The packet list's Source and Destination as Wireshark shows them by default: the IP addresses,
// else the link layer's (Ethernet, Linux cooked), named as Wireshark names MAC addresses
// (resolution of MAC addresses is on by default): "Broadcast", a well-known address or range
// ("LLDP_Multicast", "IPv6mcast_0c") from Wireshark's `wka` file, else the maker from its `manuf`
// file with the rest of the address ("Cisco_df:ae:18"). Without those files (Wireshark's data
// is not installed) the address is shown as it is. 802.11 frames (plain, radiotap, PPI) show
// their source and destination, or a control frame's receiver and transmitter with their role.
#include "decode/packetdecoder.h"

#include <cstdint>
#include <string>

namespace synflow {

// `resolveMacs` false: MAC addresses as they are (for the anonymiser, which rewrites them).
std::string columnAddress(const DecodedPacket& d, bool source, bool resolveMacs = true);
// A MAC address as the column names it ("Cisco_df:ae:18", or "02:00:00:00:10:01").
std::string resolvedMac(const uint8_t* mac);
// The maker an OUI belongs to, in manuf's full words ("Xerox Corporation"); null if unknown.
const char* ouiMakerName(uint32_t oui);

} // namespace synflow
