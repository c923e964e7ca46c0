"""How well and how fast the PII scanner finds what is planted in a labelled corpus — beside
presidio-analyzer in the same run.

    .venv/bin/python bench/scan_eval.py                       # eval templates, 1,000 + 1,000 documents
    .venv/bin/python bench/scan_eval.py --split tune          # the templates the detectors were tuned on
    make bench-scan                                           # installs presidio-analyzer, then runs this

The corpus (bench/scan_corpus.py) is seeded and split: ``tune`` templates were used while writing the
detectors, ``eval`` templates were written apart and are what the figures report. A finding counts as
a true positive when its type matches a planted value's and the spans overlap; each planted value is
matched at most once; anything else the scanner reports is a false positive (hard negatives included).

Presidio runs as the issue specifies it: offline with its ``no_op`` NLP engine (no model, nothing
downloaded), the recognizers it loads by default for English with its four Australian ones enabled
(they are off by default) and phone regions AU and NZ. Its throughput is also measured with only the
recognizers for the types both scanners report (cards, email, IP, IBAN, phone and the four Australian
ones), a faster Presidio and so a stricter ratio. It has no New Zealand identifiers, names without a
model, addresses, secrets or health terms, so its accuracy covers only the types it supports (printed
as "overall (shared types)"). Both report at a score of at least 0.4.

Throughput is single-process (MB/s per core): the whole corpus scanned once to warm up, then timed,
dense ticket text and sparse prose separately. Beside it, "candidate search alone" is the scanner
with validation, context scoring and the name and health finders switched off: the ceiling of this
design, since every candidate must at least be found.

Splits: ``tune`` and ``eval`` are no longer fully held out (fixes followed their runs); ``holdout``
and ``holdout2`` were each scored once before the changes they led to; ``holdout3`` is the freshest
(see bench/scan_corpus.py).
"""

from __future__ import annotations

import argparse
import logging
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from scan_corpus import Doc, Span, corpus

from privacydesk.scan.engine import DETECTORS, ENTITIES, MIN_SCORE, scan

CHECKSUMMED = (
    "CREDIT_CARD",
    "AU_TFN",
    "AU_ABN",
    "AU_ACN",
    "AU_MEDICARE",
    "NZ_IRD",
    "NZ_NHI",
    "NZ_BANK_ACCOUNT",
    "IBAN",
)
PRESIDIO_TYPES = {
    "CREDIT_CARD": "CREDIT_CARD",
    "EMAIL_ADDRESS": "EMAIL",
    "IP_ADDRESS": "IP_ADDRESS",
    "IBAN_CODE": "IBAN",
    "PHONE_NUMBER": "PHONE",
    "AU_ABN": "AU_ABN",
    "AU_ACN": "AU_ACN",
    "AU_TFN": "AU_TFN",
    "AU_MEDICARE": "AU_MEDICARE",
}

Scanner = Callable[[str], list[Span]]


def privacydesk_scanner(text: str) -> list[Span]:
    return [Span(f.entity, f.start, f.end) for f in scan(text, min_score=MIN_SCORE)]


def _nothing(*_args: object) -> tuple[()]:
    return ()


def search_only_scanner() -> Scanner:
    """The scanner with every candidate rejected before validation and the name and health finders
    switched off: what finding candidates alone costs (the keyword pass, the digit runs and the
    patterns). The gap between this and the full scanner is validation, context and the finders."""
    stripped = tuple(
        replace(d, validate=lambda _c: False, finder=_nothing if d.finder is not None else None) for d in DETECTORS
    )

    def run(text: str) -> list[Span]:
        scan(text, stripped, min_score=MIN_SCORE)
        return []

    return run


PRESIDIO_CONFIGURATIONS = {
    "issue": "presidio, the issue's configuration (its default recognizers, the AU ones enabled)",
    "shared": "presidio, only the recognizers for the types both support",
}


def presidio_scanner(configuration: str = "issue") -> Scanner | None:
    """Presidio offline: its ``no_op`` NLP engine (no model, nothing downloaded), phone regions AU and
    NZ, its four Australian recognizers enabled. ``issue``: on top of the recognizers Presidio loads
    by default for English, as the issue specifies the comparison. ``shared``: only the recognizers
    for the types both scanners report — a faster Presidio, so a stricter comparison."""
    try:
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer import predefined_recognizers as pr
        from presidio_analyzer.nlp_engine import NoOpNlpEngine
    except ImportError:
        return None
    # Presidio's email recognizer asks tldextract for the public-suffix list over the network; offline,
    # tldextract logs the failure and falls back to the snapshot it ships. Keep the log quiet.
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    registry = RecognizerRegistry(supported_languages=["en"])
    australian = [pr.AuAbnRecognizer(), pr.AuAcnRecognizer(), pr.AuTfnRecognizer(), pr.AuMedicareRecognizer()]
    phone = pr.PhoneRecognizer(supported_regions=("AU", "NZ"))
    if configuration == "issue":
        registry.load_predefined_recognizers(languages=["en"])
        registry.remove_recognizer("PhoneRecognizer")  # its default regions are the US, UK, DE, FR…
        registry.remove_recognizer("SpacyRecognizer")  # needs a model; Presidio refuses it with no_op
        added = [phone, *australian]
    else:
        added = [
            pr.CreditCardRecognizer(),
            pr.EmailRecognizer(),
            pr.IpRecognizer(),
            pr.IbanRecognizer(),
            phone,
            *australian,
        ]
    for recognizer in added:
        registry.add_recognizer(recognizer)
    engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
    engine.load()
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])

    def run(text: str) -> list[Span]:
        results = analyzer.analyze(text, language="en", score_threshold=MIN_SCORE)
        return [Span(PRESIDIO_TYPES[r.entity_type], r.start, r.end) for r in results if r.entity_type in PRESIDIO_TYPES]

    return run


