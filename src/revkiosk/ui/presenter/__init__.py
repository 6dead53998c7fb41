"""The presenter view (key S): notes, the next slide, the timer and pacing, on the lecturer's
screen. `controller` owns it; `window`, `previews`, `screens` and `notes` are its parts."""
