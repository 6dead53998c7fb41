"""`revkiosk kiosk [DECK] [options]`: the supervised kiosk (what the systemd unit runs).

Starts the player in kiosk mode as a child process and keeps it running: a crash or a hang is
logged and the player comes back on the slide it was showing. Options the supervisor does not
know are passed to the player unchanged (`revkiosk kiosk deck.yaml --screen 1`).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from revkiosk.deck.spec import MAX_SLIDE_NUMBER
from revkiosk.kiosk.lock import AlreadyRunning, KioskLock
from revkiosk.kiosk.status import heartbeat_path, state_dir
from revkiosk.kiosk.supervisor import Supervisor, SupervisorConfig, player_command
from revkiosk.quiet_log import QuietRotatingFileHandler
from revkiosk.update.store import ENV_CONTENT, content_folder
from revkiosk.update.watch import start_watching


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revkiosk kiosk",
        description="Run the player full screen, unattended, restarting it after any fault.",
        epilog="Other options are passed to the player. Leave with the exit chord "
        "(default Ctrl+Alt+Shift+Q) and the PIN, if one is set.",
    )
    parser.add_argument(
        "deck",
        nargs="?",
        type=Path,
        help="deck file (default: the installed content if any, else the bundled story)",
    )
    parser.add_argument("--start", type=int, metavar="N", help="first slide (1-based)")
    parser.add_argument(
        "--hang-timeout",
        type=float,
        default=2.0,
        metavar="S",
        help="restart when the player's heartbeat is older than S seconds (default 2; "
        "raise it on slow machines whose slides take longer than that to build)",
    )
    parser.add_argument(
        "--max-restarts-per-hour",
        type=int,
        default=30,
        metavar="N",
        help="beyond N restarts in an hour, wait before the next (default 30)",
    )
    parser.add_argument(
        "--max-memory-mb",
        type=float,
        default=2048.0,
        metavar="MB",
        help="restart the player, on its slide and only while nobody is using it, when it uses "
        "more than MB of memory (default 2048; 0 turns this off)",
    )
    parser.add_argument(
        "--hidden-timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="restart the player when its window has not been on screen for S seconds "
        "(minimised, on another workspace, covered; default 30; 0 turns this off)",
    )
    parser.add_argument(
        "--remote",
        metavar="[HOST:]PORT",
        help="serve status, metrics, screenshots and the phone remote (e.g. 0.0.0.0:8765 for "
        "the museum network; 127.0.0.1 unless HOST is given); see docs/KIOSK.md",
    )
    parser.add_argument(
        "--remote-token",
        metavar="TOKEN",
        help="the remote's token (default: random, kept in the config folder)",
    )
    parser.add_argument(
        "--log-file", type=Path, metavar="PATH", help="supervisor log (default: state folder)"
    )
    parser.add_argument(
        "--content",
        metavar="DIR",
        help="content folder whose current version plays when no deck is given (default: the "
        "content_dir setting, else the user data folder's content/)",
    )
    return parser


ALREADY_RUNNING = 4  # the systemd unit does not restart on it (RestartPreventExitStatus)


def _options_in_range(args: argparse.Namespace) -> bool:
    """Every time and count has a maximum (and no NaN gets through a comparison)."""
    return (
        0.1 <= args.hang_timeout <= 3600
        and 1 <= args.max_restarts_per_hour <= 3600
        and 0 <= args.max_memory_mb <= 1024 * 1024
        and 0 <= args.hidden_timeout <= 86400
    )


def _deck_to_play(deck: Path | None) -> Path | None:
    """The deck as an absolute path. One that is missing (a share not mounted, a path relative
    to another folder) no longer stops the kiosk: the player plays the last good copy of the
    deck instead, and says so in the status file."""
    if deck is None:
        return None
    absolute = deck.expanduser().absolute()
    if not absolute.is_file():
        logging.getLogger("revkiosk.kiosk.supervisor").error(
            "deck not found: %s%s; the player plays the last good copy, if there is one",
            deck,
            "" if deck.is_absolute() else f" (relative to {Path.cwd()})",
        )
    return absolute.resolve() if absolute.exists() else absolute


def _setup_logging(log_file: Path) -> None:
    """Log to stderr (journald under systemd) and a rotating file a technician can read."""
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            QuietRotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        )
    except OSError as error:
        print(f"revkiosk kiosk: cannot write log {log_file}: {error}", file=sys.stderr)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
        force=True,
    )


def _remote_options(args: argparse.Namespace) -> list[str]:
    """The remote's options, for the player (it runs the service; a restart starts it again)."""
    options = ["--remote", args.remote] if args.remote is not None else []
    return options + (["--remote-token", args.remote_token] if args.remote_token else [])


def main(argv: list[str]) -> int:
    """Parse options, then supervise until the exit chord or SIGTERM (and check for content
    updates meanwhile, when `update_source` is set)."""
    args, extra = _parser().parse_known_args(argv)
    if not _options_in_range(args):
        print(
            "revkiosk kiosk: error: --hang-timeout (0.1 … 3600 s), --max-restarts-per-hour "
            "(1 … 3600), --max-memory-mb (0 … 1048576) and --hidden-timeout (0 … 86400 s) "
            "are out of range",
            file=sys.stderr,
        )
        return 2
    if args.start is not None and not 1 <= args.start <= MAX_SLIDE_NUMBER:
        print(
            f"revkiosk kiosk: error: --start counts from 1 to {MAX_SLIDE_NUMBER}", file=sys.stderr
        )
        return 2
    lock = KioskLock("supervisor.lock")
    try:
        lock.acquire("revkiosk kiosk")
    except AlreadyRunning as error:
        print(
            f"revkiosk kiosk: error: {error}; one kiosk per user: stop it first "
            "(systemctl --user stop revkiosk-kiosk, or its exit chord)",
            file=sys.stderr,
        )
        return ALREADY_RUNNING
    except OSError as error:  # no place for a lock file: run, but say two kiosks are possible
        print(f"revkiosk kiosk: warning: cannot take the kiosk lock: {error}", file=sys.stderr)
    folder = state_dir()
    _setup_logging(args.log_file or folder / "supervisor.log")
    deck = _deck_to_play(args.deck)
    content = content_folder(args.content)
    watching = start_watching(content)
    config = SupervisorConfig(
        command=player_command(deck, [*extra, *_remote_options(args)]),
        heartbeat_path=heartbeat_path(),
        hidden_timeout=args.hidden_timeout or None,
        hang_timeout=args.hang_timeout,
        max_restarts_per_hour=args.max_restarts_per_hour,
        max_rss_mb=args.max_memory_mb or None,
        start_slide=args.start,
        env={ENV_CONTENT: str(content)},
    )
    supervisor = Supervisor(config)
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), supervisor.stop)
    code = supervisor.run()
    if watching is not None:
        watching.set()
    logging.getLogger("revkiosk.kiosk.supervisor").info(
        "supervisor stopping after %d restart(s)", supervisor.restarts
    )
    return code
