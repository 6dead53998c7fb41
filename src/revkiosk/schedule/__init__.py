"""The schedule: which deck plays when, and when the museum is closed (Qt-free).

`load.load_schedule(path)` reads a schedule file (rules by weekday, period and one-off day;
see slides/schedule.example.yaml) with file:line:col for every problem; `engine.state_at` and
`engine.next_change` answer "what now" and "what next", daylight-saving changes included;
`hours.opening_hours_schedule` turns the older `opening_hours` setting into the same kind of
schedule, so the kiosk has one mechanism. The kiosk's timer and the display switching live in
the kiosk package; `revkiosk schedule` and `revkiosk check` are the technician's side.
"""
