"""Write southwest_outlines.json, the map's outlines, from npm's world-atlas@2 and us-atlas@3 (run once, by hand).

    npm install --prefix /tmp/geo world-atlas@2.0.2 us-atlas@3.0.1
    python data/geo/make_outlines.py /tmp/geo/node_modules

The app reads only the JSON it writes (no network, no npm at run time). Lines, not shapes: the US–Mexico border
(arcs the United States and Mexico share in Natural Earth's 1:50m countries), the two countries' other edges
(coasts) and the borders between US states (arcs two states share in the Census Bureau's 2017 cartographic
boundaries), each cut to the box around the Southwest border and rounded to 0.01 degree.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

BOX = (-121.0, -95.0, 24.5, 37.5)  # west, east, south, north
US, MEXICO = "840", "484"


def decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 2), round(y * sy + ty, 2)))
        arcs.append(points)
    return arcs


def arc_ids(geometry: dict) -> set[int]:
    """Every arc index a Polygon or MultiPolygon uses (a negative ~i means arc i reversed)."""
    rings = geometry["arcs"] if geometry["type"] == "Polygon" else [r for p in geometry["arcs"] for r in p]
    return {i if i >= 0 else ~i for ring in rings for i in ring}


def clipped(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The runs of `points` inside the box (a line leaving the box is cut there)."""
    west, east, south, north = BOX
    runs, run = [], []
    for lon, lat in points:
        if west <= lon <= east and south <= lat <= north:
            run.append((lon, lat))
        elif run:
            runs.append(run)
            run = []
    return [r for r in [*runs, run] if len(r) > 1]


def lines(arcs: list, ids) -> list:
    return [run for i in sorted(ids) for run in clipped(arcs[i])]


def main(modules: Path) -> None:
    world = json.loads((modules / "world-atlas" / "countries-50m.json").read_text())
    states = json.loads((modules / "us-atlas" / "states-10m.json").read_text())
    world_arcs, state_arcs = decoded_arcs(world), decoded_arcs(states)
    geometries = world["objects"]["countries"]["geometries"]
    countries = {g.get("id"): arc_ids(g) for g in geometries if g.get("id") in (US, MEXICO)}
    border = countries[US] & countries[MEXICO]
    used = Counter(i for g in states["objects"]["states"]["geometries"] for i in arc_ids(g))
    out = {
        "about": "Outlines for the Southwest border map; see make_outlines.py and README.md beside this file.",
        "border": lines(world_arcs, border),
        "coasts": lines(world_arcs, (countries[US] | countries[MEXICO]) - border),
        "states": lines(state_arcs, {i for i, n in used.items() if n == 2}),
    }
    target = Path(__file__).with_name("southwest_outlines.json")
    target.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
