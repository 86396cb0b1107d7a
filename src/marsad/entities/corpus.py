"""IOB-tagged corpora (ANERcorp, CAraNER, WikiFANE Gold, Wojood) aligned with marsad's own tokens.

A corpus sentence is a list of (word, tag), the tag IOB2 over PER, ORG, LOC and MISC,
each corpus's own types mapped by a table below (WIKIFANE_TYPES, WOJOOD_TYPES) chosen
after ANERcorp's conventions, which the tagger is scored on. marsad tokenises the words joined by
spaces; a corpus word may become several marsad tokens ("(د" -> "(", "د"), so
labels are carried over to tokens for training and back to words for scoring
(a word takes the label of its first token). Training and evaluation therefore
use exactly the tokenisation and features that run in production.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from marsad.entities.tagger import spans
from marsad.kb.lexicons import lexicons
from marsad.model import Document
from marsad.text.forms import WordForm, word_forms
from marsad.text.normalize import normalize_word
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
    """CAraNER: CSV rows by word; the revised label wins where annotators disagreed
    (Agreed_Label "No_Agr", compared case-insensitively). Titles (TIT) and the stray label N
    become O. Sentences come in the order of their ids."""
    keep = frozenset({"PER", "ORG", "LOC", "MISC"})
    by_sentence: dict[int, list[tuple[int, str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            agreed = row["Agreed_Label"]
            label = row["Revised_Label"] if agreed.lower() == "no_agr" else agreed
            by_sentence.setdefault(int(row["Sentence_ID"]), []).append((int(row["Word_ID"]), row["Word"], label))
    return [[(w, _tag(t, keep)) for _, w, t in sorted(by_sentence[k])] for k in sorted(by_sentence)]


CARANER_SEED = 16  # issue 16; fixed before any training, never to be changed
CARANER_HELDOUT = 0.3


def caraner_split(sentences: Sequence[Sentence], seed: int = CARANER_SEED) -> tuple[list[Sentence], list[Sentence]]:
    """(train, held-out): the sentences shuffled by `seed`, the last 30% held out. CAraNER's
    sentence ids are already shuffled (no document order to keep), so a random draw is fair."""
    order = list(range(len(sentences)))
    random.Random(seed).shuffle(order)
    cut = len(order) - round(len(order) * CARANER_HELDOUT)
    return [sentences[i] for i in order[:cut]], [sentences[i] for i in order[cut:]]


def tail_split(sentences: Sequence[Sentence], fraction: float) -> tuple[list[Sentence], list[Sentence]]:
    """(head, tail): the last `fraction` of the sentences as one contiguous block."""
    cut = len(sentences) - round(len(sentences) * fraction)
    return list(sentences[:cut]), list(sentences[cut:])


# WikiFANE Gold's 50 fine types (Alotaibi and Lee 2014, ACE-like) -> marsad's four, after
# ANERcorp's conventions (checked on its training file):
# - people of every subtype are PER; "Police" holds military and police persons (Nasser's
#   officers, Napoleon), so PER too. "Group" holds peoples and communities (المسلمين، العرب،
#   اليهود، الفرنسيين): ANERcorp leaves those O, so O.
# - organisations of every subtype are ORG.
# - GPEs (nations, cities, provinces, regions such as الشرق الاوسط) and natural locations
#   (mountains, seas) are LOC. Celestial bodies (الارض، الشمس، الزهرة) are O as in ANERcorp.
# - facilities (buildings, airports, roads, plants) are O: ANERcorp tags the name inside
#   ("مطار [دبي]", "شارع [X]") but not the facility as a whole, nor consistently.
# - products, vehicles and weapons are MISC, as ANERcorp's books, software and aircraft
#   (أولاد حارتنا، ويندوز، بوينج) are.
_WIKIFANE_GROUPS = {
    "PER": "Artist Athlete Businessperson Engineer Lawyer Other_PER Police Politician Religious_PER Scientist",
    "ORG": "Commercial Educational Entertainment Government Media Medical-Science Non-Governmental"
    " Religious_ORG Sports",
    "LOC": "Continent County-or-District GPE-Cluster Nation Population-Center State-or-Province"
    " Land-Region-Natural Water-Body",
    "MISC": "Book Movie Sound Software Hardware Food Drug Chemical Air Land Water"
    " Blunt Exploding Nuclear Projectile Sharp Shooting",
    "O": "Group Celestial Airport Building-Grounds Path Subarea-Facility Plant",
}
WIKIFANE_TYPES = {fine: coarse for coarse, names in _WIKIFANE_GROUPS.items() for fine in names.split()}

# Clitics WikiFANE writes as tokens of their own (و ه ها هم ...). They are joined back to
# their word so that the text looks like the news the tagger reads.
_PROCLITICS = frozenset("وفبلك")
_SUFFIXES = frozenset({"ه", "ها", "هم", "هما", "هن", "كم", "نا", "ني", "ي"})
# Also free pronouns (الشماليين هم تجار): after a word with the article they stand alone.
_FREE_PRONOUNS = frozenset({"هم", "هما", "هن"})
_INVISIBLE = str.maketrans("", "", "\u200e\u200f\ufeff")


def _is_arabic_word(word: str) -> bool:
    return bool(word) and "\u0621" <= word[0] <= "\u064a"


def _has_article(word: str) -> bool:
    bare = word[1:] if len(word) > 3 and word[0] in _PROCLITICS else word
    return bare.startswith("ال") or bare.startswith("لل")


def _joins_previous(word: str, previous: str) -> bool:
    if word not in _SUFFIXES or not _is_arabic_word(previous):
        return False
    return not (word in _FREE_PRONOUNS and _has_article(previous))


def _attach(clitic: tuple[str, str], word: tuple[str, str]) -> tuple[str, str]:
    """A proclitic joined to the word after it; the word's label, but a clitic that opens an
    entity (و in "و مدينة ...", B-) keeps the entity's B- so that spans stay whole."""
    text = clitic[0] + (word[0][1:] if clitic[0].endswith("ل") and word[0].startswith("ال") else word[0])
    label = word[1]
    if clitic[1].startswith("B-") and label.startswith("I-"):
        label = "B-" + label[2:]
    return text, label


