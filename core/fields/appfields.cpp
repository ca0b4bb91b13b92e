// The application layers' fields (http.*, dns.*, tls.*, ssh.*, smtp.*, ftp.*, pop.*, imap.*):
// read from the detail tree's own decoders, so the n-th tree line showing a field is its n-th
// value (Apply as Filter relies on that) and the tree and the filter never disagree.
#include "fields/fieldtable.h"
#include "fields/fieldregistry.h"
#include "tree/detailtree.h"

#include <arpa/inet.h>

#include <cctype>
#include <charconv>
#include <deque>
#include <map>

namespace synflow::fieldtable {
namespace {

enum class Parse : uint8_t { Text, Header, Number, Bit, Address };

// The value a line shows: after "Name: ", without a header's line end or the brackets of a
// generated line.
std::string_view valueOf(std::string_view label)
{
    if (label.starts_with('[') && label.ends_with(']'))
        label = label.substr(1, label.size() - 2);
    const size_t colon = label.find(": ");
    return colon == std::string_view::npos ? std::string_view() : label.substr(colon + 2);
}

// An enumerated line names its number last ("Client Hello (1)", "TLS 1.2 (0x0303)"); others
// start with it ("120 (2 minutes)", "3308").
bool numberOf(std::string_view value, int64_t& out)
{
    std::string_view digits = value;
    if (value.ends_with(')')) {
        const size_t open = value.rfind('(');
        const std::string_view inner = value.substr(open + 1, value.size() - open - 2);
        if (!inner.empty() && (std::isdigit(static_cast<unsigned char>(inner[0]))))
            digits = inner;
    }
    int base = 10;
    if (digits.starts_with("0x")) {
        digits.remove_prefix(2);
        base = 16;
    }
    uint64_t v = 0;
    const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v, base);
    if (r.ptr == digits.data())
        return false;
    out = int64_t(v);
    return true;
}

void addFromTree(Table& t, const char* name, FieldType type, const char* description, Parse parse, uint8_t hexDigits = 0)
{
    const std::string key = name;
    t.add(name, type, description, [key, parse](const FieldSource& s, FieldValues& v) {
        if (s.protocol.empty() || s.protocol == "TCP" || s.protocol == "UDP")
            return;
        const Field* self = findField(key);
        const DetailTree tree = buildApplicationTree(*s.decoded, s.protocol);
        // Texts outlive the tree: each field keeps the strings of its last read.
        thread_local std::map<std::string, std::deque<std::string>> kept;
        std::deque<std::string>& store = kept[key];
        store.clear();
        for (const DetailNode& n : tree.nodes()) {
            if (n.field != self)
                continue;
            std::string_view value = valueOf(n.label);
            switch (parse) {
            case Parse::Header:
                if (value.ends_with("\\r\\n"))
                    value.remove_suffix(4);
                [[fallthrough]];
            case Parse::Text:
                store.emplace_back(value);
                v.push_back(text(store.back()));
                break;
            case Parse::Number: {
                int64_t number = 0;
                if (numberOf(value, number))
                    v.push_back(integer(number));
                break;
            }
            case Parse::Bit: // "1... .... .... .... = Response: ..."
                v.push_back(integer(n.label.find('1') < n.label.find('=') ? 1 : 0));
                break;
            case Parse::Address: {
                FieldValue a;
                const std::string addr(value);
                if (inet_pton(addr.find(':') == std::string::npos ? AF_INET : AF_INET6, addr.c_str(), a.addr) == 1)
                    v.push_back(a);
                break;
            }
            }
        }
    }, NeedProtocolColumn, hexDigits);
}

} // namespace

