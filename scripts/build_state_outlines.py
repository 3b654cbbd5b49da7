"""Build ``directory/static/geo/us-states.json``: US state outlines for the offline map layer.

The source is the npm package ``us-atlas`` (Census Bureau cartographic boundaries, 2017, as
TopoJSON; ISC licence). Fetch it with the ordinary npm client, then run this script on it::

    cd /tmp && npm pack us-atlas@3.0.1
    .venv/bin/python scripts/build_state_outlines.py /tmp/us-atlas-3.0.1.tgz

It decodes the TopoJSON (quantised, delta-encoded arcs) with the small decoder below, rounds
coordinates to 3 decimals (about 100 m), drops points that rounding made redundant and writes
compact GeoJSON: one Feature per state with its name.
"""

from __future__ import annotations

import argparse
import json
import sys
import tarfile
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
OUTPUT = REPOSITORY / "directory" / "static" / "geo" / "us-states.json"
MEMBER = "package/states-10m.json"
PLACES = 3

Point = tuple[float, float]


def read_topology(source: Path) -> dict:
    """The states topology from ``states-10m.json`` or the ``us-atlas`` npm tarball."""
    if source.name.endswith((".tgz", ".tar.gz")):
        with tarfile.open(source) as archive:
            member = archive.extractfile(MEMBER)
            if member is None:
                raise SystemExit(f"{source} has no {MEMBER}")
            return json.load(member)
    return json.loads(source.read_text(encoding="utf-8"))


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Every arc as absolute (lon, lat) points (undoing quantisation and delta encoding)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    """A closed ring from arc indexes (``~i`` means arc ``i`` reversed)."""
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share an end point: keep it once.
        points.extend(arc[1:] if points else arc)
    return points


def compact(points: list[Point], places: int = PLACES) -> list[list[float]] | None:
    """A ring rounded to ``places`` decimals without repeated points; None when it collapses."""
    out: list[list[float]] = []
    for lon, lat in points:
        point = [round(lon, places) + 0.0, round(lat, places) + 0.0]
        if not out or point != out[-1]:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def polygons(geometry: dict, arcs: list[list[Point]]) -> list[list[list[list[float]]]]:
    """The polygons of a TopoJSON Polygon or MultiPolygon, as GeoJSON coordinate lists."""
    kind = geometry.get("type")
    groups = [geometry["arcs"]] if kind == "Polygon" else geometry.get("arcs", [])
    if kind not in ("Polygon", "MultiPolygon"):
        return []
    result = []
    for group in groups:
        rings = [compact(ring(indexes, arcs)) for indexes in group]
        if rings and rings[0] is not None:  # an outer ring that survived rounding
            result.append([r for r in rings if r is not None])
    return result


def to_geojson(topology: dict, name: str = "states") -> dict:
    """A FeatureCollection of the named TopoJSON object."""
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        parts = polygons(geometry, arcs)
        if not parts:
            continue
        shape = (
            {"type": "Polygon", "coordinates": parts[0]} if len(parts) == 1
            else {"type": "MultiPolygon", "coordinates": parts}
        )
        features.append({
            "type": "Feature",
            "id": geometry.get("id"),
            "properties": {"name": (geometry.get("properties") or {}).get("name")},
            "geometry": shape,
        })
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="us-atlas-*.tgz or states-10m.json")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    collection = to_geojson(read_topology(args.source))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, separators=(",", ":"))
    args.output.write_text(text, encoding="utf-8")
    print(f"{len(collection['features'])} states, {len(text) // 1024} KiB -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
