"""IOB-tagged corpora (ANERcorp, CAraNER) aligned with marsad's own tokens.

A corpus sentence is a list of (word, tag). marsad tokenises the words joined by
spaces; a corpus word may become several marsad tokens ("(د" -> "(", "د"), so
labels are carried over to tokens for training and back to words for scoring
(a word takes the label of its first token). Training and evaluation therefore
use exactly the tokenisation and features that run in production.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from marsad.model import Document
from marsad.text.forms import WordForm, word_forms
from marsad.text.tokens import tokenize

TYPE_NAMES = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "MIS": "MISC"}
Sentence = list[tuple[str, str]]


def _tag(raw: str, keep: frozenset[str]) -> str:
    if raw in ("O", ""):
        return "O"
    prefix, _, name = raw.replace("_", "-").partition("-")
    kind = TYPE_NAMES.get(name)
    if kind is None or kind not in keep or prefix not in ("B", "I"):
        return "O"
    return f"{prefix}-{kind}"


def read_anercorp(path: Path) -> list[Sentence]:
    """ANERcorp (CAMeL Lab split): "word TAG" per line, a blank line between sentences."""
    keep = frozenset({"PER", "ORG", "LOC", "MISC"})
    sentences: list[Sentence] = []
    current: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if current:
                sentences.append(current)
                current = []
            continue
        word, tag = " ".join(parts[:-1]) or parts[0], parts[-1]
        current.append((word, _tag(tag, keep)))
    if current:
        sentences.append(current)
    return sentences


def read_caraner(path: Path) -> list[Sentence]:
    """CAraNER: CSV rows by word; the revised label wins where annotators disagreed. Titles become O."""
    keep = frozenset({"PER", "ORG", "LOC", "MISC"})
    by_sentence: dict[str, list[tuple[int, str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            label = row["Revised_Label"] if row["Agreed_Label"] == "no_agr" else row["Agreed_Label"]
            by_sentence.setdefault(row["Sentence_ID"], []).append((int(row["Word_ID"]), row["Word"], label))
    return [[(w, _tag(t, keep)) for _, w, t in sorted(rows)] for rows in by_sentence.values()]


@dataclass(slots=True)
class Aligned:
    sentence: Sentence
    forms: list[WordForm]
    owner: list[int]  # corpus word index of every marsad token
    first: list[bool]  # whether the token is the first of its corpus word

    def token_labels(self) -> list[str]:
        labels = []
        for k, w in enumerate(self.owner):
            tag = self.sentence[w][1]
            if tag != "O" and not self.first[k]:
                tag = "I-" + tag[2:]
            labels.append(tag)
        return labels

    def word_labels(self, token_labels: list[str]) -> list[str]:
        words = ["O"] * len(self.sentence)
        for k, w in enumerate(self.owner):
            if self.first[k]:
                words[w] = token_labels[k]
        return words


def align(sentence: Sentence) -> Aligned:
    text = " ".join(w for w, _ in sentence)
    doc = Document(text=text)
    doc.tokens = tokenize(text)
    starts = []
    pos = 0
    for word, _ in sentence:
        starts.append(pos)
        pos += len(word) + 1
    owner, first = [], []
    w = -1
    for token in doc.tokens:
        new_word = w + 1 < len(starts) and token.start >= starts[w + 1]
        while w + 1 < len(starts) and token.start >= starts[w + 1]:
            w += 1
        owner.append(w)
        first.append(new_word)
    return Aligned(sentence, word_forms(doc), owner, first)
