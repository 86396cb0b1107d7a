"""Latency of the REST API under load: `marsad serve` on an ANT-sized store, on the loopback
address, with 1, 10 and 50 concurrent clients, each sending its next request when the last one
is answered (keep-alive connections). Each level is bounded in requests and in time.

    python benchmarks/api.py [--db ant.db] [--requests 2000] [--seconds 60] [--workers 1]

Without --db, the ANT corpus is ingested first into a temporary store (two worker processes, a
few minutes). The requests are drawn (seeded) from what the web app asks: stats, top actors and
places, pages of events with filters, the map's GeoJSON, searches for frequent names, documents,
actor profiles and one-month briefings; each level draws the same sequence. The clients run in
this process (threads) on the same machine as the server: the figures include that contention.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ant import ANT, require_ant  # noqa: E402

SEED = 11
LEVELS = (1, 10, 50)
TYPES = ["ASSAULT", "CONSULT", "COERCE", "PROTEST", "SANCTION", "AGREE", "ACCUSE", "THREATEN"]
COUNTRIES = ["SYR", "IRQ", "YEM", "LBY", "EGY", "SAU", "IRN", "USA", "RUS", "TUR", "ISR", "PSE"]


def build_store(folder: Path) -> Path:
    require_ant()
    db = folder / "ant.db"
    print(f"ingesting {ANT.name} into {db} (2 workers) ...", file=sys.stderr)
    subprocess.run(
        [sys.executable, "-m", "marsad.cli", "ingest", str(ANT), "--db", str(db), "--workers", "2", "--quiet",
         "--field", "published=time", "--field", "source=src"],
        check=False,
    )  # fmt: skip
    return db


def request_pool(db: Path) -> list[tuple[str, str]]:
    """(endpoint name, path) pairs, drawn from the store's own ids, names and months."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    docs = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY random() LIMIT 2000")]
    keys = [
        r[0]
        for r in conn.execute(
            "SELECT coalesce(kb_id, name || '|' || coalesce(country, '') || '|' || coalesce(sector, '')) AS k"
            " FROM actors GROUP BY k ORDER BY count(*) DESC LIMIT 300"
        )
    ]
    names = [r[0] for r in conn.execute("SELECT name FROM places GROUP BY name ORDER BY count(*) DESC LIMIT 200")]
    months = [
        r[0] for r in conn.execute("SELECT DISTINCT substr(published, 1, 7) FROM documents WHERE published >= '2017'")
    ]
    conn.close()
    rng = random.Random(SEED)
    q = urllib.parse.quote
    makers = [
        ("stats", lambda: "/api/stats"),
        ("actors", lambda: "/api/actors?limit=50"),
        ("places", lambda: "/api/places?limit=100"),
        ("events", lambda: f"/api/events?limit=50&type={rng.choice(TYPES)}&country={rng.choice(COUNTRIES)}"),
        ("events", lambda: f"/api/events?limit=50&offset={rng.randrange(0, 2000, 50)}"),
        ("map", lambda: f"/api/events?format=geojson&limit=500&type={rng.choice(TYPES)}"),
        ("search", lambda: f"/api/documents?q={q(rng.choice(names))}&limit=20"),
        ("document", lambda: f"/api/documents/{rng.choice(docs)}"),
        ("document", lambda: f"/api/documents/{rng.choice(docs)}"),
        ("actor", lambda: f"/api/actors/{q(rng.choice(keys), safe='')}"),
        ("briefing", lambda: f"/api/briefing?country={rng.choice(COUNTRIES)}&since={(m := rng.choice(months))}-01"
                             f"&until={m}-31"),
    ]  # fmt: skip
    return [(name, make()) for name, make in (rng.choice(makers) for _ in range(30_000))]


def start_server(db: Path, workers: int, cache: bool) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "marsad.cli", "serve", "--db", str(db), "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    if not cache:
        command += ["--cache-mb", "0"]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start") from None
            time.sleep(0.2)
    return server, port


