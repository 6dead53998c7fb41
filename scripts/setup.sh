#!/usr/bin/env bash
# Set up revkiosk on a fresh Debian/Ubuntu machine: the Debian libraries Qt needs, then a Python
# virtual environment in .venv with revkiosk installed (editable) and, with --test, the test tools.
#
#   bash scripts/setup.sh            # player only
#   bash scripts/setup.sh --test     # player + pytest, pytest-qt, ruff, pyinstaller
#
# As root it installs the Debian packages itself; otherwise it prints the exact apt-get line to
# run (and carries on: a desktop usually has them already).
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--test" ] && extras="[test,package]"

# Qt's runtime libraries (libpulse0: QtMultimedia loads it at import), the xcb set a real display
# needs (libxext6: DPMS, to switch the display off at closing), fonts, and for tests Xvfb and the
# tools used to look at output.
DEB_PACKAGES="python3 python3-venv python3-pip libpulse0 libegl1 libgl1 libopengl0 libxkbcommon0
  libxkbcommon-x11-0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 fontconfig fonts-dejavu-core
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 libx11-xcb1 libxrender1 libxi6
  libsm6 libice6 libasound2 libxext6 xvfb xauth xdotool x11-utils x11-xkb-utils"
# Spoken mode: Qt's speechd text-to-speech plugin needs libspeechd2 and a speech-dispatcher with
# espeak-ng voices (tests/test_speech.py speaks through a private one).
DEB_PACKAGES="$DEB_PACKAGES libspeechd2 speech-dispatcher speech-dispatcher-espeak-ng espeak-ng"
# Qt's Wayland platform plugin needs libwayland-cursor0 and libwayland-egl1 (the kiosk under cage).
DEB_PACKAGES="$DEB_PACKAGES libwayland-client0 libwayland-cursor0 libwayland-egl1"
# PyInstaller (tests/test_packaging.py) needs objdump (binutils) and a shared libpython, and
# a C compiler for the 15 kB ICU data stub (packaging/icu_stub.py);
# tests/test_exhibit_pdf_text.py reads handout text with pdftotext (poppler-utils); the
# installer tests validate its .desktop files (desktop-file-utils) and run the kiosk under a
# headless cage (which needs Xwayland) with grim for screenshots.
[ -n "$extras" ] && DEB_PACKAGES="$DEB_PACKAGES binutils gcc libpython3-dev poppler-utils"
[ -n "$extras" ] && DEB_PACKAGES="$DEB_PACKAGES desktop-file-utils cage grim xwayland"
# A private session bus for the display-power test (a stand-in for GNOME's Mutter).
[ -n "$extras" ] && DEB_PACKAGES="$DEB_PACKAGES dbus-daemon"
# zbarimg (tests read back the QR codes of exported "more" layers).
[ -n "$extras" ] && DEB_PACKAGES="$DEB_PACKAGES zbar-tools"
# The kiosk's window watch is tested under a real window manager (tests/test_failclosed_hidden.py).
[ -n "$extras" ] && DEB_PACKAGES="$DEB_PACKAGES openbox wmctrl"
# The phone remote's page is tested in Debian's chromium, driven through chromium-driver
# (selenium); openssl makes the certificate for the remote's TLS test.
[ -n "$extras" ] && DEB_PACKAGES="$DEB_PACKAGES chromium chromium-driver openssl"

missing=""
for p in $DEB_PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "${missing// /}" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages: $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # Names differ between releases (libasound2 became libasound2t64): install what exists.
    available=""
    for p in $missing; do
      apt-cache show "$p" >/dev/null 2>&1 && available="$available $p"
    done
    missing=$available
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "setup: these Debian packages are missing; install them with:"
    echo "  sudo apt-get install -y $missing"
  fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".$extras"
echo "setup: ready (.venv/bin/revkiosk)"
