"""Visitor statistics, offline and private (Qt-free).

`visits.VisitRecorder` turns what happens at the kiosk into records; `log.StatsLog` appends them
to one JSON Lines file per day in the state folder (`stats/2026-05-04.jsonl`), synced to disk
off the GUI thread and capped in size; `read` reads them back, skipping damaged lines;
`summary` answers "how many visits, when, how long, what did they look at".
`revkiosk stats` prints the summary (commands/stats.py).
"""

from __future__ import annotations

from pathlib import Path

STATS_FOLDER = "stats"


def stats_dir() -> Path:
    """Where the day files live (e.g. ~/.local/state/revkiosk/stats)."""
    from revkiosk.settings import state_dir

    return state_dir() / STATS_FOLDER
