#pragma once
// XMPP client streams (TCP 5222) as tshark 4.0 names their segments. Its XMPP hands each
// segment (or, with reassembly, the bytes gathered until one ends in '>') to the XML reader and
// names the last top-level element it read: "IQ(get) QUERY(jabber:iq:roster) ", "MESSAGE >
// bob@example.com ", "STREAM < example.com ", "STREAM END". Measured with prosody and
// slixmpp sessions and with probe captures of each case (tests/data/xmpp/README.md).
#include <cstddef>
#include <cstdint>
#include <string>

namespace synflow {

constexpr uint16_t kXmppPort = 5222;

// tshark's XMPP waits for more bytes unless the last one that is not blank is '>' (blank: any
// byte up to a space, and bytes from 0x80, which its signed char makes negative).
bool xmppWantsMore(const uint8_t* p, size_t n);

// A whitespace keep-alive: one space, all of the segment.
inline bool xmppKeepAlive(const uint8_t* p, size_t captured, size_t reported)
{
    return reported == 1 && captured == 1 && p[0] == ' ';
}

struct XmppSummary {
    std::string info;
    bool xml = true;        // the XML reader ran to its end: Protocol "XMPP/XML", else "XMPP"
    bool malformed = false; // it stopped on the end of the bytes (a lone '>')
};

// Whole bytes that end in '>' (xmppWantsMore false). `toServer`: sent to port 5222, where the
// element's `to` is appended ("> to "); from it, its `from` ("< from ").
XmppSummary xmppSummary(const uint8_t* p, size_t n, bool toServer);

// Whether whole bytes XMPP reads hold a top-level <proceed/>: the server's go-ahead for TLS,
// after which tshark hands the conversation's segments to TLS.
bool xmppProceeds(const uint8_t* p, size_t n);

} // namespace synflow
