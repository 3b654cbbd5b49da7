"""One HSDS organization with its locations, programs and services."""

from __future__ import annotations

import re

from . import draw, fill, make_id, rng_for, slugify
from . import phrases_d as D
from .builders import (
    Addresses,
    PhoneBook,
    Site,
    ascii_name,
    finish_location_languages,
    person,
    physical_location,
    street_name,
    virtual_location,
)
from .kinds import KINDS
from .orgs_a import Org
from .regions import Region
from .services import OrgContext, build_service

OFFICE_NAMES = {"rco": "community center", "meetings": "meeting house",
                "housing": "administrative office", "warmline": "office"}
PROGRAM_NAMES = {"mentor": "Peer Recovery Services", "family": "Family Recovery Program",
                 "mutual": "Community Recovery Program", "rco": "Community Recovery Program",
                 "house": "Recovery Housing Program", "employ": "Recovery Works Program",
                 "tele": "Virtual Care Program", "trans": "Recovery Rides Program"}
REGION_AREAS = {"chicago": "Chicago and the near suburbs", "portland": "the Portland metro",
                "albuquerque": "the Albuquerque area", "eastern-kentucky": "Eastern Kentucky"}
MAIN_CITIES = {"Chicago", "Portland", "Albuquerque"}


def join_words(words: list[str]) -> str:
    words = list(dict.fromkeys(words))
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def housing_words(codes: list[str]) -> str:
    """``recovery housing for women``, ``recovery housing (including a home for men)``..."""
    homes = set(t for t in codes if t in ("H", "Hw", "Hm"))
    groups = [g for t, g in (("Hw", "women"), ("Hm", "men")) if t in homes]
    if not groups:
        return "recovery housing"
    if "H" not in homes:
        return "recovery homes for women and for men" if len(groups) == 2 else \
            f"recovery housing for {groups[0]}"
    if len(groups) == 2:
        return "recovery housing (with homes for women, for men and for mixed households)"
    return f"recovery housing (including a home for {groups[0]})"


def offer_words(codes: list[str]) -> str:
    words, housing_done = [], False
    for code in codes:
        if code in ("H", "Hw", "Hm"):
            if not housing_done:
                words.append(housing_words(codes))
                housing_done = True
        else:
            words.append(D.OFFER_WORDS[code])
    return join_words(words)


def describe_org(spec: Org, short: str, office: Site, region: Region, rng) -> str:
    codes = spec.services.split()
    offers = offer_words(codes)
    area = REGION_AREAS[region.key] if office.city in MAIN_CITIES or region.key == \
        "eastern-kentucky" else f"{office.city} and nearby towns"
    template = draw("org:offers", D.ORG_OFFERS)
    paid = any(t[0] in "HFT" and t not in ("FE", "FEv") for t in codes)
    while paid and "free" in template:
        template = draw("org:offers", D.ORG_OFFERS)
    parts = [spec.story, fill(template,
                              {"short": short, "offers": offers, "street": office.address,
                               "area": area})]
    if rng.random() < 0.7:
        parts.append(fill(draw(f"org:closing:{spec.kind}", D.ORG_CLOSING[spec.kind]), {}))
    text = " ".join(parts)
    return text[0].upper() + text[1:]


