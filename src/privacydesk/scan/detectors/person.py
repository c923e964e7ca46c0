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

from privacydesk.scan.detectors import Detector, words

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
# A greeting or sign-off and the name after it ("Hi Aroha,", "Regards,\nSam", "spoke to Mere"). The
# capitalised forms start with a capital letter, which the regex engine skips ahead to; the lower-case
# phrases start with a literal word.
_GREETINGS = (
    re.compile(
        r"[HDTCRKMA](?<![\w][HDTCRKMA])(?:i|ello|ey|ear|hanks|heers|egards|ia ora|orena|aller|ttn|ttention)"
        r"[,:]?\s+([A-Z][a-z]+)\b"
    ),
    *(re.compile(rf"{phrase}[,:]?\s+([A-Z][a-z]+)\b") for phrase in ("spoke to", "spoke with", "talked to", "caller")),
)


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
_AFTER_GREETING = re.compile(r"[,:]?\s+([A-Z][a-z]+)\b")


def _known_surname(word: str, lasts: frozenset[str]) -> bool:
    """In the census list, which is title-cased ("Mcintosh"), or, double-barrelled, either half is."""
    return any(part.title() in lasts for part in word.split("-"))


def find(text: str) -> Iterator[tuple[int, int, float, str]]:
    firsts, lasts = first_names(), surnames()
    taken_until = -1
    for match in _TITLED.finditer(text):
        if match.start() and text[match.start() - 1].isalnum():
            continue
        surname, more = match.group(1), match.group(2)
        if surname in STOP:
            continue
        end = match.end(2) if more and more in lasts else match.end(1)
        yield match.start(), end, 0.85, "title and name"
    for match in _RUN.finditer(text):
        if match.start() < taken_until:
            continue
        word, second, third = match.group(), match.group(1), match.group(2)
        if word not in firsts or second in STOP:
            continue
        if word in AMBIGUOUS and not _known_surname(second, lasts):
            continue
        end, surname = match.end(1), second
        if third and second in firsts and _known_surname(third, lasts):
            end, surname = match.end(2), third
        known = _known_surname(surname, lasts)
        taken_until = end
        yield (
            match.start(),
            end,
            0.85 if known else 0.6,
            ("gazetteer first name and surname" if known else "gazetteer first name and capitalised word"),
        )
    for match in (m for pattern in _GREETINGS for m in pattern.finditer(text)):
        name = match.group(1)
        if name in firsts and name not in AMBIGUOUS:
            yield match.start(1), match.end(1), 0.7, "gazetteer first name after a greeting"


PERSON = Detector(
    entity="PERSON",
    pattern=_RUN,
    score=0.85,
    reason="gazetteer",
    negative_context=(),
    finder=find,
    has_digits=False,
)
