"""Turn print jobs into PDFs (and a PNG preview of page 1), in parallel, with a cache.

Importing WeasyPrint costs about half a second per process, so each worker
process renders a whole batch. A PDF is cached under the hash of everything
that goes into it; a rebuild with no change renders nothing.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from hotline_site.printables import PrintJob

PREVIEW_WIDTH = 360  # pixels: enough for a thumbnail on the material page
FIXED_EPOCH = "1561852800"  # 2019-06-30, the end of the first period the campaign reported


@dataclass(frozen=True)
class Rendered:
    job: PrintJob
    pdf: Path
    preview: Path

    @property
    def size_kb(self) -> int:
        return max(1, round(self.pdf.stat().st_size / 1024))


@dataclass(frozen=True)
class _Task:
    """What a worker process needs to render one PDF (plain data: it is pickled)."""

    key: str
    filename: str
    material_id: str
    html: str
    expected_pages: int | None


@dataclass
class RenderReport:
    rendered: list[Rendered] = field(default_factory=list)
    from_cache: int = 0
    rendered_now: int = 0
    errors: list[str] = field(default_factory=list)


def default_workers() -> int:
    return int(os.environ.get("HOTLINE_PRINT_WORKERS") or os.cpu_count() or 1)


def render_all(jobs: Sequence[PrintJob], cache_dir: Path, *, workers: int) -> RenderReport:
    """Render what the cache lacks; return every job's files and the errors."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    report = RenderReport()
    missing = [job for job in jobs if not _cached(job.key, cache_dir)]
    report.from_cache = len(jobs) - len(missing)
    if missing:
        tasks = [
            _Task(job.key, job.filename, job.material_id, job.html, job.expected_pages)
            for job in missing
        ]
        batches = _batches(tasks, workers)
        if len(batches) == 1:
            results = [_render_batch(batches[0], str(cache_dir))]
        else:
            with ProcessPoolExecutor(len(batches), mp_context=get_context("spawn")) as pool:
                results = list(pool.map(_render_batch, batches, [str(cache_dir)] * len(batches)))
        for errors in results:
            report.errors += errors
        report.rendered_now = len(missing) - sum(len(errors) for errors in results)
    for job in jobs:
        if _cached(job.key, cache_dir):
            pdf, preview = _paths(job.key, cache_dir)
            report.rendered.append(Rendered(job, pdf, preview))
    return report


MIN_TASKS_PER_WORKER = 8  # below this, starting a process (WeasyPrint: ~0.5 s) costs more


def _batches(tasks: Sequence[_Task], workers: int) -> list[list[_Task]]:
    # Big sheets cost most: deal them out first so the batches even out.
    ordered = sorted(tasks, key=lambda task: ("-a3" not in task.filename, task.filename))
    count = max(1, min(workers, -(-len(ordered) // MIN_TASKS_PER_WORKER)))
    return [ordered[index::count] for index in range(count) if ordered[index::count]]


def _paths(key: str, cache_dir: Path) -> tuple[Path, Path]:
    return cache_dir / f"{key}.pdf", cache_dir / f"{key}.png"


def _cached(key: str, cache_dir: Path) -> bool:
    pdf, preview = _paths(key, cache_dir)
    return pdf.is_file() and preview.is_file()


class _Warnings(logging.Handler):
    """WeasyPrint only warns about a missing glyph or a bad rule; we treat that as an error."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _render_batch(jobs: list[_Task], cache_dir: str) -> list[str]:
    """Render jobs in this process; return one error message per failed job."""
    # WeasyPrint turns the variable Noto Sans into static instances with fontTools,
    # which stamps the current time into each font unless SOURCE_DATE_EPOCH is set.
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = previous or FIXED_EPOCH
    try:
        return _render_jobs(jobs, cache_dir)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def _render_jobs(jobs: list[_Task], cache_dir: str) -> list[str]:
    import pypdfium2
    import weasyprint

    warnings = _Warnings()
    for name in ("weasyprint", "weasyprint.progress"):
        logging.getLogger(name).addHandler(warnings)
    font_config = weasyprint.text.fonts.FontConfiguration()
    errors = []
    for job in jobs:
        warnings.messages.clear()
        pdf_path, preview_path = _paths(job.key, Path(cache_dir))
        where = f"material '{job.material_id}' ({job.filename})"
        try:
            document = weasyprint.HTML(string=job.html, base_url=cache_dir).render(
                font_config=font_config, pdf_variant="pdf/ua-1"
            )
            pages = len(document.pages)
            if job.expected_pages is not None and pages != job.expected_pages:
                errors.append(
                    f"{where}: the text overflows its sheet: {pages} pages, expected "
                    f"{job.expected_pages} (one a side); shorten the text or print it larger"
                )
                continue
            data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=job.key[:32].encode())
            if warnings.messages:  # missing glyphs are only reported while drawing
                errors.append(f"{where}: WeasyPrint warned: {'; '.join(warnings.messages)}")
                continue
            temporary = pdf_path.with_suffix(".tmp")
            temporary.write_bytes(data)
            pdf = pypdfium2.PdfDocument(data)
            page = pdf[0]
            scale = PREVIEW_WIDTH / page.get_width()
            page.render(scale=scale).to_pil().save(
                preview_path.with_suffix(".tmp.png"), "PNG", optimize=True
            )
            pdf.close()
            preview_path.with_suffix(".tmp.png").replace(preview_path)
            temporary.replace(pdf_path)  # the PDF last: it marks the job as done
        except Exception as exc:  # a template or font problem: report it, keep going
            errors.append(f"{where}: {type(exc).__name__}: {exc}")
    return errors


def publish_files(files: dict[str, Path], destination: Path) -> None:
    """Copy rendered files (name -> cached file) into the built site, as hard links if possible."""
    destination.mkdir(parents=True, exist_ok=True)
    for name, source in sorted(files.items()):
        target = destination / name
        target.unlink(missing_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
