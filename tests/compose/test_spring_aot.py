"""The image runs with Spring AOT (bean definitions generated at build time). That settles bean
conditions when the image is built, so these check that it is on, and that a setting read at run
time, REDIS_TLS, still takes effect."""
import subprocess
import time
import uuid

import requests

from conftest import docker, docker_env


def test_the_image_starts_the_aot_processed_application(stack_api_container):
    assert "Starting AOT-processed UsersApiApplication" in docker("logs", stack_api_container)


def test_redis_tls_is_still_read_at_run_time(stack_api_container, api_image):
    """REDIS_TLS=true against the stack's plain-text Redis: the TLS handshake fails, so Redis is
    skipped (X-Cache: MISS on a repeated read) and the service still answers."""
    network = docker("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}",
                     stack_api_container).strip()
    env = [line for line in docker_env(stack_api_container)
           if line.startswith(("POSTGRES_", "REDIS_", "COMPANY_NAME="))]
    args = [arg for line in env for arg in ("-e", line)]
    name = f"users-api-tls-{uuid.uuid4().hex[:8]}"
    docker("run", "-d", "--name", name, "--network", network, *args, "-e", "REDIS_TLS=true",
           "-e", "LOG_FORMAT=text", "-p", "127.0.0.1::8000", api_image)
    try:
        url = f"http://{docker('port', name, '8000/tcp').splitlines()[0].strip()}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}/", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, docker("logs", name)[-2000:]
            time.sleep(0.2)
        page = f"{url}/users?limit=3&offset=0"
        first, second = requests.get(page, timeout=10), requests.get(page, timeout=10)
        assert first.status_code == second.status_code == 200
        assert second.headers["X-Cache"] == "MISS", "with TLS to a plain-text Redis nothing can be cached"
        logs = subprocess.run(["docker", "logs", name], capture_output=True, text=True).stdout
        assert "Redis failed" in logs
    finally:
        subprocess.run(["docker", "rm", "-f", name], capture_output=True)
