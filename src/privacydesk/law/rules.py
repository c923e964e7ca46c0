"""The clock rules, as data: one row per (jurisdiction, duty), each with its citation and the dates
it is in force, so a deadline is computed as the law stood on the day the clock started.

Periods:
  calendar_days  N days after the day of the event (the event's day is not counted); ``roll``
                 moves a last day that is not a working day to the next working day
  working_days   the N-th working day after the day of the event
  months         Regulation 1182/71 months: same date N months on (month-end rule), then ``roll``
  hours          exactly N hours after the moment of the event (no roll: Reg 1182/71 Art 3(4)
                 applies only to periods "expressed otherwise than in hours")
  none           the law sets no fixed time ("as soon as practicable", or no such duty)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

PeriodKind = Literal["calendar_days", "working_days", "months", "hours", "none"]

APP_START = date(2014, 3, 12)  # Privacy Amendment (Enhancing Privacy Protection) Act 2012: APPs commence
NDB_START = date(2018, 2, 22)  # Privacy Amendment (Notifiable Data Breaches) Act 2017
NZ_2020_START = date(2020, 12, 1)  # Privacy Act 2020 (NZ) s 2
GDPR_START = date(2018, 5, 25)  # GDPR Art 99(2)
SPAM_START = date(2004, 4, 10)  # Spam Act 2003, operative provisions
UEMA_START = date(2007, 9, 5)  # Unsolicited Electronic Messages Act 2007 (NZ)
IPP_3A_START = date(2026, 5, 1)  # Privacy Amendment Act 2025 (NZ): IPP 3A applies to information collected from then

AU_BENCHMARK = "a reasonable period; 30 calendar days is the OAIC's benchmark for organisations, not a statutory limit"
EU_MONTH = "GDPR Art 12(3); one month counted under Regulation (EEC, Euratom) No 1182/71 Art 3"


@dataclass(frozen=True)
class Rule:
    id: str
    jurisdiction: str
    duty: str
    kind: PeriodKind
    amount: int
    citation: str
    explanation: str
    in_force_from: date
    in_force_to: date | None = None
    roll: bool = False  # a last day that is not a working day moves to the next working day
    benchmark: bool = False  # a target the regulator expects, not a limit the Act sets
    verified: bool = True  # False: confirmed only from secondary sources (LAW.md "(check)")

    def in_force(self, day: date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)


def _none(jurisdiction: str, duty: str, citation: str, explanation: str, start: date) -> Rule:
    return Rule(f"{jurisdiction}.{duty}", jurisdiction, duty, "none", 0, citation, explanation, start)


RULES: tuple[Rule, ...] = (
    # --- Australia: Privacy Act 1988 (Cth), APPs, Part IIIC; Spam Act 2003 -----------------------
    Rule(
        "au.access_response",
        "au",
        "access_response",
        "calendar_days",
        30,
        "Privacy Act 1988 (Cth) Sch 1, APP 12.4(a)(ii)",
        f"Respond within {AU_BENCHMARK}.",
        APP_START,
        benchmark=True,
    ),
    Rule(
        "au.correction_response",
        "au",
        "correction_response",
        "calendar_days",
        30,
        "Privacy Act 1988 (Cth) Sch 1, APP 13.5(a)(ii)",
        f"Respond within {AU_BENCHMARK}.",
        APP_START,
        benchmark=True,
    ),
    _none(
        "au",
        "erasure_response",
        "Privacy Act 1988 (Cth) Sch 1, APP 11.2 and APP 13",
        "Australian law gives no general right to erasure: handle it as a correction request (APP 13) "
        "or destroy or de-identify what is no longer needed (APP 11.2).",
        APP_START,
    ),
    _none(
        "au",
        "objection_response",
        "Privacy Act 1988 (Cth) Sch 1, APP 7.6 and 7.7",
        "No general right to object; a request to stop direct marketing must be given effect within a "
        "reasonable period (APP 7.7) - use the unsubscribe duty for electronic messages.",
        APP_START,
    ),
    _none(
        "au",
        "portability_response",
        "Privacy Act 1988 (Cth)",
        "The Privacy Act gives no right to data portability (the Consumer Data Right is a separate "
        "scheme for designated sectors).",
        APP_START,
    ),
    Rule(
        "au.breach_assessment",
        "au",
        "breach_assessment",
        "calendar_days",
        30,
        "Privacy Act 1988 (Cth) s 26WH(2)(b); Acts Interpretation Act 1901 (Cth) s 36",
        "Take all reasonable steps to finish assessing a suspected eligible data breach within 30 days "
        "after becoming aware of it.",
        NDB_START,
        roll=True,
    ),
    _none(
        "au",
        "breach_notify_regulator",
        "Privacy Act 1988 (Cth) s 26WK(2)",
        "Give the Commissioner a statement as soon as practicable after becoming aware of reasonable grounds "
        "to believe there has been an eligible data breach: no fixed number of days.",
        NDB_START,
    ),
    Rule(
        "au.unsubscribe",
        "au",
        "unsubscribe",
        "working_days",
        5,
        "Spam Act 2003 (Cth) Sch 2 cl 6",
        "An unsubscribe request withdraws consent within 5 working days after it is sent.",
        SPAM_START,
        verified=False,
    ),
    _none(
        "au",
        "extension",
        "Privacy Act 1988 (Cth) Sch 1, APP 12.4 and APP 13.5",
        "The APPs set a reasonable period, not a fixed one, so there is no formal extension: record why "
        "a longer period is reasonable and tell the individual.",
        APP_START,
    ),
    # --- New Zealand: Privacy Act 2020; Unsolicited Electronic Messages Act 2007 --------------------
    Rule(
        "nz.access_response",
        "nz",
        "access_response",
        "working_days",
        20,
        "Privacy Act 2020 (NZ) s 44(1)",
        "Decide and notify as soon as reasonably practicable and no later than 20 working days after the "
        "day the request is received.",
        NZ_2020_START,
    ),
    Rule(
        "nz.correction_response",
        "nz",
        "correction_response",
        "working_days",
        20,
        "Privacy Act 2020 (NZ) s 44(1) (IPP 7 requests)",
        "Decide and notify no later than 20 working days after the day the request is received.",
        NZ_2020_START,
    ),
    _none(
        "nz",
        "erasure_response",
        "Privacy Act 2020 (NZ) s 22, IPP 7 and IPP 9",
        "New Zealand law gives no right to erasure: handle it as a correction request (IPP 7) and keep "
        "nothing longer than needed (IPP 9).",
        NZ_2020_START,
    ),
    _none(
        "nz",
        "objection_response",
        "Privacy Act 2020 (NZ) s 22",
        "The Privacy Act 2020 gives no general right to object; stop unwanted electronic marketing "
        "under the UEMA (the unsubscribe duty).",
        NZ_2020_START,
    ),
    _none(
        "nz",
        "portability_response",
        "Privacy Act 2020 (NZ)",
        "The Privacy Act 2020 gives no right to data portability.",
        NZ_2020_START,
    ),
    _none(
        "nz",
        "breach_assessment",
        "Privacy Act 2020 (NZ) s 114",
        "No fixed assessment period: assess promptly so that notice can be given as soon as practicable.",
        NZ_2020_START,
    ),
    _none(
        "nz",
        "breach_notify_regulator",
        "Privacy Act 2020 (NZ) s 114(1)",
        "Notify the Privacy Commissioner as soon as practicable after becoming aware of a notifiable "
        "privacy breach (the Commissioner's guidance expects about 72 hours; that is guidance, not law).",
        NZ_2020_START,
    ),
    Rule(
        "nz.unsubscribe",
        "nz",
        "unsubscribe",
        "working_days",
        5,
        "Unsolicited Electronic Messages Act 2007 (NZ) s 11",
        "Consent is withdrawn 5 working days after the unsubscribe request.",
        UEMA_START,
        verified=False,
    ),
    Rule(
        "nz.extension",
        "nz",
        "extension",
        "working_days",
        20,
        "Privacy Act 2020 (NZ) s 48",
        "The extension must be notified within the original 20 working days, stating its period, the "
        "reasons, and the right to complain to the Commissioner; the Act fixes no length, only a "
        "reasonable one.",
        NZ_2020_START,
    ),
    # --- European Union: GDPR ---------------------------------------------------------------------
    Rule(
        "eu.access_response",
        "eu",
        "access_response",
        "months",
        1,
        f"GDPR Art 15 and {EU_MONTH}",
        "Respond without undue delay and at the latest within one month of receipt.",
        GDPR_START,
        roll=True,
    ),
    Rule(
        "eu.correction_response",
        "eu",
        "correction_response",
        "months",
        1,
        f"GDPR Art 16 and {EU_MONTH}",
        "Respond without undue delay and at the latest within one month of receipt.",
        GDPR_START,
        roll=True,
    ),
    Rule(
        "eu.erasure_response",
        "eu",
        "erasure_response",
        "months",
        1,
        f"GDPR Art 17 and {EU_MONTH}",
        "Respond without undue delay and at the latest within one month of receipt.",
        GDPR_START,
        roll=True,
    ),
    Rule(
        "eu.objection_response",
        "eu",
        "objection_response",
        "months",
        1,
        f"GDPR Art 21 and {EU_MONTH}",
        "Respond without undue delay and at the latest within one month of receipt.",
        GDPR_START,
        roll=True,
    ),
    Rule(
        "eu.portability_response",
        "eu",
        "portability_response",
        "months",
        1,
        f"GDPR Art 20 and {EU_MONTH}",
        "Respond without undue delay and at the latest within one month of receipt.",
        GDPR_START,
        roll=True,
    ),
    _none(
        "eu",
        "breach_assessment",
        "GDPR Art 33(1)",
        "No separate assessment period: the 72 hours to notify run from becoming aware.",
        GDPR_START,
    ),
    Rule(
        "eu.breach_notify_regulator",
        "eu",
        "breach_notify_regulator",
        "hours",
        72,
        "GDPR Art 33(1); Regulation 1182/71 Art 3(1)",
        "Notify the supervisory authority without undue delay and, where feasible, within 72 hours of "
        "becoming aware; a later notification must give reasons for the delay.",
        GDPR_START,
    ),
    _none(
        "eu",
        "unsubscribe",
        "GDPR Art 21(2)-(3)",
        "An objection to direct marketing must be honoured: processing for that purpose stops, with no "
        "fixed period (national ePrivacy law may add one).",
        GDPR_START,
    ),
    Rule(
        "eu.extension",
        "eu",
        "extension",
        "months",
        3,
        f"GDPR Art 12(3) second sentence; {EU_MONTH}",
        "Extended by two further months where necessary for complexity or number; tell the person within "
        "the first month, with the reasons.",
        GDPR_START,
        roll=True,
    ),
    # --- Notice of collection from someone other than the individual ------------------------------
    _none(
        "au",
        "indirect_collection_notice",
        "Privacy Act 1988 (Cth) Sch 1, APP 5.1",
        "Notify the APP 5.2 matters at or before collection or, if that is not practicable, as soon as "
        "practicable after; the Act sets no fixed number of days.",
        APP_START,
    ),
    _none(
        "nz",
        "indirect_collection_notice",
        "Privacy Act 2020 (NZ) s 22, IPP 3A (inserted by the Privacy Amendment Act 2025)",
        "Take reasonable steps to make the individual aware of the IPP 3A matters as soon as reasonably "
        "practicable after collecting their information from someone else; applies to information collected "
        "on or after 1 May 2026; the Act sets no fixed number of days.",
        IPP_3A_START,
    ),
    Rule(
        "eu.indirect_collection_notice",
        "eu",
        "indirect_collection_notice",
        "months",
        1,
        f"GDPR Art 14(3)(a); {EU_MONTH}",
        "Give the Art 14 information within a reasonable period after obtaining the data, at the latest within "
        "one month (or at the first communication with the person, or before a disclosure, if earlier: "
        "Art 14(3)(b)-(c)).",
        GDPR_START,
        roll=True,
    ),
    # --- Restriction of processing (GDPR Art 18; no such right in AU or NZ law) ---------------------
    _none(
        "au",
        "restriction_response",
        "Privacy Act 1988 (Cth)",
        "The Privacy Act gives no right to restrict processing; consider it as a correction request (APP 13) "
        "or a request to stop direct marketing (APP 7.6).",
        APP_START,
    ),
    _none(
        "nz",
        "restriction_response",
        "Privacy Act 2020 (NZ)",
        "The Privacy Act 2020 gives no right to restrict processing; consider it as a correction request (IPP 7).",
        NZ_2020_START,
    ),
    Rule(
        "eu.restriction_response",
        "eu",
        "restriction_response",
        "months",
        1,
        f"GDPR Art 18 and {EU_MONTH}",
        "Respond without undue delay and at the latest within one month of receipt.",
        GDPR_START,
        roll=True,
    ),
    # --- Responding to a privacy complaint ----------------------------------------------------------
    Rule(
        "au.complaint_response",
        "au",
        "complaint_response",
        "calendar_days",
        30,
        "Privacy Act 1988 (Cth) s 40(1A); OAIC, Lodge a privacy complaint with us",
        "The Act sets no period, but the Commissioner does not investigate until the person has complained to "
        "the organisation first (s 40(1A)); the OAIC tells them that if the organisation does not respond "
        "within 30 days they can lodge a complaint with it, so 30 days is the benchmark.",
        APP_START,
        benchmark=True,
    ),
    _none(
        "nz",
        "complaint_response",
        "Privacy Act 2020 (NZ) s 201 (privacy officer)",
        "The Act sets no period to respond to a complaint made to the agency; respond promptly, and the person "
        "may complain to the Privacy Commissioner at any time.",
        NZ_2020_START,
    ),
    _none(
        "eu",
        "complaint_response",
        "GDPR Art 77",
        "The GDPR sets no period to answer a complaint made to the controller; the person may complain to a "
        "supervisory authority at any time.",
        GDPR_START,
    ),
)
