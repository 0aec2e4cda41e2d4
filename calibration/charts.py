"""The moderation chart: per quality statement, how many panel outcomes raised, lowered or kept
the proposed score, as a stacked horizontal bar chart in SVG. Pure: plain values in, markup
out; a title, a description and the data table beside it carry the same figures, and each
segment is labelled with its count, so colour is never needed to read it."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

COLOURS = {"raised": "#00703c", "lowered": "#d4351c", "unchanged": "#b1b4b6"}
LABELS = {"raised": "Raised", "lowered": "Lowered", "unchanged": "Unchanged"}


def moderation_svg(rows: Sequence) -> str:
    """Rows need number, name, outcomes, raised, lowered, unchanged."""
    label_width, bar_area, row_height, top = 320, 320, 26, 40
    width = label_width + bar_area + 40
    height = top + row_height * max(len(rows), 1) + 20
    most = max((row.outcomes for row in rows), default=0) or 1
    description = (
        "; ".join(
            f"{row.number}. {row.name}: {row.raised} raised, {row.lowered} lowered, "
            f"{row.unchanged} unchanged"
            for row in rows
        )
        or "No signed-off panels yet."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="moderation-title moderation-desc">',
        '<title id="moderation-title">Calibration panel outcomes by quality statement</title>',
        f'<desc id="moderation-desc">{escape(description)}</desc>',
    ]
    x = label_width
    for key in ("raised", "lowered", "unchanged"):
        parts.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{COLOURS[key]}"/>')
        parts.append(f'<text x="{x + 16}" y="18" font-size="12">{LABELS[key]}</text>')
        x += 100
    unit = bar_area / most
    for index, row in enumerate(rows):
        y = top + index * row_height
        label = f"{row.number}. {row.name}"
        if len(label) > 46:
            label = label[:45] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" font-size="12" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        start = label_width
        for key in ("raised", "lowered", "unchanged"):
            count = getattr(row, key)
            if not count:
                continue
            span = count * unit
            parts.append(
                f'<rect x="{start:.1f}" y="{y + 4}" width="{span:.1f}" height="18" '
                f'fill="{COLOURS[key]}"><title>{LABELS[key]}: {count}</title></rect>'
            )
            parts.append(
                f'<text x="{start + span / 2:.1f}" y="{y + 17}" font-size="11" '
                f'text-anchor="middle">{count}</text>'
            )
            start += span
    parts.append("</svg>")
    return "".join(parts)
