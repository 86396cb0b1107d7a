"""Reading articles from files.

`read_inputs` reads many formats (text, JSON Lines, JSON, HTML, RSS/Atom, WARC; gzipped or
not) from files, directories, glob patterns and stdin, and reports each record as a `Read`:
a document, or the reason there is none; one bad record never stops the others.
`read_documents` is the strict reader of `marsad extract` (text and JSON Lines), which
raises an `InputError` instead.
"""

from marsad.ingest.dates import parse_date
from marsad.ingest.feeds import read_feed
from marsad.ingest.inputs import count_records, read_inputs
from marsad.ingest.paths import FORMATS
from marsad.ingest.read import Read
from marsad.ingest.strict import read_bytes, read_documents, record_to_document

__all__ = [
    "FORMATS",
    "Read",
    "count_records",
    "parse_date",
    "read_bytes",
    "read_documents",
    "read_feed",
    "read_inputs",
    "record_to_document",
]
