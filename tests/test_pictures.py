"""Pictures are checked on the way in: SVG that could run or load anything, image bombs,
links and files outside the campaign folder are refused with the file, field and reason."""

from __future__ import annotations

import os
import re
import shutil
import struct
import time
import zlib
from pathlib import Path

import pytest
from conftest import FIXTURES

from hotline_site.content.campaign import load_campaign
from hotline_site.content.pictures import PictureRefused, check_picture, check_svg
from hotline_site.content.problems import ContentError

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
    ' viewBox="0 0 10 10">{}</svg>'
)

HOSTILE_SVG = {
    "script": "<script>alert(1)</script>",
    "onload": '<rect width="1" height="1" onload="alert(1)"/>',
    "onclick upper": '<g ONCLICK="alert(1)"/>',
    "foreignObject": "<foreignObject><div xmlns='http://www.w3.org/1999/xhtml'>x</div></foreignObject>",
    "html script": "<h:script xmlns:h='http://www.w3.org/1999/xhtml'>alert(1)</h:script>",
    "javascript link": '<a href="javascript:alert(1)"><text>x</text></a>',
    "xlink javascript": '<a xlink:href="javascript:alert(1)"><text>x</text></a>',
    "parent image": '<image href="../../../etc/passwd.png" width="1" height="1"/>',
    "use other file": '<use href="other.svg#a"/>',
    "data image": '<image href="data:image/png;base64,AAAA"/>',
    "remote image": '<image href="https://example.org/x.png"/>',
    "set animation": '<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>',
    "iframe": "<iframe/>",
    "style url": "<style>rect { fill: url(https://example.org/x) }</style>",
    "style import": '<style>@import "https://example.org/x.css";</style>',
    "attribute url": '<rect fill="url(../x.svg#g)" width="1" height="1"/>',
    "style attribute": '<rect style="background:url(//example.org/x)" width="1" height="1"/>',
}


def _svg(body: str) -> bytes:
    return SVG.format(body).encode()


@pytest.mark.parametrize("case", sorted(HOSTILE_SVG))
def test_hostile_svg_is_refused(case: str) -> None:
    with pytest.raises(PictureRefused, match=r"assets/x\.svg"):
        check_svg(_svg(HOSTILE_SVG[case]), "assets/x.svg")


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><?xml-stylesheet href="https://example.org/x.css"?>' + _svg(""),
        b'<!DOCTYPE svg [<!ENTITY a "aaaa">]>' + _svg("<text>&a;</text>"),
        b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + _svg("<text>&x;</text>"),
        b"<html><script>alert(1)</script></html>",
        b"<svg",
    ],
    ids=["stylesheet PI", "entity", "XXE", "not svg", "broken"],
)
def test_svg_without_dtd_entities_or_instructions(data: bytes) -> None:
    with pytest.raises(PictureRefused, match=r"assets/x\.svg"):
        check_svg(data, "assets/x.svg")


def test_a_plain_drawing_passes() -> None:
    drawing = (
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
        '<clipPath id="c"><rect width="5" height="5"/></clipPath></defs>'
        '<rect width="10" height="10" fill="url(#g)" clip-path="url( #c )"/>'
        '<use xlink:href="#c"/><text x="1" y="5">Tổng đài 111</text>'
        "<style>rect { fill: url('#g') }</style>"
    )
    check_svg(b'<?xml version="1.0" encoding="UTF-8"?>\n' + _svg(drawing), "assets/ok.svg")
    check_picture(FIXTURES / "campaign", "assets/logo-111.svg")


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def _jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    root = tmp_path / "campaigns" / "campaign"
    shutil.copytree(FIXTURES / "campaign", root)
    return root


def _use_image(campaign: Path, image: str) -> None:
    notice = campaign / "materials" / "notice.yml"
    notice.write_text(
        notice.read_text().replace(
            "kind: poster", f"kind: poster\nimage: {image}\nimage_alt: {{vi: Ảnh, en: Picture}}"
        )
    )


