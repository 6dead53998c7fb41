"""The remote service: a phone as the lecturer's remote, and status, metrics, screenshots and
control for a museum's fleet of kiosks (issue 19).

Off unless asked for (`--remote [HOST:]PORT`, or `remote:` in settings.yaml). One thread of its
own serves HTTP (QtHttpServer) and a WebSocket (QtWebSockets); the player is reached only
through `RemotePlayer` (player.py) on the GUI thread. Modules, top down:

* `service`   — start/stop, URLs; `adapter` binds it to the real player
* `network`   — the service's thread: `gate` (connections, caps, time-outs, hand-over),
                QHttpServer with the `server` glue, `events` (the WebSocket)
* `routes`    — the HTTP API; `documents` (status, events, metrics), `metrics`, `page` + `web/`
* `bridge`    — the GUI-thread half; `auth`, `config`, `health`, `tls`
"""
