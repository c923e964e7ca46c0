"""How well the policy checker reads policies: per element, precision and recall of "covered"
(present or partial) against hand-labelled policies in ``tests/policy/corpus`` (the target: at least
0.9 on both for every APP 1.4 element), how often the exact status matches, and the findings.

    .venv/bin/python bench/policy_eval.py            # tests/policy/corpus (the checker was written against it)
    .venv/bin/python bench/policy_eval.py holdout    # tests/policy/holdout: labelled before the checker saw them
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from privacydesk.policy.checker import check, read  # noqa: E402

CORPUS = ROOT / "tests" / "policy" / "corpus"
ON = date(2026, 12, 10)  # APP 1.7-1.9 in force


def evaluate(corpus: Path = CORPUS) -> dict[str, dict[str, float]]:
    labels = json.loads((corpus / "expected.json").read_text())
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    finding_counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: list[str] = []
    for name, label in sorted(labels.items()):
        report = check(read((corpus / name).read_bytes(), name), label["jurisdiction"], ON)
        got = {e.id: e.status for e in report.elements}
        for element, want in label["elements"].items():
            c = counts[element]
            have_covered, want_covered = got[element] != "missing", want != "missing"
            c["tp"] += have_covered and want_covered
            c["fp"] += have_covered and not want_covered
            c["fn"] += want_covered and not have_covered
            c["exact"] += got[element] == want
            c["n"] += 1
            if got[element] != want:
                misses.append(f"{name}: {element} expected {want}, got {got[element]}")
        found = {f.code for f in report.findings}
        for code in set(label["findings"]) | found:
            f = finding_counts[code]
            f["tp"] += code in found and code in label["findings"]
            f["fp"] += code in found and code not in label["findings"]
            f["fn"] += code not in found and code in label["findings"]
            if (code in found) != (code in label["findings"]):
                misses.append(f"{name}: finding {code} expected {code in label['findings']}, got {code in found}")
    results = {}
    for key, c in {**counts, **{f"finding:{k}": v for k, v in finding_counts.items()}}.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        exact = c["exact"] / c["n"] if c.get("n") else 0.0
        results[key] = {"precision": precision, "recall": recall, "exact": exact, "n": c.get("n", 0)}
    results["_misses"] = misses  # type: ignore[assignment]
    return results


def main() -> None:
    corpus = CORPUS.with_name(sys.argv[1]) if len(sys.argv) > 1 else CORPUS  # e.g. "holdout"
    started = time.perf_counter()
    results = evaluate(corpus)
    misses = results.pop("_misses")
    count = len(json.loads((corpus / "expected.json").read_text()))
    print(f"# policy checker against {count} hand-labelled policies ({corpus.name})")
    print(f"{'element':<28} {'precision':>9} {'recall':>7} {'exact status':>13} {'n':>3}")
    for key, r in sorted(results.items()):
        exact = f"{r['exact']:.2f}" if r["n"] else "-"
        print(f"{key:<28} {r['precision']:>9.2f} {r['recall']:>7.2f} {exact:>13} {r['n']:>3}")
    app = {k: v for k, v in results.items() if k.startswith("APP1.4")}
    if app:
        worst = min(min(v["precision"], v["recall"]) for v in app.values())
        print(f"lowest APP 1.4 precision or recall: {worst:.2f} (target ≥ 0.90)")
    print(f"checked in {time.perf_counter() - started:.2f} s")
    for miss in misses:  # type: ignore[attr-defined]
        print("  miss:", miss)


if __name__ == "__main__":
    main()
