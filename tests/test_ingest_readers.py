"""The readers of `marsad.ingest.read_inputs`: each format, each way an input can be bad, and dates."""

from __future__ import annotations

import gzip
import io
import json
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.errors import InputError
from marsad.ingest import Read, count_records, parse_date, read_documents, read_feed, read_inputs

PARAGRAPHS = [
    "قال المتحدث باسم الجيش الوطني الليبي أحمد المسماري إن سيارة مفخخة انفجرت صباح الخميس قرب مقر "
    "مديرية الأمن في مدينة درنة، ما أسفر عن مقتل ثلاثة أشخاص وإصابة آخرين.",
    "وأضاف المسماري في مؤتمر صحفي عقده في بنغازي أن وحدات الجيش تلاحق المسؤولين عن الهجوم، "
    "مؤكدا أن الوضع الأمني في المدينة تحت السيطرة.",
    "من جهتها، دانت بعثة الأمم المتحدة للدعم في ليبيا التفجير، ودعت إلى ضبط النفس وحماية المدنيين.",
]
ARTICLE = "\n\n".join(PARAGRAPHS)


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def reads(*paths: str, **kwargs: object) -> list[Read]:
    return list(read_inputs(list(paths), **kwargs))  # type: ignore[arg-type]


def only(*paths: str, **kwargs: object) -> Read:
    [read] = reads(*paths, **kwargs)
    return read


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


# ---- plain text ------------------------------------------------------------------------


def test_text_file_is_one_article(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ARTICLE)
    read = only(path, published=date(2018, 7, 26), source="بوابة الوسط")
    assert read.origin == path and read.problem is None and read.item_id is None
    assert read.document is not None
    assert read.document.text == ARTICLE
    assert read.document.published == date(2018, 7, 26) and read.document.source == "بوابة الوسط"


def test_unknown_suffix_and_no_suffix_read_as_text(tmp_path: Path) -> None:
    for name in ("article", "article.md"):
        read = only(write(tmp_path, name, ARTICLE))
        assert read.document is not None and read.document.text == ARTICLE


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is binary, not text (NUL byte at offset 8)"),
        ("قال المتحدث".encode("cp1256"), "is not valid UTF-8"),
        ("قال المتحدث".encode("utf-16"), "is UTF-16"),
    ],
)
def test_a_text_file_that_is_no_article_is_skipped_with_the_reason(tmp_path: Path, data: bytes, problem: str) -> None:
    path = write(tmp_path, "bad.txt", data)
    read = only(path)
    assert read.origin == path and read.document is None
    assert read.problem is not None and read.problem.startswith(problem)


# ---- JSON Lines and JSON -------------------------------------------------------------------


def test_jsonl_one_article_a_line_and_bad_lines_are_skipped_with_their_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "news.jsonl",
        jsonl(
            {"text": PARAGRAPHS[0], "published": "2018-07-26", "title": "انفجار في درنة", "url": "https://a.ly/1"},
            "{not json",
            {"title": "بلا نص"},
            "",
            ["ليس", "كائنا"],
            {"content": PARAGRAPHS[1], "date": "الخميس 26 تموز 2018", "link": "https://a.ly/2", "source": "الوسط"},
            {"text": 42},
            {"text": "   "},
            {"body": PARAGRAPHS[2]},
        ),
    )
    got = reads(path, published=date(2018, 7, 20), source="وكالات")
    assert [r.origin for r in got] == [f"{path}:{n}" for n in (1, 2, 3, 5, 6, 7, 8, 9)]
    first, bad_json, no_text, not_object, content, not_string, blank, body = got
    assert first.document is not None and first.problem is None
    assert first.document.published == date(2018, 7, 26)
    assert (first.document.title, first.document.url, first.document.source) == (
        "انفجار في درنة",
        "https://a.ly/1",
        "وكالات",
    )
    assert bad_json.document is None and bad_json.problem is not None and "not valid JSON" in bad_json.problem
    assert no_text.document is None and no_text.problem is not None and no_text.problem.startswith("no text")
    assert not_object.document is None and not_object.problem == "expected a JSON object, got array"
    assert content.document is not None and content.document.text == PARAGRAPHS[1]
    assert content.document.published == date(2018, 7, 26)
    assert (content.document.url, content.document.source) == ("https://a.ly/2", "الوسط")
    assert not_string.document is None and not_string.problem == 'field "text" must be a string, got number'
    assert blank.document is None and blank.problem == 'field "text" is empty'
    # a record without a date takes the one given on the command line
    assert body.document is not None and body.document.published == date(2018, 7, 20)


