"""The Qt-free deck format: model (frozen dataclasses), loader and JSON Schema."""

from revkiosk.deck.model import Deck, DeckError, Problem

__all__ = ["Deck", "DeckError", "Problem"]
