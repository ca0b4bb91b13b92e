#!/usr/bin/env python3
"""Writes xmpp/xmpp-crafted.pcap: XMPP on port 5222 as tshark's XMPP and XML readers see it: a
stream's opening and features, every top-level element XMPP names, every IQ child its handlers
take (and children none takes), several elements in one segment, unclosed and stray tags,
comments, declarations, text, attribute quoting, whitespace keep-alives, elements split across
segments, stream ends; a conversation whose segments are cut at 70, 56 and 54 bytes; port 5269,
which tshark does not read; and STARTTLS, after whose <proceed/> the segments are TLS."""
import os
import struct

from pcapframes import tcp_conversation, write_pcap

CLIENT, SERVER = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 30])
NS = "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'"
IBB = "http://jabber.org/protocol/ibb"

SESSION = [
    (1, f"<?xml version='1.0'?><stream:stream to='example.com' {NS}>"),
    (0, f"<?xml version='1.0'?><stream:stream from='example.com' id='abc' {NS}><stream:features>"
        "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
        "<mechanism>PLAIN</mechanism></mechanisms></stream:features>"),
    (0, "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>"),
    (1, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAHNlY3JldA==</auth>"),
    (0, "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>abc</challenge>"),
    (1, "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>def</response>"),
    (0, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>"),
    (0, "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"),
    (1, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"),
    (0, "<iq type='result' from='s'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>a@b/c</jid></bind>"
        "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>"),
    (0, "<iq type='error' from='s' id='9'><query xmlns='jabber:iq:roster'/><error type='cancel'>"
        "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"),
    (0, "<message from='alice@x/res' to='bob@x' type='chat'><body>hi</body></message>"),
    (0, "<message type='chat'/>"),
    (1, "<presence to='r'><show>away</show><status>out</status><c xmlns='http://jabber.org/protocol/caps' node='n' ver='v'/></presence>"),
    (1, "<message to='r'><x xmlns='jabber:x:event'><composing/></x><composing xmlns='http://jabber.org/protocol/chatstates'/></message>"),
    (1, f"<message to='a'><data xmlns='{IBB}' sid='s' seq='1'>aGk=</data><data xmlns='{IBB}'/></message>"),
    (1, "<presence to='a'><query xmlns='jabber:iq:last' seconds='3'/><foo xmlns='x'/></presence>"),
    (0, "<foo xmlns='bar'/>"),
    (0, "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"),
    (1, "<IQ type='get'/>"),
    (1, "<Message to='q'/>"),
    (1, "<xml/>"),
]

IQ_CHILDREN = [
    "<query xmlns='jabber:iq:version'/>", "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/>",
    "<query xmlns='http://jabber.org/protocol/disco#items'/>", "<query xmlns='http://jabber.org/protocol/disco#info' node='n'/>",
    "<query xmlns='http://jabber.org/protocol/bytestreams' sid='b'/>", "<query xmlns='http://jabber.org/protocol/muc#owner'/>",
    "<query xmlns='http://jabber.org/protocol/muc#admin'/>", "<vCard xmlns='vcard-temp'/>", "<vcard/>",
    "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s1'><content/></jingle>", "<jingle xmlns='urn:xmpp:jingle:1'/>",
    "<services xmlns='http://jabber.org/protocol/jinglenodes'/>",
    "<channel xmlns='http://jabber.org/protocol/jinglenodes#channel' protocol='udp'/>",
    f"<open xmlns='{IBB}' sid='i1' block-size='4096'/>", f"<data xmlns='{IBB}' sid='i1' seq='0'>aGk=</data>",
    f"<close xmlns='{IBB}' sid='i1'/>", "<si xmlns='http://jabber.org/protocol/si' id='s'/>", "<error type='cancel'/>",
    "<session xmlns='http://www.google.com/session' type='initiate' id='g1'/>", "<session xmlns='http://www.google.com/session'/>",
    "<session xmlns='other'/>", "<query xmlns='google:jingleinfo'/>", "<usersetting xmlns='google:setting'/>",
    "<query xmlns='jabber:iq:last'/><query xmlns='jabber:iq:version'/>", "<query xmlns='google:mail:notify'/>",
    "<mailbox/>", "<new-mail/>", "<query xmlns='google:shared-status'/>",
    "<conference-info xmlns='urn:ietf:params:xml:ns:conference-info'/>", "<ping xmlns='urn:xmpp:ping'/>", "<ping/>",
    "<inputevt xmlns='http://jitsi.org/protocol/inputevt'/>", "<query xmlns='jabber:iq:unknownns'/>", "<query/>",
    "<ping xmlns='urn:xmpp:ping'/><ping xmlns='urn:xmpp:ping'/>", "<bind/><bind/>",
    "<query xmlns='jabber:iq:roster'/><ping xmlns='urn:xmpp:ping'/><query xmlns='jabber:iq:roster'/>",
    "<foo/><ping xmlns='urn:xmpp:ping'/><bar/>",
    "<query xmlns='jabber:iq:roster'/><error/><query xmlns='http://jabber.org/protocol/disco#items'/>",
    "<query xmlns='jabber:iq:roster'><item jid='a'/></query><foo/><bar/>", "<Query xmlns='jabber:iq:roster'/>",
    "<ns:query xmlns:ns='jabber:iq:roster'/>", "<query xmlns:x='a' xmlns:y='jabber:iq:roster'/>",
    "<query xmlns:y='jabber:iq:roster' xmlns='b'/>", "<query xmlns='jabber:iq:roster' xmlns='x'/>",
    "<query xmlns = 'jabber:iq:version'/>", "<foo:bar/>", "<x-y.z_w/>", "<_a/><-b/><.c/><1d/><a:b:c/>",
    "<\xe9/>", "hello", "<!-- c -->", "\n  <ping xmlns='urn:xmpp:ping'/>\n", "text<ping xmlns='urn:xmpp:ping'/>",
    "<a><b/></a>", "<a><b></a><ping xmlns='urn:xmpp:ping'/>", "<a></b><c/>", "<?pi x?><!DOCTYPE y>", "<![CDATA[z]]>",
]

READER = [
    "<presence/><message to='a@b' type='chat'><body>hi</body></message>",
    "<message to='x@y'><body>a</body></message><presence to='z'/>",
    "<iq type='get' to='t1'/><iq type='set' to='t2'/>",
    "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/><iq type='set' to='w'/>",
    "<iq type='set' to='w'/><success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>",
    "<message to='m'><body>x</body></message><iq type='get'><foo/></iq>",
    "<!-- hi --><presence/>", "<presence/><!-- c -->", "<!-- c -->", "<?foo bar?>", "<presence/><?foo bar?>",
    "<?xml version='1.0'?>", "<!DOCTYPE x><presence/>", "<!DOCTYPE x>", "<![CDATA[x]]>", "<>", "</>", "<presence/><>",
    "hello<presence/>", "a>", " >", "\n>", "hello>", ">", "<a>", "<a><b></a>", "<a></a><b></c><presence/>",
    "<iq type='get'></x><ping xmlns='urn:xmpp:ping'/></iq>", "<presence to='a'/>  <b>",
    "<message to=\"a>b\"><body>x</body></message>", "<message to='a&amp;b&apos;c'/>", "<iq type=\"get\" to=\"dq\"/>",
    "<iq  type = 'get'  to = 'sp' />", "<iq type='get' to=''/>", "<iq type='get' to='a b'/>", "<iq TYPE='get' To='x'/>",
    "<iq type='get' to='1' to='2'/>", "<iq id='x'><query xmlns='http://jabber.org/protocol/disco#items'/></iq>",
    "<foo:iq type='get' to='t'/>", "<stream:stream to='a'><iq type='get'><bind/></iq>",
    "<message to='a'><message to='b'/></message>", "<message to='a'>", "<message to='a'><body>",
    "<message to='a'><body><![CDATA[x<y]]></body></message>", "<presence/>\r\n", "<presence/>   \n\n",
    "<iq type='get'><query xmlns='jabber:iq:roster'/></iq>\x00", "<iq type='get'></iq >", "<stream:features/>", "<features/>",
]

ENDS = ["</message>", "  </stream:stream>", "</foo>", "</a:b:c>", "</ stream>", "</stream >", "</1a>",
        "<message to='x'/></stream:stream>", "</stream:stream><message to='x'/>"]

SPLIT = [" ", "  ", " \n", "\t", "\r\n", "\n", "<message to='bob@x'><bo", "dy>hello</body></message>",
         "<presence><status>", "hi</status></presence>", "<iq type='get'", ">", "<presence/>hello", "<presence/>"]

CUT = [(1, b"<message to='bob@example.com' type='chat'><body>hello there</body></message>"), (1, b" "),
       (0, b"<iq type='result' from='example.com'/>"), (1, b"<presence/>"),
       (1, b"<iq type='get' id='1'><query xmlns='jabber:iq:roster'/></iq>" + b" " * 30)]


def client_hello():
    body = b"\x03\x03" + b"\x11" * 32 + b"\x00" + b"\x00\x02\x13\x01" + b"\x01\x00" + b"\x00\x00"
    hs = b"\x01" + struct.pack("!I", len(body))[1:] + body
    return b"\x16\x03\x01" + struct.pack("!H", len(hs)) + hs


def main():
    def enc(segs):
        return [(c, s.encode("latin-1")) for c, s in segs]
    frames = []
    session = SESSION + [(1, f"<iq type='get' to='s'>{c}</iq>") for c in IQ_CHILDREN]
    session += [(1, s) for s in READER] + [(1, s) for s in SPLIT] + [(0, s) for s in ENDS]
    tcp_conversation(frames, CLIENT, SERVER, 40001, 5222, enc(session))
    for port, cut in ((40012, 70), (40013, 56), (40014, 54)):
        tcp_conversation(frames, CLIENT, SERVER, port, 5222, CUT, cut=cut)
    tcp_conversation(frames, CLIENT, SERVER, 40002, 5269, enc([(1, "<?xml version='1.0'?><stream:stream xmlns='jabber:server' to='b.example'>"),
                                                               (0, "<presence from='x@b.example'/>")]))
    tcp_conversation(frames, CLIENT, SERVER, 40003, 5222, enc([(1, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"),
                                                               (0, "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")])
                     + [(1, client_hello()), (1, b"<presence/>")])
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "xmpp", "xmpp-crafted.pcap")
    write_pcap(path, [(f, cut, 1700000000 + i // 1000, (i % 1000) * 1000) for i, (f, cut) in enumerate(frames)])


if __name__ == "__main__":
    main()
