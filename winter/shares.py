"""Shares of councils answering yes, with suppression: pure, no Django.

A share is shown only where at least `suppress_below` councils answered the question in that
group; otherwise only "fewer than N answered" is shown, so no council's confidential answer
can be worked out from a small group."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Share:
    answering: int
    yes: int | None  # None when suppressed
    suppressed: bool

    @property
    def share(self) -> float | None:
        if self.suppressed or not self.answering:
            return None
        return self.yes / self.answering


def share(answers: list[bool], *, suppress_below: int) -> Share:
    answering = len(answers)
    if answering < suppress_below:
        return Share(answering, None, True)
    return Share(answering, sum(1 for a in answers if a), False)
