// The line-based protocols (SMTP, FTP, POP, IMAP) in the detail tree: each command or response
// line with its parts, as tshark -V shows them.
#include "fields/fieldregistry.h"
#include "tree/apptree.h"
#include "tree/appvaluenames.h"

#include <cctype>

namespace synflow {
namespace {

using apptext::fmt;

struct Line {
    uint32_t off, len, end;
};

std::vector<Line> lines(const AppTree& a)
{
    std::vector<Line> out;
    const uint8_t* p = a.data();
    uint32_t start = 0;
    for (uint32_t i = 0; i < a.size(); ++i)
        if (p[i] == '\n') {
            out.push_back({start, (i > start && p[i - 1] == '\r') ? i - 1 - start : i - start, i + 1});
            start = i + 1;
        }
    if (start < a.size())
        out.push_back({start, a.size() - start, a.size()});
    return out;
}

// Splits "WORD rest" at the first space.
std::pair<std::string_view, std::string_view> split(std::string_view s)
{
    const size_t sp = s.find(' ');
    if (sp == std::string_view::npos)
        return {s, {}};
    return {s.substr(0, sp), s.substr(sp + 1)};
}

bool threeDigits(std::string_view s)
{
    return s.size() >= 3 && std::isdigit(static_cast<unsigned char>(s[0])) && std::isdigit(static_cast<unsigned char>(s[1]))
           && std::isdigit(static_cast<unsigned char>(s[2])) && (s.size() == 3 || s[3] == ' ' || s[3] == '-');
}

void smtp(AppTree& a, int32_t root, const Line& l, bool fromServer)
{
    const std::string_view s = a.text(l.off, l.len);
    const std::string label = apptext::escaped(a.text(l.off, l.end - l.off));
    if (fromServer && threeDigits(s)) {
        const int32_t n = a.add(root, findField("smtp.response"), applabel::text("Response: " + label), l.off, l.end - l.off);
        const unsigned code = unsigned(std::stoul(std::string(s.substr(0, 3))));
        const char* name = appnames::smtpResponseCodes(code);
        a.add(n, findField("smtp.response.code"), fmt("Response code: %s (%u)", name ? name : "Unknown", code), l.off, 3);
        if (s.size() > 4)
            a.add(n, applabel::field("Response parameter", s.substr(4)), l.off + 4, l.len - 4);
        return;
    }
    if (fromServer) {
        a.add(root, applabel::text(label), l.off, l.end - l.off);
        return;
    }
    const auto [cmd, arg] = split(s);
    const int32_t n = a.add(root, findField("smtp.req"), applabel::text("Command Line: " + label), l.off, l.end - l.off);
    a.add(n, findField("smtp.req.command"), applabel::field("Command", cmd), l.off, uint32_t(cmd.size()));
    if (!arg.empty())
        a.add(n, findField("smtp.req.parameter"), applabel::field("Request parameter", arg), l.off + uint32_t(cmd.size() + 1), uint32_t(arg.size()));
}

void ftp(AppTree& a, int32_t root, const Line& l, bool fromServer)
{
    const std::string_view s = a.text(l.off, l.len);
    const int32_t n = a.add(root, applabel::text(apptext::escaped(a.text(l.off, l.end - l.off))), l.off, l.end - l.off);
    if (fromServer) {
        if (!threeDigits(s))
            return;
        const unsigned code = unsigned(std::stoul(std::string(s.substr(0, 3))));
        const char* name = appnames::ftpResponseCodes(code);
        a.add(n, findField("ftp.response.code"), fmt("Response code: %s (%u)", name ? name : "Unknown", code), l.off, 3);
        if (s.size() > 4)
            a.add(n, findField("ftp.response.arg"), applabel::field("Response arg", s.substr(4)), l.off + 4, l.len - 4);
        return;
    }
    const auto [cmd, arg] = split(s);
    a.add(n, findField("ftp.request.command"), applabel::field("Request command", cmd), l.off, uint32_t(cmd.size()));
    if (!arg.empty())
        a.add(n, findField("ftp.request.arg"), applabel::field("Request arg", arg), l.off + uint32_t(cmd.size() + 1), uint32_t(arg.size()));
}

void pop(AppTree& a, int32_t root, const Line& l, bool fromServer)
{
    const std::string_view s = a.text(l.off, l.len);
    const int32_t n = a.add(root, applabel::text(apptext::escaped(a.text(l.off, l.end - l.off))), l.off, l.end - l.off);
    const auto [first, rest] = split(s);
    if (fromServer) {
        if (first != "+OK" && first != "-ERR")
            return;
        a.add(n, findField("pop.response.indicator"), applabel::field("Response indicator", first), l.off, uint32_t(first.size()));
        if (!rest.empty())
            a.add(n, findField("pop.response.description"), applabel::field("Response description", rest), l.off + uint32_t(first.size() + 1),
                  uint32_t(rest.size()));
        return;
    }
    a.add(n, findField("pop.request.command"), applabel::field("Request command", first), l.off, uint32_t(first.size()));
    if (!rest.empty())
        a.add(n, findField("pop.request.parameter"), applabel::field("Request parameter", rest), l.off + uint32_t(first.size() + 1),
              uint32_t(rest.size()));
}

void imap(AppTree& a, int32_t root, const Line& l, bool fromServer)
{
    const std::string_view s = a.text(l.off, l.len);
    const int32_t n = a.add(root, applabel::text("Line: " + apptext::escaped(a.text(l.off, l.end - l.off))), l.off, l.end - l.off);
    const auto [tag, rest] = split(s);
    const char* side = fromServer ? "Response" : "Request";
    a.add(n, findField(fromServer ? "imap.response.tag" : "imap.request.tag"), applabel::field(std::string(side) + " Tag", tag), l.off, uint32_t(tag.size()));
    if (rest.empty())
        return;
    const uint32_t restOff = l.off + uint32_t(tag.size() + 1);
    if (fromServer) {
        a.add(n, findField("imap.response"), applabel::field("Response", rest), restOff, uint32_t(rest.size()));
        return;
    }
    const auto [cmd, args] = split(rest);
    a.add(n, findField("imap.request.command"), applabel::field("Request Command", cmd), restOff, uint32_t(cmd.size()));
    a.add(n, findField("imap.request"), applabel::field("Request", rest), restOff, uint32_t(rest.size()));
}

} // namespace

bool buildLineTree(DetailTree& t, const AppPayload& p, std::string_view protocol)
{
    AppTree a(t, p);
    if (a.size() == 0)
        return false;
    const char* title = protocol == "SMTP"  ? "Simple Mail Transfer Protocol"
                        : protocol == "FTP" ? "File Transfer Protocol (FTP)"
                        : protocol == "POP" ? "Post Office Protocol"
                        : protocol == "IMAP" ? "Internet Message Access Protocol"
                                             : nullptr;
    if (!title)
        return false;
    const int32_t root = a.add(-1, findField(protocol == "SMTP" ? "smtp" : protocol == "FTP" ? "ftp" : protocol == "POP" ? "pop" : "imap"), title, 0, a.size());
    for (const Line& l : lines(a)) {
        if (protocol == "SMTP")
            smtp(a, root, l, p.fromServer);
        else if (protocol == "FTP")
            ftp(a, root, l, p.fromServer);
        else if (protocol == "POP")
            pop(a, root, l, p.fromServer);
        else
            imap(a, root, l, p.fromServer);
    }
    return true;
}

} // namespace synflow
