#pragma once
// tshark's names for the enumerated values of the headers SynFlow decodes (EtherTypes, IP
// protocols, ARP hardware types and opcodes, Linux cooked packet types, BSD loopback families,
// VLAN priorities, TCP option kinds, ICMPv6 types), as tshark 4.0 prints them in its detail tree.
#include <cstdint>

namespace synflow {

// Null when tshark has no name for the value.
const char* etherTypeValueName(uint32_t type);
const char* ipProtocolValueName(uint32_t protocol);
const char* arpHardwareValueName(uint32_t type); // also the Linux cooked header's address type
const char* arpOpcodeValueName(uint32_t opcode);
const char* sllPacketTypeValueName(uint32_t type);
const char* nullFamilyValueName(uint32_t family);
const char* vlanPriorityValueName(uint32_t priority);
const char* tcpOptionKindValueName(uint32_t kind);
const char* icmpv6TypeValueName(uint32_t type);
const char* gtpMessageValueName(uint32_t type); // GTP versions 0 and 1
const char* gtpv2MessageValueName(uint32_t type); // GTPv2-C

} // namespace synflow
