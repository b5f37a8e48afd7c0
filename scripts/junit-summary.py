#!/usr/bin/env python3
"""Adds up every JUnit XML report under a folder and prints one closing line.

The last line is `tests: N passed, N failed, N skipped`. A suite that failed without
writing a failing test case (a build error, a tool that could not run) still counts as
one failure, so the line can never read green while a suite is red. Just above it, every
failing case is named with the first lines of its message, so the end of a CI log says
what broke without scrolling back through the suites' output.
"""
import argparse
import pathlib
import sys
import xml.etree.ElementTree as ET


MESSAGE_LINES = 6
MESSAGE_WIDTH = 300


def count_cases(report: pathlib.Path, failures: list[str]) -> tuple[int, int, int]:
    passed = failed = skipped = 0
    root = ET.parse(report).getroot()
    for case in root.iter("testcase"):
        problem = case.find("failure")
        if problem is None:
            problem = case.find("error")
        if problem is not None:
            failed += 1
            failures.append(describe_failure(case, problem))
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def describe_failure(case: ET.Element, problem: ET.Element) -> str:
    name = ".".join(filter(None, (case.get("classname"), case.get("name"))))
    text = problem.get("message") or problem.text or "(no message)"
    lines = [line[:MESSAGE_WIDTH] for line in text.strip().splitlines()[:MESSAGE_LINES]]
    return "\n".join([f"  {name}"] + [f"      {line}" for line in lines])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=pathlib.Path)
    parser.add_argument("--failed-suite", action="append", default=[],
                        help="a suite whose command failed; its reports live in FOLDER/<suite>/")
    args = parser.parse_args()

    passed = failed = skipped = 0
    failed_by_suite: dict[str, int] = {}
    failures: list[str] = []
    print("\n==> test reports")
    for report in sorted(args.folder.rglob("*.xml")):
        suite = report.relative_to(args.folder).parts[0]
        try:
            p, f, s = count_cases(report, failures)
        except ET.ParseError as exc:
            print(f"  unreadable report {report}: {exc}")
            p, f, s = 0, 1, 0
        print(f"  {report.relative_to(args.folder)}: {p} passed, {f} failed, {s} skipped")
        passed, failed, skipped = passed + p, failed + f, skipped + s
        failed_by_suite[suite] = failed_by_suite.get(suite, 0) + f

    for suite in args.failed_suite:
        if not failed_by_suite.get(suite):
            print(f"  {suite}: the suite failed without a failing test case (counted as 1 failure)")
            failed += 1
    if failures:
        print("\n==> failing tests")
        print("\n".join(failures))
    print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
    if passed == 0:
        print("no test ran", file=sys.stderr)
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
