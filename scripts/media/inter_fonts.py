"""Make the bundled Inter faces without contextual alternates (`calt`), so PDF text is exact.

Why: Inter's `calt` feature swaps in glyphs that have no Unicode code point of their own — the
raised hyphen in "ILSVRC-2012", case-height parentheses around "(2023)", the en dash in
"2011–2022", the arrow that "->" becomes, the raised colon in "10:30". Qt's PDF writer builds
the text layer (the ToUnicode map) from the font's character map, so those glyphs are left
unmapped and a handout's copied or searched text loses or garbles them ("ILSVRC 2012", a stray
"?" in some readers). Without `calt` every glyph drawn has a character behind it; kerning and
every other feature stay. The look on screen barely changes (hyphens and brackets sit a little
lower next to capitals).

    .venv/bin/pip install fonttools   # script time only
    .venv/bin/python scripts/media/inter_fonts.py [SOURCE_DIR]

SOURCE_DIR holds the original Inter 4.0 OTF files (default: Debian's fonts-inter package,
/usr/share/fonts/opentype/inter); the result is written to src/revkiosk/ui/fonts/. Running it on
fonts that already lack `calt` changes nothing, so it is safe to rerun.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FONTS = REPO / "src" / "revkiosk" / "ui" / "fonts"
FACES = ("Inter-Regular.otf", "Inter-Italic.otf", "Inter-SemiBold.otf", "Inter-Bold.otf")
DROP = {"calt"}


def drop_features(source: Path, target: Path) -> int:
    """Copy `source` to `target` without the `DROP` GSUB features; returns how many went."""
    from fontTools.ttLib import TTFont

    font = TTFont(source, recalcTimestamp=False)
    gsub = font["GSUB"].table
    records = gsub.FeatureList.FeatureRecord
    keep = [i for i, record in enumerate(records) if record.FeatureTag not in DROP]
    new_index = {old: new for new, old in enumerate(keep)}
    gsub.FeatureList.FeatureRecord = [records[i] for i in keep]
    gsub.FeatureList.FeatureCount = len(keep)
    for script in gsub.ScriptList.ScriptRecord:
        systems = [script.Script.DefaultLangSys] + [r.LangSys for r in script.Script.LangSysRecord]
        for system in systems:
            if system is None:
                continue
            system.FeatureIndex = [new_index[i] for i in system.FeatureIndex if i in new_index]
            system.FeatureCount = len(system.FeatureIndex)
            if system.ReqFeatureIndex != 0xFFFF:
                system.ReqFeatureIndex = new_index.get(system.ReqFeatureIndex, 0xFFFF)
    font.save(target)
    font.close()
    return len(records) - len(keep)


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else Path("/usr/share/fonts/opentype/inter")
    for face in FACES:
        origin = source / face if (source / face).exists() else FONTS / face
        dropped = drop_features(origin, FONTS / face)
        print(f"{face}: dropped {dropped} feature record(s) from {origin}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
