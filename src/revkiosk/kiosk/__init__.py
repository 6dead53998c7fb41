"""Kiosk mode: an unattended museum show that nobody can leave by accident and nothing can stop.

`session` wires the parts onto a built player: `policy` (which named actions a visitor may
trigger) and `guard` (the keys and window requests that never reach the keymap), the `attract`
loop, live `reload` of an edited deck, the `screen` (screensaver, opening hours), the `status`
and heartbeat files, and `heap` trimming. `supervisor` (Qt-free) runs the player as a child
process and restarts it after any fault.
"""
