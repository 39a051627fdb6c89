"""`detente export`: events and tables in the field's formats.

Schemas:

* ``detente``: our own tables (articles, sentences, mentions, events,
  event_actors, quotes, issue_tags, assessments, ...), one file per table in
  the ``--out`` directory;
* ``plover``: PLOVER/POLECAT-style event records (``detente.export.plover``);
* ``gdelt``: a GDELT-like flat table, one row per clustered event
  (``detente.export.gdelt``);
* ``gold``: the events of the articles users corrected, corrections applied,
  in the news gold format ``detente train`` reads (``detente.export.gold``).

Formats: csv, parquet, jsonl. ``--dyad A B`` keeps what concerns that dyad.
"""

from detente.export.run import SCHEMAS, ExportResult, export, export_db
from detente.export.write import FORMATS

__all__ = ["FORMATS", "SCHEMAS", "ExportResult", "export", "export_db"]
