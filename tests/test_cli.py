"""The CLI on good and bad inputs. Runs `marsad.cli.main` in-process, and the installed script once."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main

ARTICLE = "طالب أمس المتحدث باسم الجيش الوطني الليبي أحمد المسماري روسيا بالتدخل. وقال المسماري إن الوضع صعب."


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_extract_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.txt", ARTICLE.encode())
    code, out, err = run(capsys, "extract", path, "--published", "2018-07-26", "--source", "وكالات")
    assert code == EXIT_OK and err == ""
    doc = json.loads(out)
    assert doc["published"] == "2018-07-26" and doc["source"] == "وكالات"
    assert len(doc["sentences"]) == 2


def test_extract_json_array_and_pretty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write(tmp_path, "a.txt", ARTICLE.encode())
    b = write(tmp_path, "b.txt", "نص ثان.".encode())
    code, out, _ = run(capsys, "extract", "--format", "json", a, b)
    assert code == EXIT_OK and [d["text"] for d in json.loads(out)] == [ARTICLE, "نص ثان."]
    code, out, _ = run(capsys, "extract", "--format", "pretty", "--published", "2018-07-26", a)
    assert code == EXIT_OK and "2 sentences" in out and "ال+مسماري" in out
    assert "أمس -> 2018-07-25 (day)" in out  # times with their values
    assert "reported [قال] المسماري" in out and "إن الوضع صعب" in out  # quotes with cue and speaker


def test_bom_is_accepted_and_dropped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode())
    code, out, _ = run(capsys, "extract", path)
    assert code == EXIT_OK and json.loads(out)["text"] == ARTICLE


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "binary.bin",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "is binary, not text (NUL byte at offset 8)",
        ),
        ("latin.txt", "قال".encode("cp1256"), "is not valid UTF-8 (byte 0xde at offset 0)"),
        ("utf16.txt", "\ufeffقال المسماري".encode("utf-16-le"), "is UTF-16"),
        ("utf16be.txt", "قال المسماري".encode("utf-16-be"), "looks like UTF-16 without a byte-order mark"),
    ],
)
def test_unreadable_inputs_get_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    path = write(tmp_path, name, data)
    code, out, err = run(capsys, "extract", path)
    assert code == EXIT_INPUT
    assert out == ""
    assert err.count("\n") == 1 and path in err and message in err


def test_invalid_utf8_reports_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.txt", "سطر أول\nسطر ثان\n".encode() + b"\xff\xfe oops")
    code, _, err = run(capsys, "extract", path)
    assert code == EXIT_INPUT and f"{path}:3:" in err


def test_good_files_are_still_processed_after_a_bad_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, "bad.bin", b"\x00\x01\x02")
    good = write(tmp_path, "good.txt", ARTICLE.encode())
    code, out, err = run(capsys, "extract", bad, good, str(tmp_path / "missing.txt"))
    assert code == EXIT_INPUT
    assert len(out.splitlines()) == 1
    assert "bad.bin: is binary" in err and "missing.txt: no such file" in err


def test_empty_and_whitespace_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, data in (("empty.txt", b""), ("blank.txt", b" \n\t\n")):
        path = write(tmp_path, name, data)
        code, out, err = run(capsys, "extract", path)
        doc = json.loads(out)
        assert code == EXIT_OK and doc["sentences"] == [] and doc["tokens"] == []
        assert "has no text" in err


def test_text_without_arabic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "en.txt", b"Reuters reported 3 deaths in Tripoli on Monday. No further details.")
    code, out, _ = run(capsys, "extract", path)
    doc = json.loads(out)
    assert code == EXIT_OK and len(doc["sentences"]) == 2 and len(doc["tokens"]) == 13


def test_jsonl_input_and_its_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(
        tmp_path,
        "feed.jsonl",
        (json.dumps({"text": ARTICLE, "published": "2018-07-26", "title": "عنوان"}) + "\n\n").encode(),
    )
    code, out, _ = run(capsys, "extract", good)
    assert code == EXIT_OK and json.loads(out)["title"] == "عنوان"
    for line, message in (
        ("{not json", "is not valid JSON"),
        ('{"title": "x"}', 'no "text" field'),
        ('{"text": 5}', 'field "text" must be a string'),
        ('{"text": "نص", "published": "yesterday"}', "not an ISO date"),
        ("[1, 2]", "expected a JSON object"),
    ):
        lines = [json.dumps({"text": "نص"}), line, json.dumps({"text": "نص آخر"})]
        path = write(tmp_path, "bad.jsonl", ("\n".join(lines) + "\n").encode())
        code, out, err = run(capsys, "extract", path)
        assert code == EXIT_INPUT, line
        assert f"{path}:2: " in err and message in err, err
        # the lines after a bad one are still read
        assert [json.loads(o)["text"] for o in out.splitlines()] == ["نص", "نص آخر"], line


def test_jsonl_lines_end_at_newlines_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "قال الوزير\u2028إن الوضع صعب\u2029وأضاف\x85أن الحوار مستمر"  # valid inside a JSON string
    path = write(tmp_path, "seps.jsonl", (json.dumps({"text": text}, ensure_ascii=False) + "\r\n").encode())
    code, out, err = run(capsys, "extract", path)
    assert code == EXIT_OK and err == "" and json.loads(out)["text"] == text


def test_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ARTICLE.encode())
    code, _, err = run(capsys, "extract", path, "--published", "26/07/2018")
    assert code == EXIT_USAGE and "not a date in the form YYYY-MM-DD" in err
    code, _, err = run(capsys, "extract", path, "--format", "xml")
    assert code == EXIT_USAGE
    code, out, _ = run(capsys, "extract", "--help")
    assert code == 0 and "--published" in out


def test_directory_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "extract", str(tmp_path))
    assert code == EXIT_INPUT and "is a directory" in err


# A child that runs the CLI and reports its own peak memory (kB) on stderr's last line
CHILD = """
import resource, sys
from marsad.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""
# 2.1 million tokens, 700,000 mentions, 116,000 quotes, 16,645 events: measured 1,454 MB on 2026-12-07
# (1,610 MB before events were streamed through the filter and the merge; 2,560 MB before streamed output)
TWENTY_MB_PEAK_MB = 1600