def test_jsonl_field_mapping_overrides_the_defaults(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "feed.ndjson",
        jsonl(
            {
                "matn": PARAGRAPHS[0],
                "text": "ليس هذا",
                "tarikh": "٢٦ يوليو ٢٠١٨",
                "unwan": "عنوان",
                "rabit": "https://a.ly/3",
            }
        ),
    )
    read = only(path, fields={"text": "matn", "published": "tarikh", "title": "unwan", "url": "rabit"})
    assert read.document is not None
    assert read.document.text == PARAGRAPHS[0]
    assert (read.document.published, read.document.title, read.document.url) == (
        date(2018, 7, 26),
        "عنوان",
        "https://a.ly/3",
    )
    assert only(path, fields={"text": "nass"}).problem == 'no text: the record has no "nass" field'


def test_a_date_not_understood_keeps_the_article_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl", jsonl({"text": PARAGRAPHS[0], "published": "قبل ساعتين"}))
    read = only(path, published=date(2018, 7, 26))
    assert read.document is not None and read.document.published is None
    assert read.problem == "published date 'قبل ساعتين' not understood"


def test_json_array_and_single_object(tmp_path: Path) -> None:
    records = [{"text": PARAGRAPHS[0], "pubDate": "Thu, 26 Jul 2018 10:00:00 +0000"}, "نص", {"article": PARAGRAPHS[1]}]
    path = write(tmp_path, "news.json", json.dumps(records, ensure_ascii=False))
    got = reads(path)
    assert [r.origin for r in got] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert got[0].document is not None and got[0].document.published == date(2018, 7, 26)
    assert got[1].document is None and got[1].problem == "expected a JSON object, got string"
    assert got[2].document is not None and got[2].document.text == PARAGRAPHS[1]

    single = write(tmp_path, "one.json", json.dumps({"text": PARAGRAPHS[2]}, ensure_ascii=False))
    read = only(single)
    assert read.origin == single and read.document is not None and read.document.text == PARAGRAPHS[2]


@pytest.mark.parametrize(("data", "problem"), [("[{", "is not valid JSON"), ("42", "expected a JSON array of objects")])
def test_a_json_file_that_is_no_array_or_object(tmp_path: Path, data: str, problem: str) -> None:
    path = write(tmp_path, "bad.json", data)
    read = only(path)
    assert read.origin == path and read.document is None and read.problem is not None
    assert read.problem.startswith(problem)


def test_gzipped_jsonl_is_read_through(tmp_path: Path) -> None:
    data = jsonl({"text": PARAGRAPHS[0]}, {"text": PARAGRAPHS[1]}).encode()
    path = write(tmp_path, "news.jsonl.gz", gzip.compress(data))
    got = reads(path)
    assert [r.origin for r in got] == [f"{path}:1", f"{path}:2"]
    assert [r.document.text for r in got if r.document] == PARAGRAPHS[:2]


