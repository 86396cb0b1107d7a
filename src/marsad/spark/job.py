"""The marsad pipeline on Apache Spark: read articles from anywhere Spark reads, analyse them in
partitions (the pipeline and its data loaded once per Python worker), link near-duplicates and
story events across the whole input with the local store's rules, and write Parquet tables
partitioned by published month. docs/spark.md says how to run it on a cluster.

Tables (under the output path): documents (the store's columns but the packed record, the
search keys and token offsets: the other tables hold what they hold), sentences, mentions,
actors, places, times, quotes, participants (the store's columns, docs/store.md), events (the columns of `marsad export
--format parquet`), stories, and rejects (records that could not be read or analysed, with the
reason). Every table but stories and rejects has a `month` column (YYYY-MM, or "undated") that
partitions it. Ids are content hashes, so a re-run over the same input writes the same tables.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from marsad.ingest.jsonl import read_line
from marsad.ingest.read import Read, skipped
from marsad.ingest.records import field_keys, read_record
from marsad.ingest.text import read_text
from marsad.store.db import DUPLICATE_THRESHOLD
from marsad.store.export import FLAT_COLUMNS, flat_events
from marsad.store.rows import NUM_PERM, RECORD_COLUMNS, StoredDocument, stored_document
from marsad.store.stories import StoryEvent, actor_code, assign_stories

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

RECORD_TABLES = ("sentences", "mentions", "actors", "places", "times", "quotes", "participants")
DOCUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"), ("title", "string"), ("source", "string"), ("url", "string"), ("published", "string"),
    ("text", "string"), ("origin", "string"), ("analysis_key", "string"), ("marsad_version", "string"),
    ("data_version", "string"), ("minhash", "binary"),
)  # fmt: skip
INPUT_FORMATS = ("jsonl", "text", "parquet")
PARTITIONS_PER_CORE = 4  # records are spread over this many partitions per core: slow articles even out


@dataclass
class Options:
    """What a job reads and how it analyses it."""

    input: str
    output: str
    input_format: str | None = None  # jsonl, text (one article per file) or parquet; default: by the name
    fields: dict[str, str] = field(default_factory=dict)  # marsad's name of a field -> the record's key
    published: date | None = None  # for records that give none
    source: str | None = None
    stages: list[str] | None = None
    kb_files: list[str] = field(default_factory=list)


@dataclass
class Summary:
    read: int = 0
    documents: int = 0
    duplicates: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    events: int = 0
    clustered: int = 0
    stories: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [
            f"read {self.read}, documents {self.documents}, duplicates {self.duplicates}, "
            f"rejected {sum(self.rejected.values())}, events {self.events}, documents in near-duplicate "
            f"clusters {self.clustered}, stories {self.stories} ({self.seconds:.1f} s)"
        ]
        out += [f"  rejected {n}: {reason}" for reason, n in sorted(self.rejected.items(), key=lambda x: -x[1])]
        return out


def session(master: str | None = None, app_name: str = "marsad") -> SparkSession:
    """A Spark session (`master`: local[N], spark://…, yarn; default: what spark-submit was given,
    else local[*]). Python workers run this interpreter unless PYSPARK_PYTHON says otherwise."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if master:  # else spark-submit's --master, or local[*] (pyspark's default)
        builder = builder.master(master)
    # an Arrow batch is analysed whole before it is handed on: keep it small
    builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", "16")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    if not spark.sparkContext.getConf().contains("spark.sql.shuffle.partitions"):
        # Spark's 200 would make 200 Python tasks of every shuffle on a small run
        spark.conf.set("spark.sql.shuffle.partitions", str(spark.sparkContext.defaultParallelism * PARTITIONS_PER_CORE))
    return spark


# ---- reading -------------------------------------------------------------------------------------


def format_of(path: str, given: str | None) -> str:
    if given:
        if given not in INPUT_FORMATS:
            raise ValueError(f"unknown input format {given!r} (one of {', '.join(INPUT_FORMATS)})")
        return given
    name = path.rstrip("/").lower()
    if name.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json")):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith((".txt", ".txt.gz")):
        return "text"
    raise ValueError(f"{path}: say what it holds with --input-format ({', '.join(INPUT_FORMATS)})")


