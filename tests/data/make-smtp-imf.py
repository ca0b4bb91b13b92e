#!/usr/bin/env python3
"""Writes smtp/smtp-imf-crafted.pcap: SMTP message data as tshark follows it: after DATA, the
client's segments up to the line "." (a message in one segment, one over three, the "." alone);
IMF's Info from the headers (From and Subject in their order, names in any case, a value without
a space, a folded one), a text type (as written), a multipart one's text parts, and the body's
lines where there is no text type (none, application/*, no headers at all); DATA refused by the
server (what follows is still data to tshark); then the first conversation again with every
segment cut at 80 bytes (a cut segment ends no message)."""
import os

from pcapframes import tcp_conversation, write_pcap

CLIENT, SERVER = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 25])


def session(messages):
    s = [(False, b"220 mail.example.com ESMTP\r\n"), (True, b"EHLO client\r\n"),
         (False, b"250-mail.example.com\r\n250-SIZE 33554432\r\n250 HELP\r\n")]
    for m in messages:
        s += [(True, b"MAIL FROM:<a@example.com>\r\n"), (False, b"250 OK\r\n"), (True, b"RCPT TO:<b@example.com>\r\n"),
              (False, b"250 OK\r\n"), (True, b"DATA\r\n"), (False, b"354 End data with <CR><LF>.<CR><LF>\r\n")]
        s += [(True, part) for part in (m if isinstance(m, list) else [m])]
        s.append((False, b"250 OK: queued\r\n"))
    return s + [(True, b"QUIT\r\n"), (False, b"221 Bye\r\n")]


MESSAGES = [
    b"Subject: Hi\r\nFrom: a@example.com\r\nTo: b@example.com\r\n\r\nbody\r\n.\r\n",
    b"From: a@example.com\r\n\r\nno subject, no MIME\r\n.\r\n",
    b"From: a@example.com\r\nSubject: multi\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=XX\r\n\r\n"
    b"--XX\r\nContent-Type: text/html\r\n\r\n<b>x</b>\r\n--XX\r\nContent-Type: text/plain\r\n\r\nx\r\n--XX--\r\n.\r\n",
    [b"From: a@example.com\r\nSubject: split\r\n", b"Content-Type: TEXT/HTML; charset=utf-8\r\n\r\n<p>hi</p>\r\n", b".\r\n"],
    b"From: a@example.com\r\nSubject: =?utf-8?q?caf=C3=A9?=\r\n folded\r\nX-Other: y\r\n\r\nb\r\n.\r\n",
    b"Subject: x\r\nContent-Type: application/json\r\n\r\n{}\r\n.\r\n",
    b"From: a@example.com\r\n\r\nline one\r\nline two\r\n\r\nline four\r\n.\r\n",
    b"From: a@example.com\r\nContent-Type: application/octet-stream\r\n\r\nAAAA\r\n.\r\n",
    b"\r\njust body\r\n.\r\n",
    b"FROM: upper@example.com\r\nsubject:nospace\r\nReply-To: r@example.com\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n\r\nb\r\n.\r\n",
]


def main():
    frames = []
    tcp_conversation(frames, CLIENT, SERVER, 40000, 25, session(MESSAGES))
    tcp_conversation(frames, CLIENT, SERVER, 40001, 587, [(False, b"220 x\r\n"), (True, b"DATA\r\n"), (False, b"503 need MAIL\r\n"),
                                                         (True, b"Subject: not data\r\n"), (True, b"\r\nstill\r\n.\r\n"),
                                                         (True, b"QUIT\r\n"), (False, b"221 Bye\r\n")])
    tcp_conversation(frames, CLIENT, SERVER, 40002, 25, session(MESSAGES), cut=80)
    here = os.path.dirname(os.path.abspath(__file__))
    write_pcap(os.path.join(here, "smtp", "smtp-imf-crafted.pcap"),
               [(f, cut, 1700000000 + i // 1000, (i % 1000) * 1000) for i, (f, cut) in enumerate(frames)])


if __name__ == "__main__":
    main()
