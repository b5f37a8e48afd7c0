"""Shared fixtures of the black-box suite run by tests/compose/run.sh against the stack."""
import os
import subprocess
import uuid

import pytest
import requests


def docker(*args: str) -> str:
    """Runs the docker CLI and returns its stdout; a failing command fails the test."""
    return subprocess.run(["docker", *args], check=True, capture_output=True, text=True).stdout


def docker_env(ref: str) -> list[str]:
    """A container's or image's environment, as NAME=value lines."""
    return docker("inspect", "-f", "{{range .Config.Env}}{{println .}}{{end}}", ref).splitlines()


@pytest.fixture(scope="session")
def api_url() -> str:
    return os.environ.get("API_URL", "http://localhost:8000").rstrip("/")


@pytest.fixture(scope="session")
def http() -> requests.Session:
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    return session


@pytest.fixture(scope="session")
def api_image() -> str:
    return os.environ.get("API_IMAGE", "users-api:local")


@pytest.fixture(scope="session")
def stack_api_container() -> str:
    """The id of the stack's api container (run.sh starts the stack in COMPOSE_PROJECT_NAME)."""
    project = os.environ["COMPOSE_PROJECT_NAME"]
    ids = docker("ps", "-q", "--filter", f"label=com.docker.compose.project={project}",
                 "--filter", "label=com.docker.compose.service=api").split()
    assert len(ids) == 1, f"expected one api container in {project}, found {ids}"
    return ids[0]


@pytest.fixture()
def new_user(api_url, http) -> dict:
    """Creates a user with a unique email and returns the POST response's parts."""
    email = f"smoke-{uuid.uuid4().hex[:12]}@example.com"
    response = http.post(f"{api_url}/users", json={"name": "Smoke Test", "email": email}, timeout=10)
    assert response.status_code == 201, response.text
    return {"email": email, "response": response, "body": response.json()}


@pytest.fixture(scope="session", autouse=True)
def stack_timings(record_testsuite_property):
    """Puts the stack's wall-clock timings (from scripts/stack.sh up) into the JUnit report."""
    for key in ("STACK_BUILD_SECONDS", "STACK_HEALTHY_SECONDS"):
        if key in os.environ:
            record_testsuite_property(key.lower(), os.environ[key])
