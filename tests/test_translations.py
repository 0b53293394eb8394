"""The translation round trip: export to PO, edit with a translators' library, import.

Runs on a copy of the shipped campaign and labels (comments, block texts, flow
mappings), through the command-line script, and compares the YAML files byte for byte.
"""

from __future__ import annotations

import subprocess
import sys

import polib
import pytest
from conftest import ROOT, Project, need_tool, site_of

from hotline_site.content import translations

ROOM_CARD = "material/hotels-room-card"


LABELS = ROOT / "hotline_site" / "content" / "labels.yml"


def run(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), *args],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=False,
    )


def snapshot(project: Project) -> dict[str, bytes]:
    files = [
        *project.campaign.rglob("*.yml"),
        project.root / "hotline_site" / "content" / "labels.yml",
    ]
    return {str(path.relative_to(project.root)): path.read_bytes() for path in sorted(files)}


def exported(project: Project, language: str = "en") -> polib.POFile:
    result = run(project, "export", language)
    assert result.returncode == 0, result.stderr
    return polib.pofile(str(project.root / "translations" / f"{language}.po"), wrapwidth=0)


def entry(po: polib.POFile, unit_id: str) -> polib.POEntry:
    return next(item for item in po if item.msgctxt == unit_id)


def changed_lines(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, list[str]]:
    """File -> the lines that differ (same number of lines required)."""
    result = {}
    for name, old in before.items():
        new = after[name]
        if old == new:
            continue
        old_lines, new_lines = old.decode().splitlines(), new.decode().splitlines()
        assert len(old_lines) == len(new_lines), name
        result[name] = [b for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    return result


def test_export_has_every_text_with_source_translation_id_and_place(copy: Project) -> None:
    po = exported(copy)
    assert po.metadata["Language"] == "en"
    ids = [item.msgctxt for item in po]
    assert len(ids) == len(set(ids)) > 400
    project = translations.Project.at(copy.root, *site_of(copy.root))
    assert len(ids) == len(translations.units(project))
    card = entry(po, f"{ROOM_CARD}:sections[1].text")
    danger = "**Đang gặp nguy hiểm:** Công an **113**, Cấp cứu **115**, Cứu hỏa **114**."
    assert card.msgid == danger
    assert card.msgstr == "**In danger now:** police **113**, ambulance **115**, fire **114**."
    assert card.comment == "Material hotels-room-card: card for hotels — sections[1].text"
    path, line = card.occurrences[0]
    assert path == "campaigns/hotline-111/materials/hotels-room-card.yml"
    assert card.msgid in (copy.root / path).read_text().splitlines()[int(line) - 1]
    label = entry(po, "labels:kind.poster")
    assert (label.msgid, label.msgstr) == ("Áp phích", "Poster")
    figure = next(item for item in po if "{trafficking.calls}" in item.msgid)
    assert "python-brace-format" in figure.flags
    assert "Keep each {name} as it is" in figure.comment
    assert not any(item.fuzzy for item in po)


def test_round_trip_changes_only_the_translations(copy: Project) -> None:
    po = exported(copy)
    before = snapshot(copy)
    edits = {
        # Translations keep what the content rules require (113 first, with 114 and 115).
        f"{ROOM_CARD}:sections[1].text": (
            "**In an emergency:** police **113**, ambulance **115**, fire **114**."
        ),
        "material/books-bookmark:back[0].text": (
            "Read the story together. A child in danger: call 113.\n\nRemember 111."
        ),
        "labels:kind.poster": "Wall poster",
        "campaign:tagline": "Protecting children; supporting victims of trafficking",
    }
    for unit_id, text in edits.items():
        entry(po, unit_id).msgstr = text
    po.save(str(copy.root / "edited.po"))

    result = run(copy, "import", "edited.po")
    assert result.returncode == 0, result.stderr
    assert "4 translations written to" in result.stdout

    changed = changed_lines(before, snapshot(copy))
    assert changed == {
        "campaigns/hotline-111/campaign.yml": [
            "  en: Protecting children; supporting victims of trafficking"
        ],
        "campaigns/hotline-111/materials/hotels-room-card.yml": [
            # still double-quoted
            '      en: "**In an emergency:** police **113**, ambulance **115**, fire **114**."'
        ],
        "campaigns/hotline-111/materials/books-bookmark.yml": [
            "        Read the story together. A child in danger: call 113.",  # still a block
            "        Remember 111.",
        ],
        "hotline_site/content/labels.yml": [
            "kind.poster: {vi: Áp phích, en: Wall poster, ko: 포스터}"
        ],
    }
    again = exported(copy)
    for unit_id, text in edits.items():
        assert entry(again, unit_id).msgstr == text
    assert copy.built().returncode == 0  # the site builds with the new translations


def test_importing_an_unedited_export_changes_nothing(copy: Project) -> None:
    exported(copy)
    before = snapshot(copy)
    result = run(copy, "import", "translations/en.po")
    assert result.returncode == 0, result.stderr
    assert snapshot(copy) == before


def test_a_file_whose_source_changed_since_export_is_refused(copy: Project) -> None:
    po = exported(copy)
    entry(po, f"{ROOM_CARD}:title").msgstr = "Need help? Ring 111"
    po.save(str(copy.root / "edited.po"))
    card = copy.campaign / "materials" / "hotels-room-card.yml"
    card.write_text(
        card.read_text()
        .replace(
            "vi: Lo cho một trẻ em, hay nghi có người bị mua bán? Gọi 111",
            "vi: Bạn lo cho một trẻ em? Gọi 111",
        )
        .replace("vi: Ai có thể gọi?", "vi: Ai được gọi?")
    )
    before = snapshot(copy)
    result = run(copy, "import", "edited.po")
    assert result.returncode == 1
    assert f"{ROOM_CARD}:title: the Vietnamese text changed since the export" in result.stderr
    assert "now 'Bạn lo cho một trẻ em? Gọi 111'" in result.stderr
    assert f"{ROOM_CARD}:back[0].heading: the Vietnamese text changed" in result.stderr
    assert "edited.po:" in result.stderr  # the entry's line in the PO file
    assert snapshot(copy) == before  # nothing written


def test_a_translation_is_stale_when_its_source_changes_later(copy: Project) -> None:
    assert run(copy, "import", "translations/en.po").returncode == 1  # no file yet
    exported(copy)
    assert run(copy, "import", "translations/en.po").returncode == 0  # records the sources
    card = copy.campaign / "materials" / "hotels-room-card.yml"
    card.write_text(card.read_text().replace("vi: Ai có thể gọi?", "vi: Ai được gọi?"))

    status = run(copy, "status")
    assert f"  stale: {ROOM_CARD}:back[0].heading" in status.stdout
    assert "1 stale" in status.stdout
    po = exported(copy)
    stale = entry(po, f"{ROOM_CARD}:back[0].heading")
    assert stale.fuzzy and stale.previous_msgid == "Ai có thể gọi?"
    assert stale.msgid == "Ai được gọi?" and stale.msgstr == "Who can call?"

    stale.msgstr = "Who may call?"
    stale.flags.remove("fuzzy")
    po.save(str(copy.root / "updated.po"))
    result = run(copy, "import", "updated.po")
    assert result.returncode == 0, result.stderr
    assert "0 stale" in result.stdout
    assert "en: Who may call?" in card.read_text()


def test_an_edited_source_and_translation_together_are_not_stale(copy: Project) -> None:
    exported(copy)
    run(copy, "import", "translations/en.po")
    card = copy.campaign / "materials" / "hotels-room-card.yml"
    card.write_text(
        card.read_text()
        .replace("vi: Ai có thể gọi?", "vi: Ai được gọi?")
        .replace("en: Who can call?", "en: Who may call?")
    )
    assert "0 stale" in run(copy, "status").stdout


def test_fuzzy_entries_are_written_as_unreviewed(copy: Project) -> None:
    po = exported(copy)
    item = entry(po, f"{ROOM_CARD}:title")
    item.msgstr, item.flags = "Need help? Dial 111", ["fuzzy"]
    po.save(str(copy.root / "draft.po"))
    result = run(copy, "import", "draft.po")
    assert result.returncode == 0, result.stderr
    assert "1 unreviewed" in result.stdout
    assert entry(exported(copy), f"{ROOM_CARD}:title").fuzzy  # until a translator clears it


def test_bad_translations_are_refused_naming_each(copy: Project) -> None:
    po = exported(copy)
    figure = next(item for item in po if "{trafficking.calls}" in item.msgid)
    figure.msgstr = figure.msgstr.replace("{trafficking.calls}", "764")
    entry(po, f"{ROOM_CARD}:title").msgstr = "# Need help?"
    entry(po, f"{ROOM_CARD}:summary").msgstr = "A table\u200b tent."
    po.append(polib.POEntry(msgctxt="material/gone:title", msgid="Đã xoá", msgstr="Gone"))
    po.save(str(copy.root / "bad.po"))
    before = snapshot(copy)
    result = run(copy, "import", "bad.po")
    assert result.returncode == 1
    assert f"{figure.msgctxt}: the translation has the figures" in result.stderr
    assert "material/gone:title: no such text any more" in result.stderr
    assert snapshot(copy) == before
    # The figure fixed: the model's own checks name file, line and field.
    figure.msgstr = entry(exported(copy), figure.msgctxt).msgstr
    po.remove(entry(po, "material/gone:title"))
    po.save(str(copy.root / "bad.po"))
    result = run(copy, "import", "bad.po")
    assert result.returncode == 1
    assert "hotels-room-card.yml:7: title: text in language 'en' has a heading" in result.stderr
    assert f"(the translation of {ROOM_CARD}:title)" in result.stderr
    assert "summary: text in language 'en' contains invisible characters" in result.stderr
    assert snapshot(copy) == before


def test_a_language_nothing_has_is_refused(copy: Project) -> None:
    result = run(copy, "export", "fr")
    assert result.returncode == 1
    assert "no texts to translate into 'fr'" in result.stderr


@pytest.mark.parametrize("language", ["en", "ko"])
def test_exported_po_files_pass_msgfmt_check(copy: Project, language: str) -> None:
    """Poedit and Weblate run ``msgfmt -c``: the exported file must pass it."""
    msgfmt = need_tool("msgfmt", "gettext", "the PO file check")
    exported(copy, language)
    po = copy.root / "translations" / f"{language}.po"
    checked = subprocess.run(
        [msgfmt, "--check", "--output-file=/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert "fatal" not in checked.stderr, checked.stderr


def test_a_label_whose_fields_differ_by_language_lists_them_for_the_translator(
    copy: Project,
) -> None:
    date = entry(exported(copy), "labels:date")
    assert "python-brace-format" not in date.flags
    assert "no-python-brace-format" in date.flags
    assert "{day}, {month}, {month_name}, {year}" in date.comment
