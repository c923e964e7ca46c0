"""What a detector reports: the entity type, where it is, how sure we are, and why."""

from __future__ import annotations

from typing import NamedTuple


class Finding(NamedTuple):
    """Immutable, and a named tuple rather than a frozen dataclass: a dense ticket yields a dozen, and a
    frozen dataclass costs three times as much to build."""

    entity: str  # AU_TFN, NZ_NHI, CREDIT_CARD, … (the names the CLI and API print)
    start: int  # offsets into the scanned text, end exclusive
    end: int
    text: str
    score: float  # 0..1
    reason: str  # "checksum valid", "checksum valid; context: 'tax file'", "pattern only"

    def as_dict(self) -> dict[str, object]:
        return {
            "type": self.entity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": round(self.score, 2),
            "reason": self.reason,
        }
