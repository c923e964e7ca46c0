"""Check any privacy policy — text, Markdown, HTML or PDF — against what the chosen regime requires it
to say (``law.policy``): each element ``present``, ``partial`` or ``missing`` with the sentence that
shows it, and findings: repealed law cited as current, overseas disclosure without countries,
out-of-date regulator details, vague promises, statements that contradict each other.

It reads sentences and looks for the cues each element is written with (patterns, no model), so it
works offline and fast; ``bench/policy_eval.py`` measures it against hand-labelled policies. Text
that is not a policy at all (empty, unreadable, a scan without text, random characters) gets a
clear message instead of a verdict.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from typing import Any

from privacydesk.law import policy as law

MAX_BYTES = 10 * 1024 * 1024
JURISDICTIONS = ("au", "nz", "eu")


class PolicyReadError(ValueError):
    """The file cannot be read as a policy; the message says why."""


# ---------------------------------------------------------------------------------------------- reading


class _Text(HTMLParser):
    BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section", "article", "td", "th"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style", "noscript"):
            self.skip += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript") and self.skip:
            self.skip -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def read(content: bytes, name: str = "policy") -> str:
    """The policy's text, whatever it came as; ``PolicyReadError`` says why a file is no good."""
    if not content.strip():
        raise PolicyReadError(f"{name}: the file is empty.")
    if len(content) > MAX_BYTES:
        raise PolicyReadError(
            f"{name}: the file is larger than {MAX_BYTES // (1024 * 1024)} MB; no policy is that long."
        )
    if content.startswith(b"%PDF-"):
        return _pdf(content, name)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise PolicyReadError(
                f"{name}: not text, HTML, Markdown or PDF (the bytes are not readable text)."
            ) from None
    if "\x00" in text:
        raise PolicyReadError(f"{name}: not text, HTML, Markdown or PDF (it holds binary data).")
    if re.search(r"<(html|body|p|div|h[1-6])\b", text[:5000], re.IGNORECASE):
        parser = _Text()
        parser.feed(text)
        text = html.unescape("".join(parser.parts))
    return _markdown_to_text(text)


