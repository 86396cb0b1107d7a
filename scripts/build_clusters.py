"""Build src/marsad/data/clusters.tsv.gz: distributional word clusters learned from ANT news text
(all five categories: politics, culture, economy, sport, technology; 8M words).

Words that occur in similar contexts (the words right before and after them)
fall into the same cluster, so the NER model can generalise from a name it saw
in training to one it did not (two Libyan towns, two ministers' surnames).

Method: left/right context counts over the base forms of marsad's tokens (clitics
stripped, article kept), positive PMI, a 100-dimensional truncated SVD, and
k-means (random initial centres) at three granularities (64, 256, 1024 clusters). Needs the `train`
extra (numpy, scipy). Fixed seed: the output is reproducible.

    python scripts/build_clusters.py [--shared PATH]      (or: make data)
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.cluster.vq import kmeans2
from scipy.sparse import coo_matrix
from scipy.sparse.linalg import svds

from buildlib import DATA, SHARED, Step, write_gz
from marsad.index import index
from marsad.model import Document
from marsad.text.stage import analyze_text

ANT = Path("data/news/ant/ant_v2.1_middleEast_internationalNews.jsonl.gz")
# the other categories (culture, economy, sport, technology): 3.3M more words of news
ANT_OTHER = Path("data/news/ant_other/ant_v2.1_other_categories.jsonl.gz")
OUT = DATA / "clusters.tsv.gz"
SIZES = (64, 256, 1024)
CONTEXTS = 3000
DIMENSIONS = 100
MIN_COUNT = 5
SEED = 20261129


def sentences(path: Path) -> list[list[str]]:
    out: list[list[str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = analyze_text(Document(text=json.loads(line)["text"]))
            ix = index(doc)
            out += [[ix.forms[k].base for k in tokens] for tokens in ix.sentence_tokens]
    return out


def build(shared: Path = SHARED) -> Step:
    sources = [shared / ANT, shared / ANT_OTHER]
    sents = [s for source in sources for s in sentences(source)]
    counts = Counter(w for s in sents for w in s)
    vocab = [w for w, c in counts.most_common() if c >= MIN_COUNT]
    row_of = {w: i for i, w in enumerate(vocab)}
    contexts = {w: i for i, w in enumerate(vocab[:CONTEXTS])}
    rows: list[int] = []
    cols: list[int] = []
    for s in sents:
        padded = ["<s>", *s, "</s>"]
        for j in range(1, len(padded) - 1):
            row = row_of.get(padded[j])
            if row is None:
                continue
            left, right = contexts.get(padded[j - 1]), contexts.get(padded[j + 1])
            if left is not None:
                rows.append(row)
                cols.append(left)
            if right is not None:
                rows.append(row)
                cols.append(CONTEXTS + right)
    data = np.ones(len(rows), dtype=np.float64)
    m = coo_matrix((data, (rows, cols)), shape=(len(vocab), 2 * CONTEXTS)).tocsr()
    m.sum_duplicates()
    # positive pointwise mutual information
    total = m.sum()
    row_sums = np.asarray(m.sum(axis=1)).ravel()
    col_sums = np.asarray(m.sum(axis=0)).ravel()
    coo = m.tocoo()
    pmi = np.log(coo.data * total / (row_sums[coo.row] * col_sums[coo.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape).tocsr()
    u, s, _ = svds(ppmi, k=DIMENSIONS, random_state=SEED)
    vectors = u * np.sqrt(s)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms == 0, 1, norms)

    labels = []
    for k in SIZES:
        _, lab = kmeans2(vectors, k, minit="points", seed=SEED, iter=20)
        labels.append(lab)
    lines = ["\t".join([w, *(str(int(lab[i])) for lab in labels)]) + "\n" for i, w in enumerate(vocab)]
    write_gz(OUT, "".join(lines))
    return Step(
        "clusters", "scripts/build_clusters.py", sources, [OUT], {"sentences": len(sents), "vocabulary": len(vocab)}
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    print(build(parser.parse_args().shared))
