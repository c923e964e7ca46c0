"""Run the detectors over a text and keep, for each stretch of text, the likeliest identifier.

A candidate is reported only if it validates (a number that fails its checksum is never reported as
that identifier). Its score starts at the detector's base, rises when one of the detector's context
words appears within its window before it (or just after), and falls when a reference word ("invoice",
"order", "ticket") comes just before. Detectors whose check passes too many random numbers report only
with a context word. Where findings overlap (a nine-digit number that passes both the TFN and ACN
checks), the higher score wins, then the longer span. Findings scoring under ``MIN_SCORE`` are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache

import ahocorasick

from privacydesk.scan.detectors import (
    Detector,
    Hits,
    Runs,
    address,
    au_medicare,
    au_tfn,
    banking,
    checksummed,
    contact,
    dates,
    documents,
    health,
    nz_nhi,
    person,
    secrets,
)
from privacydesk.scan.finding import Finding

MIN_SCORE = 0.4
PENALTY = 0.5  # a reference word just before: "Invoice 123 456 782" is not a TFN
LONGEST = 60  # characters: longer than any candidate of a detector that needs context
AFTER = 15  # characters after a candidate searched for context words ("4111… (Visa)")

DETECTORS: tuple[Detector, ...] = (
    contact.EMAIL,
    contact.IP_ADDRESS,
    contact.IPV6_ADDRESS,
    checksummed.CREDIT_CARD,
    checksummed.IBAN,
    au_tfn.DETECTOR,
    checksummed.AU_ABN,
    checksummed.AU_ACN,
    au_medicare.DETECTOR,
    banking.AU_BSB_ACCOUNT,
    documents.AU_PASSPORT,
    documents.AU_DRIVER_LICENCE,
    checksummed.NZ_IRD,
    nz_nhi.DETECTOR,
    banking.NZ_BANK_ACCOUNT,
    contact.PHONE,  # after the checksummed identifiers: on an equal score, the earlier detector wins
    dates.DATE_OF_BIRTH,
    secrets.SECRET,
    secrets.PIN,
    secrets.TOKEN,
    address.STREET_ADDRESS,
    address.PO_BOX,
    person.PERSON,
    health.HEALTH,
)
ENTITIES = tuple(dict.fromkeys(d.entity for d in DETECTORS))


@cache
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for a detector's context (or reference) words, each as a whole word: "ird" but not
    "third", "dob" but not "adobe"."""
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")


# Six or more digits between a context word and a candidate: the word names that number, not this one.
_ANOTHER_NUMBER = re.compile(r"\d(?:[ -]?\d){5}")


@cache
def _context_patterns(detector: Detector) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """A detector's reference-word and context-word patterns (looked up once per detector)."""
    return _words_pattern(detector.negative_context), _words_pattern(detector.context)


def _last(pattern: re.Pattern[str] | None, text: str) -> re.Match[str] | None:
    found = None
    if pattern is not None:
        for found in pattern.finditer(text):  # noqa: B007  (the last one is wanted)
            pass
    return found


def _context(detector: Detector, lowered: str, start: int, end: int) -> tuple[float, str]:
    """The score change from words near a candidate. A reference word ("PO number") between a context
    word and the candidate wins: in "ACN 004 085 616. PO number 603 983 277" the second number is the
    PO's, not a second ACN."""
    window_start = max(0, start - detector.window)
    before = lowered[window_start:start]
    negative, context = _context_patterns(detector)
    against = _last(negative, before)
    if against is not None and against.start() < len(before) - 20:
        against = None  # only a reference word right before the number counts against it
    if context is not None:
        word = _last(context, before)
        if word is not None and _ANOTHER_NUMBER.search(before, word.end()):
            word = None  # "TFN 376 374 249; ACN 627673867": the TFN word belongs to the first number
        if word is not None and (against is None or word.start() > against.start()):
            return detector.context_boost, f"context: {word.group()!r}"
        if word is None and against is None:
            word = context.search(lowered, end, end + AFTER)
            if word is not None:
                return detector.context_boost, f"context: {word.group()!r}"
    if against is not None:
        return -PENALTY, f"context against: {against.group()!r}"
    return 0.0, ""


BEFORE_DIGITS = 64  # a passport's letters, "Unit 4, " before a street number, a context word before it
AFTER_DIGITS = 200  # a street address runs on past its number: "12 Wattle Street, Parramatta NSW"


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _digit_positions(text: str) -> list[int] | None:
    """Where the text's digits are, in order; None when they are more than 5% of it (dense text is
    searched whole).

    The digits are found with ``str.find`` (memory speed) rather than a pattern: the regex engine
    tests a character class at about 40 MB/s, which alone would cap prose at that speed."""
    budget = len(text) // 20 + 1
    positions: list[int] = []
    for digit in "0123456789":
        at = text.find(digit)
        while at != -1:
            positions.append(at)
            if len(positions) > budget:
                return None
            at = text.find(digit, at + 1)
    return sorted(positions)


