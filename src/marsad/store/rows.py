"""A processed document as the rows the store keeps. Built where the document was analysed (in a
worker process when ingesting in parallel), so the writer only inserts.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

from marsad.index import index
from marsad.model import SIZE_KINDS, Document
from marsad.plover import plover_records

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERM = 64  # MinHash permutations: a Jaccard estimate within about ±0.06
SCHEME = "affine32"  # datasketch's hashing scheme (32-bit hash values), named so stored signatures stay readable
SHINGLE = 3  # words per shingle
_GRAM_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd, 64-bit: a 3-gram's words in order
_FMIX64 = (np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))
_WORD = re.compile(r"[^\W_]")  # a letter or digit: a key holding one is a word


# The columns of the record tables, in the order of stored_document's rows (and of the store's
# tables, docs/store.md), with their Arrow types: the Parquet tables of `marsad spark` use them.
RECORD_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "sentences": (("doc_id", "string"), ("n", "int64"), ("start", "int64"), ("end", "int64")),
    "mentions": (("doc_id", "string"), ("id", "string"), ("label", "string"), ("start", "int64"),
                 ("end", "int64"), ("text", "string")),
    "actors": (("doc_id", "string"), ("id", "string"), ("name", "string"), ("name_latin", "string"),
               ("country", "string"), ("sector", "string"), ("kb_id", "string"), ("wikidata", "string"),
               ("mentions", "int64")),
    "places": (("doc_id", "string"), ("id", "string"), ("name", "string"), ("geonameid", "int64"),
               ("lat", "float64"), ("lon", "float64"), ("country", "string"), ("resolution", "string"),
               ("mentions", "int64")),
    "times": (("doc_id", "string"), ("id", "string"), ("start", "int64"), ("end", "int64"), ("text", "string"),
              ("value", "string"), ("granularity", "string")),
    "quotes": (("doc_id", "string"), ("id", "string"), ("kind", "string"), ("start", "int64"), ("end", "int64"),
               ("text", "string"), ("speaker_mention", "string"), ("speaker_actor", "string"),
               ("speaker_name", "string"), ("cue_start", "int64"), ("cue_end", "int64")),
    "events": (("doc_id", "string"), ("id", "string"), ("type", "string"), ("mode", "string"),
               ("context", "string"), ("date", "string"), ("date_source", "string"), ("date_text", "string"),
               ("place_name", "string"), ("geonameid", "int64"), ("lat", "float64"), ("lon", "float64"),
               ("place_country", "string"), ("place_source", "string"), ("place_start", "int64"),
               ("place_end", "int64"), ("dead", "int64"), ("injured", "int64"), ("arrested", "int64"),
               ("displaced", "int64"), ("trigger_text", "string"), ("trigger_start", "int64"),
               ("trigger_end", "int64"), ("sentence_start", "int64"), ("sentence_end", "int64"),
               ("quote_id", "string"), ("cameo_root", "string"), ("quad", "int64"), ("goldstein", "float64"),
               ("confidence", "float64"), ("story_id", "string"), ("record", "string")),
    "participants": (("doc_id", "string"), ("event_id", "string"), ("role", "string"), ("n", "int64"),
                     ("start", "int64"), ("end", "int64"), ("text", "string"), ("name", "string"),
                     ("country", "string"), ("sector", "string"), ("kb_id", "string"), ("wikidata", "string")),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """Everything the store writes for one document."""

    id: str
    head: dict[str, Any]  # title, source, url, published
    text: str
    analysis: dict[str, Any] | None
    record: bytes  # the document's JSON without text and tokens (packed)
    stems: str  # the tokens' search keys, one per token, for full-text search
    token_offsets: bytes  # start, end of every token (array of unsigned ints)
    minhash: bytes  # signature over word shingles, for near-duplicates
    tables: dict[str, list[tuple[Any, ...]]]  # table name -> rows


def search_keys(stems: Iterable[str]) -> list[str]:
    """What full-text search matches tokens by: their stems in matching form, ة as ه (so درنة,
    بدرنة and ودرنه share one key). A stem holds no space (a token holds none)."""
    joined = " ".join(stems)
    return joined.replace("ة", "ه").split(" ") if joined else []


def packed(value: Any) -> bytes:
    """JSON, zlib-compressed: records are the store's largest column, and their JSON shrinks 5–8×
    (read back with `unpacked`)."""
    return zlib.compress(orjson.dumps(value), 1)  # level 1: 3× the speed of 6


def unpacked(blob: bytes) -> Any:
    return orjson.loads(zlib.decompress(blob))


@cache
def _permutations() -> Any:
    """The signature's hash permutations, made once: making them is most of a signature's cost."""
    from datasketch import MinHash  # loaded on first use: it takes a second, too long for every command

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def _identity(value: int) -> int:
    return value


_word_hashes: dict[str, int] = {}
_WORD_HASHES_MAX = 1_000_000  # distinct keys remembered (news has far fewer; a bound for archives)


def _word_hash(key: str) -> int:
    """A key's CRC-32, or -1 when it holds no letter or digit (punctuation). Remembered: word
    types repeat, and hashing each token again was half of a signature's cost."""
    found = _word_hashes.get(key)
    if found is None:
        if len(_word_hashes) >= _WORD_HASHES_MAX:
            _word_hashes.clear()
        found = _word_hashes[key] = zlib.crc32(key.encode("utf-8")) if _WORD.search(key) else -1
    return found