def _inputs(spark: SparkSession, options: Options) -> DataFrame:
    """The input's records in a fixed order: order, origin, kind (json, bytes, record), text, data."""
    from pyspark.sql import functions as F

    fmt = format_of(options.input, options.input_format)
    if fmt == "jsonl":
        lines = spark.read.text(options.input).select(F.input_file_name().alias("file"), "value")
        rows = lines.rdd.zipWithIndex().map(lambda x: (x[1], f"{x[0][0]}#{x[1]}", "json", x[0][1], None))
    elif fmt == "text":
        # the RDD reader, not the binaryFile source: that one leaves empty files out, unreported
        files: Any = spark.sparkContext.binaryFiles(options.input).sortByKey()
        rows = files.zipWithIndex().map(lambda x: (x[1], x[0][0], "bytes", None, bytes(x[0][1])))
    else:
        table = spark.read.parquet(options.input)
        where = options.input
        rows = table.rdd.zipWithIndex().map(
            lambda x: (x[1], f"{where}#{x[1]}", "record", json.dumps(x[0].asDict(), default=str), None)
        )
    return spark.createDataFrame(rows, "order long, origin string, kind string, text string, data binary")


def read_one(kind: str, payload: Any, origin: str, keys: Mapping[str, tuple[str, ...]], options: Options) -> Read:
    """One input record as a document, or the reason it is not one."""
    if kind == "bytes":
        return read_text(payload, origin, published=options.published, source=options.source)
    if kind == "record":  # a Parquet row, as JSON
        return read_record(json.loads(payload), origin, keys, published=options.published, source=options.source)
    if kind == "json":
        if "\ufffd" in payload:  # Spark decoded the line and replaced what was not UTF-8
            return skipped(origin, "is not valid UTF-8")
        if not payload.strip():
            return skipped(origin, "is an empty line")
        return read_line(payload.encode("utf-8"), origin, keys, options.published, options.source)
    raise ValueError(f"unknown record kind {kind!r}")


# ---- analysing -----------------------------------------------------------------------------------

_pipeline: Any = None  # one per Python worker, made on its first record


def _worker_pipeline(options: Options) -> Any:
    global _pipeline
    if _pipeline is None:
        from marsad.pipeline import Pipeline
        from marsad.resources import Resources
        from marsad.stages import DEFAULT_STAGES

        _pipeline = Pipeline.default(options.stages or DEFAULT_STAGES, resources=Resources(options.kb_files))
    return _pipeline


def month_of(published: str | None) -> str:
    return published[:7] if published else "undated"


def analysed_row(order: int, origin: str, stored: StoredDocument) -> dict[str, Any]:
    head = stored.head
    analysis = stored.analysis or {}
    document = (stored.id, head["title"], head["source"], head["url"], head["published"], stored.text, origin,
                analysis.get("key"), analysis.get("marsad"), analysis.get("data"),
                stored.minhash)  # fmt: skip
    row: dict[str, Any] = {
        "order": order, "origin": origin, "reason": None, "head": None, "month": month_of(head["published"]),
        "document": dict(zip((c for c, _ in DOCUMENT_COLUMNS), document, strict=True)),
        "events": flat_events(stored),
    }  # fmt: skip
    for t in RECORD_TABLES:
        names = [c for c, _ in RECORD_COLUMNS[t]]
        row[t] = [dict(zip(names, r, strict=True)) for r in stored.tables[t]]
    return row


def _rejected_row(order: int, origin: str, reason: str, payload: Any) -> dict[str, Any]:
    head = payload[:200].decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload)[:200]
    return {"order": order, "origin": origin, "reason": reason, "head": head, "month": None, "document": None,
            "events": [], **{t: [] for t in RECORD_TABLES}}  # fmt: skip


def analyse(order: int, origin: str, kind: str, payload: Any, options: Options) -> dict[str, Any]:
    """One input record analysed, or rejected with the reason (never the job's end)."""
    read = read_one(kind, payload, origin, field_keys(options.fields), options)
    if read.document is None:
        return _rejected_row(order, origin, read.problem or "unreadable", payload)
    try:
        stored = stored_document(_worker_pipeline(options)(read.document))
    except Exception as exc:  # one article, not the job
        return _rejected_row(order, origin, f"analysis failed: {type(exc).__name__}: {exc}", payload)
    return analysed_row(order, origin, stored)


