"""Compares bench runs side by side (a tuning variant against the default), as a Markdown table.
Usage: compare.py LABEL=RESULTS_DIR [LABEL=RESULTS_DIR ...]"""
import json
import statistics
import sys
from pathlib import Path

variants = []
for arg in sys.argv[1:]:
    label, _, path = arg.partition("=")
    data = json.loads((Path(path) / "results.json").read_text())
    variants.append((label, data))

keys = []
for _, data in variants:
    for r in data["runs"]:
        if (r["scenario"], r["connections"]) not in keys:
            keys.append((r["scenario"], r["connections"]))

print("| run | " + " | ".join(label for label, _ in variants) + " |")
print("|---|" + "---:|" * len(variants))
for scenario, conns in keys:
    cells = []
    for _, data in variants:
        r = next((x for x in data["runs"] if x["scenario"] == scenario and x["connections"] == conns), None)
        cells.append(f"{r['rps']:.0f} req/s, p99 {r['lat_p99_us'] / 1000:.1f} ms, RSS {r['rss_peak_mib']} MiB, "
                      f"load {r['load_before'].split()[0]}" if r else "–")
    print(f"| {scenario} c={conns} | " + " | ".join(cells) + " |")
cells = []
for _, data in variants:
    rss = [r["rss_peak_mib"] for r in data["runs"] if r["rss_peak_mib"]]
    cells.append(f"{max(rss):.0f} MiB" if rss else "–")
print("| peak RSS, all runs | " + " | ".join(cells) + " |")
for mode in ("aot", "no-aot"):
    cells = []
    for _, data in variants:
        s = [x["ready_s"] for x in data["startup"] if x["mode"] == mode]
        cells.append(f"{statistics.median(s):.2f} s (n={len(s)})" if s else "–")
    print(f"| ready, {mode} (median) | " + " | ".join(cells) + " |")
print("| JAVA_TOOL_OPTIONS | " + " | ".join(f"`{d['machine']['jvm_options']}`" for _, d in variants) + " |")
