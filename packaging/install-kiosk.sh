#!/usr/bin/env bash
# Install the packaged revkiosk to /opt/revkiosk and make a user session boot into the show.
#
#   sudo ./install-kiosk.sh                      kiosk user "kiosk" (created), systemd user unit
#   sudo ./install-kiosk.sh --current-user       the user who ran sudo, instead of "kiosk"
#   sudo ./install-kiosk.sh --user NAME          another (existing or new) user
#   sudo ./install-kiosk.sh --autostart xdg      XDG autostart entry instead of the systemd unit
#   sudo ./install-kiosk.sh --deck /srv/deck/slides/deck.yaml   play this deck (default: the story)
#   sudo ./install-kiosk.sh --autologin          also log the user in automatically (LightDM)
#   sudo ./install-kiosk.sh --app-only           only /opt/revkiosk, the launcher and the icon
#   sudo ./install-kiosk.sh --uninstall          remove all of the above (keeps the user)
#   ./install-kiosk.sh --dry-run …               print what would be done, change nothing
#   ./install-kiosk.sh --root DIR …              install under DIR (staging, packagers, tests)
#
# Run it from the unpacked release archive (or from packaging/ in a checkout after
# packaging/build.sh). It installs the new build next to the old one and switches over only
# after the new one passes its self-test, so a bad copy never replaces a working show.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=/opt/revkiosk
BIN_LINK=/usr/local/bin/revkiosk
APPS_DIR=/usr/share/applications
ICONS_DIR=/usr/share/icons/hicolor
KIOSK_USER=kiosk
AUTOSTART=systemd
DECK=""
AUTOLOGIN=0
APP_ONLY=0
UNINSTALL=0
DRY_RUN=0
R=""  # --root: every system path below is taken inside this folder

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }
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
    --deck) DECK=${2:?--deck needs a path}; shift ;;
    --prefix) PREFIX=${2:?--prefix needs a folder}; shift ;;
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
case "$AUTOSTART" in systemd|xdg) ;; *) die "--autostart must be systemd or xdg, not '$AUTOSTART'" ;; esac
[ "$(uname -s)" = Linux ] || die "this installer is for Linux; see README.md for Windows and macOS"
if [ "$DRY_RUN" = 0 ] && [ -z "$R" ] && [ "$(id -u)" != 0 ]; then
  die "run it as root: sudo $0 $*  (or add --dry-run to see what it would do)"
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
unit_dir() { echo "$(user_home "$1")/.config/systemd/user"; }
autostart_dir() { echo "$(user_home "$1")/.config/autostart"; }

uninstall() {
  say "removing revkiosk from $PREFIX"
  run rm -rf "$R$PREFIX" "$R$PREFIX.old" "$R$PREFIX.new" "$R/usr/share/doc/revkiosk"
  run rm -f "$R$BIN_LINK" "$R$APPS_DIR/revkiosk.desktop" "$R$ICONS_DIR/scalable/apps/revkiosk.svg" \
    "$R$ICONS_DIR/256x256/apps/revkiosk.png" \
    "$R/etc/lightdm/lightdm.conf.d/50-revkiosk-autologin.conf"
  if id "$KIOSK_USER" >/dev/null 2>&1; then
    run rm -f "$(unit_dir "$KIOSK_USER")/revkiosk-kiosk.service" \
      "$(unit_dir "$KIOSK_USER")/graphical-session.target.wants/revkiosk-kiosk.service" \
      "$(autostart_dir "$KIOSK_USER")/revkiosk-kiosk.desktop"
  fi
  say "done (the user '$KIOSK_USER' and its settings in ~/.config/revkiosk are kept)"
}

install_app() {
  [ -n "$APP_SRC" ] || die "no build found next to this script (expected revkiosk/revkiosk);" \
    "unpack the release archive, or run packaging/build.sh first"
  say "installing $APP_SRC to $PREFIX"
  run mkdir -p "$(dirname "$R$PREFIX")"
  run rm -rf "$R$PREFIX.new"
  run cp -a "$APP_SRC" "$R$PREFIX.new"
  # The self-test renders every slide and decodes every video off-screen (about 10 s).
  say "self-test of the new copy (renders every slide off-screen)"
  if [ "$DRY_RUN" = 0 ] && ! env QT_QPA_PLATFORM=offscreen HOME=/tmp "$R$PREFIX.new/revkiosk" \
      --self-test > /tmp/revkiosk-self-test.txt 2>&1; then
    grep -v '^ok ' /tmp/revkiosk-self-test.txt | tail -n 20 >&2 || true
    run rm -rf "$R$PREFIX.new"
    die "the new build failed its self-test (above; full output in /tmp/revkiosk-self-test.txt);" \
      "nothing was changed"
  fi
  [ "$DRY_RUN" = 1 ] || tail -n 1 /tmp/revkiosk-self-test.txt
  if [ -e "$R$PREFIX" ]; then run rm -rf "$R$PREFIX.old"; run mv "$R$PREFIX" "$R$PREFIX.old"; fi
  run mv "$R$PREFIX.new" "$R$PREFIX"
  run mkdir -p "$(dirname "$R$BIN_LINK")"
  run ln -sfn "$PREFIX/revkiosk" "$R$BIN_LINK"

  run mkdir -p "$R$APPS_DIR" "$R$ICONS_DIR/scalable/apps" "$R$ICONS_DIR/256x256/apps"
  run install -m 644 "$FILES/icon/revkiosk.svg" "$R$ICONS_DIR/scalable/apps/revkiosk.svg"
  run install -m 644 "$FILES/icon/revkiosk.png" "$R$ICONS_DIR/256x256/apps/revkiosk.png"
  sed -e "s|^Exec=revkiosk|Exec=$PREFIX/revkiosk|" -e "s|^TryExec=revkiosk|TryExec=$PREFIX/revkiosk|" \
    "$FILES/revkiosk.desktop" | write_file "$R$APPS_DIR/revkiosk.desktop" 644
  # The unit's Documentation= points here.
  for doc in KIOSK.md README.md; do
    if [ -f "$HERE/$doc" ]; then run install -D -m 644 "$HERE/$doc" "$R/usr/share/doc/revkiosk/$doc"; fi
  done
  if [ -z "$R" ] && command -v update-desktop-database >/dev/null; then
    run update-desktop-database -q "$APPS_DIR"
  fi
  if [ -z "$R" ] && command -v gtk-update-icon-cache >/dev/null; then
    run gtk-update-icon-cache -q -t "$ICONS_DIR"
  fi
}

