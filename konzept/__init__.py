"""konzept: a district's integration concept as a living, auditable event log."""

__version__ = "0.1.0"
