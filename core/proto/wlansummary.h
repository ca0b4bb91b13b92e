#pragma once
// 802.11 frames that carry no IP: where their header is, and the Info tshark writes for them
// ("Beacon frame, SN=2892, FN=0, Flags=........C, BI=100, SSID="NiceAl"").
#include "decode/packetdecoder.h"

#include <cstdint>
#include <string>

namespace synflow {

// Where the 802.11 header begins after the radio header (radiotap, PPI); -1 when the frame
// carries none.
int64_t wlanHeaderOffset(const DecodedPacket& d);

// The Info of an 802.11 frame decoding stopped at: its kind, for management and data frames
// the sequence and fragment numbers, the flags, and a management frame's first fixed and
// tagged parameters as tshark lists them.
std::string wlanInfo(const DecodedPacket& d);

} // namespace synflow
