"""Content updates that cannot break the kiosk, and the last good deck that survives a restart.

A *bundle* (`revkiosk bundle`) is a deck, its media, its translations and a manifest naming the
SHA-256 and size of every file. `revkiosk update SOURCE` stages a bundle inside the content
folder, verifies every byte, checks the deck and renders every slide off-screen, and only then
swaps the `current` symlink with one rename(2): the kiosk plays the old version or the new one,
whole, whatever happens in between. The previous version is kept for `--rollback`.

Modules (all Qt-free; rendering runs in a child process through `revkiosk update
--render-check`):

* `manifest` — the manifest format, path rules and limits;
* `collect`, `pack` — which files a deck needs, and writing a bundle;
* `unpack`, `archives`, `stager`, `fetch` — a folder, an archive or a URL into a staging
  folder, safely;
* `store` — the content folder: versions, `current`/`previous`, rollback, pruning, the report;
* `durable` — fsync and atomic swaps, so a power cut leaves a whole version;
* `install`, `rendering` — the whole update, step by step, and its off-screen render;
* `lastgood` — the verified copy of the last deck the kiosk played;
* `watch` — a kiosk that polls a folder or a URL for new bundles.
"""
