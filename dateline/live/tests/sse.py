"""A newsfeed reader over real HTTP, as a browser's EventSource reads it."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field

import httpx


@dataclass
class Event:
    id: int | None
    kind: str
    data: dict


class EventStream:
    """An open `text/event-stream` response; `next()` gives its next event."""

    def __init__(self, url: str, *, headers: dict[str, str] | None = None, timeout: float = 10):
        self.client = httpx.Client(timeout=timeout)
        self.context = self.client.stream("GET", url, headers=headers or {})
        self.response = self.context.__enter__()
        self.lines = self.response.iter_lines()
        if self.response.status_code == 200:
            # The stream sends its retry hint once it is subscribed: nothing is missed after.
            for line in self.lines:
                if line.startswith("retry:"):
                    break

    def next(self, within: float = 10) -> Event:
        """The next event; keep-alives are skipped. TimeoutError when none comes `within`
        seconds (httpx's ReadTimeout when the stream is silent for its timeout)."""
        fields: dict[str, str] = {}
        ends = time.monotonic() + within
        for line in self.lines:
            if time.monotonic() > ends:
                raise TimeoutError(f"no event within {within} s")
            if line.startswith(":"):
                continue
            if line == "":
                if "event" in fields:
                    return Event(
                        int(fields["id"]) if "id" in fields else None,
                        fields["event"],
                        json.loads(fields.get("data", "{}")),
                    )
                fields = {}
                continue
            name, _colon, value = line.partition(":")
            fields[name] = value.lstrip(" ")
        raise EOFError("the stream ended")

    def close(self) -> None:
        self.context.__exit__(None, None, None)
        self.client.close()

    def __enter__(self) -> EventStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class Collector:
    """A reader in its own thread, keeping every event until it has `expected` of them."""

    url: str
    expected: int
    deadline: float = 60
    events: list[Event] = field(default_factory=list)
    error: BaseException | None = None
    connected: threading.Event = field(default_factory=threading.Event)

    def start(self) -> Collector:
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()
        return self

    def _read(self) -> None:
        try:
            with EventStream(self.url) as stream:
                self.connected.set()
                ends = time.monotonic() + self.deadline
                while len(self.events) < self.expected and time.monotonic() < ends:
                    try:
                        self.events.append(stream.next())
                    except httpx.ReadTimeout:
                        continue
        except BaseException as error:  # noqa: BLE001 - reported by the test
            self.error = error
            self.connected.set()

    def join(self) -> list[Event]:
        self.thread.join(self.deadline + 15)
        if self.error is not None:
            raise self.error
        return self.events
