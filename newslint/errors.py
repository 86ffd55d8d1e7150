"""Errors that stop a run before any file is checked (exit status 2)."""


class ConfigError(Exception):
    """A configuration or rule file that cannot be used; str() is the one line shown."""
