"""Draw the articles of the event gold set (tests/data/events_guidelines.md) and print their ids.

ANT middleEast + internationalNews articles of 700 to 3,000 characters that no earlier gold file
uses, sorted by id and shuffled with a fixed seed; the first half of the draw is development, the
second half held out (designated before any annotation).

    python scripts/draw_event_sample.py [--count 128] [--seed 20261207]
"""

from __future__ import annotations

import argparse
import json
import random

from buildlib import fresh_article_ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=128)
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()
    candidates = fresh_article_ids()
    random.Random(args.seed).shuffle(candidates)
    drawn = candidates[: args.count]
    half = args.count // 2
    print(json.dumps({"candidates": len(candidates), "development": drawn[:half], "held_out": drawn[half:]}, indent=1))


if __name__ == "__main__":
    main()
