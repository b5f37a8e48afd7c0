"""Redis is an optimisation: killed or frozen under load, reads keep succeeding from PostgreSQL
within a bounded latency, and no cached list page is stale once it is back."""
import time

import requests

from conftest import API, Load, container, docker, inspect, new_user, psql, report, timed, wait_for

READERS = 4
MAX_LATENCY_WHILE_DOWN_S = 2.0  # REDIS_TIMEOUT_MS (250 ms) + a loaded 2-core machine


def api_list_ids():
    """Every user id as the API lists them, page by page (at most 200 pages)."""
    ids, offset = [], 0
    for _ in range(200):
        r = requests.get(f"{API}/users", params={"limit": 100, "offset": offset}, timeout=10)
        assert r.status_code == 200, r.text
        page = [u["id"] for u in r.json()]
        ids += page
        if len(page) < 100:
            return ids
        offset += 100
    raise AssertionError("more than 20000 users: the list check is bounded to 200 pages")


def db_ids():
    return [int(x) for x in psql("SELECT id FROM users ORDER BY id").split()]


def seed(n=30):
    ids = []
    for _ in range(n):
        _, r = new_user(prefix="redis")
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    return ids


def read_step(ids):
    def step(session, worker, i):
        if i % 5 == 4:
            offset = (i // 5) % 3 * 10
            return timed("list", lambda: session.get(f"{API}/users", params={"limit": 10, "offset": offset},
                                                     timeout=10))
        user_id = ids[(worker * 7 + i) % len(ids)]
        result = timed("get", lambda: session.get(f"{API}/users/{user_id}", timeout=10), id=user_id)
        response = result.detail.get("response")
        if response is not None and response.status_code == 200 and response.json().get("id") != user_id:
            result.error = f"asked for {user_id}, got {response.json()}"
        return result

    return step


def failures(results):
    return [r for r in results if r.error or r.status != 200]


def outage_under_load(ids, take_down, bring_back, down_seconds, max_seconds):
    """Reads under load; takes Redis down, writes a user while it is away, brings it back.
    Returns (every result, the results started while Redis was away, the 201 response)."""
    with Load(read_step(ids), workers=READERS, max_requests=20000, max_seconds=max_seconds) as load:
        time.sleep(1.5)
        down_at = time.monotonic()
        take_down()
        time.sleep(down_seconds)
        _, created = new_user(prefix="redis-down")  # a write while Redis is away
        assert created.status_code == 201, created.text
        time.sleep(1)
        bring_back()
        up_at = time.monotonic()
        time.sleep(3)
        load.stop()
    results = load.snapshot()
    return results, [r for r in results if down_at <= r.started <= up_at], created


def test_redis_killed_and_restarted_under_load(api_healthy, record_property):
    ids = seed()
    api_list_ids()  # the list pages are now cached
    redis = container("redis")

    def restart():
        docker("start", redis)
        wait_for(lambda: inspect(redis, "{{.State.Health.Status}}") == "healthy", 30, "redis healthy")

    results, during, created = outage_under_load(ids, lambda: docker("kill", redis), restart, 4, 45)
    report(record_property, "redis_kill_requests_total", len(results))
    report(record_property, "redis_kill_requests_while_down", len(during))
    report(record_property, "redis_kill_failed_reads", len(failures(results)))
    max_down = max((r.elapsed for r in during), default=0)
    report(record_property, "redis_kill_max_latency_while_down_ms", round(max_down * 1000, 1))
    report(record_property, "redis_kill_max_latency_overall_ms", round(max(r.elapsed for r in results) * 1000, 1))
    assert during, "no request ran while Redis was down"
    assert not failures(results), failures(results)[:5]
    assert max_down <= MAX_LATENCY_WHILE_DOWN_S

    # Back with an empty cache: the cache refills by itself and every list page matches the table.
    user_id = created.json()["id"]
    wait_for(lambda: requests.get(f"{API}/users/{user_id}", timeout=5).headers.get("X-Cache") == "HIT",
             15, "by-id reads served from Redis again (a miss refills the key, the next read hits)")
    assert api_list_ids() == db_ids(), "a list page is stale after the Redis restart"
    assert api_list_ids() == db_ids(), "a cached list page is stale after the Redis restart"
    _, after = new_user(prefix="redis-after")
    assert after.status_code == 201
    assert api_list_ids() == db_ids(), "a user created after the restart is missing from the list"


def test_redis_frozen_keeps_data_and_no_stale_list(api_healthy, record_property):
    """docker pause: Redis hangs (timeouts, not refused connections) and comes back WITH its data,
    so a write it missed must not leave an old cached list page visible."""
    ids = seed(10)
    before = api_list_ids()
    assert api_list_ids() == before  # second read: pages served from the cache
    redis = container("redis")
    results, during, created = outage_under_load(
        ids, lambda: docker("pause", redis), lambda: docker("unpause", redis), 3, 30)
    max_frozen = max((r.elapsed for r in during), default=0)
    report(record_property, "redis_pause_requests_total", len(results))
    report(record_property, "redis_pause_failed_reads", len(failures(results)))
    report(record_property, "redis_pause_max_latency_while_frozen_ms", round(max_frozen * 1000, 1))
    assert during, "no request ran while Redis was frozen"
    assert not failures(results), failures(results)[:5]
    assert max_frozen <= MAX_LATENCY_WHILE_DOWN_S
    listed = api_list_ids()
    assert created.json()["id"] in listed, "the user created while Redis was frozen is missing: stale list"
    assert listed == db_ids()
