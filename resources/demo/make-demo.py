#!/usr/bin/env python3
"""Makes demo-clean.pcapng: one real TCP connection on loopback (three-way handshake,
a request and a reply, four-way teardown), captured with dumpcap. Run as root:
    python3 resources/demo/make-demo.py resources/demo/demo-clean.pcapng
"""
import socket, subprocess, sys, threading, time

out = sys.argv[1]
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
port = srv.getsockname()[1]
srv.listen(1)
cap = subprocess.Popen(["dumpcap", "-q", "-i", "lo", "-f", f"tcp port {port}", "-w", out])
time.sleep(1.5)

def server():
    conn, _ = srv.accept()
    conn.recv(1000)
    time.sleep(0.05)
    conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nHello from SynFlow!\n")
    while conn.recv(1000):  # until the client's FIN
        pass
    time.sleep(0.2)  # the server closes later: its FIN is a separate segment (four-way teardown)
    conn.close()

t = threading.Thread(target=server)
t.start()
c = socket.create_connection(("127.0.0.1", port))
time.sleep(0.1)
c.sendall(b"GET /hello HTTP/1.0\r\nHost: localhost\r\n\r\n")
c.recv(1000)
time.sleep(0.1)
c.shutdown(socket.SHUT_WR)
c.recv(1000)  # wait for the server's FIN
c.close()
t.join()
time.sleep(1.0)
cap.terminate()
cap.wait()
