"""Build ``seed_data/gazetteer/us_places.tsv.gz``, the offline geocoder's data, from ``zipcodes``.

Run it when the ``zipcodes`` package is upgraded (``pip install zipcodes`` is only needed here;
the application reads the file this writes and never imports ``zipcodes``)::

    .venv/bin/python scripts/build_gazetteer.py

One row per active, non-military ZIP with coordinates, sorted by ZIP; the gzip header carries no
timestamp or file name, so the same input always gives byte-identical output. Columns:

    zip  type  city  state  lat  lon  timezone  aliases

``type`` is S (standard), P (PO box) or U (unique: one organisation); ``aliases`` are the USPS
"acceptable" city names for the ZIP, ``|``-separated. City centroids are not stored: the loader
averages the ZIPs of each city.
"""

from __future__ import annotations

import argparse
import gzip
import io
import math
import sys
from importlib import metadata
from pathlib import Path
from zoneinfo import available_timezones

OUTPUT = Path(__file__).resolve().parent.parent / "seed_data" / "gazetteer" / "us_places.tsv.gz"
COLUMNS = ("zip", "type", "city", "state", "lat", "lon", "timezone", "aliases")
TYPES = {"STANDARD": "S", "PO BOX": "P", "UNIQUE": "U"}  # MILITARY (APO/FPO) has no real place
MILITARY_STATES = {"AA", "AE", "AP"}


def _clean(text: str) -> str:
    # Tabs, newlines and our alias separator would break the format; none occur today.
    return " ".join(text.replace("|", " ").split())


def _coordinate(value: str, limit: float) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and abs(number) <= limit else None


def collect(records) -> list[dict]:
    """The rows to keep, from ``zipcodes.list_all()``-style records."""
    zones = available_timezones()
    rows = []
    for record in records:
        kind = TYPES.get(record["zip_code_type"])
        if not record["active"] or kind is None or record["state"] in MILITARY_STATES:
            continue
        lat = _coordinate(record["lat"], 90)
        lon = _coordinate(record["long"], 180)
        if lat is None or lon is None or (lat == 0 and lon == 0):
            continue
        city = _clean(record["city"])
        aliases = sorted({_clean(name) for name in record["acceptable_cities"]} - {city, ""})
        rows.append({
            "zip": record["zip_code"],
            "type": kind,
            "city": city,
            "state": record["state"],
            "lat": lat,
            "lon": lon,
            # A few records carry a city name or nothing here: repaired below.
            "timezone": record["timezone"] if record["timezone"] in zones else "",
            "aliases": aliases,
        })
    rows.sort(key=lambda row: row["zip"])
    _fill_missing_timezones(rows)
    return rows


def _fill_missing_timezones(rows: list[dict]) -> None:
    """Give a ZIP without a valid zone the zone of the nearest ZIP in its state that has one."""
    known = [row for row in rows if row["timezone"]]
    for row in rows:
        if row["timezone"]:
            continue
        same_state = [other for other in known if other["state"] == row["state"]] or known
        nearest = min(
            same_state,
            key=lambda other: (
                (other["lat"] - row["lat"]) ** 2
                + ((other["lon"] - row["lon"]) * math.cos(math.radians(row["lat"]))) ** 2,
                other["zip"],
            ),
        )
        row["timezone"] = nearest["timezone"]


def _number(value: float) -> str:
    # The source has at most four decimals (about 11 m): keep them, drop trailing zeros.
    return f"{value:.4f}".rstrip("0").rstrip(".")


def render(rows: list[dict], source: str) -> bytes:
    """The gzipped TSV, byte-for-byte reproducible."""
    text = io.StringIO()
    text.write(f"# US ZIP centroids from {source}; built by scripts/build_gazetteer.py\n")
    text.write("\t".join(COLUMNS) + "\n")
    for row in rows:
        fields = (
            row["zip"], row["type"], row["city"], row["state"],
            _number(row["lat"]), _number(row["lon"]), row["timezone"], "|".join(row["aliases"]),
        )
        text.write("\t".join(fields) + "\n")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as out:
        out.write(text.getvalue().encode("utf-8"))
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    try:
        import zipcodes
    except ImportError:
        print("This script needs the zipcodes package: pip install zipcodes", file=sys.stderr)
        return 1

    rows = collect(zipcodes.list_all())
    data = render(rows, f"zipcodes {metadata.version('zipcodes')}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    standard = sum(row["type"] == "S" for row in rows)
    print(f"{args.output}: {len(rows)} ZIPs ({standard} standard), {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
