"""Retention arithmetic, table-driven from the rules' own wording: "7 years after the end of the income
year to which the records relate" (Tax Administration Act 1994 (NZ) s 22(2)), the Australian income
year, "never stored after authorisation" (PCI DSS), calendar months at month ends."""

from __future__ import annotations

from datetime import date

import pytest

from privacydesk.law.errors import LawError
from privacydesk.law.retention import disposal_due, financial_year_end

CASES = [
    # trigger, period, unit, financial year, first day the record may go, why
    (date(2020, 5, 10), 7, "years", "nz", date(2028, 4, 1), "NZ income year 2020-21 ends 31 Mar 2021; +7 years"),
    (date(2021, 3, 31), 7, "years", "nz", date(2028, 4, 1), "31 March is the last day of the NZ income year"),
    (date(2019, 8, 15), 7, "years", "au", date(2027, 7, 1), "AU income year 2019-20 ends 30 Jun 2020; +7 years"),
    (date(2020, 6, 30), 5, "years", "au", date(2025, 7, 1), "30 June is the last day of the AU income year"),
    (date(2026, 3, 3), 0, "days", None, date(2026, 3, 3), "card data: never kept after payment"),
    (date(2026, 1, 1), 90, "days", None, date(2026, 4, 2), "call recordings kept 90 days"),
    (date(2025, 8, 31), 6, "months", None, date(2026, 3, 1), "31 Aug + 6 months = 28 Feb; gone from 1 Mar"),
    (date(2024, 2, 29), 2, "years", None, date(2026, 3, 1), "29 Feb + 2 years = 28 Feb 2026"),
    (date(2023, 12, 5), 1, "years", "eu", date(2025, 1, 1), "no EU financial year: the calendar year"),
]


@pytest.mark.parametrize(("trigger", "period", "unit", "year", "due", "why"), CASES, ids=[c[-1] for c in CASES])
def test_disposal_due(trigger: date, period: int, unit: str, year: str | None, due: date, why: str) -> None:
    assert disposal_due(trigger, period, unit, year) == due, why


def test_financial_year_ends_by_jurisdiction() -> None:
    assert financial_year_end(date(2026, 7, 1), "AU") == date(2027, 6, 30)
    assert financial_year_end(date(2026, 4, 1), "nz") == date(2027, 3, 31)
    with pytest.raises(LawError, match="no financial year known for 'us'"):
        financial_year_end(date(2026, 1, 1), "us")
    with pytest.raises(LawError, match="unknown unit 'weeks'"):
        disposal_due(date(2026, 1, 1), 2, "weeks")
