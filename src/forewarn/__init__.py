"""forewarn: early warning of targeted political violence from open-source text."""

__version__ = "0.1.0"
