"""SIGTERM under load (docker stop with the compose stop_grace_period): the requests already in
flight complete, none is cut, new connections are turned away, and the JVM exits on its own before
the grace period (no SIGKILL).

To have requests that are really in flight when the signal arrives, a psql session holds an
ACCESS EXCLUSIVE lock on the users table for LOCK_SECONDS: uncached reads then wait inside the
service, in their SELECT on a pooled connection, and the signal arrives while they wait.
"""
import socket
import threading
import time

from conftest import API, Load, Result, container, docker, inspect, new_user, psql, report, wait_for, wait_ready

SLOW_REQUESTS = 6
LOCK_SECONDS = 4


def raw_get(path, timeout=40):
    """One request on a fresh connection, classified: 'ok' (full response), 'refused' (never accepted)
    or 'cut' (sent, then the connection ended without a complete response)."""
    host, port = API.removeprefix("http://").split(":")
    start = time.monotonic()
    try:
        sock = socket.create_connection((host, int(port)), timeout=timeout)
    except OSError as e:
        return "refused", None, time.monotonic() - start, str(e)
    try:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except OSError as e:
        return "cut", None, time.monotonic() - start, f"{type(e).__name__}: {e}"
    finally:
        sock.close()
    head, _, body = data.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 "):
        return ("refused" if not data else "cut"), None, time.monotonic() - start, repr(data[:100])
    status = int(head.split()[1])
    complete = b"Transfer-Encoding: chunked" not in head or body.endswith(b"0\r\n\r\n")
    return ("ok" if complete else "cut"), status, time.monotonic() - start, ""


def test_sigterm_completes_in_flight_requests(api_healthy, record_property):
    api = container("api")
    # Ids nobody has read through the API yet (cache misses), and a pool with open connections.
    for _ in range(SLOW_REQUESTS):
        _, r = new_user(prefix="sigterm")
        assert r.status_code == 201
    top = int(psql("SELECT max(id) FROM users"))
    psql(f"INSERT INTO users (name, email) SELECT 'Sigterm', 'sigterm-db-' || g || '-' || md5(random()::text) "
         f"|| '@example.com' FROM generate_series(1, {SLOW_REQUESTS}) g")
    slow_ids = list(range(top + 1, top + 1 + SLOW_REQUESTS))

    def background(session, worker, i):
        start = time.monotonic()
        kind, status, elapsed, err = raw_get("/", timeout=10)
        if kind == "refused":
            time.sleep(0.05)
        return Result(kind, start, elapsed, status=status, error=err or None)

    slow = []
    with Load(background, workers=3, max_requests=20000, max_seconds=60) as load:
        time.sleep(1)
        locker = threading.Thread(target=lambda: psql(
            f"BEGIN; LOCK TABLE users IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep({LOCK_SECONDS}); COMMIT;"), daemon=True)
        locker.start()
        wait_for(lambda: psql("SELECT count(*) FROM pg_locks WHERE relation = 'users'::regclass "
                              "AND mode = 'AccessExclusiveLock' AND granted") == "1", 10, "the table lock")
        threads = [threading.Thread(target=lambda i=i: slow.append(raw_get(f"/users/{i}")), daemon=True)
                   for i in slow_ids]
        for t in threads:
            t.start()
        time.sleep(1.0)  # the slow reads now wait in their SELECT
        sigterm_at = time.monotonic()
        stopper = threading.Thread(target=lambda: docker("stop", api, timeout=60), daemon=True)
        stopper.start()  # docker stop: SIGTERM, SIGKILL after the compose stop_grace_period
        locker.join(timeout=LOCK_SECONDS + 10)
        for t in threads:
            t.join(timeout=45)
        stopper.join(timeout=60)
        stopped_at = time.monotonic()
        load.stop()
    results = load.snapshot()

    exit_code = int(inspect(api, "{{.State.ExitCode}}"))
    oom = inspect(api, "{{.State.OOMKilled}}")
    logs = docker("logs", "--tail", "80", api)
    before_signal = [r for r in results if r.started < sigterm_at]
    after_signal = [r for r in results if r.started >= sigterm_at]
    report(record_property, "sigterm_in_flight_slow_requests", len(slow))
    report(record_property, "sigterm_in_flight_outcomes", sorted((k, s) for k, s, _, _ in slow))
    report(record_property, "sigterm_in_flight_slow_max_s", round(max((e for _, _, e, _ in slow), default=0), 2))
    report(record_property, "sigterm_background_before_signal", {k: sum(1 for r in before_signal if r.kind == k)
                                                                 for k in ("ok", "refused", "cut")})
    # The count depends on how long the set-up before the signal took (its psql() calls, which ran
    # `compose ps` each until container ids were cached), so the window and the rate are what
    # compare across runs.
    window = sigterm_at - min((r.started for r in before_signal), default=sigterm_at)
    report(record_property, "sigterm_background_before_signal_window_s", round(window, 2))
    report(record_property, "sigterm_background_before_signal_rps",
           round(len(before_signal) / window) if window else 0)
    report(record_property, "sigterm_background_after_signal", {k: sum(1 for r in after_signal if r.kind == k)
                                                                for k in ("ok", "refused", "cut")})
    report(record_property, "sigterm_shutdown_seconds", round(stopped_at - sigterm_at, 2))
    report(record_property, "sigterm_exit_code", exit_code)

    # Every request the service had accepted before the signal got its whole response.
    assert len(slow) == SLOW_REQUESTS, "a slow request did not finish"
    assert all(k == "ok" and s == 200 for k, s, _, _ in slow), slow
    assert min(e for _, _, e, _ in slow) > 1.0, "the slow requests did not wait for the lock: not in flight"
    cut = [r for r in before_signal if r.kind != "ok"]
    assert not cut, [(r.kind, r.status, r.error) for r in cut[:5]]
    # After the signal, new connections are turned away. Behind Docker's userland proxy (the
    # published port) a connection the service never accepted looks like a reset to the client,
    # so those are reported (after_signal above), not failed. Without the proxy (the container's
    # own address, 4 stops on 2026-11-27) 154-175 were refused, and still 2 per stop were reset
    # or closed unanswered: the ones the kernel had queued when Tomcat closed its listener. In
    # EKS the preStop sleep keeps new connections away before the signal (helm/users-api).
    assert exit_code != 137 and oom == "false", f"killed, not shut down (exit {exit_code})"
    assert stopped_at - sigterm_at < 30, "shutdown took the whole grace period"
    assert "graceful shutdown" in logs.lower(), logs[-2000:]

    # The service comes back (for the other tests and for the record).
    docker("start", api)
    wait_ready()