# Letters a word ends with that change spelling before a suffix: عاصمة ها → عاصمتها, على ه → عليه.
_BEFORE_SUFFIX = {"ة": "ت", "ى": "ي"}


def join_clitics(tokens: Sequence[tuple[str, str]]) -> Sentence:
    """WikiFANE tokens with clitics joined: suffix pronouns to the word before (عاصمة ها →
    عاصمتها), then proclitics to the word after (و ب المدينة → وبالمدينة, ل ال → لل). The
    joined word keeps the content word's label."""
    suffixed: Sentence = []
    for word, tag in tokens:
        if suffixed and _joins_previous(word, suffixed[-1][0]):
            stem, label = suffixed[-1]
            stem = stem[:-1] + _BEFORE_SUFFIX.get(stem[-1], stem[-1])
            suffixed[-1] = (stem + word, label)
        else:
            suffixed.append((word, tag))
    out: Sentence = []
    pending: list[tuple[str, str]] = []
    for word, tag in suffixed:
        if word in _PROCLITICS:
            pending.append((word, tag))
            continue
        if pending and _is_arabic_word(word):
            clitic = ("".join(w for w, _ in pending), pending[0][1])
            out.append(_attach(clitic, (word, tag)))
        else:
            out.extend(pending)
            out.append((word, tag))
        pending = []
    return out + pending


def _coarse(tag: str, types: dict[str, str]) -> str:
    prefix, _, fine = tag.partition("-")
    coarse = types.get(fine, "O")
    return "O" if prefix not in ("B", "I") or coarse == "O" else f"{prefix}-{coarse}"


def _repair(sentence: Sentence) -> Sentence:
    """IOB2 again after mapping: an I- that follows no entity of its type begins one."""
    out: Sentence = []
    previous = "O"
    for word, tag in sentence:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append((word, tag))
        previous = tag
    return out


def read_wikifane(path: Path, types: dict[str, str] = WIKIFANE_TYPES) -> list[Sentence]:
    """WikiFANE Gold: "word<TAB>fine tag" per line (U+200E marks, a BOM, CRLF), an empty word
    between sentences; clitics joined back (join_clitics), fine types mapped by `types`."""
    sentences: list[Sentence] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, tag = line.translate(_INVISIBLE).partition("\t")
        word, tag = word.strip(), tag.strip()
        if not word:
            if current:
                sentences.append(current)
            current = []
            continue
        current.append((word, tag or "O"))
    if current:
        sentences.append(current)
    return [_repair([(w, _coarse(t, types)) for w, t in join_clitics(s)]) for s in sentences]