def _problems(campaign: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_campaign(campaign, languages=("vi", "en"))
    return "\n".join(str(problem) for problem in caught.value.problems)


def test_an_image_bomb_is_refused_at_once_naming_the_file(campaign: Path) -> None:
    (campaign / "assets" / "bomb.png").write_bytes(_png(30_000, 30_000) + b"\0" * 2_700_000)
    _use_image(campaign, "assets/bomb.png")
    started = time.monotonic()
    problems = _problems(campaign)
    assert time.monotonic() - started < 5
    assert "materials/notice.yml" in problems and "image" in problems
    assert "'assets/bomb.png' is 30,000 × 30,000 pixels" in problems


def test_pixel_counts_from_headers(campaign: Path) -> None:
    (campaign / "assets" / "a.png").write_bytes(_png(3508, 4961))
    (campaign / "assets" / "b.jpg").write_bytes(_jpeg(2000, 1000))
    (campaign / "assets" / "c.jpg").write_bytes(_jpeg(40_000, 40_000))
    (campaign / "assets" / "d.png").write_bytes(b"<svg onload=alert(1)>")
    check_picture(campaign, "assets/a.png")
    check_picture(campaign, "assets/b.jpg")
    with pytest.raises(PictureRefused, match=r"'assets/c.jpg' is 40,000 × 40,000 pixels"):
        check_picture(campaign, "assets/c.jpg")
    with pytest.raises(PictureRefused, match="is not a PNG file"):
        check_picture(campaign, "assets/d.png")


def test_a_huge_file_is_refused_before_it_is_read(campaign: Path) -> None:
    big = campaign / "assets" / "big.png"
    with big.open("wb") as stream:
        stream.write(_png(100, 100))
        stream.truncate(3 * 1024**3)  # sparse: 3 GB that would take long to read
    started = time.monotonic()
    with pytest.raises(PictureRefused, match=r"'assets/big.png' is 3,221,225,472 bytes"):
        check_picture(campaign, "assets/big.png")
    assert time.monotonic() - started < 1


def test_links_and_special_files_are_refused(campaign: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.svg").write_bytes(_svg(""))
    (campaign / "assets" / "linked").symlink_to(outside)
    (campaign / "assets" / "file-link.svg").symlink_to(outside / "secret.svg")
    (campaign / "assets" / "zero.png").symlink_to("/dev/zero")
    os.mkfifo(campaign / "assets" / "fifo.png")
    for image, reason in [
        ("assets/linked/secret.svg", "'assets/linked' is a symbolic link"),
        ("assets/file-link.svg", "'assets/file-link.svg' is a symbolic link"),
        ("assets/zero.png", "'assets/zero.png' is a symbolic link"),
        ("assets/fifo.png", "'assets/fifo.png' is not a regular file (a FIFO)"),
        ("assets/../../x.svg", "lies outside the campaign folder"),
    ]:
        with pytest.raises(PictureRefused, match=re.escape(reason)):
            check_picture(campaign, image)


def test_a_scripted_svg_stops_the_check_with_file_and_field(campaign: Path) -> None:
    (campaign / "assets" / "run.svg").write_bytes(_svg('<rect onload="alert(1)"/>'))
    _use_image(campaign, "assets/run.svg")
    problems = _problems(campaign)
    assert "materials/notice.yml" in problems
    assert (
        "image: the SVG picture 'assets/run.svg' has an event handler attribute (onload= on <rect>)"
        in (problems)
    )


@pytest.mark.parametrize(
    ("written", "letter"),
    [("mẹ", "ẹ"), ("bị", "ị"), ("học", "ọ"), ("cụ", "ụ"), ("CỤ", "Ụ"), ("me\u0323", "ẹ")],
)
def test_svg_text_with_a_letter_the_print_font_lacks_names_file_and_letter(
    written: str, letter: str
) -> None:
    """ẹ ị ọ ụ in an SVG's text stop the PDF build with "missing codepoints" and no file
    named: the check names the picture and the letter (NFC, as typed in NFD too)."""
    body = f'<text x="1" y="5">Gam 111 <tspan>{written}</tspan></text>'
    with pytest.raises(PictureRefused) as refused:
        check_svg(_svg(body), "assets/sign.svg")
    message = str(refused.value)
    assert f"the SVG picture 'assets/sign.svg' has the letter '{letter}'" in message
    assert "Object to Path" in message


def test_svg_text_with_other_vietnamese_letters_passes() -> None:
    body = '<text x="1" y="5">Tổng đài 111 — trẻ em, người lớn, ạ ặ ậ ệ ộ ợ ự ỵ</text>'
    check_svg(_svg(body), "assets/ok.svg")


def test_a_picture_with_such_a_letter_stops_the_check_with_file_and_field(campaign: Path) -> None:
    (campaign / "assets" / "sign.svg").write_bytes(_svg('<text x="1" y="5">Gọi 111</text>'))
    _use_image(campaign, "assets/sign.svg")
    problems = _problems(campaign)
    assert "materials/notice.yml" in problems
    assert "image: the SVG picture 'assets/sign.svg' has the letter 'ọ'" in problems
