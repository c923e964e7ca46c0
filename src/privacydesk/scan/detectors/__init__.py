"""Detectors, one module per identifier family. Each module exposes ``DETECTOR``: an object with an
``entity`` name, a compiled ``pattern`` that finds candidates, a ``validate(candidate) -> bool`` that
keeps only those whose checksum (or structure) holds, a base ``score`` and the ``context`` words that
make a match likelier when they appear nearby."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Detector:
    entity: str
    pattern: re.Pattern[str]
    validate: Callable[[str], bool]
    score: float  # a valid candidate with no context
    context: tuple[str, ...] = ()
    context_boost: float = 0.1
    needs_context: bool = False  # report only with a context word nearby (weak or no checksum)
    reason: str = "checksum valid"
    negative_context: tuple[str, ...] = field(default=("invoice", "order", "ticket", "ref", "po number"))


def digits(text: str) -> str:
    """The digits of a candidate, separators dropped."""
    return "".join(ch for ch in text if ch.isdigit())
