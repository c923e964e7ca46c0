"""Person names, found offline with gazetteers shipped inside PyPI packages: the first names of
``gender-guesser`` (about 33,000, many countries) and the 1990 US Census first names and 88,799
surnames shipped in ``names``. Nothing is downloaded at run time.

A name is a capitalised first name from the gazetteer followed by a capitalised surname (and possibly a
middle name); a title (Mr, Ms, Dr…) followed by a capitalised word; or, after a greeting or sign-off
("Hi Aroha,", "Regards, Sam"), a first name on its own. Gazetteers are full of words that are also
ordinary words at the start of a sentence (Will, May, Grant, Job), so those count as first names only
when a known surname follows, and tickets' everyday capitalised words (Monday, Server, Outlook) never
count as either half of a name."""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterator
from functools import cache

from privacydesk.scan.detectors import Detector, Hits, words

# Capitalised words in tickets and emails that the gazetteers hold but that are not names here.
STOP = frozenset(
    words(
        """
    A An And As At Be But By Can Do For From Had Has Have He Her Here His How I If In Is It Its Me My No Not Of
    On Or Our She So That The Their Them Then There These They This To Up Us We What When Where Which Who Why
    Will With You Your Yes Hi Hello Hey Dear Thanks Thank Regards Kind Best Cheers Please Sorry Welcome Good
    Morning Afternoon Evening Mon Monday Tue Tuesday Wed Wednesday Thu Thursday Fri Friday Sat Saturday Sun Sunday
    January February March April May June July August September October November December Jan Feb Mar Apr Jun
    Jul Aug Sep Sept Oct Nov Dec Today Tomorrow Yesterday Office Windows Server Support Team Teams Outlook
    Microsoft Printer Email Mail New Call Network Password Reset Access Street Road Client Customer Service
    Desk Help Ticket Job Note Notes Phone Mobile Card Visa Bank Staff Laptop Dell Lenovo Apple Cloud Azure Word
    Excel Zoom Update Issue Login Account Manager Admin User Users Site Sites Remote Backup Router Firewall Wifi
    Melbourne Brisbane Hobart Canberra Auckland Wellington Christchurch Dunedin Tauranga Australia
    Australian Zealand Pty Ltd Limited Inc Group Centre Medical
    Health Clinic Practice School University Council Department Police Court Mount Port Saint St Else Just
    Also Only Still Even Let Per Via Dr Mr Mrs Ms Miss Mx Prof Sir Madam Re Fw Fwd Subject Attached Attachment
    Invoice Order Quote Ref PO Patient Payroll Supplier Vendor Contact Requester Caller Employee Accounts
        """
    )
)
# Gazetteer first names that are also ordinary words: names only when a known surname follows.
AMBIGUOUS = frozenset(
    words(
        """
    Will May June April August Mark Grant Bill Guy Art Hope Joy Faith Rose Chase Hunter Sterling Summer Autumn
    Dawn Sky Star Storm Ray Rich Frank Max Sunny Page Reed Gene Dean Drew Miles Ivy Holly Amber Crystal Pearl
    Ruby Jade Lane Norm Carol Dale Glen Heath Rod Sandy Van Wade Ward Brook Christian Justice Young King Major
    Sydney Victoria Paris Georgia Jordan Austin Dallas Florence Adelaide Darwin Nelson Hamilton Napier Perth
        """
    )
)
# Given names common in New Zealand and Australia that the international gazetteers lack: Māori names
# first, then Australasian English ones (a supplement written by the team, not a census).
AUSTRALASIAN = frozenset(
    words(
        """
    Anahera Anaru Ani Aperahama Arama Ariana Ariki Aroha Awhina Hana Hemi Hine Hinemoa Hoani Hohepa Hori Huia
    Ihaia Kahu Kahurangi Kauri Keri Kiri Kiriana Kura Mahina Manaaki Manaia Manawa Maraea Marama Mata Matiu
    Mere Mereana Mihi Mikaere Miriama Moana Ngaio Ngaire Nikau Pania Paora Pita Rahera Rangi Rawiri Rewi
    Rongo Rua Tama Tamati Tane Tangaroa Tawhiri Teina Tia Tipene Tui Waimarie Wairua Whetu Wikitoria Wiremu
    Raewyn Lynley Maree Glenys Robyn Bronwyn Kerryn Shona Tania Archer Bodhi Cohen Indie Kingston Nixon Tayla
    Zac Harlow Ryder Koa Jaxon Lachlan Hamish
        """
    )
)
TITLES = frozenset(words("Mr Mrs Ms Miss Mx Dr Prof Sir Dame"))
# Capitalised greetings and sign-offs before a first name on its own ("Hi Aroha,", "Regards,\nSam"), matched
# where the word is found, and the lower-case phrases that do the same ("spoke to Mere"), matched where the
# engine's keyword pass found them.
GREETINGS = frozenset(words("Hi Hello Hey Dear Thanks Cheers Regards Kia Morena Caller Attn Attention"))
_GREETING = re.compile(
    r"[HDTCRKMA](?<![\w][HDTCRKMA])(?:i|ello|ey|ear|hanks|heers|egards|ia ora|orena|aller|ttn|ttention)"
    r"[,:]?\s+([A-Z][a-z]+)\b"
)
PHRASES = ("spoke to", "spoke with", "talked to", "caller")
_PHRASE = re.compile(r"(?:spoke to|spoke with|talked to|caller)[,:]?\s+([A-Z][a-z]+)\b")


