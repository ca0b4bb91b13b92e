#include "filter/filterparser.h"

#include <arpa/inet.h>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace synflow::filter {
namespace {

// --- literals --------------------------------------------------------------------------

bool parseNumber(std::string_view s, double& out)
{
    std::string t(s);
    if (t == "true") {
        out = 1;
        return true;
    }
    if (t == "false") {
        out = 0;
        return true;
    }
    char* end = nullptr;
    if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))
        out = double(std::strtoull(t.c_str() + 2, &end, 16));
    else
        out = std::strtod(t.c_str(), &end);
    return !t.empty() && end && *end == '\0' && std::isfinite(out);
}

// "-12.000345" as nanoseconds; false when it is no plain decimal or has more than nine
// fraction digits that are not zeros.
bool parseDecimalNs(std::string_view s, int64_t& out)
{
    bool negative = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    int64_t whole = 0, frac = 0;
    size_t i = 0, digits = 0;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i, ++digits) {
        if (whole > (INT64_MAX / 1000000000 - 9) / 10)
            return false;
        whole = whole * 10 + (s[i] - '0');
    }
    if (i < s.size() && s[i] == '.') {
        int places = 0;
        for (++i; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i, ++digits) {
            if (places < 9) {
                frac = frac * 10 + (s[i] - '0');
                ++places;
            } else if (s[i] != '0') {
                return false;
            }
        }
        for (; places < 9; ++places)
            frac *= 10;
    } else {
        frac = 0;
    }
    if (i != s.size() || digits == 0)
        return false;
    out = (whole * 1000000000 + frac) * (negative ? -1 : 1);
    return true;
}

bool parseHexBytes(std::string_view s, std::string& out)
{
    // aa:bb:cc, aa-bb-cc, aa.bb.cc or aabbcc
    std::string hex;
    for (char c : s) {
        if (c == ':' || c == '-' || c == '.')
            continue;
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return false;
        hex += c;
    }
    if (hex.empty() || hex.size() % 2)
        return false;
    out.clear();
    for (size_t i = 0; i < hex.size(); i += 2)
        out += char(std::stoi(hex.substr(i, 2), nullptr, 16));
    return true;
}

bool parseLiteral(ValueKind type, std::string_view s, bool quoted, Literal& lit, std::string& error)
{
    auto bad = [&](const char* what) {
        error = "\"" + std::string(s) + "\" is not " + what;
        return false;
    };
    switch (type) {
    case ValueKind::Number:
    case ValueKind::Bool:
    case ValueKind::Presence: {
        if (quoted)
            return bad("a number");
        if (const size_t dots = s.find(".."); dots != std::string_view::npos) {
            lit.range = true;
            lit.exactNs = parseDecimalNs(s.substr(0, dots), lit.ns) && parseDecimalNs(s.substr(dots + 2), lit.highNs);
            return (parseNumber(s.substr(0, dots), lit.number) && parseNumber(s.substr(dots + 2), lit.high)) || bad("a range of numbers");
        }
        if (!parseNumber(s, lit.number))
            return bad(type == ValueKind::Bool ? "a boolean (1, 0, true or false)" : "a number");
        lit.exactNs = parseDecimalNs(s, lit.ns);
        return true;
    }
    case ValueKind::Ipv4:
    case ValueKind::Ipv6: {
        std::string a(s);
        const size_t slash = a.find('/');
        if (slash != std::string::npos) {
            double bits = 0;
            if (!parseNumber(a.substr(slash + 1), bits) || bits < 0 || bits > (type == ValueKind::Ipv4 ? 32 : 128))
                return bad("an address with a valid prefix length");
            lit.prefix = int(bits);
            a.resize(slash);
        }
        if (inet_pton(type == ValueKind::Ipv4 ? AF_INET : AF_INET6, a.c_str(), lit.addr) != 1)
            return bad(type == ValueKind::Ipv4 ? "an IPv4 address" : "an IPv6 address");
        return true;
    }
    case ValueKind::Mac:
        if (!parseHexBytes(s, lit.bytes) || lit.bytes.size() != 6)
            return bad("an Ethernet address");
        std::memcpy(lit.addr, lit.bytes.data(), 6);
        return true;
    case ValueKind::String:
        lit.bytes = std::string(s);
        return true;
    case ValueKind::Bytes:
        if (quoted) {
            lit.bytes = std::string(s);
            return true;
        }
        return parseHexBytes(s, lit.bytes) || bad("a byte string (\"text\" or aa:bb:cc)");
    }
    return false;
}