def test_truncated_gzip_keeps_what_came_before_the_cut(tmp_path: Path) -> None:
    lines = jsonl(*({"text": f"{PARAGRAPHS[n % 3]} ({n * 7919 % 10007})"} for n in range(3000))).encode()
    packed = gzip.compress(lines)
    path = write(tmp_path, "cut.jsonl.gz", packed[: len(packed) // 2])
    got = reads(path)
    *kept, last = got
    assert len(kept) > 100
    assert [r.origin for r in kept] == [f"{path}:{n}" for n in range(1, len(kept) + 1)]
    assert all(r.document is not None and r.problem is None for r in kept)
    assert last.origin == path and last.document is None
    assert last.problem is not None and last.problem.startswith("truncated gzip: ")


def test_truncated_gzip_of_a_one_article_file(tmp_path: Path) -> None:
    packed = gzip.compress(ARTICLE.encode())
    path = write(tmp_path, "a.txt.gz", packed[:-12])
    read = only(path)
    assert read.origin == path and read.document is None
    assert read.problem is not None and read.problem.startswith("truncated gzip: ")


def test_jsonl_that_is_binary_or_empty_is_one_problem(tmp_path: Path) -> None:
    binary = write(tmp_path, "bin.jsonl", b"\x00\x01\x02\n\x00\x00\n")
    assert only(binary).problem == "is binary, not text (NUL byte at offset 0)"
    assert only(write(tmp_path, "empty.jsonl", b"\n\n")).problem == "empty"
    bad_line = write(tmp_path, "mixed.jsonl", b'{"text": "\xc7\xe1"}\n' + jsonl({"text": PARAGRAPHS[0]}).encode())
    first, second = reads(bad_line)
    assert first.origin == f"{bad_line}:1" and first.problem is not None and "not valid UTF-8" in first.problem
    assert second.document is not None


# ---- HTML ------------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>انفجار سيارة مفخخة في درنة | بوابة الوسط</title>
<meta property="og:site_name" content="بوابة الوسط">
<meta property="og:title" content="انفجار سيارة مفخخة في درنة">
<meta property="article:published_time" content="2018-07-26T10:00:00+02:00">
<link rel="canonical" href="https://alwasat.ly/news/libya/212345">
</head><body>
<nav><a href="/">الرئيسية</a> | <a href="/libya">ليبيا</a> | <a href="/world">العالم</a></nav>
<article><h1>انفجار سيارة مفخخة في درنة</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<footer>جميع الحقوق محفوظة © بوابة الوسط</footer></body></html>"""


def test_html_page_gives_its_article_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", PAGE)
    read = only(path)
    assert read.origin == path and read.problem is None and read.document is not None
    doc = read.document
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    assert "الرئيسية" not in doc.text and "جميع الحقوق" not in doc.text
    assert doc.published == date(2018, 7, 26)
    assert doc.url == "https://alwasat.ly/news/libya/212345"
    assert doc.title == "انفجار سيارة مفخخة في درنة"
    assert doc.source == "بوابة الوسط"
    # the caller's source wins over the site's name
    assert only(path, source="الوسط").document.source == "الوسط"  # type: ignore[union-attr]


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = PAGE.replace(
        '<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
    )
    path = write(tmp_path, "page.htm", page.replace("©", "").encode("cp1256"))
    read = only(path)
    assert read.document is not None and PARAGRAPHS[0] in read.document.text


def test_html_without_an_article_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.html", "<html><head><title>صفحة</title></head><body></body></html>")
    read = only(path)
    assert read.origin == path and read.document is None and read.problem == "no article text found"


# ---- feeds -------------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>بوابة الوسط</title><link>https://alwasat.ly</link><description>أخبار ليبيا</description>
<item><title>انفجار في درنة</title><link>https://alwasat.ly/news/1</link>
<guid isPermaLink="false">alwasat-212345</guid>
<pubDate>Thu, 26 Jul 2018 01:30:00 +0300</pubDate>
<description><![CDATA[<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>]]></description></item>
<item><title>الأمم المتحدة تدين</title><link>https://alwasat.ly/news/2</link>
<pubDate>Fri, 27 Jul 2018 09:00:00 GMT</pubDate><description>{PARAGRAPHS[2]}</description></item>
<item><title>عنوان بلا نص</title><link>https://alwasat.ly/news/3</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>الجزيرة نت</title><id>tag:aljazeera.net,2018:feed</id>
<updated>2018-07-26T12:00:00Z</updated>
<entry><title>اشتباكات في طرابلس</title><id>tag:aljazeera.net,2018:1</id>
<link href="https://www.aljazeera.net/news/1"/><updated>2018-07-26T10:00:00Z</updated>
<content type="html">&lt;p&gt;{PARAGRAPHS[0]}&lt;/p&gt;&lt;p&gt;{PARAGRAPHS[1]}&lt;/p&gt;</content></entry>
<entry><title>بيان أممي</title><link href="https://www.aljazeera.net/news/2"/>
<published>Fri, 27 Jul 2018 08:00:00 +0000</published><summary type="text">{PARAGRAPHS[2]}</summary></entry>
</feed>"""


def test_rss_items_are_articles(tmp_path: Path) -> None:
    path = write(tmp_path, "wasat.rss", RSS)
    got = reads(path)
    assert [r.origin for r in got] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    first, second, empty = got
    assert first.document is not None and first.problem is None
    assert first.document.text.split("\n") == PARAGRAPHS[:2]  # a paragraph a line
    # the day the source published it, although it was still the 25th in UTC
    assert first.document.published == date(2018, 7, 26)
    assert (first.document.title, first.document.url) == ("انفجار في درنة", "https://alwasat.ly/news/1")
    assert first.document.source == "بوابة الوسط" and first.item_id == "alwasat-212345"
    assert second.document is not None and second.document.text == PARAGRAPHS[2]
    assert second.document.published == date(2018, 7, 27) and second.item_id == "https://alwasat.ly/news/2"
    assert empty.document is None and empty.item_id == "https://alwasat.ly/news/3"
    assert empty.problem is not None and empty.problem.startswith("no text")


def test_atom_entries_are_articles(tmp_path: Path) -> None:
    path = write(tmp_path, "jazeera.atom", ATOM)
    first, second = reads(path, source="الجزيرة")
    assert first.document is not None and first.document.text.split("\n") == PARAGRAPHS[:2]
    assert first.document.published == date(2018, 7, 26) and first.item_id == "tag:aljazeera.net,2018:1"
    assert first.document.source == "الجزيرة" and first.document.url == "https://www.aljazeera.net/news/1"
    assert second.document is not None and second.document.text == PARAGRAPHS[2]
    assert second.document.published == date(2018, 7, 27) and second.item_id == "https://www.aljazeera.net/news/2"


def test_feed_items_with_dates_not_understood_are_kept_with_a_warning(tmp_path: Path) -> None:
    feed = RSS.replace("Thu, 26 Jul 2018 01:30:00 +0300", "الخميس ٢٦ تموز/يوليو ٢٠١٨").replace(
        "Fri, 27 Jul 2018 09:00:00 GMT", "منذ ساعتين"
    )
    path = write(tmp_path, "dates.xml", feed)
    arabic, unknown, _ = reads(path, published=date(2018, 7, 1))
    assert arabic.document is not None and arabic.document.published == date(2018, 7, 26) and arabic.problem is None
    assert unknown.document is not None and unknown.document.published is None
    assert unknown.problem == "published date 'منذ ساعتين' not understood"


@pytest.mark.parametrize(
    "data", ["هذا ليس موجز أخبار", "<rss><channel><title>x</title", "<html><body><p>صفحة</p></body></html>"]
)
def test_a_file_that_is_no_feed_is_one_problem(tmp_path: Path, data: str) -> None:
    path = write(tmp_path, "bad.rss", data)
    read = only(path)
    assert read.origin == path and read.document is None
    assert read.problem is not None and read.problem.startswith(("not a feed", "not an RSS or Atom feed"))


def test_read_feed_takes_bytes_fetched_elsewhere() -> None:
    got = list(read_feed(RSS.encode(), "https://alwasat.ly/rss", source="الوسط"))
    assert [r.origin for r in got] == [
        "https://alwasat.ly/rss#1",
        "https://alwasat.ly/rss#2",
        "https://alwasat.ly/rss#3",
    ]
    assert got[0].document is not None and got[0].document.source == "الوسط"
    assert [r.problem for r in read_feed(b"", "x")] == ["empty"]


# ---- WARC ----------------------------------------------------------------------------------------


def warc(gzipped: bool = False) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzipped)
    url = "https://alwasat.ly/news/libya/212345"
    page = PAGE.replace('<link rel="canonical" href="https://alwasat.ly/news/libya/212345">', "").encode()
    request = StatusAndHeaders("GET /news/libya/212345 HTTP/1.1", [("Host", "alwasat.ly")], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request))
    response = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page), http_headers=response))
    image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    png = io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(64))
    writer.write_record(
        writer.create_warc_record("https://alwasat.ly/logo.png", "response", payload=png, http_headers=image)
    )
    text = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
    plain = io.BytesIO(PARAGRAPHS[2].encode())
    writer.write_record(
        writer.create_warc_record("https://alwasat.ly/a.txt", "response", payload=plain, http_headers=text)
    )
    return buf.getvalue()


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_responses_are_articles_and_other_records_are_passed_over(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, warc(gzipped=name.endswith(".gz")))
    page, plain = reads(path)
    assert page.origin == f"{path}#2" and page.problem is None
    assert page.item_id == "https://alwasat.ly/news/libya/212345"
    assert page.document is not None and PARAGRAPHS[1] in page.document.text
    assert page.document.url == "https://alwasat.ly/news/libya/212345"  # the page names none: the record's URI
    assert page.document.published == date(2018, 7, 26)
    assert plain.origin == f"{path}#4" and plain.document is not None and plain.document.text == PARAGRAPHS[2]
    assert plain.item_id == plain.document.url == "https://alwasat.ly/a.txt"


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_warc_cut_short_keeps_the_records_before_the_cut(tmp_path: Path, gzipped: bool) -> None:
    data = warc(gzipped)
    path = write(tmp_path, "cut.warc" + (".gz" if gzipped else ""), data[:-40])
    *kept, last = reads(path)
    assert [r.origin for r in kept] == [f"{path}#2"] and kept[0].document is not None
    assert last.origin == path and last.document is None and last.problem is not None
    assert last.problem.startswith("truncated gzip" if gzipped else "truncated WARC")


