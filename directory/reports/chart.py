"""Horizontal bar charts drawn as SVG on the server: the geometry here, the markup in
``templates/directory/reports/_chart.html`` (with a title, and the same numbers in a table)."""

from __future__ import annotations

from dataclasses import dataclass

# Narrow enough to stay legible on a 320 px phone (scaled ~0.9), wide enough for desktop.
LABEL_WIDTH = 110
BAR_AREA = 200
VALUE_WIDTH = 40
ROW_HEIGHT = 26
BAR_HEIGHT = 18
PADDING = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    text_y: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int


def bar_chart(items: list[tuple[str, int]]) -> BarChart:
    """One bar per (label, value), scaled to the largest value (an all-zero chart has no bars
    drawn, only labels and zeros)."""
    largest = max((value for _label, value in items), default=0)
    bars = []
    for index, (label, value) in enumerate(items):
        y = PADDING + index * ROW_HEIGHT
        width = BAR_AREA * value / largest if largest else 0
        bars.append(Bar(label, value, LABEL_WIDTH, y, round(width, 1), BAR_HEIGHT,
                        y + BAR_HEIGHT * 0.75))
    height = PADDING * 2 + ROW_HEIGHT * len(items)
    return BarChart(bars, LABEL_WIDTH + BAR_AREA + VALUE_WIDTH, height, LABEL_WIDTH)