// --- tokens and parser ---------------------------------------------------------------------

struct Token {
    enum Kind { Word, Quoted, Symbol, End } kind = End;
    std::string text;
    size_t pos = 0;
};

bool tokenize(std::string_view s, std::vector<Token>& out, std::string& error)
{
    size_t i = 0;
    auto isWordChar = [](char c) {
        return !std::isspace(static_cast<unsigned char>(c)) && !std::strchr("(){},!=<>&|\"~", c);
    };
    while (i < s.size()) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        Token t;
        t.pos = i;
        if (c == '"') {
            t.kind = Token::Quoted;
            ++i;
            bool closed = false;
            while (i < s.size()) {
                if (s[i] == '\\' && i + 1 < s.size()) {
                    const char e = s[i + 1];
                    t.text += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
                    i += 2;
                } else if (s[i] == '"') {
                    ++i;
                    closed = true;
                    break;
                } else {
                    t.text += s[i++];
                }
            }
            if (!closed) {
                error = "the string starting at column " + std::to_string(t.pos + 1) + " has no closing quote";
                return false;
            }
        } else if (std::strchr("(){},", c)) {
            t.kind = Token::Symbol;
            t.text = std::string(1, c);
            ++i;
        } else if (std::strchr("!=<>&|~", c)) {
            t.kind = Token::Symbol;
            const std::string_view two = s.substr(i, 2);
            if (two == "==" || two == "!=" || two == "<=" || two == ">=" || two == "&&" || two == "||" || two == "~=") {
                t.text = std::string(two);
                i += 2;
            } else if (c == '!' || c == '<' || c == '>') {
                t.text = std::string(1, c);
                ++i;
            } else {
                error = "unexpected \"" + std::string(1, c) + "\" at column " + std::to_string(i + 1);
                return false;
            }
        } else {
            t.kind = Token::Word;
            while (i < s.size() && isWordChar(s[i]))
                t.text += s[i++];
        }
        out.push_back(std::move(t));
    }
    Token end;
    end.pos = s.size();
    out.push_back(end);
    return true;
}

class Parser {
public:
    Parser(std::vector<Token> tokens, unsigned& needs) : t_(std::move(tokens)), needs_(needs) { }

    std::unique_ptr<DisplayFilter::Node> parse(std::string& error)
    {
        auto n = orExpr();
        if (n && peek().kind != Token::End)
            fail("unexpected \"" + peek().text + "\" at column " + std::to_string(peek().pos + 1));
        if (!error_.empty()) {
            error = error_;
            return nullptr;
        }
        return n;
    }

private:
    using NodePtr = std::unique_ptr<DisplayFilter::Node>;

    const Token& peek() const { return t_[i_]; }
    bool isWord(const char* w) const { return peek().kind == Token::Word && peek().text == w; }
    bool isSymbol(const char* s) const { return peek().kind == Token::Symbol && peek().text == s; }
    NodePtr fail(std::string what)
    {
        if (error_.empty())
            error_ = std::move(what);
        return nullptr;
    }
    static NodePtr join(DisplayFilter::Node::Kind k, NodePtr a, NodePtr b)
    {
        auto n = std::make_unique<DisplayFilter::Node>();
        n->kind = k;
        n->left = std::move(a);
        n->right = std::move(b);
        return n;
    }

    NodePtr orExpr()
    {
        NodePtr n = andExpr();
        while (n && (isWord("or") || isSymbol("||"))) {
            ++i_;
            NodePtr r = andExpr();
            if (!r)
                return nullptr;
            n = join(DisplayFilter::Node::Or, std::move(n), std::move(r));
        }
        return n;
    }

    NodePtr andExpr()
    {
        NodePtr n = notExpr();
        while (n && (isWord("and") || isSymbol("&&"))) {
            ++i_;
            NodePtr r = notExpr();
            if (!r)
                return nullptr;
            n = join(DisplayFilter::Node::And, std::move(n), std::move(r));
        }
        return n;
    }

    NodePtr notExpr()
    {
        if (isWord("not") || isSymbol("!")) {
            ++i_;
            NodePtr inner = notExpr();
            return inner ? join(DisplayFilter::Node::Not, std::move(inner), nullptr) : nullptr;
        }
        return primary();
    }

