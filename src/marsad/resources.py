"""Resources: everything the stages load, in one object handed to each stage.

    res = Resources(kb_files=["my_actors.yaml"])     # bundled data + a user's knowledge-base file
    res.kb                                           # the knowledge base (marsad.kb)
    res.wordlists                                    # curated titles, institutions, group words
    res.lexicons                                     # the entity tagger's word lexicons
    res.tagger_weights()                             # the entity tagger's weights (both passes)
    res.taggers()                                    # its two decoders, opened for this thread
    res.reload()                                     # re-read the user's files if they changed
    res.data_version                                 # bundled data + user files, as one hash

One Resources serves any number of threads: pycrfsuite's `Tagger.marginal` reads the
sequence the tagger tagged last, so two threads sharing a decoder would read each other's;
each thread gets its own pair, opened on its first use (a few KB each).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources as package_files
from pathlib import Path

import numpy as np
import pycrfsuite

from marsad.data import read_bytes, read_text
from marsad.errors import DataError
from marsad.kb import base as kb_base
from marsad.kb.base import KnowledgeBase
from marsad.kb.lexicons import Lexicons, lexicons
from marsad.kb.wordlists import WordLists, wordlists

TAGGER_WEIGHTS = "weights.npz"  # the entity tagger's two passes, in marsad/data/ner (crffile.write_tagger)
TAGGER_DECODERS = ("decode1.crfsuite", "decode2.crfsuite")
EVENT_FILTER = "filter.crfsuite"  # in marsad/data/events, with its thresholds in filter.json
EVENT_FILTER_SETTINGS = "filter.json"


@dataclass(frozen=True, eq=False)
class TaggerWeights:
    """The entity tagger's two passes: one row of (passes, labels) weights per attribute
    (marsad.entities.crffile writes them; marsad.entities.tagger uses them)."""

    labels: list[str]
    attributes: list[str]
    weights: np.ndarray  # (attributes, 2, labels)


def load_tagger_weights(data: bytes) -> TaggerWeights:
    """Tagger weights from the bytes of a weights.npz (ValueError, KeyError when malformed)."""
    with np.load(io.BytesIO(data), allow_pickle=False) as npz:
        labels, attributes, weights = npz["labels"], npz["attributes"], npz["weights"]
    return TaggerWeights([str(x) for x in labels], [str(x) for x in attributes], weights)


@cache
def tagger_weights() -> TaggerWeights:
    """The bundled entity tagger's weights, shared by every thread."""
    try:
        return load_tagger_weights(read_bytes("ner", TAGGER_WEIGHTS))
    except (OSError, ValueError, KeyError) as exc:
        raise DataError(f"bundled entity model marsad/data/ner/{TAGGER_WEIGHTS} cannot be read: {exc}") from None


@cache
def bundled_data_version() -> str:
    """The version of the bundled data: a hash over every data file, from the build manifest."""
    try:
        manifest = json.loads(read_text("manifest.json"))
        version: str = manifest["data_version"]
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(f"bundled data manifest marsad/data/manifest.json is malformed: {exc}") from None
    return version


def _open_model(name: str) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    try:
        with package_files.as_file(package_files.files("marsad.data").joinpath("ner", name)) as path:
            tagger.open(str(path))
    except (OSError, ValueError) as exc:
        raise DataError(f"bundled entity model marsad/data/ner/{name} cannot be opened: {exc}") from None
    return tagger


def _open_event_filter() -> tuple[pycrfsuite.Tagger, dict[str, float]] | None:
    ref = package_files.files("marsad.data").joinpath("events", EVENT_FILTER)
    if not ref.is_file():
        return None
    try:
        settings = json.loads(read_text("events", EVENT_FILTER_SETTINGS))["thresholds"]
        thresholds = {str(kind): float(value) for kind, value in settings.items()}
        tagger = pycrfsuite.Tagger()
        with package_files.as_file(ref) as path:
            tagger.open(str(path))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"bundled event filter marsad/data/events/{EVENT_FILTER} cannot be opened: {exc}") from None
    return tagger, thresholds


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None  # reading it will say what is wrong
    return st.st_mtime_ns, st.st_size


class Resources:
    """The knowledge base (bundled + `kb_files`), the word lists and the tagger models."""

    def __init__(self, kb_files: Sequence[str | Path] = (), *, kb: KnowledgeBase | None = None) -> None:
        if kb is not None and not kb_files:
            kb_files = kb.sources[1:]  # the files it was read from, after "marsad"
        self.kb_files = tuple(str(Path(f)) for f in kb_files)
        self._kb = kb
        self._stamps = [_stamp(f) for f in self.kb_files]
        self._local = threading.local()
        self._lock = threading.Lock()
        self._version: str | None = None

    @classmethod
    def default(cls) -> Resources:
        """Bundled data plus the files named in MARSAD_KB (one shared instance per set of files)."""
        return _shared(tuple(kb_base.env_files()))

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            with self._lock:
                if self._kb is None:
                    self._kb = kb_base.load(self.kb_files)
        return self._kb

    @property
    def wordlists(self) -> WordLists:
        return wordlists()

    @property
    def lexicons(self) -> Lexicons:
        return lexicons()

    def tagger_weights(self) -> TaggerWeights:
        return tagger_weights()

    def taggers(self) -> tuple[pycrfsuite.Tagger, pycrfsuite.Tagger]:
        """This thread's pass-1 and pass-2 decoders (see marsad.entities.tagger)."""
        pair: tuple[pycrfsuite.Tagger, pycrfsuite.Tagger] | None = getattr(self._local, "taggers", None)
        if pair is None:
            first, second = (_open_model(name) for name in TAGGER_DECODERS)
            pair = self._local.taggers = (first, second)
        return pair

    def event_filter(self) -> tuple[pycrfsuite.Tagger, dict[str, float]] | None:
        """This thread's event filter (events.filter) and its threshold per type; None when none ships."""
        loaded: tuple[pycrfsuite.Tagger, dict[str, float]] | bool | None = getattr(self._local, "event_filter", False)
        if loaded is False:
            loaded = _open_event_filter()
            self._local.event_filter = loaded
        return loaded  # type: ignore[return-value]  # False was replaced above

    def reload(self) -> bool:
        """Re-read the user's knowledge-base files if any changed on disk; True when it did."""
        stamps = [_stamp(f) for f in self.kb_files]
        if stamps == self._stamps and self._kb is not None:
            return False
        fresh = kb_base.build(self.kb_files)
        with self._lock:
            self._kb, self._stamps, self._version = fresh, stamps, None
        return True

    @property
    def data_version(self) -> str:
        """A hash of the bundled data and the user's knowledge-base files as last read."""
        if self._version is None:
            h = hashlib.sha256(bundled_data_version().encode())
            for path in self.kb_files:
                try:
                    h.update(Path(path).read_bytes())
                except OSError:
                    h.update(path.encode())  # an unreadable file fails when the knowledge base is read
            self._version = h.hexdigest()[:12] if self.kb_files else bundled_data_version()
        return self._version


@cache
def _shared(kb_files: tuple[str, ...]) -> Resources:
    return Resources(kb_files)
