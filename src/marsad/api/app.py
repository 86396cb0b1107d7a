"""The REST API and the web app over a store (`marsad serve`).

Read-only by default: every query runs on a read-only connection of its own thread, under a
time limit. Storing an article (POST /api/documents) needs the token the server was started
with. Bad input gets a 4xx with a message, never a 500.
"""

from __future__ import annotations

import asyncio
import csv
import hmac
import io
import json
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Body, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, field_validator

from marsad.api.limits import Guard
from marsad.errors import MarsadError
from marsad.model import Document, parse_published
from marsad.pipeline import Pipeline
from marsad.resources import Resources
from marsad.stages import DEFAULT_STAGES
from marsad.store import browse
from marsad.store.db import Store
from marsad.store.export import FLAT_COLUMNS, geojson
from marsad.store.queries import EventFilter, QueryError, document, event_rows, stats, top_actors
from marsad.store.rows import stored_document
from marsad.store.schema import StoreError
from marsad.version import __version__

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
PAGES = ("/", "/map", "/events", "/search", "/paste", "/briefing", "/actors")
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@dataclass
class Settings:
    db: Path
    token: str | None = None  # writes need it; None: read-only
    max_body: int = 1_000_000  # bytes of a request body
    query_seconds: float = 10.0  # a query running longer is interrupted (503)
    extract_seconds: float = 60.0  # an article taking longer to analyse answers 503
    cache_bytes: int = 64_000_000  # GET answers kept until the store changes; 0: none
    kb_files: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=lambda: list(DEFAULT_STAGES))  # what POSTed articles go through


class QueryTimeout(MarsadError):
    pass


class Readers:
    """One read-only connection per thread, each interrupted when its query runs past its
    deadline (SQLite's progress handler)."""

    def __init__(self, db: Path, seconds: float) -> None:
        self.db, self.seconds = db, seconds
        self._local = threading.local()

    @contextmanager
    def store(self) -> Iterator[Store]:
        local = self._local
        if getattr(local, "store", None) is None:
            local.store = Store(self.db, readonly=True)
            local.deadline = float("inf")
            local.store.conn.set_progress_handler(lambda: int(time.monotonic() > local.deadline), 1000)
        local.deadline = time.monotonic() + self.seconds
        try:
            yield local.store
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise QueryTimeout(f"the query took longer than {self.seconds:g} s; narrow it down") from None
            raise
        finally:
            local.deadline = float("inf")


class Extractor:
    """The pipeline, loaded once (on first use, or ahead by `warm`), one article at a time."""

    def __init__(self, stages: list[str], kb_files: list[str]) -> None:
        self.stages, self.kb_files = stages, kb_files
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def warm(self) -> None:
        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline.default(self.stages, resources=Resources(self.kb_files))

    def __call__(self, doc: Document) -> Document:
        self.warm()
        with self._lock:
            assert self._pipeline is not None
            return self._pipeline(doc)


