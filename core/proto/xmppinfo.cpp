#include "proto/xmppinfo.h"

#include <string_view>
#include <utility>
#include <vector>

namespace synflow {
namespace {

bool xmlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool nameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

// What tshark's XML reader leaves of the bytes, as far as XMPP's Info uses it: the top-level
// nodes, and each element's attributes and child elements.
struct Node {
    enum Kind : uint8_t { Element, Text, Declaration };
    Kind kind = Element;
    std::string_view name; // without its namespace prefix; a declaration's target ("xml")
    std::string_view prefix;
    std::vector<std::pair<std::string_view, std::string_view>> attrs;
    std::vector<size_t> children; // elements only
};

class XmlReader {
public:
    explicit XmlReader(std::string_view s) : s_(s) { read(); }
    const std::vector<Node>& nodes() const { return nodes_; }
    const std::vector<size_t>& top() const { return top_; }

private:
    void add(Node n, bool open)
    {
        nodes_.push_back(std::move(n));
        const size_t i = nodes_.size() - 1;
        if (nodes_[i].kind == Node::Element && !open_.empty())
            nodes_[open_.back()].children.push_back(i);
        else if (open_.empty())
            top_.push_back(i);
        if (open)
            open_.push_back(i);
    }

    size_t skipTo(std::string_view end, size_t from) const
    {
        const size_t at = s_.find(end, from);
        return at == s_.npos ? s_.size() : at + end.size();
    }

    // `<name attr='v' ...>` or `.../>` from `i` (at '<'); returns where reading goes on.
    size_t startTag(size_t i)
    {
        size_t j = i + 1;
        while (j < s_.size() && (nameChar(s_[j]) || s_[j] == ':'))
            ++j;
        const std::string_view full = s_.substr(i + 1, j - i - 1);
        const size_t colon = full.find(':');
        if (full.empty() || (colon != full.npos && (full.find(':', colon + 1) != full.npos || colon == 0 || colon + 1 == full.size()))
            || (j < s_.size() && !xmlSpace(s_[j]) && s_[j] != '/' && s_[j] != '>'))
            return skipTo(">", i + 1); // not a tag the reader takes
        Node n;
        n.prefix = colon == full.npos ? std::string_view{} : full.substr(0, colon);
        n.name = colon == full.npos ? full : full.substr(colon + 1);
        while (j < s_.size()) {
            while (j < s_.size() && xmlSpace(s_[j]))
                ++j;
            if (j >= s_.size())
                break;
            if (s_[j] == '>') {
                add(std::move(n), true);
                return j + 1;
            }
            if (s_[j] == '/' && j + 1 < s_.size() && s_[j + 1] == '>') {
                add(std::move(n), false);
                return j + 2;
            }
            const size_t nameStart = j;
            while (j < s_.size() && !xmlSpace(s_[j]) && s_[j] != '=' && s_[j] != '>' && s_[j] != '/')
                ++j;
            const std::string_view attr = s_.substr(nameStart, j - nameStart);
            while (j < s_.size() && xmlSpace(s_[j]))
                ++j;
            if (attr.empty() || j >= s_.size() || s_[j] != '=')
                return skipTo(">", j);
            ++j;
            while (j < s_.size() && xmlSpace(s_[j]))
                ++j;
            if (j >= s_.size() || (s_[j] != '\'' && s_[j] != '"'))
                return skipTo(">", j);
            const size_t close = s_.find(s_[j], j + 1);
            if (close == s_.npos)
                return s_.size();
            n.attrs.emplace_back(attr, s_.substr(j + 1, close - j - 1));
            j = close + 1;
        }
        return s_.size();
    }

    void read()
    {
        size_t i = 0;
        while (i < s_.size()) {
            if (s_[i] != '<') {
                const size_t end = std::min(s_.find('<', i), s_.size());
                bool blank = true;
                for (size_t k = i; k < end && blank; ++k)
                    blank = xmlSpace(s_[k]);
                if (!blank && open_.empty()) { // text inside an element is its data
                    Node t;
                    t.kind = Node::Text;
                    add(std::move(t), false);
                }
                i = end;
                continue;
            }
            const std::string_view rest = s_.substr(i);
            if (rest.starts_with("<!--")) {
                i = skipTo("-->", i + 4);
            } else if (rest.starts_with("<![CDATA[")) {
                i = skipTo("]]>", i + 9);
            } else if (rest.starts_with("<!")) {
                i = skipTo(">", i + 2);
                if (open_.empty()) { // a DOCTYPE: named nothing XMPP knows
                    Node t;
                    t.kind = Node::Declaration;
                    add(std::move(t), false);
                }
            } else if (rest.starts_with("<?")) {
                size_t j = i + 2;
                while (j < s_.size() && !xmlSpace(s_[j]) && s_[j] != '?')
                    ++j;
                const std::string_view target = s_.substr(i + 2, j - i - 2);
                i = skipTo("?>", j);
                if (open_.empty()) {
                    Node t;
                    t.kind = Node::Declaration;
                    t.name = target;
                    add(std::move(t), false);
                }
            } else if (rest.starts_with("</")) {
                // Any end tag closes the element open last, whatever its name.
                if (!open_.empty())
                    open_.pop_back();
                i = skipTo(">", i + 2);
            } else {
                i = startTag(i);
            }
        }
    }

