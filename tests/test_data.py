"""The shipped compute dataset: its content, its loader, and that the build script remakes it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from revkiosk.data.dataset import (
    DATASET_PATH,
    DatasetError,
    find_system,
    load_systems,
    read_systems,
    with_compute,
)

REPO = Path(__file__).resolve().parent.parent
RAW = REPO.parent / "shared" / "data" / "epoch_notable_ai_models_2025-02-24.csv"


def _build_module():
    spec = importlib.util.spec_from_file_location(
        "build_compute_dataset", REPO / "scripts" / "build_compute_dataset.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_gpt3_row_has_the_published_compute_and_parameters() -> None:
    gpt3 = find_system("GPT-3 175B (davinci)")
    assert gpt3 is not None
    assert gpt3.compute == pytest.approx(3.14e23)
    assert gpt3.parameters == pytest.approx(175e9)
    assert gpt3.organisation == "OpenAI"
    assert gpt3.published.isoformat() == "2020-05-28"
    assert gpt3.domain == "language"


def test_domains_are_mapped_onto_the_decks_strands() -> None:
    assert find_system("AlphaFold 2").domain == "science"  # Epoch: Biology
    assert find_system("Stable Diffusion (LDM-KL-8-G)").domain == "vision"  # Image generation
    assert find_system("AlphaGo Lee").domain == "games"
    assert {s.domain for s in load_systems()} <= {"vision", "games", "language", "science", "other"}


def test_every_year_is_kept_and_lookup_ignores_case() -> None:
    systems = load_systems()
    assert len(systems) == 895
    assert len(with_compute()) == 451
    assert min(s.published.year for s in systems) == 1950
    assert find_system("alexnet") is find_system("AlexNet")
    assert find_system("No Such System") is None


def test_shipped_csv_is_what_the_build_script_makes() -> None:
    if not RAW.exists():
        pytest.skip(f"raw Epoch export not found at {RAW}")
    build = _build_module()
    assert build.render(build.build_rows(RAW)) == DATASET_PATH.read_text(encoding="utf-8")


def test_build_script_rejects_a_file_that_is_not_an_epoch_export(tmp_path, capsys) -> None:
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n", encoding="utf-8")
    build = _build_module()
    assert build.main([str(wrong), "--out", str(tmp_path / "out.csv")]) == 2
    assert "not an Epoch export" in capsys.readouterr().err
    assert build.main([str(tmp_path / "missing.csv"), "--out", str(tmp_path / "o.csv")]) == 2


def test_loader_names_the_bad_line_of_a_corrupt_dataset(tmp_path) -> None:
    bad = tmp_path / "compute.csv"
    bad.write_text(
        "system,organisation,date,domain,compute_flop,parameters\n"
        "A,Org,2020-01-01,vision,1e20,\nB,Org,2020-13-01,vision,1e20,\n",
        encoding="utf-8",
    )
    with pytest.raises(DatasetError, match=r"compute.csv:3: bad date"):
        read_systems(bad)
    with pytest.raises(DatasetError, match="cannot read"):
        read_systems(tmp_path / "absent.csv")
