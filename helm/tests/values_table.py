"""Builds the values table of helm/users-api/README.md from values.yaml and its `# --` comments.

`python values_table.py` rewrites the table between the README's values-table markers;
test_docs.py fails when the README's table differs from what this script would write.
"""
from __future__ import annotations

import json
import pathlib
import re
import sys

import yaml

CHART = pathlib.Path(__file__).resolve().parent.parent / "users-api"
START, END = "<!-- values-table:start -->", "<!-- values-table:end -->"
WHOLE = {"resources"}  # keys documented as one row


def descriptions(lines: list[str]) -> dict[str, str]:
    """Maps a dotted key path to the `# --` comment (and its continuation lines) right above it."""
    stack: list[tuple[int, str]] = []
    comment: list[str] = []
    docs: dict[str, str] = {}
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("#"):
            text = stripped.lstrip("#").strip()
            if text.startswith("--"):
                comment = [text[2:].strip()]
            elif comment:
                comment.append(text)
            continue
        if not stripped:
            comment = []
            continue
        match = re.match(r"^(\s*)([A-Za-z0-9_]+):", line)
        if not match:
            continue
        indent = len(match.group(1))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, match.group(2)))
        if comment:
            docs[".".join(k for _, k in stack)] = " ".join(comment)
        comment = []
    return docs


def leaves(values: dict, prefix: str = ""):
    for key, value in values.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict) and value and path not in WHOLE:
            yield from leaves(value, path)
        else:
            yield path, value


def table() -> str:
    text = (CHART / "values.yaml").read_text()
    docs = descriptions(text.splitlines())
    rows = ["| Key | Default | Description |", "|---|---|---|"]
    for path, value in leaves(yaml.safe_load(text)):
        default = json.dumps(value, ensure_ascii=False).replace("|", "\\|")
        description = docs.get(path, "").replace("|", "\\|")
        rows.append(f"| `{path}` | `{default}` | {description} |")
    return "\n".join(rows)


def readme_with_table(readme: str) -> str:
    before, rest = readme.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{table()}\n{END}{after}"


if __name__ == "__main__":
    path = CHART / "README.md"
    path.write_text(readme_with_table(path.read_text()))
    print(f"values table written to {path}", file=sys.stderr)
