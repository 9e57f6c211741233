"""Charts drawn on the server as SVG: no script, readable without one, and each comes with its
figures as a table (the templates put it beside the chart: the text alternative, WCAG 1.1.1).
The SVG itself has a title and a summary (role="img")."""

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48


def _n(number):
    """A coordinate as SVG text (format_html escapes its arguments into strings first)."""
    return f"{number:.1f}"


def _nice_max(value):
    """A round top for the axis: 1, 2, 5 × 10^n at or above `value`."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def bar_chart(points, title, y_label, chart_id, x_label="", date_labels=True):
    """An SVG bar chart of `points` ([(label: date or str, value: int)]): axis with 0, half
    and the top, x labels spread so that they do not overlap."""
    values = [value for _label, value in points]
    top = _nice_max(max(values, default=0))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(points), 1)
    bar = max(slot * 0.7, 1)
    every = max(1, round(len(points) / 8))
    parts = []
    for fraction in (0, 0.5, 1):
        y = TOP + plot_height * (1 - fraction)
        tick = top * fraction
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart__grid"/>'
                '<text x="{}" y="{}" text-anchor="end" class="chart__tick">{}</text>',
                LEFT,
                WIDTH - RIGHT,
                _n(y),
                _n(y),
                LEFT - 6,
                _n(y + 4),
                int(tick) if tick == int(tick) else tick,
            )
        )
    for index, (label, value) in enumerate(points):
        x = LEFT + index * slot + (slot - bar) / 2
        height = plot_height * value / top
        text = date_format(label, "SHORT_DATE_FORMAT") if date_labels else str(label)
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" class="chart__bar">'
                "<title>{}: {}</title></rect>",
                _n(x),
                _n(TOP + plot_height - height),
                _n(bar),
                _n(height),
                text,
                value,
            )
        )
        if index % every == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" class="chart__tick">{}</text>',
                    _n(x + bar / 2),
                    HEIGHT - BOTTOM + 16,
                    date_format(label, "d/m") if date_labels else text,
                )
            )
    total = sum(values)
    summary = _("%(title)s: %(total)s in all, %(highest)s at most in one period.") % {
        "title": title,
        "total": total,
        "highest": max(values, default=0),
    }
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg" style="max-width:100%;height:auto">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        "<style>.chart__bar{{fill:#005a9c}}.chart__grid{{stroke:#bbb;stroke-width:1}}"
        ".chart__tick,.chart__axis{{font:12px sans-serif;fill:#222}}</style>"
        "{}"
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#222"/>'
        '<text x="14" y="{}" transform="rotate(-90 14 {})" text-anchor="middle" '
        'class="chart__axis">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" class="chart__axis">{}</text></svg>',
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        summary,
        mark_safe("".join(parts)),
        LEFT,
        WIDTH - RIGHT,
        TOP + plot_height,
        TOP + plot_height,
        _n(TOP + plot_height / 2),
        _n(TOP + plot_height / 2),
        y_label,
        _n(LEFT + plot_width / 2),
        HEIGHT - 8,
        x_label,
    )
