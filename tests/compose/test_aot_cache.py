"""The image's AOT cache (JEP 483/515) works with the image's own JVM options, under the stack's
memory limit (the pod's). The JVM skips a cache it cannot use (trained with other options, another
JDK or another class path) without a word, and a start then takes twice as long (bench: 2.4 s
against 5.2 s); with Serial and too small an initial heap it refuses to start at all.
-XX:AOTMode=on turns the silence into an error at start, which these tests read."""
import subprocess
import time
import uuid

import pytest

from conftest import docker, docker_env


@pytest.fixture(scope="module")
def image_java_options(api_image) -> str:
    options = [line.split("=", 1)[1] for line in docker_env(api_image) if line.startswith("JAVA_TOOL_OPTIONS=")]
    assert options, f"{api_image} sets no JAVA_TOOL_OPTIONS"
    return options[0]


@pytest.fixture(scope="module")
def memory_limit(stack_api_container) -> str:
    """The stack's memory limit for the api (compose's mem_limit, the pod's limit in the chart):
    the JVM sizes its heap from it."""
    limit = int(docker("inspect", "-f", "{{.HostConfig.Memory}}", stack_api_container))
    assert limit > 0, "the stack's api container has no memory limit"
    return str(limit)


def jvm_start_log(image: str, java_options: str, memory: str) -> str:
    """Starts the image with the AOT cache required and logged, and returns the log once the JVM
    has said whether it uses the cache (it then fails on the missing database, which is fine)."""
    name = f"users-api-aot-{uuid.uuid4().hex[:8]}"
    docker("run", "-d", "--name", name, "--memory", memory,
           "-e", f"JAVA_TOOL_OPTIONS={java_options} -XX:AOTMode=on -Xlog:aot=info",
           "-e", "LOG_FORMAT=text", "-e", "DB_STARTUP_RETRIES=0", image)
    try:
        deadline = time.monotonic() + 30
        while True:
            # state first: once it has exited, the log read after it is complete
            running = docker("inspect", "-f", "{{.State.Running}}", name).strip() == "true"
            logs = subprocess.run(["docker", "logs", name], capture_output=True, text=True)
            log = logs.stdout + logs.stderr
            if "Using AOT-linked classes" in log or not running:
                return log
            assert time.monotonic() < deadline, log[-2000:]
            time.sleep(0.2)
    finally:
        subprocess.run(["docker", "rm", "-f", name], capture_output=True)


def test_the_image_starts_with_its_aot_cache(api_image, image_java_options, memory_limit):
    log = jvm_start_log(api_image, image_java_options, memory_limit)
    assert "Using AOT-linked classes: true" in log, log[-2000:]
    assert "Unable to use AOT cache" not in log


def test_a_cache_trained_with_other_options_is_refused(api_image, image_java_options, memory_limit):
    """The check above can fail: compact object headers change the layout the cache was built for."""
    log = jvm_start_log(api_image, f"{image_java_options} -XX:+UseCompactObjectHeaders", memory_limit)
    assert "Unable to use AOT cache" in log, log[-2000:]