def analyse_batches(batches: Iterable[Any], options: Options) -> Iterator[Any]:
    """mapInArrow's function: batches of input records in, batches of analysed rows out (Arrow
    both ways: rows cross between Spark and Python without being pickled one by one)."""
    import pyarrow as pa

    schema = _arrow_schema()
    for batch in batches:
        columns = batch.to_pydict()
        rows = [
            analyse(order, origin, kind, text if text is not None else data, options)
            for order, origin, kind, text, data in zip(
                columns["order"], columns["origin"], columns["kind"], columns["text"], columns["data"], strict=True
            )
        ]
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def _arrow_schema() -> Any:
    import pyarrow as pa

    def struct(columns: Sequence[tuple[str, str]]) -> Any:
        return pa.struct([(name, getattr(pa, kind)()) for name, kind in columns])

    return pa.schema(
        [("order", pa.int64()), ("origin", pa.string()), ("reason", pa.string()), ("head", pa.string()),
         ("month", pa.string()), ("document", struct(DOCUMENT_COLUMNS)), ("events", pa.list_(struct(FLAT_COLUMNS)))]
        + [(t, pa.list_(struct(RECORD_COLUMNS[t]))) for t in RECORD_TABLES]
    )  # fmt: skip


def _struct(columns: Sequence[tuple[str, str]]) -> Any:
    from pyspark.sql import types as T

    kinds = {"string": T.StringType(), "int64": T.LongType(), "float64": T.DoubleType(), "binary": T.BinaryType()}
    return T.StructType([T.StructField(name, kinds[kind], True) for name, kind in columns])


def analysed_schema() -> Any:
    from pyspark.sql import types as T

    fields = [
        T.StructField("order", T.LongType(), False),
        T.StructField("origin", T.StringType(), True),
        T.StructField("reason", T.StringType(), True),
        T.StructField("head", T.StringType(), True),
        T.StructField("month", T.StringType(), True),
        T.StructField("document", _struct(DOCUMENT_COLUMNS), True),
        T.StructField("events", T.ArrayType(_struct(FLAT_COLUMNS)), True),
    ]
    fields += [T.StructField(t, T.ArrayType(_struct(RECORD_COLUMNS[t])), True) for t in RECORD_TABLES]
    return T.StructType(fields)


# ---- across documents ----------------------------------------------------------------------------


