#!/usr/bin/env bash
# Build the standalone revkiosk (no Python needed on the museum machine) and its release archive.
#
#   packaging/build.sh                 build dist/revkiosk/, self-test it, write the .tar.xz
#   packaging/build.sh --gz            also write a .tar.gz (bigger, for tools without xz)
#   packaging/build.sh --no-archive    only the folder (quicker while iterating)
#   packaging/build.sh --dist DIR      put the folder and archive in DIR (default: dist/)
#
# Needs the project's virtual environment with PyInstaller: `bash scripts/setup.sh --test`
# (or `.venv/bin/pip install -e .[package]`). PYTHON=/path/to/python overrides .venv/bin/python.
# Build on the oldest Linux you want to support: the build runs on that glibc or newer.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

DIST="$ROOT/dist"
ARCHIVE=1
GZ=0
while [ $# -gt 0 ]; do
  case "$1" in
    --gz) GZ=1 ;;
    --no-archive) ARCHIVE=0 ;;
    --dist) DIST=$(realpath -m "${2:?--dist needs a folder}"); shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
if [ ! -x "$PYTHON" ]; then
  echo "build.sh: no Python at $PYTHON; run 'bash scripts/setup.sh --test' first" >&2
  exit 2
fi
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
  echo "build.sh: PyInstaller is not installed; run '$PYTHON -m pip install -e .[package]'" >&2
  exit 2
fi

VERSION=$(PYTHONPATH=src "$PYTHON" -c "import revkiosk; print(revkiosk.__version__)")
case "$(uname -s)" in
  Linux) OS=linux ;; Darwin) OS=macos ;; MINGW*|MSYS*|CYGWIN*) OS=windows ;; *) OS=$(uname -s) ;;
esac
NAME="revkiosk-$VERSION-$OS-$(uname -m)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/revkiosk-build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# The icons are committed; regenerate them only if someone deleted them.
if [ ! -f packaging/icon/revkiosk.png ] || [ ! -f packaging/icon/revkiosk.ico ]; then
  QT_QPA_PLATFORM=offscreen PYTHONPATH=src "$PYTHON" packaging/icon/make_icon.py
fi

echo "build.sh: building revkiosk $VERSION into $DIST/revkiosk"
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK/pyinstaller" packaging/revkiosk.spec
echo "build.sh: PyInstaller took $(( $(date +%s) - start )) s"

APP="$DIST/revkiosk"
EXE="$APP/revkiosk"
[ -x "$EXE" ] || EXE="$APP/revkiosk.exe"

# Prove the build is complete, with no Python of ours on PATH and no session environment.
# (`timeout` guards against an executable that ignores --self-test and opens the player.)
echo "build.sh: self-test of the packaged build"
LIMIT=""
command -v timeout >/dev/null && LIMIT="timeout 300"
if ! env -i PATH=/usr/bin:/bin HOME="$WORK" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
     $LIMIT "$EXE" --self-test > "$WORK/self-test.txt" 2>&1; then
  grep -v '^ok ' "$WORK/self-test.txt" | tail -n 40 >&2 || true
  echo "build.sh: the packaged build FAILED its self-test (full output above)" >&2
  exit 1
fi
tail -n 1 "$WORK/self-test.txt"
echo "build.sh: folder $(du -sh "$APP" | cut -f1)  ($APP)"

[ "$ARCHIVE" = 1 ] || exit 0

# The release archive: the app folder plus what a technician needs to install it.
STAGE="$WORK/stage/$NAME"
mkdir -p "$STAGE/packaging/icon"
cp -a "$APP" "$STAGE/revkiosk"
cp packaging/install-kiosk.sh packaging/README.md "$STAGE/"
cp packaging/revkiosk.desktop "$STAGE/packaging/"
for extra in install-kiosk-steps.sh revkiosk-kiosk.service revkiosk-kiosk.desktop revkiosk-cage \
    revkiosk-cage.service; do
  [ -f "packaging/$extra" ] && cp -p "packaging/$extra" "$STAGE/packaging/"
done
cp packaging/icon/revkiosk.svg packaging/icon/revkiosk.png "$STAGE/packaging/icon/"
[ -f docs/KIOSK.md ] && cp docs/KIOSK.md "$STAGE/"
chmod +x "$STAGE/install-kiosk.sh"

# xz -9: its 64 MB window also folds the copies of libraries into one (1.4 MB under -6, for
# about two minutes instead of 40 s on two cores; the archive's budget is 60 MB). -T0: every core.
start=$(date +%s)
tar -C "$WORK/stage" --owner=0 --group=0 --numeric-owner -cf - "$NAME" \
  | xz -T0 -9 > "$DIST/$NAME.tar.xz"
echo "build.sh: archive $(du -h "$DIST/$NAME.tar.xz" | cut -f1)  ($DIST/$NAME.tar.xz," \
  "$(( $(date +%s) - start )) s)"
if [ "$GZ" = 1 ]; then
  tar -C "$WORK/stage" --owner=0 --group=0 --numeric-owner -czf "$DIST/$NAME.tar.gz" "$NAME"
  echo "build.sh: archive $(du -h "$DIST/$NAME.tar.gz" | cut -f1)  ($DIST/$NAME.tar.gz)"
fi
