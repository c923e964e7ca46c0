"""Secrets pasted into tickets: the value after "password", "PIN", "API key" and similar words, and
credentials whose shape gives them away on their own (cloud access keys, personal access tokens,
private-key blocks, JSON web tokens).

After a secret word only the value is reported, and only if it looks like a secret rather than the next
word of a sentence ("password reset", "PIN has expired"): it has a digit or a symbol, mixed case, or is
long; a PIN is four to eight digits."""

from __future__ import annotations

import re

from privacydesk.scan.detectors import Detector

# An ordinary word, lower-case or capitalised: the sentence going on ("password reset", "Key: Australian"
# after a surname Key), not a password.
_ORDINARY = re.compile(r"[A-Za-z][a-z]{0,10}")


def _looks_secret(value: str) -> bool:
    if _ORDINARY.fullmatch(value):
        return False
    return len(value) >= 4


SECRET = Detector(
    entity="SECRET",
    pattern=re.compile(
        # The secret word itself ("API key", "Wi-Fi key", "access token" match at "key" and "token").
        r"(?:pass(?:word|wd|code|phrase)|pwd|pw|key|token|secret(?:[ _-]key)?)\b"
        r"(?:\s+(?:is|was|now|=|to|set to|reset to|changed to|(?:\S+ ){1,5}(?:is|was))\b)?"
        # "… for the NAS was changed to X", "the password I set is X": up to five words, then "is" /
        # "was" (and perhaps a verb) before the value.
        r"(?:\s+(?:now|changed to|set to|reset to|updated to)\b)?\s*[:=]?\s*[\"'`]?"
        r"([^\s\"'`,;]{3,127}[^\s\"'`,;.:)])",
        re.I,
    ),
    validate=_looks_secret,
    score=0.8,
    reason="value after a secret word",
    negative_context=(),
    triggers=("pass", "pw", "key", "token", "secret"),
    anchored=True,
    has_digits=False,
    group=1,
)

PIN = Detector(
    entity="SECRET",
    pattern=re.compile(r"PIN(?:\s+(?:number|code|is|was))*\s*[:=]?\s*(\d{4,8})(?!\d)", re.I),
    score=0.8,
    reason="digits after PIN",
    negative_context=(),
    triggers=("pin",),
    anchored=True,
    group=1,
)

TOKEN = Detector(
    entity="SECRET",
    pattern=re.compile(
        r"\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255}"
        r"|xox[baprs]-[A-Za-z0-9-]{10,250}|sk_(?:live|test)_[A-Za-z0-9]{16,247}|AIza[0-9A-Za-z_-]{35}"
        r"|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})"
        r"|-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----[\s\S]{0,8000}?-----END (?:[A-Z]+ )?PRIVATE KEY-----"
    ),
    score=0.95,
    reason="credential format",
    negative_context=(),
    triggers=("_", "xox", "eyj", "akia", "aiza", "-----begin"),
    has_digits=False,
)