    NodePtr primary()
    {
        if (isSymbol("(")) {
            ++i_;
            NodePtr n = orExpr();
            if (!n)
                return nullptr;
            if (!isSymbol(")"))
                return fail("missing \")\" at column " + std::to_string(peek().pos + 1));
            ++i_;
            return n;
        }
        if (peek().kind == Token::End)
            return fail(i_ == 0 ? "the filter is empty" : "the filter ends where a field or protocol was expected");
        if (peek().kind != Token::Word)
            return fail("expected a field or protocol at column " + std::to_string(peek().pos + 1) + ", found \"" + peek().text + "\"");
        const Token& name = t_[i_++];
        std::string unknown;
        const Field* field = bindField(name.text, unknown);
        if (!field)
            return fail(unknown);
        needs_ |= filterNeeds(*field);
        auto n = std::make_unique<DisplayFilter::Node>();
        n->field = field;
        n->values = valueKind(field->type);
        using N = DisplayFilter::Node;
        static const std::pair<const char*, N::Op> ops[] = {{"==", N::Eq}, {"eq", N::Eq}, {"!=", N::Ne}, {"ne", N::Ne},
                                                            {"<", N::Lt},  {"lt", N::Lt}, {">", N::Gt},  {"gt", N::Gt},
                                                            {"<=", N::Le}, {"le", N::Le}, {">=", N::Ge}, {"ge", N::Ge}};
        for (const auto& [text, op] : ops) {
            if ((peek().kind == Token::Symbol || peek().kind == Token::Word) && peek().text == text) {
                ++i_;
                n->kind = N::Compare;
                n->op = op;
                if (!literal(*n))
                    return nullptr;
                if (op != N::Eq && op != N::Ne && !isNumeric(n->values))
                    return fail("\"" + name.text + "\" can only be compared with == or !=");
                if (op == N::Ne) { // Wireshark 4.0: a != b is !(a == b)
                    n->op = N::Eq;
                    return join(N::Not, std::move(n), nullptr);
                }
                return n;
            }
        }
        if (isSymbol("~="))
            return fail("\"~=\" is not supported; use \"!=\" or \"not (… == …)\"");
        if (isWord("contains")) {
            ++i_;
            if (n->values != ValueKind::String && n->values != ValueKind::Bytes)
                return fail("\"" + name.text + "\" is not text or bytes: \"contains\" does not apply");
            n->kind = N::Contains;
            return literal(*n) ? std::move(n) : nullptr;
        }
        if (isWord("matches"))
            return fail("\"matches\" (regular expressions) is not supported; use \"contains\"");
        if (isWord("in")) {
            ++i_;
            if (!isSymbol("{"))
                return fail("\"in\" needs a set in braces, e.g. tcp.port in {80 443}");
            ++i_;
            n->kind = N::In;
            while (!isSymbol("}")) {
                if (peek().kind == Token::End)
                    return fail("missing \"}\" at the end of the set");
                if (isSymbol(",")) {
                    ++i_;
                    continue;
                }
                if (!literal(*n))
                    return nullptr;
            }
            ++i_;
            if (n->literals.empty())
                return fail("the set after \"in\" is empty");
            return n;
        }
        n->kind = N::Exists;
        return n;
    }

    bool literal(DisplayFilter::Node& n)
    {
        const Token& v = peek();
        if (v.kind != Token::Word && v.kind != Token::Quoted) {
            fail("expected a value at column " + std::to_string(v.pos + 1));
            return false;
        }
        ++i_;
        Literal l;
        std::string err;
        if (!parseLiteral(n.values, v.text, v.kind == Token::Quoted, l, err)) {
            fail(err);
            return false;
        }
        n.literals.push_back(std::move(l));
        return true;
    }

    std::vector<Token> t_;
    size_t i_ = 0;
    unsigned& needs_;
    std::string error_;
};

} // namespace

std::unique_ptr<DisplayFilter::Node> parseFilter(std::string_view text, unsigned& needs, std::string& error)
{
    std::vector<Token> tokens;
    if (!tokenize(text, tokens, error))
        return nullptr;
    Parser p(std::move(tokens), needs);
    return p.parse(error);
}

} // namespace synflow::filter