    std::string_view s_;
    std::vector<Node> nodes_;
    std::vector<size_t> top_;
    std::vector<size_t> open_;
};

std::string_view attrOf(const Node& n, std::string_view name)
{
    std::string_view value;
    bool found = false;
    for (const auto& [k, v] : n.attrs)
        if (k == name)
            value = v, found = true; // the last of the same name
    return found ? value : std::string_view{};
}

bool hasAttr(const Node& n, std::string_view name)
{
    for (const auto& a : n.attrs)
        if (a.first == name)
            return true;
    return false;
}

// Whether the element is in namespace `ns` as XMPP matches it: by its xmlns, or without one, by
// any prefix declaration it holds.
bool inNamespace(const Node& n, std::string_view ns)
{
    if (hasAttr(n, "xmlns"))
        return attrOf(n, "xmlns") == ns;
    for (const auto& [k, v] : n.attrs)
        if (k.starts_with("xmlns:") && v == ns)
            return true;
    return false;
}

// The children an element's handlers take, in the order they are tried (each the first such
// child); what each writes.
struct ChildHandler {
    std::string_view name;
    std::string_view xmlns; // empty: any
    std::string_view info;  // ends before the value of `valueAttr` when that is set
    std::string_view valueAttr = {};
};

constexpr std::string_view kIbb = "http://jabber.org/protocol/ibb";
constexpr ChildHandler kIqChildren[] = {
    {"query", "http://jabber.org/protocol/disco#items", "QUERY(disco#items) "},
    {"query", "jabber:iq:roster", "QUERY(jabber:iq:roster) "},
    {"query", "http://jabber.org/protocol/disco#info", "QUERY(disco#info) "},
    {"query", "http://jabber.org/protocol/bytestreams", "QUERY(bytestreams) "},
    {"query", "http://jabber.org/protocol/muc#owner", "QUERY(muc#owner) "},
    {"query", "http://jabber.org/protocol/muc#admin", "QUERY(muc#admin) "},
    {"bind", "", "BIND "},
    {"session", "urn:ietf:params:xml:ns:xmpp-session", "SESSION "},
    {"vCard", "", "VCARD "},
    {"jingle", "", "JINGLE(", "action"},
    {"services", "http://jabber.org/protocol/jinglenodes", "SERVICES "},
    {"channel", "http://jabber.org/protocol/jinglenodes#channel", ""},
    {"open", kIbb, "IBB-OPEN "},
    {"close", kIbb, "IBB-CLOSE "},
    {"data", kIbb, "IBB-DATA "},
    {"si", "", "SI "},
    {"error", "", ""},
    {"session", "http://www.google.com/session", "GTALK-SESSION(", "type"},
    {"query", "google:jingleinfo", "QUERY(google:jingleinfo) "},
    {"usersetting", "google:setting", ""},
    {"query", "jabber:iq:last", "QUERY(jabber:iq:last) "},
    {"query", "jabber:iq:version", "QUERY(jabber:iq:version) "},
    {"query", "google:mail:notify", "QUERY(google:mail:notify) "},
    {"mailbox", "", "MAILBOX "},
    {"new-mail", "", "NEW-MAIL "},
    {"query", "google:shared-status", "QUERY(google:shared-status) "},
    {"conference-info", "", "CONFERENC-INFO "}, // sic
    {"ping", "urn:xmpp:ping", "PING "},
    {"inputevt", "http://jitsi.org/protocol/inputevt", ""},
};
constexpr ChildHandler kMessageChildren[] = {{"data", kIbb, "IBB-DATA "}};
constexpr ChildHandler kPresenceChildren[] = {{"query", "jabber:iq:last", "QUERY(jabber:iq:last) "}};

// What the handlers of `parent`'s children append; an IQ also lists, by name in upper case and in
// the order they came, the children no handler took.
template <size_t N>
void childrenInfo(std::string& info, const std::vector<Node>& nodes, const Node& parent, const ChildHandler (&handlers)[N],
                  bool listOthers)
{
    std::vector<bool> taken(parent.children.size(), false);
    for (const ChildHandler& h : handlers)
        for (size_t c = 0; c < parent.children.size(); ++c) {
            const Node& child = nodes[parent.children[c]];
            if (taken[c] || child.name != h.name || (!h.xmlns.empty() && !inNamespace(child, h.xmlns)))
                continue;
            taken[c] = true;
            info += h.info;
            if (!h.valueAttr.empty()) {
                info += attrOf(child, h.valueAttr);
                info += ") ";
            }
            break;
        }
    for (size_t c = 0; listOthers && c < parent.children.size(); ++c) {
        if (taken[c])
            continue;
        for (char ch : nodes[parent.children[c]].name)
            info += ch >= 'a' && ch <= 'z' ? char(ch - 'a' + 'A') : ch;
        info += ' ';
    }
}

// What the other top-level elements write (the SASL ones without a trailing space).
std::string_view elementInfo(std::string_view name)
{
    static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
        {"auth", "AUTH"},         {"challenge", "CHALLENGE"}, {"response", "RESPONSE"}, {"success", "SUCCESS"},
        {"failure", "FAILURE "},  {"xml", "XML "},           {"stream", "STREAM "},    {"features", "FEATURES "},
        {"starttls", "STARTTLS "}, {"proceed", "PROCEED "},
    };
    for (const auto& [element, info] : kNames)
        if (element == name)
            return info;
    return "UNKNOWN PACKET ";
}

// A stream's end tag first (blanks allowed around its parts): tshark stops there.
bool startsStreamEnd(std::string_view s)
{
    size_t i = 0;
    const auto blanks = [&] {
        while (i < s.size() && xmlSpace(s[i]))
            ++i;
    };
    const auto name = [&] {
        const size_t from = i;
        while (i < s.size() && nameChar(s[i]))
            ++i;
        return i > from;
    };
    blanks();
    if (!s.substr(i).starts_with("</"))
        return false;
    i += 2;
    blanks();
    if (!name())
        return false;
    blanks();
    if (i < s.size() && s[i] == ':') {
        ++i;
        blanks();
        if (!name())
            return false;
        blanks();
    }
    return i < s.size() && s[i] == '>';
}

} // namespace