def _pdf(content: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise PolicyReadError(f"{name}: the PDF cannot be read ({type(exc).__name__}).") from None
    if len(re.findall(r"[A-Za-z]{2,}", text)) < 20:
        raise PolicyReadError(f"{name}: the PDF has no text to read (a scanned image?). Run it through OCR first.")
    return text


def _markdown_to_text(text: str) -> str:
    text = re.sub(r"^#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"[*_`]{1,3}", "", text)
    return text


def sentences(text: str) -> list[str]:
    """The text split into sentences (and headings, list items), whitespace tidied."""
    parts = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)|\n", text):
        block = re.sub(r"\s+", " ", block).strip(" -*•\t")
        if not block:
            continue
        parts += [s.strip() for s in re.split(r"(?<=[.!?;])\s+(?=[A-Z(\"'])", block) if s.strip()]
    return parts


# ---------------------------------------------------------------------------------------------- cues


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


PI = r"personal (?:information|data|details)|your (?:information|details|data)|information about you"
KIND_WORDS = _any(
    r"\bnames?\b", r"e-?mail", r"phone|mobile|telephone", r"(?:postal|street|home|residential) address|\baddress(?:es)?\b",
    r"date of birth|\bage\b", r"bank|credit card|payment (?:card|details)|card details|financial", r"\bip address", r"cookies?",
    r"employment|job title|occupation|employer", r"driver'?s licen[cs]e|passport|identity documents?|tax file",
    r"health|medical", r"sensitive information", r"usernames?|passwords?|credentials", r"signatures?", r"photographs?|cctv|images?",
)  # fmt: skip
COLLECT = _any(r"\bcollect", r"\bobtain", r"\bgather", r"\breceive")
HOW_COLLECT = _any(
    r"directly from you", r"when you (?:contact|call|email|fill|complete|visit|use|apply|sign|buy|subscribe|give|deal|ask|send|register)",
    r"(?:through|via|using) (?:our|the) (?:website|web ?site|forms?|portal|app|software|platform|systems?)",
    r"\b(?:give|provide|upload)s? (?:us )?(?:with )?(?:their|your|employee|customer|client) (?:details|information|data)", r"from (?:third part|your employer|other (?:people|organisations|businesses|sources)|public|referr|credit reporting|someone else|others)",
    r"\bforms?\b", r"in person|over the phone|by phone|in writing",
)  # fmt: skip
HOLD = _any(
    r"\b(?:hold|store|keep|retain|held|stored|kept)s?\b.{0,80}(?:secure|electronic|paper|cloud|server|database|system|files?|software|platform)",
    r"(?:secure|electronic|paper|cloud|server|database|system|files?).{0,60}\b(?:hold|store|kept|stored|held)\b",
    r"\bsecur(?:e|ity|ely)\b.{0,60}(?:information|data|records)", r"(?:encrypt|access controls?|passwords?-protected|multi-factor)",
)  # fmt: skip
PURPOSE = _any(
    r"\bpurposes?\b", r"\b(?:we )?use (?:your|personal|this|the) (?:personal )?(?:information|data|details) (?:to|for)",
    r"\bso (?:that )?we can\b", r"\bprocess\w*\b.{0,60}\bto (?:provide|deliver|lodge|pay|support|meet|fulfil)", r"in order to (?:provide|deliver|process|respond|manage)", r"(?:collect|use|hold|disclose)\w* .{0,60}\bto (?:provide|deliver|process|respond|manage|send|contact|bill|improve)",
)  # fmt: skip
ACCESS = _any(
    r"\baccess (?:to )?(?:the |your )?(?:personal )?(?:information|data|details|files?|records)", r"\baccess\b.{0,40}\b(?:request|hold|we hold)",
    r"(?:see|obtain|get|ask (?:us )?for|request) a copy", r"copy of (?:the |your )?(?:personal )?(?:information|data|details|records)", r"request access",
    r"\bask\b.{0,40}\b(?:to see|for access)\b", r"\bto see\b.{0,40}(?:information|data|details|records)", r"\baccess your\b",
)  # fmt: skip
CORRECT = _any(
    r"\bcorrect(?:ion|ed|ing)?\b", r"\bupdat(?:e|ing)\b.{0,40}(?:information|details)", r"\brectif", r"\binaccurate\b"
)
COMPLAIN = _any(r"\bcomplain(?:t|ts|s|ing)?\b")
COMPLAINT_HANDLING = _any(
    r"\b(?:respond|investigate|acknowledge|reply|answer|deal with|handle|consider|assess|resolve)\w*\b", r"within \d+ (?:working |business )?days",
)  # fmt: skip
REGULATOR_AU = _any(
    r"Office of the Australian Information Commissioner|\bOAIC\b|Australian Information Commissioner|oaic\.gov\.au"
)
REGULATOR_NZ = _any(r"Privacy Commissioner|privacy\.org\.nz|\bOPC\b")
SUPERVISORY = _any(r"supervisory authority|data protection authority|Data Protection Commission|\bICO\b|\bCNIL\b")
OVERSEAS = _any(
    r"\boverseas\b", r"outside (?:of )?(?:Australia|New Zealand|the EU|the European|the EEA|your country)", r"\boffshore\b",
    r"other countries", r"cross-border", r"\bthird countr", r"\binternational(?:ly)? transfer", r"transfer\w* .{0,40}(?:countr|abroad)",
    r"\babroad\b", r"(?:stored|hosted|held|located|processed) in (?:the )?(?:United States|USA|US\b|Singapore|India|Philippines|United Kingdom|UK\b|Ireland|Germany|Canada|Japan|Europe)",
    r"transfer\w*\b.{0,60}\b(?:in|to) (?:the )?(?:United States|USA|US\b|Singapore|India|Philippines|United Kingdom|UK\b|Canada|Japan)",
)  # fmt: skip
COUNTRIES = _any(
    r"\b(?:United States(?: of America)?|USA|U\.S\.|Singapore|India|Philippines|United Kingdom|UK|Ireland|Germany|France|Netherlands|Canada|Japan|"
    r"China|Hong Kong|Malaysia|Vietnam|Indonesia|Fiji|Sri Lanka|South Africa|Israel|Switzerland|Sweden|Poland|Brazil|Mexico|New Zealand|Australia|"
    r"Belgium|Spain|Italy|Denmark|Finland|Norway|Austria|Taiwan|Korea|Thailand)\b"
)  # fmt: skip
AUTOMATED = _any(
    r"automated (?:decision|processing|screening|assessment)", r"computer programs?", r"\balgorithm", r"\bprofiling\b",
    r"artificial intelligence|\bAI\b|machine learning", r"software to (?:rank|assess|score|screen|decide|approve)",
)  # fmt: skip
RECIPIENTS = _any(
    r"\bdisclos\w*\b.{0,80}\bto\b", r"\bshare\w*\b.{0,60}\bwith\b", r"(?:service providers?|contractors|suppliers|third parties|related (?:bodies|companies)|our (?:accountants?|auditors?|lawyers|insurers))",
    r"\brecipients?\b", r"\bgive (?:your|personal|this) (?:details|information|data) to\b", r"\bpass\w* (?:on )?.{0,30}\bto\b",
    r"\b(?:our )?partners\b", r"\btransferred to\b",
)  # fmt: skip
AGENCY = _any(r"\b(?:Ltd|Limited|Pty|Inc)\b", r"PO Box|P\.?O\.? Box|\bStreet\b|\bRoad\b|\bAvenue\b|Level \d+")
VOLUNTARY = _any(
    r"\b(?:voluntary|optional|do not have to|don't have to|not required to|you can choose not|you may choose not)",
    r"if you (?:do not|don't|choose not to) (?:provide|give|supply)",
    r"required by law to (?:collect|give|provide)",
    r"\b(?:must|need to|have to) (?:give|provide|supply)\b",
)
CONTROLLER = _any(
    r"\bcontroller\b",
    r"\b(?:we are|this policy is about|is the company|operated by)\b.{0,80}(?:Ltd|Limited|Pty|GmbH|Inc|company)",
    r"(?:contact|reach) (?:us|our)",
)
DPO = _any(r"data protection officer|\bDPO\b", r"privacy officer")
LEGAL_BASIS = _any(
    r"legal basis|lawful basis|legal ground",
    r"legitimate interests?",
    r"performance of (?:a |the )?contract|to perform (?:a |our )?contract",
    r"legal obligation",
    r"\bconsent\b.{0,40}\bbasis",
)
LEGIT = _any(r"legitimate interests?")
INDIRECT = _any(
    r"from (?:third part|your employer|other (?:people|organisations|businesses|sources)|public|referr|someone else|others)",
    r"\brefer(?:s|red)? you\b", r"\breceive (?:your|personal) (?:details|information|data) from\b", r"\b(?:given|passed|provided) to us by\b",
    r"\b(?:and|or) from (?!you\b)\w+", r"collect\w*\b.{0,80}\bfrom (?!you\b|your (?:own )?(?:device|browser))(?:the )?\w+",
)  # fmt: skip
RETENTION = _any(
    r"\b(?:retain|keep|kept|store|hold|held)\w*\b.{0,80}\b(?:years?|months?|days?|as long as|no longer than|until)\b",
    r"retention (?:period|schedule|polic)",
    r"\b(?:delete|destroy|de-identify|anonymi[sz]e)\w*\b.{0,60}\b(?:when|once|after)\b",
)
RIGHTS_EU = _any(r"\berasure\b|\bdelet(?:e|ion)\b|right to be forgotten", r"\brestrict", r"\bobject\b", r"\bportab")
WITHDRAW = _any(r"withdraw (?:your )?consent|withdraw it|withdrawing consent|revoke (?:your )?consent")
REQUIREMENT = _any(
    r"(?:statutory|legal) (?:or|and) contractual requirement|contractual requirement|(?:required|necessary) (?:by law|to enter into|for (?:the|a) contract)",
    r"if you (?:do not|don't) provide",
)

VAGUE = _any(
    r"we take your privacy (?:very )?seriously", r"industry[- ]standard (?:security|measures|protection)", r"from time to time",
    r"including(?:,)? but not limited to", r"\bmay share\b.{0,40}\bthird parties\b", r"trusted (?:third )?partners", r"state[- ]of[- ]the[- ]art security",
    r"(?:100%|completely|totally|fully) secure", r"will never be (?:lost|accessed|hacked)", r"as we see fit", r"any (?:other )?purpose",
)  # fmt: skip
OUTDATED_REGULATOR = (
    (_any(r"Office of the Federal Privacy Commissioner", r"Federal Privacy Commissioner"), "the Office of the Federal Privacy Commissioner became the OAIC on 1 November 2010"),
    (_any(r"www\.privacy\.gov\.au|privacy\.gov\.au"), "privacy.gov.au is the former Privacy Commissioner's site; the OAIC is at oaic.gov.au"),
    (_any(r"1300 363 992.{0,40}(?:Federal Privacy|privacy\.gov)"), "a former Privacy Commissioner contact"),
)  # fmt: skip
NEGATED_OVERSEAS = _any(
    r"(?:do|does|will) not (?:disclose|send|transfer|store|share)\w*.{0,80}(?:overseas|outside (?:of )?(?:Australia|New Zealand|the EU|the EEA|the European Union)|offshore)",
    r"(?:never|not) (?:disclosed|sent|transferred|stored|held)\w*.{0,60}(?:overseas|outside (?:of )?(?:Australia|New Zealand|the EU|the EEA|the European Union)|offshore)",
    r"(?:only|all).{0,40}(?:stored|held|hosted|kept) (?:only )?(?:in|within) (?:Australia|New Zealand)",
)  # fmt: skip
NO_COOKIES = _any(r"(?:do|does) not (?:use|set|place) (?:any )?cookies", r"no cookies")
ANALYTICS = _any(r"google analytics|analytics cookies|tracking pixels?|facebook pixel|meta pixel|hotjar|tag manager")
NEVER_SELL = _any(r"(?:never|do not|don't|will not) sell")
SELL = _any(r"\bmay sell\b|\bwe sell\b|\bsold to\b")


@dataclass
class ElementResult:
    id: str
    status: str  # present | partial | missing
    evidence: str | None
    note: str


@dataclass
class Finding:
    code: str
    text: str
    evidence: str


@dataclass
class Report:
    jurisdiction: str
    elements: list[ElementResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "elements": [e.__dict__ for e in self.elements],
            "findings": [f.__dict__ for f in self.findings],
        }


def _first(found: Iterable[str]) -> str | None:
    return next(iter(found), None)


def _near(sents: list[str], first: re.Pattern[str], second: re.Pattern[str], window: int = 1) -> list[str]:
    """Sentences matching ``first`` with ``second`` in the same sentence or one beside it (a question
    heading and its answer, a complaint and how it is handled)."""
    hits = []
    for i, sentence in enumerate(sents):
        if first.search(sentence) and any(second.search(s) for s in sents[max(0, i - window) : i + window + 1]):
            hits.append(sentence)
    return hits


def _with(sents: list[str], *patterns: re.Pattern[str]) -> list[str]:
    return [s for s in sents if all(p.search(s) for p in patterns)]


def _status(
    full: list[str], part: list[str], note_full: str, note_part: str, note_missing: str
) -> tuple[str, str | None, str]:
    if full:
        return "present", full[0], note_full
    if part:
        return "partial", part[0], note_part
    return "missing", None, note_missing


def _kinds_sentences(sents: list[str]) -> tuple[list[str], list[str]]:
    rich = [s for s in sents if len({m.group(0).lower() for m in KIND_WORDS.finditer(s)}) >= 3]
    thin = [s for s in sents if COLLECT.search(s) and re.search(PI, s, re.IGNORECASE)]
    return rich, thin


def _evaluate(eid: str, sents: list[str]) -> tuple[str, str | None, str]:
    """(status, evidence, note) for one element."""
    if eid in ("APP1.4(a)",):
        rich, thin = _kinds_sentences(sents)
        return _status(
            rich,
            thin,
            "the kinds of information are listed",
            "collection is mentioned but the kinds are not listed",
            "no list of the kinds of information collected",
        )
    if eid == "APP1.4(b)":
        how, hold = _with(sents, HOW_COLLECT), _with(sents, HOLD)
        if how and hold:
            return "present", how[0], "how it is collected and how it is held are both described"
        return _status(
            [],
            how or hold,
            "",
            "only one of how it is collected and how it is held is described",
            "nothing on how information is collected or held",
        )
    if eid in ("APP1.4(c)", "NZ.purpose", "Art13(1)(c)"):
        found = _with(sents, PURPOSE)
        if eid == "Art13(1)(c)":
            basis = _with(sents, LEGAL_BASIS)
            if found and basis:
                return "present", basis[0], "purposes and their legal basis are given"
            return _status(
                [],
                found or basis,
                "",
                "purposes without their legal basis (or the reverse)",
                "no purposes or legal basis",
            )
        return _status(found, [], "the purposes are described", "", "no purposes of collection, use or disclosure")
    if eid in ("APP1.4(d)", "NZ.access"):
        both = _with(sents, ACCESS, CORRECT)
        access, correct = _with(sents, ACCESS), _with(sents, CORRECT)
        if both or (access and correct):
            return "present", (both or access)[0], "access and correction are both explained"
        return _status(
            [],
            access or correct,
            "",
            "only one of access and correction is explained",
            "nothing on access or correction",
        )
    if eid in ("APP1.4(e)", "NZ.complaints"):
        regulator = REGULATOR_AU if eid == "APP1.4(e)" else REGULATOR_NZ
        handled = _near(sents, COMPLAIN, COMPLAINT_HANDLING)
        escalate = _with(sents, regulator)
        complaint = _with(sents, COMPLAIN)
        if handled and (escalate or eid == "APP1.4(e)"):
            return "present", handled[0], "how to complain and how complaints are dealt with"
        return _status(
            [],
            complaint,
            "",
            "complaints are mentioned but not how they are handled (or where to escalate)",
            "nothing on complaints",
        )
    if eid == "APP1.4(f)":
        found = _with(sents, OVERSEAS) + _with(sents, NEGATED_OVERSEAS)
        return _status(
            found, [], "overseas disclosure is addressed", "", "nothing on whether information goes overseas"
        )
    if eid == "APP1.4(g)":
        if _with(sents, NEGATED_OVERSEAS) and not _overseas_positive(sents):
            return "present", _with(sents, NEGATED_OVERSEAS)[0], "nothing goes overseas, so no countries are needed"
        named = [s for s in sents if OVERSEAS.search(s) and _foreign(s)] or [
            s
            for s in sents
            if re.search(r"\b(?:countr|located in|hosted in|stored in|based in)\w*", s, re.IGNORECASE) and _foreign(s)
        ]
        overseas = _with(sents, OVERSEAS)
        return _status(
            named,
            [],
            "the countries are named",
            "",
            "overseas disclosure without the countries" if overseas else "no countries named",
        )
    if eid == "APP1.7-1.9":
        return _status(
            _with(sents, AUTOMATED),
            [],
            "automated decisions are addressed",
            "",
            "nothing on decisions made by computer programs",
        )
    if eid in ("NZ.recipients", "Art13(1)(e)"):
        return _status(_with(sents, RECIPIENTS), [], "recipients are described", "", "no recipients described")
    if eid == "NZ.agency":
        return _status(
            _with(sents, AGENCY),
            _with(sents, CONTROLLER),
            "name and address given",
            "contact details without a name and address",
            "no name and address",
        )
    if eid in ("NZ.voluntary", "Art13(2)(e)"):
        pattern = VOLUNTARY if eid == "NZ.voluntary" else REQUIREMENT
        return _status(
            _with(sents, pattern),
            _with(sents, VOLUNTARY),
            "said whether giving it is required",
            "",
            "nothing on whether giving information is voluntary",
        )
    if eid == "NZ.indirect":
        return _status(
            _with(sents, INDIRECT), [], "collection from others is explained", "", "nothing on collection from others"
        )
    if eid == "Art13(1)(a)":
        return _status(_with(sents, CONTROLLER), [], "who the controller is", "", "the controller is not identified")
    if eid == "Art13(1)(b)":
        return _status(
            _with(sents, DPO), [], "a data protection contact is given", "", "no data protection officer or contact"
        )
    if eid == "Art13(1)(d)":
        return _status(
            _with(sents, LEGIT), [], "legitimate interests addressed", "", "legitimate interests not explained"
        )
    if eid == "Art13(1)(f)":
        none = _with(sents, NEGATED_OVERSEAS)
        if none and not _overseas_positive(sents):
            return "present", none[0], "no transfers out of the EU"
        transfers = _with(sents, OVERSEAS)
        safeguards = _with(sents, _any(r"standard contractual clauses|adequacy|binding corporate rules|safeguards?"))
        if transfers and safeguards:
            return "present", safeguards[0], "transfers and their safeguards"
        return _status([], transfers, "", "transfers without their safeguards", "nothing on transfers out of the EU")
    if eid == "Art13(2)(a)":
        return _status(_with(sents, RETENTION), [], "how long data is kept", "", "no retention period or criteria")
    if eid == "Art13(2)(b)":
        rights = {
            p
            for s in sents
            for p in ("erase", "restrict", "object", "port")
            if re.search(
                {
                    "erase": r"erasure|delet|forgotten",
                    "restrict": r"restrict",
                    "object": r"\bobject",
                    "port": r"portab",
                }[p],
                s,
                re.IGNORECASE,
            )
        }
        full = _with(sents, RIGHTS_EU)
        return (
            ("present", full[0], "the data subject rights are listed")
            if len(rights) >= 3
            else _status([], full, "", "only some rights are listed", "the rights are not listed")
        )
    if eid == "Art13(2)(c)":
        return _status(_with(sents, WITHDRAW), [], "withdrawing consent", "", "nothing on withdrawing consent")
    if eid == "Art13(2)(d)":
        return _status(
            _with(sents, SUPERVISORY),
            _with(sents, COMPLAIN),
            "complaint to a supervisory authority",
            "complaints mentioned without a supervisory authority",
            "no right to complain to a supervisory authority",
        )
    if eid == "Art13(2)(f)":
        return _status(
            _with(sents, AUTOMATED),
            [],
            "automated decision-making addressed",
            "",
            "nothing on automated decision-making",
        )
    raise KeyError(eid)


def _foreign(sentence: str) -> bool:
    return any(m.group(0) not in ("Australia", "New Zealand") for m in COUNTRIES.finditer(sentence))


def _overseas_positive(sents: list[str]) -> bool:
    return any(OVERSEAS.search(s) and not NEGATED_OVERSEAS.search(s) for s in sents)


def _findings(sents: list[str]) -> list[Finding]:
    found: list[Finding] = []
    for pattern, what, why in law.REPEALED:
        for s in sents:
            if re.search(pattern, s) and not re.search(
                r"replaced|repealed|formerly|previously|no longer|superseded", s, re.IGNORECASE
            ):
                found.append(Finding("repealed-law", f"Cites {what} as current law: {why}.", s))
                break
    overseas = [s for s in sents if OVERSEAS.search(s) and not NEGATED_OVERSEAS.search(s)]
    if overseas and not any(
        _foreign(s) for s in sents if OVERSEAS.search(s) or re.search(r"countr|hosted|stored|located", s, re.IGNORECASE)
    ):
        found.append(
            Finding(
                "overseas-without-countries",
                "Says information may go overseas without naming the countries (APP 1.4(g)).",
                overseas[0],
            )
        )
    for regulator, why in OUTDATED_REGULATOR:
        hit = _first(s for s in sents if regulator.search(s))
        if hit:
            found.append(Finding("outdated-regulator", f"Out-of-date regulator details: {why}.", hit))
            break
    vague = [s for s in sents if VAGUE.search(s)]
    for s in vague[:3]:
        found.append(Finding("vague-promise", "A promise too vague to verify or rely on.", s))
    contradictions = (
        (NEGATED_OVERSEAS, lambda s: bool(OVERSEAS.search(s) and _foreign(s) and not NEGATED_OVERSEAS.search(s)), "Says nothing goes overseas, and elsewhere that it does."),
        (NO_COOKIES, lambda s: bool(ANALYTICS.search(s)), "Says no cookies are used, and elsewhere describes analytics or tracking."),
        (NEVER_SELL, lambda s: bool(SELL.search(s) and not NEVER_SELL.search(s)), "Says personal information is never sold, and elsewhere that it may be."),
    )  # fmt: skip
    for claim, other, why in contradictions:
        first = _first(s for s in sents if claim.search(s))
        second = _first(s for s in sents if other(s))
        if first and second:
            found.append(Finding("contradiction", why, f"{first} … {second}"))
    return found


def check(text: str, jurisdiction: str, on: date | None = None) -> Report:
    """Check the policy's text for ``jurisdiction`` (au, nz or eu)."""
    jurisdiction = jurisdiction.lower()
    if jurisdiction not in JURISDICTIONS:
        raise PolicyReadError(f"--jurisdiction: {jurisdiction!r} is not au, nz or eu.")
    sents = sentences(text)
    words = re.findall(r"[A-Za-z]{2,}", text)
    if len(words) < 30:
        raise PolicyReadError("There is too little text here to be a privacy policy.")
    if not any(re.search(r"\b(?:privacy|personal (?:information|data))\b", s, re.IGNORECASE) for s in sents[:2000]):
        raise PolicyReadError(
            "This does not read as a privacy policy: it never mentions privacy or personal information."
        )
    sents = [s for s in sents if len(s) < 2000][:5000]  # a policy's sentences; runaway text is not one
    on = on or date.today()
    report = Report(jurisdiction)
    for element in law.required(jurisdiction, on):
        status, evidence, note = _evaluate(element.id, sents)
        report.elements.append(ElementResult(element.id, status, evidence, note))
    report.findings = _findings(sents)
    return report
