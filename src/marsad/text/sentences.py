"""Sentence splitting for Arabic news text.

A sentence ends at . ؟ ? ! ؛ … (runs of them), at a line break, and at the end
of the text. A terminal does not end a sentence:
- between two digits (3.5, 10.12.2018);
- after a single letter (initials and abbreviations: أ.ف.ب، د.، ج.م.ع، U.S.);
- when followed by a Latin letter or digit with no space (alarabiya.net);
- inside a quotation («…» "…" “…”), unless the quotation closes right after
  it, which makes the quotation itself end the sentence.
Quotation state is reset at every line break, so an unbalanced quote mark
cannot swallow more than one paragraph.
"""

from __future__ import annotations

import re

from marsad.model import Sentence

_EVENTS = re.compile(r'(?P<nl>\n)|(?P<term>[.!?؟؛…]+)|(?P<quote>[«»"“”])')
_CLOSERS = frozenset('»"”)]')
_SPACE = frozenset(" \t\r\n\u00a0\u2009\u202f\u200f\u200e")


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _starts_new_sentence(text: str, pos: int) -> bool:
    """Whether what follows a terminal at `pos` can start a new sentence."""
    if pos >= len(text):
        return True
    ch = text[pos]
    if ch in _SPACE:
        return True
    # A missing space before an Arabic letter (`بقتلهم".وأوضح`) is common in
    # wire copy; a Latin letter or digit right after a period is a domain
    # name, a decimal or an abbreviation instead.
    return "\u0600" <= ch <= "\u06ff" and ch.isalpha()


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of `text` as spans, trimmed of surrounding whitespace."""
    cuts: list[int] = []
    guillemets = 0  # « » nest
    curly = 0  # “ ” nest
    straight = False  # " toggles
    for m in _EVENTS.finditer(text):
        kind = m.lastgroup
        if kind == "nl":
            cuts.append(m.start())
            guillemets = curly = 0
            straight = False
            continue
        if kind == "quote":
            q = m.group()
            if q == "«":
                guillemets += 1
            elif q == "»":
                guillemets = max(0, guillemets - 1)
            elif q == "“":
                curly += 1
            elif q == "”":
                curly = max(0, curly - 1) if curly else 0
            else:
                straight = not straight
            continue
        start, end = m.span()
        run = m.group()
        if run == "." and start > 0 and end < len(text) and text[start - 1].isdigit() and text[end].isdigit():
            continue  # a decimal or a dotted date
        if run == "." and start > 0 and _is_letter(text[start - 1]) and (start < 2 or not _is_letter(text[start - 2])):
            continue  # an initial or a one-letter abbreviation
        after = end
        if guillemets or curly or straight:
            # Inside a quotation: only a terminal that the closing mark follows
            # ends the sentence, and the cut goes after the mark.
            if after < len(text) and text[after] in '»"”':
                while after < len(text) and text[after] in _CLOSERS:
                    after += 1
                if _starts_new_sentence(text, after):
                    cuts.append(after)
            continue
        while after < len(text) and text[after] in _CLOSERS:
            after += 1
        if _starts_new_sentence(text, after):
            cuts.append(after)
    return _spans(text, cuts)


def _spans(text: str, cuts: list[int]) -> list[Sentence]:
    sentences: list[Sentence] = []
    begin = 0
    for cut in [*cuts, len(text)]:
        if cut < begin:
            continue
        s, e = begin, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            sentences.append(Sentence(s, e))
        begin = cut
    return sentences