def signature(keys: list[str]) -> MinHash:
    """The MinHash of the word 3-grams of `keys` (the tokens' search keys; punctuation left out).

    A 3-gram's hash combines its words' CRC-32s and mixes them in numpy: hashing each 3-gram's
    text with SHA-1 in Python was most of the cost of storing a document.
    """
    from datasketch import MinHash

    hashes = [h for h in map(_word_hash, keys) if h >= 0]
    words = np.array(hashes, dtype=np.uint64)
    if len(words) < SHINGLE:  # a text shorter than a 3-gram is its words
        words = np.pad(words, (0, SHINGLE - len(words)))
    grams = words[: len(words) - SHINGLE + 1].copy()
    for offset in range(1, SHINGLE):
        grams = grams * _GRAM_MULTIPLIER + words[offset : len(words) - SHINGLE + 1 + offset]
    for multiplier in _FMIX64:  # murmur3's 64-bit finaliser: every bit of the 3-gram in the low 32
        grams ^= grams >> np.uint64(33)
        grams *= multiplier
    grams ^= grams >> np.uint64(33)
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashfunc=_identity, permutations=_permutations())
    m.update_batch(np.unique(grams & np.uint64(0xFFFFFFFF)).tolist())
    return m


def stored_signature(blob: bytes) -> MinHash:
    """A signature as the store keeps it (its hash values' bytes), read back."""
    from datasketch import MinHash

    return MinHash(seed=1, scheme=SCHEME, hashvalues=np.frombuffer(blob, dtype=np.uint32), permutations=_permutations())


def stored_document(doc: Document) -> StoredDocument:
    """The rows of one analysed document."""
    ix = index(doc)
    keys = search_keys(f.stem for f in ix.forms)
    offsets = array("I", [n for t in doc.tokens for n in (t.start, t.end)])
    record = doc.to_dict(include_tokens=False)
    del record["text"]
    mention_text = {m.id: m.text for m in doc.mentions}
    actor_name = {a.id: a.name for a in doc.actors}
    events = []
    participants = []
    for e, r in zip(doc.events, plover_records(doc), strict=True):
        loc = r["event_loc"] or {}
        sizes = [c.low if (c := getattr(e.size, kind)) else None for kind in SIZE_KINDS]
        events.append(
            (doc.id, e.id, e.type, e.mode, ",".join(e.context), e.date, e.date_source, r["date_text"],
             loc.get("name"), loc.get("geonameid"), loc.get("lat"), loc.get("lon"), loc.get("country"),
             e.place_source, loc.get("start"), loc.get("end"), *sizes,
             e.triggers[0].text, e.triggers[0].start, e.triggers[0].end, e.sentence.start, e.sentence.end,
             e.quote, e.cameo_root, e.quad, e.goldstein, e.confidence, None,
             orjson.dumps(r).decode("utf-8"))
        )  # fmt: skip
        for role in ("actor", "recipient"):
            for n, p in enumerate(r[role]):
                participants.append(
                    (doc.id, e.id, role, n, p["start"], p["end"], p["text"], p["name"], p["country"],
                     p["sector"], p["kb_id"], p["wikidata"])
                )  # fmt: skip
    tables: dict[str, list[tuple[Any, ...]]] = {
        "sentences": [(doc.id, n, s.start, s.end) for n, s in enumerate(doc.sentences)],
        "mentions": [(doc.id, m.id, m.label, m.start, m.end, m.text) for m in doc.mentions],
        "actors": [
            (doc.id, a.id, a.name, a.name_latin, a.country, a.sector, a.kb_id, a.wikidata, len(a.mentions))
            for a in doc.actors
        ],
        "places": [
            (doc.id, p.id, p.name, p.geonameid, p.lat, p.lon, p.country, p.resolution, len(p.mentions))
            for p in doc.places
        ],
        "times": [(doc.id, t.id, t.start, t.end, t.text, t.value, t.granularity) for t in doc.times],
        "quotes": [
            (
                doc.id,
                q.id,
                q.kind,
                q.start,
                q.end,
                q.text,
                q.speaker_mention,
                q.speaker_actor,
                actor_name.get(q.speaker_actor or "") or mention_text.get(q.speaker_mention or ""),
                q.cue.start,
                q.cue.end,
            )
            for q in doc.quotes
        ],
        "events": events,
        "participants": participants,
    }
    return StoredDocument(
        id=doc.id,
        head={
            "title": doc.title,
            "source": doc.source,
            "url": doc.url,
            "published": doc.published.isoformat() if doc.published else None,
        },
        text=doc.text,
        analysis=doc.analysis.to_dict() if doc.analysis else None,
        record=packed(record),
        stems=" ".join(keys),
        token_offsets=offsets.tobytes(),
        minhash=signature(keys).hashvalues.tobytes(),
        tables=tables,
    )
