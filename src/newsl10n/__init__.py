"""newsl10n: offline translation and localization toolkit for news articles."""

__version__ = "0.1.0"
