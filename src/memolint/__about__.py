"""The package version, kept apart so the CLI can print it without importing anything else."""

__version__ = "0.1.0"
