"""Dates of birth. A date on its own is not personal information worth flagging (tickets are full of
them), so a date is reported only when a birth word is near it, and only if it is a real calendar date
that someone alive could have been born on. Written Australian and New Zealand style: day first."""

from __future__ import annotations

import datetime as dt
import re

from privacydesk.scan.detectors import Detector, Runs

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_NUMERIC = re.compile(r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{2,4})")
_WORDY = re.compile(
    rf"(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})|({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?)\s+(\d{{4}})", re.I
)


def parse(candidate: str) -> dt.date | None:
    """The date a candidate names (day first; ISO year-first accepted), or None."""
    numeric = _NUMERIC.fullmatch(candidate)
    try:
        if numeric:
            a, b, c = numeric.groups()
            if len(a) == 4:
                return dt.date(int(a), int(b), int(c))
            year = int(c) if len(c) == 4 else (1900 + int(c) if int(c) > dt.date.today().year % 100 else 2000 + int(c))
            return dt.date(year, int(b), int(a))
        wordy = _WORDY.fullmatch(candidate)
        if wordy:
            day, month, month2, day2, year_text = wordy.groups()
            month_name = (month or month2).rstrip(".").lower()
            return dt.date(int(year_text), MONTHS[month_name], int(day or day2))
    except (ValueError, KeyError):
        return None
    return None


def is_birth_date(candidate: str) -> bool:
    date = parse(candidate)
    today = dt.date.today()
    return date is not None and today.replace(year=today.year - 120) <= date <= today


DATE_OF_BIRTH = Detector(
    entity="DATE_OF_BIRTH",
    pattern=re.compile(rf"(?<![\w/.-])(?:{_NUMERIC.pattern}|{_WORDY.pattern})(?![\w/-])", re.I),
    validate=is_birth_date,
    runs=Runs(lead=12, trail=24),  # "September 29th, 1956", "29 December 1956"
    score=0.4,
    context=("dob", "d.o.b", "date of birth", "born", "birthday", "birth date", "birthdate", "b'day"),
    context_boost=0.5,
    needs_context=True,
    reason="calendar date",
    negative_context=(),
)
