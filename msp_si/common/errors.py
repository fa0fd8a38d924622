"""Errors raised by the domain layer and shown to users as they are."""


class DomainError(Exception):
    """A business rule refused the action; the message is French and user-facing."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
