"""Rebuild src/revkiosk/data/compute.csv from Epoch AI's "Notable AI Models" export.

The raw export has 42 columns and 1.7 MB of notes; the app needs six columns, so the shipped
file is a derived, compact copy (CC BY 4.0, see src/revkiosk/data/SOURCE.md). Running this script
again on the same raw file must give a byte-identical result (a test checks it), so the output
is sorted and every number is written in one canonical form.

Usage: python scripts/build_compute_dataset.py [RAW_CSV] [--out PATH] [--check]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_RAW = REPO.parent / "shared" / "data" / "epoch_notable_ai_models_2025-02-24.csv"
DEFAULT_OUT = REPO / "src" / "revkiosk" / "data" / "compute.csv"

COLUMNS = ("system", "organisation", "date", "domain", "compute_flop", "parameters")

# Epoch's domain labels → the deck's five strands. A system listing several domains takes the
# first one that maps to a named strand (Gato "Multimodal,Robotics,Games,Language" → games).
DOMAIN_MAP: dict[str, str] = {
    "Vision": "vision",
    "Image generation": "vision",
    "Video": "vision",
    "3D modeling": "vision",
    "Games": "games",
    "Language": "language",
    "Biology": "science",
    "Mathematics": "science",
    "Medicine": "science",
    "Earth science": "science",
    "Materials science": "science",
}


def map_domain(raw: str) -> str:
    """The deck domain for Epoch's comma-separated domain list (unknown labels → other)."""
    for label in raw.split(","):
        mapped = DOMAIN_MAP.get(label.strip())
        if mapped:
            return mapped
    return "other"


def canonical_number(raw: str) -> str:
    """'1.920000000001e+21' → '1.92e+21': 12 significant digits drop float noise, keep data."""
    raw = raw.strip()
    if not raw:
        return ""
    value = float(raw)
    if value <= 0:
        return ""
    return f"{float(f'{value:.12g}'):.12g}"


def build_rows(raw_path: Path) -> list[dict[str, str]]:
    """Read the raw export and return the compact rows, sorted by date then name."""
    with raw_path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"Model", "Publication date", "Training compute (FLOP)"} - set(
            reader.fieldnames or ()
        )
        if missing:
            raise ValueError(f"{raw_path}: not an Epoch export, missing {sorted(missing)}")
        rows = []
        for record in reader:
            published = record["Publication date"].strip()
            name = record["Model"].strip()
            if not published or not name:
                continue
            date.fromisoformat(published)  # fail loudly on a malformed date
            rows.append(
                {
                    "system": name,
                    "organisation": " ".join(record["Organization"].split()),
                    "date": published,
                    "domain": map_domain(record["Domain"]),
                    "compute_flop": canonical_number(record["Training compute (FLOP)"]),
                    "parameters": canonical_number(record["Parameters"]),
                }
            )
    rows.sort(key=lambda r: (r["date"], r["system"]))
    return rows


def render(rows: list[dict[str, str]]) -> str:
    """The CSV text exactly as shipped (LF line endings, minimal quoting)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", nargs="?", type=Path, default=DEFAULT_RAW, help="Epoch CSV export")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write compute.csv")
    parser.add_argument("--check", action="store_true", help="exit 1 if --out is out of date")
    args = parser.parse_args(argv)
    try:
        text = render(build_rows(args.raw))
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date; run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {args.out} ({text.count(chr(10)) - 1} systems, {len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
