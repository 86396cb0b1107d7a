"""A .json file: an array of article records, or one record."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date

from marsad.decode import decode_utf8
from marsad.errors import InputError
from marsad.ingest.read import Read, skipped
from marsad.ingest.records import json_type, read_record


def read_json(
    data: bytes,
    name: str,
    keys: Mapping[str, tuple[str, ...]],
    *,
    published: date | None = None,
    source: str | None = None,
) -> Iterator[Read]:
    """A Read for each element of the array (origin "name#N"), or one for a single object."""
    try:
        value = json.loads(decode_utf8(data, name))
    except InputError as exc:
        yield skipped(name, exc.problem)
        return
    except json.JSONDecodeError as exc:
        yield skipped(name, f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    except RecursionError:
        yield skipped(name, "is not valid JSON: nested too deeply")
        return
    if isinstance(value, dict):
        yield read_record(value, name, keys, published=published, source=source)
    elif isinstance(value, list):
        for n, record in enumerate(value, start=1):
            yield read_record(record, f"{name}#{n}", keys, published=published, source=source)
    else:
        yield skipped(name, f"expected a JSON array of objects or an object, got {json_type(value)}")
