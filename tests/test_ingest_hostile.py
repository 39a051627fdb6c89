"""Hostile input found by an audit: none of it may lose or garble data or stop a run.

Each test reproduces one finding (CSV misread by guessing its dialect, one bad
record ending the run, truncated WARC records dropped in silence, special
files that block or never end, skipped directories, UTF-16 without a BOM) and
checks that the good input around it is stored and the bad part gets one line.
"""

from __future__ import annotations

import csv
import io
import os
import socket
import stat
from pathlib import Path

import pytest

from detente.ingest import IngestOptions, ingest_paths, iter_articles
from detente.records import Article, Problem
from detente.store import Store

STORY = (
    "Arland held talks with Borovia on Monday, officials in Calder said. "
    '"We will answer in kind," a spokesman for the ministry said after the meeting.\n\n'
    "Story {n} goes on with the trade questions both sides raised."
)
LATER = "Borovia answered Arland on Tuesday with an offer of more river water for the farms."


def read(paths: list[Path | str], **opts: object) -> tuple[list[Article], list[Problem]]:
    got = list(iter_articles([str(p) for p in paths], IngestOptions(**opts)))  # type: ignore[arg-type]
    return [a for a in got if isinstance(a, Article)], [p for p in got if isinstance(p, Problem)]


def later_file(tmp_path: Path) -> Path:
    path = tmp_path / "zz-later.txt"
    path.write_text(LATER, encoding="utf-8")
    return path


# -- 1. CSV: RFC 4180, no guessing ------------------------------------------------------------


def test_fully_quoted_csv_with_commas_and_quotes_in_the_text_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "quoted.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(["title", "text"])
        for n in (1, 2):
            w.writerow([f"Talks {n}", STORY.format(n=n)])
    arts, problems = read([path])
    assert problems == []
    assert [a.body for a in arts] == [STORY.format(n=n) for n in (1, 2)]


