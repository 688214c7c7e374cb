"""The one exception services raise when a reader's action is refused."""

from __future__ import annotations


class Refused(Exception):
    """Refused, with a message the reader can act on; nothing has been stored.

    `status` is the HTTP status a view answers with; WebSocket consumers send `code`.
    """

    def __init__(self, message: str, *, code: str = "refused", status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
