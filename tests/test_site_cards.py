"""Social cards (the picture beside a shared link): Vietnamese marks have room between lines."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from hotline_site.print.social import Card, render_cards


def _rows(png: bytes) -> list[bytes]:
    """The pixel rows of an 8-bit RGB or RGBA PNG (what Typst writes), unfiltered."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, data, header = 8, b"", b""
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        body = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            data += body
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    step = 3 if colour == 2 else 4
    raw = zlib.decompress(data)
    stride = width * step
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for x in range(stride):
            left = line[x - step] if x >= step else 0
            up = previous[x]
            corner = previous[x - step] if x >= step else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + best) & 255
        rows.append(
            bytes(line) if step == 3 else bytes(b for i, b in enumerate(line) if i % 4 != 3)
        )
        previous = line
    return rows


def test_stacked_marks_never_touch_the_line_above(tmp_path: Path) -> None:
    """A two-line bold title whose second line starts with capitals carrying two marks, under
    the descenders of "gp": between the lines' white ink there is a clear row."""
    title = "Cần giúp đỡ? Gọi 111 bất kỳ phút nào: Ủ Ấ Ổ Ỗ quyển sách"
    card = Card(
        lang="vi", site="Tổng đài 111", title=title, tagline="Bảo vệ trẻ em", call="Gọi",
        hotline="111", free="Miễn phí, 24 giờ mỗi ngày", primary="#0b5a8a", accent="#b8400d",
    )  # fmt: skip
    paths, rendered = render_cards({"x.png": card}, tmp_path, workers=1)
    assert rendered == 1
    rows = _rows(paths["x.png"].read_bytes())
    # The title is pure white; the site's name and the tagline are a lighter blue.
    inked = [any(row[x * 3 : x * 3 + 3] == b"\xff\xff\xff" for x in range(40, 800)) for row in rows]
    runs: list[list[int]] = []
    for y, ink in enumerate(inked):
        if ink:
            if runs and runs[-1][1] == y - 1:
                runs[-1][1] = y
            else:
                runs.append([y, y])
    heights = [end - start + 1 for start, end in runs]
    size = card.title_size
    assert len(runs) == 2, (runs, heights)  # two lines, apart: not one merged block
    assert all(height < 1.45 * size for height in heights), (heights, size)
    assert runs[1][0] - runs[0][1] >= 3, runs  # at least 3 px of air between them
