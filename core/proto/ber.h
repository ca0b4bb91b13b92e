#pragma once
// Reading BER (ASN.1 basic encoding rules) elements as tshark's BER helpers do, for the
// protocols that are BER messages (SNMP, LDAP).
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow::ber {

// One element: its tag, where its contents start and end.
struct Element {
    uint8_t tag = 0;
    size_t start = 0, end = 0;
};

enum class Read { Ok, Cut, Bad };

// The element at `o`. Its header must be in the captured bytes p[0, cap) and it must fit in
// `end`, what holds it; its contents may run past `cap` (the capture cut them).
Read element(const uint8_t* p, size_t cap, size_t end, size_t o, Element& e);

// A primitive element's contents as an unsigned number (its first four bytes).
uint32_t unsignedValue(const uint8_t* p, const Element& e);

// An object identifier's arcs as dotted numbers ("1.3.6.1.2.1.1.5.0").
std::string oidText(const uint8_t* p, size_t n);

// An OID's first arc by name, as tshark writes an identifier it has no name for
// ("iso.3.6.1.4.1.4203.1.11.3").
std::string rootNamedOid(const std::string& dotted);

} // namespace synflow::ber
