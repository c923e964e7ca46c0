"""Onboarding from a business's existing privacy policy: what the checker reads in it — the kinds of
information, the purposes, the service providers it names and the countries information goes to —
written as a draft register file for the privacy officer to review and import (Register → Import).
Nothing is imported by this module: the draft is a starting point, every line to be confirmed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from privacydesk.policy import checker

# What the policy's words for kinds of information map to in the standard taxonomy.
KIND_CODES = (
    (r"\bnames?\b|e-?mail|phone|mobile|address", "contact"),
    (r"date of birth|passport|driver'?s licen[cs]e|identity documents?|medicare", "identity"),
    (r"\btax file\b", "tfn"),
    (r"bank|payment|invoice|billing|financial", "billing"),
    (r"credit card|card details|card numbers?", "card"),
    (r"credit (?:check|history|information|reporting)", "credit"),
    (r"health|medical|dental", "health"),
    (r"usernames?|passwords?|credentials", "credentials"),
    (r"ip address|cookies?|browsing|analytics", "website"),
    (r"employment|salary|payroll|leave records|job title", "employment"),
    (r"\bcv\b|résumé|resume|referee|qualifications", "recruitment"),
    (r"police check|criminal", "criminal"),
    (r"cctv|photographs?|images?", "cctv"),
    (r"call recordings?|voicemail", "recordings"),
    (r"tickets?|device details|support requests?", "technical"),
)
COUNTRY_CODES = {
    "united states": "US", "usa": "US", "u.s.": "US", "singapore": "SG", "india": "IN", "philippines": "PH",
    "united kingdom": "GB", "uk": "GB", "ireland": "IE", "germany": "DE", "france": "FR", "netherlands": "NL",
    "canada": "CA", "japan": "JP", "china": "CN", "hong kong": "HK", "malaysia": "MY", "vietnam": "VN",
    "indonesia": "ID", "fiji": "FJ", "sri lanka": "LK", "south africa": "ZA", "israel": "IL", "switzerland": "CH",
    "sweden": "SE", "poland": "PL", "brazil": "BR", "mexico": "MX", "new zealand": "NZ", "australia": "AU",
    "belgium": "BE", "spain": "ES", "italy": "IT", "denmark": "DK", "finland": "FI", "norway": "NO", "austria": "AT",
    "taiwan": "TW", "korea": "KR", "thailand": "TH",
}  # fmt: skip
# Capitalised words that are not providers' names.
NOT_NAMES = {
    "We", "Our", "Us", "The", "This", "If", "You", "Your", "All", "Some", "Any", "Privacy", "Policy", "Officer", "Act",
    "Australian", "Information", "Commissioner", "Office", "Principles", "Personal", "European", "Commission", "EU",
    "GDPR", "OAIC", "ATO", "Pty", "Ltd", "Limited", "Inc", "For", "To", "In", "When", "Where", "It", "They",
}  # fmt: skip
_NAME = r"(?P<name>[A-Z][A-Za-z0-9&+-]*(?:\s(?:[A-Z][A-Za-z0-9&+-]*|365|360))*)"
_KIND = r"(?:provider|platform|software|service|tool|vendor|processor|system|app)s?"
# Where a policy names a provider: "we use Xero", "providers such as Mailchimp", "Mailchimp, our email platform".
PROVIDER_NAMES = (
    re.compile(rf"\b(?i:we use|we rely on|using|through|via)\s+{_NAME}"),
    re.compile(rf"\b(?i:{_KIND}),? (?i:such as|including|like|called|namely)\s+{_NAME}"),
    re.compile(rf"{_NAME},? (?:our|a|an|the) (?:[a-z-]+ ){{0,3}}{_KIND}\b"),
)
PURPOSE_CLAUSE = re.compile(
    r"\b(?:to|so (?:that )?we can|in order to)\s+((?:provide|deliver|process|prepare|lodge|send|contact|respond|"
    r"manage|bill|improve|assess|issue|meet|schedule|complete|carry out|organise|claim|tell|give|put|coordinate|"
    r"make|run|keep|answer)[^,;.]*)",
    re.I,
)


@dataclass
class Draft:
    kinds: list[str] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)
    providers: list[tuple[str, str]] = field(default_factory=list)  # (name, country code or "")
    countries: list[str] = field(default_factory=list)


def read_register(text: str) -> Draft:
    """The register matters the policy's text states, as far as its words show them."""
    sents = checker.sentences(text)
    draft = Draft()
    kind_text = " ".join(s for s in sents if checker.KIND_WORDS.search(s))
    draft.kinds = [code for pattern, code in KIND_CODES if re.search(pattern, kind_text, re.I)]
    seen: set[str] = set()
    for sentence in checker._with(sents, checker.PURPOSE):
        for match in PURPOSE_CLAUSE.finditer(sentence):
            purpose = re.split(r"\s+and to\s+|\s+or to\s+", match.group(1))[0].strip()
            purpose = purpose[0].upper() + purpose[1:80].rstrip()
            if purpose.lower() not in seen and len(purpose.split()) >= 2:
                seen.add(purpose.lower())
                draft.purposes.append(purpose)
    countries: list[str] = []
    for sentence in sents:
        if checker.OVERSEAS.search(sentence) or re.search(r"hosted|stored|located|based", sentence, re.I):
            for match in checker.COUNTRIES.finditer(sentence):
                code = COUNTRY_CODES.get(match.group(0).lower())
                if code and code not in countries and code not in ("AU",):
                    countries.append(code)
    draft.countries = countries
    providers: dict[str, str] = {}
    for sentence in sents:
        here = [COUNTRY_CODES.get(m.group(0).lower(), "") for m in checker.COUNTRIES.finditer(sentence)]
        for pattern in PROVIDER_NAMES:
            for match in pattern.finditer(sentence):
                name = match.group("name").strip(" .,")
                words = name.split()
                if not words or words[0] in NOT_NAMES or name.lower() in COUNTRY_CODES:
                    continue
                providers.setdefault(name, here[0] if len(here) == 1 else "")
    draft.providers = sorted(providers.items())
    return draft


def to_yaml(draft: Draft, source: str) -> str:
    """The draft as a register file (purposes and recipients), with what cannot be imported as such
    (kinds, countries) in comments for the officer to place."""
    doc: dict[str, object] = {"version": 1}
    if draft.purposes:
        doc["purposes"] = [{"name": p, "kind": "primary"} for p in draft.purposes]
    if draft.providers:
        doc["recipients"] = [
            {"name": name, "kind": "service_provider", **({"country": country} if country else {})}
            for name, country in draft.providers
        ]
    header = [
        f"# Draft register read from {source} by privacydesk's policy checker.",
        "# Review every line before importing it (Register -> Import): this is what the policy says, not what you do.",
        f"# Kinds of information it mentions (data category codes): {', '.join(draft.kinds) or 'none found'}",
        f"# Countries it names for information held or sent overseas: {', '.join(draft.countries) or 'none'}",
    ]
    return "\n".join(header) + "\n" + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
