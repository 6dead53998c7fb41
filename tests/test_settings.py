"""settings.yaml, precedence, resume state and logging folders (no QApplication needed)."""

from __future__ import annotations

import logging
from pathlib import Path

from revkiosk import settings as s
from revkiosk.settings import Settings


def write_settings(text: str) -> Path:
    path = s.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_defaults_and_no_notice() -> None:
    assert s.load_settings() == (Settings(), [])


def test_folders_follow_the_platform_conventions(tmp_path) -> None:
    assert s.config_dir().name == "revkiosk"
    assert s.settings_path().parent == s.config_dir()
    assert "xdg_state_home" in str(s.state_dir())
    assert "xdg_cache_home" in str(s.cache_dir())


def test_a_valid_file_is_read() -> None:
    write_settings(
        "theme: light\nscreen: 2\ntransition: none\nfont_scale: 1.25\nshow_progress: false\n"
        "kiosk: true\nidle_seconds: 60\npin: 1234\nopening_hours: '09:00-17:00'\n"
    )
    settings, notices = s.load_settings()
    assert notices == []
    assert settings == Settings(
        theme="light",
        screen=2,
        transition="none",
        font_scale=1.25,
        show_progress=False,
        kiosk=True,
        idle_seconds=60.0,
        pin="1234",
        opening_hours="09:00-17:00",
    )


def test_bad_yaml_gives_defaults_and_a_notice_with_the_place() -> None:
    path = write_settings("theme: dark\nscreen: [1,\n")
    settings, notices = s.load_settings()
    assert settings == Settings()
    assert len(notices) == 1
    assert notices[0].startswith(f"{path}:")
    assert "using default settings" in notices[0]


def test_wrong_types_and_unknown_keys_fall_back_per_key() -> None:
    write_settings("theme: blue\nfont_scale: huge\nscreen: true\nshow_progres: false\nresume: no\n")
    settings, notices = s.load_settings()
    assert settings == Settings(resume=False)  # the one good value is kept
    text = "\n".join(notices)
    assert "theme must be one of dark, light, null" in text
    assert "font_scale must be int or float" in text
    assert "screen must be a number" in text
    assert "unknown setting 'show_progres' (did you mean 'show_progress'?)" in text


def test_out_of_range_values_are_refused() -> None:
    write_settings("font_scale: 40\n")
    settings, notices = s.load_settings()
    assert settings.font_scale == 1.0
    assert "between 0.5 and 3" in notices[0]


def test_a_document_that_is_not_a_mapping_is_reported() -> None:
    write_settings("- theme\n- dark\n")
    settings, notices = s.load_settings()
    assert settings == Settings() and "expected a mapping" in notices[0]


def test_command_line_overrides_the_file() -> None:
    write_settings("theme: light\ntransition: none\n")
    settings, _ = s.load_settings()
    merged = s.with_overrides(settings, theme="dark", screen=None)
    assert merged.theme == "dark"  # command line wins
    assert merged.transition == "none"  # file value kept where the command line is silent


def test_resume_round_trip_per_deck(tmp_path) -> None:
    deck_a, deck_b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert s.load_resume(deck_a) is None
    s.save_resume(deck_a, 7)
    s.save_resume(deck_b, 2)
    assert s.load_resume(deck_a) == 7
    assert s.load_resume(tmp_path / "." / "a.yaml") == 7  # keyed by the resolved path
    assert s.load_resume(deck_b) == 2


def test_a_corrupt_resume_file_is_ignored_and_rewritten(tmp_path) -> None:
    state = s.state_dir() / s.RESUME_FILE
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text("{not json", encoding="utf-8")
    deck = tmp_path / "a.yaml"
    assert s.load_resume(deck) is None
    s.save_resume(deck, 3)
    assert s.load_resume(deck) == 3


def test_logging_goes_to_a_rotating_file_in_the_log_folder() -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        assert s.setup_logging(file=False) is None
        logging.getLogger("revkiosk.test").error("logged before the file was opened")
        path = s.open_log_file()
        assert path is not None and path.parent == s.log_dir()
        logging.getLogger("revkiosk.test").warning("hello from the test")
        for handler in root.handlers:
            handler.flush()
        text = path.read_text(encoding="utf-8")
        assert "logged before the file was opened" in text and "hello from the test" in text
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
