"""API fuzzing from the service's own OpenAPI document (Schemathesis): no 5xx, and every response
conforms to the spec (status code, content type, headers, body schema), for valid and invalid
input. Bounded: max examples per operation and a time budget."""
import os
import subprocess
import sys
from pathlib import Path

from conftest import API

MAX_EXAMPLES = os.environ.get("FAULT_FUZZ_MAX_EXAMPLES", "40")
MAX_TIME_S = os.environ.get("FAULT_FUZZ_MAX_TIME", "90")
# ignored_auth: the API has no authentication to ignore.
EXCLUDED_CHECKS = "ignored_auth"


def test_fuzz_the_openapi_spec(record_property, tmp_path):
    report_dir = Path(os.environ.get("FAULT_REPORT_DIR", "build/reports/junit/fault"))
    report_dir.mkdir(parents=True, exist_ok=True)
    st = os.environ.get("SCHEMATHESIS", str(Path(sys.executable).with_name("st")))
    cmd = [st, "run", f"{API}/openapi.json", "--url", API,
           "--checks", "all", "--exclude-checks", EXCLUDED_CHECKS,
           "--max-examples", MAX_EXAMPLES, "--max-time", MAX_TIME_S, "--seed", "20261126",
           "--request-timeout", "10", "--workers", "2", "--no-color",
           "--report", "junit", "--report-junit-path", str(report_dir / "schemathesis.xml")]
    print(" ".join(cmd))
    # cwd: Schemathesis keeps a crash cache in ./.schemathesis; a fresh one each run keeps runs independent.
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=int(MAX_TIME_S) + 120,
                          env={**os.environ, "NO_COLOR": "1"}, cwd=tmp_path)
    print(proc.stdout[-20000:], proc.stderr[-5000:])
    record_property("schemathesis_exit_code", proc.returncode)
    assert proc.returncode == 0, "Schemathesis found failures (see the output above)"


# Regressions of the contract bugs Schemathesis found (each was a 500 or a wrong spec before).
import requests  # noqa: E402


def test_error_path_is_not_in_the_spec_and_is_a_404():
    spec = requests.get(f"{API}/openapi.json", timeout=10).json()
    assert "/error" not in spec["paths"]
    r = requests.get(f"{API}/error", timeout=10)
    assert r.status_code == 404 and r.headers["Content-Type"].startswith("application/problem+json")


def test_x_cache_header_is_a_string_in_the_spec():
    spec = requests.get(f"{API}/openapi.json", timeout=10).json()
    for path in ("/users", "/users/{id}"):
        schema = spec["paths"][path]["get"]["responses"]["200"]["headers"]["X-Cache"]["schema"]
        assert schema["type"] == "string" and set(schema["enum"]) == {"HIT", "MISS"}


def test_multipart_content_type_is_not_a_server_error():
    assert requests.get(f"{API}/", headers={"Content-Type": "multipart/form-data"}, timeout=10).status_code == 200
    r = requests.post(f"{API}/users", data=b'{"name":"a","email":"a@example.com"}',
                      headers={"Content-Type": "multipart/form-data"}, timeout=10)
    assert r.status_code == 415, r.text


def test_query_with_an_empty_parameter_name_is_a_400():
    r = requests.get(f"{API}/users?limit=1&=null", timeout=10)
    assert r.status_code == 400 and r.headers["Content-Type"].startswith("application/problem+json"), r.text


def test_nul_character_is_a_422_not_a_database_error():
    r = requests.post(f"{API}/users", json={"name": "A\u0000da", "email": "nul@example.com"}, timeout=10)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "name", r.text
