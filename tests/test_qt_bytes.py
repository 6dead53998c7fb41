"""Issue 21: decodes on two threads at once never freeze the player.

`bench_jumps` hung for good: the GUI thread decoded a chart's picture while the worker decoded a
slide's. One thread held Qt's image-plugin lock and waited for Python's lock (to ask a
Python-made `QBuffer` whether `readData` is overridden). The other held Python's lock and waited
for Qt's. Codecs now read and write only buffers Qt makes (`revkiosk.ui.qt_bytes`)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

# Thread A makes its reader's handler inside read() (Python's lock let go, Qt's plugin lock
# taken, then the device is read); threads B make theirs inside size() (Python's lock held while
# waiting for Qt's). With a Python-made QBuffer this froze within a second, three runs of three.
RACE = textwrap.dedent(
    """
    import sys, threading, time
    from PySide6.QtGui import QGuiApplication, QImage
    from revkiosk.ui.qt_bytes import encoded, image_reader

    app = QGuiApplication([])
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(0x3366FF)
    data = encoded(image)
    stop = time.perf_counter() + 2.0

    def decode(inside_read):
        while time.perf_counter() < stop:
            reader, _stream = image_reader(data, b"png" if inside_read else b"")
            if not inside_read:
                reader.size()
            assert not reader.read().isNull()

    threads = [threading.Thread(target=decode, args=(n == 0,)) for n in range(3)]
    for thread in threads:
        thread.start()
    decode(False)
    for thread in threads:
        thread.join()
    print("all decoded")
    """
)


def test_decodes_on_several_threads_at_once_never_freeze() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", RACE], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "all decoded" in done.stdout, done.stderr[-2000:]


def test_no_codec_reads_or_writes_a_buffer_made_in_python() -> None:
    """A `QBuffer(...)` made in Python, or `QImage.fromData` (which holds Python's lock for a
    whole decode), anywhere but `qt_bytes` brings the freeze back."""
    offenders = []
    for path in sorted((SRC / "revkiosk").rglob("*.py")):
        if path.name == "qt_bytes.py":
            continue
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            code = line.split("#", 1)[0]
            if re.search(r"\bQBuffer\s*\(|\bfromData\s*\(|\bloadFromData\s*\(", code):
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == []
