"""Charts drawn on the server as SVG. No script and no style attributes (the Content Security
Policy forbids inline styles): colours are SVG presentation attributes. Every chart has a
<title> and <desc> (its text alternative); pages show the same data as a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# GOV.UK Frontend palette; lines also differ by dash pattern so colour is never the only cue.
COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#f47738", "#5694ca"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"]
TEXT = "#0b0c0c"
GRID = "#b1b4b6"


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float | None]


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _nice_max(value: float) -> float:
    """A round number at or above value for the top of an axis."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= value:
            return float(top)
    return float(10 * magnitude)


def _open(chart_id: str, width: int, height: int, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'class="app-chart" focusable="false" font-family="arial, sans-serif">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    x_labels: list[str],
    series: list[Series],
    y_label: str,
    width: int = 640,
    height: int = 300,
) -> SafeString:
    """Lines over categories (years, dates); gaps where a value is missing."""
    left, right, top, bottom = 64, 16, 16, 72
    plot_w, plot_h = width - left - right, height - top - bottom
    found = [v for s in series for v in s.values if v is not None]
    y_max = _nice_max(max(found, default=0))
    parts = _open(chart_id, width, height, title, description)
    count = max(len(x_labels), 1)

    def x_at(i: int) -> float:
        return left + (plot_w * (i + 0.5) / count)

    def y_at(v: float) -> float:
        return top + plot_h - plot_h * v / y_max

    for tick in range(5):
        value = y_max * tick / 4
        y = y_at(value)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{_fmt(y)}" y2="{_fmt(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{_fmt(y + 4)}" text-anchor="end" font-size="12" '
            f'fill="{TEXT}">{value:,.0f}</text>'
        )
    step = max(1, count // 8)
    for i, label in enumerate(x_labels):
        if i % step == 0:
            parts.append(
                f'<text x="{_fmt(x_at(i))}" y="{top + plot_h + 18}" text-anchor="middle" '
                f'font-size="12" fill="{TEXT}">{escape(label)}</text>'
            )
    parts.append(
        f'<text x="14" y="{_fmt(top + plot_h / 2)}" font-size="12" fill="{TEXT}" '
        f'text-anchor="middle" transform="rotate(-90 14 {_fmt(top + plot_h / 2)})">'
        f"{escape(y_label)}</text>"
    )
    for n, item in enumerate(series):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        segment: list[str] = []
        segments = [segment]
        for i, value in enumerate(item.values):
            if value is None:
                segment = []
                segments.append(segment)
                continue
            segment.append(f"{_fmt(x_at(i))},{_fmt(y_at(value))}")
            parts.append(
                f'<circle cx="{_fmt(x_at(i))}" cy="{_fmt(y_at(value))}" r="3" fill="{colour}"/>'
            )
        for points in segments:
            if len(points) > 1:
                parts.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                    f'stroke-width="2"{dash_attr}/>'
                )
        # Legend under the axis.
        lx = left + (n % 2) * (plot_w / 2)
        ly = top + plot_h + 38 + (n // 2) * 16
        parts.append(
            f'<line x1="{_fmt(lx)}" x2="{_fmt(lx + 24)}" y1="{_fmt(ly - 4)}" '
            f'y2="{_fmt(ly - 4)}" stroke="{colour}" stroke-width="2"{dash_attr}/>'
        )
        parts.append(
            f'<text x="{_fmt(lx + 30)}" y="{_fmt(ly)}" font-size="12" fill="{TEXT}">'
            f"{escape(item.label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def diverging_bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    items: list[tuple[str, float | None]],
    limit: float = 3.0,
    width: int = 640,
) -> SafeString:
    """Horizontal bars either side of zero (e.g. z-scores: right is better than average)."""
    label_w, right = 300, 48
    row_h = 26
    height = 32 + row_h * len(items)
    plot_w = width - label_w - right
    centre = label_w + plot_w / 2
    scale = (plot_w / 2) / limit
    parts = _open(chart_id, width, height, title, description)
    parts.append(
        f'<line x1="{_fmt(centre)}" x2="{_fmt(centre)}" y1="8" y2="{height - 20}" '
        f'stroke="{TEXT}" stroke-width="1"/>'
    )
    parts.append(
        f'<text x="{_fmt(centre - 6)}" y="{height - 6}" text-anchor="end" font-size="12" '
        f'fill="{TEXT}">worse than average</text>'
    )
    parts.append(
        f'<text x="{_fmt(centre + 6)}" y="{height - 6}" font-size="12" fill="{TEXT}">'
        "better than average</text>"
    )
    for i, (label, value) in enumerate(items):
        y = 10 + i * row_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="12" '
            f'fill="{TEXT}">{escape(label)}</text>'
        )
        if value is None:
            parts.append(
                f'<text x="{_fmt(centre + 6)}" y="{y + 15}" font-size="12" fill="{TEXT}">'
                "no value</text>"
            )
            continue
        clipped = max(-limit, min(limit, value))
        bar_w = abs(clipped) * scale
        x = centre if clipped >= 0 else centre - bar_w
        colour = "#00703c" if clipped >= 0 else "#d4351c"
        parts.append(
            f'<rect x="{_fmt(x)}" y="{y + 3}" width="{_fmt(bar_w)}" height="{row_h - 8}" '
            f'fill="{colour}"/>'
        )
        text_x = centre + bar_w + 4 if clipped >= 0 else centre - bar_w - 4
        anchor = "start" if clipped >= 0 else "end"
        parts.append(
            f'<text x="{_fmt(text_x)}" y="{y + 15}" text-anchor="{anchor}" font-size="12" '
            f'fill="{TEXT}">{value:+.2f}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    items: list[tuple[str, float]],
    width: int = 640,
) -> SafeString:
    """Vertical bars with their value above (e.g. councils at each pressure level)."""
    left, bottom, top = 16, 40, 24
    height = 220
    plot_h = height - top - bottom
    count = max(len(items), 1)
    slot = (width - 2 * left) / count
    y_max = _nice_max(max((v for _, v in items), default=0))
    parts = _open(chart_id, width, height, title, description)
    for i, (label, value) in enumerate(items):
        bar_h = plot_h * value / y_max
        x = left + i * slot + slot * 0.2
        parts.append(
            f'<rect x="{_fmt(x)}" y="{_fmt(top + plot_h - bar_h)}" width="{_fmt(slot * 0.6)}" '
            f'height="{_fmt(bar_h)}" fill="{COLOURS[0]}"/>'
        )
        parts.append(
            f'<text x="{_fmt(x + slot * 0.3)}" y="{_fmt(top + plot_h - bar_h - 6)}" '
            f'text-anchor="middle" font-size="13" fill="{TEXT}">{value:,.0f}</text>'
        )
        parts.append(
            f'<text x="{_fmt(x + slot * 0.3)}" y="{top + plot_h + 18}" text-anchor="middle" '
            f'font-size="12" fill="{TEXT}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
