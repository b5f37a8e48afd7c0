#!/usr/bin/env python3
"""Latency of HTTP/1.1 requests as the wire saw them, from a packet capture (round 16).

wrk corrects its latencies for coordinated omission, so a few long stalls move its p99 (see
bench/README.md). This reads a capture of a keep-alive load instead and times each request from
its first packet to the first packet of the answer on the same connection:

    tcpdump -i lo -s 96 -B 131072 -w run.pcap 'tcp port 18100' &   # or the bridge, for a container
    wrk -t2 -c128 -d15s ... http://127.0.0.1:18100/
    python3 bench/tuning/wire_latency.py run.pcap 18100

It prints the percentiles, the share of requests answered within 0.5 ms (answered in the same
dispatch as the one before), the longest silences of the server and the slowest answers with the
second of the capture they started at. Standard library only: classic pcap (not pcapng), Ethernet
or Linux cooked captures, IPv4.
"""
import argparse
import struct
import sys

LINKTYPE_HEADER = {1: 14, 113: 16}  # Ethernet, Linux cooked (tcpdump -i any)
# pcap's magic number, as the file's first 4 bytes: the byte order and the timestamps' fraction
MAGIC = {
    b"\xd4\xc3\xb2\xa1": ("<", 1e-6), b"\xa1\xb2\xc3\xd4": (">", 1e-6),
    b"\x4d\x3c\xb2\xa1": ("<", 1e-9), b"\xa1\xb2\x3c\x4d": (">", 1e-9),
}


def packets(path):
    """Yields (seconds, source port, destination port, TCP payload bytes) of every IPv4 TCP packet."""
    with open(path, "rb") as f:
        header = f.read(24)
        if header[:4] not in MAGIC:
            sys.exit(f"{path}: not a classic pcap file (tcpdump -w writes one; convert pcapng with editcap -F pcap)")
        endian, fraction = MAGIC[header[:4]]
        linktype = struct.unpack(endian + "I", header[20:24])[0]
        if linktype not in LINKTYPE_HEADER:
            sys.exit(f"{path}: link type {linktype} is not Ethernet or Linux cooked")
        link = LINKTYPE_HEADER[linktype]
        while record := f.read(16):
            seconds, part, captured, _ = struct.unpack(endian + "IIII", record)
            data = f.read(captured)
            ip = data[link:]
            if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 6:
                continue
            ip_header = (ip[0] & 0x0F) * 4
            tcp = ip[ip_header:]
            if len(tcp) < 13:
                continue
            payload = struct.unpack("!H", ip[2:4])[0] - ip_header - (tcp[12] >> 4) * 4
            source, destination = struct.unpack("!HH", tcp[:4])
            yield seconds + part * fraction, source, destination, payload


def percentile(ordered, p):
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pcap")
    parser.add_argument("port", type=int, help="the server's port")
    parser.add_argument("--silence-ms", type=float, default=50, help="report server silences longer than this")
    args = parser.parse_args()

    waiting = {}  # client port -> time of the request's first packet not answered yet
    answers, silences = [], []  # answers: (latency, when it was asked, client port)
    start = last_answer = None
    for t, source, destination, payload in packets(args.pcap):
        start = t if start is None else start
        if payload <= 0:
            continue
        if destination == args.port:
            waiting.setdefault(source, t)
        elif source == args.port:
            if last_answer is not None and (t - last_answer) * 1000 > args.silence_ms:
                silences.append((last_answer - start, t - last_answer))
            last_answer = t
            if (asked := waiting.pop(destination, None)) is not None:
                answers.append((t - asked, asked - start, destination))
    if not answers:
        sys.exit(f"no answered requests to port {args.port} in {args.pcap}")

    answers.sort(reverse=True)
    ordered = [latency for latency, _, _ in reversed(answers)]
    ms = {p: percentile(ordered, p) * 1000 for p in (50, 90, 99, 99.9)}
    fast = sum(1 for x in ordered if x < 0.0005)
    print(f"requests answered: {len(ordered)}, mean {sum(ordered) / len(ordered) * 1000:.2f} ms")
    print("p50 {:.2f} ms, p90 {:.2f} ms, p99 {:.2f} ms, p99.9 {:.2f} ms, max {:.1f} ms".format(
        ms[50], ms[90], ms[99], ms[99.9], ordered[-1] * 1000))
    print(f"answered within 0.5 ms: {fast} ({100 * fast / len(ordered):.0f} %)")
    print(f"server silences over {args.silence_ms:g} ms: "
          + (", ".join(f"{d * 1000:.0f} ms at {s:.2f} s" for s, d in silences) or "none"))
    print("slowest answers: " + ", ".join(f"{d * 1000:.0f} ms (from {s:.2f} s, port {p})" for d, s, p in answers[:10]))


if __name__ == "__main__":
    main()
