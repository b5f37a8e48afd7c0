#!/usr/bin/env python3
"""Lint the GitHub Actions workflows (actionlint) and the repo's shell scripts (shellcheck).

Usage: lint.py --actionlint BIN --shellcheck BIN --junit-dir DIR

Writes one JUnit file per tool into DIR: actionlint.xml has one test case per workflow file,
shellcheck.xml one per shell script; a case fails with the tool's messages. actionlint is
given the same shellcheck, so the `run:` blocks of the workflows are checked too.
Exit status: non-zero when any case failed, a tool is missing, or there is nothing to check
(a check that cannot run fails; it never passes silently).
"""
import argparse
import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
KNOWN_SEEN = []
# Generated or vendored scripts that are not ours to lint.
SHELL_EXCLUDE = {"code/mvnw"}
# Findings accepted for now, by file and code, each with its reason. They are printed on every run
# and recorded in the JUnit output; remove an entry as soon as the script is fixed.
SHELL_KNOWN: dict[tuple[str, int], str] = {}
# Errors and warnings fail; info and style findings (e.g. SC2012 "use find instead of ls") do not.
SHELL_SEVERITY = "warning"
SHELL_EXTRA = [".ci/run"]  # shell scripts without a .sh suffix


def git_files(*patterns):
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", *patterns],
                         cwd=REPO, check=True, capture_output=True, text=True).stdout
    return sorted({p for p in out.splitlines() if p and (REPO / p).is_file()})


def actionlint_case(binary, shellcheck, path):
    cmd = [binary, "-format", "{{json .}}", "-shellcheck", shellcheck, path]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if proc.returncode not in (0, 1):  # 1 = problems found; anything else = actionlint failed
        return [f"actionlint failed (exit {proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}"]
    try:
        errors = json.loads(proc.stdout or "[]") or []
    except json.JSONDecodeError:
        return [f"unreadable actionlint output: {proc.stdout[:500]}"]
    msgs = [f"{e['filepath']}:{e['line']}:{e['column']}: {e['message']} [{e['kind']}]" for e in errors]
    if proc.returncode == 1 and not msgs:
        msgs = [proc.stderr.strip() or "actionlint reported a failure without messages"]
    return msgs


def shellcheck_case(binary, path):
    proc = subprocess.run([binary, "--format=json1", "--external-sources", "--source-path=SCRIPTDIR",
                           f"--severity={SHELL_SEVERITY}", path], cwd=REPO, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        return [f"shellcheck failed (exit {proc.returncode}): {proc.stderr.strip()}"]
    try:
        comments = json.loads(proc.stdout or "{}").get("comments", [])
    except json.JSONDecodeError:
        return [f"unreadable shellcheck output: {proc.stdout[:500]}"]
    msgs = []
    for c in comments:
        text = f"{c['file']}:{c['line']}:{c['column']}: {c['level']}: {c['message']} [SC{c['code']}]"
        reason = SHELL_KNOWN.get((path, c["code"]))
        if reason:
            KNOWN_SEEN.append(f"{text} -- accepted: {reason}")
        else:
            msgs.append(text)
    return msgs


def write_suite(name, cases, out, notes=()):
    failures = sum(1 for _, msgs, _ in cases if msgs)
    suite = ET.Element("testsuite", name=name, tests=str(len(cases)), failures=str(failures), errors="0",
                       time=f"{sum(t for *_, t in cases):.3f}")
    for path, msgs, seconds in cases:
        case = ET.SubElement(suite, "testcase", classname=name, name=path, time=f"{seconds:.3f}")
        if msgs:
            fail = ET.SubElement(case, "failure", message=f"{len(msgs)} problem(s)")
            fail.text = "\n".join(msgs)
    if notes:
        ET.SubElement(suite, "system-out").text = "\n".join(notes)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return failures


def run(label, items, fn):
    cases = []
    for item in items:
        start = time.monotonic()
        msgs = fn(item)
        cases.append((item, msgs, time.monotonic() - start))
        print(f"  {'FAIL' if msgs else 'ok  '}  {label} {item}")
        for m in msgs:
            print(f"          {m}")
    return cases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--actionlint", required=True)
    ap.add_argument("--shellcheck", required=True)
    ap.add_argument("--junit-dir", required=True)
    a = ap.parse_args()
    junit = Path(a.junit_dir)
    junit.mkdir(parents=True, exist_ok=True)
    for tool in (a.actionlint, a.shellcheck):
        if not (os.path.isfile(tool) and os.access(tool, os.X_OK)):
            sys.exit(f"error: {tool} is not an executable")

    workflows = git_files(".github/workflows/*.yml", ".github/workflows/*.yaml")
    scripts = [p for p in git_files("*.sh", *SHELL_EXTRA) if p not in SHELL_EXCLUDE]
    if not workflows:
        sys.exit("error: no workflow files under .github/workflows/ (nothing to lint is a failure)")
    if not scripts:
        sys.exit("error: no shell scripts found (nothing to lint is a failure)")

    print(f"actionlint: {len(workflows)} workflow file(s)")
    wf_cases = run("actionlint", workflows, lambda p: actionlint_case(a.actionlint, a.shellcheck, p))
    print(f"shellcheck: {len(scripts)} script(s)")
    sh_cases = run("shellcheck", scripts, lambda p: shellcheck_case(a.shellcheck, p))

    failed = write_suite("actionlint", wf_cases, junit / "actionlint.xml")
    failed += write_suite("shellcheck", sh_cases, junit / "shellcheck.xml", KNOWN_SEEN)
    for note in KNOWN_SEEN:
        print(f"  note  {note}")
    problems = sum(len(m) for _, m, _ in wf_cases + sh_cases)
    print(f"workflows: {len(wf_cases)} workflow(s), {len(sh_cases)} script(s), {failed} failing file(s), {problems} problem(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
