"""Service details by category: costs, insurance, ages, service areas, housing capacity and
certification (our HSDS profile's extension fields)."""

from __future__ import annotations

import json
import random
from datetime import timedelta

from . import REFERENCE_DATE, REFERENCE_MOMENT, draw, iso_date, iso_moment, make_id
from .regions import Region

FREE_WORDS = ["Free.", "Free; no insurance needed.",
              "No cost. Donations welcome but never expected.",
              "Free of charge, paid for by grants and donations.", "Always free.",
              "Free for everyone, with no insurance or income questions.",
              "There is no charge; {short} covers the cost through grants.",
              "Free. Nobody is ever asked for money.", "No fee, no paperwork about income.",
              "Free; donations to {short} are welcome but never expected.",
              "Free of charge for anyone in {city} and nearby."]


def cost_option(service_id: str, category: str, rng: random.Random) -> tuple[dict, str]:
    """The service's cost option and its fees_description."""
    base = {"id": make_id(f"{service_id}:cost:0"), "service_id": service_id, "currency": "USD"}
    if category == "recovery-housing":
        amount = rng.choice(range(125, 230, 5))
        return (dict(base, option="Weekly program fee", amount=amount,
                     amount_description=f"${amount} per week, covering rent, utilities, Wi-Fi "
                                        "and basic groceries"),
                f"${amount} per week. The first week's fee can be deferred while you look for "
                "work or wait for benefits.")
    clinical = category in ("telehealth", "family-counseling")
    if clinical or (category == "mentorship" and rng.random() < 0.12):
        low = rng.choice((0, 10, 15, 20, 25))
        high = rng.choice((40, 60, 75, 90))
        insured = ("Medicaid and most private insurance accepted." if clinical
                   else "Medicaid covers peer coaching for most people.")
        text = (f"${low} to ${high} per session based on household income. {insured} "
                "Nobody is turned away for inability to pay.")
        return (dict(base, option="Sliding scale", amount=low,
                     amount_description=f"${low} to ${high} per session, based on household "
                                        "size and income"), text)
    return (dict(base, option="Free", amount=0, amount_description="No charge"),
            draw("fees:free", FREE_WORDS))


def insurance_for(category: str, option: str, rng: random.Random) -> list[str]:
    if category in ("telehealth", "family-counseling"):
        kinds = ["medicaid", "private"]
        if rng.random() < 0.4:
            kinds.insert(1, "medicare")
        return kinds
    if category == "mentorship" and (option == "Sliding scale" or rng.random() < 0.3):
        return ["medicaid"]
    return []


def ages_for(name: str) -> tuple[int | None, int | None]:
    if "Teen" in name:
        return 12, 25
    if "Young" in name:
        return 16, 25
    if "Grandparents" in name:
        return 18, None
    return 18, None


def geojson_rectangle(west: float, south: float, east: float, north: float) -> str:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]}, separators=(",", ":"))


def service_areas(service_id: str, region: Region, category: str, rng: random.Random) -> list[dict]:
    """Where a virtual service (or a ride program) is offered."""
    roll = rng.random()
    if category == "transportation" or roll < 0.35:
        name, west, south, east, north = rng.choice(region.areas)
        area = {"name": name, "extent_type": "geojson",
                "extent": geojson_rectangle(west, south, east, north),
                "description": f"Serves people living in the {name}."}
    elif roll < 0.9 or category == "telehealth":
        area = {"name": f"{region.state_name} (statewide)", "extent_type": "text",
                "extent": f"US-{region.state}",
                "description": f"Available to anyone in {region.state_name}."}
    else:
        area = {"name": "United States (nationwide)", "extent_type": "text", "extent": "US",
                "description": "Open to callers anywhere in the United States."}
    return [dict(area, id=make_id(f"{service_id}:area:0"), service_id=service_id)]


def housing_fields(region: Region, rng: random.Random) -> dict:
    """Capacity, medication policy and certification of a recovery residence."""
    beds_total = rng.choice((4, 5, 6, 6, 8, 8, 8, 10, 10, 12, 12, 14, 16, 18, 24))
    beds_available = 0 if rng.random() < 0.25 else rng.randint(1, min(4, beds_total))
    updated = REFERENCE_MOMENT - timedelta(days=rng.randint(0, 28), hours=rng.randint(0, 20),
                                           minutes=rng.choice((0, 15, 30, 45)))
    level = None if rng.random() < 0.2 else rng.choice(("I", "II", "II", "II", "III", "III", "IV"))
    fields = {"beds_total": beds_total, "beds_available": beds_available,
              "availability_updated_at": iso_moment(updated),
              "allows_mat": rng.random() < 0.7, "narr_level": level,
              "certifier": None, "certificate_id": None, "certification_expires": None}
    if level:
        expires = REFERENCE_DATE + timedelta(days=rng.randint(30, 700))
        serial = rng.randint(1, 999)
        fields.update(certifier=region.certifier,
                      certificate_id=f"{region.state}-RR-{expires.year - 2}-{serial:04d}",
                      certification_expires=iso_date(expires))
    return fields


NOT_HOUSING = {key: None for key in ("beds_total", "beds_available", "availability_updated_at",
                                     "allows_mat", "narr_level", "certifier", "certificate_id",
                                     "certification_expires")}


def licensing(category: str, region: Region, rng: random.Random) -> dict:
    """Accreditations and licenses for clinical and housing services (sometimes)."""
    out = {}
    if category in ("telehealth", "family-counseling") and rng.random() < 0.6:
        out["licenses"] = (f"Licensed outpatient behavioral health provider, {region.state_name} "
                           f"(demo license {region.state}-BH-{rng.randint(1000, 9999)})")
        if rng.random() < 0.4:
            out["accreditations"] = "Nationally accredited behavioral health program (demo)"
    elif category == "mentorship" and rng.random() < 0.2:
        out["accreditations"] = ("All coaches hold state peer recovery specialist "
                                 "certification (demo)")
    return out
