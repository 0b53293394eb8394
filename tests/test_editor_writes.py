"""Writes of the files editors keep, and imports that must not write what the build refuses.

Issue 25 (hostile input, round 3), items 5, 6 and 11: a write killed half-way or
stopped by a full disk leaves the old file; two imports at once keep both
changes; a translation or a statistics feed the build would refuse is refused
before anything is written, with a message naming the file and what to do.
"""

from __future__ import annotations

import errno
import json
import math
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
from conftest import ROOT, Project

sys.path.insert(0, str(ROOT / "scripts"))
import update_stats

from hotline_site.content.store import write_atomically
from hotline_site.content.yamlfile import MAX_BYTES
from hotline_site.stats.importers import update
from hotline_site.stats.model import load_statistics
from hotline_site.stats.vocabulary import load_vocabulary

ROOM_CARD = "material/hotels-room-card:title"
LABELS = ROOT / "hotline_site" / "content" / "labels.yml"
VOCABULARY = load_vocabulary(("vi", "en"))


def script(project: Project, name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / name), *args],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=False,
    )


def campaign_bytes(project: Project) -> dict[str, bytes]:
    files = [*project.campaign.rglob("*.yml"), project.root / "hotline_site/content/labels.yml"]
    return {str(path.relative_to(project.root)): path.read_bytes() for path in sorted(files)}


def translated(project: Project, name: str, language: str = "en", **texts: str) -> Path:
    """An exported PO file of ``language`` with the given ids' texts (``id=text``) changed."""
    result = script(project, "translations.py", "export", language)
    assert result.returncode == 0, result.stderr
    po = polib.pofile(str(project.root / "translations" / f"{language}.po"), wrapwidth=0)
    for unit_id, text in texts.items():
        next(entry for entry in po if entry.msgctxt == unit_id).msgstr = text
    target = project.root / "translations" / f"{name}.po"
    po.save(str(target))
    return target


# ---------------------------------------------------------------- atomic writes


def test_a_write_killed_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "hotels-procedure.yml"
    target.write_text("id: hotels-procedure\n", encoding="utf-8")
    before = target.read_bytes()
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; "
            "from hotline_site.content.store import write_atomically; "
            "write_atomically(Path(sys.argv[1]), b'x' * 400_000_000)",
            str(target),
        ]
    )
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".tmp") and p.stat().st_size for p in tmp_path.iterdir()):
        assert writer.poll() is None, "the writer ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert target.read_bytes() == before


def test_a_full_disk_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "stats.yml"
    target.write_text("sources: []\n", encoding="utf-8")
    target.chmod(0o640)
    code = (
        "import resource, signal, sys; from pathlib import Path\n"
        "from hotline_site.content.store import write_atomically\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "try:\n"
        "    write_atomically(Path(sys.argv[1]), 'x' * 100_000)\n"
        "except OSError as exc:\n"
        "    print(exc.errno)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(target)], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip(), "the write should have failed on the size limit"
    assert target.read_text(encoding="utf-8") == "sources: []\n"
    assert [path.name for path in tmp_path.iterdir()] == ["stats.yml"]
    write_atomically(target, "sources: []\nservices: {}\n")
    assert target.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its permissions
    assert resource.getrlimit(resource.RLIMIT_FSIZE)  # (the limit was the child's only)


# ---------------------------------------------------------------- translation imports


def test_two_translation_imports_at_once_keep_both(copy: Project) -> None:
    first = translated(copy, "first", **{ROOM_CARD: "Worried about a child? Call 111."})
    second = translated(
        copy, "second", language="ko", **{"material/hotels-room-card:summary": "무료 전화, 24시간."}
    )
    runs = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "translations.py"), "import", str(po)],
            cwd=copy.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for po in (first, second)
    ]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    card = (copy.campaign / "materials" / "hotels-room-card.yml").read_text(encoding="utf-8")
    assert "Worried about a child? Call 111." in card
    assert "무료 전화, 24시간." in card


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call\x00 111\x1b now\x7f", "U+0000 (a control character), U+001B (a control character)"),
        ("x" * (MAX_BYTES + 100_000), "larger than 1024 KB"),
        (
            "Worried? 111 is not an emergency number.",
            "111 is listed among the free emergency numbers",
        ),
    ],
    ids=["controls", "over 1 MB", "a safety rule"],
)
def test_a_translation_the_build_refuses_is_never_written(
    copy: Project, text: str, expected: str
) -> None:
    po = translated(copy, "bad", **{ROOM_CARD: text})
    before = campaign_bytes(copy)
    result = script(copy, "translations.py", "import", str(po))
    assert result.returncode == 1
    assert "campaigns/hotline-111/materials/hotels-room-card.yml" in result.stderr
    assert expected in result.stderr
    assert campaign_bytes(copy) == before
    if "Worried" in text:  # and what the import refused, `make check` refuses too
        card = copy.campaign / "materials" / "hotels-room-card.yml"
        data = card.read_text(encoding="utf-8")
        english = polib.pofile(str(po), wrapwidth=0)
        assert english  # the file was valid: only the build's own rule refused it
        assert "not an emergency number" not in data


