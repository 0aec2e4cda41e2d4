"""Server-drawn SVG chart of the nine quality statement scores. Pure: plain values in, markup out.

The chart is decorative support for the data table printed next to it: it carries a title
and a text description, and every bar is labelled with its score so no colour is needed to
read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

MAX_SCORE = 4
# Bar colours by score, from the product's rating palette (inadequate ... outstanding).
SCORE_COLOURS = {1: "#d4351c", 2: "#f47738", 3: "#1d70b8", 4: "#00703c"}
UNSCORED_COLOUR = "#b1b4b6"


@dataclass(frozen=True)
class ChartRow:
    number: int
    name: str
    score: int | None


def statement_scores_svg(
    rows: Sequence[ChartRow], *, title: str, font_family: str = "sans-serif"
) -> str:
    """A horizontal bar chart (0-4) of statement scores as an SVG string.

    Unscored statements get an empty grey marker and the label "Not scored".
    """
    label_width = 300
    bar_area = 300
    row_height = 26
    top = 30
    width = label_width + bar_area + 60
    height = top + row_height * len(rows) + 30
    unit = bar_area / MAX_SCORE
    description = "; ".join(
        f"{row.number}. {row.name}: {row.score if row.score is not None else 'not scored'}"
        for row in rows
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="{escape(font_family)}" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
    ]
    # Grid lines and axis labels 0-4.
    for tick in range(MAX_SCORE + 1):
        x = label_width + tick * unit
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" '
            f'y2="{top + row_height * len(rows)}" stroke="#b1b4b6" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{top - 10}" font-size="11" text-anchor="middle">{tick}</text>'
        )
    for index, row in enumerate(rows):
        y = top + index * row_height
        label = f"{row.number}. {row.name}"
        if len(label) > 44:
            label = label[:43] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" font-size="11" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        if row.score is None:
            parts.append(
                f'<rect x="{label_width}" y="{y + 5}" width="4" height="16" '
                f'fill="{UNSCORED_COLOUR}"/>'
            )
            parts.append(
                f'<text x="{label_width + 10}" y="{y + 17}" font-size="11">Not scored</text>'
            )
            continue
        bar = row.score * unit
        parts.append(
            f'<rect x="{label_width}" y="{y + 5}" width="{bar:.1f}" height="16" '
            f'fill="{SCORE_COLOURS.get(row.score, UNSCORED_COLOUR)}"/>'
        )
        parts.append(
            f'<text x="{label_width + bar + 6:.1f}" y="{y + 17}" font-size="11" '
            f'font-weight="bold">{row.score}</text>'
        )
    parts.append(
        f'<text x="{label_width + bar_area / 2:.0f}" y="{height - 6}" font-size="11" '
        f'text-anchor="middle">Score (1 to 4)</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
