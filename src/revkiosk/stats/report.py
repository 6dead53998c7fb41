"""The summary as text a person reads: dates as "Mon 4 May 2026", times as "1 min 12 s".

English on purpose: the report is for the museum's staff and the log, not the visitors; the
same words label the `--png` chart.
"""

from __future__ import annotations

from datetime import date

from revkiosk.stats.summary import Summary

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
BAR_WIDTH = 30
TOP_SLIDES = 15


def day_text(day: date, weekday: bool = True) -> str:
    """4 May 2026, or Mon 4 May 2026."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def duration_text(seconds: float | None) -> str:
    """45 s, 1 min 12 s, 1 h 05 min; an em dash when unknown."""
    if seconds is None:
        return "—"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def count_text(number: int, noun: str) -> str:
    """1 visit, 1,234 visits."""
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def period_text(summary: Summary) -> str:
    first, last = summary.first_day, summary.last_day
    if first is None or last is None:
        return "no visits"
    if first == last:
        return day_text(first)
    days = (last - first).days + 1
    return f"{day_text(first, False)} – {day_text(last, False)} ({days} days)"


def _bar(value: int, top: int) -> str:
    return "█" * (round(value / top * BAR_WIDTH) if top else 0)


def text_report(summary: Summary, folder: str) -> str:
    """The whole report, ready to print."""
    if summary.visits == 0:
        lines = [f"No visits recorded in {folder}."]
        lines += _notes(summary)
        return "\n".join(lines) + "\n"
    lines = [
        f"Visitor statistics, {period_text(summary)}",
        f"{count_text(summary.visits, 'visit')} · "
        f"median visit {duration_text(summary.median_seconds)} · "
        f"median {summary.median_slides:g} slides a visit",
        "",
        "Visits per day",
    ]
    top = max(summary.per_day.values())
    for day, count in summary.per_day.items():
        lines.append(f"  {day_text(day):<16} {count:>6,}  {_bar(count, top)}")
    lines += ["", "Visits by hour of the day (when they started)"]
    top = max(summary.per_hour)
    first = next(h for h, n in enumerate(summary.per_hour) if n)
    last = max(h for h, n in enumerate(summary.per_hour) if n)
    for hour in range(first, last + 1):
        count = summary.per_hour[hour]
        lines.append(f"  {hour:02d}:00–{hour:02d}:59 {count:>6,}  {_bar(count, top)}")
    lines += ["", "Most-viewed slides (views · median time on the slide)"]
    several_decks = len({slide.deck for slide in summary.slides}) > 1
    for rank, slide in enumerate(summary.slides[:TOP_SLIDES], 1):
        name = slide.title or slide.key
        key = f"{slide.deck}: {slide.key}" if several_decks else slide.key
        label = f"{name} ({key})" if slide.title and key != name else name
        dwell = duration_text(slide.median_seconds)
        lines.append(f"  {rank:>2}. {label[:52]:<52} {slide.views:>6,}  {dwell}")
    lines += _table(
        "Languages (visits, by the language they ended in)", summary.languages, summary.visits
    )
    lines += _table("Comfort settings chosen (visits)", summary.comfort, summary.visits)
    lines += _table("Layers opened (times)", summary.layers)
    lines += _table("Videos played (times)", summary.videos)
    lines += _notes(summary)
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _table(title: str, counts: dict[str, int], total: int | None = None) -> list[str]:
    if not counts:
        return []
    lines = ["", title]
    for name, count in counts.items():
        share = f"  {count / total:>4.0%}" if total else ""
        lines.append(f"  {name[:40]:<40} {count:>6,}{share}")
    return lines


def _notes(summary: Summary) -> list[str]:
    notes = []
    if summary.unclosed:
        notes.append(
            f"{count_text(summary.unclosed, 'visit')} had no recorded end (still going, or the "
            "power went): counted up to their last record."
        )
    if summary.restarted:
        notes.append(f"{count_text(summary.restarted, 'visit')} ended by a restart of the player.")
    if summary.skipped_lines:
        notes.append(
            f"{count_text(summary.skipped_lines, 'line')} could not be read (cut off or damaged) "
            "and were skipped."
        )
    if summary.capped_days:
        notes.append(
            "These days reached the size cap, so their numbers are incomplete: "
            + ", ".join(summary.capped_days)
        )
    return ["", "Notes:", *(f"  {note}" for note in notes)] if notes else []