WIKIFANE_TEST = WIKIFANE_DEV = 0.1


def wikifane_split(sentences: Sequence[Sentence]) -> tuple[list[Sentence], list[Sentence], list[Sentence]]:
    """(train, dev, held-out test): WikiFANE has no document boundaries, so contiguous blocks
    (articles stay mostly whole): the last tenth is the test, the tenth before it dev."""
    rest, test = tail_split(sentences, WIKIFANE_TEST)
    train, dev = tail_split(rest, WIKIFANE_DEV / (1 - WIKIFANE_TEST))
    return train, dev, test


# Wojood's 21 types -> marsad's four, after ANERcorp's conventions: events (wars,
# championships), currencies, products and websites are MISC there (الحرب العالمية الثانية،
# دولار، ويكيبيديا); nationalities (NORP), occupations, languages, facilities (see WikiFANE),
# laws and all numeric types are O.
WOJOOD_TYPES = {
    "PERS": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "EVENT": "MISC",
    "CURR": "MISC",
    "PRODUCT": "MISC",
    "WEBSITE": "MISC",
}


def _wojood_word(columns: list[str], types: dict[str, str]) -> str:
    """The outermost layer with a kept type: Wojood nests spans (a GPE inside an OCC span,
    "سكرتير اللجنة ... في [نابلس]"); where the outer type maps to O, the inner entity is what
    ANERcorp would tag."""
    for tag in columns:
        mapped = _coarse(tag, types)
        if mapped != "O":
            return mapped
    return "O"


def read_wojood(path: Path, types: dict[str, str] = WOJOOD_TYPES) -> list[Sentence]:
    """Wojood (sample): "word tag [inner tags ...]" per line, a blank line between sentences;
    "$#$" closes a paragraph and is dropped."""
    sentences: list[Sentence] = []
    current: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0] == "$#$":
            if current and not parts:
                sentences.append(_repair(current))
                current = []
            continue
        current.append((parts[0], _wojood_word(parts[1:], types)))
    if current:
        sentences.append(_repair(current))
    return sentences


@dataclass(slots=True)
class Part:
    """A corpus's training sentences and its development part (held-out parts never appear)."""

    train: list[Sentence]
    dev: list[Sentence]


ANERCORP_TRAIN = Path("anercorp/ANERCorp_CamelLab_train.txt")
CARANER = Path("caraner/CAraNER.csv")
WIKIFANE = Path("wikifane_gold/WikiFANE_Gold_2014_500K.txt")
WOJOOD = Path("wojood_sample")


def labelled_parts(ner: Path) -> dict[str, Part]:
    """The training and development parts of every labelled corpus under `ner` (shared's
    data/ner): ANERcorp's last tenth of its training file, CAraNER's last 15% of the 70% that
    is not held out, WikiFANE's tenth before its held-out last tenth, Wojood's val file."""
    anercorp = read_anercorp(ner / ANERCORP_TRAIN)
    cut = len(anercorp) * 9 // 10
    caraner, _heldout = caraner_split(read_caraner(ner / CARANER))
    wiki_train, wiki_dev, _test = wikifane_split(read_wikifane(ner / WIKIFANE))
    return {
        "anercorp": Part(anercorp[:cut], anercorp[cut:]),
        "caraner": Part(*tail_split(caraner, 0.15)),
        "wikifane": Part(wiki_train, wiki_dev),
        "wojood": Part(read_wojood(ner / WOJOOD / "train.txt"), read_wojood(ner / WOJOOD / "val.txt")),
    }


ANERCORP_TEST = Path("anercorp/ANERCorp_CamelLab_test.txt")


def heldout_parts(ner: Path) -> dict[str, list[Sentence]]:
    """The held-out part of every labelled corpus, for the final scores only: ANERcorp's test
    file, CAraNER's 30%, WikiFANE's last tenth, Wojood's test file."""
    _train, wiki_test = tail_split(read_wikifane(ner / WIKIFANE), WIKIFANE_TEST)
    return {
        "anercorp": read_anercorp(ner / ANERCORP_TEST),
        "caraner": caraner_split(read_caraner(ner / CARANER))[1],
        "wikifane": wiki_test,
        "wojood": read_wojood(ner / WOJOOD / "test.txt"),
    }


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


