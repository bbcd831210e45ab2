"""Errors a user can act on, kept apart from bugs.

`InputError` means the request was wrong (the CLI exits 2 and says how to fix it);
anything else escaping the pipeline is an internal error (exit 1).
"""


class InputError(ValueError):
    """Bad input: the message says what was wrong and how to fix it."""


class Cancelled(RuntimeError):
    """The user cancelled; whoever started the work must leave things as they were."""
