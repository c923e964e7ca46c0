"""Clock cases worked by hand from the Acts and the calendars (no database; pure law engine).

Each row: jurisdiction, duty, when the clock starts, subdivision, and the due *date* (end of that
day in the jurisdiction's zone), a full datetime for hours periods, or None where the law fixes no
time. The comment says why, so a reader can check the working without running anything.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from privacydesk.law import LawError, deadline

AT = "T10:00:00"
NZ = "+13:00"  # NZDT (summer)
NZW = "+12:00"  # NZST (winter)
AE = "+11:00"  # AEDT
AS = "+10:00"  # AEST
IE_W = "+00:00"
IE_S = "+01:00"
CE = "+01:00"
CS = "+02:00"

CASES: list[tuple[str, str, str, str | None, str | None, str]] = [
    # ---- EU: one month, Regulation 1182/71 Art 3 (same date; month-end; weekend/holiday roll) -------
    ("eu", "access_response", f"2026-01-05{AT}{IE_W}", "IE", "2026-02-05", "plain month"),
    ("eu", "access_response", f"2026-01-31{AT}{IE_W}", "IE", "2026-03-02", "no 31 Feb; 28 Feb is a Saturday"),
    ("eu", "access_response", f"2028-01-31{AT}{IE_W}", "IE", "2028-02-29", "leap year month end"),
    ("eu", "access_response", f"2024-01-30{AT}{IE_W}", "IE", "2024-02-29", "leap year, 30 Jan"),
    ("eu", "access_response", f"2023-01-29{AT}{IE_W}", "IE", "2023-02-28", "not a leap year: last day of Feb"),
    ("eu", "access_response", f"2028-01-30{AT}{IE_W}", "IE", "2028-02-29", "30 Jan 2028 to 29 Feb"),
    ("eu", "access_response", f"2026-01-30{AT}{IE_W}", "IE", "2026-03-02", "no 30 Feb; 28 Feb Saturday"),
    ("eu", "access_response", f"2026-01-29{AT}{IE_W}", "IE", "2026-03-02", "no 29 Feb 2026; 28 Feb Saturday"),
    ("eu", "access_response", f"2026-03-31{AT}{IE_S}", "IE", "2026-04-30", "no 31 Apr"),
    ("eu", "access_response", f"2026-05-31{AT}{IE_S}", "IE", "2026-06-30", "no 31 Jun"),
    ("eu", "access_response", f"2026-08-31{AT}{IE_S}", "IE", "2026-09-30", "no 31 Sep"),
    ("eu", "access_response", f"2026-10-31{AT}{IE_W}", "IE", "2026-11-30", "no 31 Nov"),
    ("eu", "access_response", f"2026-06-30{AT}{IE_S}", "IE", "2026-07-30", "plain"),
    ("eu", "access_response", f"2026-07-31{AT}{IE_S}", "IE", "2026-08-31", "31 Aug exists"),
    ("eu", "access_response", f"2026-09-30{AT}{IE_S}", "IE", "2026-10-30", "plain"),
    ("eu", "access_response", f"2026-11-30{AT}{IE_W}", "IE", "2026-12-30", "plain"),
    ("eu", "access_response", f"2026-12-31{AT}{IE_W}", "IE", "2027-02-02", "31 Jan Sun; 1 Feb St Brigid's Day"),
    ("eu", "access_response", f"2026-12-31{AT}{CE}", "DE", "2027-02-01", "31 Jan Sun; 1 Feb ordinary in DE"),
    ("eu", "access_response", f"2026-02-17{AT}{IE_W}", "IE", "2026-03-18", "17 Mar St Patrick's Day"),
    ("eu", "access_response", f"2026-02-17{AT}{CE}", "DE", "2026-03-17", "St Patrick's is Irish only"),
    ("eu", "access_response", f"2026-03-06{AT}{IE_W}", "IE", "2026-04-07", "6 Apr Easter Monday"),
    ("eu", "access_response", f"2026-03-06{AT}{CE}", "DE", "2026-04-07", "6 Apr Easter Monday"),
    ("eu", "access_response", f"2026-03-06{AT}{CE}", "FR", "2026-04-07", "6 Apr Lundi de Pâques"),
    ("eu", "access_response", f"2026-03-06{AT}{IE_W}", None, "2026-04-06", "no member state: weekends only"),
    ("eu", "access_response", f"2026-01-31{AT}{IE_W}", None, "2026-03-02", "no member state: Saturday rolls"),
    ("eu", "access_response", f"2026-03-03{AT}{CE}", "DE", "2026-04-07", "Good Friday, weekend, Easter Monday"),
    ("eu", "access_response", f"2026-03-03{AT}{IE_W}", "IE", "2026-04-03", "Good Friday is no IE holiday"),
    ("eu", "access_response", f"2026-04-01{AT}{CS}", "FR", "2026-05-04", "1 May Fête du Travail (Fri)"),
    ("eu", "access_response", f"2026-04-01{AT}{IE_S}", "IE", "2026-05-01", "IE May holiday is 4 May"),
    ("eu", "access_response", f"2026-04-04{AT}{IE_S}", "IE", "2026-05-05", "4 May May Bank Holiday"),
    ("eu", "access_response", f"2026-04-08{AT}{CS}", "FR", "2026-05-11", "8 May Victoire 1945 (Fri)"),
    ("eu", "access_response", f"2026-04-14{AT}{CS}", "DE", "2026-05-15", "14 May Ascension"),
    ("eu", "access_response", f"2026-04-25{AT}{CS}", "DE", "2026-05-26", "25 May Whit Monday"),
    ("eu", "access_response", f"2026-06-14{AT}{CS}", "FR", "2026-07-15", "14 Jul Fête nationale"),
    ("eu", "access_response", f"2026-11-25{AT}{CE}", "DE", "2026-12-28", "25 Dec Fri, 26 Sat, 27 Sun"),
    ("eu", "access_response", f"2026-09-03{AT}{CS}", "DE", "2026-10-05", "3 Oct Unity Day on a Saturday"),
    ("eu", "access_response", f"2026-07-03{AT}{IE_S}", "IE", "2026-08-04", "3 Aug August Bank Holiday"),
    ("eu", "access_response", f"2026-02-28{AT}{IE_W}", "IE", "2026-03-30", "28 Mar Saturday"),
    ("eu", "access_response", f"2027-02-28{AT}{IE_W}", "IE", "2027-03-30", "28 Mar Sun; 29 Mar Easter Monday"),
    ("eu", "access_response", f"2027-02-26{AT}{CE}", "DE", "2027-03-30", "26 Mar Good Friday to Easter Monday"),
    ("eu", "access_response", f"2027-02-26{AT}{IE_W}", "IE", "2027-03-26", "Good Friday is no IE holiday"),
    ("eu", "access_response", f"2026-04-30{AT}{CS}", "FR", "2026-06-01", "30 May Saturday"),
    ("eu", "access_response", f"2026-04-30{AT}{IE_S}", "IE", "2026-06-02", "1 Jun June Bank Holiday"),
    ("eu", "access_response", f"2026-10-01{AT}{CS}", "FR", "2026-11-02", "1 Nov Toussaint on a Sunday"),
    ("eu", "access_response", f"2026-10-11{AT}{CS}", "FR", "2026-11-12", "11 Nov Armistice"),
    ("eu", "access_response", f"2026-07-15{AT}{CS}", "FR", "2026-08-17", "15 Aug Assomption on a Saturday"),
    ("eu", "access_response", f"2026-09-26{AT}{IE_S}", "IE", "2026-10-27", "26 Oct October Bank Holiday"),
    ("eu", "access_response", f"2026-12-01{AT}{IE_W}", "IE", "2027-01-04", "1 Jan New Year (Fri)"),
    ("eu", "access_response", f"2026-01-02{AT}{IE_W}", "IE", "2026-02-03", "2 Feb St Brigid's Day"),
    ("eu", "access_response", "2026-03-16T23:30:00+00:00", "DE", "2026-04-17", "00:30 on 17 Mar in Berlin"),
    ("eu", "access_response", "2026-03-16T23:30:00+00:00", "IE", "2026-04-16", "23:30 on 16 Mar in Dublin"),
    ("eu", "correction_response", f"2026-02-17{AT}{IE_W}", "IE", "2026-03-18", "Art 16, St Patrick's"),
    ("eu", "erasure_response", f"2026-01-31{AT}{IE_W}", "IE", "2026-03-02", "Art 17"),
    ("eu", "objection_response", f"2026-03-31{AT}{IE_S}", "IE", "2026-04-30", "Art 21"),
    ("eu", "portability_response", f"2026-12-31{AT}{CE}", "DE", "2027-02-01", "Art 20"),
    # ---- EU: extension, three months from receipt (one + two further) ------------------------------
    ("eu", "extension", f"2026-01-05{AT}{IE_W}", "IE", "2026-04-07", "5 Apr Sun; 6 Apr Easter Monday"),
    ("eu", "extension", f"2026-11-30{AT}{CE}", "DE", "2027-03-01", "28 Feb 2027 is a Sunday"),
    ("eu", "extension", f"2026-05-31{AT}{IE_S}", "IE", "2026-08-31", "31 Aug exists"),
    ("eu", "extension", f"2027-11-30{AT}{CE}", "DE", "2028-02-29", "leap day"),
    # ---- EU: 72 hours, exact, no roll (Reg 1182/71 Art 3(4) excludes hours) --------------------------
    ("eu", "breach_notify_regulator", "2026-03-27T10:00:00+01:00", "DE", "2026-03-30T11:00:00+02:00", "over DST"),
    ("eu", "breach_notify_regulator", "2026-10-23T09:00:00+02:00", "DE", "2026-10-26T08:00:00+01:00", "DST ends"),
    ("eu", "breach_notify_regulator", "2026-12-24T17:00:00+00:00", "IE", "2026-12-27T17:00:00+00:00", "over Xmas"),
    ("eu", "breach_notify_regulator", "2026-06-01T09:00:00+10:00", "IE", "2026-06-04T00:00:00+01:00", "AEST in"),
    # ---- NZ: 20 working days after the day of receipt, s 44 and s 7 -----------------------------------
    ("nz", "access_response", f"2026-03-02{AT}{NZ}", None, "2026-03-30", "no holidays in March"),
    ("nz", "access_response", "2026-03-01T12:30:00+00:00", None, "2026-03-30", "already 2 Mar in Auckland"),
    ("nz", "access_response", f"2026-03-20{AT}{NZ}", None, "2026-04-21", "Good Friday, Easter Monday"),
    ("nz", "access_response", f"2026-04-15{AT}{NZW}", None, "2026-05-14", "Anzac Day Sat, Monday 27 Apr off"),
    ("nz", "access_response", f"2026-05-18{AT}{NZW}", None, "2026-06-16", "King's Birthday 1 Jun"),
    ("nz", "access_response", f"2026-06-25{AT}{NZW}", None, "2026-07-24", "Matariki 10 Jul"),
    ("nz", "access_response", f"2026-10-05{AT}{NZ}", None, "2026-11-03", "Labour Day 26 Oct"),
    ("nz", "access_response", f"2026-12-18{AT}{NZ}", None, "2027-02-09", "summer period; Waitangi Mondayised"),
    ("nz", "access_response", f"2026-12-24{AT}{NZ}", None, "2027-02-15", "counting starts 18 Jan"),
    ("nz", "access_response", f"2026-12-26{AT}{NZ}", None, "2027-02-15", "received in the summer period"),
    ("nz", "access_response", f"2027-01-06{AT}{NZ}", None, "2027-02-15", "received in the summer period"),
    ("nz", "access_response", f"2027-01-15{AT}{NZ}", None, "2027-02-15", "last day of the summer period"),
    ("nz", "access_response", f"2027-01-18{AT}{NZ}", None, "2027-02-16", "Wellington Anniversary counts"),
    ("nz", "access_response", f"2027-03-15{AT}{NZ}", None, "2027-04-14", "Easter 2027"),
    ("nz", "access_response", f"2027-04-16{AT}{NZW}", None, "2027-05-17", "Anzac Day Sun, Monday off"),
    ("nz", "access_response", f"2027-06-07{AT}{NZW}", None, "2027-07-06", "received on King's Birthday; Matariki"),
    ("nz", "access_response", f"2027-10-15{AT}{NZ}", None, "2027-11-15", "Labour Day 25 Oct"),
    ("nz", "access_response", f"2027-11-29{AT}{NZ}", None, "2028-01-17", "across the summer period"),
    ("nz", "access_response", f"2026-02-06{AT}{NZ}", None, "2026-03-06", "received on Waitangi Day"),
    ("nz", "access_response", f"2026-02-05{AT}{NZ}", None, "2026-03-06", "Waitangi Day next day"),
    ("nz", "access_response", f"2026-01-06{AT}{NZ}", None, "2026-02-13", "summer; Auckland Anniversary counts"),
    ("nz", "access_response", f"2026-01-15{AT}{NZ}", None, "2026-02-13", "last summer day"),
    ("nz", "access_response", f"2026-01-16{AT}{NZ}", None, "2026-02-16", "first working day; not counted"),
    ("nz", "correction_response", f"2026-04-15{AT}{NZW}", None, "2026-05-14", "s 44 for IPP 7"),
    ("nz", "correction_response", f"2027-03-15{AT}{NZ}", None, "2027-04-14", "s 44 for IPP 7"),
    ("nz", "correction_response", f"2026-10-05{AT}{NZ}", None, "2026-11-03", "s 44 for IPP 7"),
    ("nz", "extension", f"2026-03-20{AT}{NZ}", None, "2026-04-21", "notice within the first 20 days"),
    ("nz", "extension", f"2027-03-15{AT}{NZ}", None, "2027-04-14", "notice within the first 20 days"),
    # ---- NZ: 5 working days (UEMA unsubscribe; complaint policy) -------------------------------------
    ("nz", "unsubscribe", f"2026-03-02{AT}{NZ}", None, "2026-03-09", "plain week"),
    ("nz", "unsubscribe", f"2026-04-01{AT}{NZ}", None, "2026-04-10", "Easter"),
    ("nz", "unsubscribe", f"2026-12-22{AT}{NZ}", None, "2027-01-20", "summer period"),
    ("nz", "unsubscribe", f"2027-02-01{AT}{NZ}", None, "2027-02-09", "Waitangi Monday"),
    ("nz", "unsubscribe", f"2027-04-20{AT}{NZW}", None, "2027-04-28", "Anzac Monday"),
    ("nz", "unsubscribe", f"2027-06-03{AT}{NZW}", None, "2027-06-11", "King's Birthday"),
    ("nz", "unsubscribe", f"2027-06-21{AT}{NZW}", None, "2027-06-29", "Matariki"),
    ("nz", "unsubscribe", f"2027-03-24{AT}{NZ}", None, "2027-04-02", "Easter 2027"),
    ("nz", "complaint_acknowledgement", f"2026-07-03{AT}{NZW}", None, "2026-07-13", "Matariki"),
    ("nz", "complaint_acknowledgement", f"2026-10-22{AT}{NZ}", None, "2026-10-30", "Labour Day"),
    ("nz", "complaint_acknowledgement", f"2026-05-29{AT}{NZW}", None, "2026-06-08", "King's Birthday"),
    ("nz", "complaint_acknowledgement", f"2026-04-01{AT}{NZ}", None, "2026-04-10", "Easter"),
    # ---- AU: 30-day benchmark, calendar days, no roll (APP 12.4, 13.5) -------------------------------
    ("au", "access_response", f"2026-03-02{AT}{AE}", "NSW", "2026-04-01", "30 days"),
    ("au", "access_response", f"2026-01-31{AT}{AE}", "NSW", "2026-03-02", "across February"),
    ("au", "access_response", f"2028-01-31{AT}{AE}", "NSW", "2028-03-01", "leap February"),
    ("au", "access_response", f"2026-12-02{AT}{AE}", "NSW", "2027-01-01", "benchmark: no holiday roll"),
    ("au", "access_response", f"2026-03-06{AT}{AE}", "NSW", "2026-04-05", "benchmark: Easter Sunday stands"),
    ("au", "access_response", "2026-03-01T14:30:00+00:00", "NSW", "2026-04-01", "01:30 on 2 Mar in Sydney"),
    ("au", "access_response", "2026-03-01T14:30:00+00:00", "WA", "2026-03-31", "22:30 on 1 Mar in Perth"),
    ("au", "access_response", f"2026-02-14{AT}{AE}", "VIC", "2026-03-16", "30 days"),
    ("au", "access_response", f"2026-12-31{AT}{AE}", "NSW", "2027-01-30", "across the new year"),
    ("au", "access_response", f"2027-02-01{AT}{AE}", None, "2027-03-03", "no state: Sydney"),
    ("au", "correction_response", f"2026-03-02{AT}{AE}", "NSW", "2026-04-01", "APP 13.5"),
    ("au", "correction_response", f"2026-01-31{AT}{AE}", "QLD", "2026-03-02", "APP 13.5"),
    # ---- AU: NDB assessment, 30 days then Acts Interpretation Act s 36(2) roll, state holidays ------
    ("au", "breach_assessment", f"2026-03-06{AT}{AE}", "NSW", "2026-04-07", "Easter Sunday, Easter Monday"),
    ("au", "breach_assessment", f"2026-11-25{AT}{AE}", "NSW", "2026-12-29", "Christmas, Boxing Day Monday"),
    ("au", "breach_assessment", f"2026-12-27{AT}{AE}", "NSW", "2027-01-27", "Australia Day"),
    ("au", "breach_assessment", f"2026-10-04{AT}{AE}", "VIC", "2026-11-04", "Melbourne Cup"),
    ("au", "breach_assessment", f"2026-10-04{AT}{AE}", "NSW", "2026-11-03", "Cup Day works in Sydney"),
    ("au", "breach_assessment", f"2026-02-07{AT}{AE}", "VIC", "2026-03-10", "VIC Labour Day"),
    ("au", "breach_assessment", f"2026-02-07{AT}{AE}", "NSW", "2026-03-09", "no holiday in NSW"),
    ("au", "breach_assessment", f"2026-04-04{AT}{AS}", "QLD", "2026-05-05", "QLD Labour Day"),
    ("au", "breach_assessment", f"2026-04-04{AT}{AS}", "NSW", "2026-05-04", "no holiday in NSW"),
    ("au", "breach_assessment", "2026-01-31T10:00:00+08:00", "WA", "2026-03-03", "WA Labour Day"),
    ("au", "breach_assessment", f"2026-01-31{AT}{AE}", "NSW", "2026-03-02", "no holiday in NSW"),
    ("au", "breach_assessment", "2026-02-07T10:00:00+10:30", "SA", "2026-03-10", "Adelaide Cup"),
    ("au", "breach_assessment", f"2026-09-05{AT}{AS}", "NSW", "2026-10-06", "NSW Labour Day"),
    ("au", "breach_assessment", f"2026-09-05{AT}{AS}", "QLD", "2026-10-06", "QLD King's Birthday"),
    ("au", "breach_assessment", f"2026-09-05{AT}{AS}", "VIC", "2026-10-05", "no holiday in VIC"),
    ("au", "breach_assessment", f"2026-05-09{AT}{AS}", "NSW", "2026-06-09", "King's Birthday"),
    ("au", "breach_assessment", "2026-05-09T10:00:00+08:00", "WA", "2026-06-08", "WA's is in September"),
    ("au", "breach_assessment", "2026-05-02T10:00:00+08:00", "WA", "2026-06-02", "WA Day"),
    ("au", "breach_assessment", f"2026-03-06{AT}{AE}", None, "2026-04-07", "national: Easter Monday"),
    ("au", "breach_assessment", f"2026-05-09{AT}{AS}", None, "2026-06-08", "national: no King's Birthday"),
    ("au", "breach_assessment", f"2026-06-30{AT}{AS}", "NSW", "2026-07-30", "plain"),
    # ---- AU: 5 working days (Spam Act unsubscribe; complaint policy) ---------------------------------
    ("au", "unsubscribe", f"2026-03-02{AT}{AE}", "NSW", "2026-03-09", "plain week"),
    ("au", "unsubscribe", f"2026-04-01{AT}{AE}", "NSW", "2026-04-10", "Easter"),
    ("au", "unsubscribe", f"2026-12-23{AT}{AE}", "NSW", "2027-01-04", "Christmas, Boxing Day Monday, New Year"),
    ("au", "unsubscribe", f"2026-10-30{AT}{AE}", "VIC", "2026-11-09", "Melbourne Cup"),
    ("au", "unsubscribe", f"2026-10-30{AT}{AE}", "NSW", "2026-11-06", "no Cup in NSW"),
    ("au", "unsubscribe", f"2026-05-01{AT}{AS}", "QLD", "2026-05-11", "QLD Labour Day"),
    ("au", "unsubscribe", f"2026-05-01{AT}{AS}", "NSW", "2026-05-08", "plain week in NSW"),
    ("au", "unsubscribe", "2026-05-29T10:00:00+08:00", "WA", "2026-06-08", "WA Day"),
    ("au", "unsubscribe", f"2026-05-29{AT}{AS}", "NSW", "2026-06-05", "plain week in NSW"),
    ("au", "unsubscribe", f"2026-06-05{AT}{AS}", "NSW", "2026-06-15", "King's Birthday"),
    ("au", "complaint_acknowledgement", f"2026-04-01{AT}{AE}", "NSW", "2026-04-10", "Easter"),
    ("au", "complaint_acknowledgement", f"2026-12-23{AT}{AE}", "NSW", "2027-01-04", "Christmas"),
    # ---- No fixed time: the answer is "none", with the rule that says so ------------------------------
    ("au", "erasure_response", f"2026-03-02{AT}{AE}", "NSW", None, "APP 11.2"),
    ("au", "objection_response", f"2026-03-02{AT}{AE}", "NSW", None, "APP 7"),
    ("au", "portability_response", f"2026-03-02{AT}{AE}", "NSW", None, "Privacy Act 1988"),
    ("au", "breach_notify_regulator", f"2026-03-02{AT}{AE}", "NSW", None, "s 26WK"),
    ("au", "extension", f"2026-03-02{AT}{AE}", "NSW", None, "APP 12.4"),
    ("nz", "erasure_response", f"2026-03-02{AT}{NZ}", None, None, "IPP 7"),
    ("nz", "objection_response", f"2026-03-02{AT}{NZ}", None, None, "Privacy Act 2020"),
    ("nz", "portability_response", f"2026-03-02{AT}{NZ}", None, None, "Privacy Act 2020"),
    ("nz", "breach_assessment", f"2026-03-02{AT}{NZ}", None, None, "s 114"),
    ("nz", "breach_notify_regulator", f"2026-03-02{AT}{NZ}", None, None, "s 114(1)"),
    ("eu", "breach_assessment", f"2026-03-02{AT}{CE}", "DE", None, "Art 33"),
    ("eu", "unsubscribe", f"2026-03-02{AT}{CE}", "DE", None, "Art 21"),
]


def test_at_least_150_worked_cases() -> None:
    assert len(CASES) >= 150
    assert {c[0] for c in CASES} == {"au", "nz", "eu"}


@pytest.mark.parametrize(
    ("jurisdiction", "duty", "start", "subdivision", "expected", "why"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{c[2][:10]}-{c[3] or 'any'}" for c in CASES],
)
def test_deadline(
    jurisdiction: str, duty: str, start: str, subdivision: str | None, expected: str | None, why: str
) -> None:
    result = deadline(jurisdiction, duty, datetime.fromisoformat(start), subdivision)
    assert result.citation and result.explanation and result.rule.startswith(jurisdiction)
    if expected is None:
        assert result.due is None, why
        assert why in result.citation or why in result.explanation, "the answer cites the rule that says so"
    elif "T" in expected:
        assert result.due == datetime.fromisoformat(expected), why
        assert result.due is not None and result.due.isoformat() == expected, "shown in the jurisdiction's zone"
    else:
        assert result.due is not None
        assert result.due.date() == date.fromisoformat(expected), why
        assert (result.due.hour, result.due.minute) == (23, 59), "due at the end of the day"
        assert result.due.tzinfo is not None and result.due.tzinfo.key == result.zone  # type: ignore[attr-defined]


def test_au_access_is_flagged_as_a_benchmark() -> None:
    result = deadline("au", "access_response", datetime.fromisoformat("2026-03-02T10:00:00+11:00"), "NSW")
    assert result.benchmark is True
    assert "benchmark" in result.explanation and "not a statutory limit" in result.explanation
    assert deadline("nz", "access_response", datetime.fromisoformat("2026-03-02T10:00:00+13:00")).benchmark is False


def test_explanation_says_how_it_was_counted() -> None:
    result = deadline("eu", "access_response", datetime.fromisoformat("2026-01-31T10:00:00+00:00"), "IE")
    assert "Saturday 28 February 2026, not a working day" in result.explanation
    assert "Monday 2 March 2026" in result.explanation


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("xx", "access_response", "2026-03-02T10:00:00+11:00", None),
            "unknown jurisdiction 'xx'; accepted: au, nz, eu",
        ),
        (("au", "dsar", "2026-03-02T10:00:00+11:00", None), "unknown duty 'dsar'; accepted: access_response,"),
        (
            ("au", "access_response", "2026-03-02T10:00:00+11:00", "XYZ"),
            "accepted: ACT, NSW, NT, QLD, SA, TAS, VIC, WA",
        ),
        (
            ("eu", "access_response", "2026-03-02T10:00:00+01:00", "UK"),
            "unknown EU member state 'UK' for eu; accepted: AT,",
        ),
        (("nz", "access_response", "2026-03-02T10:00:00+13:00", "AKL"), "New Zealand's working days are national"),
        (("au", "access_response", "2026-03-02T10:00:00", None), "has no time zone; give its UTC offset"),
        (("au", "breach_assessment", "2018-02-21T10:00:00+11:00", None), "rules start 2018-02-22"),
        (("nz", "access_response", "2020-11-30T10:00:00+13:00", None), "rules start 2020-12-01"),
        (("eu", "access_response", "2018-05-24T10:00:00+02:00", None), "rules start 2018-05-25"),
    ],
)
def test_bad_input_lists_what_is_accepted(args: tuple[str, str, str, str | None], message: str) -> None:
    jurisdiction, duty, start, subdivision = args
    with pytest.raises(LawError) as caught:
        deadline(jurisdiction, duty, datetime.fromisoformat(start), subdivision)
    assert message in str(caught.value)


def test_rules_answer_as_the_law_stood() -> None:
    """The NDB assessment clock exists from 22 February 2018, not before."""
    assert deadline("au", "breach_assessment", datetime.fromisoformat("2018-02-22T10:00:00+11:00")).due is not None
