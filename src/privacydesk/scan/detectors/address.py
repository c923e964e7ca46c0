"""Australian and New Zealand street and postal addresses.

A street address is a building number (with an optional unit: "Unit 4, 12", "4/12", "Flat 3"), one to
three capitalised words and a street type from the Australia Post / NZ Post list ("Street", "St",
"Crescent", "Grange"…), optionally followed by a suburb, a state and a four-digit postcode. A PO Box
with its number is a postal address. The score is higher when the suburb-state-postcode tail is there."""

from __future__ import annotations

import re

from privacydesk.scan.detectors import Detector, Runs, words

# Australia Post's street types, New Zealand's extra ones, and the usual abbreviations.
STREET_TYPES = [
    *words(
        "Access Alley Alleyway Amble Anchorage Approach Arcade Artery Avenue Basin Beach Bend Block Boulevard Brace "
        "Brae Break Bridge Broadway Brow Bypass Byway Causeway Centre Centreway Chase Circle Circlet Circuit Circus "
        "Close Colonnade Common Concourse Copse Corner Corso Court Courtyard Cove Crescent Crest Cross Crossing "
        "Crossroad Crossway Cruiseway Cul-de-sac Cutting Dale Dell Deviation Dip Distributor Drive Driveway Edge Elbow "
        "End Entrance Esplanade Estate Expressway Extension Fairway Firetrail Flats Follow Footway Foreshore "
        "Formation Freeway Front Frontage Gap Garden Gardens Gate Gates Glade Glen Grange Green Ground Grove Gully "
        "Heights Highroad Highway Hill Interchange Intersection Junction Key Keys Landing Lane Laneway Lees Line Link "
        "Little Lookout Loop Lower Mall Meander Mew Mews Motorway Mount Nook Outlook Parade Park Parklands Parkway "
        "Part Pass Path Pathway Piazza Place Plateau Plaza Pocket Point Port Promenade Quad Quadrangle Quadrant Quay "
        "Quays Ramble Ramp Range Reach Reserve Rest Retreat Ride Ridge Ridgeway Ring Rise River Riverway Riviera Road "
        "Roads Roadside Roadway Ronde Rosebowl Rotary Round Route Row Rue Run Siding Slope Sound Spur Square Stairs "
        "Steps Strand Street Strip Subway Tarn Terrace Thoroughfare Tollway Top Tor Towers Track Trail Trailer "
        "Triangle Trunkway Turn Underpass Upper Vale Viaduct View Villas Vista Wade Walk Walkway Way Wynd "
        "St Rd Ave Av Dr Ct Crt Pl Cres Cr Tce Pde Hwy Blvd Cl Gr Cct Sq Esp Ln Pkwy Wy Gdns Hts Mt"
    ),
    "Fire Track",
    "Right Of Way",
    "Service Way",
    "State Highway",
]
STATES = r"(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT|Vic|Qld|Tas)"

_TYPE = "(?:" + "|".join(re.escape(t) for t in sorted(STREET_TYPES, key=len, reverse=True)) + r")\b\.?"
_UNIT = (
    r"(?:\b(?:Unit|Apt\.?|Apartment|Flat|Suite|Level|Lvl|Shop|Villa)\s+\d{1,4}[A-Za-z]?(?:,\s*|\s+|\n)"
    r"|(?<![\w/])\d{1,4}[A-Za-z]?/)"
)
_STREET = rf"\d{{0,4}}[A-Za-z]?(?:-\d{{1,5}})?,?\s+(?:(?:Mc|Mac|O')?[A-Z][a-z'\u2019]+[ -]){{1,3}}{_TYPE}"
_TAIL = (
    r"(?:(?:,\s*|\n|\s+)(?:RD \d{1,2}\s*(?:,\s*|\n))?(?:[A-Z][A-Za-z'\u2019]+(?: [A-Z][A-Za-z'\u2019]+){0,2})"
    rf"(?:,?\s+{STATES})?,?\s+\d{{4}}\b)"
)

_WITH_TAIL = re.compile(rf"{_TAIL}$")


def _street_score(candidate: str) -> float:
    """0.9 with the suburb, state and postcode after the street ("5 Thomas Pass, Upper Hutt 5018" is an
    address, not Mr Thomas Pass); 0.75 for a street alone."""
    return 0.9 if _WITH_TAIL.search(candidate) else 0.75


STREET_ADDRESS = Detector(
    entity="ADDRESS",
    pattern=re.compile(rf"\d(?<!\w\d){_STREET}(?:{_TAIL})?"),
    score_of=_street_score,
    prefix=re.compile(rf"{_UNIT}$"),
    # The building number, then (after an optional letter and comma) a capitalised street name.
    runs=Runs(anchored=True, follows=re.compile(r"[A-Za-z]?,?\s+(?:Mc|Mac|O')?[A-Z]")),
    score=0.75,
    context=("address", "lives at", "live at", "moved to", "deliver", "postal", "street", "residential", "home"),
    context_boost=0.15,
    reason="street address pattern",
    negative_context=(),
)

PO_BOX = Detector(
    entity="ADDRESS",
    pattern=re.compile(
        rf"\b(?:PO|P\.O\.|Post Office|Private) Bag|\b(?:PO|P\.O\.|Post Office) Box \d{{1,6}}(?:{_TAIL})?", re.I
    ),
    # "PO Box" / "Private Bag": only near those words ("Post Office " before, the tail after).
    triggers=("box", "bag"),
    trigger_window=(16, 120),
    has_digits=False,
    score=0.7,
    context=("address", "postal", "mail", "send"),
    context_boost=0.15,
    reason="postal address pattern",
    negative_context=(),
)
