"""bench/tuning/wire_latency.py against packet captures written here, with known timings."""
import struct
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "tuning" / "wire_latency.py"
SERVER = 18100


def ipv4_frame(protocol, transport, link="ethernet"):
    """An IPv4 packet (6 TCP, 17 UDP) behind an Ethernet or a Linux cooked header."""
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(transport), 0, 0, 64, protocol, 0,
                     b"\x7f\0\0\1", b"\x7f\0\0\1")
    link_header = b"\0" * (12 if link == "ethernet" else 14) + b"\x08\x00"
    return link_header + ip + transport


def tcp_frame(source, destination, payload, link="ethernet"):
    """One TCP packet carrying `payload` bytes."""
    tcp = struct.pack("!HHIIBBHHH", source, destination, 0, 0, 5 << 4, 0x18, 65535, 0, 0) + b"x" * payload
    return ipv4_frame(6, tcp, link)


def udp_frame():
    return ipv4_frame(17, b"\0" * 8)


def write_pcap(path, packets, endian="<", nanoseconds=False, linktype=1):
    """packets: (seconds, frame) pairs, in the classic pcap format tcpdump -w writes."""
    magic = 0xA1B23C4D if nanoseconds else 0xA1B2C3D4
    scale = 1_000_000_000 if nanoseconds else 1_000_000
    with open(path, "wb") as f:
        f.write(struct.pack(endian + "IHHiIII", magic, 2, 4, 0, 0, 65535, linktype))
        for t, frame in packets:
            whole = int(t)
            f.write(struct.pack(endian + "IIII", whole, round((t - whole) * scale), len(frame), len(frame)))
            f.write(frame)


def run(path, *extra):
    return subprocess.run([sys.executable, str(SCRIPT), str(path), str(SERVER), *extra],
                          capture_output=True, text=True)


def hundred_requests(link="ethernet"):
    """One keep-alive connection: request i (1..100) answered after i ms, a pure ACK in between."""
    packets, t = [], 1000.0
    for i in range(1, 101):
        packets.append((t, tcp_frame(40000, SERVER, 60, link)))
        packets.append((t + 0.0001, tcp_frame(SERVER, 40000, 0, link)))  # ACK: no payload, ignored
        packets.append((t + i / 1000, tcp_frame(SERVER, 40000, 120, link)))
        t += 0.2
    return packets


@pytest.mark.parametrize("endian,nanoseconds,linktype", [
    ("<", False, 1), (">", False, 1), ("<", True, 1), ("<", False, 113)])
def test_percentiles_of_a_known_load(tmp_path, endian, nanoseconds, linktype):
    pcap = tmp_path / "run.pcap"
    write_pcap(pcap, hundred_requests("ethernet" if linktype == 1 else "cooked"), endian, nanoseconds, linktype)
    result = run(pcap)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "requests answered: 100, mean 50.50 ms"
    assert lines[1] == "p50 51.00 ms, p90 91.00 ms, p99 100.00 ms, p99.9 100.00 ms, max 100.0 ms"
    assert lines[2] == "answered within 0.5 ms: 0 (0 %)"
    # answers 199 ms apart at most (0.2 s cycle + 1 ms more each time): none over 250 ms
    assert run(pcap, "--silence-ms", "250").stdout.splitlines()[3] == "server silences over 250 ms: none"
    assert lines[4].startswith("slowest answers: 100 ms (from 19.80 s, port 40000), 99 ms (from 19.60 s")


def test_a_request_is_timed_from_its_first_packet_and_answered_once(tmp_path):
    """A request split over two packets counts from the first; a second answer packet is not a request."""
    pcap = tmp_path / "split.pcap"
    write_pcap(pcap, [
        (0.0, tcp_frame(40001, SERVER, 30)),
        (0.004, tcp_frame(40001, SERVER, 30)),           # rest of the same request
        (0.010, tcp_frame(SERVER, 40001, 1400)),         # answer: 10 ms after the first packet
        (0.0101, tcp_frame(SERVER, 40001, 1400)),        # rest of the answer
        (0.3, udp_frame()),                              # not TCP: skipped
        (0.5, tcp_frame(40002, SERVER, 60)),
        (0.5003, tcp_frame(SERVER, 40002, 100)),         # 0.3 ms: within 0.5 ms
    ])
    lines = run(pcap).stdout.splitlines()
    assert lines[0] == "requests answered: 2, mean 5.15 ms"
    assert lines[2] == "answered within 0.5 ms: 1 (50 %)"
    assert lines[3] == "server silences over 50 ms: 490 ms at 0.01 s"


def test_refuses_what_it_cannot_read(tmp_path):
    pcapng = tmp_path / "run.pcapng"
    pcapng.write_bytes(b"\x0a\x0d\x0d\x0a" + b"\0" * 40)
    result = run(pcapng)
    assert result.returncode != 0 and "not a classic pcap file" in result.stderr

    wifi = tmp_path / "wifi.pcap"
    write_pcap(wifi, [(0.0, tcp_frame(40000, SERVER, 10))], linktype=105)
    result = run(wifi)
    assert result.returncode != 0 and "link type 105" in result.stderr

    silent = tmp_path / "silent.pcap"
    write_pcap(silent, [(0.0, tcp_frame(40000, SERVER, 10))])
    result = run(silent)
    assert result.returncode != 0 and "no answered requests" in result.stderr
