"""The one domain error type: services raise it, the API and views turn it into a response."""

from __future__ import annotations


class DomainError(Exception):
    """A request the desk refuses, with a stable code for clients.

    `status` is the HTTP status it maps to: 400 for invalid input, 403 for a forbidden action,
    404 for an object the user may not see, 409 for a conflict with the object's state.
    `field` names the input field at fault, when there is one.
    """

    def __init__(
        self, message: str, *, code: str, status: int = 400, field: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.field = field
