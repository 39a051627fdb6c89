"""The self-contained HTML report (Plotly inlined) and its Markdown summary.

from detente.report import write_report
path = write_report("detente.duckdb", "report.html", dyad=("USA", "RUS"))
"""

from detente.report.build import FORMATS, choose_dyad, render_report, write_report
from detente.report.view import DyadView, dyad_view

__all__ = ["FORMATS", "DyadView", "choose_dyad", "dyad_view", "render_report", "write_report"]
