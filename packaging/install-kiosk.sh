#!/usr/bin/env bash
# Install the packaged revkiosk to /opt/revkiosk and make a user session boot into the show.
#
#   sudo ./install-kiosk.sh                      kiosk user "kiosk" (created), systemd user unit
#   sudo ./install-kiosk.sh --current-user       the user who ran sudo, instead of "kiosk"
#   sudo ./install-kiosk.sh --user NAME          another (existing or new) user
#   sudo ./install-kiosk.sh --autostart xdg      XDG autostart entry instead of the systemd unit
#   sudo ./install-kiosk.sh --session cage       no desktop: the show alone under cage (Wayland)
#   sudo ./install-kiosk.sh --deck /srv/deck/slides/deck.yaml   play this deck (it is checked)
#   sudo ./install-kiosk.sh --no-deck            play what `revkiosk update` installed, else the story
#   sudo ./install-kiosk.sh --autologin          also log the user in automatically (LightDM)
#   sudo ./install-kiosk.sh --app-only           only /opt/revkiosk, the launcher and the icon
#   sudo ./install-kiosk.sh --uninstall          remove all of the above (keeps the user)
#   ./install-kiosk.sh --dry-run …               print what would be done, change nothing
#   ./install-kiosk.sh --root DIR …              install under DIR (staging, packagers, tests)
#
# Run it from the unpacked release archive (or from packaging/ in a checkout after
# packaging/build.sh). The options of the last install are remembered (/etc/revkiosk/
# install.conf): running it again with none updates the program and keeps the same user, deck
# and session. The new build is self-tested and checks the deck *before* it replaces the old
# one, so a bad copy never replaces a working show; a running kiosk is then restarted on it.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=/opt/revkiosk
BIN_LINK=/usr/local/bin/revkiosk
CAGE_LINK=/usr/local/bin/revkiosk-cage
CAGE_UNIT=/etc/systemd/system/revkiosk-cage.service
CAGE_PAM=/etc/pam.d/revkiosk-cage
APPS_DIR=/usr/share/applications
ICONS_DIR=/usr/share/icons/hicolor
CONF=/etc/revkiosk/install.conf
# Empty: not given on the command line (the remembered value, else the default, applies).
KIOSK_USER="" AUTOSTART="" SESSION="" DECK="" DECK_GIVEN=0 AUTOLOGIN="" APP_ONLY="" PREFIX_GIVEN=0
UNINSTALL=0
DRY_RUN=0
R=""  # --root: every system path below is taken inside this folder

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; }  # the header
die() { echo "install-kiosk: $*" >&2; exit 1; }
say() { echo "install-kiosk: $*"; }
# Every change goes through `run`, so --dry-run shows exactly what a real run would do.
run() {
  if [ "$DRY_RUN" = 1 ]; then printf '  would run:'; printf ' %q' "$@"; echo; else "$@"; fi
}
write_file() {  # write_file PATH MODE < content
  if [ "$DRY_RUN" = 1 ]; then echo "  would write $1:"; sed 's/^/    | /'; else
    cat > "$1.tmp" && chmod "$2" "$1.tmp" && mv "$1.tmp" "$1"; fi
}

while [ $# -gt 0 ]; do
  case "$1" in
    --user) KIOSK_USER=${2:?--user needs a name}; shift ;;
    --current-user) KIOSK_USER=${SUDO_USER:-$(id -un)} ;;
    --autostart) AUTOSTART=${2:?--autostart needs systemd or xdg}; shift ;;
    --session) SESSION=${2:?--session needs desktop or cage}; shift ;;
    --deck) DECK=${2:?--deck needs a path}; DECK_GIVEN=1; shift ;;
    --no-deck) DECK=""; DECK_GIVEN=1 ;;
    --prefix) PREFIX=${2:?--prefix needs a folder}; PREFIX_GIVEN=1; shift ;;
    --autologin) AUTOLOGIN=1 ;;
    --app-only) APP_ONLY=1 ;;
    --uninstall) UNINSTALL=1 ;;
    --dry-run) DRY_RUN=1 ;;
    --root) R=$(realpath -m "${2:?--root needs a folder}"); shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
  shift
