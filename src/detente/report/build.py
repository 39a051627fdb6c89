"""`detente report`: one self-contained HTML file (or a Markdown summary) for a dyad.

The HTML inlines Plotly's JavaScript, the stylesheet and the figure data, so
the file opens offline, can be mailed, and never fetches anything.
"""

from __future__ import annotations

from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from markupsafe import Markup
from plotly.offline import get_plotlyjs

from detente.analytics import DyadQuery, QueryError, corpus_stats, top_dyad
from detente.analytics.queries import Db, undated_articles
from detente.errors import Errors
from detente.report.render import environment
from detente.report.view import DyadView, dyad_view
from detente.store import Store

FORMATS = ("html", "md")


def _asset(name: str) -> str:
    return resources.files("detente.report").joinpath("templates", name).read_text("utf-8")


def choose_dyad(db: Db, dyad: tuple[str, str] | list[str] | None) -> tuple[str, str]:
    """The requested dyad, or the one with most events; QueryError when there is none."""
    if dyad:
        if len(dyad) != 2:
            raise QueryError(Errors.E600_DYAD_NEEDS_TWO_CODES, dyad=list(dyad))
        return dyad[0], dyad[1]
    found = top_dyad(db)
    if found is None:
        raise QueryError(Errors.E600_NOTHING_TO_REPORT)
    return found


def render_report(
    db: Db,
    *,
    dyad: tuple[str, str] | list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    fmt: str = "html",
    freq: str = "month",
    db_name: str = "",
    modality: str | list[str] | None = None,
    min_confidence: float | None = None,
    notes: list[str] | None = None,
) -> str:
    """The report as a string (HTML or Markdown).

    QueryError when the dyad has no events or statements under the filters: an
    empty report would look like a finding. ``notes`` (a list) receives lines
    for the user: what the counting rules left out, articles without a date.
    """
    if fmt not in FORMATS:
        raise QueryError(Errors.E600_UNKNOWN_REPORT_FORMAT, fmt=fmt, formats=', '.join(FORMATS))
    a, b = choose_dyad(db, dyad)
    q = DyadQuery.make(
        a, b, since=since, until=until, modality=modality, min_confidence=min_confidence
    )
    view = dyad_view(db, q, freq=freq)
    if not view.series.clusters and not view.series.assessments and not view.undated:
        raise QueryError(
            Errors.E600_NO_DYAD_TO_REPORT,
            a=q.a,
            b=q.b,
            left_out=f" ({view.left_out_text})" if view.series.left_out.get("total") else "",
        )
    if notes is not None:
        if view.left_out_text:
            notes.append(f"Counted: {view.left_out_text}.")
        undated = undated_articles(db)
        if undated:
            notes.append(
                f"{undated} article(s) in the database have no date; their events without a "
                "date of their own are listed but stay out of the charts."
            )
    return _render(view, corpus_stats(db), fmt=fmt, db_name=db_name)


def _report_href(article_id: str, sentence_index: int | None = None) -> str:
    """In-page anchors: a sentence of the Evidence section, or the article's row."""
    if sentence_index is not None:
        return f"#s-{article_id}-{int(sentence_index)}"
    return f"#article-{article_id}"


def _render(view: DyadView, stats: dict, *, fmt: str, db_name: str) -> str:
    from detente import __version__

    env = environment("detente.report")
    context = {
        "v": view,
        "stats": stats,
        "db_name": db_name,
        "version": __version__,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "href": _report_href,
    }
    if fmt == "md":
        return env.get_template("dyad_report.md").render(context)
    context.update(
        css=Markup(_asset("detente.css")),
        figures_js=Markup(_asset("figures.js")),
        plotly_js=Markup(get_plotlyjs()),
    )
    return env.get_template("dyad_report.html").render(context)


def write_report(
    db_path: str | Path,
    out: str | Path,
    *,
    dyad: tuple[str, str] | list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    fmt: str = "html",
    freq: str = "month",
    modality: str | list[str] | None = None,
    min_confidence: float | None = None,
    with_notes: bool = False,
) -> Path | tuple[Path, list[str]]:
    """Open the database read-only, write the report to ``out``, return its absolute path.

    With ``with_notes``: (path, notes), the notes being lines for the user.
    """
    out_path = Path(out)
    notes: list[str] = []
    with Store(db_path, read_only=True) as store:
        text = render_report(
            store,
            dyad=dyad,
            since=since,
            until=until,
            fmt=fmt,
            freq=freq,
            db_name=Path(db_path).name,
            modality=modality,
            min_confidence=min_confidence,
            notes=notes,
        )
    if out_path.parent and not out_path.parent.exists():
        out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text, encoding="utf-8")
    return (out_path.resolve(), notes) if with_notes else out_path.resolve()
