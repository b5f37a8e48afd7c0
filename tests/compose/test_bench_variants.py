"""Every bench variant (bench/tuning/*.yml) still composes with the stack `make bench` runs,
changes it, and is described.

A variant runs only by hand (BENCH_COMPOSE_EXTRA=bench/tuning/<file> make bench), so a key the
compose file no longer accepts, or a typo that leaves a variant without effect, would otherwise
show only when someone measures with it.
"""
import os
import pathlib
import subprocess

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
TUNING = ROOT / "bench" / "tuning"
VARIANTS = sorted(TUNING.glob("*.yml"))
BENCH_STACK = ("docker-compose.yml", "bench/compose.override.yml")  # bench/run.sh's COMPOSE_FILE


def merged_config(*extra: str) -> dict:
    """The stack's configuration as Compose resolves it (`config`), with EXTRA files on top."""
    command = os.environ.get("COMPOSE_COMMAND", "docker compose").split()
    files = [arg for name in (*BENCH_STACK, *extra) for arg in ("-f", name)]
    result = subprocess.run([*command, *files, "config"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"{' '.join(extra) or 'the bench stack'}: {result.stderr}"
    return yaml.safe_load(result.stdout)


@pytest.fixture(scope="module")
def bench_stack() -> dict:
    return merged_config()


def test_there_are_variants():
    assert len(VARIANTS) >= 10, VARIANTS


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda path: path.name)
def test_variant_composes_and_changes_the_stack(variant, bench_stack):
    services = merged_config(str(variant.relative_to(ROOT)))["services"]
    assert services.keys() == bench_stack["services"].keys(), "a variant must not add or drop services"
    assert services != bench_stack["services"], f"{variant.name} leaves the stack as it is"


@pytest.fixture(scope="module")
def rounds() -> str:
    """The rounds that measured the variants: bench/tuning/README.md, and the first round's notes."""
    return (TUNING / "README.md").read_text() + (ROOT / "bench/results/baseline/notes.md").read_text()


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda path: path.name)
def test_variant_is_described(variant, rounds):
    first_line = variant.read_text().splitlines()[0]
    assert first_line.startswith(("# Variant: ", "# Not a tuning: ")), first_line
    assert variant.name in rounds, f"{variant.name} is in no round"
