"""CRFsuite model files: their exact weights, and the small "decoder" models the tagger runs.

The entity tagger computes each token's per-label score itself (tagger.py: the sum of its
features' weights, cached per word type) and lets CRFsuite do only the Viterbi search and the
marginals, in C. For that it opens a decoder: a CRFsuite model with one attribute per label,
`e<j>`, weighing 1 on label j and 0 elsewhere, and the real model's transition weights. A token
given the attributes {e<j>: score of label j} then scores exactly as under the real model.

CRFsuite has no API to write a model with chosen weights, so `write_decoder` trains one with all
label pairs as features and then sets its weights in the file. The layout is CRFsuite's
(lib/crf/src/crf1d_model.c): a 48-byte header whose `off_features` points at a "FEAT" chunk
(a 12-byte head: id, size, number of features) followed by 20-byte features (uint32 type,
source, target; float64 weight), all little-endian; type 0 is a state feature (attribute →
label), type 1 a transition. Attribute and label ids come from the file's own dictionaries, read
through pycrfsuite. `read_weights` uses the same layout to get weights without the rounding of
pycrfsuite's text dump (six decimals).
Build-time only (scripts/train_ner.py); tagging needs none of it.
"""

from __future__ import annotations

import struct
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pycrfsuite

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CHUNK = struct.Struct("<4sII")  # id, size in bytes, number of items
_FEATURE = struct.Struct("<IIId")
STATE, TRANSITION = 0, 1


def emission_attribute(label_index: int) -> str:
    return f"e{label_index}"


@dataclass(frozen=True)
class CrfWeights:
    labels: list[str]
    attributes: list[str]
    state: np.ndarray  # (attributes, labels)
    transitions: np.ndarray  # (labels, labels): from, to


def _features(buffer: bytes) -> tuple[int, int]:
    magic, _, kind, *_, offset = _HEADER.unpack_from(buffer)[:8]
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError("not a CRFsuite linear-chain model")
    chunk, _, count = _CHUNK.unpack_from(buffer, offset)
    if chunk != b"FEAT":
        raise ValueError("CRFsuite model: no feature chunk where the header points")
    return offset + _CHUNK.size, count


def _ids(path: Path) -> tuple[dict[int, str], dict[int, str]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    info = tagger.info()
    labels = {int(i): name for name, i in info.labels.items()}
    attributes = {int(i): name for name, i in info.attributes.items()}
    tagger.close()
    return labels, attributes


def read_weights(path: Path, labels: list[str] | None = None) -> CrfWeights:
    """Every weight of a model, exactly; label columns in the order of `labels` when given."""
    buffer = path.read_bytes()
    label_names, attribute_names = _ids(path)
    order = labels or [label_names[i] for i in sorted(label_names)]
    column = {name: k for k, name in enumerate(order)}
    attributes = [attribute_names[i] for i in sorted(attribute_names)]
    row = {i: k for k, i in enumerate(sorted(attribute_names))}
    state = np.zeros((len(attributes), len(order)))
    transitions = np.zeros((len(order), len(order)))
    start, count = _features(buffer)
    for kind, source, target, weight in _FEATURE.iter_unpack(buffer[start : start + count * _FEATURE.size]):
        if kind == STATE:
            state[row[source], column[label_names[target]]] = weight
        elif kind == TRANSITION:
            transitions[column[label_names[source]], column[label_names[target]]] = weight
    return CrfWeights(order, attributes, state, transitions)


def write_decoder(labels: list[str], transitions: np.ndarray, path: Path) -> None:
    """A CRFsuite model that scores `{e<j>: s_j}` items as label scores s_j and label pairs by
    `transitions` (see the module's docstring)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    # every label once, so that both dictionaries hold all of them; the weights are replaced below
    trainer.append([{emission_attribute(j): 1.0} for j in range(len(labels))], labels)
    trainer.set_params(
        {
            "c1": 0.0,
            "c2": 1.0,
            "max_iterations": 5,
            "feature.possible_states": True,
            "feature.possible_transitions": True,
        }
    )
    with tempfile.TemporaryDirectory() as tmp:
        trained = Path(tmp) / "decoder.crfsuite"
        trainer.train(str(trained))
        label_names, attribute_names = _ids(trained)
        buffer = bytearray(trained.read_bytes())
    column = {name: k for k, name in enumerate(labels)}
    start, count = _features(bytes(buffer))
    seen = set()
    for fid in range(count):
        offset = start + fid * _FEATURE.size
        kind, source, target, _ = _FEATURE.unpack_from(buffer, offset)
        if kind == STATE:
            weight = 1.0 if attribute_names[source] == emission_attribute(column[label_names[target]]) else 0.0
        else:
            weight = float(transitions[column[label_names[source]], column[label_names[target]]])
        _FEATURE.pack_into(buffer, offset, kind, source, target, weight)
        seen.add((kind, source, target))
    n = len(labels)
    if len(seen) != 2 * n * n:
        raise ValueError(f"decoder model has {len(seen)} features, expected {2 * n * n}")
    path.write_bytes(bytes(buffer))
    written = read_weights(path, labels)
    if not (np.array_equal(written.transitions, transitions) and np.array_equal(written.state, np.eye(n))):
        raise ValueError(f"{path}: the decoder's weights did not come out as set")


WEIGHTS_FILE = "weights.npz"
DECODER_FILES = ("decode1.crfsuite", "decode2.crfsuite")


def _fold(weights: CrfWeights, prefixes: Sequence[str]) -> dict[str, np.ndarray]:
    """Attribute → weights as the tagger sees them when every feature f fires with its copies
    prefix + f for each of `prefixes` (feature augmentation, scripts/train_ner.py): w(f) plus
    the copies' weights. The copies of the other training corpora never fire when tagging and
    are left out."""
    folded: dict[str, np.ndarray] = {}
    for name, row in zip(weights.attributes, weights.state, strict=True):
        head = name.split("=", 1)[0]
        if "|" in head:  # a corpus's copy ("car|b=…")
            prefix = head[: head.index("|") + 1]
            if prefix not in prefixes:
                continue
            name = name[len(prefix) :]
        folded[name] = folded[name] + row if name in folded else row.copy()
    return folded


def _save_arrays(path: Path, arrays: dict[str, np.ndarray]) -> None:
    # np.savez stamps each member with the time of writing; a fixed stamp keeps builds identical
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as fh:
                np.lib.format.write_array(fh, array, allow_pickle=False)


def write_tagger(first: Path, second: Path, folder: Path, prefixes: Sequence[str] = ()) -> int:
    """The two trained passes as the tagger loads them (tagger.TaggerModel): one weights file for
    both, over the union of their attributes with the corpus copies under `prefixes` folded into
    their features, and a decoder each. Returns the attribute count."""
    one = read_weights(first)
    two = read_weights(second, one.labels)
    folded = [_fold(one, prefixes), _fold(two, prefixes)]
    attributes = sorted(set(folded[0]) | set(folded[1]))
    weights = np.zeros((len(attributes), 2, len(one.labels)))
    for k, name in enumerate(attributes):
        for p in (0, 1):
            if name in folded[p]:
                weights[k, p] = folded[p][name]
    arrays = {"labels": np.array(one.labels), "attributes": np.array(attributes), "weights": weights}
    _save_arrays(folder / WEIGHTS_FILE, arrays)
    for model, name in zip((one, two), DECODER_FILES, strict=True):
        write_decoder(model.labels, model.transitions, folder / name)
    return len(attributes)
