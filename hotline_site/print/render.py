"""Turn print jobs into PDFs (and a PNG preview of page 1) with Typst, with a cache.

Typst comes as a Python wheel with the whole compiler: no system library and,
with ``ignore_system_fonts``, no system font. It is given the project's static
Noto Sans instances (``fonts.py``) and nothing else, and checks PDF/UA-1 while
it writes. A PDF is cached under the hash of everything that goes into it, so a
rebuild with no change renders nothing.

Print-shop versions are laid out on trim + bleed + slug, with crop marks in the
slug; the page boxes are then set (TrimBox = trim, BleedBox = trim + 3 mm),
which Typst cannot do for a slug of its own.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.metadata
import io
import json
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hotline_site.print.fonts import font_dir, font_files
from hotline_site.print.plan import PrintJob

if TYPE_CHECKING:
    import typst

TEMPLATES = Path(__file__).with_name("templates")
PREVIEW_WIDTH = 360  # pixels: a thumbnail on the material page
FIXED_EPOCH = 1561852800  # 2019-06-30: only for a campaign that names no edition
MM = 72 / 25.4  # PDF points per millimetre
LAST_PAGE_MIN_FILL = 0.3
"""A document whose last page is filled less than this is set tighter or looser."""
_RESCALES = (0.95, 0.9, 0.85, 1.05, 1.1, 1.15, 1.2)
"""Type scales tried, in order, on a document whose last page is nearly empty: first
tighter (to save the page), then looser (to give the last page a fair share)."""


@dataclass(frozen=True)
class Rendered:
    job: PrintJob
    pdf: Path
    preview: Path | None
    """A PNG of page 1, for office versions (the ones the site shows)."""

    @property
    def size_kb(self) -> int:
        return max(1, round(self.pdf.stat().st_size / 1024))


@dataclass
class RenderReport:
    rendered: list[Rendered] = field(default_factory=list)
    from_cache: int = 0
    rendered_now: int = 0
    errors: list[str] = field(default_factory=list)


def default_workers() -> int:
    return int(os.environ.get("HOTLINE_PRINT_WORKERS") or os.cpu_count() or 1)


@cache
def renderer_fingerprint() -> str:
    """Templates, fonts, renderer code and Typst's version: what shapes every PDF."""
    digest = hashlib.sha256()
    for path in sorted(TEMPLATES.glob("*.typ")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for path in font_files():  # made once per font key (fonts.py): name, size and time tell
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    for module in ("render.py", "plan.py", "markup.py", "artwork.py", "edition.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    for package in ("typst", "pypdf", "segno", "markdown-it-py", "svgelements"):
        digest.update(importlib.metadata.version(package).encode())
    return digest.hexdigest()


def render_all(
    jobs: Sequence[PrintJob],
    cache_dir: Path,
    *,
    workers: int,
    on_done: Callable[[PrintJob], None] | None = None,
) -> RenderReport:
    """Render what the cache lacks; return every job's files and the errors.

    Errors are messages naming the material and file; the jobs that succeeded
    stay in the cache.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    fingerprint = renderer_fingerprint()
    keys = {job.filename: _key(job, fingerprint) for job in jobs}
    report = RenderReport()
    missing = [job for job in jobs if not _cached(keys[job.filename], cache_dir)]
    report.from_cache = len(jobs) - len(missing)
    if missing:
        import typst  # only to render: a build that changes nothing loads no Typst

        fonts = typst.Fonts(
            include_system_fonts=False,
            include_embedded_fonts=False,
            font_paths=[str(font_dir())],
        )

        def run(job: PrintJob) -> str | None:
            error = _render_one(job, keys[job.filename], cache_dir, fonts)
            if on_done is not None:
                on_done(job)
            return error

        # Typst releases the GIL while it lays out and writes: threads use every core.
        ordered = sorted(missing, key=lambda job: (job.format != "document", job.filename))
        with ThreadPoolExecutor(max(1, workers)) as pool:
            results = list(pool.map(run, ordered))
        report.errors = [error for error in results if error]
        report.rendered_now = len(missing) - len(report.errors)
    for job in jobs:
        key = keys[job.filename]
        if _cached(key, cache_dir):
            pdf, preview = _paths(key, cache_dir)
            report.rendered.append(Rendered(job, pdf, preview if preview.is_file() else None))
    return report


@dataclass(frozen=True)
class Compiled:
    pdf: bytes
    pages: int
    last_page_fill: float
    """How far down the last page's text area the content reaches, 0 to 1."""
    compiler: typst.Compiler = field(repr=False)
    """Kept for the preview: Typst reuses its layout, so the PNG costs little more."""


def compile_pdf(job: PrintJob, fonts: typst.Fonts, *, scale: float = 1.0) -> Compiled:
    """Compile one job. Raises :class:`PrintError` with a message for an editor."""
    import typst

    root = typst_root(job)
    data = {**_rooted(job.data, root), "scale": scale}
    compiler = typst.Compiler(
        _main_file(job, root),
        root=root,
        font_paths=fonts,
        ignore_system_fonts=True,
        sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
    )
    try:
        pdf, warnings = compiler.compile_with_warnings(
            format="pdf", pdf_standards=["ua-1"], timestamp=_timestamp(job)
        )
    except typst.TypstError as exc:
        raise PrintError(_plain(exc.message)) from None
    if warnings:
        raise PrintError("Typst warned: " + "; ".join(_plain(w.message) for w in warnings))
    assert isinstance(pdf, bytes)
    from pypdf import PdfReader  # only when rendering: a cached build never needs it

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    fill = 1.0
    if job.format == "document":
        ends = json.loads(compiler.query("<end>", field="value", format="json"))
        if ends:
            fill = float(ends[-1]["fill"])
    return Compiled(pdf, pages, fill, compiler)


def typst_root(job: PrintJob) -> Path:
    """The folder Typst may read: the templates and the job's pictures, nothing else.

    Without pictures, the templates folder. With pictures, a folder made once per set of
    pictures holding ``templates`` (a copy of the templates) and one link per picture,
    ``picture-<n>.<ext>``: whatever a picture or a text asks for (``../../x``,
    ``/etc/passwd``), Typst refuses a path that leaves it. Never ``/``.
    """
    pictures = tuple(sorted(set(_picture_paths(job.data))))
    return _project_folder(pictures) if pictures else TEMPLATES.resolve()


def _main_file(job: PrintJob, root: Path) -> Path:
    if root == TEMPLATES.resolve():
        return root / f"{job.format}.typ"
    return root / "templates" / f"{job.format}.typ"


_PROJECTS: dict[tuple[str, ...], Path] = {}
_PROJECTS_LOCK = threading.Lock()


def _project_folder(pictures: tuple[str, ...]) -> Path:
    with _PROJECTS_LOCK:
        folder = _PROJECTS.get(pictures)
        if folder is None or not folder.is_dir():
            folder = Path(tempfile.mkdtemp(prefix="hotline-typst-"))
            atexit.register(shutil.rmtree, folder, True)
            # A copy: Typst wants the main file inside the root once links are resolved.
            shutil.copytree(TEMPLATES, folder / "templates")
            for index, picture in enumerate(pictures):
                (folder / _picture_name(index, picture)).symlink_to(picture)
            _PROJECTS[pictures] = folder
        return folder


def _picture_name(index: int, picture: str) -> str:
    return f"picture-{index}{Path(picture).suffix.lower()}"


def _rooted(data: object, root: Path) -> Any:
    """``data`` with every picture's absolute ``path`` made its ``/picture-<n>.<ext>`` in
    ``root`` (Typst reads a path starting with ``/`` from the project root)."""
    pictures = sorted(set(_picture_paths(data)))

    def walk(value: object) -> Any:
        if isinstance(value, dict):
            rooted = {key: walk(item) for key, item in value.items()}
            path = value.get("path")
            if isinstance(path, str):
                resolved = str(Path(path).resolve())
                rooted["path"] = "/" + _picture_name(pictures.index(resolved), resolved)
            return rooted
        if isinstance(value, list):
            return [walk(item) for item in value]
        return value

    return walk(data)


def _picture_paths(data: object) -> list[str]:
    """Every picture's ``{"path": …}`` in a job's data, resolved."""
    if isinstance(data, dict):
        path = data.get("path")
        found = [str(Path(path).resolve())] if isinstance(path, str) else []
        return found + [
            found_path for value in data.values() for found_path in _picture_paths(value)
        ]
    if isinstance(data, list):
        return [path for value in data for path in _picture_paths(value)]
    return []


class PrintError(Exception):
    """A printable could not be made; the message says why, for an editor."""


def _render_one(job: PrintJob, key: str, cache_dir: Path, fonts: typst.Fonts) -> str | None:
    where = f"material '{job.material_id}' ({job.filename})"
    try:
        result = compile_pdf(job, fonts)
        if job.pages is not None and result.pages != job.pages:
            return (
                f"{where}: the text overflows its sheet: {result.pages} pages, expected "
                f"{job.pages}; shorten the text or choose a larger paper"
            )
        # A document that spills a few lines onto a last page is set a little tighter,
        # or a little looser, so that no page goes to the photocopier nearly empty.
        for scale in _RESCALES:
            if result.pages == 1 or result.last_page_fill >= LAST_PAGE_MIN_FILL:
                break
            other = compile_pdf(job, fonts, scale=scale)
            if other.pages < result.pages or (
                other.pages == result.pages and other.last_page_fill >= LAST_PAGE_MIN_FILL
            ):
                result = other
        pdf = result.pdf
        preview = None
        if job.print_shop:
            pdf = set_print_boxes(pdf, job)
        else:
            preview = preview_png(job, result.compiler)
    except PrintError as error:
        return f"{where}: {error}"
    pdf_path, preview_path = _paths(key, cache_dir)
    if preview is not None:
        _write_atomic(preview_path, preview)
    _write_atomic(pdf_path, pdf)  # the PDF last: it marks the job as done
    return None


def set_print_boxes(pdf: bytes, job: PrintJob) -> bytes:
    """TrimBox = the trim, BleedBox = trim + bleed, on a page laid out with a slug."""
    from pypdf import PdfWriter
    from pypdf.generic import RectangleObject

    bleed, slug = job.data["bleed"] * MM, job.data["slug"] * MM
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    # pypdf would begin the file with its own %PDF-1.3: keep Typst's header, which the
    # metadata (pdf:PDFVersion) and the features used (PDF 1.7) agree with.
    header = re.match(rb"%PDF-\d\.\d", pdf)
    if header:
        writer.pdf_header = header.group()
    for page in writer.pages:
        box = page.mediabox
        left, bottom = float(box.left), float(box.bottom)
        right, top = float(box.right), float(box.top)
        outer = bleed + slug
        page.trimbox = RectangleObject([left + outer, bottom + outer, right - outer, top - outer])
        page.bleedbox = RectangleObject([left + slug, bottom + slug, right - slug, top - slug])
        page.artbox = page.trimbox
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def preview_png(job: PrintJob, compiler: typst.Compiler) -> bytes:
    """Page 1 at about ``PREVIEW_WIDTH`` pixels wide, from the compiler that made the PDF."""
    import typst

    paper = job.data.get("sheet") or job.data["paper"]
    width_mm = paper["width"]
    if job.format == "leaflet":
        width_mm = max(paper["width"], paper["height"])  # printed landscape
    try:
        pages = compiler.compile(format="png", ppi=PREVIEW_WIDTH / (width_mm / 25.4))
    except typst.TypstError as exc:
        raise PrintError(_plain(exc.message)) from None
    first = pages[0] if isinstance(pages, list) else pages
    assert isinstance(first, bytes)
    return first


def publish_files(files: dict[str, Path], destination: Path) -> None:
    """Copy files (relative name -> source file) into the built site.

    Copies, never hard links: a file in the site shares nothing with the campaign's
    sources or the print cache, so a ``chmod`` or an edit in ``site/`` changes only it.
    """
    destination.mkdir(parents=True, exist_ok=True)
    for name, source in sorted(files.items()):
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        shutil.copyfile(source, target)


def _key(job: PrintJob, fingerprint: str) -> str:
    return hashlib.sha256(f"{job.key}|{fingerprint}|{_timestamp(job)}".encode()).hexdigest()


def _timestamp(job: PrintJob) -> int:
    """The PDF's creation date: the campaign's edition (campaign.yml ``edition``), which
    the piece also prints; for a campaign without one, ``SOURCE_DATE_EPOCH`` if set, else
    a fixed date. Never the build's clock: the same content gives the same PDF."""
    if job.created is not None:
        return job.created
    return int(os.environ.get("SOURCE_DATE_EPOCH") or FIXED_EPOCH)


def _paths(key: str, cache_dir: Path) -> tuple[Path, Path]:
    return cache_dir / f"{key}.pdf", cache_dir / f"{key}.png"


def _cached(key: str, cache_dir: Path) -> bool:
    """The PDF is written last, after its preview: its presence means the job is done."""
    return _paths(key, cache_dir)[0].is_file()


def _write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file; readable by all, like any file a web server serves."""
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
        handle.write(data)
    Path(handle.name).chmod(0o644)  # NamedTemporaryFile makes it 0600
    Path(handle.name).replace(path)


def _plain(message: str) -> str:
    """Typst's message without its panic wrapper: 'panicked with: "OVERFLOW: …"'."""
    text = re.sub(r'^panicked with: "?(.*?)"?$', r"\1", message.strip(), flags=re.DOTALL)
    return text.removeprefix("OVERFLOW: ")
