// The line-based protocols (SMTP, FTP, POP, IMAP) in the detail tree: each command or response
// line with its parts, as tshark -V shows them.
#include "fields/fieldregistry.h"
#include "tree/apptree.h"
#include "tree/appvaluenames.h"

#include <cctype>

namespace synflow {
namespace {

using apptext::fmt;

struct CommandLine {
    uint32_t off, len, end;
};

std::vector<CommandLine> lines(const AppTree& a)
{
    std::vector<CommandLine> out;
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

// An SMTP reply may span lines ("250-…" then "250 …"): one Response node, the code once, a
// parameter per line.
struct SmtpReply {
    int32_t node = -1;
};

void smtp(AppTree& a, int32_t root, const CommandLine& l, bool fromServer, bool inData, SmtpReply& reply)
{
    const std::string_view s = a.text(l.off, l.len);
    const std::string label = apptext::escaped(a.text(l.off, l.end - l.off));
    if (inData)
        return; // message text after DATA: tshark's Internet Message Format (not decoded here)
    if (fromServer && threeDigits(s)) {
        if (reply.node < 0) {
            reply.node = a.add(root, findField("smtp.response"), applabel::text("Response: " + label), l.off, l.end - l.off);
            const unsigned code = unsigned(std::stoul(std::string(s.substr(0, 3))));
            const char* name = appnames::smtpResponseCodes(code);
            a.add(reply.node, findField("smtp.response.code"), fmt("Response code: %s (%u)", name ? name : "Unknown", code), l.off, 3);
        }
        if (s.size() > 4)
            a.add(reply.node, findField("smtp.rsp.parameter"), applabel::field("Response parameter", apptext::ascii(s.substr(4))), l.off + 4, l.len - 4);
        if (s.size() == 3 || s[3] == ' ')
            reply.node = -1; // the reply's last line
        return;
    }
    if (fromServer) {
        a.add(root, applabel::text(label), l.off, l.end - l.off);
        return;
    }
    const auto [cmd, arg] = split(s);
    const int32_t n = a.add(root, findField("smtp.req"), applabel::text("Command Line: " + label), l.off, l.end - l.off);
    a.add(n, findField("smtp.req.command"), applabel::field("Command", apptext::ascii(cmd)), l.off, uint32_t(cmd.size()));
    if (!arg.empty())
        a.add(n, findField("smtp.req.parameter"), applabel::field("Request parameter", apptext::ascii(arg)), l.off + uint32_t(cmd.size() + 1),
              uint32_t(arg.size()));
}

// Whether the client's segment in `frame` is message text: it follows the server's 354 and
// the terminating "." line has not been sent yet.
bool smtpInData(const AppPayload& p)
{
    if (!p.stream || !p.frame || p.fromServer)
        return false;
    bool data = false;
    (*p.stream)([&](const StreamSegment& seg) {
        if (seg.frame >= p.frame)
            return false;
        const std::string_view text(reinterpret_cast<const char*>(seg.payload.data()), seg.payload.size());
        if (seg.fromServer && text.starts_with("354"))
            data = true;
        else if (!seg.fromServer && data && (text == ".\r\n" || text.ends_with("\r\n.\r\n")))
            data = false;
        return true;
    });
    return data;
}

void ftp(AppTree& a, int32_t root, const CommandLine& l, bool fromServer)
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
            a.add(n, findField("ftp.response.arg"), applabel::field("Response arg", apptext::ascii(s.substr(4))), l.off + 4, l.len - 4);
        return;
    }
    const auto [cmd, arg] = split(s);
    a.add(n, findField("ftp.request.command"), applabel::field("Request command", apptext::ascii(cmd)), l.off, uint32_t(cmd.size()));
    if (!arg.empty())
        a.add(n, findField("ftp.request.arg"), applabel::field("Request arg", apptext::ascii(arg)), l.off + uint32_t(cmd.size() + 1), uint32_t(arg.size()));
}

void pop(AppTree& a, int32_t root, const CommandLine& l, bool fromServer)
{
    const std::string_view s = a.text(l.off, l.len);
    const int32_t n = a.add(root, applabel::text(apptext::escaped(a.text(l.off, l.end - l.off))), l.off, l.end - l.off);
    const auto [first, rest] = split(s);
    if (fromServer) {
        if (first != "+OK" && first != "-ERR")
            return;
        a.add(n, findField("pop.response.indicator"), applabel::field("Response indicator", apptext::ascii(first)), l.off, uint32_t(first.size()));
        if (!rest.empty())
            a.add(n, findField("pop.response.description"), applabel::field("Response description", apptext::ascii(rest)), l.off + uint32_t(first.size() + 1),
                  uint32_t(rest.size()));
        return;
    }
    a.add(n, findField("pop.request.command"), applabel::field("Request command", apptext::ascii(first)), l.off, uint32_t(first.size()));
    if (!rest.empty())
        a.add(n, findField("pop.request.parameter"), applabel::field("Request parameter", apptext::ascii(rest)), l.off + uint32_t(first.size() + 1),
              uint32_t(rest.size()));
}

// The IMAP exchange partner of a tagged line: the response to a request or the request of a
// response (same tag, the other side), with its frame and time.
struct ImapPartner {
    uint64_t frame = 0;
    int64_t timeNs = 0;
};

ImapPartner imapPartner(const AppPayload& p, std::string_view tag, bool fromServer)
{
    ImapPartner found;
    if (!p.stream || !p.frame)
        return found;
    (*p.stream)([&](const StreamSegment& seg) {
        if (seg.fromServer == fromServer)
            return true;
        if (fromServer ? seg.frame >= p.frame : seg.frame <= p.frame)
            return fromServer ? false : true;
        std::string_view text(reinterpret_cast<const char*>(seg.payload.data()), seg.payload.size());
        while (!text.empty()) {
            const size_t eol = text.find('\n');
            const std::string_view line = text.substr(0, eol);
            if (line.starts_with(tag) && line.size() > tag.size() && line[tag.size()] == ' ') {
                found = {seg.frame, seg.timeNs};
                if (!fromServer)
                    return false; // the first response after the request
            }
            text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
        }
        return true;
    });
    return found;
}

void imap(AppTree& a, int32_t root, const CommandLine& l, const AppPayload& p)
{
    const std::string_view s = a.text(l.off, l.len);
    const int32_t n = a.add(root, applabel::text("Line: " + apptext::escaped(a.text(l.off, l.end - l.off))), l.off, l.end - l.off);
    const auto [tag, rest] = split(s);
    if (tag == "*" || tag == "+")
        return; // untagged data and continuation requests carry no parts in tshark's tree
    const bool fromServer = p.fromServer;
    const char* side = fromServer ? "Response" : "Request";
    a.add(n, findField(fromServer ? "imap.response" : "imap.request"), applabel::field(side, apptext::ascii(s)), l.off, l.len);
    a.add(n, findField(fromServer ? "imap.response.tag" : "imap.request.tag"), applabel::field(std::string(side) + " Tag", apptext::ascii(tag)),
          l.off, uint32_t(tag.size()));
    const uint32_t restOff = l.off + uint32_t(tag.size() + 1);
    const auto [first, args] = split(rest);
    if (fromServer) {
        if (!first.empty())
            a.add(n, findField("imap.response.status"), applabel::field("Response Status", apptext::ascii(first)), restOff, uint32_t(first.size()));
        const auto [command, tail] = split(args);
        if (!command.empty())
            a.add(n, findField("imap.response.command"), applabel::field("Response Command", apptext::ascii(command)),
                  restOff + uint32_t(first.size() + 1), uint32_t(command.size()));
        const ImapPartner request = imapPartner(p, tag, true);
        if (request.frame) {
            a.add(n, fmt("[Request In: %llu]", static_cast<unsigned long long>(request.frame)));
            const int64_t ns = p.timeNs - request.timeNs;
            a.add(n, fmt("[Response Time: %lld.%09lld seconds]", static_cast<long long>(ns / 1000000000), static_cast<long long>(ns % 1000000000)));
        }
        return;
    }
    if (!first.empty())
        a.add(n, findField("imap.request.command"), applabel::field("Request Command", apptext::ascii(first)), restOff, uint32_t(first.size()));
    std::string command(first);
    for (char& c : command)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    const uint32_t argsOff = restOff + uint32_t(first.size() + 1);
    if (command == "LOGIN") {
        const auto [user, password] = split(args);
        a.add(n, findField("imap.request.username"), applabel::field("Request Username", apptext::ascii(user)), argsOff, uint32_t(user.size()));
        // tshark 4.0 takes the password as if quoted: its first and last characters dropped.
        const std::string_view inner = password.size() >= 2 ? password.substr(1, password.size() - 2) : std::string_view();
        a.add(n, findField("imap.request.password"), applabel::field("Request Password", apptext::ascii(inner)), argsOff + uint32_t(user.size() + 1),
              uint32_t(password.size()));
    } else if (command == "SELECT" || command == "EXAMINE" || command == "CREATE" || command == "DELETE" || command == "SUBSCRIBE"
               || command == "UNSUBSCRIBE" || command == "STATUS") {
        const auto [folder, more] = split(args);
        if (!folder.empty())
            a.add(n, findField("imap.request.folder"), applabel::field("Request Folder", apptext::ascii(folder)), argsOff, uint32_t(folder.size()));
    }
    const ImapPartner response = imapPartner(p, tag, false);
    if (response.frame)
        a.add(n, fmt("[Response In: %llu]", static_cast<unsigned long long>(response.frame)));
}

// FTP's working directory as the conversation set it up to `frame`: a 257 reply names it, a
// 250 reply confirms a CWD.
std::string ftpDirectory(const AppPayload& p)
{
    std::string cwd, pending;
    if (!p.stream || !p.frame)
        return cwd;
    (*p.stream)([&](const StreamSegment& seg) {
        if (seg.frame > p.frame)
            return false;
        const std::string_view text(reinterpret_cast<const char*>(seg.payload.data()), seg.payload.size());
        if (!seg.fromServer && text.starts_with("CWD ")) {
            std::string_view dir = text.substr(4);
            while (!dir.empty() && (dir.back() == '\n' || dir.back() == '\r'))
                dir.remove_suffix(1);
            pending = dir;
        } else if (seg.fromServer && text.starts_with("257 ")) {
            const size_t q1 = text.find('"'), q2 = q1 == std::string_view::npos ? q1 : text.find('"', q1 + 1);
            if (q2 != std::string_view::npos)
                cwd = text.substr(q1 + 1, q2 - q1 - 1);
        } else if (seg.fromServer && text.starts_with("250") && !pending.empty()) {
            cwd = pending.front() == '/' ? pending : (cwd.ends_with('/') ? cwd : cwd + "/") + pending;
            pending.clear();
        }
        return true;
    });
    return cwd;
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
    const bool inData = protocol == "SMTP" && smtpInData(p);
    SmtpReply reply;
    for (const CommandLine& l : lines(a)) {
        if (protocol == "SMTP")
            smtp(a, root, l, p.fromServer, inData, reply);
        else if (protocol == "FTP")
            ftp(a, root, l, p.fromServer);
        else if (protocol == "POP")
            pop(a, root, l, p.fromServer);
        else
            imap(a, root, l, p);
    }
    if (protocol == "FTP" && p.stream)
        t.add(-1, "[Current working directory: " + ftpDirectory(p) + "]");
    return true;
}

} // namespace synflow
