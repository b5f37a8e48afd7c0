"""Polls a URL until it answers 200 and prints that moment as Unix time (seconds).
Usage: wait_ready.py URL [TIMEOUT_S] [INTERVAL_S]; exits 1 when TIMEOUT_S (60) passes first.

One process polls for the whole start-up. A `curl` per poll costs about 15 ms of CPU on a slow
2-core machine; every 20 ms that is about 0.4 of a core taken from the JVM being timed
(bench/tuning/README.md, round 15)."""
import http.client
import sys
import time
import urllib.parse

url = urllib.parse.urlsplit(sys.argv[1])
timeout_s = float(sys.argv[2]) if len(sys.argv) > 2 else 60.0
interval_s = float(sys.argv[3]) if len(sys.argv) > 3 else 0.02
path = url.path + (f"?{url.query}" if url.query else "")

deadline = time.monotonic() + timeout_s
while time.monotonic() < deadline:
    connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=1)
    try:
        connection.request("GET", path)
        if connection.getresponse().status == 200:
            print(f"{time.time():.3f}")
            sys.exit(0)
    except (OSError, http.client.HTTPException):
        pass  # not listening yet, or Docker's proxy closed the connection: poll again
    finally:
        connection.close()
    time.sleep(interval_s)
sys.exit(1)
