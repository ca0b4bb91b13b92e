#pragma once
// IETF QUIC's layers of the detail tree (quictree.cpp), from the datagram's packets as
// proto/quicinfo read them (FrameContext::quic).
#include "tree/detailtree.h"

#include <cstdint>

namespace synflow {

// The QUIC packets of the UDP payload at `payloadOffset` in the frame.
void buildQuicTree(DetailTree& t, const FrameContext& c, uint32_t payloadOffset, uint16_t serverPort);

} // namespace synflow
