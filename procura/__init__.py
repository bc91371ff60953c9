"""procura — right-sized requirement specifications for welfare-technology procurement."""

__version__ = "0.1.0"
