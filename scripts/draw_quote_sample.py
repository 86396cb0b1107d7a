"""Draw the articles of the real-news quote gold (tests/data/quotes_guidelines.md, "Real-news
quote gold") and print their ids.

ANT middleEast + internationalNews articles of 700 to 3,000 characters that no earlier gold file
uses and that hold a reporting verb (قال، أكد، أضاف، أوضح، أشار), sorted by id and shuffled with a
fixed seed; the first half of the draw is development, the second half held out (designated before
any annotation).

    python scripts/draw_quote_sample.py [--count 60] [--seed 20261208]
"""

from __future__ import annotations

import argparse
import json
import random
import re

from buildlib import fresh_article_ids

REPORTING = re.compile(r"(?:^|\s)[وف]?(?:قال|قالت|أكد|أكدت|أضاف|أضافت|أوضح|أوضحت|أشار|أشارت)\s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=20261208)
    args = parser.parse_args()
    candidates = fresh_article_ids(lambda text: REPORTING.search(text) is not None)
    random.Random(args.seed).shuffle(candidates)
    drawn = candidates[: args.count]
    half = args.count // 2
    print(json.dumps({"candidates": len(candidates), "development": drawn[:half], "held_out": drawn[half:]}, indent=1))


if __name__ == "__main__":
    main()
