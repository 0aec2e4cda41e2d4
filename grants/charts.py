"""The split of a grant by condition as stacked horizontal bars, drawn on the server as SVG
(national.charts' conventions: no script, no style attribute, a <title> and <desc>, and the
same figures in a table on the page). Each segment carries its percentage as text, so colour
is never the only cue."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from grants.shares import percent
from national.charts import COLOURS, TEXT

BAR = 28
GAP = 18
LABEL_WIDTH = 190
WIDTH = 640


def split_chart(
    *, chart_id: str, title: str, bars: list[tuple[str, dict[int, float]]], legend: dict[int, str]
) -> SafeString:
    """`bars` are (label, {condition number: share 0-1}); `legend` names each condition."""
    numbers = sorted(legend)
    plot = WIDTH - LABEL_WIDTH - 10
    height = 30 + len(bars) * (BAR + GAP) + 24 * len(numbers)
    description = "; ".join(
        f"{label}: " + ", ".join(f"{legend[n]} {percent(split.get(n, 0))}" for n in numbers)
        for label, split in bars
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="app-chart" '
        f'focusable="false" font-family="arial, sans-serif">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    y = 20
    for label, split in bars:
        parts.append(
            f'<text x="0" y="{y + BAR * 0.68:.1f}" font-size="14" fill="{TEXT}">'
            f"{escape(label)}</text>"
        )
        x = float(LABEL_WIDTH)
        for index, number in enumerate(numbers):
            width = plot * split.get(number, 0)
            colour = COLOURS[index % len(COLOURS)]
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" '
                f'fill="{colour}" stroke="#ffffff"/>'
            )
            if width >= 34:
                parts.append(
                    f'<text x="{x + 4:.1f}" y="{y + BAR * 0.68:.1f}" font-size="14" '
                    f'fill="#ffffff" font-weight="bold">{percent(split.get(number, 0))}</text>'
                )
            x += width
        y += BAR + GAP
    for index, number in enumerate(numbers):
        colour = COLOURS[index % len(COLOURS)]
        parts.append(f'<rect x="0" y="{y}" width="14" height="14" fill="{colour}"/>')
        parts.append(
            f'<text x="20" y="{y + 12}" font-size="14" fill="{TEXT}">'
            f"{number}. {escape(legend[number])}</text>"
        )
        y += 24
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
