"""Detectors, one module per identifier family. Each module exposes one or more ``Detector`` objects: an
``entity`` name, a compiled ``pattern`` that finds candidates, a ``validate(candidate) -> bool`` that
keeps only those whose checksum (or structure) holds, a base ``score`` and the ``context`` words that
make a match likelier when they appear nearby."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

# Words that, just before a number, say it is the business's own reference rather than a person's identifier.
REFERENCE_WORDS = (
    "invoice", "order", "ticket", "ref", "reference", "po", "po number", "job", "case", "quote", "serial", "tracking",
    "code", "product", "model", "part", "sku", "build",
)  # fmt: skip


def _always(_candidate: str) -> bool:
    return True


# Where each keyword (a detector's ``triggers``, ``keywords`` and, if it needs context, ``context``) begins
# in the lower-cased text: the engine finds them all in one pass and hands them to the detectors.
Hits = Mapping[str, list[int]]
# A finder for what a single pattern cannot say (names, health terms): given the text, its lower-cased
# form (same length) and the keyword hits, yields (start, end, score, reason).
Finder = Callable[[str, str, Hits], Iterable[tuple[int, int, float, str]]]


@dataclass(frozen=True)
class Runs:
    """Where a digit detector's candidates lie, in terms of the text's digit runs (digits joined by
    single spaces, dots, slashes or dashes: "123 456 782", "12-3140-0123456-00", "192.168.1.20").

    The engine finds the runs once per text and searches a detector's pattern only from ``lead``
    characters before each run of at least ``min_digits`` (and at most ``max_digits``) digits to
    ``trail`` characters after it — one short search per likely run instead of one pass over the whole
    text per detector. ``trail`` must cover what a candidate holds past its run plus the characters
    its pattern looks at after the candidate (a two-character lookahead needs 2). With ``follows``,
    only runs followed by that pattern count ("12 Wattle Street": a capitalised word after the run)."""

    min_digits: int = 1
    max_digits: int = 64
    lead: int = 0
    trail: int = 2
    follows: re.Pattern[str] | None = None
    holds: str = ""  # a character the run must hold ("." for an IPv4 address)
    # Candidates start where one of the run's digit groups starts ("12 Wattle Street", "4/12 Wattle
    # Street"): the pattern is matched there rather than searched for through a window.
    anchored: bool = False


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: the engine caches per set of detectors
class Detector:
    entity: str
    pattern: re.Pattern[str]
    validate: Callable[[str], bool] = _always
    score: float = 0.5  # a valid candidate with no context
    # A base score read from the candidate itself, where its shape says more than the detector's
    # (an address with its suburb, state and postcode is surer than a street alone).
    score_of: Callable[[str], float] | None = None
    context: tuple[str, ...] = ()
    context_boost: float = 0.1
    needs_context: bool = False  # report only with a context word nearby (weak or no checksum)
    reason: str = "checksum valid"
    negative_context: tuple[str, ...] = field(default=REFERENCE_WORDS)
    group: int = 0  # which group of the pattern is the finding (a secret after "password:")
    window: int = 40  # characters before the candidate searched for context words
    # Skip the detector unless one of these occurs in the lower-cased text ("@" for email, "pin"):
    # looking for every detector's keywords at once costs one pass, a pattern a pass each.
    triggers: tuple[str, ...] = ()
    # Words whose positions the finder wants (health terms' first words), found in the same pass.
    keywords: tuple[str, ...] = ()
    # Text just before a finding that belongs to it ("Unit 4, " before "12 Wattle Street"): matched
    # against the 40 characters before the candidate, ending where it starts.
    prefix: re.Pattern[str] | None = None
    # Every candidate holds a digit: in prose, search only around the text's digits (see the engine).
    has_digits: bool = True
    # Every candidate starts in or near a digit run: search only there (see ``Runs``).
    runs: Runs | None = None
    # Where candidates can be, when a trigger word alone says too little (an IPv6 address needs two
    # colons close together): given the text and the keyword hits, the stretches to search.
    regions: Callable[[str, Hits], list[tuple[int, int]]] | None = None
    # Search only this many characters before and after each trigger, not the whole text.
    trigger_window: tuple[int, int] | None = None
    # The pattern starts with its trigger word: match it only where a trigger begins a word.
    anchored: bool = False
    # For what a single pattern cannot say (names, health terms): yields its findings itself.
    finder: Finder | None = None


def words(text: str) -> list[str]:
    """A word list written as one string, the way gazetteers are easiest to read and review."""
    return text.split()


_SEPARATORS = str.maketrans("", "", " -./()+\t\n")


def digits(text: str) -> str:
    """The digits of a candidate, separators dropped (in C: this runs for every candidate)."""
    stripped = text.translate(_SEPARATORS)
    return stripped if stripped.isdigit() else "".join(ch for ch in stripped if ch.isdigit())
