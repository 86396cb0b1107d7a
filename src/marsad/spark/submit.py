"""The file to give spark-submit: `spark-submit [options] $(python -m marsad.spark.submit --path)
--input PATH --output PATH`. It takes the arguments of `marsad spark` (but --master: spark-submit
says where it runs)."""

from __future__ import annotations

import sys

if __name__ == "__main__":
    if sys.argv[1:] == ["--path"]:
        print(__file__)
        sys.exit(0)
    from marsad.cli import main

    sys.exit(main(["spark", *sys.argv[1:]]))
