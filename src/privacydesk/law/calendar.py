"""Calendars: which days count, in which time zone, for each jurisdiction.

Pure Python; public holidays come from the ``holidays`` package, cached as frozensets per year so a
deadline costs a few set look-ups.

* Australia: Saturdays, Sundays and the public holidays of the state or territory (``subdivision``);
  national holidays only when no state is given.
* New Zealand: the Privacy Act 2020 s 7 definition of *working day*, which is not "not a public
  holiday": it excludes weekends; Waitangi Day, Good Friday, Easter Monday, Anzac Day, the
  Sovereign's birthday, Matariki and Labour Day (with the Monday after Waitangi or Anzac Day when
  either falls on a weekend); and every day from 25 December to 15 January inclusive. Regional
  anniversary days are working days.
* EU: Saturdays, Sundays and the public holidays of the member state (``subdivision``, e.g. IE),
  as Regulation (EEC, Euratom) No 1182/71 Art 3(4) and Art 2(1) count them.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from privacydesk.law.errors import LawError

AU_ZONES = {
    "ACT": "Australia/Sydney",
    "NSW": "Australia/Sydney",
    "NT": "Australia/Darwin",
    "QLD": "Australia/Brisbane",
    "SA": "Australia/Adelaide",
    "TAS": "Australia/Hobart",
    "VIC": "Australia/Melbourne",
    "WA": "Australia/Perth",
}
NZ_ZONE = "Pacific/Auckland"
EU_ZONES = {
    "AT": "Europe/Vienna",
    "BE": "Europe/Brussels",
    "BG": "Europe/Sofia",
    "CY": "Asia/Nicosia",
    "CZ": "Europe/Prague",
    "DE": "Europe/Berlin",
    "DK": "Europe/Copenhagen",
    "EE": "Europe/Tallinn",
    "ES": "Europe/Madrid",
    "FI": "Europe/Helsinki",
    "FR": "Europe/Paris",
    "GR": "Europe/Athens",
    "HR": "Europe/Zagreb",
    "HU": "Europe/Budapest",
    "IE": "Europe/Dublin",
    "IT": "Europe/Rome",
    "LT": "Europe/Vilnius",
    "LU": "Europe/Luxembourg",
    "LV": "Europe/Riga",
    "MT": "Europe/Malta",
    "NL": "Europe/Amsterdam",
    "PL": "Europe/Warsaw",
    "PT": "Europe/Lisbon",
    "RO": "Europe/Bucharest",
    "SE": "Europe/Stockholm",
    "SI": "Europe/Ljubljana",
    "SK": "Europe/Bratislava",
}
EU_DEFAULT_ZONE = "Europe/Brussels"
JURISDICTIONS = ("au", "nz", "eu")

# Privacy Act 2020 (NZ) s 7 "working day" (b)-(e): the named holidays, matched on the holidays
# package's English names (which carry "(observed)" for the Mondayised Waitangi and Anzac Days).
_NZ_S7_NAMES = ("Waitangi Day", "Good Friday", "Easter Monday", "Anzac Day", "Birthday", "Matariki", "Labour Day")


def subdivisions(jurisdiction: str) -> tuple[str, ...]:
    if jurisdiction == "au":
        return tuple(AU_ZONES)
    if jurisdiction == "eu":
        return tuple(EU_ZONES)
    return ()


def check_subdivision(jurisdiction: str, subdivision: str | None) -> str | None:
    """Upper-cased subdivision, or a LawError listing the accepted ones."""
    if subdivision is None or subdivision == "":
        return None
    code = subdivision.upper()
    accepted = subdivisions(jurisdiction)
    if code not in accepted:
        what = {"au": "state or territory", "eu": "EU member state", "nz": "subdivision"}[jurisdiction]
        listed = ", ".join(accepted) if accepted else "none (New Zealand's working days are national, s 7)"
        raise LawError(f"unknown {what} {subdivision!r} for {jurisdiction}; accepted: {listed}")
    return code


@lru_cache(maxsize=64)
def zone(jurisdiction: str, subdivision: str | None) -> ZoneInfo:
    if jurisdiction == "au":
        return ZoneInfo(AU_ZONES.get(subdivision or "", "Australia/Sydney"))
    if jurisdiction == "nz":
        return ZoneInfo(NZ_ZONE)
    return ZoneInfo(EU_ZONES.get(subdivision or "", EU_DEFAULT_ZONE))


@lru_cache(maxsize=512)
def non_working_days(jurisdiction: str, subdivision: str | None, year: int) -> frozenset[date]:
    """Every weekday of ``year`` that is not a working day (weekends are tested separately)."""
    if jurisdiction == "au":
        days = set(holidays.country_holidays("AU", subdiv=subdivision, years=year).keys())
    elif jurisdiction == "nz":
        nz = holidays.country_holidays("NZ", years=year)
        days = {d for d, name in nz.items() if any(n in name for n in _NZ_S7_NAMES)}
        # s 7(f): 25 December to 15 January inclusive, at both ends of the year.
        days |= {date(year, 12, 25) + timedelta(n) for n in range(7)}
        days |= {date(year, 1, 1) + timedelta(n) for n in range(15)}
    elif subdivision:
        days = set(holidays.country_holidays(subdivision, years=year).keys())
    else:
        days = set()
    return frozenset(d for d in days if d.weekday() < 5)


def is_working_day(jurisdiction: str, subdivision: str | None, day: date) -> bool:
    return day.weekday() < 5 and day not in non_working_days(jurisdiction, subdivision, day.year)


@lru_cache(maxsize=512)
def _working_ordinals(jurisdiction: str, subdivision: str | None, year: int) -> tuple[int, ...]:
    """The working days of ``year`` as sorted ordinals, so counting N of them is one bisect."""
    closed = non_working_days(jurisdiction, subdivision, year)
    first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    return tuple(
        o for o in range(first, last + 1) if (o + 6) % 7 < 5 and date.fromordinal(o) not in closed
    )  # date.fromordinal(o).weekday() == (o + 6) % 7


def add_working_days(jurisdiction: str, subdivision: str | None, start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself never counts)."""
    if count <= 0:
        return start
    year = start.year
    days = _working_ordinals(jurisdiction, subdivision, year)
    index = bisect_right(days, start.toordinal())
    while index + count > len(days):
        count -= len(days) - index
        year += 1
        days, index = _working_ordinals(jurisdiction, subdivision, year), 0
    return date.fromordinal(days[index + count - 1])


def next_working_day(jurisdiction: str, subdivision: str | None, day: date) -> date:
    """``day`` itself if it is a working day, else the first working day after it."""
    if is_working_day(jurisdiction, subdivision, day):
        return day
    return add_working_days(jurisdiction, subdivision, day, 1)


def add_months(start: date, months: int) -> date:
    """Regulation 1182/71 Art 3(2)(c): the same date ``months`` later, or the last day of that month
    when it has no such date (31 January + 1 month = 28 or 29 February)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, min(start.day, day))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")
