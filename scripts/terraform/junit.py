#!/usr/bin/env python3
"""Writes JUnit XML for the Terraform suite.

  junit.py steps STEPS.tsv OUT.xml       one test case per check step (fmt, init+validate per
                                         directory); STEPS.tsv rows: name, status, seconds, log
  junit.py tofu-test RUN.jsonl OUT.xml   one test case per `run` block of `tofu test -json`

OpenTofu has no JUnit output of its own (unlike checkov), so the machine-readable
`tofu test -json` stream is translated here: a run block is a test case, its status is the
one OpenTofu reports (pass / fail / error / skip), and its diagnostics become the failure
text. A test file that errors before any run block becomes one failing case, so a broken
test file can never vanish from the count. Prints the number of run blocks and checks (assert blocks, expect_failures lists).
"""
import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ET


def write(suite_name: str, cases: list[dict], out: pathlib.Path) -> None:
    suite = ET.Element("testsuite", name=suite_name, tests=str(len(cases)),
                       failures=str(sum(c["status"] == "fail" for c in cases)),
                       errors=str(sum(c["status"] == "error" for c in cases)),
                       skipped=str(sum(c["status"] == "skip" for c in cases)),
                       time=f'{sum(c.get("time", 0.0) for c in cases):.3f}')
    for c in cases:
        case = ET.SubElement(suite, "testcase", classname=c["classname"], name=c["name"],
                             time=f'{c.get("time", 0.0):.3f}')
        if c["status"] in ("fail", "error"):
            el = ET.SubElement(case, "failure" if c["status"] == "fail" else "error",
                               message=c.get("message", c["status"])[:500])
            el.text = c.get("detail", "")
        elif c["status"] == "skip":
            ET.SubElement(case, "skipped", message=c.get("message", "skipped"))
    out.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(suite).write(out, encoding="utf-8", xml_declaration=True)


def steps(tsv: pathlib.Path, out: pathlib.Path) -> int:
    cases = []
    for line in tsv.read_text().splitlines():
        name, status, seconds, log = line.split("\t")
        detail = pathlib.Path(log).read_text(errors="replace")[-20000:] if log and pathlib.Path(log).exists() else ""
        cases.append({"classname": "terraform.checks", "name": name, "status": status,
                      "time": float(seconds), "message": f"{name}: {status}", "detail": detail})
    write("terraform-checks", cases, out)
    return 0


def count_asserts(test_dir: pathlib.Path) -> dict[tuple[str, str], int]:
    """Assert blocks per (file, run) from the test sources, for the printed totals."""
    counts: dict[tuple[str, str], int] = {}
    for f in sorted(test_dir.glob("*.tftest.hcl")):
        run = None
        for line in f.read_text().splitlines():
            m = re.match(r'^run\s+"([^"]+)"', line)
            if m:
                run = m.group(1)
                counts[(f.name, run)] = 0
            elif run and re.match(r"^\s+(assert\s*\{|expect_failures\s*=)", line):
                counts[(f.name, run)] += 1  # an expect_failures list is one check
    return counts


def tofu_test(jsonl: pathlib.Path, out: pathlib.Path, test_dir: pathlib.Path | None) -> int:
    runs: dict[tuple[str, str], dict] = {}
    file_errors: dict[str, list[str]] = {}
    summary = None
    for raw in jsonl.read_text(errors="replace").splitlines():
        try:
            msg = json.loads(raw)
        except json.JSONDecodeError:
            continue
        kind = msg.get("type")
        if kind == "test_run":
            tr = msg["test_run"]
            key = (tr["path"], tr["run"])
            if tr.get("progress") == "complete" or "status" in tr:
                runs.setdefault(key, {"diags": []})
                if tr.get("status"):
                    runs[key]["status"] = tr["status"]
                if tr.get("elapsed") is not None:
                    runs[key]["time"] = tr["elapsed"] / 1000.0
        elif kind == "diagnostic" and msg.get("@testrun"):
            key = (msg.get("@testfile"), msg["@testrun"])
            d = msg.get("diagnostic", {})
            runs.setdefault(key, {"diags": []})["diags"].append(f'{d.get("severity")}: {d.get("summary")}\n{d.get("detail", "")}')
        elif kind == "diagnostic" and msg.get("@testfile"):
            d = msg.get("diagnostic", {})
            if d.get("severity") == "error":
                file_errors.setdefault(msg["@testfile"], []).append(f'{d.get("summary")}\n{d.get("detail", "")}')
        elif kind == "test_summary":
            summary = msg["test_summary"]
    asserts = count_asserts(test_dir) if test_dir else {}
    cases = []
    for (path, run), r in runs.items():
        status = r.get("status", "error")
        n = asserts.get((pathlib.Path(path).name, run))
        cases.append({"classname": f"tofu-test.{pathlib.Path(path).name}", "status": status,
                      "name": run + (f" ({n} checks)" if n is not None else ""),
                      "time": r.get("time", 0.0), "message": f"run {run}: {status}",
                      "detail": "\n\n".join(r["diags"])})
    for path, errs in file_errors.items():
        if not any(p == path for p, _ in runs):
            cases.append({"classname": f"tofu-test.{pathlib.Path(path).name}", "name": "(test file)",
                          "status": "error", "message": "test file failed before its runs",
                          "detail": "\n\n".join(errs)})
    if summary is None:
        cases.append({"classname": "tofu-test", "name": "(summary)", "status": "error",
                      "message": "tofu test printed no summary: it did not finish"})
    write("tofu-test", cases, out)
    total_asserts = sum(asserts.get((pathlib.Path(p).name, r), 0) for p, r in runs)
    bad = sum(c["status"] in ("fail", "error") for c in cases)
    print(f"tofu test: {len(runs)} run blocks, {total_asserts} checks (assert blocks + expect_failures), {bad} failed or errored")
    return 1 if bad else 0


def main() -> int:
    if len(sys.argv) >= 4 and sys.argv[1] == "steps":
        return steps(pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]))
    if len(sys.argv) >= 4 and sys.argv[1] == "tofu-test":
        test_dir = pathlib.Path(sys.argv[4]) if len(sys.argv) > 4 else None
        return tofu_test(pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]), test_dir)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
