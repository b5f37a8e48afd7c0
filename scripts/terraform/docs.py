#!/usr/bin/env python3
"""Keeps the inputs/outputs tables of terraform/README.md in step with the code.

  docs.py          rewrite the tables between the <!-- tables:DIR --> markers
  docs.py --check  exit 1 if a table is out of date (run by `make test-terraform`)

Reads variable/output blocks with a small parser that relies on `tofu fmt` layout
(top-level blocks start at column 0 and end with a lone `}`).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2] / "terraform"
README = ROOT / "README.md"


def blocks(path: pathlib.Path, kind: str):
    text = path.read_text() if path.exists() else ""
    for m in re.finditer(rf'^{kind} "([^"]+)" \{{\n(.*?)^\}}', text, flags=re.S | re.M):
        yield m.group(1), m.group(2)


def attr(body: str, name: str) -> str | None:
    m = re.search(rf'^  {name}\s*=\s*(.+)$', body, flags=re.M)
    if not m:
        return None
    value = m.group(1).strip()
    if value in ("{", "["):  # multi-line default: keep it short
        return "(see code)"
    return value


def cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def tables(rel: str) -> str:
    d = ROOT / rel
    out = ["| Input | Type | Default | Description |", "|---|---|---|---|"]
    for name, body in blocks(d / "variables.tf", "variable"):
        desc = (attr(body, "description") or '""').strip('"').replace('\\"', '"')
        default = attr(body, "default")
        out.append(f"| `{name}` | `{cell(attr(body, 'type') or 'any')}` | "
                   f"{'**required**' if default is None else '`' + cell(default) + '`'} | {cell(desc)} |")
    out += ["", "| Output | Description |", "|---|---|"]
    for name, body in blocks(d / "outputs.tf", "output"):
        desc = (attr(body, "description") or '""').strip('"').replace('\\"', '"')
        out.append(f"| `{name}` | {cell(desc)} |")
    return "\n".join(out)


def render(readme: str) -> str:
    def repl(m: re.Match) -> str:
        return f"{m.group(1)}\n{tables(m.group(2))}\n{m.group(4)}"
    # The text between the markers holds no HTML comment, so a match never spans two sections.
    return re.sub(r"(<!-- tables:([\w./-]+) -->)\n((?:(?!<!--).)*)(<!-- /tables -->)", repl, readme, flags=re.S)


def main() -> int:
    current = README.read_text()
    wanted = render(current)
    if "--check" in sys.argv:
        if current != wanted:
            print("terraform/README.md tables are out of date: run scripts/terraform/docs.py", file=sys.stderr)
            return 1
        print("terraform/README.md tables are current")
        return 0
    README.write_text(wanted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
