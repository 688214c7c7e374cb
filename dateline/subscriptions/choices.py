"""What a reader asked for: the daily digest, section digests, breaking-news alerts, and
the stories they follow."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dateline.subscriptions.models import Subscriber, Subscription


@dataclass(frozen=True)
class Choices:
    daily: bool = False
    breaking: bool = False
    sections: frozenset[int] = field(default_factory=frozenset)
    stories: frozenset[int] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return self.daily or self.breaking or bool(self.sections) or bool(self.stories)

    def as_payload(self) -> dict[str, Any]:
        return {
            "d": self.daily,
            "b": self.breaking,
            "sec": sorted(self.sections),
            "st": sorted(self.stories),
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Choices:
        return cls(
            daily=bool(payload.get("d")),
            breaking=bool(payload.get("b")),
            sections=frozenset(int(s) for s in payload.get("sec", [])),
            stories=frozenset(int(s) for s in payload.get("st", [])),
        )

    @classmethod
    def of(cls, subscriber: Subscriber) -> Choices:
        rows = list(subscriber.subscriptions.values_list("kind", "section_id", "story_id"))
        return cls(
            daily=(Subscription.Kind.DAILY, None, None) in rows,
            breaking=(Subscription.Kind.BREAKING, None, None) in rows,
            sections=frozenset(s for kind, s, _ in rows if kind == Subscription.Kind.SECTION),
            stories=frozenset(t for kind, _, t in rows if kind == Subscription.Kind.STORY),
        )

    def union(self, other: Choices) -> Choices:
        return Choices(
            self.daily or other.daily,
            self.breaking or other.breaking,
            self.sections | other.sections,
            self.stories | other.stories,
        )
