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
    Sydney Melbourne Brisbane Perth Adelaide Hobart Darwin Canberra Auckland Wellington Christchurch Hamilton
    Dunedin Tauranga Nelson Napier Australia Australian Zealand Pty Ltd Limited Inc Group Centre Medical
    Health Clinic Practice School University Council Department Police Court Mount Port Saint St North South
    East West Central Upper Lower Park Hill King Queen Prince Major General Private Sergeant Captain Young Long
    Price Case Best Kind Grant Mark Bill Guy Art Hope Joy Faith Rose Chase Hunter Sterling Summer Autumn Winter
    Spring Dawn Sky Star Storm Ray Rich Frank Max Sunny Page Reed Gene Dean Drew Miles Ivy Holly Amber Crystal
    Pearl Ruby Jade Lane Norm Carol Dale Glen Heath Rod Sandy Van Wade Ward Brook Christian Justice Unique
    Trinity Harmony Destiny Precious Patience Will Can Job Visa Dell Else Just Also Only Still Even Let Per Via
    Dr Mr Mrs Ms Miss Mx Prof Sir Madam Re Fw Fwd Subject Attached Attachment Invoice Order Quote Ref PO
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
    Sydney Victoria Paris Georgia Jordan Austin Dallas Florence Adelaide Darwin Nelson Hamilton Napier
        """
    )
)
TITLES = frozenset(words("Mr Mrs Ms Miss Mx Dr Prof Sir Dame"))
GREETINGS = (
    "hi ",
    "hello ",
    "hey ",
    "dear ",
    "thanks ",
    "thank you ",
    "cheers ",
    "regards",
    "spoke to ",
    "spoke with ",
    "talked to ",
    "caller ",
    "contact: ",
    "attention ",
    "attn ",
    "from: ",
    "cc ",
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
    return frozenset(names - STOP)


@cache
def surnames() -> frozenset[str]:
    census = importlib.resources.files("names") / "dist.all.last"
    return frozenset(line.split()[0].title() for line in census.read_text().splitlines() if line) - STOP


_TOKEN = re.compile(r"(?:Mc|Mac|O'|O\u2019|D'|De|Van|Di|Le|La)?[A-Z][a-z]+(?:[-'\u2019][A-Z][a-z]+)?")
_GAP = re.compile(r"\.? ")  # a name's parts are separated by one space (after a title, ". " too)


def _surname_like(token: str) -> bool:
    return token not in STOP and len(token) >= 2


def find(text: str) -> Iterator[tuple[int, int, float, str]]:
    tokens = list(_TOKEN.finditer(text))
    firsts, lasts = first_names(), surnames()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        word = token.group()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        adjacent = nxt is not None and _GAP.fullmatch(text, token.end(), nxt.start()) is not None
        if word in TITLES and adjacent and nxt is not None and _surname_like(nxt.group()):
            end, used = nxt.end(), 2
            if (
                i + 2 < len(tokens)
                and text[nxt.end() : tokens[i + 2].start()] == " "
                and tokens[i + 2].group() in lasts
            ):
                end, used = tokens[i + 2].end(), 3
            yield token.start(), end, 0.85, "title and name"
            i += used
            continue
        if word in firsts and (word not in AMBIGUOUS or (adjacent and nxt is not None and nxt.group() in lasts)):
            if adjacent and nxt is not None and _surname_like(nxt.group()):
                end, used = nxt.end(), 2
                surname = nxt.group()
                third = tokens[i + 2] if i + 2 < len(tokens) else None
                if (
                    third is not None
                    and text[nxt.end() : third.start()] == " "
                    and surname in firsts
                    and third.group() in lasts
                ):
                    end, used, surname = third.end(), 3, third.group()
                known = surname in lasts
                yield (
                    token.start(),
                    end,
                    0.85 if known else 0.6,
                    "gazetteer first name and " + ("surname" if known else "capitalised word"),
                )
                i += used
                continue
            start = token.start()
            before = text[max(0, start - 12) : start].lower()
            if word not in AMBIGUOUS and any(g in before for g in GREETINGS):
                yield start, token.end(), 0.7, "gazetteer first name after a greeting"
        i += 1


PERSON = Detector(
    entity="PERSON",
    pattern=_TOKEN,
    score=0.85,
    reason="gazetteer",
    negative_context=(),
    finder=find,
)
