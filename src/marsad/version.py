"""marsad's version, below every other module so that records can carry it."""

__version__ = "0.1.0"
