#pragma once
// A DNS message in the Info column, as tshark writes it: the operation and ID, the response
// code, each question's type and name, then every record of the answer, authority and
// additional sections by type, with the data tshark shows for its type (an address, a name, MX
// preference and exchange, SRV priority, weight, port and target...). Also mDNS and LLMNR.
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow {

enum class DnsFlavour : uint8_t { Dns, Mdns };

// Appends to `info` (cleared first, as tshark clears Info before it reads the header). Returns
// false when the message ends inside a part tshark reads (it then stops with an exception:
// the caller appends "[Malformed Packet]", or over TCP the reassembly note). `need`, when given,
// receives the end of the read that failed, for a caller to tell a cut capture from a short message.
bool appendDnsInfo(std::string& info, const uint8_t* p, size_t n, DnsFlavour flavour = DnsFlavour::Dns, size_t* need = nullptr);

} // namespace synflow
