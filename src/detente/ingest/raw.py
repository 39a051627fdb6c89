"""What a reader hands on: text to clean, plus whatever metadata the input's structure gave."""

from __future__ import annotations

from dataclasses import dataclass, field

from detente.clean.metadata import Hint


@dataclass
class RawDoc:
    text: str  # scraped text, text extracted from HTML, or a record's text field
    source_path: str  # file, file:line, file#record-url or URL
    hints: dict[str, Hint] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)  # comments the reader separated already
