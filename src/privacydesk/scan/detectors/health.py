"""Health terms, as a signal that a text holds sensitive information (APP 3.3, IPP 1 and GDPR Art 9
treat health information as a special category): conditions, treatments, care and services. A term is
a signal, not proof that the text is about a person's health; the score says so."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from privacydesk.scan.detectors import Detector, Hits, words

TERMS = words(
    "diabetes diabetic cancer tumour tumor chemotherapy chemo radiotherapy asthma epilepsy epileptic seizure "
    "seizures stroke dementia alzheimer's alzheimers parkinson's hiv aids hepatitis depression depressed anxiety "
    "bipolar schizophrenia psychosis ptsd adhd autism autistic dyslexia anorexia bulimia miscarriage pregnant "
    "pregnancy ivf surgery hospitalised hospitalized hospital inpatient outpatient rehab rehabilitation "
    "physiotherapy physio psychiatrist psychologist counsellor counselling therapist therapy medication "
    "prescription antidepressant antidepressants insulin methadone diagnosed disability disabled "
    "wheelchair ndis workcover acc-claim sick-leave illness injury injured concussion fracture arthritis "
    "migraine migraines covid covid-19 flu influenza std sti cardiac heart-attack arrhythmia "
    "blood-pressure hypertension cholesterol kidney dialysis liver transplant allergy allergic anaphylaxis "
    "overdose addiction alcoholism suicidal self-harm mental-health gp-appointment oncologist "
    "cardiologist neurologist medical-certificate sick-note heart-condition stress-leave reconstruction "
    "broken-wrist broken-arm broken-leg broken-ankle fractured"
)

_PATTERN = re.compile(
    r"\b(?:" + "|".join(sorted((t.replace("-", "[ -]") for t in TERMS), key=len, reverse=True)) + r")\b", re.I
)
_PUNCTUATION = str.maketrans(dict.fromkeys(string.punctuation, " "))


def _first_word(term: str) -> str:
    return term.translate(_PUNCTUATION).split()[0]


# Terms by their first word. The engine finds where each first word begins (one pass for every
# detector's keywords) and only there is that word's pattern matched: one pattern of a hundred
# alternatives would try every word boundary and run at about 1 MB/s.
_BY_FIRST: dict[str, re.Pattern[str]] = {
    first: re.compile(
        "(?:"
        + "|".join(
            sorted(
                (re.escape(t).replace("\\-", "[ -]") for t in TERMS if _first_word(t) == first), key=len, reverse=True
            )
        )
        + r")(?![a-z0-9])"
    )
    for first in {_first_word(t) for t in TERMS}
}


def find(_text: str, lowered: str, hits: Hits) -> Iterator[tuple[int, int, float, str]]:
    """Health terms in the lower-cased text, each starting a word where its first word was found."""
    spans = sorted(
        match.span()
        for word, starts in hits.items()
        if (pattern := _BY_FIRST.get(word)) is not None
        for at in starts
        if (at == 0 or not lowered[at - 1].isalnum()) and (match := pattern.match(lowered, at)) is not None
    )
    end = -1
    for start, stop in spans:
        if start >= end:  # "covid" inside "covid-19": the longer term was found by the same pattern
            yield start, stop, 0.6, "health term"
            end = stop


HEALTH = Detector(
    entity="HEALTH",
    pattern=_PATTERN,
    score=0.6,
    reason="health term",
    negative_context=(),
    finder=find,
    keywords=tuple(_BY_FIRST),
    has_digits=False,
)
