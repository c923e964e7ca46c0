"""When a retention period ends: the arithmetic behind "keep for 7 years after the end of the financial
year" and "destroy card data after payment", as data with citations, without Django.

A retention period runs from its trigger event (the end of the relationship, the last contact, the end
of the financial year in which the record was made, a payment...) and ends after a number of days,
months or years; the record may be disposed of on the day after that (APP 11.2, IPP 9, GDPR Art
5(1)(e): no longer than needed). A period of zero ends on the trigger day itself: card data after a
payment is never kept.

Financial years are the income years of the tax law: 1 July to 30 June in Australia (Income Tax
Assessment Act 1997 s 995-1, "income year"), 1 April to 31 March in New Zealand (Income Tax Act 2007
s YA 1, "income year", with the standard balance date of 31 March), and the calendar year elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from privacydesk.law.calendar import add_months
from privacydesk.law.errors import LawError


@dataclass(frozen=True)
class YearEnd:
    jurisdiction: str
    month: int
    day: int
    citation: str


YEAR_ENDS = {
    "au": YearEnd("au", 6, 30, "Income Tax Assessment Act 1997 (Cth) s 995-1 (income year: 1 July to 30 June)"),
    "nz": YearEnd("nz", 3, 31, "Income Tax Act 2007 (NZ) s YA 1 (income year to the standard balance date, 31 March)"),
    "eu": YearEnd("eu", 12, 31, "the calendar year (no single EU financial year)"),
}

UNITS = ("days", "months", "years")


def financial_year_end(day: date, jurisdiction: str) -> date:
    """The last day of the financial year that ``day`` falls in."""
    try:
        end = YEAR_ENDS[jurisdiction.lower()]
    except KeyError:
        raise LawError(f"no financial year known for {jurisdiction!r} (au, nz or eu)") from None
    this_year = date(day.year, end.month, end.day)
    return this_year if day <= this_year else date(day.year + 1, end.month, end.day)


def expires(trigger: date, period: int, unit: str) -> date:
    """The last day of the retention period that starts on ``trigger``; the record may go the day after.
    Months and years count as calendar months (31 January + 1 month = the end of February)."""
    if period < 0:
        raise LawError("a retention period cannot be negative")
    if unit == "days":
        end = trigger + timedelta(days=period)
    elif unit == "months":
        end = add_months(trigger, period)
    elif unit == "years":
        end = add_months(trigger, 12 * period)
    else:
        raise LawError(f"unknown unit {unit!r} (days, months or years)")
    return end


def disposal_due(trigger: date, period: int, unit: str, financial_year: str | None = None) -> date:
    """The first day the record may be disposed of. With ``financial_year`` (a jurisdiction), the period
    runs from the end of the financial year in which the trigger fell (records kept "for 7 years after
    the end of the financial year"). A period of zero is due on the trigger day: nothing is kept."""
    start = financial_year_end(trigger, financial_year) if financial_year else trigger
    if period == 0:
        return start
    return expires(start, period, unit) + timedelta(days=1)
