# The steps of install-kiosk.sh (sourced by it; not run on its own). Every change goes through
# `run` / `write_file`, so --dry-run prints exactly what a real run would do.
# shellcheck shell=bash

unit_dir() { echo "$(user_home "$1")/.config/systemd/user"; }
autostart_dir() { echo "$(user_home "$1")/.config/autostart"; }

# The kiosk command line, with the deck if one was given (quoted for systemd and .desktop).
kiosk_command() {
  if [ -n "$DECK" ]; then echo "$PREFIX/revkiosk kiosk \"$DECK\""; else echo "$PREFIX/revkiosk kiosk"; fi
}

uninstall() {
  say "removing revkiosk from $PREFIX"
  run rm -rf "$R$PREFIX" "$R$PREFIX.old" "$R$PREFIX.new" "$R/usr/share/doc/revkiosk"
  run rm -f "$R$BIN_LINK" "$R$APPS_DIR/revkiosk.desktop" "$R$ICONS_DIR/scalable/apps/revkiosk.svg" \
    "$R$ICONS_DIR/256x256/apps/revkiosk.png" \
    "$R/etc/lightdm/lightdm.conf.d/50-revkiosk-autologin.conf"
  remove_cage_session
  if id "$KIOSK_USER" >/dev/null 2>&1; then
    remove_desktop_autostart systemd xdg
  fi
  run rm -f "$R$CONF"
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
  check_deck
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

# The deck is checked by the *new* build before it replaces the old one (a dry run checks it
# too, with the build it would install), and must be readable by the kiosk user.
check_deck() {
  [ -n "$DECK" ] && [ "$APP_ONLY" = 0 ] || return 0
  local checker="$R$PREFIX.new/revkiosk"
  [ "$DRY_RUN" = 0 ] || checker="$APP_SRC/revkiosk"
  say "checking the deck with the new build: $DECK"
  if ! env HOME=/tmp "$checker" check "$DECK"; then
    run rm -rf "$R$PREFIX.new"
    die "the deck has errors (above); fix them and run again (nothing was changed)"
  fi
  if [ -z "$R" ] && id "$KIOSK_USER" >/dev/null 2>&1 && command -v runuser >/dev/null \
      && ! runuser -u "$KIOSK_USER" -- test -r "$DECK"; then
    run rm -rf "$R$PREFIX.new"
    die "the user '$KIOSK_USER' cannot read $DECK; give it read access to the deck and its folder"
  fi
}

create_user() {
  id "$KIOSK_USER" >/dev/null 2>&1 && return 0
  [ -z "$R" ] || die "--root: the user '$KIOSK_USER' must exist (use --current-user)"
  say "creating the user '$KIOSK_USER' (no password: it only logs in automatically)"
  run useradd --create-home --shell /bin/bash --comment "revkiosk museum kiosk" "$KIOSK_USER"
  for group in audio video render input; do
    if getent group "$group" >/dev/null; then run usermod -aG "$group" "$KIOSK_USER"; fi
  done
}

# Remove the kiosk's desktop autostart of the kinds given (systemd, xdg): one autostart, never two.
remove_desktop_autostart() {
  local home kind
  home=$(user_home "$KIOSK_USER")
  [ -n "$home" ] || return 0
  for kind in "$@"; do
    case "$kind" in
      systemd) run rm -f "$home/.config/systemd/user/revkiosk-kiosk.service" \
                 "$home/.config/systemd/user/graphical-session.target.wants/revkiosk-kiosk.service" ;;
      xdg) run rm -f "$home/.config/autostart/revkiosk-kiosk.desktop" ;;
    esac
  done
}