@pytest.mark.parametrize("data", [b"", b"WARC/1.0 or not", b"hello\r\n\r\n"])
def test_a_file_that_is_no_warc_is_one_problem(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "bad.warc", data)
    read = only(path)
    assert read.origin == path and read.document is None and read.problem


# ---- paths, stdin, options -----------------------------------------------------------------------------


def test_directories_are_walked_in_sorted_order_without_hidden_files(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    for name in ("b.txt", "a/2.txt", "a/1.txt", ".hidden.txt", ".git/x.txt", "c/d/e.txt"):
        write(root, name, ARTICLE)
    got = reads(str(root))
    assert [Path(r.origin).relative_to(root).as_posix() for r in got] == ["a/1.txt", "a/2.txt", "b.txt", "c/d/e.txt"]
    assert all(r.document is not None for r in got)
    (tmp_path / "nothing" / ".cache").mkdir(parents=True)
    assert only(str(tmp_path / "nothing")).problem == "no files in the directory (hidden ones are left out)"


def test_globs_and_each_file_once(tmp_path: Path) -> None:
    for name in ("x/1.jsonl", "x/2.txt", "x/y/3.txt"):
        write(tmp_path, name, jsonl({"text": ARTICLE}) if name.endswith(".jsonl") else ARTICLE)
    got = reads(str(tmp_path / "x" / "*.txt"), str(tmp_path / "x" / "**" / "*.txt"))
    assert [Path(r.origin).name for r in got] == ["2.txt", "3.txt"]
    [none] = reads(str(tmp_path / "x" / "*.rss"))
    assert none.problem == "no file matches the pattern"


def test_a_missing_path_does_not_stop_the_others(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    good = write(tmp_path, "a.txt", ARTICLE)
    first, second = reads(missing, good)
    assert first == Read(missing, None, "no such file")
    assert second.document is not None


def test_stdin_with_a_format(monkeypatch: pytest.MonkeyPatch) -> None:
    data = jsonl({"text": PARAGRAPHS[0]}, "oops").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    first, second = reads("-", fmt="jsonl")
    assert first.origin == "<stdin>:1" and first.document is not None
    assert second.origin == "<stdin>:2" and second.document is None

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(ARTICLE.encode()))))
    read = only("-")
    assert read.origin == "<stdin>" and read.document is not None and read.document.text == ARTICLE