def test_a_po_file_that_is_missing_or_mislabelled_is_refused_in_words(copy: Project) -> None:
    before = campaign_bytes(copy)
    missing = script(copy, "translations.py", "import", "translations/ko.po")
    assert missing.returncode == 1
    assert "translations/ko.po: no such file; export it first" in missing.stderr
    assert "Syntax error" not in missing.stderr

    po = translated(copy, "latin", **{ROOM_CARD: "Lo lắng cho một em nhỏ? Gọi 111."})
    po.write_text(
        po.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=ISO-8859-1"),
        encoding="utf-8",
    )
    mislabelled = script(copy, "translations.py", "import", str(po))
    assert mislabelled.returncode == 1
    assert "declares charset=ISO-8859-1" in mislabelled.stderr
    assert "charset=UTF-8" in mislabelled.stderr
    assert campaign_bytes(copy) == before


# ---------------------------------------------------------------- statistics feeds


def feed(tmp_path: Path, calls: object, **source: str) -> Path:
    body = json.dumps(
        {
            "format": "hotline-111-stats/2",
            "hotline": "111",
            "source": {"title": "Báo cáo thử", **source},
            "periods": [
                {
                    "service": "trafficking",
                    "start": "2022-01-01",
                    "end": "2022-12-31",
                    "figures": {"calls": "CALLS"},
                }
            ],
        }
    ).replace('"CALLS"', str(calls))
    path = tmp_path / "feed.json"
    path.write_text(body, encoding="utf-8")
    return path


def import_stats(project: Project, source: Path) -> subprocess.CompletedProcess[str]:
    stats = project.campaign / "stats.yml"
    return script(project, "update_stats.py", str(source), "--stats", str(stats), "--yes")


@pytest.mark.parametrize(
    ("calls", "expected"),
    [
        ("NaN", "nan is not a finite number"),
        ("Infinity", "inf is not a finite number"),
        ("1e400", "inf is not a finite number"),
        ("1" + "0" * 400, "a number of 401 digits is not a figure of the 111 lines"),
        ("1e308", "1e+308 is not a figure of the 111 lines"),
        ("[" * 50_000 + "]" * 50_000, "nested too deeply"),
    ],
    ids=["NaN", "Infinity", "1e400", "10^400", "1e308", "nested"],
)
def test_a_feed_value_that_is_no_figure_is_refused_in_words(
    copy: Project, tmp_path: Path, calls: str, expected: str
) -> None:
    before = campaign_bytes(copy)
    result = import_stats(copy, feed(tmp_path, calls))
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert "was not changed" in result.stderr
    assert campaign_bytes(copy) == before


def test_a_feed_cell_over_the_csv_limit_and_a_period_in_year_1_are_refused(
    copy: Project, tmp_path: Path
) -> None:
    before = campaign_bytes(copy)
    csv = tmp_path / "huge.csv"
    csv.write_text(
        "service;start;end;figure;category;value\n"
        f"trafficking;01/01/2020;31/12/2020;calls;;{'1' * 200_000}\n",
        encoding="utf-8",
    )
    huge = import_stats(copy, csv)
    assert huge.returncode == 1
    assert "huge.csv: not a CSV table of figures" in huge.stderr
    year_one = tmp_path / "year1.json"
    year_one.write_text(
        feed(tmp_path, 1500).read_text(encoding="utf-8").replace("2022-", "0001-"),
        encoding="utf-8",
    )
    early = import_stats(copy, year_one)
    assert early.returncode == 1
    assert "'0001-01-01' is before 2000" in early.stderr
    assert "Traceback" not in huge.stderr + early.stderr
    assert campaign_bytes(copy) == before


def test_a_title_with_a_line_break_or_braces_is_stored_as_one_line_of_text(
    copy: Project, tmp_path: Path
) -> None:
    result = import_stats(
        copy, feed(tmp_path, 1500, title="Báo cáo\u000bnăm 2022 {draft}", publisher="Bộ\nY tế")
    )
    assert result.returncode == 0, result.stderr
    stats = load_statistics(copy.campaign / "stats.yml", VOCABULARY)
    source = next(s for s in stats.sources if s.title.startswith("Báo cáo"))
    assert source.title == "Báo cáo năm 2022 {draft}"
    assert source.publisher == "Bộ Y tế"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(".inf", "finite number"), ("-.0", None), ("1.0e+308", "less than or equal to")],
)
def test_a_hand_edited_value_is_refused_by_the_build_with_its_line(
    copy: Project, value: str, expected: str | None
) -> None:
    stats = copy.campaign / "stats.yml"
    text = stats.read_text(encoding="utf-8")
    first = text.index("        value: ") + len("        value: ")
    stats.write_text(text[:first] + value + text[text.index("\n", first) :], encoding="utf-8")
    result = script(copy, "check_content.py")
    if expected is None:  # -0.0 is 0: nothing to refuse, and no "-0" is shown
        assert result.returncode == 0, result.stderr
        saved = load_statistics(stats, VOCABULARY)
        values = [f.value for _, period in saved.values() for f in period.figures.values()]
        assert all(math.copysign(1, value) == 1 for value in values)
        return
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert "campaigns/hotline-111/stats.yml:" in result.stderr
    assert expected in result.stderr


def test_a_full_disk_during_an_import_is_a_message(
    copy: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The disk fills while ``stats.yml`` is written (the write itself is tested above)."""
    before = campaign_bytes(copy)
    stats = copy.campaign / "stats.yml"

    def full(path: Path, data: str | bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(update, "write_atomically", full)
    assert update_stats.main([str(feed(tmp_path, 1500)), "--stats", str(stats), "--yes"]) == 1
    err = capsys.readouterr().err
    assert f"cannot write {stats}: No space left on device" in err
    assert "was not changed" in err
    assert campaign_bytes(copy) == before