done
case "${AUTOSTART:-systemd}" in systemd|xdg) ;; *) die "--autostart must be systemd or xdg, not '$AUTOSTART'" ;; esac
case "${SESSION:-desktop}" in desktop|cage) ;; *) die "--session must be desktop or cage, not '$SESSION'" ;; esac
case "$PREFIX" in /*) ;; *) die "--prefix must be an absolute path, not '$PREFIX'" ;; esac
[ "$(uname -s)" = Linux ] || die "this installer is for Linux; see README.md for Windows and macOS"
if [ "$DRY_RUN" = 0 ] && [ -z "$R" ] && [ "$(id -u)" != 0 ]; then
  die "run it as root: sudo $0 $*  (or add --dry-run to see what it would do)"
fi

# --- the options of the last install -------------------------------------------------------
# A re-run without options must not quietly switch the museum's show back to the bundled story,
# nor leave a user's autostart behind on --uninstall: what was not given now is taken from the
# last install. Only known keys are read; nothing in the file is executed.
USER_GIVEN=0; [ -n "$KIOSK_USER" ] && USER_GIVEN=1
remembered=()
if [ -f "$R$CONF" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    key=${line%%=*} value=${line#*=}
    case "$key" in
      KIOSK_USER) [ -n "$KIOSK_USER" ] || { KIOSK_USER=$value; remembered+=("--user $value"); } ;;
      AUTOSTART) [ -n "$AUTOSTART" ] || { AUTOSTART=$value; remembered+=("--autostart $value"); } ;;
      SESSION) [ -n "$SESSION" ] || { SESSION=$value; remembered+=("--session $value"); } ;;
      DECK) if [ "$DECK_GIVEN" = 0 ]; then
              DECK=$value
              if [ -n "$value" ]; then remembered+=("--deck $value"); else remembered+=("--no-deck"); fi
            fi ;;
      AUTOLOGIN) [ -n "$AUTOLOGIN" ] || { AUTOLOGIN=$value; [ "$value" = 1 ] && remembered+=("--autologin"); } ;;
      APP_ONLY) if [ -z "$APP_ONLY" ] && [ "$USER_GIVEN" = 0 ]; then
                  APP_ONLY=$value; [ "$value" = 1 ] && remembered+=("--app-only"); fi ;;
      PREFIX) [ "$PREFIX_GIVEN" = 1 ] || { PREFIX=$value; remembered+=("--prefix $value"); } ;;
    esac
  done < "$R$CONF"
  [ ${#remembered[@]} = 0 ] || say "as last time ($CONF): ${remembered[*]}"
fi
KIOSK_USER=${KIOSK_USER:-kiosk} AUTOSTART=${AUTOSTART:-systemd} SESSION=${SESSION:-desktop}
AUTOLOGIN=${AUTOLOGIN:-0} APP_ONLY=${APP_ONLY:-0}

# The deck, as an absolute path: the kiosk starts in another folder than this shell (systemd
# user units in the home folder), where a relative path leads nowhere.
if [ -n "$DECK" ] && [ "$UNINSTALL" = 0 ] && [ "$APP_ONLY" = 0 ]; then
  case "$DECK" in
    *[\"\\\$%\`]*|*$'\n'*) die "the deck path '$DECK' has a character a unit file cannot hold" \
      "(\" \\ \$ % \` or a line break); move the deck to a plainer folder name" ;;
  esac
  if [ ! -f "$DECK" ]; then
    [ "$DECK_GIVEN" = 1 ] || die "deck $DECK (from the last install, $CONF) not found;" \
      "give --deck PATH, or --no-deck to play the bundled story"
    die "deck $DECK not found"
  fi
  DECK=$(realpath -- "$DECK")
fi

# Where things are: the release archive has revkiosk/ and packaging/ next to this script; a
# checkout has this script in packaging/ and the build in dist/revkiosk/.
if [ -x "$HERE/revkiosk/revkiosk" ]; then
  APP_SRC="$HERE/revkiosk"; FILES="$HERE/packaging"
elif [ -x "$HERE/../dist/revkiosk/revkiosk" ]; then
  APP_SRC=$(cd "$HERE/../dist/revkiosk" && pwd); FILES="$HERE"
else
  APP_SRC=""; FILES="$HERE"
fi

user_home() { local home; home=$(getent passwd "$1" | cut -d: -f6); [ -z "$home" ] || echo "$R$home"; }

STEPS="$HERE/packaging/install-kiosk-steps.sh"
[ -f "$STEPS" ] || STEPS="$HERE/install-kiosk-steps.sh"
[ -f "$STEPS" ] || die "install-kiosk-steps.sh is missing next to this script (or in packaging/)"
# shellcheck source=packaging/install-kiosk-steps.sh
. "$STEPS"

if [ "$UNINSTALL" = 1 ]; then uninstall; exit 0; fi
install_app
if [ "$APP_ONLY" = 0 ]; then
  if [ "$SESSION" = cage ]; then setup_cage; else setup_user; fi
fi
remember_options
restart_running_kiosk
say "installed. Try it: $PREFIX/revkiosk --self-test   (and: $PREFIX/revkiosk)"
if [ "$APP_ONLY" = 0 ]; then
  say "the show starts when '$KIOSK_USER' logs in; leave it with Ctrl+Alt+Shift+Q (see KIOSK.md)"
fi
