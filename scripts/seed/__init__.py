"""Deterministic generator of the fictional demo catalog (Open Referral HSDS 3.0 JSON).

Everything here is invented: organizations, people, street numbers, phone numbers (555-01XX)
and web addresses (under example.org). Only city names, street names, ZIP codes and area codes
are real, so that maps, distance search and "open now" behave like they would with real data.

Modules:
    regions, regions_b   cities, streets, ZIP codes, area codes, transit and time zones
    taxonomy             the two taxonomies and their terms
    orgs_a, orgs_b       the organizations of each region (names, stories, services offered)
    phrases_a .. _e      phrase and fragment pools that descriptions are composed from
    kinds                what each service code means (category, pools, hours, virtual)
    schedules            opening hours by kind of service
    builders             phone numbers, people, addresses and locations
    services, services_b one service with its details and extension fields
    organizations        one organization with its locations, programs and services
    finalize             catalog-wide freshness, intake status, alerts, expired certificates
"""

from __future__ import annotations

import random
import unicodedata
import uuid
from datetime import UTC, date, datetime, time, timedelta

#: Every date in the catalog is relative to this day, so the output never changes.
REFERENCE_DATE = date(2026, 11, 1)
REFERENCE_MOMENT = datetime.combine(REFERENCE_DATE, time(12, 0), tzinfo=UTC)

#: Fixed namespace for ``uuid.uuid5`` ids (derived from the project's demo domain).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "seed.recovery-connect.example.org")

SEED = 20261101

#: Who verified the listings (the demo directory's own fictional data team).
ASSURER_EMAILS = (
    "verify@recovery-connect.example.org",
    "data-team@recovery-connect.example.org",
    "listings@recovery-connect.example.org",
)
DIRECTORY_URI = "https://recovery-connect.example.org"


def make_id(key: str) -> str:
    """A stable UUID for a stable key such as ``org:chicago:lakeshore-peer/service:2``."""
    return str(uuid.uuid5(NAMESPACE, key))


def rng_for(key: str) -> random.Random:
    """A random generator of its own for one stable key (str seeds are hashed with SHA-512,
    so this does not depend on PYTHONHASHSEED)."""
    return random.Random(f"{SEED}:{key}")


def iso_date(day: date) -> str:
    return day.isoformat()


def iso_moment(moment: datetime) -> str:
    """``2026-10-14T16:05:00Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def days_before(days: int) -> date:
    return REFERENCE_DATE - timedelta(days=days)


def slugify(text: str) -> str:
    """ASCII slug for domains and paths: ``Nowy Dzień`` -> ``nowy-dzien``."""
    folded = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in folded if not unicodedata.combining(c))
    text = text.replace("ł", "l").replace("Ł", "L")
    out = []
    for char in text.lower().replace("&", "and").replace("'", ""):
        if not char.isascii():
            char = "-"
        out.append(char if char.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)


class Deck:
    """Draws from a phrase pool without replacement, reshuffling when it runs out, so every
    phrase is used about equally often and the same phrase rarely appears twice in a row."""

    def __init__(self, name: str, items):
        if not items:
            raise ValueError(f"phrase pool {name!r} is empty")
        self.name = name
        self.items = list(items)
        self.rng = rng_for(f"deck:{name}")
        self.pile: list = []

    def draw(self):
        if not self.pile:
            self.pile = self.items[:]
            self.rng.shuffle(self.pile)
        return self.pile.pop()


_DECKS: dict[str, Deck] = {}


def draw(name: str, items):
    """Next phrase of the pool ``name`` (one deck per pool name for the whole run)."""
    deck = _DECKS.get(name)
    if deck is None:
        deck = _DECKS[name] = Deck(name, items)
    return deck.draw()


class Slots(dict):
    """``str.format_map`` mapping: ``{f_...}`` slots draw the next fragment of their pool;
    any other missing slot fails loudly."""

    def __missing__(self, key):
        from .phrases_e import FRAGMENTS

        if key in FRAGMENTS:
            return draw(key, FRAGMENTS[key])
        raise KeyError(f"phrase needs the slot {{{key}}}, which this context lacks")


def fill(template: str, context: dict) -> str:
    """Fill slots; a phrase is capitalized, since a fragment may open it."""
    text = template.format_map(Slots(context))
    return text[0].upper() + text[1:] if text else text
