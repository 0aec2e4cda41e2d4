"""The public risk rating: each council's current pressure level with the rule that set it,
the data date and its history, and the changes of level (for the Atom feed). The levels come
from national.selectors.pressure (the one implementation of the rule, national.pressure)."""

from __future__ import annotations

from dataclasses import dataclass, field

from councils.models import Council
from national import selectors as national_selectors
from national.selectors.outcomes import SYNTHETIC_MARK
from national.selectors.pressure import PressureRow
from riskrating.models import RiskStatement


@dataclass
class LevelChange:
    council: Council
    row: PressureRow
    previous_level: int | None  # None for the first level recorded

    @property
    def level(self) -> int:
        return self.row.result.level

    @property
    def date(self):
        return self.row.snapshot.snapshot_date

    @property
    def title(self) -> str:
        if self.previous_level is None:
            return f"{self.council.name}: first pressure level {self.level}"
        verb = "rose" if self.level > self.previous_level else "fell"
        return (
            f"{self.council.name}: pressure level {verb} from {self.previous_level} to {self.level}"
        )


@dataclass
class CouncilRisk:
    council: Council
    history: list[PressureRow]
    statement: RiskStatement | None
    changes: list[LevelChange] = field(default_factory=list)

    @property
    def current(self) -> PressureRow | None:
        rated = [row for row in self.history if row.result]
        return rated[-1] if rated else None

    @property
    def synthetic(self) -> bool:
        return any(SYNTHETIC_MARK in row.snapshot.source_file.lower() for row in self.history)


def _changes(council: Council, history: list[PressureRow]) -> list[LevelChange]:
    changes, previous = [], None
    for row in history:
        if row.result is None:
            continue
        if previous is None or row.result.level != previous:
            changes.append(LevelChange(council, row, previous))
        previous = row.result.level
    return changes


def risk_ratings(*, gss_code: str = "") -> list[CouncilRisk]:
    """Every council with waiting-list figures (or one, by GSS code), highest current level
    first, with history, statement and changes of level (4 queries whatever the numbers of
    councils and dates)."""
    histories = national_selectors.all_pressure_histories()
    statements = {s.council_id: s for s in RiskStatement.objects.all()}
    risks = []
    for council_id, history in histories.items():
        council = history[0].snapshot.council
        if gss_code and council.gss_code != gss_code:
            continue
        risk = CouncilRisk(council, history, statements.get(council_id))
        risk.changes = _changes(council, history)
        risks.append(risk)
    risks.sort(key=lambda r: (-(r.current.result.level if r.current else 0), r.council.name))
    return risks


def level_changes(*, limit: int = 200) -> list[LevelChange]:
    """Every change of level, newest first (the Atom feed)."""
    changes = [change for risk in risk_ratings() for change in risk.changes]
    changes.sort(key=lambda c: (c.date, c.council.name), reverse=True)
    return changes[:limit]


def statement_for(*, council: Council) -> RiskStatement | None:
    return RiskStatement.objects.filter(council=council).first()
