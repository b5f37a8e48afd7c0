"""bench/report.py and bench/compare.py on the committed baseline's raw results and on variations
of them whose targets are known."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
BASELINE = BENCH / "results" / "baseline"
INPUTS = ["machine.json", "runs.jsonl", "startup.jsonl", "pairs.jsonl", "fixedrate.jsonl", "warmups.jsonl", "notes.md"]


def report(directory):
    result = subprocess.run([sys.executable, str(BENCH / "report.py"), str(directory)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads((directory / "results.json").read_text())


def copy_baseline(directory):
    """Copies what bench/run.sh wrote for the baseline, before report.py, into directory."""
    for name in INPUTS:
        shutil.copy(BASELINE / name, directory / name)
    return directory


@pytest.fixture
def run_dir(tmp_path):
    return copy_baseline(tmp_path)


def read_rows(directory, name):
    return [json.loads(line) for line in (directory / name).read_text().splitlines() if line.strip()]


def write_rows(directory, name, rows):
    (directory / name).write_text("".join(json.dumps(row) + "\n" for row in rows))


def edit_runs(directory, scenario, connections, **changes):
    rows = read_rows(directory, "runs.jsonl")
    for row in rows:
        if row["scenario"] == scenario and row["connections"] == connections:
            row.update(changes)
    write_rows(directory, "runs.jsonl", rows)


def targets(results):
    return {t["target"]: (t["measured"], t["met"]) for t in results["targets"]}


def test_the_committed_baseline_is_what_report_py_makes_of_its_runs(run_dir):
    """results.md and results.json in git must be report.py's output for the runs next to them."""
    results = report(run_dir)
    assert (run_dir / "results.md").read_text() == (BASELINE / "results.md").read_text()
    assert results == json.loads((BASELINE / "results.json").read_text())
    assert (run_dir / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_each_target_is_met_at_its_limit_and_missed_beyond_it(run_dir):
    root = next(r for r in read_rows(run_dir, "runs.jsonl") if r["scenario"] == "root" and r["connections"] == 32)
    edit_runs(run_dir, "cached", 32, rps=root["rps"] * 0.70, lat_p99_us=10_000, sql_statements_users=0)
    edit_runs(run_dir, "root", 32, lat_p99_us=10_001)
    rows = read_rows(run_dir, "runs.jsonl")
    for row in rows:
        row.update(rss_peak_mib=200.0, rss_anon_peak_mib=150.0)
    rows[-1]["rss_peak_mib"] = 256.0
    write_rows(run_dir, "runs.jsonl", rows)
    write_rows(run_dir, "startup.jsonl", [{**s, "ready_s": 3.0} for s in read_rows(run_dir, "startup.jsonl")])
    met = targets(report(run_dir))
    assert met["cached by-id ≥ 70 % of GET / (32 conns)"] == ("70 %", True)
    assert met["p99 ≤ 10 ms at 32 conns (cached by-id)"] == ("10.0 ms", True)
    assert met["p99 ≤ 10 ms at 32 conns (GET /)"] == ("10.0 ms", False)
    assert met["RSS ≤ 256 MiB under load (peak over all runs)"] == ("256 MiB", True)
    assert met["ready ≤ 3 s (with AOT cache, median)"] == ("3.00 s", True)

    edit_runs(run_dir, "cached", 32, rps=root["rps"] * 0.69, sql_statements_users=1, errors=2)
    edit_runs(run_dir, "post", 128, rss_peak_mib=256.5)
    write_rows(run_dir, "startup.jsonl", [{**s, "ready_s": 3.01} for s in read_rows(run_dir, "startup.jsonl")])
    missed = targets(report(run_dir))
    assert missed["cached by-id ≥ 70 % of GET / (32 conns)"] == ("69 %", False)
    assert missed["cached by-id: 0 SQL statements on users (32 conns)"] == ("1", False)
    assert missed["RSS ≤ 256 MiB under load (peak over all runs)"][1] is False
    assert missed["ready ≤ 3 s (with AOT cache, median)"] == ("3.01 s", False)
    assert missed["no errors in any wrk run (the scenarios and the pairs)"] == ("2", False)


def test_parts_that_did_not_run_give_no_target(run_dir):
    """BENCH_SCENARIOS="" runs start-up only; a quick run may skip the pairs and the fixed rates."""
    for name in ("pairs.jsonl", "fixedrate.jsonl", "notes.md"):
        (run_dir / name).unlink()
    write_rows(run_dir, "runs.jsonl", [r for r in read_rows(run_dir, "runs.jsonl") if r["scenario"] == "root"])
    assert list(targets(report(run_dir))) == [
        "p99 ≤ 10 ms at 32 conns (GET /)", "RSS ≤ 256 MiB under load (peak over all runs)",
        "(context) anonymous part of that RSS (RssAnon: what Kubernetes' container_memory_rss counts; "
        "the rest is file pages: the AOT cache's unpatched pages, libjvm.so)",
        "ready ≤ 3 s (with AOT cache, median)", "no errors in any wrk run (the scenarios and the pairs)"]

    (run_dir / "runs.jsonl").unlink()
    assert list(targets(report(run_dir))) == ["ready ≤ 3 s (with AOT cache, median)",
                                              "no errors in any wrk run (the scenarios and the pairs)"]


def test_the_ready_caption_names_the_poller_the_run_recorded(run_dir):
    machine = json.loads((run_dir / "machine.json").read_text())
    machine.pop("ready_poller", None)  # runs before the poller was recorded
    (run_dir / "machine.json").write_text(json.dumps(machine))
    report(run_dir)
    assert "(polled every 20 ms from the host)." in (run_dir / "results.md").read_text()
    machine["ready_poller"] = "one process, bench/wait_ready.py"
    (run_dir / "machine.json").write_text(json.dumps(machine))
    report(run_dir)
    assert "(polled every 20 ms from the host by one process, bench/wait_ready.py)." in (run_dir / "results.md").read_text()


def test_compare_puts_two_runs_side_by_side(run_dir, tmp_path_factory):
    report(run_dir)
    other = copy_baseline(tmp_path_factory.mktemp("variant"))
    edit_runs(other, "cached", 32, rps=12345.4, lat_p99_us=7_260, rss_peak_mib=300.0)
    report(other)
    result = subprocess.run([sys.executable, str(BENCH / "compare.py"), f"default={run_dir}", f"variant={other}"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "| run | default | variant |"
    cached = next(line for line in lines if line.startswith("| cached c=32 |"))
    assert "| 12345 req/s, p99 7.3 ms, RSS 300.0 MiB, load " in cached
    peak = max(r["rss_peak_mib"] for r in read_rows(run_dir, "runs.jsonl"))
    assert next(line for line in lines if line.startswith("| peak RSS, all runs |")).endswith(
        f"| {peak:.0f} MiB | {peak:.0f} MiB |")
