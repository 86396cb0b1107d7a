"""The text layer: matching normalisation, sentences, tokens with clitic segments.

`analyze_text` is the pipeline stage; the modules below it can be used alone.
"""

from marsad.text.normalize import Normalized, normalize, normalize_word
from marsad.text.sentences import split_sentences
from marsad.text.stage import analyze_text
from marsad.text.tokens import tokenize

__all__ = ["Normalized", "analyze_text", "normalize", "normalize_word", "split_sentences", "tokenize"]
