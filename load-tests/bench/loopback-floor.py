#!/usr/bin/env python3
"""Kernel floor of one delivery: what one send() of a chat-sized frame to a loopback TCP connection costs
the sending process in system time, with no server code at all (docs/benchmarks.md, section 9).

Like the group benchmark: 600 connections (20 groups x 30), 100 "messages" per second, each message one
send() of FRAME bytes to each of the 30 connections of its group (3,000 sends/s), TCP_NODELAY, the readers
in a separate process (as Gatling is). Prints system and user CPU of the sending process per send.
  python3 load-tests/bench/loopback-floor.py [seconds] [frame-bytes]
"""
import os, resource, selectors, socket, sys, time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 30
FRAME = int(sys.argv[2]) if len(sys.argv) > 2 else 330
GROUPS, SIZE, RATE = 20, 30, 100

listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(1024)
port = listener.getsockname()[1]

reader = os.fork()
if reader == 0:  # the readers: one process, one epoll loop over every connection, reads until EOF
    sel = selectors.DefaultSelector()
    conns = []
    for _ in range(GROUPS * SIZE):
        c = socket.create_connection(("127.0.0.1", port))
        c.setblocking(False)
        sel.register(c, selectors.EVENT_READ)
        conns.append(c)
    open_count = len(conns)
    while open_count:
        for key, _ in sel.select():
            data = key.fileobj.recv(65536)
            if not data:
                sel.unregister(key.fileobj)
                open_count -= 1
    os._exit(0)

server_side = []
for _ in range(GROUPS * SIZE):
    s, _ = listener.accept()
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    server_side.append(s)
payload = b"m" * FRAME
time.sleep(1)

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime, r.ru_stime

sends = 0
u0, s0 = cpu()
start = time.monotonic()
next_at = start
message = 0
while time.monotonic() - start < SECONDS:
    group = message % GROUPS
    for s in server_side[group * SIZE:(group + 1) * SIZE]:
        s.send(payload)
        sends += 1
    message += 1
    next_at += 1.0 / RATE
    delay = next_at - time.monotonic()
    if delay > 0:
        time.sleep(delay)
u1, s1 = cpu()
wall = time.monotonic() - start
for s in server_side:
    s.close()
os.waitpid(reader, 0)
print(f"{sends} sends of {FRAME} bytes in {wall:.1f} s ({sends / wall:.0f}/s) over {GROUPS * SIZE} loopback connections")
print(f"sender system {1e6 * (s1 - s0) / sends:.2f} us/send, user {1e6 * (u1 - u0) / sends:.2f} us/send (Python included)")
