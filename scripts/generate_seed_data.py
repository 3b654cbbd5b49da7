"""Generate the fictional demo catalog in Open Referral HSDS 3.0 JSON.

    .venv/bin/python scripts/generate_seed_data.py [--check]

Writes seed_data/taxonomy_terms.json and seed_data/organizations/<region>.json. The output is
deterministic (fixed seed, uuid5 ids, dates relative to 2026-11-01): running it twice gives
byte-identical files. Every organization is validated against the HSDS compiled organization
schema and our own rules; any problem stops the run before anything is written.
With --check, nothing is written and the script fails if the files on disk differ.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from seed.builders import Addresses, PhoneBook
from seed.finalize import finalize
from seed.organizations import build_organization
from seed.orgs_b import ORGS_BY_REGION
from seed.regions_b import REGIONS, check_regions, zip_centroid
from seed.taxonomy import taxonomy_terms

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "seed_data"
HSDS_SCHEMA = Path("/work/shared/hsds/schema/compiled/organization.json")
PHONE = re.compile(r"^\(\d{3}\) 555-01\d\d$")
EMAIL = re.compile(r"^[a-z0-9.-]+@[a-z0-9.-]+\.example\.org$")
WEB = re.compile(r"^https://[a-z0-9.-]+\.example\.org(/|$)")
MAX_BYTES = 4_000_000


def render(data) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def walk(node, path=""):
    """Every (path, key, value) in a JSON tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from walk(item, f"{path}[{index}]")


def check_organization(org: dict, region, problems: list[str], seen_ids: set[str]) -> None:
    where = f"{region.key}: {org['name']}"
    for path, key, value in walk(org):
        if key == "id":
            if value in seen_ids:
                problems.append(f"{where}: duplicate id {value} at {path}")
            seen_ids.add(value)
        if key == "number" and not PHONE.match(value):
            problems.append(f"{where}: phone {value!r} is not (XXX) 555-01XX")
        if key in ("email", "assurer_email") and not EMAIL.match(value):
            problems.append(f"{where}: email {value!r} outside example.org")
        if key in ("url", "website") and not WEB.match(value):
            problems.append(f"{where}: address {value!r} outside example.org")
    location_ids = {loc["id"] for loc in org["locations"]}
    for loc in org["locations"]:
        if loc.get("time_zone") != region.time_zone:
            problems.append(f"{where}: location {loc['name']} has the wrong time zone")
        if loc["location_type"] == "physical":
            address = loc["addresses"][0]
            lat, lon = zip_centroid(address["postal_code"], address["city"], region.state)
            if abs(loc["latitude"] - lat) > 0.004 or abs(loc["longitude"] - lon) > 0.004:
                problems.append(f"{where}: {loc['name']} lies outside its ZIP code")
    for service in org["services"]:
        for sal in service["service_at_locations"]:
            if sal["location_id"] not in location_ids:
                problems.append(f"{where}: {service['name']} points at another org's location")
        option = service["cost_options"][0]["option"]
        if service["free_of_charge"] != (option == "Free") or \
                service["sliding_scale"] != (option == "Sliding scale"):
            problems.append(f"{where}: {service['name']} fee flags disagree with its cost option")


def build():
    check_regions()
    schema = json.loads(HSDS_SCHEMA.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    catalogs, entries, problems, seen_ids = {}, [], [], set()
    for key, region in REGIONS.items():
        phones, addresses = PhoneBook(region), Addresses(region)
        orgs = []
        for spec in ORGS_BY_REGION[key]:
            org, facts = build_organization(region, spec, phones, addresses)
            orgs.append(org)
            entries.extend(zip(org["services"], facts, strict=True))
        catalogs[key] = orgs
    finalize(entries)
    for key, orgs in catalogs.items():
        for org in orgs:
            for error in validator.iter_errors(org):
                location = "/".join(map(str, error.absolute_path)) or "(record)"
                problems.append(f"{key}: {org['name']}: {location}: {error.message}")
            check_organization(org, REGIONS[key], problems, seen_ids)
    terms = taxonomy_terms()
    files = {OUT / "taxonomy_terms.json": render(terms)}
    for key, orgs in catalogs.items():
        files[OUT / "organizations" / f"{key}.json"] = render(orgs)
    size = sum(len(text.encode("utf-8")) for text in files.values())
    if size > MAX_BYTES:
        problems.append(f"the catalog is {size} bytes, over the {MAX_BYTES} byte budget")
    return files, entries, catalogs, terms, problems, size


def summary(entries, catalogs, terms, size) -> str:
    facts = [f for _s, f in entries]
    lines = [f"{sum(map(len, catalogs.values()))} organizations, {len(entries)} services, "
             f"{len(terms)} taxonomy terms, {size / 1e6:.2f} MB"]
    per_region = Counter(f["region"] for f in facts)
    lines.append("per region: " + ", ".join(
        f"{key} {len(catalogs[key])} orgs/{per_region[key]} services" for key in catalogs))
    categories = Counter(f["category"] for f in facts)
    lines.append("per category: " + ", ".join(
        f"{name} {n} ({100 * n / len(facts):.0f}%)" for name, n in categories.most_common()))
    spanish = sum("es" in f["codes"] for f in facts)
    lines.append(f"virtual {sum(f['virtual'] for f in facts)}, past midnight "
                 f"{sum(f['midnight'] for f in facts)}, Spanish {spanish} "
                 f"({100 * spanish / len(facts):.0f}%), stale "
                 f"{sum(f['freshness'] == 'stale' for f in facts)}, never verified "
                 f"{sum(f['freshness'] == 'never verified' for f in facts)}, not accepting "
                 f"{sum(s['accepting_new_clients'] is False for s, _f in entries)}, expired "
                 f"certificates {sum(bool(f.get('expired_certificate')) for f in facts)}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    files, entries, catalogs, terms, problems, size = build()
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(problems)} problem(s); nothing written.", file=sys.stderr)
        return 1
    if "--check" in argv:
        stale = [p for p, text in files.items()
                 if not p.exists() or p.read_text(encoding="utf-8") != text]
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(summary(entries, catalogs, terms, size))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
