"""Checks of the built API image (users-api:local): non-root, size, nothing of the build inside."""
import json
import re
import subprocess
import tarfile

import pytest

from conftest import docker


@pytest.fixture(scope="module")
def image_config(api_image) -> dict:
    return json.loads(docker("image", "inspect", api_image))[0]


@pytest.fixture(scope="module")
def image_paths(api_image) -> list[str]:
    """Every path of the image's filesystem (docker create + docker export)."""
    container = docker("create", "--entrypoint", "/never-started", api_image).strip()
    try:
        with subprocess.Popen(["docker", "export", container], stdout=subprocess.PIPE) as export:
            with tarfile.open(fileobj=export.stdout, mode="r|") as tar:
                paths = ["/" + member.name.removeprefix("./").lstrip("/") for member in tar]
            export.stdout.read()  # the padding after the archive's end marker
            assert export.wait(timeout=60) == 0, "docker export failed"
    finally:
        docker("rm", "-f", container)
    assert len(paths) > 100, "the image export looks empty"
    return paths


def test_runs_as_a_numeric_non_root_user(image_config):
    user = image_config["Config"]["User"]
    assert re.fullmatch(r"\d+(:\d+)?", user), f"USER must be a numeric uid[:gid], is {user!r}"
    assert int(user.split(":")[0]) != 0, "USER is root"


def test_image_size_is_reported(image_config, api_image, record_property):
    size_mb = image_config["Size"] / 1e6
    record_property("image_size_mb", f"{size_mb:.1f}")
    print(f"{api_image}: {size_mb:.1f} MB")
    # The runtime base (a JRE) alone is ~280 MB here; a JDK or a Maven cache inside would
    # push it far past this bound.
    assert size_mb < 600


@pytest.mark.parametrize(
    "pattern, what",
    [
        (r"(^|/)\.m2(/|$)", "a Maven repository (.m2)"),
        (r"(^|/)src/(main|test)(/|$)", "project sources (src/main, src/test)"),
        (r"^(?!.*/META-INF/maven/).*(^|/)pom\.xml$", "a pom.xml outside a jar's META-INF/maven"),
        (r"(^|/)(mvnw|\.mvn)(/|$)", "the Maven wrapper"),
        (r"/bin/javac$", "a JDK (javac)"),
    ],
)
def test_no_build_leftovers(image_paths, pattern, what):
    found = [path for path in image_paths if re.search(pattern, path)]
    assert not found, f"the image holds {what}: {found[:5]}"
