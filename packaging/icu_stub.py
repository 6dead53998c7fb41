"""Qt's ICU data (libicudata, 31 MB, a sixth of the build) replaced by ICU's empty stub.

Qt Core links ICU for a few things revkiosk never asks of it: collation (QCollator), legacy
text codecs (QStringConverter beyond UTF-8/16 and Latin-1), time-zone display names and
locale-specific case mapping. Case mapping's tables are built into libicuuc, and everything a
slide shows is laid out by Qt's own Unicode tables and HarfBuzz, not ICU's data. ICU ships a
"stubdata" library for exactly this: a common-data header with no entries, so whatever would
need data answers U_MISSING_RESOURCE_ERROR, which Qt handles (falls back or returns empty).

Checked: every slide exported in French and Arabic is pixel-identical with and without the
stub, and `--self-test` (slides, videos, fonts, languages, remote) passes; the build's tests run
it. The stub is compiled here with the system C compiler (ICU's data symbol carries its major
version, icudt73_dat); without a compiler the real data is kept and the build says so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

_DATA = re.compile(r"(?:^|/)libicudata\.so\.(\d+)$")
_SOURCE = """\
/* ICU's empty common data (as icu4c/source/stubdata), for ICU {major}. */
#include <stdint.h>
typedef struct {{
    uint16_t headerSize; uint8_t magic1, magic2;
    struct {{ uint16_t size, reservedWord;
             uint8_t isBigEndian, charsetFamily, sizeofUChar, reservedByte;
             uint8_t dataFormat[4], formatVersion[4], dataVersion[4]; }} info;
    char padding[8];
    uint32_t count, reserved;
    struct {{ uint32_t nameOffset, dataOffset; }} toc[1];
}} Header;
__attribute__((visibility("default"))) const Header icudt{major}_dat = {{
    32, 0xda, 0x27,
    {{20, 0, 0, 0, 2, 0, {{0x54, 0x6f, 0x43, 0x50}}, {{1, 0, 0, 0}}, {{0, 0, 0, 0}}}},
    {{0}}, 0, 0, {{{{0, 0}}}}
}};
"""


def build_stub(major: str, workdir: Path) -> Path | None:
    """libicudata.so.<major> with no data, compiled in `workdir`; None without a compiler."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        return None
    workdir.mkdir(parents=True, exist_ok=True)
    source, library = workdir / "icudata_stub.c", workdir / f"libicudata.so.{major}"
    source.write_text(_SOURCE.format(major=major), encoding="utf-8")
    done = subprocess.run(
        [compiler, "-shared", "-fPIC", "-O2", f"-Wl,-soname,libicudata.so.{major}",
         "-o", str(library), str(source)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    return library if done.returncode == 0 and library.is_file() else None


def stub_icu_data(binaries: list, workdir: Path) -> list:
    """`binaries` (PyInstaller's (dest, src, kind) entries) with ICU's data swapped for the
    stub; unchanged, with a message, when the stub cannot be built."""
    result = []
    for dest, src, kind in binaries:
        match = _DATA.search(dest.replace("\\", "/"))
        if match:
            stub = build_stub(match.group(1), workdir)
            if stub is None:
                print("revkiosk.spec: no C compiler: ICU's full data (31 MB) stays in the build")
            else:
                print(f"revkiosk.spec: {dest} is ICU's empty stub ({stub.stat().st_size} bytes)")
                src = str(stub)
        result.append((dest, src, kind))
    return result
