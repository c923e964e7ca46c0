"""The privacy policy, composed from the register: what is held, how, why, who receives it, where it
goes overseas, how long it is kept, marketing and cookies as configured, automated decisions, and the
rights with the time limits the law engine gives each regime. Each section names the policy elements
it covers (``law.policy``), so a generated policy can be checked for completeness.

Plain English in short sentences: the reading level is measured (Flesch-Kincaid grade, syllables
counted with pyphen's hyphenation dictionaries) and reported in the console.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

import pyphen

from privacydesk.accountability.models import CollectionPoint
from privacydesk.consent.models import CookieSite, Program
from privacydesk.register.models import (
    AutomatedDecision,
    DataCategory,
    Organisation,
    ProcessingActivity,
    Purpose,
    Recipient,
    RetentionRule,
    System,
    Transfer,
)

REGULATOR_CONTACTS = {
    "au": "the Office of the Australian Information Commissioner (OAIC): www.oaic.gov.au, 1300 363 992, "
    "GPO Box 5288, Sydney NSW 2001",
    "nz": "the Office of the Privacy Commissioner: www.privacy.org.nz, 0800 803 909, PO Box 10094, Wellington 6143",
}
HOME = {"au": "AU", "nz": "NZ"}


@dataclass
class Section:
    id: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    covers: list[str] = field(default_factory=list)


@dataclass
class Policy:
    organisation: str
    regimes: list[str]
    sections: list[Section]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        parts = []
        for section in self.sections:
            parts += [section.heading, *section.paragraphs, *section.bullets]
        return "\n".join(parts)

    def markdown(self) -> str:
        lines = [f"# Privacy policy: {self.organisation}", ""]
        for section in self.sections:
            lines += [f"## {section.heading}", ""]
            for paragraph in section.paragraphs:
                lines += [paragraph, ""]
            if section.bullets:
                lines += [f"- {bullet}" for bullet in section.bullets] + [""]
        return "\n".join(lines).rstrip() + "\n"

    def covered(self) -> set[str]:
        return {element for section in self.sections for element in section.covers}


def _names(items: Any) -> str:
    names = [str(i) for i in items]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _country(code: str) -> str:
    from django_countries import countries

    return str(dict(countries).get(code, code))


def regimes_for(org: Organisation) -> list[str]:
    found = []
    if org.operates_in_au:
        found.append("au")
    if org.operates_in_nz:
        found.append("nz")
    if org.has_eu_contacts or org.eu_establishment:
        found.append("eu")
    return found


def _who(org: Organisation) -> Section:
    trading = f" (trading as {org.trading_name})" if org.trading_name else ""
    ids = ", ".join(x for x in (f"ABN {org.abn}" if org.abn else "", f"NZBN {org.nzbn}" if org.nzbn else "") if x)
    contact = ", ".join(
        x for x in (org.privacy_officer_email, org.privacy_officer_phone, org.postal_address.replace("\n", ", ")) if x
    )
    return Section(
        "who",
        "Who we are and how to reach us",
        [
            f"This policy is about how {org.legal_name}{trading}{f' ({ids})' if ids else ''} handles personal "
            'information. In it, "we" means us and "you" means anyone whose information we hold.',
            f"Our {org.privacy_officer_name or 'Privacy Officer'} looks after privacy here. Contact them at {contact}.",
            "We have not appointed a data protection officer; our Privacy Officer is the contact for every "
            "privacy question.",
        ],
        covers=["Art13(1)(a)", "Art13(1)(b)", "NZ.agency"],
    )


def _held_categories() -> set[int]:
    """The categories something we do holds: a processing activity, a system or a collection point."""
    held = set(ProcessingActivity.objects.values_list("data_categories", flat=True))
    held |= set(System.objects.values_list("data_categories", flat=True))
    held |= set(CollectionPoint.objects.values_list("data_categories", flat=True))
    return held - {None}


def _kinds() -> Section:
    bullets = []
    held = _held_categories()
    for category in DataCategory.objects.filter(parent__isnull=True).prefetch_related("children"):
        children = [c.name.lower() for c in category.children.all() if c.pk in held]
        if category.pk not in held and not children:
            continue  # in the taxonomy, but nothing we do holds it
        description = category.description.rstrip()
        if description and description[-1] not in ".!?":
            description += "."
        text = f"{category.name}" + (f": {description}" if description else "")
        if children:
            text += f" This includes {_names(children)}."
        if category.sensitive:
            text += " This is sensitive information: we collect it only with your consent or where the law allows."
        bullets.append(text)
    return Section(
        "kinds",
        "The personal information we collect and hold",
        ["Depending on how you deal with us, we collect and hold these kinds of personal information:"],
        bullets,
        covers=["APP1.4(a)"],
    )


def _collection() -> Section:
    points = list(CollectionPoint.objects.all())
    direct = [p.name.lower() for p in points if not p.indirect]
    indirect = [p for p in points if p.indirect]
    paragraphs = [
        "Most of what we hold comes from you: "
        + (_names(direct) if direct else "when you contact us, ask for a quote, use our support portal or call us")
        + ". We collect only what we need for the purposes below.",
    ]
    sources = (
        _names(f"{p.name.lower()}" + (f" ({p.description})" if p.description else "") for p in indirect)
        if indirect
        else "for example, your employer when you are the contact for one of our clients"
    )
    paragraphs.append(
        f"Sometimes we get your details from someone else: {sources}. When we do, we tell you as soon as we can "
        "where they came from, why we have them, who we may give them to and how you can see and correct them."
    )
    covers = ["APP1.4(b)", "NZ.indirect"]
    paragraphs.append(
        "Giving us your information is voluntary. If you do not, we may not be able to provide our services, answer "
        "your question or consider your job application. Where giving it is a legal or contractual requirement, we "
        "say so when we ask."
    )
    covers += ["NZ.voluntary", "Art13(2)(e)"]
    return Section("collection", "How we collect it", paragraphs, covers=covers)


def _holding() -> Section:
    systems = list(System.objects.all())
    bullets = []
    for system in systems:
        where = _names(_country(str(c)) for c in system.hosting_countries) if system.hosting_countries else ""
        bullets.append(
            f"{system.name}"
            + (f" ({system.vendor})" if system.vendor else "")
            + (f", held in {where}" if where else "")
        )
    rules = list(RetentionRule.objects.all())
    paragraphs = [
        "We hold personal information in the business systems listed below, most of them run for us by service "
        "providers under contracts that require them to protect it. We use multi-factor sign-in, give staff access "
        "only to what their work needs, and keep an audit log of who looks at records.",
    ]
    retention = [
        f"{rule.name}: {rule.describe()}" + (f" ({rule.legal_requirement})" if rule.legal_requirement else "")
        for rule in rules
    ]
    section = Section("holding", "How we hold and protect it", paragraphs, bullets, covers=["APP1.4(b)"])
    if retention:
        section.paragraphs.append(
            "We keep information only as long as we need it or the law requires, then delete or de-identify it: "
            + "; ".join(retention)
            + "."
        )
        section.covers.append("Art13(2)(a)")
    return section


_BASIS_WORDS = {
    "consent": "your consent",
    "contract": "to perform our contract with you",
    "legal_obligation": "to meet a legal obligation",
    "vital_interests": "to protect someone's life",
    "public_task": "a task in the public interest",
    "legitimate_interests": "our legitimate interests",
}


def _purposes(regimes: list[str]) -> Section:
    bullets = []
    for purpose in Purpose.objects.all():
        text = purpose.name + (f": {purpose.description.rstrip().rstrip('.')}" if purpose.description else "")
        if "eu" in regimes and purpose.gdpr_basis:
            basis = _BASIS_WORDS.get(purpose.gdpr_basis, purpose.gdpr_basis)
            text += f" (for people in the EU, our legal basis is {basis})"
        bullets.append(text)
    covers = ["APP1.4(c)", "NZ.purpose"]
    paragraphs = [
        "We collect, hold, use and disclose personal information for these purposes, and for purposes you would "
        "reasonably expect that are related to them:"
    ]
    if "eu" in regimes:
        covers += ["Art13(1)(c)", "Art13(1)(d)"]
        if not Purpose.objects.filter(gdpr_basis="legitimate_interests").exists():
            paragraphs.append("We do not rely on legitimate interests as a legal basis.")
    return Section("purposes", "Why we collect, use and disclose it", paragraphs, bullets, covers=covers)


def _recipients() -> Section:
    recipients = list(Recipient.objects.all())
    bullets = [r.name + (f": {r.description}" if r.description else "") for r in recipients]
    return Section(
        "recipients",
        "Who we give it to",
        ["We give personal information only to those who need it for the purposes above:" if bullets else
         "We do not give personal information to anyone outside our business except where the law requires it."],
        bullets,
        covers=["NZ.recipients", "Art13(1)(e)"],
    )  # fmt: skip


def _overseas(home: str) -> Section:
    countries: set[str] = set()
    for system in System.objects.all():
        countries |= {str(c) for c in system.hosting_countries}
    countries |= {str(r.country) for r in Recipient.objects.exclude(country="")}
    countries |= {str(t.country) for t in Transfer.objects.all()}
    away = sorted(_country(c) for c in countries - {home})
    if not away:
        return Section(
            "overseas",
            "Sending information overseas",
            ["We do not disclose personal information to anyone overseas."],
            covers=["APP1.4(f)", "APP1.4(g)", "Art13(1)(f)"],
        )
    safeguards = {t.get_gdpr_safeguard_display() for t in Transfer.objects.exclude(gdpr_safeguard="")}
    paragraphs = [
        f"Some of our service providers hold or access personal information outside {_country(home)}, so it is "
        f"likely to be disclosed to recipients in {_names(away)}.",
        "Before we send information overseas we take reasonable steps to make sure the recipient protects it as our "
        "law requires, by contract or because the law where they are gives comparable protection.",
    ]
    if safeguards:
        paragraphs.append(
            "For people in the EU, transfers out of the EU rely on "
            + _names(sorted(s.lower() for s in safeguards))
            + "."
        )
    return Section(
        "overseas", "Sending information overseas", paragraphs, covers=["APP1.4(f)", "APP1.4(g)", "Art13(1)(f)"]
    )


def _marketing() -> Section:
    programs = list(Program.objects.filter(active=True, direct_marketing=True))
    paragraphs = [
        ("We send " + _names(p.name.lower() for p in programs) + ". " if programs else "")
        + "You can stop any marketing at any time and it costs nothing: every message has a link to stop it, and our "
        "privacy portal lets you choose what we send you. If you gave consent, you can withdraw it at any time; "
        "that does not affect what we did before.",
    ]
    return Section("marketing", "Direct marketing and your choices", paragraphs, covers=["Art13(2)(c)"])


def _cookies() -> Section:
    sites = list(CookieSite.objects.filter(active=True))
    paragraphs = []
    for site in sites:
        if site.mode == CookieSite.NONE or not site.categories():
            paragraphs.append(
                f"{site.name} sets only the cookies it needs to work; it sets no analytics or marketing cookies."
            )
        else:
            what = "; ".join(f"{kind} cookies ({getattr(site, kind)})" for kind in site.categories())
            paragraphs.append(
                f"{site.name} uses cookies it needs to work and, only if you agree in its cookie banner, {what}. "
                "You can change your choice at any time from the link at the foot of each page. We honour the "
                "Global Privacy Control signal as a refusal."
            )
    if not paragraphs:
        paragraphs.append("Our websites set only the cookies they need to work.")
    return Section("cookies", "Cookies and analytics", paragraphs)


def _automated() -> Section:
    decisions = list(AutomatedDecision.objects.prefetch_related("data_categories"))
    covers = ["Art13(2)(f)", "APP1.7-1.9"]
    if not decisions:
        return Section(
            "automated",
            "Decisions made by computer programs",
            ["We do not use computer programs to make decisions, or to do things substantially and directly related "
             "to making decisions, that could significantly affect your rights or interests."],
            covers=covers,
        )  # fmt: skip
    bullets = []
    for d in decisions:
        kinds = _names(c.name.lower() for c in d.data_categories.all()) or "the information you give us"
        how = "The program makes this decision itself." if d.solely_automated else "The program helps our staff decide."
        bullets.append(
            f"{d.name}: {d.description} It uses {kinds}. {how}"
            + (f" {d.effect}" if d.effect else "")
            + (f" {d.human_review}" if d.human_review else " You can ask for a person to review it.")
        )
    return Section(
        "automated",
        "Decisions made by computer programs",
        ["We use computer programs in these decisions that could significantly affect you:"],
        bullets,
        covers=covers,
    )


def _rights(regimes: list[str]) -> Section:
    paragraphs = [
        "You can ask to see the personal information we hold about you and ask us to correct it. It is free to ask. "
        "Use our privacy portal or contact our Privacy Officer. We will check who you are before we give you anything.",
    ]
    covers = ["APP1.4(d)", "NZ.access"]
    if "au" in regimes:
        paragraphs.append(
            "In Australia we aim to respond within 30 days (the Australian Privacy Principles ask for a reasonable "
            "period; 30 days is our target). If we refuse, we tell you why in writing and how to complain."
        )
    if "nz" in regimes:
        paragraphs.append(
            "In New Zealand we decide as soon as we can and within 20 working days, as the Privacy Act 2020 requires; "
            "if we need longer we tell you within that time, and why."
        )
    if "eu" in regimes:
        paragraphs.append(
            "If you are in the EU, you can also ask us to erase your information, restrict or object to how we use it, "
            "or give it to you in a portable form. We respond within one month, or tell you within that month if we "
            "need up to two more."
        )
        covers.append("Art13(2)(b)")
    return Section("rights", "Seeing and correcting your information", paragraphs, covers=covers)


def _complaints(regimes: list[str], org: Organisation) -> Section:
    paragraphs = [
        "If you think we have mishandled your personal information, tell our Privacy Officer (details above). We "
        "acknowledge a complaint within 5 working days, look into it, and give you our answer in writing within 30 "
        "days.",
    ]
    covers = ["APP1.4(e)", "NZ.complaints"]
    escalate = [REGULATOR_CONTACTS[r] for r in ("au", "nz") if r in regimes]
    if escalate:
        paragraphs.append(
            "If you are not satisfied with our answer, you can complain to " + " or ".join(escalate) + "."
        )
    if "eu" in regimes:
        authority = org.eu_supervisory_authority or "the supervisory authority where you live or work"
        paragraphs.append(
            f"If you are in the EU, you can complain to a data protection supervisory authority, such as {authority}, "
            "in particular in the country where you live or work."
        )
        covers.append("Art13(2)(d)")
    return Section("complaints", "Complaints", paragraphs, covers=covers)


def compose() -> Policy:
    """The policy as the register and configuration stand now."""
    org = Organisation.current()
    if org is None:
        raise ValueError("Record the organisation in the register first: the policy names it.")
    regimes = regimes_for(org)
    home = "AU" if org.operates_in_au else "NZ"
    sections = [
        _who(org),
        _kinds(),
        _collection(),
        _holding(),
        _purposes(regimes),
        _recipients(),
        _overseas(home),
        _marketing(),
        _cookies(),
        _automated(),
        _rights(regimes),
        _complaints(regimes, org),
    ]
    if not ProcessingActivity.objects.exists():
        sections[4].paragraphs.append("Our register of processing activities is being completed.")
    return Policy(org.trading_name or org.legal_name, regimes, sections)


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


def _syllables(word: str) -> int:
    return max(1, len(_dictionary().positions(word)) + 1)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word - 15.59."""
    sentences = [s for s in re.split(r"[.!?]+(?:\s|$)|\n", text) if re.search(r"[A-Za-z]", s)]
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    if not sentences or not words:
        return 0.0
    syllables = sum(_syllables(w) for w in words)
    return round(0.39 * len(words) / len(sentences) + 11.8 * syllables / len(words) - 15.59, 1)