# Convention alignment: CAraNER and Wojood tag a country that acts (المملكة تدين، روسيا
# عطلت) as ORG; ANERcorp, which the tagger is scored on, tags countries LOC whatever they
# do (الصين LOC 100 times, ORG never), and big cities too (واشنطن LOC 38, ORG once; موسكو
# ORG in Wojood). CAraNER calls Saudi Arabia المملكة. Smaller places stay: a one-word ORG
# named like a town is mostly a club (العين، الاتحاد).
_COUNTRY_EXTRA = frozenset({"المملكة"})
_CITY_POPULATION = 500_000


def _bare_forms(text: str) -> Iterator[str]:
    """The matching form of `text` and, for a word with a one-letter proclitic, without it."""
    norm = normalize_word(text)
    yield norm
    if len(norm) > 3 and norm[0] in _PROCLITICS:
        rest = norm[1:]
        yield "ا" + rest[1:] if rest.startswith("ل") and norm[0] == "ل" else rest
        if rest[0] in _PROCLITICS:
            yield rest[1:]


@cache
def _country_names() -> frozenset[str]:
    lex = lexicons()
    cities = {name for name, population in lex.places.items() if population >= _CITY_POPULATION}
    return lex.countries | cities | _COUNTRY_EXTRA


def is_country(words: Sequence[str]) -> bool:
    """Whether `words` name a country or a big city (a proclitic aside: والعراق، للسودان)."""
    return any(form in _country_names() for form in _bare_forms(" ".join(words)))


def countries_as_loc(sentence: Sentence) -> Sentence:
    """Every ORG span that names a country or a big city becomes LOC."""
    labels = [t for _, t in sentence]
    for start, end, kind in spans(labels):
        if kind == "ORG" and is_country([w for w, _ in sentence[start:end]]):
            for k in range(start, end):
                labels[k] = labels[k][:2] + "LOC"
    return [(w, t) for (w, _), t in zip(sentence, labels, strict=True)]


# ANERcorp leaves a generic head noun outside the name it precedes ("مدينة [غزة]", "صحيفة
# [الراية]", "شركة [نوكيا]": O before the span 103, 13, 19 times, inside it never or twice);
# CAraNER, Wojood and often WikiFANE take it in ("[مدينة القدس]", "[جريدة فلسطين]"). جامعة and
# جبل are not here: ANERcorp takes جامعة in (32 times, 6 outside) and is split on جبل; nor
# بلدية: ANERcorp tags the town after it LOC ("بلدية [نابلس]"), Wojood the whole as ORG.
GENERIC_HEADS = frozenset(
    "مدينة قرية محافظة منطقة صحيفة جريدة مجلة قناة اذاعة حركة شركة نهر بحيرة ولاية مخيم قطاع وكالة".split()
)


def _is_generic_head(word: str) -> bool:
    return any(form in GENERIC_HEADS for form in _bare_forms(word))


def heads_outside(sentence: Sentence) -> Sentence:
    """A LOC or ORG span that opens with a generic head noun loses it (and the quote marks
    after it: جريدة " دستني "): those become O and the name after them opens the span."""
    labels = [t for _, t in sentence]
    for start, end, kind in spans(labels):
        if kind not in ("LOC", "ORG") or not _is_generic_head(sentence[start][0]):
            continue
        name = start + 1
        while name < end and not sentence[name][0][0].isalnum():
            name += 1
        if name < end:
            labels[start:name] = ["O"] * (name - start)
            labels[name] = "B-" + kind
    return [(w, t) for (w, _), t in zip(sentence, labels, strict=True)]


RULES = {"countries": countries_as_loc, "heads": heads_outside}


def to_anercorp(sentence: Sentence, corpus: str, rules: Sequence[str] = tuple(RULES)) -> Sentence:
    """`sentence` of `corpus` with its conventions brought to ANERcorp's where they differ:
    countries as LOC (CAraNER and Wojood; WikiFANE tags them LOC already), generic heads out
    of the names (all three)."""
    if corpus == "anercorp":
        return sentence
    for rule in rules:
        if rule != "countries" or corpus in ("caraner", "wojood"):
            sentence = RULES[rule](sentence)
    return sentence
