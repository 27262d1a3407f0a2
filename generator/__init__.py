"""barometer: survey findings -> Dutch council decks and briefings."""

__version__ = "1.0.0"
