"""One content update, start to finish: stage, verify, check, render, switch — or refuse.

    update(source, store)   a folder, a .tar.gz/.zip file, or an http(s) URL of one
    rollback(store)         back to the previous version

Every step before the switch works in a fresh staging folder; anything wrong (a wrong
checksum, a damaged archive, a broken deck, a slide that cannot render, a full disk, a source
that vanishes) removes the staging folder and leaves `current` exactly as it was. The outcome is
written to `update.json` in the content folder, which the kiosk copies into its status file.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass
from pathlib import Path

from revkiosk.update import fetch
from revkiosk.update.durable import write_bytes_atomic
from revkiosk.update.manifest import BundleProblem, Limits, Manifest, size_text
from revkiosk.update.store import ContentStore, UpdateBusy
from revkiosk.update.unpack import stage

log = logging.getLogger("revkiosk.update")

RenderCheck = Callable[[Path], list[str]]
RESERVE_BYTES = 64 * 1024 * 1024  # never fill the disk to the last byte: logs must still fit
SOURCE_FILE = "source.json"


@dataclass(frozen=True)
class Outcome:
    """What an update or a rollback did: `result` is installed, unchanged, refused, rolled back
    or busy; `message` says it in a sentence for the technician."""

    result: str
    message: str
    source: str = ""
    version: str | None = None
    title: str = ""
    previous: str | None = None
    time: float = 0.0
    rolled_back_from: str | None = None

    @property
    def ok(self) -> bool:
        return self.result in ("installed", "unchanged", "rolled back")


class _Stop(Exception):
    """Raised by the manifest hook to end an update early without an error."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def update(
    source: str,
    store: ContentStore,
    *,
    render: RenderCheck | None,
    limits: Limits | None = None,
    skip_ids: Collection[str] = (),
    reserve_bytes: int = RESERVE_BYTES,
) -> Outcome:
    """Install the bundle at `source` if it is new, whole and plays; report what happened.

    `skip_ids`: versions not to install again (a watching kiosk skips the one a technician
    rolled back from).
    """
    limits = limits or Limits()
    try:
        with store.locked():
            outcome = _update_locked(source, store, render, limits, skip_ids, reserve_bytes)
    except UpdateBusy as busy:
        return Outcome("busy", str(busy), source, time=time.time())
    _report(store, outcome)
    return outcome


def _update_locked(
    source: str,
    store: ContentStore,
    render: RenderCheck | None,
    limits: Limits,
    skip_ids: Collection[str],
    reserve_bytes: int,
) -> Outcome:
    store.clean_staging()
    work = store.new_staging()
    current = store.current
    now = time.time()

    def check(manifest: Manifest) -> None:
        if current is not None and manifest.id == current.id:
            raise _Stop(f"version {manifest.id} is already playing")
        if manifest.id in skip_ids:
            raise _Stop(f"version {manifest.id} was rolled back; install it by hand to play it")
        free = shutil.disk_usage(store.root).free
        if free < manifest.total_bytes + reserve_bytes:
            raise BundleProblem(
                f"not enough disk space: the bundle needs {size_text(manifest.total_bytes)} "
                f"(+{size_text(reserve_bytes)} to spare), {size_text(free)} free in {store.root}"
            )
        log.info(
            "bundle %s: %d files, %s, deck %s",
            manifest.id,
            len(manifest.files),
            size_text(manifest.total_bytes),
            manifest.deck,
        )

    try:
        path = _local_source(source, store, work / "download", limits)
        if path is None:
            return Outcome("unchanged", "the server has nothing new", source, time=now)
        manifest = stage(path, work / "files", limits, check)
        log.info("all %d checksums verified; checking the deck", len(manifest.files))
        problems = check_deck(work / "files", manifest)
        if not problems and render is not None:
            log.info("rendering every slide off-screen")
            problems = render(work / "files" / manifest.deck)
        if problems:
            for problem in problems:
                log.error("%s", problem)
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise BundleProblem(f"the new deck does not play: {problems[0]}{more}")
        old = current.name if current else None
        version = store.install(work / "files", manifest)
    except _Stop as stop:
        return Outcome("unchanged", stop.message, source, time=now)
    except BundleProblem as problem:
        playing = f"; still playing {current.name}" if current else ""
        return Outcome("refused", f"{problem}{playing}", source, time=now)
    except OSError as error:  # anything the steps above did not foresee: still refused whole
        return Outcome("refused", f"update failed: {error}", source, time=now)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    title = manifest.title or version.manifest.deck
    return Outcome(
        "installed",
        f"now playing {version.name} ({title}); {old or 'nothing'} kept to roll back to",
        source,
        version.name,
        manifest.title,
        old,
        now,
    )


