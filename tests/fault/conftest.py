"""Fixtures of the fault suite: the API under test, its compose containers, and a bounded load.

Every target is on 127.0.0.1 (run.sh publishes the stack there); every loop is bounded both in
iterations and in time, so a broken service fails the suite instead of hanging it.
"""
import functools
import json
import os
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field

import pytest
import requests

API = os.environ.get("API_URL", "http://127.0.0.1:18100")
MGMT = os.environ.get("MANAGEMENT_URL", "http://127.0.0.1:18101")
for url in (API, MGMT):
    assert url.startswith("http://127.0.0.1:") or url.startswith("http://localhost:"), f"not localhost: {url}"

PROBLEM_JSON = "application/problem+json"


def compose(*args, timeout=120):
    """The compose command run.sh chose (COMPOSE_COMMAND), in the suite's project (COMPOSE_* from run.sh)."""
    base = os.environ.get("COMPOSE_COMMAND", "docker compose").split()
    return subprocess.run(base + list(args), capture_output=True, text=True, timeout=timeout, check=True).stdout


@functools.cache
def container(service):
    """The service's container id, looked up once: the suite stops, kills, pauses and starts its
    containers but never recreates them, and each compose call costs 0.1-0.8 s (psql() polls)."""
    cid = compose("ps", "-q", service).split()
    assert cid, f"no container for {service}"
    return cid[0]


def docker(*args, timeout=90):
    return subprocess.run(["docker", *args], capture_output=True, text=True, timeout=timeout, check=True).stdout


def inspect(cid, fmt):
    return docker("inspect", "-f", fmt, cid).strip()


def psql(sql):
    return docker("exec", "-i", container("postgres"), "psql", "-U", "postgres", "-d", "mydb",
                  "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql).strip()


def wait_for(predicate, timeout, what, interval=0.2):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except (requests.RequestException, subprocess.SubprocessError) as e:
            last = e
        time.sleep(interval)
    raise AssertionError(f"{what}: not within {timeout} s (last error: {last})")


def ready():
    return requests.get(f"{MGMT}/actuator/health/readiness", timeout=2).status_code == 200


def wait_ready(timeout=90):
    wait_for(ready, timeout, "API readiness 200")


def new_user(session=None, prefix="fault"):
    email = f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"
    r = (session or requests).post(f"{API}/users", json={"name": "Fault Test", "email": email}, timeout=10)
    return email, r


def assert_problem(response, status):
    assert response.status_code == status, f"{response.status_code} {response.text[:300]}"
    assert response.headers.get("Content-Type", "").startswith(PROBLEM_JSON), response.headers
    body = response.json()
    assert body.get("status") == status, body
    assert body.get("title"), body


@dataclass
class Result:
    kind: str
    started: float
    elapsed: float
    status: int | None = None
    error: str | None = None
    detail: dict = field(default_factory=dict)


class Load:
    """A bounded background load: `workers` threads call `step(session, worker, i)` until stopped,
    at most `max_requests` each and never longer than `max_seconds`. Each step returns a Result."""

    def __init__(self, step, workers=4, max_requests=5000, max_seconds=60):
        self.step, self.workers, self.max_requests, self.max_seconds = step, workers, max_requests, max_seconds
        self.results: list[Result] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = []

    def _run(self, worker):
        session = requests.Session()
        deadline = time.monotonic() + self.max_seconds
        for i in range(self.max_requests):
            if self._stop.is_set() or time.monotonic() > deadline:
                break
            result = self.step(session, worker, i)
            with self._lock:
                self.results.append(result)

    def __enter__(self):
        for w in range(self.workers):
            t = threading.Thread(target=self._run, args=(w,), daemon=True)
            t.start()
            self._threads.append(t)
        return self

    def stop(self):
        self._stop.set()
        for t in self._threads:
            t.join(timeout=self.max_seconds + 15)
        assert not any(t.is_alive() for t in self._threads), "load threads did not stop"

    def __exit__(self, *exc):
        self.stop()

    def snapshot(self):
        with self._lock:
            return list(self.results)


def timed(kind, call, **detail):
    start = time.monotonic()
    try:
        r = call()
        return Result(kind, start, time.monotonic() - start, status=r.status_code,
                      detail={**detail, "response": r})
    except requests.RequestException as e:
        return Result(kind, start, time.monotonic() - start, error=f"{type(e).__name__}: {e}", detail=detail)


@pytest.fixture(scope="session", autouse=True)
def stack_ready():
    wait_ready()


@pytest.fixture
def api_healthy():
    """Makes sure every container is running and the API ready, before and after a test."""
    def heal():
        for service in ("postgres", "redis", "api"):
            cid = container(service)
            if inspect(cid, "{{.State.Paused}}") == "true":
                docker("unpause", cid)
            if inspect(cid, "{{.State.Running}}") != "true":
                docker("start", cid)
        wait_ready()
    heal()
    yield
    heal()


def report(record_property, name, value):
    """A figure for the JUnit XML (<property>) and the console."""
    record_property(name, value)
    print(f"FIGURE {name} = {json.dumps(value)}")