bool xmppWantsMore(const uint8_t* p, size_t n)
{
    size_t i = n;
    while (i > 1 && (p[i - 1] <= ' ' || p[i - 1] >= 0x80))
        --i;
    return n > 0 && p[i - 1] != '>';
}

bool xmppProceeds(const uint8_t* p, size_t n)
{
    const std::string_view s(reinterpret_cast<const char*>(p), n);
    if (xmppWantsMore(p, n) || startsStreamEnd(s) || s.find("proceed") == s.npos)
        return false;
    const XmlReader xml(s);
    for (size_t i : xml.top())
        if (xml.nodes()[i].kind == Node::Element && xml.nodes()[i].name == "proceed")
            return true;
    return false;
}

XmppSummary xmppSummary(const uint8_t* p, size_t n, bool toServer)
{
    XmppSummary out;
    const std::string_view s(reinterpret_cast<const char*>(p), n);
    if (s == ">") { // the reader runs past the end looking for what the '>' closes
        out.xml = false;
        out.malformed = true;
        return out;
    }
    if (startsStreamEnd(s)) {
        out.info = "STREAM END";
        return out;
    }
    const XmlReader xml(s);
    if (xml.top().empty())
        return out;
    const Node& last = xml.nodes()[xml.top().back()];
    if (last.kind == Node::Text) {
        out.info = "UNKNOWN PACKET ";
        return out;
    }
    const std::string_view name = last.name;
    if (last.kind == Node::Declaration) {
        out.info = name == "xml" ? "XML " : "UNKNOWN PACKET ";
    } else if (name == "iq") {
        out.info = "IQ(";
        out.info += attrOf(last, "type");
        out.info += ") ";
        childrenInfo(out.info, xml.nodes(), last, kIqChildren, true);
    } else if (name == "presence") {
        out.info = "PRESENCE ";
        childrenInfo(out.info, xml.nodes(), last, kPresenceChildren, false);
    } else if (name == "message") {
        out.info = "MESSAGE ";
        childrenInfo(out.info, xml.nodes(), last, kMessageChildren, false);
    } else {
        out.info = elementInfo(name);
    }
    const std::string_view dirAttr = toServer ? "to" : "from";
    if (last.kind == Node::Element && hasAttr(last, dirAttr)) {
        out.info += toServer ? "> " : "< ";
        out.info += attrOf(last, dirAttr);
        out.info += ' ';
    }
    return out;
}

} // namespace synflow