def _local_source(source: str, store: ContentStore, download: Path, limits: Limits) -> Path | None:
    """A path to stage from: the source itself, or the file downloaded from its URL.

    None when the URL has not changed since the last download (HTTP 304).
    """
    if not fetch.is_url(source):
        path = Path(source).expanduser()
        if not path.exists():
            raise BundleProblem(f"{source}: no such file or folder")
        return path
    import json

    from revkiosk.safe_files import STATE_BYTES, read_bytes

    remembered = store.root / SOURCE_FILE
    known = None
    try:
        data = json.loads(read_bytes(remembered, STATE_BYTES))
        if isinstance(data, dict) and data.get("url") == source:
            known = fetch.Validators(data.get("etag"), data.get("last_modified"))
    except (OSError, ValueError):
        pass
    log.info("downloading %s", source)
    validators = fetch.download(source, download, limits.max_total_bytes + 1024 * 1024, known)
    if validators is None:
        return None
    text = json.dumps({"url": source, **asdict(validators)})
    write_bytes_atomic(remembered, text.encode("utf-8"))
    return download


def check_deck(folder: Path, manifest: Manifest) -> list[str]:
    """The deck's errors (`path:line:col: error: …`, relative to the bundle), and every file
    it names that the bundle lacks. Qt-free."""
    from revkiosk.deck.load import load_deck
    from revkiosk.deck.model import DeckError
    from revkiosk.deck.paths import referenced_files

    prefix = str(folder.resolve()) + "/"
    try:
        deck = load_deck(folder / manifest.deck)
    except DeckError as error:
        errors = [str(p) for p in error.problems if p.severity == "error"] or [str(error)]
        return [text.replace(prefix, "") for text in errors]
    root = folder.resolve()
    missing = []
    for path in sorted(referenced_files(deck)):
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        if name not in manifest.by_path or not path.is_file():
            missing.append(f"{name}: named by the deck but not in the bundle")
    return missing


def rollback(store: ContentStore) -> Outcome:
    """Switch back to the previous version (checked whole first)."""
    now = time.time()
    try:
        with store.locked():
            current = store.current
            version = store.rollback()
    except UpdateBusy as busy:
        return Outcome("busy", str(busy), time=now)
    except BundleProblem as problem:
        outcome = Outcome("refused", f"rollback refused: {problem}", time=now)
    else:
        outcome = Outcome(
            "rolled back",
            f"now playing {version.name} again; {current.name if current else 'nothing'} kept",
            version=version.name,
            title=version.manifest.title,
            previous=current.name if current else None,
            time=now,
            rolled_back_from=current.id if current else None,
        )
    _report(store, outcome)
    return outcome


def _report(store: ContentStore, outcome: Outcome) -> None:
    """update.json for the kiosk's status; the last rollback is remembered across updates."""
    data = asdict(outcome)
    if outcome.rolled_back_from is None:
        previous = store.read_report() or {}
        if outcome.result == "unchanged" or outcome.result == "refused":
            data["rolled_back_from"] = previous.get("rolled_back_from")
    try:
        store.write_report(data)
    except OSError as error:
        log.warning("cannot write %s: %s", store.root / "update.json", error)
