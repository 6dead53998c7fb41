"""Qt-free loader of the shipped compute dataset (derived from Epoch AI, CC BY 4.0).

Charts, `revkiosk check` (does a milestone's `system` exist?) and the trend fits all read the
same rows through `load_systems()`, which parses the CSV once and caches it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

DATASET_PATH = Path(__file__).resolve().parent / "compute.csv"
DOMAINS = ("vision", "games", "language", "science", "other")
CREDIT = "Data: Epoch AI (CC BY 4.0)"


class DatasetError(Exception):
    """The compute CSV is missing or malformed (a broken install, not a user error)."""


@dataclass(frozen=True)
class System:
    """One notable ML system. `compute` is training FLOP; None where Epoch has no estimate."""

    name: str
    organisation: str
    published: date
    domain: str
    compute: float | None
    parameters: float | None

    @property
    def decimal_year(self) -> float:
        """Position on the chart's year axis (2020-05-28 → 2020.40)."""
        start = date(self.published.year, 1, 1)
        length = (date(self.published.year + 1, 1, 1) - start).days
        return self.published.year + (self.published - start).days / length


def _number(text: str, where: str) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text)
    except ValueError:
        raise DatasetError(f"{where}: {text!r} is not a number") from None


def read_systems(path: Path) -> tuple[System, ...]:
    """Parse a compute CSV (the shipped one or a rebuilt one), in file order."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise DatasetError(f"cannot read the compute dataset {path}: {error.strerror}") from None
    with handle:
        reader = csv.DictReader(handle)
        needed = {"system", "organisation", "date", "domain", "compute_flop", "parameters"}
        missing = needed - set(reader.fieldnames or ())
        if missing:
            raise DatasetError(f"{path}: missing columns {sorted(missing)}")
        systems = []
        for line, row in enumerate(reader, start=2):
            where = f"{path.name}:{line}"
            try:
                published = date.fromisoformat(row["date"])
            except ValueError:
                raise DatasetError(f"{where}: bad date {row['date']!r}") from None
            domain = row["domain"] if row["domain"] in DOMAINS else "other"
            systems.append(
                System(
                    name=row["system"],
                    organisation=row["organisation"],
                    published=published,
                    domain=domain,
                    compute=_number(row["compute_flop"], where),
                    parameters=_number(row["parameters"], where),
                )
            )
    return tuple(systems)


@lru_cache(maxsize=1)
def load_systems() -> tuple[System, ...]:
    """Every system in the shipped dataset (cached: the file is read once per process)."""
    return read_systems(DATASET_PATH)


def with_compute(systems: tuple[System, ...] | None = None) -> tuple[System, ...]:
    """Only the systems that have a training-compute estimate (what the charts can plot)."""
    return tuple(s for s in (systems or load_systems()) if s.compute is not None)


def find_system(name: str, systems: tuple[System, ...] | None = None) -> System | None:
    """The system with this exact name, compared case-insensitively (as deck references are)."""
    wanted = name.casefold()
    return next((s for s in (systems or load_systems()) if s.name.casefold() == wanted), None)
