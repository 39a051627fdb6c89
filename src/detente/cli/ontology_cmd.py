"""Command: `detente ontology` — look up CAMEO codes, CAMEO roots and PLOVER types."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import typer
from rich.table import Table

from detente import ontology
from detente.cli.app import app, console, print_json, user_errors
from detente.ontology import CameoCode, PloverType


class OntologyFormat(str, Enum):
    table = "table"
    json = "json"


@app.command("ontology")
def ontology_command(
    query: Annotated[
        str | None,
        typer.Argument(
            help="A CAMEO code (e.g. 1663, 010) or a PLOVER type (e.g. SANCTION; 2016 "
            "labels such as FIGHT are mapped).",
            metavar="CODE_OR_TYPE",
            show_default=False,
        ),
    ] = None,
    root: Annotated[
        str | None,
        typer.Option(
            "--root", help="List every code under this CAMEO root, e.g. 17.", show_default=False
        ),
    ] = None,
    fmt: Annotated[
        OntologyFormat, typer.Option("--format", help="table for people, json for scripts.")
    ] = OntologyFormat.table,
) -> None:
    """Look up a CAMEO code or a PLOVER type: name, Goldstein score, quad class, PLOVER mapping.

    A code shows its row and the codes directly under it; a PLOVER type shows its
    definition, modes and every CAMEO code that maps to it; --root lists a cue category.

    Examples: [bold]detente ontology 1663[/] | [bold]detente ontology SANCTION --format json[/]
    | [bold]detente ontology --root 17[/]
    """
    with user_errors():
        if (query is None) == (root is None):
            raise typer.BadParameter(
                "give a CODE_OR_TYPE or --root ROOT, not both (e.g. detente ontology 1663)"
            )
        if root is not None:
            _show_root(root, fmt)
        elif query is not None and query.strip().isdigit():
            _show_code(query, fmt)
        else:
            _show_type(str(query), fmt)


def _show_code(code: str, fmt: OntologyFormat) -> None:
    found = ontology.lookup(code)
    children = ontology.default_cameo().children(found.code)
    if fmt is OntologyFormat.json:
        print_json({**found.to_dict(), "children": [c.to_dict() for c in children]})
        return
    card = Table(show_header=False, box=None, pad_edge=False)
    card.add_column(style="bold")
    card.add_column()
    for label, value in [
        ("code", found.code),
        ("name", found.name),
        ("root", f"{found.root} {ontology.lookup(found.root).name}"),
        ("goldstein", f"{found.goldstein:+.1f}"),
        ("quad class", str(found.quad_class)),
        ("PLOVER", found.plover or "(none: PLOVER has no type for this root)"),
        ("mode", found.plover_mode or "-"),
        ("context", found.plover_context or "-"),
        ("note", found.comment or "-"),
    ]:
        card.add_row(label, value)
    console.print(card)
    if children:
        console.print(_codes_table(children, title=f"codes under {found.code}"))


def _show_type(label: str, fmt: OntologyFormat) -> None:
    ptype: PloverType = ontology.plover_type(label)
    codes = ontology.codes_for_plover(ptype.name)
    renamed = label.strip().upper() != ptype.name
    if fmt is OntologyFormat.json:
        data: dict[str, Any] = ptype.to_dict()
        if renamed:
            data["legacy_label"] = label.strip().upper()
        data["codes"] = [c.to_dict() for c in codes]
        print_json(data)
        return
    if renamed:
        console.print(
            f"{label.strip().upper()} is a 2016 PLOVER label; the current type is {ptype.name}."
        )
    console.print(f"[bold]{ptype.name}[/]  quad class {ptype.quad_class} ({ptype.quad_name})")
    console.print(ptype.definition)
    console.print(f"recipient required: {'yes' if ptype.requires_recipient else 'no'}")
    if ptype.modes:
        modes = Table(title="modes", title_justify="left")
        modes.add_column("mode", style="bold")
        modes.add_column("meaning")
        for m in ptype.modes:
            modes.add_row(m.name, m.description)
        console.print(modes)
    console.print(_codes_table(codes, title=f"CAMEO codes mapped to {ptype.name}"))


def _show_root(root: str, fmt: OntologyFormat) -> None:
    codes = ontology.codes_in_root(root)
    head = codes[0]
    if fmt is OntologyFormat.json:
        print_json({"root": head.code, "name": head.name, "codes": [c.to_dict() for c in codes]})
        return
    console.print(_codes_table(codes, title=f"root {head.code} {head.name}: {len(codes)} codes"))


def _codes_table(codes: list[CameoCode], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("code", style="bold", no_wrap=True)
    table.add_column("name")
    table.add_column("goldstein", justify="right", no_wrap=True)
    table.add_column("quad", justify="right")
    table.add_column("PLOVER", no_wrap=True)
    table.add_column("mode")
    table.add_column("context")
    for c in codes:
        table.add_row(
            c.code,
            c.name,
            f"{c.goldstein:+.1f}",
            str(c.quad_class),
            c.plover or "-",
            c.plover_mode or "",
            c.plover_context or "",
        )
    return table