def test_unquoted_comma_in_a_field_is_a_reported_row_not_a_cut(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text(
        f"title,text\nFirst,{LATER}\nSecond,Arland met Borovia, and the talks failed.\n",
        encoding="utf-8",
    )
    arts, problems = read([path])
    assert [a.body for a in arts] == [LATER]
    [p] = problems
    assert p.source == f"{path}:3" and p.code == "E106"
    assert "3 fields, the header has 2" in p.reason and "RFC 4180" in p.hint


def test_row_with_a_missing_field_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text(f"title,text,url\nFirst,{LATER},https://a.example/1\nlonely\n", "utf-8")
    arts, problems = read([path])
    assert len(arts) == 1
    [p] = problems
    assert p.source == f"{path}:3" and "1 fields, the header has 3" in p.reason


def test_semicolon_csv_is_read_when_the_header_says_so(tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_text(f'title;text\nOne;"{LATER} Then, a pause; then more."\n', "utf-8")
    [a], problems = read([path])
    assert problems == [] and a.body == f"{LATER} Then, a pause; then more."


def test_header_only_csv_gets_a_line(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("title,text\n", "utf-8")
    arts, [p] = read([path])
    assert arts == [] and p.code == "E102" and "no data rows" in p.reason


# -- 2. one bad record never ends the run -----------------------------------------------------


def test_jsonl_nested_too_deep_and_huge_integer_are_lines_not_crashes(
    tmp_path: Path, tmp_db: Path
) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text(
        '{"text": "' + STORY.format(n=1).replace("\n", " ").replace('"', "'") + '"}\n'
        '{"text": ' + "[" * 1500 + "]" * 1500 + "}\n"
        '{"text": "x", "n": ' + "9" * 5000 + "}\n",
        encoding="utf-8",
    )
    with Store(tmp_db) as store:
        report = ingest_paths([str(path), str(later_file(tmp_path))], store)
    assert report.inserted == 2
    by_source = {p.source: p for p in report.problems}
    assert "nested too deep" in by_source[f"{path}:2"].reason
    assert "cannot convert" in by_source[f"{path}:3"].reason


def test_warc_response_without_target_uri_is_skipped_with_a_line(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, pages=3, drop_uri=1)
    arts, [p] = read([path])
    assert [a.source_path for a in arts] == [
        f"{path}#https://calder.example/0",
        f"{path}#https://calder.example/2",
    ]
    assert "no WARC-Target-URI" in p.reason and p.code == "E106"


def test_unreadable_csv_is_a_line_and_later_files_are_stored(
    tmp_path: Path, tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "locked.csv"
    bad.write_text(f"text\n{LATER}\n", "utf-8")
    real_open = os.open

    def refuse(path: object, flags: int, *args: object, **kw: object) -> int:
        if str(path) == str(bad):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    with Store(tmp_db) as store:
        report = ingest_paths([str(bad), str(later_file(tmp_path))], store)
    assert report.inserted == 1
    [p] = report.problems
    assert p.source == str(bad) and "Permission denied" in p.reason


def test_an_exception_no_reader_foresaw_becomes_one_line(
    tmp_path: Path, tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import detente.ingest.sources as sources

    def broken(path: Path, source: str, options: IngestOptions):  # noqa: ANN202
        yield from ()
        raise AttributeError("'NoneType' object has no attribute 'startswith'")

    path = tmp_path / "odd.html"
    path.write_text("<p>x</p>", "utf-8")
    monkeypatch.setitem(sources.READERS, ".html", broken)
    with Store(tmp_db) as store:
        report = ingest_paths([str(path), str(later_file(tmp_path))], store)
    assert report.inserted == 1
    [p] = report.problems
    assert p.source == str(path) and "unexpected AttributeError" in p.reason and p.hint


# -- 3. truncated WARC records are reported ---------------------------------------------------


def page(n: int) -> bytes:
    para = "<p>The talks between Arland and Borovia went on for hours in Calder.</p>" * 15
    return (
        f"<html><head><title>Talks {n}</title></head><body><article>"
        f"<p>Arland held talks with Borovia on Monday, meeting {n}, officials said.</p>{para}"
        "</article></body></html>"
    ).encode()


def write_warc(path: Path, *, pages: int, gzip: bool = False, drop_uri: int = -1) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for n in range(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            record = writer.create_warc_record(
                f"https://calder.example/{n}",
                "response",
                payload=io.BytesIO(page(n)),
                http_headers=headers,
            )
            if n == drop_uri:
                record.rec_headers.remove_header("WARC-Target-URI")
            writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9, 0.97])
def test_truncated_warc_is_reported(tmp_path: Path, name: str, keep: float) -> None:
    """Cut inside a record (an archive cut exactly between two records is a valid archive)."""
    path = tmp_path / name
    write_warc(path, pages=4, gzip=name.endswith(".gz"))
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    arts, problems = read([path])
    assert len(arts) < 4
    assert problems, "a cut archive is never read in silence"
    assert all(p.code == "E106" and "fetch or copy it again" in p.hint for p in problems)


@pytest.mark.parametrize("into_header", [10, 200, 300])
def test_warc_cut_inside_a_record_header_is_reported(tmp_path: Path, into_header: int) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, pages=3)
    data = path.read_bytes()
    second = data.index(b"WARC/1", 10)
    path.write_bytes(data[: second + into_header])
    arts, problems = read([path])
    assert len(arts) == 1
    assert problems and all(p.code == "E106" for p in problems)


def test_warc_with_a_huge_content_length_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, pages=2)
    data = path.read_bytes()
    path.write_bytes(data.replace(b"Content-Length: ", b"Content-Length: 99", 1))
    arts, problems = read([path])
    assert arts == []
    assert any("truncated" in p.reason for p in problems)


def test_warc_with_a_too_small_content_length_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, pages=3)
    data = path.read_bytes()
    second = data.index(b"WARC/1", 10)
    at = data.index(b"Content-Length: ", second) + len(b"Content-Length: ")
    end = data.index(b"\r\n", at)
    length = int(data[at:end])
    path.write_bytes(data[:at] + str(length - 40).encode() + data[end:])
    arts, problems = read([path])
    assert problems, "a wrong Content-Length is never passed over in silence"
    assert any("Content-Length" in p.reason for p in problems)


# -- 4. only regular files are read ------------------------------------------------------------


def test_fifo_named_txt_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    arts, [p] = read([fifo, later_file(tmp_path)])
    assert [a.body for a in arts] == [LATER]
    assert p.source == str(fifo) and "FIFO" in p.reason and p.code == "E101"


@pytest.mark.parametrize(
    ("device", "name"), [("/dev/zero", "zero.txt"), ("/dev/urandom", "r.jsonl")]
)
def test_symlink_to_a_device_is_refused(tmp_path: Path, device: str, name: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    link = tmp_path / name
    link.symlink_to(device)
    arts, [p] = read([link, later_file(tmp_path)])
    assert len(arts) == 1 and "device" in p.reason


def test_a_special_file_inside_a_folder_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    later_file(tmp_path)
    arts, [p] = read([tmp_path])
    assert len(arts) == 1 and "FIFO" in p.reason


def test_a_socket_inside_a_folder_is_refused(
    tmp_path: Path, tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    monkeypatch.chdir(folder)  # a relative name: AF_UNIX paths are limited to 108 bytes
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind("sock.txt")
        assert stat.S_ISSOCK(os.stat(folder / "sock.txt").st_mode)
        later_file(folder)
        arts, [p] = read([folder])
        assert [a.body for a in arts] == [LATER]
        assert p.source == str(folder / "sock.txt") and p.code == "E101"
        assert "a socket, not a regular file; it was not read" in p.reason
        with Store(tmp_db) as store:
            report = ingest_paths([str(folder)], store)
        assert report.inserted == 1 and [q.reason for q in report.problems] == [p.reason]
    finally:
        server.close()


KERNEL_FILES = ["/proc/self/status", "/proc/cpuinfo", "/sys/kernel/mm/transparent_hugepage/enabled"]


@pytest.mark.parametrize("kernel_file", KERNEL_FILES)
def test_a_kernel_file_is_refused_given_directly_and_through_a_link(
    tmp_path: Path, tmp_db: Path, kernel_file: str
) -> None:
    """/proc and /sys files say they are regular (size 0 or 4096, whatever they hold)."""
    if not Path(kernel_file).is_file():
        pytest.skip(f"no {kernel_file}")
    link = tmp_path / "status.txt"
    link.symlink_to(kernel_file)
    arts, problems = read([kernel_file, link, later_file(tmp_path)])
    assert [a.body for a in arts] == [LATER]
    assert [p.source for p in problems] == [kernel_file, str(link)]
    for p in problems:
        assert p.code == "E101"
        assert "a kernel file under /proc, /sys or /dev, not a regular file" in p.reason
    with Store(tmp_db) as store:
        report = ingest_paths([str(link), str(later_file(tmp_path))], store)
    assert report.inserted == 1 and [p.source for p in report.problems] == [str(link)]


def test_a_link_to_a_kernel_directory_is_not_walked(tmp_path: Path) -> None:
    """/proc/self/root leads to /: a folder linking into /proc would walk the whole disk."""
    if not Path("/proc/self/root").exists():
        pytest.skip("no /proc")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "proc").symlink_to("/proc/self")
    later_file(folder)
    arts, [p] = read([folder])
    assert [a.body for a in arts] == [LATER]
    assert p.source == str(folder / "proc") and p.code == "E101"
    assert "a kernel directory under /proc, /sys or /dev" in p.reason
    arts, [p] = read(["/proc/self"])
    assert arts == [] and p.source == "/proc/self" and "kernel directory" in p.reason


def test_size_cap_applies_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that says it is small (as /proc files do) is still cut off at the limit."""
    path = tmp_path / "grows.txt"
    path.write_text(LATER * 50, "utf-8")
    real_fstat = os.fstat

    class Small:
        def __init__(self, st: os.stat_result) -> None:
            self._st = st
            self.st_size = 0

        def __getattr__(self, name: str) -> object:
            return getattr(self._st, name)

    monkeypatch.setattr(os, "fstat", lambda fd: Small(real_fstat(fd)))
    arts, [p] = read([path], max_bytes=1000)
    assert arts == [] and p.code == "E103"


# -- 5. every skipped path is reported ---------------------------------------------------------


def test_symlinked_directory_is_followed_once_and_a_loop_is_reported(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "story.txt").write_text(LATER, "utf-8")
    (real / "loop").symlink_to(real)
    top = tmp_path / "top"
    top.mkdir()
    (top / "linked").symlink_to(real)
    arts, problems = read([top])
    assert [a.body for a in arts] == [LATER]
    [p] = problems
    assert p.source.endswith("loop") and "already read" in p.reason


def test_unreadable_subdirectory_gets_a_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "story.txt").write_text(LATER, "utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(LATER, "utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    arts, [p] = read([tmp_path])
    assert len(arts) == 1
    assert p.source == str(locked) and "cannot list this directory" in p.reason


# -- 6. UTF-16/32 without a BOM ---------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize(
    "text",
    [LATER, "Боровия ответила Арланду во вторник и предложила больше воды для ферм на реке."],
)
def test_wide_text_without_bom_is_decoded(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(text.encode(encoding))
    [a], problems = read([path])
    assert problems == [] and a.body == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_utf16_jsonl_is_read_line_by_line(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.jsonl"
    lines = [
        f'{{"text": "{STORY.format(n=n).replace(chr(10), " ")}"}}'.replace('"We', "'We").replace(
            'kind,"', "kind,'"
        )
        for n in (1, 2)
    ]
    path.write_bytes("\n".join(lines).encode(encoding))
    arts, problems = read([path])
    assert problems == [] and len(arts) == 2
    assert arts[0].body.startswith("Arland held talks with Borovia on Monday")


def test_utf16_csv_without_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    buf = io.StringIO()
    csv.writer(buf).writerows([["title", "text"], ["One", STORY.format(n=1)]])
    path.write_bytes(buf.getvalue().encode("utf-16-le"))
    [a], problems = read([path])
    assert problems == [] and a.body == STORY.format(n=1)