def test_fmt_overrides_the_suffix(tmp_path: Path) -> None:
    path = write(tmp_path, "export.dat", jsonl({"text": PARAGRAPHS[0]}))
    assert only(path, fmt="jsonl").origin == f"{path}:1"


def test_mistakes_of_the_caller_raise_at_once() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        read_inputs(["x"], fmt="pdf")
    with pytest.raises(ValueError, match="unknown field"):
        read_inputs(["x"], fields={"body": "matn"})


def test_read_documents_is_unchanged(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl", jsonl({"text": PARAGRAPHS[0], "published": "2018-07-26"}, "{bad"))
    documents = read_documents(path)
    assert next(documents).published == date(2018, 7, 26)
    with pytest.raises(InputError, match=r"a\.jsonl:2: is not valid JSON"):
        next(documents)


# ---- dates ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-07-26", date(2018, 7, 26)),
        ("2018-07-26T10:00:00Z", date(2018, 7, 26)),
        ("2018-07-26T23:30:00-05:00", date(2018, 7, 26)),
        ("2018/07/26", date(2018, 7, 26)),
        ("Thu, 26 Jul 2018 10:00:00 +0000", date(2018, 7, 26)),
        ("Thu, 26 Jul 2018 01:30:00 +0300", date(2018, 7, 26)),
        ("26 July 2018", date(2018, 7, 26)),
        ("July 26, 2018", date(2018, 7, 26)),
        ("26 يوليو 2018", date(2018, 7, 26)),
        ("الخميس 26 تموز 2018", date(2018, 7, 26)),
        ("26 تموز/يوليو 2018", date(2018, 7, 26)),
        ("26 يوليو (تموز) 2018", date(2018, 7, 26)),
        ("٢٦ يوليو ٢٠١٨", date(2018, 7, 26)),
        ("بتاريخ 26 يوليه 2018", date(2018, 7, 26)),
        ("الخميس، 26 يوليو، 2018", date(2018, 7, 26)),
        ("الخميس 12 ذو القعدة 1439 هـ - 26 يوليو 2018 م", date(2018, 7, 26)),
        ("1 يناير 2018", date(2018, 1, 1)),
        ("1 كانون الثاني 2018", date(2018, 1, 1)),
        ("2 فبراير 2018", date(2018, 2, 2)),
        ("2 شباط 2018", date(2018, 2, 2)),
        ("3 مارس 2018", date(2018, 3, 3)),
        ("3 آذار 2018", date(2018, 3, 3)),
        ("4 أبريل 2018", date(2018, 4, 4)),
        ("4 إبريل 2018", date(2018, 4, 4)),
        ("4 نيسان 2018", date(2018, 4, 4)),
        ("5 مايو 2018", date(2018, 5, 5)),
        ("5 أيار 2018", date(2018, 5, 5)),
        ("6 يونيو 2018", date(2018, 6, 6)),
        ("6 يونيه 2018", date(2018, 6, 6)),
        ("6 حزيران 2018", date(2018, 6, 6)),
        ("8 أغسطس 2018", date(2018, 8, 8)),
        ("8 آب 2018", date(2018, 8, 8)),
        ("9 سبتمبر 2018", date(2018, 9, 9)),
        ("9 أيلول 2018", date(2018, 9, 9)),
        ("10 أكتوبر 2018", date(2018, 10, 10)),
        ("10 تشرين الأول 2018", date(2018, 10, 10)),
        ("11 نوفمبر 2018", date(2018, 11, 11)),
        ("11 تشرين الثاني 2018", date(2018, 11, 11)),
        ("12 ديسمبر 2018", date(2018, 12, 12)),
        ("12 كانون الأول 2018", date(2018, 12, 12)),
        (time.strptime("2018-07-26 10:00", "%Y-%m-%d %H:%M"), date(2018, 7, 26)),
        (date(2018, 7, 26), date(2018, 7, 26)),
    ],
)
def test_parse_date_reads_the_forms_sources_write(value: str | date | time.struct_time, expected: date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "junk", "غدا", "منذ ساعتين", "26 يوليو", "يوليو 2018", "32 يوليو 2018", "2018-13-01", "29 فبراير 2018",
     "26 تموز/أغسطس 2018", "12 ذو القعدة 1439", "1 2 3", "Thu, 99 Foo 2018"],
)  # fmt: skip
def test_parse_date_says_none_when_it_cannot_read_it(value: str) -> None:
    assert parse_date(value) is None


