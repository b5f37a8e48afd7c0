"""Shared helpers for the chart tests: render the chart with `helm template` and parse the output.

Environment (set by mk/50-helm.mk; every one is required, a missing tool fails the run):
  HELM                 path of the pinned helm binary
  KUBERNETES_VERSION   the EKS minor version to render and validate for, e.g. 1.34
  ESO_CRD_DIR          folder with the External Secrets Operator CRD YAML files
"""
from __future__ import annotations

import functools
import os
import pathlib
import subprocess
from dataclasses import dataclass

import pytest
import yaml

CHART = pathlib.Path(__file__).resolve().parent.parent / "users-api"
RELEASE = "users-api"
NAMESPACE = "users-api"

# What every install must add to the chart's defaults (a stand-in for Terraform's helm_values output
# and the pushed image tag): every render below starts from it, as every real install does.
REQUIRED_VALUES = pathlib.Path(__file__).resolve().parent / "values-terraform.yaml"

# The values files every rendering check runs over, on top of REQUIRED_VALUES: nothing more (the
# defaults), production as release.yml deploys it (values-production.yaml and the environment's
# variables) and the variants under ci/ (HTTPS, existing Secret, ClusterSecretStore).
VALUES_FILES = {
    "default": (),
    "production": (CHART / "values-production.yaml", pathlib.Path(__file__).resolve().parent / "values-production-vars.yaml"),
    **{p.stem: (p,) for p in sorted((CHART / "ci").glob("*.yaml"))},
}


def required_env(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise RuntimeError(f"{name} is not set: run the chart tests through `make test-helm`")
    return value


def helm() -> str:
    path = required_env("HELM")
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"HELM={path} is not an executable")
    return path


def kube_version() -> str:
    return required_env("KUBERNETES_VERSION")


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def run_helm(*args: str) -> Result:
    proc = subprocess.run([helm(), *args], capture_output=True, text=True, timeout=120)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def values_args(*values_files: pathlib.Path | None, required: bool = True) -> list[str]:
    """`-f` arguments: REQUIRED_VALUES first (unless required=False), then the given files."""
    files = ([REQUIRED_VALUES] if required else []) + [f for f in values_files if f is not None]
    return [arg for f in files for arg in ("-f", str(f))]


def template_args(values_files: tuple[pathlib.Path, ...], sets: tuple[str, ...],
                  required: bool = True) -> list[str]:
    args = ["template", RELEASE, str(CHART), "--namespace", NAMESPACE,
            "--kube-version", f"{kube_version()}.0", *values_args(*values_files, required=required)]
    for s in sets:
        args += ["--set", s]
    return args


def try_render(*values_files: pathlib.Path, sets: tuple[str, ...] = (), required: bool = True) -> Result:
    return run_helm(*template_args(tuple(values_files), sets, required))


@functools.lru_cache(maxsize=None)
def _render_cached(values_files: tuple[pathlib.Path, ...], sets: tuple[str, ...]) -> tuple[dict, ...]:
    result = run_helm(*template_args(values_files, sets))
    if result.returncode != 0:
        raise AssertionError(f"helm template failed ({result.returncode}):\n{result.stderr}")
    return tuple(doc for doc in yaml.safe_load_all(result.stdout) if doc)


def render(*values_files: pathlib.Path | None, sets: tuple[str, ...] = ()) -> list[dict]:
    """Renders the chart and returns its objects (hooks such as the test pod included)."""
    files = tuple(pathlib.Path(f) for f in values_files if f is not None)
    return list(_render_cached(files, tuple(sets)))


def render_named(name: str) -> list[dict]:
    return render(*VALUES_FILES[name])


def by_kind(docs: list[dict], kind: str) -> list[dict]:
    return [d for d in docs if d.get("kind") == kind]


def one(docs: list[dict], kind: str, name: str | None = None) -> dict:
    found = [d for d in by_kind(docs, kind) if name is None or d["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind} {name or ''}, found {len(found)}"
    return found[0]


def app_container(docs: list[dict]) -> dict:
    pod = one(docs, "Deployment")["spec"]["template"]["spec"]
    return next(c for c in pod["containers"] if c["name"] == "users-api")


@pytest.fixture
def values_file(tmp_path):
    """Writes a values dict to a YAML file and returns its path."""
    counter = iter(range(1000))

    def write(values: dict) -> pathlib.Path:
        path = tmp_path / f"values-{next(counter)}.yaml"
        path.write_text(yaml.safe_dump(values))
        return path

    return write
