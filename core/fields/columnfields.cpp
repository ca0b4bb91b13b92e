// The packet list's columns (_ws.col.*) and the application protocols the Protocol column names.
#include "fields/fieldtable.h"

namespace synflow::fieldtable {

void addColumnFields(Table& t)
{
    t.add("_ws.col.protocol", FieldType::String, "Protocol", [](const FieldSource& s, FieldValues& v) { v.push_back(text(s.protocol)); },
          NeedProtocolColumn);
    t.add("_ws.col.info", FieldType::String, "Info", [](const FieldSource& s, FieldValues& v) { v.push_back(text(s.info)); },
          NeedInfoColumn);
    // A packet "is" HTTP when the Protocol column says so (OCSP rides on HTTP).
    const std::tuple<const char*, const char*, std::vector<std::string_view>> apps[] = {
        {"http", "Hypertext Transfer Protocol", {"HTTP", "OCSP"}},
        {"tls", "Transport Layer Security", {"TLS", "SSL"}},
        {"dns", "Domain Name System", {"DNS"}},
        {"ssh", "SSH Protocol", {"SSH"}},
        {"dhcp", "Dynamic Host Configuration Protocol", {"DHCP", "BOOTP"}},
        {"smtp", "Simple Mail Transfer Protocol", {"SMTP"}},
        {"ftp", "File Transfer Protocol (FTP)", {"FTP"}},
        {"pop", "Post Office Protocol", {"POP"}},
        {"imap", "Internet Message Access Protocol", {"IMAP"}}};
    for (const auto& [name, description, prefixes] : apps)
        t.presence(name, FieldType::Protocol, description, [prefixes = prefixes](const FieldSource& s) {
            for (std::string_view p : prefixes)
                if (s.protocol.substr(0, p.size()) == p)
                    return true;
            return false;
        }, NeedProtocolColumn);
}

} // namespace synflow::fieldtable
