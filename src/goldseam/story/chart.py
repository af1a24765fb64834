"""Draw the trust chart for the printed story with reportlab.graphics, from check-in scores.

One line per partner (scores 1 to 7 over time), told apart by dash and marker as well as
colour so the chart survives greyscale printing, with a legend naming each partner.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

#: Partner colours: deep blue and burnt gold, both dark enough to read in greyscale.
COLOURS = (colors.HexColor("#1d4e89"), colors.HexColor("#9a6a00"))
DASHES = (None, (4, 2))
MARKERS = ("FilledCircle", "FilledSquare")
INK = colors.HexColor("#3a3a3a")
GRID = colors.HexColor("#dcd6c8")


@dataclass(frozen=True)
class ChartLine:
    """One partner's scores for the charted construct, as (day, score) pairs."""

    name: str
    points: tuple[tuple[date, float], ...]


def trust_chart(lines: list[ChartLine], width: float, font: str, caption: str) -> Drawing | None:
    """Return a drawing ``width`` points wide of ``lines``, or ``None`` when none has 2 points."""
    drawable = [line for line in lines if len(line.points) >= 2]
    if not drawable:
        return None
    height = width * 0.62
    drawing = Drawing(width, height)
    plot = LinePlot()
    plot.x, plot.y = 34, 42
    plot.width, plot.height = width - 48, height - 70
    plot.data = [[(d.toordinal(), s) for d, s in sorted(line.points)] for line in drawable]
    days = [d for line in drawable for d, _ in line.points]
    first, last = min(days).toordinal(), max(days).toordinal()
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = first, max(last, first + 1)
    # Four evenly spaced date labels: enough to read the span, few enough not to collide.
    step = max((last - first) / 3, 1)
    plot.xValueAxis.valueSteps = [round(first + i * step) for i in range(4)]
    plot.xValueAxis.labelTextFormat = lambda v: date.fromordinal(int(v)).strftime("%d %b")
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax, plot.yValueAxis.valueStep = 1, 7, 1
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName, axis.labels.fontSize = font, 7.5
        axis.labels.fillColor = INK
        axis.strokeColor = INK
        axis.strokeWidth = 0.5
    plot.yValueAxis.visibleGrid = True
    plot.yValueAxis.gridStrokeColor = GRID
    plot.yValueAxis.gridStrokeWidth = 0.4
    for i in range(len(drawable)):
        line = plot.lines[i]
        line.strokeColor = COLOURS[i % 2]
        line.strokeWidth = 1.6
        line.strokeDashArray = DASHES[i % 2]
        line.symbol = makeMarker(MARKERS[i % 2], size=3.2, fillColor=COLOURS[i % 2],
                                 strokeColor=COLOURS[i % 2])
    drawing.add(plot)
    # A hand-set legend: each partner's own dash and marker, then the name, so the key matches
    # the lines in greyscale too (ReportLab's LineLegend draws neither).
    x = plot.x
    for i, line in enumerate(drawable):
        colour = COLOURS[i % 2]
        drawing.add(Line(x, 16, x + 22, 16, strokeColor=colour, strokeWidth=1.6,
                         strokeDashArray=DASHES[i % 2]))
        marker = makeMarker(MARKERS[i % 2], size=3.2, fillColor=colour, strokeColor=colour)
        marker.x, marker.y = x + 11, 16
        drawing.add(marker)
        drawing.add(String(x + 28, 13, line.name, fontName=font, fontSize=8.5, fillColor=INK))
        x += 28 + stringWidth(line.name, font, 8.5) + 22
    drawing.add(String(width / 2, height - 12, caption, fontName=font, fontSize=8.5,
                       fillColor=INK, textAnchor="middle"))
    return drawing
