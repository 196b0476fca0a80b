"""briefing: a keyboard-driven terminal reader for conflict news."""

__version__ = "0.1.0"
