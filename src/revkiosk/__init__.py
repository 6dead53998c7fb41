"""revkiosk: a presentation and museum-kiosk player for the deep-learning revolution story."""

__version__ = "0.1.0"