# ---- never raises -----------------------------------------------------------------------------------------

SUFFIXES = [".txt", ".jsonl", ".json", ".html", ".rss", ".warc", ".gz", ".jsonl.gz", ".warc.gz", ".xml.gz"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=2048) | st.builds(gzip.compress, st.binary(max_size=512)), suffix=st.sampled_from(SUFFIXES)
)
def test_read_inputs_never_raises_on_arbitrary_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = write(tmp_path, "input" + suffix, data)
    for read in read_inputs([path]):
        assert read.origin.startswith(path)
        assert (read.document is None) <= (read.problem is not None)


def test_count_records_matches_what_is_read(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"نص رقم {n}"}, ensure_ascii=False) for n in range(3)]
    write(tmp_path, "a.jsonl.gz", gzip.compress(("\n".join([*lines, "", "{bad"]) + "\n").encode()))
    write(tmp_path, "b.txt", "نص")
    write(tmp_path, "c.html", "<html><body><p>نص</p></body></html>")
    paths = [str(tmp_path), str(tmp_path / "missing.txt")]
    assert count_records(paths) == len(list(read_inputs(paths))) == 7


def test_count_records_is_unknown_where_only_parsing_tells(tmp_path: Path) -> None:
    assert count_records(["-"]) is None
    assert count_records([write(tmp_path, "b.txt", "نص"), write(tmp_path, "f.rss", "<rss/>")]) is None
