# ruff: noqa: E501  (templates read best one ticket to a line)
"""A labelled corpus for the PII scanner: synthetic support tickets, emails, call notes and prose from
Australian and New Zealand IT providers, with every planted identifier's span recorded.

Identifiers are generated valid from their checksums, in the formats people write them (spaces, dashes,
none; Mastercard 2-series; Amex 4-6-5; old and new NHI). Hard negatives sit beside them unlabelled:
order, ticket and invoice numbers of the same lengths (some pass a checksum by chance), card-length
numbers failing Luhn, build numbers shaped like IP addresses, dates that are not birth dates, product
codes shaped like NHIs, "password reset" sentences with no password.

Three disjoint template sets: ``TUNE`` (what the detectors were tuned against), ``EVAL`` (written
separately and scored; a few detector fixes followed its first run, so it is no longer fully held out)
``HOLDOUT`` (written after tuning ended; its first run led to changes, so it is no longer held out
either), ``HOLDOUT2`` (written after those changes; its run led to more) and ``HOLDOUT3`` (written
after those, scored as written). Everything is seeded: the same seed gives the same corpus.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers
from faker import Faker
from stdnum import iban as stdnum_iban
from stdnum import luhn
from stdnum.au import abn, acn
from stdnum.nz import bankaccount, ird

NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass
class Span:
    entity: str
    start: int
    end: int


@dataclass
class Doc:
    text: str
    spans: list[Span]
    kind: str  # "dense" (tickets, call notes) or "sparse" (prose)


class Values:
    """Valid identifiers and hard negatives, drawn from one seeded random source."""

    def __init__(self, rng: random.Random, fakers: list[Faker]) -> None:
        self.rng = rng
        self.fakers = fakers

    @property
    def fake(self) -> Faker:
        return self.rng.choice(self.fakers)

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def group(self, number: str, sizes: tuple[int, ...], seps: str = " -") -> str:
        sep = self.rng.choice([*seps, ""])
        out, i = [], 0
        for size in sizes:
            out.append(number[i : i + size])
            i += size
        return sep.join(p for p in out if p)

    # -- identifiers -------------------------------------------------------------------------
    def tfn(self) -> str:
        while True:
            head = self.digits(8)
            last = sum(w * int(d) for w, d in zip((1, 4, 3, 7, 5, 8, 6, 9), head, strict=True)) % 11
            if last < 10:
                return self.group(head + str(last), (3, 3, 3))

    def abn(self) -> str:
        while True:
            number = str(self.rng.randint(1, 9)) + self.digits(10)
            if abn.is_valid(number):
                return self.group(number, (2, 3, 3, 3), " ")

    def acn(self) -> str:
        while True:
            number = self.digits(9)
            if acn.is_valid(number):
                return self.group(number, (3, 3, 3), " ")

    def medicare(self) -> str:
        head = str(self.rng.randint(2, 6)) + self.digits(7)
        check = sum(w * int(d) for w, d in zip((1, 3, 7, 9, 1, 3, 7, 9), head, strict=True)) % 10
        number = head + str(check) + str(self.rng.randint(1, 9))
        return self.group(number, (4, 5, 1), " ")

    def card(self) -> str:
        kind = self.rng.choice(["visa", "mc", "mc2", "amex"])
        if kind == "amex":
            body = self.rng.choice(["34", "37"]) + self.digits(12)
            sizes: tuple[int, ...] = (4, 6, 5)
        else:
            prefix = {"visa": "4", "mc": str(self.rng.randint(51, 55)), "mc2": str(self.rng.randint(2221, 2720))}[kind]
            body = prefix + self.digits(15 - len(prefix))
            sizes = (4, 4, 4, 4)
        number = body + luhn.calc_check_digit(body)
        return self.group(number, sizes)

    def ird(self) -> str:
        while True:
            number = self.digits(self.rng.choice([8, 9]))
            if int(number) > 10_000_000 and ird.is_valid(number):
                return (
                    self.group(number.zfill(9), (3, 3, 3), "-")
                    if len(number) == 9
                    else self.group(number, (2, 3, 3), "-")
                )

    def nhi(self) -> str:
        values = {ch: i + 1 for i, ch in enumerate(NHI_LETTERS)}
        while True:
            first = "".join(self.rng.choice(NHI_LETTERS[:-1]) for _ in range(3))  # not the Z test range
            if self.rng.random() < 0.5:
                six = first + self.digits(3)
                weighted = sum(
                    (values[c] if c.isalpha() else int(c)) * w for c, w in zip(six, (7, 6, 5, 4, 3, 2), strict=True)
                )
                if weighted % 11:
                    return six + str((11 - weighted % 11) % 10)
            else:
                six = first + self.digits(2) + self.rng.choice(NHI_LETTERS)
                weighted = sum(
                    (values[c] if c.isalpha() else int(c)) * w for c, w in zip(six, (7, 6, 5, 4, 3, 2), strict=True)
                )
                return six + NHI_LETTERS[23 - weighted % 23 - 1]

    def nz_bank(self) -> str:
        while True:
            bank, branch = self.rng.choice(
                [("01", (1, 999)), ("02", (1, 1299)), ("06", (1, 999)), ("12", (3000, 3299))]
            )
            number = bank + f"{self.rng.randint(*branch):04d}" + self.digits(7) + "0" + self.digits(2)
            if bankaccount.is_valid(number):
                return "-".join(
                    (number[:2], number[2:6], number[6:13], number[14:] if self.rng.random() < 0.5 else number[13:])
                )

    def iban(self) -> str:
        country, body = self.rng.choice(
            [("GB", "WEST" + self.digits(14)), ("DE", self.digits(18)), ("FR", self.digits(23))]
        )
        check = stdnum_iban.calc_check_digits(country + "00" + body)
        compact = country + check + body
        if self.rng.random() < 0.6:
            return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
        return compact

    def bsb_account(self) -> str:
        bsb = f"{self.rng.choice('0134678')}{self.rng.randint(0, 7)}{self.digits(1)}{self.rng.choice(['-', ' ', ''])}{self.digits(3)}"
        account = self.digits(self.rng.choice([6, 8, 9]))
        return bsb + self.rng.choice([" ", ", ", " / "]) + self.group(account, (4, 5), " ")

    def passport(self) -> str:
        return self.rng.choice(["N", "P", "PA", "PB", "E", "M"]) + self.digits(7)

    def licence(self) -> str:
        return self.rng.choice([self.digits(8), self.digits(9), self.digits(10), self.digits(7)])

    def phone(self) -> str:
        while True:
            country = self.rng.choice(["AU", "AU", "NZ"])
            if country == "AU":
                national = self.rng.choice(["04", "02", "03", "07", "08"]) + self.digits(8)
            else:
                national = (
                    self.rng.choice(["021", "022", "027"]) + self.digits(self.rng.choice([6, 7]))
                    if self.rng.random() < 0.5
                    else self.rng.choice(["03", "04", "06", "07", "09"]) + str(self.rng.randint(2, 9)) + self.digits(6)
                )
            parsed = phonenumbers.parse(national, country)
            if not phonenumbers.is_valid_number(parsed):
                continue
            style = self.rng.choice(
                [phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.INTERNATIONAL, None, "dash"]
            )
            if style is None:
                return national
            if style == "dash":
                return (
                    phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
                    .replace(" ", "-")
                    .replace("(", "")
                    .replace(")", "")
                )
            return phonenumbers.format_number(parsed, style)

    def email(self) -> str:
        fake = self.fake
        return self.rng.choice([fake.email(), f"{fake.first_name()}.{fake.last_name()}@{fake.domain_name()}".lower()])

    def ip(self) -> str:
        return self.fake.ipv4_public() if self.rng.random() < 0.85 else self.fake.ipv6()

    def dob(self) -> str:
        date = self.fake.date_of_birth(minimum_age=18, maximum_age=85)
        return self.rng.choice(
            [date.strftime("%d/%m/%Y"), f"{date.day} {date:%B %Y}", date.isoformat(), date.strftime("%d-%m-%Y")]
        )

    def secret(self) -> str:
        return self.rng.choice(
            [
                self.fake.password(length=self.rng.randint(8, 14)),
                self.rng.choice(["Summer", "Winter", "Spring", "Autumn", "Welcome", "Password", "Kiwi", "Footy"])
                + str(self.rng.randint(2019, 2026))
                + self.rng.choice(["!", "#", "", "$"]),
                "sk_live_" + "".join(self.rng.choice(string.ascii_letters + string.digits) for _ in range(24)),
            ]
        )

    def pin(self) -> str:
        return self.digits(self.rng.choice([4, 4, 6]))

    def address(self) -> str:
        fake = self.fake
        joiner = self.rng.choice([", ", "\n"])
        return (
            fake.street_address().replace("\n", joiner)
            + joiner
            + (
                f"{fake.city()}, {fake.state_abbr()}, {fake.postcode()}"
                if fake.locales[0] == "en_AU" and hasattr(fake, "state_abbr")
                else f"{fake.city()} {fake.postcode()}"
            )
        )

    def person(self) -> str:
        return self.fake.name()

    def first_name(self) -> str:
        return self.fake.first_name()

    def health(self) -> str:
        return self.rng.choice(HEALTH_TERMS)

    # -- hard negatives (never labelled) --------------------------------------------------------
    def order_number(self) -> str:
        return self.rng.choice([self.digits(9), self.group(self.digits(9), (3, 3, 3)), self.digits(8), self.digits(11)])

    def bad_card(self) -> str:
        body = "4" + self.digits(14)
        bad = str((int(luhn.calc_check_digit(body)) + self.rng.randint(1, 9)) % 10)
        return self.group(body + bad, (4, 4, 4, 4))

    def tracking(self) -> str:
        return self.digits(16)

    def build(self) -> str:
        return f"10.0.{self.rng.randint(17000, 26000)}.{self.rng.randint(100, 5000)}"

    def product_code(self) -> str:
        return "".join(self.rng.choice("ABCDEFGHJKLMNPRSTUVWXY") for _ in range(3)) + self.digits(4)

    def some_date(self) -> str:
        return self.fake.date_between("-2y", "today").strftime("%d/%m/%Y")

    def amount(self) -> str:
        return f"${self.rng.randint(10, 9999):,}.{self.rng.randint(0, 99):02d}"

    def ticket(self) -> str:
        return str(self.rng.randint(10000, 999999))

    def company(self) -> str:
        return self.fake.company()


HEALTH_TERMS = [
    "diabetes", "asthma", "anxiety", "depression", "pregnant", "chemo", "surgery", "a broken wrist", "migraines",
    "physio", "a heart condition", "epilepsy", "cancer treatment", "her medication", "IVF", "a knee reconstruction",
    "stress leave", "ADHD", "a hospital stay", "PTSD",
]  # fmt: skip

# Placeholders: {ENTITY} plants a labelled value; {neg_*} plants an unlabelled hard negative.
LABELS = {
    "TFN": "AU_TFN", "ABN": "AU_ABN", "ACN": "AU_ACN", "MEDICARE": "AU_MEDICARE", "CARD": "CREDIT_CARD",
    "IRD": "NZ_IRD", "NHI": "NZ_NHI", "NZBANK": "NZ_BANK_ACCOUNT", "IBAN": "IBAN", "BSBACC": "AU_BSB_ACCOUNT",
    "PASSPORT": "AU_PASSPORT", "LICENCE": "AU_DRIVER_LICENCE", "PHONE": "PHONE", "EMAIL": "EMAIL",
    "IP": "IP_ADDRESS", "DOB": "DATE_OF_BIRTH", "SECRET": "SECRET", "PIN": "SECRET", "ADDRESS": "ADDRESS",
    "PERSON": "PERSON", "FIRST": "PERSON", "HEALTH": "HEALTH",
}  # fmt: skip
MAKERS: dict[str, Callable[[Values], str]] = {
    "TFN": Values.tfn, "ABN": Values.abn, "ACN": Values.acn, "MEDICARE": Values.medicare, "CARD": Values.card,
    "IRD": Values.ird, "NHI": Values.nhi, "NZBANK": Values.nz_bank, "IBAN": Values.iban, "BSBACC": Values.bsb_account,
    "PASSPORT": Values.passport, "LICENCE": Values.licence, "PHONE": Values.phone, "EMAIL": Values.email,
    "IP": Values.ip, "DOB": Values.dob, "SECRET": Values.secret, "PIN": Values.pin, "ADDRESS": Values.address,
    "PERSON": Values.person, "FIRST": Values.first_name, "HEALTH": Values.health,
    "neg_order": Values.order_number, "neg_card": Values.bad_card, "neg_tracking": Values.tracking,
    "neg_build": Values.build, "neg_code": Values.product_code, "neg_date": Values.some_date,
    "neg_amount": Values.amount, "neg_ticket": Values.ticket, "company": Values.company,
}  # fmt: skip

TUNE = [
    "Hi {FIRST},\nPayroll ticket {neg_ticket}: {PERSON} needs her TFN {TFN} updated in Xero. Invoice {neg_order} is unrelated. Call her on {PHONE}.",
    "Caller {PERSON} ({EMAIL}) read out card {CARD} for the renewal of order {neg_order}. Card removed from notes per policy.",
    "Medicare card {MEDICARE} for patient {PERSON}, DOB {DOB}. Practice server build {neg_build} patched.",
    "NZ client: {PERSON}, IRD number {IRD}, NHI {NHI}. Tracking {neg_tracking} for the replacement laptop.",
    "Please set up direct credit to account {NZBANK} for {PERSON}. Amount {neg_amount}.",
    "Supplier ABN {ABN}, ACN {ACN}. PO number {neg_order}. Contact {PERSON} on {PHONE}.",
    "User {PERSON} locked out. Temporary password: {SECRET} . Password reset policy reviewed on {neg_date}.",
    "VPN login from {IP} for {EMAIL} flagged at {neg_date}. Product code {neg_code} on the firewall.",
    "Refund to BSB/account {BSBACC} for {PERSON}, invoice {neg_order}. Card on file {neg_card} failed.",
    "New starter {PERSON}, passport {PASSPORT}, driver licence {LICENCE}, lives at {ADDRESS}.",
    "Pay the EU contractor {PERSON} by IBAN {IBAN}. Ticket {neg_ticket} closed.",
    "{PERSON} is off on leave for {HEALTH}; please forward her mail to {EMAIL}. The phone PIN is {PIN}.",
    "Stocktake: counted {neg_order} units in the Parramatta store; consignment {neg_tracking} still missing.",
]  # fmt: skip

EVAL = [
    "Ticket #{neg_ticket} — {company}\nRequester: {PERSON} <{EMAIL}>\nMobile: {PHONE}\nIssue: can't open payslip. Employee TFN {TFN}, reference {neg_order}.",
    "Call note {neg_date}: spoke with {PERSON}. She gave her Medicare number {MEDICARE} and date of birth {DOB} so we could book the clinic login. Mentioned {HEALTH}.",
    "From: {EMAIL}\nSubject: card payment\nHello, please charge {CARD} for invoice {neg_order} ({neg_amount}). Thanks, {FIRST}",
    "Kia ora {FIRST}, your NHI {NHI} was entered against the wrong record; corrected. IRD {IRD} on the payroll form checked. Courier tracking {neg_tracking}.",
    "Bank details for {PERSON}: NZ account {NZBANK}. Order {neg_order} shipped. Serial {neg_code}.",
    "Remote session to {IP} (build {neg_build}). Wi-Fi key for the guest network is {SECRET}; user {PERSON} asked us to rotate it.",
    "Direct debit form: BSB and account {BSBACC}. Account holder {PERSON}, postal address {ADDRESS}.",
    "Onboarding checklist for {PERSON}: passport no. {PASSPORT}; driver's licence {LICENCE}; date of birth {DOB}; home phone {PHONE}.",
    "Vendor {company} ABN {ABN} (ACN {ACN}) quote {neg_order} for {neg_amount}. Accounts contact {PERSON}.",
    "Transfer the deposit to IBAN {IBAN} ref {neg_ticket}. Alarm PIN: {PIN}. Card ending in {neg_card} declined.",
    "{PERSON} called from {PHONE} about the login; her password is {SECRET}. Reminded her about the policy.",
    "Leave request: {PERSON} will be away for {HEALTH} from {neg_date}; manager {PERSON} approved.",
    "Meter reading {neg_order} logged for the Hamilton site; the courier's consignment number is {neg_tracking}.",
]  # fmt: skip

# Written after the detectors' tuning had finished, in different shapes (quoted replies, key=value
# log lines, upper-case labels, identifiers at line ends and in brackets), and scored once as written:
# nothing was changed in the detectors because of what this split showed.
HOLDOUT = [
    "> On {neg_date}, {PERSON} <{EMAIL}> wrote:\n> my tax file no is {TFN} and my mobile is {PHONE}\n> cheers\nThanks, saved to payroll and removed from this thread.",
    "PAYROLL IMPORT ERROR row {neg_order}: employee={PERSON}; tfn={TFN}; bank={BSBACC}; status=rejected",
    "Phone message for {FIRST}: {PERSON} rang about the clinic's booking system. Patient's Medicare no. {MEDICARE}, born {DOB}. Call back on {PHONE} after 2pm.",
    "Card details taken over the phone (do not store): {CARD}, expiry {neg_date}. Processed and deleted. Receipt {neg_order}.",
    "NZ payroll: new employee {PERSON}, IRD no {IRD}, pay into {NZBANK}. Start date {neg_date}.",
    "Hospital IT: NHI {NHI} shows two records for {PERSON}; merged after checking with the ward clerk. Job {neg_ticket}.",
    "Company search: {company}. ABN {ABN}; Australian Company Number {ACN}; registered office {ADDRESS}.",
    "Firewall alert: repeated failed logins from {IP} against {EMAIL} since {neg_date}. Rule {neg_code} added.",
    "Handover: the admin password for the NAS was changed to {SECRET} by {PERSON}. Firmware {neg_build} installed.",
    "International transfer for contractor {PERSON}: IBAN {IBAN}, amount {neg_amount}, our reference {neg_ticket}.",
    "Identity check for {PERSON}: Australian passport {PASSPORT}; licence no. {LICENCE}; current address {ADDRESS}.",
    "Voicemail from {PERSON} on {PHONE}: in hospital with {HEALTH}, will miss the training on {neg_date}.",
    "Inventory: {neg_order} toner cartridges, {neg_amount} spent; shipment {neg_tracking}; asset tag {neg_code}.",
    "Keypad PIN {PIN} set for the server room; {FIRST} has the spare key. Monitoring contract {neg_order}.",
]

# Written after the changes the first holdout's run led to (TFN and NHI need their word; "was changed
# to"; capitalised words after "Key:"), and scored once as written.
HOLDOUT2 = [
    'CSV export row: "{PERSON}","{EMAIL}","{PHONE}","TFN {TFN}","{neg_order}"',
    "Re: locked out\n\nHey team, {FIRST} here. My new mobile is {PHONE} and the old one can be removed. Ta.",
    "Practice manager {PERSON} asked us to load patient {PERSON}'s Medicare {MEDICARE} into the new PMS. Reference {neg_ticket}.",
    "Declined card {neg_card}; the customer then paid with {CARD} (Mastercard). Amount {neg_amount}.",
    "ATO letter for {company}: ABN {ABN}. Director {PERSON}'s TFN is {TFN}; ACN {ACN}.",
    "IRD: {IRD} | Bank: {NZBANK} | Name: {PERSON} | Ticket: {neg_ticket}",
    "Login audit: user {EMAIL} from {IP} at {neg_date}; MFA device {neg_code} re-enrolled.",
    "Patient transport booking: NHI number {NHI}, DOB {DOB}, pick-up from {ADDRESS}.",
    "Please update the payroll for {PERSON}, new bank details {BSBACC}. Effective {neg_date}.",
    "SMS from {PHONE}: this is {FIRST}, the reset didn't work, the new password I set is {SECRET}",
    "Euro supplier invoice paid to {IBAN}; remittance advice to {EMAIL}; our PO {neg_order}.",
    "Staff wellbeing note: {PERSON} disclosed {HEALTH}; EAP details sent. Follow-up {neg_date}.",
    "Passport {PASSPORT} and Victorian licence {LICENCE} sighted for {PERSON} on {neg_date}.",
    "Warehouse: pallet {neg_tracking}, bay {neg_order}, picker {neg_code}, build {neg_build}.",
]

# Written after the changes holdout2 led to (a context word names only the number right after it;
# "the password I set is X"; street addresses with their tail score above names), and scored once as
# written.
HOLDOUT3 = [
    "Chat transcript\n[10:42] {PERSON}: hi, can you update my super details? TFN: {TFN}\n[10:43] Agent: done, ticket {neg_ticket}",
    "Form submission | name: {PERSON} | email: {EMAIL} | phone: {PHONE} | message: please call back about invoice {neg_order}",
    "Clinic request: reprint the Medicare card record {MEDICARE} for {PERSON} (DOB {DOB}); lab order {neg_order}.",
    "Customer read out {CARD} then asked us to delete it. Deleted. Auth code {neg_code}.",
    "Kia ora, I'm {PERSON}; my IRD number is {IRD} and the refund can go to {NZBANK}. Nga mihi.",
    "Ward handover: patient {PERSON}, NHI {NHI}, bed {neg_ticket}.",
    "Supplier onboarding for {company}\nABN: {ABN}\nACN: {ACN}\nRemit to: {BSBACC}\nContact: {PERSON}",
    "Geo-blocked sign-in for {EMAIL} from {IP}; second attempt from {IP}. Change {neg_ticket} raised.",
    "Router admin creds: user admin, password {SECRET}. Serial {neg_code}.",
    "SEPA payment to {PERSON}, IBAN {IBAN}, value {neg_amount}.",
    "Right-to-work check: passport number {PASSPORT}, driver licence {LICENCE}, home address {ADDRESS}, checked by {PERSON}.",
    "{PERSON} rang from {PHONE}, off work with {HEALTH} until {neg_date}.",
    "Parts order {neg_order}: 3 SSDs, courier {neg_tracking}, firmware {neg_build}, total {neg_amount}.",
    "After-hours alarm code for {FIRST}: PIN {PIN}. Panel model {neg_code}.",
]

PROSE = {
    "tune": [
        "The backup job finished overnight and the retention window was extended to thirty days.",
        "We reviewed the firewall rules with the client and removed two that were no longer needed.",
        "Licensing for the accounting package renews at the end of the financial year.",
        "The new switch was installed in the comms cupboard and the old one recycled.",
        "Staff were reminded that shared mailboxes are monitored during business hours.",
        "Patching for the month went to the pilot group first, then to everyone on Thursday.",
    ],
    "holdout": [
        "Two of the branch offices still run an on-premises file server that is due for retirement next year.",
        "The service desk now answers within fifteen minutes during business hours and within an hour after.",
        "Old laptops are wiped to the NIST standard and a certificate is kept for each one.",
        "Guest Wi-Fi is separated from the corporate network and the password changes every month.",
        "The disaster recovery test restored the finance system in under four hours this quarter.",
        "Contractors are given accounts that expire automatically when their engagement ends.",
    ],
    "holdout2": [
        "Printer queues were moved to the cloud print service and the old print server was switched off.",
        "The board approved a budget for replacing the phone system before the end of the lease.",
        "All laptops now encrypt their disks and report their status to the management console daily.",
        "The intranet was rebuilt and the old pages were archived for the records team.",
        "Software requests now go through a form so licences can be tracked in one place.",
        "Two staff completed their security awareness refresher after missing the first session.",
    ],
    "holdout3": [
        "The help desk phone line now rolls over to the after-hours provider at six each evening.",
        "Every shared drive was reviewed and folders nobody had opened in three years were archived.",
        "Tablets used by field staff were enrolled in device management before the winter season.",
        "The website's contact form was moved to a new hosting provider with better uptime.",
        "A second internet link was installed so the office stays online when the primary one drops.",
        "Old backup tapes were collected by a secure destruction company and a certificate was issued.",
    ],
    "eval": [
        "The office moved to the new building over the long weekend and every desk was tested on Monday.",
        "Our engineers replaced the ageing NAS with a cloud backup service hosted in Sydney.",
        "Multi-factor authentication is now required for every remote login, including the directors'.",
        "The printer fleet was consolidated into three leased devices with secure release.",
        "A phishing simulation went to all staff; eleven people clicked and were offered training.",
        "Quarterly reviews now include a check of who can reach the payroll folders.",
    ],
}

_SLOT = re.compile(r"\{(\w+)\}")


def render(template: str, values: Values) -> tuple[str, list[Span]]:
    out: list[str] = []
    spans: list[Span] = []
    length = 0
    cursor = 0
    for match in _SLOT.finditer(template):
        literal = template[cursor : match.start()]
        out.append(literal)
        length += len(literal)
        name = match.group(1)
        value = MAKERS[name](values)
        if name in LABELS:
            spans.append(Span(LABELS[name], length, length + len(value)))
        out.append(value)
        length += len(value)
        cursor = match.end()
    out.append(template[cursor:])
    return "".join(out), spans


def corpus(split: str, documents: int, seed: int = 7) -> list[Doc]:
    """``documents`` dense documents (tickets, notes, emails) and as many sparse ones (prose with a
    planted sentence every few paragraphs), from the ``tune`` or ``eval`` templates."""
    rng = random.Random(f"{seed}-{split}")
    fakers = []
    for locale in ("en_AU", "en_NZ"):
        fake = Faker(locale)
        fake.seed_instance(rng.randint(0, 2**31))
        fakers.append(fake)
    values = Values(rng, fakers)
    templates = {"tune": TUNE, "eval": EVAL, "holdout": HOLDOUT, "holdout2": HOLDOUT2, "holdout3": HOLDOUT3}[split]
    prose = PROSE[split]
    docs = []
    for _ in range(documents):  # a ticket thread: a header and two to five notes, each from a template
        parts = [f"Ticket {values.ticket()} | {values.company()} | priority {rng.choice(['P1', 'P2', 'P3'])}\n"]
        length = len(parts[0])
        spans = []
        for _note in range(rng.randint(2, 5)):
            text, planted = render(rng.choice(templates), values)
            spans += [Span(s.entity, s.start + length, s.end + length) for s in planted]
            parts.append(text + "\n---\n")
            length += len(text) + 5
        docs.append(Doc("".join(parts), spans, "dense"))
    for _ in range(documents):
        parts: list[str] = []
        spans = []
        length = 0
        for _paragraph in range(rng.randint(8, 16)):
            sentence = " ".join(rng.choice(prose) for _ in range(rng.randint(3, 6))) + "\n\n"
            parts.append(sentence)
            length += len(sentence)
        text, planted = render(rng.choice(templates), values)
        spans = [Span(s.entity, s.start + length, s.end + length) for s in planted]
        parts.append(text + "\n\n")
        for _paragraph in range(rng.randint(8, 16)):
            parts.append(" ".join(rng.choice(prose) for _ in range(rng.randint(3, 6))) + "\n\n")
        docs.append(Doc("".join(parts), spans, "sparse"))
    return docs