def _digit_regions(text: str, positions: list[int] | None) -> list[tuple[int, int]]:
    """Where candidates that hold digits can be: around the text's digits. Prose is mostly letters, so
    the digit detectors search a few percent of it; text with digits everywhere is searched whole."""
    length = len(text)
    if positions is None:
        return [(0, length)]
    regions = _merge((max(0, at - BEFORE_DIGITS), min(length, at + AFTER_DIGITS)) for at in positions)
    return [(0, length)] if sum(hi - lo for lo, hi in regions) > length // 2 else regions


# Digits joined by single separators: every digit detector's candidate lies in (or starts at) one.
_RUN = re.compile(r"\d(?:[ ./-]?\d)*")
_RUN_SEPARATORS = str.maketrans("", "", " ./-")

Run = tuple[int, int, int]  # start, end, how many digits


def _runs(text: str, positions: list[int] | None) -> list[Run]:
    """The text's digit runs. From the digits' positions where they are known (prose: a few dozen
    digits, joined where one follows the last or one separator after it, as ``_RUN`` would join
    them); otherwise with ``_RUN`` over the whole text."""
    if positions is None:
        return [(m.start(), m.end(), len(m.group().translate(_RUN_SEPARATORS))) for m in _RUN.finditer(text)]
    runs: list[Run] = []
    if not positions:
        return runs
    start = previous = positions[0]
    count = 1
    for at in positions[1:]:
        if at == previous + 1 or (at == previous + 2 and text[previous + 1] in " ./-"):
            count += 1
        else:
            runs.append((start, previous + 1, count))
            start, count = at, 1
        previous = at
    runs.append((start, previous + 1, count))
    return runs


def _fitting(rule: Runs, runs: list[Run], text: str) -> list[Run]:
    """The runs a detector with this rule could start in."""
    low, high, follows, holds = rule.min_digits, rule.max_digits, rule.follows, rule.holds
    return [
        run
        for run in runs
        if low <= run[2] <= high
        and (not holds or holds in text[run[0] : run[1]])
        and (follows is None or follows.match(text, run[1]))
    ]


def _run_starts(detector: Detector, runs: list[Run], text: str) -> Iterator[re.Match[str]]:
    """Matches of the pattern where a digit group of a fitting run begins, as ``finditer`` would
    give them (none starting inside the previous one)."""
    assert detector.runs is not None
    taken = 0
    for start, end, _count in _fitting(detector.runs, runs, text):
        at = start
        while at < end:
            if at >= taken:
                match = detector.pattern.match(text, at)
                if match is not None:
                    taken = match.end()
                    yield match
            while at < end and text[at].isdigit():  # on to the next group ("4/12": from 4 to 12)
                at += 1
            while at < end and not text[at].isdigit():
                at += 1


