"""What the service answers with: the /status document, the phone's event message and the
player's metric families, all built from one published `Snapshot` (Qt-free).

The GUI thread publishes a snapshot on every change and once a second; the network thread only
reads the latest one. A snapshot more than `STALE_AFTER` seconds old means the player's event
loop is stuck: /status then says `"responding": false` (the supervisor will restart it soon).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from revkiosk import __version__
from revkiosk.remote.health import Health
from revkiosk.remote.metrics import Family, Histogram, Sample, counter, gauge
from revkiosk.remote.state import PlayerState, TimerState

STALE_AFTER = 3.0


@dataclass(frozen=True)
class Snapshot:
    """The player as last published by the GUI thread."""

    state: PlayerState = field(default_factory=PlayerState)
    timer: TimerState = field(default_factory=TimerState)
    taken: float = field(default_factory=time.monotonic)
    slide_changes: int = 0

    def responding(self, now: float | None = None) -> bool:
        return (now if now is not None else time.monotonic()) - self.taken < STALE_AFTER


def status_document(snapshot: Snapshot, health: Health, name: str | None) -> dict[str, object]:
    """GET /status. Slides count from 1 here, as the audience and `--start` count them."""
    state = snapshot.state
    return {
        "version": __version__,
        "name": name,
        "deck": {"title": state.deck_title, "path": state.deck_path},
        "slide": state.index + 1 if state.count else 0,
        "slide_count": state.count,
        "slide_id": state.slide_id,
        "slide_title": state.slide_title,
        "language": state.language,
        "blanked": state.blank is not None,
        "blank": state.blank,
        "muted": state.muted,
        "kiosk": state.kiosk,
        "attracting": state.attracting,
        "responding": snapshot.responding(),
        "uptime_seconds": round(health.uptime(), 1),
        "restarts": health.restarts,
        "errors": health.errors,
        "last_error": health.last_error,
        "memory_bytes": health.memory(),
        "slide_changes": snapshot.slide_changes,
        "fallback": state.fallback,
    }


def event_document(snapshot: Snapshot, health: Health, name: str | None) -> dict[str, object]:
    """The message the phone page receives on every change: the status, the notes, the next
    slide's title, the timer, and keys that change when the slide pictures do."""
    state, timer = snapshot.state, snapshot.timer
    has_next = state.index + 1 < state.count
    document = status_document(snapshot, health, name)
    document.update(
        type="state",
        notes=state.notes,
        next_title=state.next_title if has_next else None,
        timer={"elapsed": round(timer.elapsed, 1), "running": timer.running,
               "planned": timer.planned},
        pictures={
            "current": f"{state.deck_generation}-{state.index}",
            "next": f"{state.deck_generation}-{state.index + 1}" if has_next else None,
        },
    )  # fmt: skip
    return document


def player_families(
    snapshot: Snapshot,
    health: Health,
    frames: Histogram,
    name: str | None,
    auth_failures: int,
) -> list[Family]:
    """The player's own metrics (per kiosk; Prometheus adds the `instance` label)."""
    state = snapshot.state
    info = {"version": __version__, "name": name or "", "deck": state.deck_title}
    families = [
        gauge("revkiosk_info", "The player's version, name and deck (always 1).", 1, info),
        counter(
            "revkiosk_slide_changes_total",
            "Slide changes since the player started.",
            snapshot.slide_changes,
        ),
        gauge("revkiosk_slide", "The slide shown now (1-based).", state.index + 1),
        gauge("revkiosk_slides", "Slides in the deck.", state.count),
        gauge("revkiosk_blanked", "1 while the screen is blanked.", int(state.blank is not None)),
        gauge("revkiosk_attracting", "1 while the attract loop runs.", int(state.attracting)),
        gauge("revkiosk_kiosk", "1 in kiosk mode.", int(state.kiosk)),
        gauge("revkiosk_fallback", "1 while the last good copy plays because the configured "
              "deck does not load.", int(state.fallback is not None)),
        gauge("revkiosk_responding", "1 while the player's event loop answers.",
              int(snapshot.responding())),
        counter("revkiosk_restarts_total",
                "Restarts of the player by the kiosk supervisor since it started.",
                health.restarts),
        counter("revkiosk_errors_total", "Errors the player logged since it started.",
                health.errors),
        gauge("revkiosk_uptime_seconds", "Seconds since the show started (across restarts).",
              round(health.uptime(), 1)),
        counter("revkiosk_remote_auth_failures_total",
                "Requests to the remote service with a wrong or missing token.", auth_failures),
        frames.family("revkiosk_frame_time_seconds",
                      "Time from a slide change to the first painted frame of the new slide."),
    ]  # fmt: skip
    memory = health.memory()
    if memory is not None:
        families.append(
            gauge("revkiosk_resident_memory_bytes", "Resident memory of the player.", memory)
        )
    if health.last_error is not None:
        families.append(
            Family(
                "revkiosk_last_error_info",
                "gauge",
                "The last error logged (or the supervisor's last restart reason); always 1.",
                (Sample("revkiosk_last_error_info", 1, {"message": health.last_error[:200]}),),
            )
        )
        families.append(
            gauge(
                "revkiosk_last_error_timestamp_seconds",
                "When the last error happened (Unix time).",
                health.last_error_time or 0,
            )
        )
    return families