void addAppFields(Table& t)
{
    using P = Parse;
    const FieldType S = FieldType::String, U = FieldType::Uint;
    addFromTree(t, "http.request.method", S, "Request Method", P::Text);
    addFromTree(t, "http.request.uri", S, "Request URI", P::Text);
    addFromTree(t, "http.request.uri.path", S, "Request URI Path", P::Text);
    addFromTree(t, "http.request.uri.query", S, "Request URI Query", P::Text);
    addFromTree(t, "http.request.version", S, "Request Version", P::Text);
    addFromTree(t, "http.response.version", S, "Response Version", P::Text);
    addFromTree(t, "http.response.code", U, "Status Code", P::Number);
    addFromTree(t, "http.response.phrase", S, "Response Phrase", P::Text);
    addFromTree(t, "http.host", S, "Host", P::Header);
    addFromTree(t, "http.user_agent", S, "User-Agent", P::Header);
    addFromTree(t, "http.accept", S, "Accept", P::Header);
    addFromTree(t, "http.referer", S, "Referer", P::Header);
    addFromTree(t, "http.cookie", S, "Cookie", P::Header);
    addFromTree(t, "http.connection", S, "Connection", P::Header);
    addFromTree(t, "http.server", S, "Server", P::Header);
    addFromTree(t, "http.location", S, "Location", P::Header);
    addFromTree(t, "http.content_type", S, "Content-Type", P::Header);
    addFromTree(t, "http.transfer_encoding", S, "Transfer-Encoding", P::Header);
    addFromTree(t, "http.content_length_header", S, "Content-Length", P::Header);
    addFromTree(t, "http.content_length", FieldType::Uint, "Content length", P::Number);

    addFromTree(t, "dns.id", U, "Transaction ID", P::Number, 4);
    addFromTree(t, "dns.flags", U, "Flags", P::Number, 4);
    addFromTree(t, "dns.flags.response", FieldType::Bool, "Response", P::Bit);
    addFromTree(t, "dns.count.queries", U, "Questions", P::Number);
    addFromTree(t, "dns.count.answers", U, "Answer RRs", P::Number);
    addFromTree(t, "dns.count.auth_rr", U, "Authority RRs", P::Number);
    addFromTree(t, "dns.count.add_rr", U, "Additional RRs", P::Number);
    addFromTree(t, "dns.qry.name", S, "Name", P::Text);
    addFromTree(t, "dns.qry.type", U, "Type", P::Number);
    addFromTree(t, "dns.qry.class", U, "Class", P::Number, 4);
    addFromTree(t, "dns.resp.name", S, "Name", P::Text);
    addFromTree(t, "dns.resp.type", U, "Type", P::Number);
    addFromTree(t, "dns.resp.ttl", FieldType::Int, "Time to live", P::Number);
    addFromTree(t, "dns.a", FieldType::Ipv4, "Address", P::Address);
    addFromTree(t, "dns.aaaa", FieldType::Ipv6, "AAAA Address", P::Address);
    addFromTree(t, "dns.cname", S, "CNAME", P::Text);

    addFromTree(t, "tls.record.content_type", U, "Content Type", P::Number);
    addFromTree(t, "tls.record.opaque_type", U, "Opaque Type", P::Number);
    addFromTree(t, "tls.record.version", U, "Version", P::Number, 4);
    addFromTree(t, "tls.record.length", U, "Length", P::Number);
    addFromTree(t, "tls.handshake.type", U, "Handshake Type", P::Number);
    addFromTree(t, "tls.handshake.length", U, "Length", P::Number);
    addFromTree(t, "tls.handshake.version", U, "Version", P::Number, 4);
    addFromTree(t, "tls.handshake.ciphersuite", U, "Cipher Suite", P::Number, 4);
    addFromTree(t, "tls.handshake.extension.type", U, "Type", P::Number);
    addFromTree(t, "tls.handshake.extensions_server_name", S, "Server Name", P::Text);
    addFromTree(t, "tls.handshake.extensions_alpn_str", S, "ALPN Next Protocol", P::Text);

    addFromTree(t, "ssh.protocol", S, "Protocol", P::Text);
    addFromTree(t, "ssh.packet_length", U, "Packet Length", P::Number);
    addFromTree(t, "ssh.padding_length", U, "Padding Length", P::Number);
    addFromTree(t, "ssh.message_code", U, "Message Code", P::Number);
    addFromTree(t, "ssh.kex_algorithms", S, "kex_algorithms string", P::Text);

    addFromTree(t, "smtp.req.command", S, "Command", P::Text);
    addFromTree(t, "smtp.req.parameter", S, "Request parameter", P::Text);
    addFromTree(t, "smtp.response.code", U, "Response code", P::Number);
    addFromTree(t, "smtp.rsp.parameter", S, "Response parameter", P::Text);
    addFromTree(t, "ftp.request.command", S, "Request command", P::Text);
    addFromTree(t, "ftp.request.arg", S, "Request arg", P::Text);
    addFromTree(t, "ftp.response.code", U, "Response code", P::Number);
    addFromTree(t, "ftp.response.arg", S, "Response arg", P::Text);
    addFromTree(t, "pop.request.command", S, "Request command", P::Text);
    addFromTree(t, "pop.request.parameter", S, "Request parameter", P::Text);
    addFromTree(t, "pop.response.indicator", S, "Response indicator", P::Text);
    addFromTree(t, "pop.response.description", S, "Response description", P::Text);
    addFromTree(t, "imap.request.tag", S, "Request Tag", P::Text);
    addFromTree(t, "imap.request.command", S, "Request Command", P::Text);
    addFromTree(t, "imap.request.username", S, "Request Username", P::Text);
    addFromTree(t, "imap.request.folder", S, "Request Folder", P::Text);
    addFromTree(t, "imap.response.tag", S, "Response Tag", P::Text);
    addFromTree(t, "imap.response.status", S, "Response Status", P::Text);
}

} // namespace synflow::fieldtable