def build_organization(region: Region, spec: Org, phones: PhoneBook,
                       addresses: Addresses) -> tuple[dict, list[dict]]:
    """The organization object and facts about each of its services."""
    slug = slugify(spec.name)
    domain = f"{slug}.example.org"
    key = f"org:{region.key}:{slug}"
    org_id = make_id(key)
    rng = rng_for(key)
    short = spec.alternate_name or spec.name
    street, number = addresses.pick(spec.city, rng, spec.hood)
    main_number = phones.number(spec.city, street.zip_code)
    office = physical_location(
        org_id=org_id, key=f"{key}/office", kind="office", city=spec.city, region=region,
        name=f"{short} {OFFICE_NAMES.get(spec.kind, 'main office')}", street=street,
        number=number, rng=rng,
        phones=[{"number": main_number, "type": "voice", "description": "Front desk"}])
    sites = [office]
    ctx = OrgContext(region, spec, org_id, key, short, domain, phones, office, set())

    codes = spec.services.split()
    first_group = KINDS[codes[0]].group
    program = None
    if spec.kind in ("peer", "rco", "family") and len(codes) >= 3 and rng.random() < 0.6:
        name = PROGRAM_NAMES[first_group]
        covered = [D.OFFER_WORDS[t] for t in codes if KINDS[t].group == first_group]
        program = {"id": make_id(f"{key}/program:0"), "organization_id": org_id, "name": name,
                   "description": f"{short}'s {name.lower()} brings together "
                                  f"{join_words(covered)} under one team."}

    services, facts = [], []
    virtual = None
    used_meeting_room = False
    for index, code in enumerate(codes):
        kind = KINDS[code]
        if kind.virtual:
            if virtual is None:
                virtual = virtual_location(org_id=org_id, key=f"{key}/online", short=short,
                                           domain=domain, region=region, city=spec.city)
                sites.append(virtual)
            site = virtual
        elif kind.term == "recovery-housing" or (code == "MH" and used_meeting_room
                                                 and rng.random() < 0.7):
            housing = kind.term == "recovery-housing"
            taken = {s.street.street for s in sites if s.street}
            near = spec.hood if housing and spec.hood and rng.random() < 0.7 else None
            street, number = addresses.pick(spec.city, rng, near, avoid=taken)
            label = f"{street_name(street.street)} house" if housing else \
                f"{short} meeting room on {street_name(street.street)}"
            house_phone = ([{"number": phones.number(spec.city, street.zip_code), "type": "voice",
                             "description": "House manager"}]
                           if housing and rng.random() < 0.5 else [])
            site = physical_location(
                org_id=org_id, key=f"{key}/site:{index}", kind="house" if housing else "office",
                city=spec.city, region=region, name=label, street=street, number=number,
                rng=rng, phones=house_phone)
            sites.append(site)
        else:
            site = office
            used_meeting_room = used_meeting_room or code == "MH"
        program_id = program["id"] if program and kind.group == first_group else None
        service, fact = build_service(ctx, code, index, site, program_id)
        fact["organization"] = spec.name
        services.append(service)
        facts.append(fact)
    for site in sites:
        finish_location_languages(site)

    year = re.search(r"\b(19[89]\d|20[0-2]\d)\b", spec.story)
    for_profit = spec.kind == "housing" and rng.random() < 0.25
    sponsored = spec.kind == "meetings"
    tax_id = f"{rng.randint(10, 99)}-{rng.randint(1000000, 9999999)}"
    contacts = []
    for i in range(rng.choice((1, 1, 2))):
        first, last = person(region, rng)
        contacts.append({"id": make_id(f"{key}/contact:{i}"), "organization_id": org_id,
                         "name": f"{first} {last}",
                         "title": D.ORG_TITLES[i if i else rng.randrange(len(D.ORG_TITLES))],
                         "email": f"{ascii_name(first)}@{domain}"})
    alternate_name = spec.alternate_name
    words = [w for w in spec.name.replace("-", " ").split() if w[0].isupper()]
    if not alternate_name and len(words) in (3, 4) and rng.random() < 0.25:
        alternate_name = "".join(w[0] for w in words)
    organization = {
        "id": org_id, "name": spec.name,
        **({"alternate_name": alternate_name} if alternate_name else {}),
        "description": describe_org(spec, short, office, region, rng),
        "email": f"info@{domain}", "website": f"https://{domain}",
        "tax_status": ("Taxable (for-profit)" if for_profit else
                       "501(c)(3) (through a fiscal sponsor)" if sponsored else "501(c)(3)"),
        "tax_id": tax_id,
        "year_incorporated": int(year.group(1)) if year else rng.randint(1984, 2021),
        "legal_status": ("Limited liability company" if for_profit else
                         "Fiscally sponsored project" if sponsored else "Nonprofit corporation"),
        "funding": [{"id": make_id(f"{key}/funding:{i}"), "organization_id": org_id,
                     "source": source}
                    for i, source in enumerate(rng.sample(D.ORG_FUNDING, rng.choice((1, 2, 2))))],
        "contacts": contacts,
        "phones": [{"id": make_id(f"{key}/phone:0"), "organization_id": org_id,
                    "number": main_number, "type": "voice", "description": "Main line"}],
        "organization_identifiers": [{"id": make_id(f"{key}/ein"), "organization_id": org_id,
                                      "identifier_scheme": "US-EIN", "identifier_type": "EIN",
                                      "identifier": tax_id}],
        **({"programs": [program]} if program else {}),
        "locations": [site.location for site in sites],
        "services": services,
    }
    return organization, facts
