"""Hostile and broken YAML is refused with file, line and what to write instead.

Explicit tags, anchors and aliases, merge keys, deep nesting and oversize files
are refused before anything is built, and the previous site stays; editor and
system leftovers in ``materials/`` are skipped with an INFO note.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SUMMARY, Project, make_project

from hotline_site.content.problems import ContentError
from hotline_site.content.yamlfile import MAX_BYTES, MAX_DEPTH, load_yaml
from hotline_site.project import load_folder

TAGS = "YAML tags (words starting with '!') are not allowed"
ANCHORS = "YAML anchors (&name) and aliases (*name) are not allowed"
MERGE = "YAML merge keys ('<<') are not allowed"
DEEP = f"nested more than {MAX_DEPTH} levels deep; at most {MAX_DEPTH} levels are allowed"
LARGE = "is larger than 1 MB; a content file may be at most 1 MB"

ALIAS_BOMB = "\n".join(
    [
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]"
            for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)
"""Nine levels of nine aliases: about 387 million strings once expanded."""

DEEP_LIST = "id: deep\nsections: " + "[" * 500 + "]" * 500 + "\n"

NOTICE = Path("materials/notice.yml")
LOGGER = "mkdocs.plugins.hotline_site.content.campaign"


def replace(old: str, new: str) -> Callable[[Path], None]:
    def edit(campaign: Path) -> None:
        path = campaign / NOTICE
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {NOTICE}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def add_file(relative: str, text: str) -> Callable[[Path], None]:
    def edit(campaign: Path) -> None:
        (campaign / relative).write_text(text, encoding="utf-8")

    return edit


def material(material_id: str, title: str) -> str:
    """A valid community poster."""
    return (
        f"id: {material_id}\naudience: community\nkind: poster\n"
        f"title: {{vi: {title}, en: {title}}}\nsummary: {{vi: Tóm tắt., en: Summary.}}\n"
        'sections:\n  - text: {vi: "Nguy hiểm: gọi 113 trước; cấp cứu 115, cháy 114. Gọi 111.", '
        'en: "In danger: call 113 first; ambulance 115, fire 114. Call 111."}\n'
    )


# Case -> (edit of the campaign folder, fragments stderr must contain).
CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "python object tag": (
        replace("kind: poster", 'kind: !!python/object/apply:os.system ["touch pwned"]'),
        ["materials/notice.yml:3: uses the tag '!!python/object/apply:os.system'", TAGS],
    ),
    "custom tag": (
        replace("kind: poster", "kind: !custom poster"),
        ["materials/notice.yml:3: uses the tag '!custom'", TAGS],
    ),
    "binary tag": (
        replace("kind: poster", "kind: !!binary cG9zdGVy"),
        ["materials/notice.yml:3: uses the tag '!!binary'", TAGS],
    ),
    "merge key": (
        replace("title: {vi: Thông báo, en: Notice}", "title:\n  <<: {vi: Thông báo, en: Notice}"),
        ["materials/notice.yml:5: uses a merge key '<<'", MERGE],
    ),
    "alias bomb": (
        add_file("materials/bomb.yml", ALIAS_BOMB),
        ["materials/bomb.yml:1: defines the anchor '&a'", ANCHORS],
    ),
    "500-deep list": (
        add_file("materials/deep.yml", DEEP_LIST),
        ["materials/deep.yml:2: lists and fields are", DEEP],
    ),
    "oversize file": (
        add_file("materials/big.yml", "id: big\nsummary: " + "a" * MAX_BYTES + "\n"),
        ["materials/big.yml:1: " + LARGE, "(1,048,576 bytes)"],
    ),
}


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    built = make_project(tmp_path_factory.mktemp("previous"))
    built.built()
    return built


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_yaml_is_refused_and_the_site_is_kept(
    case: str, previous_site: Project, tmp_path: Path
) -> None:
    project = Project(tmp_path / "p")
    shutil.copytree(previous_site.root, project.root)
    before = project.site_fingerprint()
    edit, expected = CASES[case]
    edit(project.campaign)

    result = project.build()

    assert result.returncode != 0
    for fragment in expected:
        assert fragment in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "<unicode string>" not in result.stderr, result.stderr
    assert project.site_fingerprint() == before
    assert not (project.root / "pwned").exists()


def test_a_yaml_material_is_read(project: Project) -> None:
    add_file("materials/extra.yaml", material("extra", "Bản YAML"))(project.campaign)

    project.built()

    assert "Bản YAML" in project.html("materials/community/extra/index.html")


def test_editor_and_system_leftovers_are_skipped(project: Project) -> None:
    materials = project.campaign / "materials"
    (materials / ".#notice.yml").symlink_to("editor@host.4242:1700000000")  # Emacs lock
    (materials / "._notice.yml").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    (materials / "notice.yml~").write_text("id: [broken\n", encoding="utf-8")
    (materials / ".draft.yml").write_text(material("draft", "Bản nháp bí mật"), encoding="utf-8")

    result = project.built()

    for name in (".#notice.yml", "._notice.yml", "notice.yml~", ".draft.yml"):
        note = f"INFO    -  Materials: skipped campaigns/hotline-111/materials/{name} "
        assert note in result.stderr, result.stderr
    assert not (project.site / "materials" / "community" / "draft").exists()
    published = [  # pages, search index, sitemap, offline kit (ZIP names are plain text)
        path
        for path in project.site.rglob("*")
        if path.is_file()
        and any(mark in path.read_bytes() for mark in (b"community/draft", "nháp bí mật".encode()))
    ]
    assert published == []


def test_leftovers_are_noted_at_info_and_yaml_files_are_read(
    project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    materials = project.campaign / "materials"
    (materials / "notice.yml").rename(materials / "notice.yaml")
    (materials / ".draft.yml").write_text(material("draft", "Nháp"), encoding="utf-8")
    (materials / "poster.yml~").write_text("id: [broken\n", encoding="utf-8")

    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        campaign = load_folder(project.campaign, ["vi", "en"]).campaign

    ids = {item.id for item in campaign.materials}
    assert "notice" in ids
    assert "draft" not in ids
    assert campaign.sources["notice"].name == "notice.yaml"
    notes = [(record.name, record.levelno, record.getMessage()) for record in caplog.records]
    assert [(name, level) for name, level, _ in notes] == [(LOGGER, logging.INFO)] * 2
    assert ".draft.yml" in notes[0][2]
    assert "poster.yml~" in notes[1][2]


def test_the_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")

    start = time.perf_counter()
    with pytest.raises(ContentError) as caught:
        load_yaml(path, display_path="bomb.yml")
    elapsed = time.perf_counter() - start

    SUMMARY.append(f"alias bomb refused in {elapsed * 1000:.1f} ms")
    assert elapsed < 2.0
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("bomb.yml", 1)
    assert ANCHORS in problem.message


# YAML text -> (line, fragment of the message) of the only problem.
REFUSED = {
    "python object": ('a: !!python/object/apply:os.system ["ls"]\n', 1, TAGS),
    "python name": ("a: 1\nb: !!python/name:os.system\n", 2, "'!!python/name:os.system'"),
    "custom tag": ("a:\n  - !custom x\n", 2, "uses the tag '!custom'"),
    "binary": ("a: !!binary aGk=\n", 1, "uses the tag '!!binary'"),
    "str tag": ("a: !!str 1\n", 1, "uses the tag '!!str'"),
    "map tag": ("a: !!map {b: 1}\n", 1, "uses the tag '!!map'"),
    "non-specific tag": ("a: ! x\n", 1, "uses the tag '!'"),
    "merge key": ("a: {b: 1}\nc:\n  <<: {b: 2}\n", 3, MERGE),
    "anchor": ("a: &x 1\nb: 2\n", 1, "defines the anchor '&x'"),
    "anchor and alias": ("a: &x 1\nb: *x\n", 1, "defines the anchor '&x'"),
    "undefined alias": ("a: 1\nb: *x\n", 2, "uses the alias '*x'"),
    "anchor twice": ("a: &x 1\nb: &x 2\n", 1, "defines the anchor '&x'"),
    "deep list": ("a: " + "[" * 500 + "]" * 500 + "\n", 1, DEEP),
    "deep mapping": ("a: " + "{b: " * 30 + "1" + "}" * 30 + "\n", 1, DEEP),
    "bad date": ("when: 2024-02-30\n", 1, "2024-02-30 is not a date that exists (day is out"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_load_yaml_refuses(case: str, tmp_path: Path) -> None:
    text, line, fragment = REFUSED[case]
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(ContentError) as caught:
        load_yaml(path, display_path="materials/x.yml")

    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("materials/x.yml", line)
    assert fragment in problem.message
    assert "<unicode string>" not in str(caught.value)


def test_every_kind_of_refusal_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("a: &x 1\nb: !!str 2\nc:\n  <<: *x\n", encoding="utf-8")

    with pytest.raises(ContentError) as caught:
        load_yaml(path)

    lines = [(problem.line, problem.message.split(":")[0]) for problem in caught.value.problems]
    assert lines == [
        (1, "defines the anchor '&x'"),
        (2, "uses the tag '!!str'"),
        (4, "uses a merge key '<<'"),
    ]


def test_nesting_up_to_the_limit_loads(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n")
    data = load_yaml(path).data["a"]  # the mapping is level 1, this list level 2
    for _ in range(MAX_DEPTH - 2):
        data = data[0]
    assert data == []

    path.write_text("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")
    with pytest.raises(ContentError, match="nested more than"):
        load_yaml(path)


def test_a_large_file_is_refused_before_it_is_read_as_yaml(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"a: [\xff" + b" " * MAX_BYTES)  # neither UTF-8 nor valid YAML

    with pytest.raises(ContentError) as caught:
        load_yaml(path, display_path="x.yml")

    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("x.yml", 1)
    assert LARGE in problem.message


def test_a_file_at_the_size_limit_loads(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    prefix = "a: "
    path.write_text(prefix + "b" * (MAX_BYTES - len(prefix)), encoding="utf-8")
    assert path.stat().st_size == MAX_BYTES
    assert len(load_yaml(path).data["a"]) == MAX_BYTES - len(prefix)


def test_valid_yaml_loads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(
        (
            'a: Yes\nb: "Tie\u0302\u0301ng"\nc:\n  "<<": quoted\n  d: <<\n  e: =\n'
            "f: [1, 2.5, true, null]\ng: 'it''s & *not* !an alias'\r\nh: |\r\n  one\r\n  two\r\n"
        ).encode()
    )

    document = load_yaml(path)

    assert document.data == {
        "a": "Yes",
        "b": "Tiếng",
        "c": {"<<": "quoted", "d": "<<", "e": "="},
        "f": [1, 2.5, True, None],
        "g": "it's & *not* !an alias",
        "h": "one\ntwo\n",
    }
    assert document.line_of(("c", "e")) == 6
    assert document.line_of(("h",)) == 9


def test_duplicate_keys_are_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_yaml(path, display_path="x.yml")
    assert str(caught.value.problems[0]) == (
        "x.yml:3: a: appears twice in the same mapping; write each field once"
    )