class Article(BaseModel):
    """One article to analyse."""

    text: str = Field(min_length=1, description="the article's text (UTF-8)")
    title: str | None = None
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    source: str | None = None
    url: str | None = None

    @field_validator("text", "title", "source", "url")
    @classmethod
    def _encodable(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("not valid Unicode text (a lone surrogate)") from None
        return value

    def document(self) -> Document:
        try:
            published = parse_published(self.published)
        except MarsadError as exc:
            raise HTTPException(422, str(exc)) from None
        return Document(text=self.text, title=self.title, published=published, source=self.source, url=self.url)


class StoreVersion:
    """The store's version (its newest document's rowid), read at most once a second: an ingest
    running beside the server is seen within a second; a write through the API at once."""

    def __init__(self, readers: Readers, seconds: float = 1.0) -> None:
        self.readers, self.seconds = readers, seconds
        self._value, self._read_at = 0, -float("inf")

    def _read(self) -> int:
        with self.readers.store() as store:
            value: int = store.conn.execute("SELECT coalesce(max(rowid), 0) FROM documents").fetchone()[0]
            return value

    async def current(self) -> int:
        if time.monotonic() - self._read_at > self.seconds:
            self._value, self._read_at = await run_in_threadpool(self._read), time.monotonic()
        return self._value

    def changed(self) -> None:
        self._read_at = -float("inf")


class Responses:
    """Answers to GET requests, kept until a document is added to the store (its version: the
    newest document's rowid) or until `max_bytes` of newer answers push them out. Dashboards ask
    the same questions again and again; an answer from here costs a dictionary look-up."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._kept: OrderedDict[str, tuple[int, bytes, str]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str, version: int) -> tuple[bytes, str] | None:
        with self._lock:
            hit = self._kept.get(key)
            if hit is None or hit[0] != version:
                return None
            self._kept.move_to_end(key)
            return hit[1], hit[2]

    def put(self, key: str, version: int, body: bytes, media_type: str) -> None:
        if len(body) > self.max_bytes // 8:
            return  # one huge answer would push out many small ones
        with self._lock:
            old = self._kept.pop(key, None)
            if old is not None:
                self._size -= len(old[1])
            self._kept[key] = (version, body, media_type)
            self._size += len(body)
            while self._size > self.max_bytes:
                _, (_, dropped, _) = self._kept.popitem(last=False)
                self._size -= len(dropped)


def answer_key(scope: Any) -> str:
    """What a GET answer is kept under: the path and the query as sent."""
    return f"{scope['path']}?{scope['query_string'].decode('latin-1')}"


class KeptAnswers:
    """ASGI middleware: a GET request under /api/ whose answer is kept is answered here, before
    FastAPI routes and validates it (most of a kept answer's cost). Only answers the endpoints
    computed and kept are served, so what reaches the client is what the endpoint would say."""

    def __init__(self, app: Any, responses: Responses, version: StoreVersion) -> None:
        self.app, self.responses, self.version = app, responses, version

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"].startswith("/api/"):
            hit = self.responses.get(answer_key(scope), await self.version.current())
            if hit is not None:
                await Response(hit[0], media_type=hit[1])(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Day = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Country = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO3 code")]


def create_app(settings: Settings) -> FastAPI:
    """The app over `settings.db` (which must exist and be a marsad store)."""
    Store(settings.db, readonly=True).close()  # a missing or foreign file fails here, not at the first request
    readers = Readers(settings.db, settings.query_seconds)
    extractor = Extractor(settings.stages, settings.kb_files)
    responses = Responses(settings.cache_bytes)

    version = StoreVersion(readers)

    async def answer(
        request: Request, compute: Callable[[Store], Any], media_type: str = "application/json"
    ) -> Response:
        """The answer to a GET request: a kept one, on the event loop, or one computed on a read
        connection in a worker thread (`compute` returns bytes as they are, anything else as
        JSON). Kept answers never wait behind the threads computing new ones."""
        key = answer_key(request.scope)
        current = await version.current() if settings.cache_bytes else 0
        hit = responses.get(key, current) if settings.cache_bytes else None
        if hit is not None:
            return Response(hit[0], media_type=hit[1])

        def computed() -> bytes:
            with readers.store() as store:
                value = compute(store)
            return value if isinstance(value, bytes) else _json(value)

        body = await run_in_threadpool(computed)
        if settings.cache_bytes:
            responses.put(key, current, body, media_type)
        return Response(body, media_type=media_type)

    write_lock = threading.Lock()
    app = FastAPI(
        title="marsad",
        version=__version__,
        description="Arabic news as political event data: documents, events, actors and places of a marsad store.",
        docs_url=None,  # the interactive docs load their scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    app.state.extractor = extractor
    if settings.cache_bytes:
        app.add_middleware(KeptAnswers, responses=responses, version=version)
    app.add_middleware(Guard, max_body=settings.max_body)  # added last: outermost, its headers on every answer

    # marsad's errors as answers with their message (a handler is found by the error's class
    # first, so NotFound, a QueryError, is a 404)
    for error, status in ((browse.NotFound, 404), (QueryError, 400), (QueryTimeout, 503), (StoreError, 503)):
        app.add_exception_handler(error, _answering(status))

    @app.exception_handler(UnicodeEncodeError)
    async def _unicode(request: Request, exc: UnicodeEncodeError) -> JSONResponse:
        return JSONResponse({"detail": "the request holds text that is not valid Unicode"}, status_code=400)

    @app.get("/api/stats", summary="Counts of what the store holds")
    async def api_stats(request: Request) -> Response:
        return await answer(request, stats)

    @app.get("/api/documents", summary="Documents: full-text search (best first) or the newest")
    async def api_documents(
        request: Request,
        q: Annotated[str | None, Query(max_length=500, description="words; clitics do not matter")] = None,
        source: Annotated[str | None, Query(max_length=200)] = None,
        since: Day = None,
        until: Day = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> Response:
        return await answer(
            request,
            lambda store: browse.documents_page(
                store, q, source=source, since=since, until=until, limit=limit, offset=offset
            ),
        )

    @app.get("/api/documents/{doc_id}", summary="One document with every record and its spans")
    async def api_document(request: Request, doc_id: Annotated[str, PathParam(max_length=64)]) -> Response:
        def one(store: Store) -> dict[str, Any]:
            extras = browse.document_extras(store, doc_id)
            return {**document(store, doc_id).to_dict(include_tokens=False), **extras}

        return await answer(request, one)

    @app.get("/api/events", summary="Events, newest first (JSON, CSV or GeoJSON)", response_model=None)
    async def api_events(
        request: Request,
        type: Annotated[str | None, Query(pattern=r"^[A-Za-z_]+$", description="PLOVER type")] = None,
        actor: Annotated[str | None, Query(max_length=300, description="name, knowledge-base id or actor key")] = None,
        country: Country = None,
        sector: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,6}$")] = None,
        place: Annotated[str | None, Query(max_length=200, description="place name or GeoNames id")] = None,
        since: Day = None,
        until: Day = None,
        limit: Limit = 100,
        offset: Offset = 0,
        format: Annotated[str, Query(pattern="^(json|csv|geojson)$")] = "json",
    ) -> Response:
        if actor and "|" in actor:  # an actor key from the actors endpoint
            f = browse.actor_filter(actor)
            actor, country, sector = f.actor, country or f.country, sector or f.sector
        where = EventFilter(type, actor, country, sector, place, since, until, limit, offset)

        def events(store: Store) -> Any:
            items = [browse.event_item(r) for r in event_rows(store, where)]
            if format == "geojson":
                return geojson(items)
            if format == "csv":
                out = io.StringIO()
                writer = csv.DictWriter(out, fieldnames=[c for c, _ in FLAT_COLUMNS] + ["id"])
                writer.writeheader()
                writer.writerows(items)
                return out.getvalue().encode("utf-8")
            return {"items": items, "offset": offset, "limit": limit}

        media = {"geojson": "application/geo+json", "csv": "text/csv; charset=utf-8"}.get(format, "application/json")
        return await answer(request, events, media)

    @app.get("/api/actors", summary="The actors named in most documents, with their events")
    async def api_actors(request: Request, country: Country = None, limit: Limit = 50) -> Response:
        def actors(store: Store) -> dict[str, Any]:
            rows = top_actors(store, limit, country)
            keyed = [{**r, "key": r["kb_id"] or f"{r['name']}|{r['country'] or ''}|{r['sector'] or ''}"} for r in rows]
            return {"items": keyed}

        return await answer(request, actors)

    @app.get("/api/actors/{key:path}", summary="One actor: events, timeline, counterparts, quotes")
    async def api_actor(request: Request, key: Annotated[str, PathParam(max_length=300)]) -> Response:
        return await answer(request, lambda store: browse.actor_profile(store, key))

    @app.get("/api/places", summary="Resolved places by the documents naming them")
    async def api_places(request: Request, country: Country = None, limit: Limit = 100) -> Response:
        return await answer(request, lambda store: {"items": browse.places_page(store, country, limit)})

    @app.get("/api/places/{geonameid}", summary="One place")
    async def api_place(request: Request, geonameid: Annotated[int, PathParam(ge=0, le=2**40)]) -> Response:
        return await answer(request, lambda store: browse.place_profile(store, geonameid))

    @app.get("/api/briefing", summary="A country's or an actor's events, actors and quotes over a date range")
    async def api_briefing(
        request: Request,
        country: Country = None,
        actor: Annotated[str | None, Query(max_length=300)] = None,
        since: Day = None,
        until: Day = None,
    ) -> Response:
        return await answer(
            request, lambda store: browse.briefing(store, country=country, actor=actor, since=since, until=until)
        )

    @app.post("/api/extract", summary="Analyse one article (nothing is stored)")
    async def api_extract(article: Annotated[Article, Body()]) -> dict[str, Any]:
        doc = article.document()
        analysed = await _in_time(run_in_threadpool(extractor, doc), settings.extract_seconds)
        return analysed.to_dict(include_tokens=False)

    @app.post("/api/documents", summary="Analyse one article and store it (needs the server's token)", status_code=201)
    async def api_store(
        article: Annotated[Article, Body()], authorization: Annotated[str | None, Header()] = None
    ) -> dict[str, Any]:
        _authorised(settings.token, authorization)
        doc = article.document()
        analysed = await _in_time(run_in_threadpool(extractor, doc), settings.extract_seconds)

        def write() -> bool:
            with write_lock, Store(settings.db) as store:
                return store.add(stored_document(analysed), "api")

        stored = await run_in_threadpool(write)
        version.changed()
        return {"id": analysed.id, "stored": stored}

    static = StaticFiles(directory=STATIC)
    app.mount("/static", static, name="static")
    page = STATIC / "index.html"

    for path in PAGES:
        app.add_api_route(path, lambda: FileResponse(page), methods=["GET", "HEAD"], include_in_schema=False)
    for path in ("/actors/{key:path}", "/documents/{doc_id}", "/places/{geonameid}"):
        app.add_api_route(path, lambda: FileResponse(page), methods=["GET", "HEAD"], include_in_schema=False)
    return app


def _answering(status: int) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    async def handler(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status)

    return handler


SETTINGS_VARIABLE = "MARSAD_SERVE_SETTINGS"


def app_from_environment() -> FastAPI:
    """The app of the settings `marsad serve --workers N` hands each worker process (as JSON in
    $MARSAD_SERVE_SETTINGS: uvicorn starts worker processes from an import string)."""
    import os

    values = json.loads(os.environ[SETTINGS_VARIABLE])
    app = create_app(Settings(**{**values, "db": Path(values["db"])}))
    threading.Thread(target=app.state.extractor.warm, daemon=True).start()
    return app


async def _in_time(work: Any, seconds: float) -> Document:
    try:
        result: Document = await asyncio.wait_for(work, seconds)
    except TimeoutError:
        raise HTTPException(503, f"analysing the article took longer than {seconds:g} s") from None
    return result


def _authorised(token: str | None, header: str | None) -> None:
    if token is None:
        raise HTTPException(403, "this server is read-only (start it with --token to allow writes)")
    given = (header or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a write needs the header 'Authorization: Bearer TOKEN' with the server's token")