def score(docs: Iterable[Doc], scanner: Scanner, types: Iterable[str]) -> dict[str, Counter[str]]:
    wanted = set(types)
    counts: dict[str, Counter[str]] = {t: Counter() for t in wanted}
    for doc in docs:
        gold = [s for s in doc.spans if s.entity in wanted]
        found = [s for s in scanner(doc.text) if s.entity in wanted]
        used: set[int] = set()
        for f in found:
            match = next(
                (
                    i
                    for i, g in enumerate(gold)
                    if i not in used and g.entity == f.entity and f.start < g.end and g.start < f.end
                ),
                None,
            )
            if match is None:
                counts[f.entity]["fp"] += 1
            else:
                used.add(match)
                counts[f.entity]["tp"] += 1
        for i, g in enumerate(gold):
            if i not in used:
                counts[g.entity]["fn"] += 1
    return counts


def prf(c: Counter[str]) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def total(counts: dict[str, Counter[str]], types: Iterable[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for t in types:
        out.update(counts.get(t, Counter()))
    return out


def throughput(docs: list[Doc], scanner: Scanner, seconds: float = 3.0) -> float:
    """MB/s on one core: repeat the documents until ``seconds`` have passed."""
    size = sum(len(d.text.encode()) for d in docs)
    for d in docs[: max(1, len(docs) // 10)]:
        scanner(d.text)  # warm up (gazetteers, compiled patterns)
    done, started = 0, time.perf_counter()
    while True:
        for d in docs:
            scanner(d.text)
        done += size
        elapsed = time.perf_counter() - started
        if elapsed >= seconds:
            return done / elapsed / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("eval", "tune", "holdout", "holdout2", "holdout3"), default="eval")
    parser.add_argument("--documents", type=int, default=1000, help="dense documents, and as many sparse ones")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=3.0, help="per throughput measurement")
    parser.add_argument("--no-presidio", action="store_true")
    args = parser.parse_args()

    docs = corpus(args.split, args.documents, args.seed)
    dense = [d for d in docs if d.kind == "dense"]
    sparse = [d for d in docs if d.kind == "sparse"]
    planted = Counter(s.entity for d in docs for s in d.spans)
    print(
        f"# PII scanner evaluation — {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}"
    )
    print(
        f"corpus: split={args.split} seed={args.seed}; {len(dense)} dense documents "
        f"({sum(len(d.text) for d in dense) / 1e6:.2f} MB), {len(sparse)} sparse "
        f"({sum(len(d.text) for d in sparse) / 1e6:.2f} MB); {sum(planted.values())} planted values\n"
    )
    ours = score(docs, privacydesk_scanner, ENTITIES)
    presidio = None if args.no_presidio else presidio_scanner()
    theirs = score(docs, presidio, PRESIDIO_TYPES.values()) if presidio else {}

    print(f"{'entity':<18}{'planted':>8}  {'privacydesk P / R / F1':>24}  {'presidio P / R / F1':>22}")
    for entity in ENTITIES:
        p, r, f = prf(ours[entity])
        line = (
            f"{entity:<18}{planted[entity]:>8}  {p:>7.3f} {r:>7.3f} {f:>7.3f}{' *' if entity in CHECKSUMMED else '  '}"
        )
        if entity in theirs:
            tp, tr, tf = prf(theirs[entity])
            line += f"  {tp:>6.3f} {tr:>6.3f} {tf:>6.3f}"
        else:
            line += f"  {'—':>20}"
        print(line)
    p, r, f = prf(total(ours, ENTITIES))
    print(f"{'overall (all)':<18}{sum(planted.values()):>8}  {p:>7.3f} {r:>7.3f} {f:>7.3f}")
    shared = list(PRESIDIO_TYPES.values())
    p, r, f = prf(total(ours, shared))
    line = f"{'overall (shared)':<18}{sum(planted[t] for t in shared):>8}  {p:>7.3f} {r:>7.3f} {f:>7.3f}  "
    if theirs:
        tp, tr, tf = prf(total(theirs, shared))
        line += f"  {tp:>6.3f} {tr:>6.3f} {tf:>6.3f}"
    print(line)
    worst = min(prf(ours[e])[2] for e in CHECKSUMMED)
    print(
        f"\n* checksummed: lowest F1 {worst:.3f} (goal ≥ 0.97); "
        f"overall F1 {prf(total(ours, ENTITIES))[2]:.3f} (goal ≥ 0.90)"
    )

    print("\nthroughput, one process (MB/s per core):")
    search_only = search_only_scanner()
    presidios: dict[str, Scanner] = {}
    if presidio is not None:
        presidios["issue"] = presidio
        shared_only = presidio_scanner("shared")
        assert shared_only is not None
        presidios["shared"] = shared_only
    for name, part in (("dense", dense), ("sparse", sparse)):
        mine = throughput(part, privacydesk_scanner, args.seconds)
        ceiling = throughput(part, search_only, args.seconds)
        line = f"  {name:<7} privacydesk {mine:7.2f}   (candidate search alone {ceiling:6.2f})"
        print(line)
        for configuration, scanner in presidios.items():
            theirs_speed = throughput(part[: max(20, len(part) // 5)], scanner, args.seconds)
            goal = " (goal ≥ 10×)" if configuration == "issue" else ""
            print(
                f"          {PRESIDIO_CONFIGURATIONS[configuration]}: {theirs_speed:6.2f}, "
                f"ratio {mine / theirs_speed:5.1f}×{goal}"
            )
    if presidio is None and not args.no_presidio:
        print("\n(presidio-analyzer is not installed: `make bench-scan` installs it and runs this)")


if __name__ == "__main__":
    main()
