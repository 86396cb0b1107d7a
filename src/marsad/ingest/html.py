"""An HTML page as one article: its main text and metadata, found by trafilatura, offline.

trafilatura is imported when a page is first read: it takes longer to import than the rest
of marsad's command line, which mostly reads text and JSON.
"""

from __future__ import annotations

import re
from datetime import date

from marsad.decode import decode_utf8
from marsad.errors import InputError
from marsad.ingest.read import Read, article, skipped

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_html(
    data: bytes,
    origin: str,
    *,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    item_id: str | None = None,
    charset: str | None = None,
) -> Read:
    """The page's article. Its own date, canonical URL and site name win over `published`, `url`
    and nothing (`source`, the caller's, wins over the site name). `charset`: what the HTTP
    response declared, used when the bytes are not UTF-8."""
    markup = _decode(data, origin, charset)
    if isinstance(markup, Read):
        return markup
    from trafilatura import bare_extraction
    from trafilatura.settings import Document as Extracted

    try:
        found = bare_extraction(markup, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # a parser's failure on one odd page must not stop a batch
        return skipped(origin, f"HTML could not be read: {exc}", item_id)
    if not isinstance(found, Extracted) or not (found.text or "").strip():
        return skipped(origin, "no article text found", item_id)
    return article(
        origin,
        found.text or "",
        date_value=found.date,
        published=published,
        source=source or found.sitename,
        url=found.url or url,
        title=found.title,
        item_id=item_id,
    )


def html_to_text(fragment: str) -> str:
    """The text of a piece of HTML (a feed item's content), a paragraph a line."""
    if "<" not in fragment:
        return fragment.strip()
    from trafilatura import bare_extraction, html2txt
    from trafilatura.settings import Document as Extracted

    # trafilatura expects a whole page; an <article> makes the fragment its main content
    page = f"<html><body><article>{fragment}</article></body></html>"
    try:
        found = bare_extraction(page, include_comments=False)
        if isinstance(found, Extracted) and found.text and found.text.strip():
            return found.text.strip()
        # too little for trafilatura's idea of an article: keep the words, on one line
        return html2txt(page).strip()
    except Exception:  # a parser's failure on one odd item must not stop a feed
        return ""


def _decode(data: bytes, origin: str, charset: str | None) -> str | Read:
    """UTF-8, else the charset the response or the page declares (windows-1256 is common on Arabic
    sites); never a guess, which would turn an article into mojibake without a word."""
    try:
        return decode_utf8(data, origin)
    except InputError as exc:
        problem = exc.problem
    if b"\x00" not in data:
        declared = _META_CHARSET.search(data[:4096])
        for name in (charset, declared.group(1).decode("ascii") if declared else None):
            if name:
                try:
                    return data.decode(name)
                except (LookupError, UnicodeDecodeError):
                    pass
    return skipped(origin, problem)
