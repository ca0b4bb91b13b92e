#!/usr/bin/env python3
"""Writes tests/data/textlines.pcap: one short TCP conversation each of SMTP, FTP, POP and IMAP
(their well-known ports), built byte by byte (no server needed), for the detail tree's
line-based protocols. The shared captures carry none of them. Deterministic: run it again
and the file is the same.

usage: tests/data/make-textlines.py
"""
import os

from pcapframes import tcp_frame as frame, write_pcap

CONVERSATIONS = {
    25: [(0, "220 mail.example.test ESMTP Postfix\r\n"), (1, "EHLO client.example.test\r\n"),
         (0, "250-mail.example.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n"), (1, "MAIL FROM:<alice@example.test>\r\n"),
         (0, "250 2.1.0 Ok\r\n"), (1, "RCPT TO:<bob@example.test>\r\n"), (0, "250 2.1.5 Ok\r\n"), (1, "DATA\r\n"),
         (0, "354 End data with <CR><LF>.<CR><LF>\r\n"), (1, "Subject: hello\r\n\r\nHi Bob\r\n.\r\n"),
         (0, "250 2.0.0 Ok: queued as 4F2A1\r\n"), (1, "QUIT\r\n"), (0, "221 2.0.0 Bye\r\n")],
    21: [(0, "220 (vsFTPd 3.0.3)\r\n"), (1, "USER anonymous\r\n"), (0, "331 Please specify the password.\r\n"),
         (1, "PASS guest\r\n"), (0, "230 Login successful.\r\n"), (1, "PWD\r\n"),
         (0, "257 \"/\" is the current directory\r\n"), (1, "TYPE I\r\n"), (0, "200 Switching to Binary mode.\r\n"),
         (1, "QUIT\r\n"), (0, "221 Goodbye.\r\n")],
    110: [(0, "+OK POP3 server ready\r\n"), (1, "USER alice\r\n"), (0, "+OK\r\n"), (1, "PASS secret\r\n"),
          (0, "+OK Logged in.\r\n"), (1, "STAT\r\n"), (0, "+OK 2 320\r\n"), (1, "RETR 1\r\n"),
          (0, "-ERR no such message\r\n"), (1, "QUIT\r\n"), (0, "+OK Logging out.\r\n")],
    143: [(0, "* OK [CAPABILITY IMAP4rev1] Dovecot ready.\r\n"), (1, "a001 LOGIN alice secret\r\n"),
          (0, "a001 OK Logged in\r\n"), (1, "a002 SELECT INBOX\r\n"),
          (0, "* 2 EXISTS\r\n* 0 RECENT\r\na002 OK [READ-WRITE] Select completed.\r\n"), (1, "a003 LOGOUT\r\n"),
          (0, "* BYE Logging out\r\na003 OK Logout completed.\r\n")],
}
CLIENT = bytes([192, 0, 2, 10])
SERVER = bytes([192, 0, 2, 20])


def main():
    frames = []
    client_port = 40000
    for port, messages in CONVERSATIONS.items():
        client_port += 1
        cseq, sseq = 1000, 5000
        frames.append(frame(CLIENT, SERVER, client_port, port, cseq, 0, 0x02, b""))
        frames.append(frame(SERVER, CLIENT, port, client_port, sseq, cseq + 1, 0x12, b""))
        cseq, sseq = cseq + 1, sseq + 1
        frames.append(frame(CLIENT, SERVER, client_port, port, cseq, sseq, 0x10, b""))
        for from_server, text in ((d == 0, t.encode()) for d, t in messages):
            if from_server:
                frames.append(frame(SERVER, CLIENT, port, client_port, sseq, cseq, 0x18, text))
                sseq += len(text)
            else:
                frames.append(frame(CLIENT, SERVER, client_port, port, cseq, sseq, 0x18, text))
                cseq += len(text)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "textlines.pcap")
    write_pcap(out, [(data, None, 1700000000 + i, 0) for i, data in enumerate(frames)], snaplen=65535)

if __name__ == "__main__":
    main()