def run_level(port: int, pool: list[tuple[str, str]], clients: int, total: int, seconds: float) -> dict[str, object]:
    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: dict[int, int] = defaultdict(int)
    lock = threading.Lock()
    cursor = iter(range(total))
    stop_at = time.monotonic() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < stop_at:
            with lock:
                n = next(cursor, None)
            if n is None:
                break
            name, path = pool[n % len(pool)]
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                answer = conn.getresponse()
                answer.read()
                status = answer.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                latencies[name].append(elapsed)
                latencies["all"].append(elapsed)
                statuses[status] += 1
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    asked = [path for _, path in pool[:total]]
    repeated = 1 - len(set(asked)) / len(asked)  # asked before in this level: an upper bound on kept answers
    return {"clients": clients, "wall": wall, "latencies": latencies, "statuses": dict(statuses), "repeated": repeated}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an ANT-sized store (default: ingest ANT into a temporary one)")
    parser.add_argument("--requests", type=int, default=2000, help="requests per level (default 2000)")
    parser.add_argument("--seconds", type=float, default=60.0, help="at most this long per level (default 60)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    parser.add_argument("--no-cache", action="store_true", help="the server keeps no answers (--cache-mb 0)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_store(Path(tmp))
        pool = request_pool(db)
        documents = json.loads(
            subprocess.run([sys.executable, "-m", "marsad.cli", "stats", "--db", str(db), "--format", "json"],
                           capture_output=True, text=True, check=True).stdout
        )["documents"]  # fmt: skip
        server, port = start_server(db, args.workers, not args.no_cache)
        try:
            for _, path in pool[:50]:  # the first answers of a fresh process (imports, page cache)
                conn = http.client.HTTPConnection("127.0.0.1", port)
                conn.request("GET", path)
                conn.getresponse().read()
                conn.close()
            # each level its own requests (the server keeps its answers: a level replaying the last
            # one's requests would measure nothing but that)
            results = [
                run_level(port, pool[50 + n * args.requests :], c, args.requests, args.seconds)
                for n, c in enumerate(LEVELS)
            ]
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(10)
    print(f"store: {db} ({documents} documents); server processes: {args.workers}; answers kept: "
          f"{'no' if args.no_cache else 'yes'}; load average after: {os.getloadavg()[0]:.2f}")  # fmt: skip
    names = sorted({n for r in results for n in r["latencies"] if n != "all"})  # type: ignore[attr-defined]
    head = "| clients | requests | repeated | req/s | p50 ms | p99 ms | 5xx | other errors | "
    print("\n" + head + " | ".join(f"{n} p99" for n in names) + " |")
    print("|---" * (8 + len(names)) + "|")
    fields = {}
    for r in results:
        lat = r["latencies"]
        statuses = r["statuses"]
        every = lat["all"]  # type: ignore[index]
        server_errors = sum(n for s, n in statuses.items() if s >= 500)  # type: ignore[union-attr]
        other = sum(n for s, n in statuses.items() if s == 0 or 400 <= s < 500)  # type: ignore[union-attr]
        per = " | ".join(f"{pct(lat[n], 0.99):.0f}" if lat.get(n) else "-" for n in names)  # type: ignore[union-attr]
        c = r["clients"]
        print(f"| {c} | {len(every)} | {r['repeated']:.0%} | {len(every) / r['wall']:.0f} | {pct(every, 0.5):.1f} |"
              f" {pct(every, 0.99):.1f} | {server_errors} | {other} | {per} |")  # fmt: skip
        fields[f"p50_ms_{c}"] = f"{pct(every, 0.5):.1f}"
        fields[f"p99_ms_{c}"] = f"{pct(every, 0.99):.1f}"
        fields[f"rps_{c}"] = f"{len(every) / r['wall']:.0f}"
        fields[f"errors_5xx_{c}"] = str(server_errors)
    print("\nRESULT " + " ".join(f"{k}={v}" for k, v in fields.items()))


if __name__ == "__main__":
    main()