def _bands() -> tuple[int, int]:
    """The bands and rows per band the local store's MinHash LSH uses (datasketch's choice for
    the threshold), so that both find the same candidates."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def _band_keys(order: int, doc_id: str, minhash: bytes, b: int, r: int) -> Iterator[tuple[tuple[int, bytes], Any]]:
    for band in range(b):
        yield (band, minhash[band * r * 4 : (band + 1) * r * 4]), (order, doc_id, minhash)


def _similar(a: bytes, b: bytes) -> bool:
    import numpy as np

    x, y = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    return float(np.count_nonzero(x == y)) / len(x) >= DUPLICATE_THRESHOLD


def _pairs(members: Iterable[tuple[int, str, bytes]]) -> Iterator[tuple[tuple[int, str], tuple[int, str]]]:
    """(later, earlier) documents of one band bucket that are near-duplicates."""
    ordered = sorted(set(members))
    for i, (later_order, later_id, later_hash) in enumerate(ordered):
        for earlier_order, earlier_id, earlier_hash in ordered[:i]:
            if _similar(later_hash, earlier_hash):
                yield (later_order, later_id), (earlier_order, earlier_id)


def cluster_ids(documents: DataFrame) -> dict[str, str]:
    """Near-duplicate clusters by the local store's rule: a document joins the cluster of the
    first (earliest) document it nearly duplicates, and a cluster is named by its first document.
    The LSH buckets and the pair checks run in Spark; the first-earlier link of each document
    comes back to the driver (two ids per clustered document) to be followed to its cluster."""
    b, r = _bands()
    first = (
        documents.select("order", "document.id", "document.minhash")
        .rdd.flatMap(lambda row: _band_keys(row[0], row[1], row[2], b, r))
        .groupByKey()
        .flatMap(lambda kv: _pairs(kv[1]))
        .reduceByKey(min)
        .collect()
    )
    earlier = {later[1]: earliest[1] for later, earliest in first}
    clusters = {}
    for doc_id in earlier:
        root = doc_id
        while root in earlier:
            root = earlier[root]
        clusters[doc_id] = clusters[root] = root
    return clusters


def _story_events(row: Any) -> Iterator[tuple[Any, tuple[int, int, StoryEvent]]]:
    codes: dict[str, set[str]] = {}
    for p in row["participants"]:
        if p["role"] == "actor":
            codes.setdefault(p["event_id"], set()).add(actor_code(p["country"], p["sector"], p["kb_id"]))
    for n, e in enumerate(row["events"]):
        event_id = e["event_id"].rsplit("-", 1)[1]
        event = StoryEvent(row["document"]["id"], event_id, e["event_type"], e["date"], e["geonameid"],
                           frozenset(codes.get(event_id, ())))  # fmt: skip
        yield (e["event_type"], e["geonameid"]), (row["order"], n, event)


def _stories_of(group: Iterable[tuple[int, int, StoryEvent]]) -> Iterator[tuple[str, str]]:
    ordered = [event for _, _, event in sorted(group, key=lambda x: (x[0], x[1]))]
    for (doc_id, event_id), story in assign_stories(ordered).items():
        yield f"{doc_id}-{event_id}", story


# ---- the job -------------------------------------------------------------------------------------


def run(spark: SparkSession, options: Options) -> Summary:
    """Analyse `options.input` and write the tables under `options.output`."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    started = time.perf_counter()
    # A JSON Lines file of a few hundred MB is one partition as Spark reads it: spread it out
    partitions = spark.sparkContext.defaultParallelism * PARTITIONS_PER_CORE
    records = _inputs(spark, options).repartition(partitions)
    analysed = records.mapInArrow(lambda batches: analyse_batches(batches, options), analysed_schema())
    analysed = analysed.persist(StorageLevel.MEMORY_AND_DISK)
    summary = Summary(read=analysed.count())
    out = options.output.rstrip("/")

    rejects = analysed.where(F.col("reason").isNotNull()).select("order", "origin", "reason", "head")
    rejects.write.mode("overwrite").parquet(f"{out}/rejects")
    summary.rejected = {
        r["kind"]: r["n"]
        for r in rejects.select(F.regexp_extract("reason", r"^([^:(]*)", 1).alias("kind"))
        .groupBy("kind").count().withColumnRenamed("count", "n").collect()
    }  # fmt: skip

    # a text given twice is kept once, the first time: found by shuffling ids and orders only,
    # not the analysed rows
    analysed_ok = analysed.where(F.col("reason").isNull())
    firsts = analysed_ok.groupBy(F.col("document.id")).agg(F.min("order").alias("order")).select("order")
    # ranges of months before the writes: partitionBy writes a file for each month of each
    # partition, so with every month in every partition the files multiplied with the cores; a
    # large month still spreads over several partitions (ranges of its input order)
    documents = analysed_ok.join(firsts, "order", "left_semi").repartitionByRange("month", "order")
    documents = documents.persist(StorageLevel.MEMORY_AND_DISK)
    summary.documents = documents.count()
    summary.duplicates = summary.read - sum(summary.rejected.values()) - summary.documents

    clusters = cluster_ids(documents)
    summary.clustered = len(clusters)
    cluster_table = spark.createDataFrame(list(clusters.items()), "doc_id string, cluster_id string")
    docs_out = documents.select("month", "order", "document.*").join(
        cluster_table, F.col("id") == F.col("doc_id"), "left"
    )
    docs_out.drop("doc_id", "order").write.mode("overwrite").partitionBy("month").parquet(f"{out}/documents")

    for table in RECORD_TABLES:
        records = documents.select("month", "order", F.explode(table).alias("r")).select("month", "order", "r.*")
        records.drop("order").write.mode("overwrite").partitionBy("month").parquet(f"{out}/{table}")

    stories = (
        documents.select("order", "document", "events", "participants")
        .rdd.flatMap(_story_events)
        .groupByKey()
        .flatMap(lambda kv: _stories_of(kv[1]))
        .toDF("event_id string, story_id string")
    )
    events = documents.select("month", "order", F.explode("events").alias("e")).select("month", "order", "e.*")
    events = events.drop("story_id").join(stories, "event_id", "left")
    events = events.select("month", "order", *[c for c, _ in FLAT_COLUMNS]).repartitionByRange("month", "order")
    events = events.persist(StorageLevel.MEMORY_AND_DISK)
    events.drop("order").write.mode("overwrite").partitionBy("month").parquet(f"{out}/events")
    summary.events = events.count()
    sources = events.groupBy("story_id").agg(F.countDistinct("doc_id").alias("sources"))
    story_table = (  # a story has the type, date and place of the event that founded it
        events.where(F.col("event_id") == F.col("story_id"))
        .select(F.col("story_id").alias("id"), F.col("event_type").alias("type"), "date", "geonameid")
        .join(sources.withColumnRenamed("story_id", "id"), "id")
    )
    story_table.write.mode("overwrite").parquet(f"{out}/stories")
    summary.stories = story_table.count()
    for cached in (analysed, documents, events):
        cached.unpersist()
    summary.seconds = time.perf_counter() - started
    return summary
