"""Place-name normalisation: how "St. Paul, Minn." and "SAINT PAUL MN" come to mean one place."""

from __future__ import annotations

import re
import unicodedata

STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "AS": "American Samoa", "GU": "Guam", "MP": "Northern Mariana Islands", "PR": "Puerto Rico",
    "VI": "Virgin Islands", "FM": "Micronesia", "MH": "Marshall Islands", "PW": "Palau",
}

# Older newspaper and GPO abbreviations people still write ("Chicago, Ill.").
_TRADITIONAL = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "cal": "CA", "calif": "CA", "colo": "CO",
    "conn": "CT", "del": "DE", "dc": "DC", "fla": "FL", "ill": "IL", "ind": "IN", "kan": "KS",
    "kans": "KS", "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS", "mont": "MT",
    "neb": "NE", "nebr": "NE", "nev": "NV", "n mex": "NM", "n dak": "ND", "okla": "OK",
    "ore": "OR", "oreg": "OR", "penn": "PA", "penna": "PA", "s dak": "SD", "tenn": "TN",
    "tex": "TX", "wash": "WA", "w va": "WV", "wis": "WI", "wisc": "WI", "wyo": "WY",
    "us virgin islands": "VI",
    "federated states of micronesia": "FM",
}

# Abbreviations inside city names, expanded on both sides (the data has "Ft Kent Mls" too).
_EXPANSIONS = {
    "st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "mtn": "mountain",
    "pt": "point", "n": "north", "s": "south", "e": "east", "w": "west",
}

_INITIALS = re.compile(r"\b([a-z])\.(?=[a-z]\b)")  # "d.c." -> "dc.", "n.y." -> "ny."
_WORDS = re.compile(r"[a-z0-9]+|,")


def tokens(text: str) -> list[str]:
    """Lower-case ASCII words of ``text``, with each comma kept as a "," token."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("'", "").replace("\u2019", "")  # "Mary's" is "Marys" in USPS data
    if "." in text:
        text = _INITIALS.sub(lambda match: match[1], text)
    return _WORDS.findall(text)


def city_key(words: list[str] | str) -> str:
    """The lookup key of a city name: abbreviations expanded, then spaces dropped.

    Dropping spaces makes "O'Fallon", "O Fallon" and "OFallon" (or "De Kalb" and "DeKalb") one key.
    """
    if isinstance(words, str):
        words = tokens(words)
    return "".join(_EXPANSIONS.get(word, word) for word in words if word != ",")


def _state_lookup() -> dict[str, str]:
    lookup = {" ".join(tokens(name)): code for code, name in STATES.items()}
    lookup.update({code.lower(): code for code in STATES})
    lookup.update(_TRADITIONAL)
    return lookup


STATE_LOOKUP = _state_lookup()
_LONGEST_STATE = max(len(key.split()) for key in STATE_LOOKUP)


def state_code(text: str) -> str | None:
    """The two-letter code of a state written as a code, a name or an old abbreviation."""
    return STATE_LOOKUP.get(" ".join(word for word in tokens(text) if word != ","))


def split_state(words: list[str]) -> tuple[list[str], str | None]:
    """Split a trailing state off ``words``: (the words before it, its code or None).

    The longest match wins ("West Virginia" over "Virginia"). A state with nothing before it is
    not split off, so "Washington" and "New York" stay city names.
    """
    for size in range(min(_LONGEST_STATE, len(words) - 1), 0, -1):
        tail = words[-size:]
        if "," in tail:
            continue
        code = STATE_LOOKUP.get(" ".join(tail))
        head = words[:-size]
        while head and head[-1] == ",":
            head = head[:-1]
        if code and head:
            return head, code
    return words, None