@cache
def first_names() -> frozenset[str]:
    names: set[str] = set()
    census = importlib.resources.files("names")
    for part in ("dist.male.first", "dist.female.first"):
        names.update(line.split()[0].title() for line in (census / part).read_text().splitlines() if line)
    # gender-guesser's nam_dict.txt: a gender code in the first columns, the name from column 3 to 29.
    data = importlib.resources.files("gender_guesser") / "data" / "nam_dict.txt"
    for line in data.read_text("latin-1").splitlines():
        if not line.startswith("#") and len(line) > 30:
            name = line[3:29].strip()
            if len(name) >= 3 and name.isalpha() and name.isascii():
                names.add(name)
    return frozenset((names | AUSTRALASIAN) - STOP)


@cache
def surnames() -> frozenset[str]:
    census = importlib.resources.files("names") / "dist.all.last"
    return frozenset(line.split()[0].title() for line in census.read_text().splitlines() if line) - STOP


_NAME = r"(?:Mc|Mac|O'|O\u2019|D')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# A capitalised word followed by one or two more: the first word is consumed, the rest only looked at,
# so "Hi Sarah Smith" still offers "Sarah" as a first name after "Hi" was rejected.
_RUN = re.compile(rf"[A-Z](?<![\w'\u2019-][A-Z])[a-z]+(?:-[A-Z][a-z]+)?(?= ({_NAME})(?: ({_NAME}))?\b)")
_TITLED = re.compile(rf"(?:M(?:rs?|s|iss|x)|Dr|Prof|Sir|Dame)\.? ({_NAME})(?: ({_NAME}))?\b")


def _known_surname(word: str, lasts: frozenset[str]) -> bool:
    """In the census list, which is title-cased ("Mcintosh"), or, double-barrelled, either half is."""
    return any(part.title() in lasts for part in word.split("-"))


# Where a name can start: every capitalised word. One pass finds them all; only the few that are a
# first name, a title or a greeting in the gazetteers are looked at further.
_CAPITALISED = re.compile(r"[A-Z][a-z]+")


@cache
def _openers() -> frozenset[str]:
    """Words a name can start at: a first name, a title or a greeting."""
    return first_names() | TITLES | GREETINGS


def find(text: str, _lowered: str, hits: Hits) -> Iterator[tuple[int, int, float, str]]:
    """Names in ``text``. One pass over its capitalised words; each pattern above is then matched only
    where a word from the gazetteers begins, so prose costs one scan rather than one per pattern."""
    firsts, lasts, openers = first_names(), surnames(), _openers()
    taken_until = -1
    for capitalised in _CAPITALISED.finditer(text):
        word = capitalised.group()
        if word not in openers:  # most capitalised words: one look-up and on
            continue
        at = capitalised.start()
        if word in TITLES:
            titled = _titled(text, at, lasts)
            if titled is not None:
                yield titled
        if word in GREETINGS:
            greeting = _GREETING.match(text, at)
            if greeting is not None and greeting.group(1) in firsts and greeting.group(1) not in AMBIGUOUS:
                yield greeting.start(1), greeting.end(1), 0.7, "gazetteer first name after a greeting"
        if word in firsts and at >= taken_until:
            named = _named(text, at, firsts, lasts)
            if named is not None:
                taken_until = named[1]
                yield named
    for phrase in PHRASES:  # found by the engine in the lower-cased text; matched here as written
        for at in hits.get(phrase, ()):
            match = _PHRASE.match(text, at)
            if match is not None and match.group(1) in firsts and match.group(1) not in AMBIGUOUS:
                yield match.start(1), match.end(1), 0.7, "gazetteer first name after a greeting"


def _titled(text: str, at: int, lasts: frozenset[str]) -> tuple[int, int, float, str] | None:
    """ "Dr Nguyen", "Mrs Jane Smith": a title and the capitalised word after it."""
    match = _TITLED.match(text, at)
    if match is None or (at and text[at - 1].isalnum()) or match.group(1) in STOP:
        return None
    more = match.group(2)
    return at, (match.end(2) if more and more in lasts else match.end(1)), 0.85, "title and name"


def _named(text: str, at: int, firsts: frozenset[str], lasts: frozenset[str]) -> tuple[int, int, float, str] | None:
    """A first name from the gazetteer and the capitalised word (or two) after it."""
    match = _RUN.match(text, at)
    if match is None:
        return None
    word, second, third = match.group(), match.group(1), match.group(2)
    if word not in firsts or second in STOP:
        return None
    if word in AMBIGUOUS and not _known_surname(second, lasts):
        return None
    end, surname = match.end(1), second
    if third and second in firsts and _known_surname(third, lasts):
        end, surname = match.end(2), third
    if _known_surname(surname, lasts):
        return at, end, 0.85, "gazetteer first name and surname"
    return at, end, 0.6, "gazetteer first name and capitalised word"


PERSON = Detector(
    entity="PERSON",
    pattern=_RUN,
    score=0.85,
    reason="gazetteer",
    negative_context=(),
    finder=find,
    keywords=PHRASES,
    has_digits=False,
)