def _run_windows(rule: Runs, runs: list[Run], text: str) -> list[tuple[int, int]]:
    """The stretches of text a detector with this rule must search: around each run it could start in,
    overlapping stretches merged (runs come in order, so merging needs no sort)."""
    length, lead, trail = len(text), rule.lead, rule.trail
    windows: list[tuple[int, int]] = []
    for start, end, _count in _fitting(rule, runs, text):
        lo, hi = (start - lead if start > lead else 0), (end + trail if end + trail < length else length)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _within(windows: list[tuple[int, int]], regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The windows that overlap one of the regions (both sorted)."""
    return [(lo, hi) for lo, hi in windows if any(lo < r_hi and r_lo < hi for r_lo, r_hi in regions)]


def _keyword_regions(
    hits: Hits,
    keywords: Iterable[str],
    before: int,
    after: int,
    length: int,
    within: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """Windows around each place one of the keywords was found (only those inside ``within``)."""
    spans = []
    for keyword in keywords:
        size = len(keyword)
        for at in hits.get(keyword, ()):
            if within is None or any(lo <= at and at + size <= hi for lo, hi in within):
                spans.append((max(0, at - before), min(length, at + size + after)))
    return _merge(spans)


def _anchored(detector: Detector, text: str, lowered: str, hits: Hits) -> list[re.Match[str]]:
    """Matches of a pattern that begins with its trigger word, tried only where a trigger begins a
    word: a handful of anchored matches instead of a search through the text."""
    found: dict[tuple[int, int], re.Match[str]] = {}
    for trigger in detector.triggers:
        for at in hits.get(trigger, ()):
            if at == 0 or not lowered[at - 1].isalnum():
                match = detector.pattern.match(text, at)
                if match is not None:
                    found.setdefault(match.span(), match)
    return [found[span] for span in sorted(found)]


@cache
def _automaton(detectors: tuple[Detector, ...]) -> ahocorasick.Automaton | None:
    """Every keyword these detectors look for (triggers, a finder's keywords, and the context words of
    those that need context), for one pass over the text."""
    automaton = ahocorasick.Automaton()
    for detector in detectors:
        for keyword in (*detector.triggers, *detector.keywords, *(detector.context if detector.needs_context else ())):
            automaton.add_word(keyword, keyword)
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton


def _hits(detectors: tuple[Detector, ...], lowered: str) -> dict[str, list[int]]:
    """Where each keyword begins in the lower-cased text (Aho–Corasick: every keyword in one pass)."""
    hits: dict[str, list[int]] = {}
    automaton = _automaton(detectors)
    if automaton is not None:
        for end, keyword in automaton.iter(lowered):
            hits.setdefault(keyword, []).append(end - len(keyword) + 1)
    return hits


def _lower(text: str) -> str:
    """``text`` lower-cased with every character kept one character long, so offsets found in it are
    offsets in ``text`` ("İ".lower() is two characters)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def _candidates(text: str, detectors: tuple[Detector, ...]) -> list[Finding]:
    lowered = _lower(text)
    hits = _hits(detectors, lowered)
    found = []
    digit_regions: list[tuple[int, int]] | None = None
    positions: list[int] | None = None
    runs: list[Run] | None = None
    length = len(text)
    whole = [(0, length)]
    for detector in detectors:
        if detector.triggers and not any(map(hits.__contains__, detector.triggers)):
            continue
        if detector.needs_context and not any(map(hits.__contains__, detector.context)):
            continue
        if detector.has_digits and detector.trigger_window is None:
            if digit_regions is None:
                positions = _digit_positions(text)
                digit_regions = _digit_regions(text, positions)
            if not digit_regions:
                continue
        if detector.finder is not None:
            for start, end, score, reason in detector.finder(text, lowered, hits):
                found.append(Finding(detector.entity, start, end, text[start:end], score, reason))
            continue
        matches: Iterable[re.Match[str]]
        if detector.runs is not None and runs is None:
            runs = _runs(text, positions)
        if detector.anchored:
            matches = _anchored(detector, text, lowered, hits)
        elif detector.runs is not None and detector.runs.anchored:
            assert runs is not None
            matches = _run_starts(detector, runs, text)
        else:
            if detector.regions is not None:
                regions = detector.regions(text, hits)
            elif detector.runs is not None:
                assert runs is not None
                regions = _run_windows(detector.runs, runs, text)
                if detector.needs_context:
                    near = _keyword_regions(hits, detector.context, AFTER + LONGEST, detector.window + LONGEST, length)
                    regions = _within(regions, near)
            elif detector.trigger_window is not None:
                regions = _keyword_regions(hits, detector.triggers, *detector.trigger_window, length)
            elif detector.needs_context:  # candidates lie within the context window of one of its words
                regions = _keyword_regions(
                    hits,
                    detector.context,
                    AFTER + LONGEST,
                    detector.window + LONGEST,
                    length,
                    digit_regions if detector.has_digits else None,
                )
            elif detector.has_digits:
                assert digit_regions is not None
                regions = digit_regions
            else:
                regions = whole
            matches = (m for lo, hi in regions for m in detector.pattern.finditer(text, lo, hi))
        group = detector.group
        for match in matches:
            candidate = match.group(group)
            if not detector.validate(candidate):
                continue
            start, end = match.span(group)
            if detector.prefix is not None:
                before = detector.prefix.search(text, max(0, start - 40), start)
                if before is not None:
                    start, candidate = before.start(), text[before.start() : end]
            boost, why = _context(detector, lowered, start, end)
            if detector.needs_context and boost <= 0:
                continue
            base = detector.score if detector.score_of is None else detector.score_of(candidate)
            score = round(max(0.05, min(1.0, base + boost)), 2)
            reason = detector.reason + (f"; {why}" if why else "")
            found.append(Finding(detector.entity, start, end, candidate, score, reason))
    return found


def detectors_for(entities: Iterable[str] | None) -> tuple[Detector, ...]:
    """The detectors for these entity types (all of them for None)."""
    chosen = None if entities is None else frozenset(entities)
    return tuple(d for d in DETECTORS if chosen is None or d.entity in chosen)


def scan(text: str, detectors: Iterable[Detector] = DETECTORS, min_score: float = MIN_SCORE) -> list[Finding]:
    """Every identifier found in ``text``, in order, overlaps resolved by score then length."""
    ranked = sorted(
        (f for f in _candidates(text, tuple(detectors)) if f.score >= min_score),
        key=lambda f: (-f.score, f.start - f.end, f.start),
    )
    kept: list[Finding] = []  # in text order; they never overlap, so a new one need only fit its neighbours
    starts: list[int] = []
    for finding in ranked:
        at = bisect_right(starts, finding.start)
        if (at == 0 or kept[at - 1].end <= finding.start) and (at == len(kept) or kept[at].start >= finding.end):
            starts.insert(at, finding.start)
            kept.insert(at, finding)
    return kept