setup_user() {
  create_user
  remove_cage_session
  local home group command
  home=$(user_home "$KIOSK_USER")
  [ -n "$home" ] || home="$R/home/$KIOSK_USER"  # dry run for a user not created yet
  group=$(id -gn "$KIOSK_USER" 2>/dev/null || echo "$KIOSK_USER")
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
    remove_desktop_autostart xdg
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

# No desktop at all: systemd starts cage on tty1 as the kiosk user (a logind session through
# PAM), and cage shows nothing but the supervised kiosk (Wayland; cage refuses to run as root).
setup_cage() {
  [ "$KIOSK_USER" != root ] || die "--session cage: cage refuses to run as root; choose --user NAME"
  if ! command -v cage >/dev/null; then
    [ "$DRY_RUN" = 1 ] || die "--session cage needs cage: sudo apt install cage (Debian, Ubuntu," \
      "Raspberry Pi OS)"
    say "note: cage is not installed here (sudo apt install cage)"
  fi
  create_user
  [ -f "$FILES/revkiosk-cage" ] && [ -f "$FILES/revkiosk-cage.service" ] \
    || die "$FILES/revkiosk-cage or revkiosk-cage.service is missing"
  say "cage session for '$KIOSK_USER' on tty1: $CAGE_UNIT"
  run mkdir -p "$(dirname "$R$CAGE_LINK")" "$(dirname "$R$CAGE_UNIT")/multi-user.target.wants" \
    "$(dirname "$R$CAGE_PAM")"
  run install -m 755 "$FILES/revkiosk-cage" "$R$CAGE_LINK"
  printf '%s\n' "# revkiosk under cage: a logind session for the kiosk user (written by install-kiosk.sh)" \
    "auth     required pam_unix.so nullok" "account  required pam_unix.so" \
    "session  required pam_unix.so" "session  required pam_systemd.so" \
    | write_file "$R$CAGE_PAM" 644
  sed -e "s|^User=.*|User=$KIOSK_USER|" -e "s|^ExecStart=.*|ExecStart=$CAGE_LINK $(kiosk_command)|" \
    "$FILES/revkiosk-cage.service" | write_file "$R$CAGE_UNIT" 644
  run ln -sfn ../revkiosk-cage.service \
    "$(dirname "$R$CAGE_UNIT")/multi-user.target.wants/revkiosk-cage.service"
  remove_desktop_autostart systemd xdg
  if [ -z "$R" ] && command -v systemctl >/dev/null; then run systemctl daemon-reload || true; fi
  local manager
  manager=$(readlink "$R/etc/systemd/system/display-manager.service" 2>/dev/null || true)
  if [ -n "$manager" ]; then
    say "note: a display manager ($(basename "$manager")) also starts a session on this screen;" \
      "turn it off for the kiosk: sudo systemctl disable $(basename "$manager")"
  fi
  [ "$AUTOLOGIN" = 0 ] || say "note: --autologin is not needed with --session cage (the unit logs in)"
}

remove_cage_session() {
  [ -e "$R$CAGE_UNIT" ] || [ -e "$R$CAGE_LINK" ] || return 0
  say "removing the cage session"
  run rm -f "$R$CAGE_UNIT" "$(dirname "$R$CAGE_UNIT")/multi-user.target.wants/revkiosk-cage.service" \
    "$R$CAGE_PAM" "$R$CAGE_LINK"
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

# What the next run (and --uninstall) takes when it is given no options.
remember_options() {
  run mkdir -p "$(dirname "$R$CONF")"
  printf '%s\n' "# The options of the last install-kiosk.sh run; a run without options uses them." \
    "KIOSK_USER=$KIOSK_USER" "AUTOSTART=$AUTOSTART" "SESSION=$SESSION" "DECK=$DECK" \
    "AUTOLOGIN=$AUTOLOGIN" "APP_ONLY=$APP_ONLY" "PREFIX=$PREFIX" | write_file "$R$CONF" 644
}

# An updated build must not wait for the next crash or login: restart the kiosk that runs the
# old one, now that the new one passed its self-test and is in place.
restart_running_kiosk() {
  [ "$APP_ONLY" = 0 ] || return 0
  local uid
  uid=$(id -u "$KIOSK_USER" 2>/dev/null) || return 0
  if [ -z "$R" ] && [ "$SESSION" = cage ] && systemctl is-active --quiet revkiosk-cage.service 2>/dev/null; then
    say "restarting the kiosk (revkiosk-cage.service) on the new build"
    run systemctl restart revkiosk-cage.service
  fi
  local bus="/run/user/$uid/bus"
  if [ -z "$R" ] && [ "$SESSION" = desktop ] && [ -S "$bus" ]; then
    say "restarting the kiosk of '$KIOSK_USER' (revkiosk-kiosk.service, if it runs) on the new build"
    local as_user=(runuser -u "$KIOSK_USER" -- env "XDG_RUNTIME_DIR=/run/user/$uid"
                   "DBUS_SESSION_BUS_ADDRESS=unix:path=$bus" systemctl --user)
    run "${as_user[@]}" daemon-reload || true
    run "${as_user[@]}" try-restart revkiosk-kiosk.service || true
  fi
  relaunch_supervisors "$uid"
}

# Supervisors not run by systemd (XDG autostart, started by hand) are stopped cleanly and
# started again, from the new build, with the environment and folder they had.
relaunch_supervisors() {
  local uid=$1 proc pid i found cwd
  local -a argv envs args
  for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    [ "$pid" != "$$" ] && [ "$(stat -c %u "$proc" 2>/dev/null)" = "$uid" ] || continue
    mapfile -d '' argv < "$proc/cmdline" 2>/dev/null || continue
    found=-1
    for i in "${!argv[@]}"; do
      case "${argv[$i]}" in "$R$PREFIX/revkiosk"|"$R$BIN_LINK") ;; *) continue ;; esac
      if [ "${argv[$((i + 1))]:-}" = kiosk ]; then found=$i; break; fi
    done
    [ "$found" -ge 0 ] || continue
    if grep -qs 'revkiosk-kiosk.service\|revkiosk-cage.service' "$proc/cgroup"; then continue; fi
    mapfile -d '' envs < "$proc/environ" 2>/dev/null || envs=()
    cwd=$(readlink "$proc/cwd" 2>/dev/null || echo /)
    args=("${argv[@]:$found}")
    say "restarting the running kiosk (pid $pid) on the new build"
    if [ "$DRY_RUN" = 1 ]; then
      printf '  would stop pid %s and run as %s:' "$pid" "$KIOSK_USER"; printf ' %q' "${args[@]}"; echo
      continue
    fi
    kill -TERM "$pid" 2>/dev/null || continue
    for i in $(seq 1 75); do  # up to 15 s for a clean stop (an exited child may stay a zombie)
      [ -d "$proc" ] && ! grep -qs '^State:[[:space:]]*Z' "$proc/status" || break
      sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
    (cd "$cwd" 2>/dev/null || cd /
     setsid runuser -u "$KIOSK_USER" -- env -i "${envs[@]}" "${args[@]}" </dev/null >/dev/null 2>&1 &)
  done
}