@pytest.mark.slow
def test_twenty_megabyte_file(tmp_path: Path) -> None:
    paragraph = (ARTICLE + "\n").encode()
    data = paragraph * (20 * 1024 * 1024 // len(paragraph) + 1)
    path = write(tmp_path, "big.txt", data)
    out_path = tmp_path / "out.jsonl"
    with out_path.open("wb") as out:
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, "extract", "--published", "2018-07-26", path],
            stdout=out,
            stderr=subprocess.PIPE,
            check=False,
        )
    *messages, peak_kb = proc.stderr.decode().splitlines()
    assert proc.returncode == EXIT_OK and messages == []
    assert int(peak_kb) / 1024 < TWENTY_MB_PEAK_MB
    # Parsing 2 million tokens back would dominate the test: check the last one from the tail.
    with out_path.open("rb") as fh:
        assert fh.read(7) == b'{"id": '
        fh.seek(-400, 2)
        tail = fh.read().decode("utf-8", errors="replace")
    with out_path.open("rb") as fh:
        assert sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 24), b"")) == 1
    text = data.decode()
    starts_ends = re.findall(r'"start": (\d+), "end": (\d+), "segments"', tail)
    start, end = map(int, starts_ends[-1])
    assert text[start:end] == "." and end == len(text.rstrip("\n"))


def test_installed_console_script_reads_stdin() -> None:
    beside = Path(sys.executable).parent / "marsad"
    exe = str(beside) if beside.exists() else shutil.which("marsad")
    if exe is None:
        pytest.skip("the marsad console script is not on PATH (package not installed)")
    proc = subprocess.run([exe, "extract", "-"], input=ARTICLE.encode(), capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["text"] == ARTICLE


def test_no_tokens_leaves_tokens_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.txt", ARTICLE.encode())
    code, out, _ = run(capsys, "extract", "--no-tokens", path)
    record = json.loads(out)
    assert code == EXIT_OK and "tokens" not in record and record["mentions"]
    code, out, _ = run(capsys, "extract", "--no-tokens", "--format", "json", path)
    assert code == EXIT_OK and "tokens" not in json.loads(out)[0]


def test_pipeline_command_and_stages_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "pipeline")
    assert code == EXIT_OK and out.startswith("1. text:") and "6. quotes:" in out
    code, _, err = run(capsys, "pipeline", "--stages", "text,quotes")
    assert code == EXIT_USAGE and "'quotes' requires" in err
    path = write(tmp_path, "a.txt", ARTICLE.encode())
    code, out, _ = run(capsys, "extract", "--stages", "text,times", "--published", "2018-07-26", path)
    record = json.loads(out)
    assert code == EXIT_OK and record["times"] and record["mentions"] == []
    assert record["analysis"]["stages"] == ["text", "times"]


def test_plover_and_pretty_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "قتل الجيش السوري خمسة مسلحين في درعا أمس. وطالب الرئيس الروسي فلاديمير بوتين تركيا بالانسحاب."
    path = write(tmp_path, "a.txt", text.encode())
    code, out, _ = run(capsys, "extract", "--format", "plover", "--published", "2018-07-26", path)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == EXIT_OK and records, out
    kinds = {r["event"] for r in records}
    assert "REQUEST" in kinds and all(r["doc"]["published"] == "2018-07-26" for r in records)
    request = next(r for r in records if r["event"] == "REQUEST")
    assert request["actor"][0]["country"] == "RUS" and request["recipient"][0]["name"] == "تركيا"
    assert text[request["trigger"]["start"] : request["trigger"]["end"]] == request["trigger"]["text"]
    code, out, _ = run(capsys, "extract", "--format", "pretty", "--published", "2018-07-26", path)
    assert code == EXIT_OK and "  events:" in out and "REQUEST [طالب]" in out


def test_relative_dates_without_a_published_date_warn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.txt", ARTICLE.encode())  # طالب أمس …
    code, _, err = run(capsys, "extract", path)
    assert code == EXIT_OK and "relative dates (أمس) left unresolved: no published date" in err
    code, _, err = run(capsys, "extract", path, "--published", "2018-07-26")
    assert code == EXIT_OK and err == ""
