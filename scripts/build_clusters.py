"""Build src/marsad/data/clusters.tsv.gz: distributional word clusters learned from ANT news text.

Words that occur in similar contexts (the words right before and after them)
fall into the same cluster, so the NER model can generalise from a name it saw
in training to one it did not (two Libyan towns, two ministers' surnames).

Method: left/right context counts over the base forms of marsad's tokens (clitics
stripped, article kept), positive PMI, a 100-dimensional truncated SVD, and
k-means (random initial centres) at three granularities (64, 256, 1024 clusters). Needs the `train`
extra (numpy, scipy). Fixed seed: the output is reproducible.

    python scripts/build_clusters.py [--ant PATH] [--min-count 5]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.cluster.vq import kmeans2
from scipy.sparse import coo_matrix
from scipy.sparse.linalg import svds

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.model import Document  # noqa: E402
from marsad.text.forms import word_forms  # noqa: E402
from marsad.text.stage import analyze_text  # noqa: E402

DEFAULT_ANT = ROOT.parent / "shared" / "data" / "news" / "ant" / "ant_v2.1_middleEast_internationalNews.jsonl.gz"
OUT = ROOT / "src" / "marsad" / "data" / "clusters.tsv.gz"
SIZES = (64, 256, 1024)
CONTEXTS = 3000
DIMENSIONS = 100
SEED = 20261129


def sentences(path: Path) -> list[list[str]]:
    out: list[list[str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = analyze_text(Document(text=json.loads(line)["text"]))
            forms = word_forms(doc)
            i = 0
            for sent in doc.sentences:
                words = []
                while i < len(doc.tokens) and doc.tokens[i].start < sent.end:
                    words.append(forms[i].base)
                    i += 1
                out.append(words)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ant", type=Path, default=DEFAULT_ANT)
    parser.add_argument("--min-count", type=int, default=5)
    args = parser.parse_args()
    print(f"input sha256={hashlib.sha256(args.ant.read_bytes()).hexdigest()}")

    sents = sentences(args.ant)
    counts = Counter(w for s in sents for w in s)
    vocab = [w for w, c in counts.most_common() if c >= args.min_count]
    index = {w: i for i, w in enumerate(vocab)}
    contexts = {w: i for i, w in enumerate(vocab[:CONTEXTS])}
    rows: list[int] = []
    cols: list[int] = []
    for s in sents:
        padded = ["<s>", *s, "</s>"]
        for j in range(1, len(padded) - 1):
            row = index.get(padded[j])
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
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write("".join(lines).encode("utf-8"))
    print(f"sentences={len(sents)} vocabulary={len(vocab)} clusters={SIZES} -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
