"""Every reader: .txt, .html, .jsonl, .csv, .warc/.warc.gz, folders and http(s) URLs."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from detente.ingest import USER_AGENT, IngestOptions, ingest_paths, iter_articles
from detente.records import Article, Problem
from detente.store import Store

FIX = Path(__file__).parent / "fixtures" / "ingest"

PAGE = (FIX / "page.html").read_text(encoding="utf-8")


def articles(inputs: list[str], **opts: object) -> tuple[list[Article], list[Problem]]:
    got = list(iter_articles(inputs, IngestOptions(**opts)))  # type: ignore[arg-type]
    return [a for a in got if isinstance(a, Article)], [p for p in got if isinstance(p, Problem)]


# -- .txt ------------------------------------------------------------------------------------


def test_scraped_text_file() -> None:
    arts, problems = articles([str(FIX / "scraped_story.txt")])
    assert problems == []
    [a] = arts
    assert a.title == "Arland Offers Borovia Talks on Shared River"
    assert a.authors == ["Mara Lind"]
    assert a.published == "2019-03-04"
    assert a.url == "https://www.calder-courier.example/2019/03/04/arland-offers-river-talks-a77"
    assert a.publisher == "The Calder Courier"
    assert a.language == "en"
    # the headline stays as the first paragraph (a sentence that can carry events)
    assert a.body.startswith("Arland Offers Borovia Talks on Shared River\n\nThe government of Arland offered on Monday")
    assert "had to share the burden of the drought across the whole river basin" in a.body
    for junk in (
        "Accessibility",
        "please wait",
        "0:00",
        "Related article",
        "16x9",
        "views expressed",
        "Original url",
        "By Mara",
    ):
        assert junk not in a.body
    assert a.body.endswith("answer within a month.")
    assert a.source_path == str(FIX / "scraped_story.txt")


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    text = (
        "Arland and Borovia Sign Café Accord\n\nThe ministers of Arland and Borovia signed the "
        "accord in the café of the old town hall in Calder on Friday morning.\n"
    )
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("cp1252"))
    [a], problems = articles([str(path)])
    assert problems == []
    assert "café of the old town hall" in a.body


# -- .html -----------------------------------------------------------------------------------


def test_html_page() -> None:
    [a], problems = articles([str(FIX / "page.html")])
    assert problems == []
    assert a.title == "Arland and Borovia Reopen Border Crossing"
    assert a.authors == ["Mara Lind"]
    assert a.published == "2021-06-14"
    assert a.publisher == "The Calder Courier"
    assert a.url == "https://news.calder-courier.example/2021/06/14/border-crossing-reopens"
    assert a.evidence["published"] == "metadata: <meta article:published_time>"
    assert a.body.startswith("The governments of Arland and Borovia reopened the main crossing")
    for junk in ("Home", "READ MORE", "invented newspaper", "Finally some good news"):
        assert junk not in a.body
    assert any("Finally some good news" in c for c in a.comments)


def test_html_without_metadata_keeps_unknowns_null(tmp_path: Path) -> None:
    page = (
        "<html><body><article><p>The ministers of Arland and Borovia met again in Calder on "
        "Friday and agreed to keep talking about the river and the border crossings.</p>"
        "<p>Copyright 2019 Calder Courier</p></article></body></html>"
    )
    path = tmp_path / "bare.htm"
    path.write_text(page, encoding="utf-8")
    [a], _ = articles([str(path)])
    assert a.published is None  # a copyright year is not a publication date
    assert a.authors == []
    assert "ministers of Arland and Borovia met again" in a.body


# -- .jsonl and .csv --------------------------------------------------------------------------


def test_jsonl_export() -> None:
    arts, problems = articles([str(FIX / "export.jsonl")])
    assert problems == []
    first, second = arts
    assert first.title == "Borovia Recalls Its Ambassador From Arland"
    assert first.published == "2020-02-07"
    assert first.url == "https://www.example.org/2020/02/07/recall"
    assert first.authors == ["Teo Brandt"]
    assert first.publisher == "Calder Wire"
    assert first.source_path == f"{FIX / 'export.jsonl'}:1"
    assert first.evidence["title"] == "metadata: JSONL key 'title'"
    assert second.published == "2020-02-10"
    assert second.authors == ["Pia Holm", "Jon Vale"]
    assert second.body.startswith("Arland proposed on Monday a joint commission")


def test_csv_export() -> None:
    arts, problems = articles([str(FIX / "export.csv")])
    assert problems == []
    assert [a.title for a in arts] == [
        "Arland and Borovia Sign Lakes Agreement",
        "Borovia Ratifies Lakes Agreement",
    ]
    assert arts[0].published == "2020-03-12"
    assert arts[0].authors == ["Mara Lind"]
    assert arts[0].publisher == "Calder Wire"
    assert arts[0].url == "https://www.example.org/2020/03/12/lakes"
    assert arts[1].url is None
    assert "joint commission" in arts[0].body


def test_csv_with_user_column_mapping() -> None:
    path = str(FIX / "custom_columns.csv")
    arts, problems = articles(
        [path], columns={"text": "content", "published": "pub_date", "title": "heading"}
    )
    assert problems == []
    [a] = arts
    assert a.title == "Arland Reopens Consulate in Vessa"
    assert a.published == "2021-05-14"
    assert a.body.startswith("Arland reopened its consulate")


def test_jsonl_with_user_column_mapping(tmp_path: Path) -> None:
    path = tmp_path / "custom.jsonl"
    path.write_text(
        '{"content": "Borovia and Arland agreed on Sunday to swap prisoners held since '
        'the border clashes of last year.", "pub_date": "2022-01-09", "who": "Jon Vale"}\n',
        encoding="utf-8",
    )
    [a], problems = articles(
        [str(path)], columns={"text": "content", "published": "pub_date", "authors": "who"}
    )
    assert problems == []
    assert a.published == "2022-01-09" and a.authors == ["Jon Vale"]


# -- .warc / .warc.gz -------------------------------------------------------------------------


def write_warc(path: Path, *, gzip: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)

        def response(uri: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )

        writer.write_record(
            writer.create_warc_record(
                "https://news.calder-courier.example/a",
                "request",
                payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n"),
            )
        )
        response(
            "https://news.calder-courier.example/2021/06/14/border-crossing-reopens",
            PAGE.encode("utf-8"),
            "text/html; charset=utf-8",
        )
        response(
            "https://news.calder-courier.example/logo.png",
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "image/png",
        )
        response(
            "https://news.calder-courier.example/gone",
            b"<html>gone</html>",
            "text/html",
            status="404 Not Found",
        )


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_reads_html_responses_only(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, gzip=name.endswith(".gz"))
    arts, problems = articles([str(path)])
    assert problems == []
    [a] = arts
    assert a.title == "Arland and Borovia Reopen Border Crossing"
    assert (
        a.source_path
        == f"{path}#https://news.calder-courier.example/2021/06/14/border-crossing-reopens"
    )
    assert a.body.startswith("The governments of Arland and Borovia reopened")


def test_not_a_warc_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_text("this is not a web archive\n", encoding="utf-8")
    arts, [problem] = articles([str(path)])
    assert arts == []
    assert "not a readable WARC archive" in problem.reason


# -- folders ------------------------------------------------------------------------------------


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    story = (FIX / "scraped_story.txt").read_text(encoding="utf-8")
    (tmp_path / "b" / "deeper" / "one.txt").write_text(story, encoding="utf-8")
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text(story + "\nhidden copy.", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    arts, problems = articles([str(tmp_path)])
    assert problems == []
    assert [Path(a.source_path).name for a in arts] == ["a.html", "one.txt"]


# -- URLs --------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        _Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        routes = {
            "/story.html": (200, "text/html; charset=utf-8", PAGE.encode("utf-8")),
            "/story.txt": (
                200,
                "text/plain; charset=utf-8",
                (FIX / "scraped_story.txt").read_bytes(),
            ),
            "/big.html": (200, "text/html", b"<html><body>" + b"x" * 50_000 + b"</body></html>"),
            "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        }
        status, ctype, body = routes.get(self.path, (404, "text/html", b"<html>not here</html>"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_html(server: str) -> None:
    _Handler.seen_agents.clear()
    [a], problems = articles([f"{server}/story.html"])
    assert problems == []
    assert a.title == "Arland and Borovia Reopen Border Crossing"
    assert a.source_path == f"{server}/story.html"
    assert _Handler.seen_agents == [USER_AGENT]


def test_url_plain_text(server: str) -> None:
    [a], problems = articles([f"{server}/story.txt"])
    assert problems == []
    assert a.title == "Arland Offers Borovia Talks on Shared River"
    # The "Original url" line in the text beats the address it was fetched from.
    assert a.url == "https://www.calder-courier.example/2019/03/04/arland-offers-river-talks-a77"


def test_url_errors(server: str) -> None:
    arts, problems = articles(
        [
            f"{server}/missing.html",
            f"{server}/big.html",
            f"{server}/image.png",
            f"{server}/story.html",
        ],
        max_bytes=20_000,
    )
    assert len(arts) == 1
    by_source = {p.source.rsplit("/", 1)[1]: p for p in problems}
    assert (
        "HTTP 404" in by_source["missing.html"].reason and by_source["missing.html"].code == "E105"
    )
    assert "over the" in by_source["big.html"].reason and by_source["big.html"].code == "E103"
    assert "image/png" in by_source["image.png"].reason


def test_unreachable_url_is_reported_and_the_run_goes_on(tmp_db: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with Store(tmp_db) as store:
        report = ingest_paths(
            [f"http://127.0.0.1:{port}/x", str(FIX / "page.html")],
            store,
            options=IngestOptions(timeout=5),
        )
    assert report.inserted == 1
    [p] = report.problems
    assert p.code == "E105" and "could not connect" in p.reason
    assert "network" in p.hint