# The kiosk command line, with the deck if one was given (quoted for systemd and .desktop).
kiosk_command() {
  if [ -n "$DECK" ]; then echo "$PREFIX/revkiosk kiosk \"$DECK\""; else echo "$PREFIX/revkiosk kiosk"; fi
}

setup_user() {
  if ! id "$KIOSK_USER" >/dev/null 2>&1; then
    [ -z "$R" ] || die "--root: the user '$KIOSK_USER' must exist (use --current-user)"
    say "creating the user '$KIOSK_USER' (no password: it only logs in automatically)"
    run useradd --create-home --shell /bin/bash --comment "revkiosk museum kiosk" "$KIOSK_USER"
    for group in audio video render input; do
      if getent group "$group" >/dev/null; then run usermod -aG "$group" "$KIOSK_USER"; fi
    done
  fi
  if [ -n "$DECK" ]; then
    [ -f "$DECK" ] || die "deck $DECK not found"
    if [ "$DRY_RUN" = 0 ]; then
      "$R$PREFIX/revkiosk" check "$DECK" || die "the deck has errors (above); fix them, run again"
    fi
  fi
  local home group
  home=$(user_home "$KIOSK_USER")
  [ -n "$home" ] || home="$R/home/$KIOSK_USER"  # dry run for a user not created yet
  group=$(id -gn "$KIOSK_USER" 2>/dev/null || echo "$KIOSK_USER")
  local command
  command=$(kiosk_command)
  if [ "$AUTOSTART" = systemd ]; then
    local dir="$home/.config/systemd/user"
    [ -f "$FILES/revkiosk-kiosk.service" ] || die "$FILES/revkiosk-kiosk.service is missing"
    say "systemd user unit for '$KIOSK_USER': $dir/revkiosk-kiosk.service"
    run mkdir -p "$dir/graphical-session.target.wants"
    sed "s|^ExecStart=.*|ExecStart=$command|" "$FILES/revkiosk-kiosk.service" \
      | write_file "$dir/revkiosk-kiosk.service" 644
    # What `systemctl --user enable` does, without needing the user's session bus.
    run ln -sfn ../revkiosk-kiosk.service "$dir/graphical-session.target.wants/revkiosk-kiosk.service"
    run rm -f "$home/.config/autostart/revkiosk-kiosk.desktop"  # one autostart, never two
  else
    local dir="$home/.config/autostart"
    [ -f "$FILES/revkiosk-kiosk.desktop" ] || die "$FILES/revkiosk-kiosk.desktop is missing"
    say "XDG autostart entry for '$KIOSK_USER': $dir/revkiosk-kiosk.desktop"
    run mkdir -p "$dir"
    sed "s|^Exec=.*|Exec=$command|" "$FILES/revkiosk-kiosk.desktop" \
      | write_file "$dir/revkiosk-kiosk.desktop" 644
    run rm -f "$home/.config/systemd/user/graphical-session.target.wants/revkiosk-kiosk.service"
  fi
  # Only what this script created belongs to the user now; the rest of ~/.config is untouched.
  run chown "$KIOSK_USER:$group" "$home/.config"
  if [ "$AUTOSTART" = systemd ]; then
    run chown -R "$KIOSK_USER:$group" "$home/.config/systemd"
  else
    run chown -R "$KIOSK_USER:$group" "$home/.config/autostart"
  fi
  if [ "$AUTOLOGIN" = 1 ]; then setup_autologin; fi
}

setup_autologin() {
  if [ -d "$R/etc/lightdm" ]; then
    say "LightDM: logging '$KIOSK_USER' in automatically"
    run mkdir -p "$R/etc/lightdm/lightdm.conf.d"
    printf '[Seat:*]\nautologin-user=%s\nautologin-user-timeout=0\n' "$KIOSK_USER" \
      | write_file "$R/etc/lightdm/lightdm.conf.d/50-revkiosk-autologin.conf" 644
  else
    say "automatic login: not LightDM here; set it by hand (README.md, step 4):" \
      "GDM: /etc/gdm3/custom.conf [daemon] AutomaticLoginEnable=true, AutomaticLogin=$KIOSK_USER"
  fi
}

if [ "$UNINSTALL" = 1 ]; then uninstall; exit 0; fi
install_app
if [ "$APP_ONLY" = 0 ]; then setup_user; fi
say "installed. Try it: $PREFIX/revkiosk --self-test   (and: $PREFIX/revkiosk)"
if [ "$APP_ONLY" = 0 ]; then
  say "the show starts when '$KIOSK_USER' logs in; leave it with Ctrl+Alt+Shift+Q (see KIOSK.md)"
fi
