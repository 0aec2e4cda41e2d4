"""Geometry of the server-drawn SVG bar chart of the rating distribution. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from assessments import scoring

# The rating colours of the app's rating tags (static_src/app.scss), as SVG fills.
RATING_FILLS = {
    scoring.OUTSTANDING: "#00703c",
    scoring.GOOD: "#1d70b8",
    scoring.REQUIRES_IMPROVEMENT: "#f47738",
    scoring.INADEQUATE: "#d4351c",
}


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    share: int  # whole per cent of all councils shown
    fill: str
    y: int
    width: int
    label_y: int
    value_x: int


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[Bar]
    total: int

    @property
    def description(self) -> str:
        """The text alternative: every bar in words."""
        if not self.total:
            return "No councils to show."
        parts = [f"{bar.label}: {bar.count} ({bar.share}%)" for bar in self.bars]
        return f"Ratings of {self.total} councils. " + "; ".join(parts) + "."


def rating_distribution(counts: dict[str, int], *, width: int = 640) -> BarChart:
    """A horizontal bar per rating, in the order given, scaled to the largest count."""
    label_width, bar_height, gap, value_room = 190, 32, 12, 110
    plot_width = width - label_width - value_room
    largest = max(counts.values(), default=0) or 1
    total = sum(counts.values())
    bars = []
    for index, (rating, count) in enumerate(counts.items()):
        y = index * (bar_height + gap)
        bar_width = round(plot_width * count / largest)
        bars.append(
            Bar(
                label=scoring.RATING_LABELS.get(rating, rating),
                count=count,
                share=scoring.round_half_up_float(100 * count / total) if total else 0,
                fill=RATING_FILLS.get(rating, "#505a5f"),
                y=y,
                width=bar_width,
                label_y=y + bar_height // 2 + 5,
                value_x=label_width + bar_width + 8,
            )
        )
    height = len(bars) * (bar_height + gap) - gap if bars else bar_height
    return BarChart(width, height, label_width, bar_height, bars, total)
