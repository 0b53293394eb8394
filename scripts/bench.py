"""Benchmark the build on synthetic campaigns of 10, 100 and 500 materials (and 5,000).

Usage: python scripts/bench.py [--sizes 10 100 500] [--scale-sizes 5000]
       [--output scripts/bench-results.md]

The scale sizes (none by default; ``make bench SCALE=5000``, about 30 minutes more on
2 cores) run only a clean and a no-change `make site` and the plain build, for the
ratios and the peak memory.

Each measurement runs as a whole process; wall and CPU seconds come from the
clock and getrusage, peak memory is the largest process of the run. Campaigns
are generated in a temporary folder, never in campaigns/. The targets are
ratios measured in the same run, so a busy machine does not change the verdict.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from synthetic_campaign import REAL_CAMPAIGN, make_project

from hotline_site.web.navigation import NAV_MATERIALS_MAX

__all__ = ["make_project"]  # the bench regression test builds the same campaigns

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    output: str


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "PEAK_KB=%M", *command],
        cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # The print stage works in threads, so the process's own peak is the run's (getrusage's
    # ru_maxrss of children is the largest child since the bench started, not this run's).
    peak = max(int(value) for value in re.findall(r"PEAK_KB=(\d+)", result.stderr)) / 1024
    return Run(wall, cpu, peak, result.stderr)


def baseline_config(project: Path) -> Path:
    """mkdocs.yml without our plugin, the generated pages listed in the nav by hand as the
    plugin lists them (an audience past ``NAV_MATERIALS_MAX`` materials: its landing page
    only; listing them all would make the baseline grow with the square of the pages)."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["plugins"] = [
        p for p in config["plugins"] if not (isinstance(p, dict) and "hotline" in p)
    ]
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            # Without the i18n plugin's duplicate-entry pass, quadratic in the pages (our
            # plugin puts a linear one in its place): at 5,000 materials it was most of the
            # plain build, and a baseline that grows with the square flatters the ratio.
            plugin["i18n"]["reconfigure_search"] = False
    # The templates' words, which the plugin gives them per language: the default
    # language's for every page will do for a timing.
    words = _theme_words()
    config.setdefault("extra", {})["words"] = words[next(iter(words))]
    config["extra"]["words_by_language"] = words
    docs = project / "docs"
    nav: list[Any] = []
    for entry in config["nav"]:
        nav.append(entry)
        if entry == "materials/index.md":
            for audience in ("schools", "hotels", "books", "community"):
                folder = docs / "materials" / audience
                pages = sorted({p.name.split(".")[0] for p in folder.glob("*.vi.md")} - {"index"})
                entries = [f"materials/{audience}/{page}.md" for page in pages]
                if len(entries) > NAV_MATERIALS_MAX:  # the hotline build's navigation, too
                    entries = []
                nav.append({audience: [f"materials/{audience}/index.md", *entries]})
    config["nav"] = nav
    target = project / "mkdocs-baseline.yml"
    target.write_text(yaml.safe_dump(config, allow_unicode=True))
    return target


@functools.cache
def _theme_words() -> dict[str, dict[str, str]]:
    """The shipped campaign's theme words (a synthetic one copies its campaign.yml)."""
    from hotline_site import project
    from hotline_site.web.stages import theme_words

    return theme_words(project.load(project.settings_for(REAL_CAMPAIGN)))


PRINT_STAGE = """
import sys, time
from pathlib import Path
import os
os.environ["HOTLINE_PRINT_WORKERS"] = sys.argv[3]
from hotline_site import project
if __name__ == "__main__":
    settings = project.settings_for(
        Path(sys.argv[1]), cache_dir=Path(sys.argv[2]), site_url="https://111.example.org/"
    )
    made = project.make_printables(project.load(settings), settings)
    print(f"PDFS={len(made.downloads)}", file=sys.stderr)
"""


def measure(size: int, work: Path) -> dict[str, Any]:
    project = make_project(work / f"p{size}", size)
    cache = work / f"cache{size}"
    env = {"HOTLINE_CACHE_DIR": str(cache)}
    build = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    rows: dict[str, Any] = {}
    rows["clean build"] = run(build, project, env)
    rows["rebuild, nothing changed"] = run(build, project, env)
    changed = project / "campaigns" / "hotline-111" / "materials" / "m0001.yml"
    changed.write_text(changed.read_text().replace("Tài liệu số 1", "Tài liệu số một"))
    rows["rebuild, one material changed"] = run(build, project, env)
    rendered = re.findall(
        r"Printables: (\d+) PDFs, (\d+) rendered", rows["rebuild, one material changed"].output
    )
    unchanged = re.findall(r"(\d+) pages written", rows["rebuild, nothing changed"].output)
    baseline = baseline_config(project)
    rows["baseline: plain mkdocs build"] = run([*build, "-f", str(baseline)], project)
    site = [sys.executable, str(ROOT / "scripts" / "build_site.py")]
    rows["make site, offline kit not cached"] = run(site, project, env)
    rows["make site, nothing changed"] = run(site, project, env)
    script = work / "print_stage.py"
    script.write_text(PRINT_STAGE)
    campaign = str(project / "campaigns" / "hotline-111")
    for workers in (1, os.cpu_count() or 1):
        shutil.rmtree(work / "stage-cache", ignore_errors=True)
        rows[f"printables, {workers} worker{'s' if workers > 1 else ''}"] = run(
            [sys.executable, str(script), campaign, str(work / "stage-cache"), str(workers)], ROOT
        )
    cores = str(os.cpu_count() or 1)
    rows[f"printables, {cores} workers, cached"] = run(
        [sys.executable, str(script), campaign, str(work / "stage-cache"), cores], ROOT
    )
    pdfs = int(re.findall(r"PDFS=(\d+)", rows["printables, 1 worker"].output)[0])
    return {
        "rows": rows,
        "pdfs": pdfs,
        "one_change_rendered": int(rendered[0][1]) if rendered else None,
        "no_change_written": int(unchanged[0]) if unchanged else None,
    }


def measure_scale(size: int, work: Path) -> dict[str, Run]:
    """A large campaign: clean and no-change `make site` beside a plain `mkdocs build` of
    the same pages (issue 20's scale goals: ≤ 3 × clean, ≤ 1.3 × no-change)."""
    project = make_project(work / f"scale{size}", size)
    env = {"HOTLINE_CACHE_DIR": str(work / f"scale-cache{size}")}
    site = [sys.executable, str(ROOT / "scripts" / "build_site.py")]
    rows = {"make site, clean": run(site, project, env)}
    rows["make site, nothing changed"] = run(site, project, env)
    baseline = baseline_config(project)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(baseline)]
    rows["plain mkdocs build, same pages"] = run([*mkdocs, "-d", str(work / "plain")], project)
    shutil.rmtree(project)
    return rows


def shipped_kit(work: Path) -> dict[str, Any]:
    """The shipped campaign's printables stage: clean (fonts already made) and cached."""
    script = work / "print_stage.py"
    script.write_text(PRINT_STAGE)
    cores = os.cpu_count() or 1
    cache = work / "kit-cache"
    shutil.rmtree(cache, ignore_errors=True)
    clean = run([sys.executable, str(script), str(REAL_CAMPAIGN), str(cache), str(cores)], ROOT)
    cached = run([sys.executable, str(script), str(REAL_CAMPAIGN), str(cache), str(cores)], ROOT)
    pdfs = int(re.findall(r"PDFS=(\d+)", clean.output)[0])
    return {"clean": clean, "cached": cached, "pdfs": pdfs}


def shipped_site(work: Path) -> dict[str, Run]:
    """`make site` of the shipped campaign (first, then with nothing changed) beside a plain
    `mkdocs build` of the same pages without our plugin."""
    project = work / "shipped"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("overrides", "docs"):
        shutil.copytree(
            ROOT / name, project / name,
            ignore=shutil.ignore_patterns(
                "materials", ".generated.json", "statistics.*", "downloads.*"
            ),
        )  # fmt: skip
    shutil.copytree(REAL_CAMPAIGN, project / "campaigns" / "hotline-111")
    env = {"HOTLINE_CACHE_DIR": str(work / "shipped-cache")}
    site = [sys.executable, str(ROOT / "scripts" / "build_site.py")]
    rows = {"make site, first build": run(site, project, env)}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    baseline = baseline_config(project)
    commands = {
        "make site, nothing changed": (site, env),
        "mkdocs build (same mkdocs.yml), nothing changed": (
            [*mkdocs, "-d", str(work / "direct")],
            env,
        ),
        "plain mkdocs build, same pages": (
            [*mkdocs, "-f", str(baseline), "-d", str(work / "plain")],
            {},
        ),
    }
    # A second or two each, on a machine that others share: the median of runs taken in
    # turn, so that a busy moment weighs on every command alike.
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(SHIPPED_RUNS):
        for name, (command, command_env) in commands.items():
            runs[name].append(run(command, project, command_env))
    for name, taken in runs.items():
        taken.sort(key=lambda row: row.wall)
        rows[name] = taken[len(taken) // 2]
    return rows


SHIPPED_RUNS = 7
"""Runs of each no-change build of the shipped campaign; the table shows the median."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 500])
    parser.add_argument(
        "--scale-sizes", type=int, nargs="*", default=[],
        help="large campaigns measured for the scale goals only (clean and no-change "
        "`make site`, plain build), such as 5000; none by default",
    )  # fmt: skip
    parser.add_argument("--output", type=Path, default=ROOT / "scripts" / "bench-results.md")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    lines = [
        "# Build benchmark",
        "",
        f"Measured {dt.date.today()} on {cores} cores with `make bench` "
        f"(`scripts/bench.py`), Python {sys.version.split()[0]}. Synthetic campaigns, "
        "both languages, every kind. Wall and CPU seconds; peak memory of the largest process.",
        "",
        "| materials | step | wall s | CPU s | peak MB |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    results = {}
    scale: dict[int, dict[str, Run]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as temporary:
        # Make the print fonts once, outside every timing (a first build on a machine).
        fonts = "from hotline_site.print.fonts import font_dir; font_dir()"
        run([sys.executable, "-c", fonts], ROOT)
        kit = shipped_kit(Path(temporary))
        print("benchmarking make site on the shipped campaign…", file=sys.stderr)
        shipped = shipped_site(Path(temporary))
        for size in args.sizes:
            print(f"benchmarking {size} materials…", file=sys.stderr)
            result = measure(size, Path(temporary))
            results[size] = result
            for name, row in result["rows"].items():
                lines.append(
                    f"| {size} | {name} | {row.wall:.2f} | {row.cpu:.2f} | {row.peak_mb:.0f} |"
                )
        for size in args.scale_sizes:
            print(f"benchmarking make site on {size} materials…", file=sys.stderr)
            scale[size] = measure_scale(size, Path(temporary))
            for name, row in scale[size].items():
                lines.append(
                    f"| {size} | {name} | {row.wall:.2f} | {row.cpu:.2f} | {row.peak_mb:.0f} |"
                )
    lines += _kit_lines(kit, cores)
    lines += _shipped_lines(shipped)
    lines += _target_lines(kit, shipped, results, cores)
    lines += _scale_lines(scale)
    lines += _note_lines()
    text = "\n".join(lines) + "\n"
    args.output.write_text(text, encoding="utf-8")
    print(text)
    print(json.dumps({"written": str(args.output)}), file=sys.stderr)
    return 0


def _kit_lines(kit: dict[str, Any], cores: int) -> list[str]:
    """The shipped print kit's table: clean and cached."""
    lines: list[str] = []
    per_pdf = kit["clean"].wall / kit["pdfs"] * 1000
    lines += [
        "",
        "## The shipped print kit",
        "",
        f"{kit['pdfs']} PDFs (with their PNG previews) from `campaigns/hotline-111`, "
        f"printables stage alone, {cores} cores, print fonts already made.",
        "",
        "| step | wall s | CPU s | per PDF ms |",
        "| --- | ---: | ---: | ---: |",
        f"| clean | {kit['clean'].wall:.2f} | {kit['clean'].cpu:.2f} | {per_pdf:.0f} |",
        f"| cached | {kit['cached'].wall:.2f} | {kit['cached'].cpu:.2f} | "
        f"{kit['cached'].wall / kit['pdfs'] * 1000:.0f} |",
    ]
    return lines


def _shipped_lines(shipped: dict[str, Run]) -> list[str]:
    """``make site`` of the shipped campaign beside plain ``mkdocs build``."""
    lines: list[str] = []
    lines += [
        "",
        "## `make site` on the shipped campaign",
        "",
        "The whole build (`scripts/build_site.py`: pages, printables, offline kit, swap) beside "
        "a plain `mkdocs build` of the same pages without the hotline plugin. No-change rows: "
        f"the median of {SHIPPED_RUNS} runs of each, taken in turn.",
        "",
        "| step | wall s | CPU s |",
        "| --- | ---: | ---: |",
        *[f"| {name} | {row.wall:.2f} | {row.cpu:.2f} |" for name, row in shipped.items()],
    ]
    return lines


def _target_lines(
    kit: dict[str, Any], shipped: dict[str, Run], results: dict[int, Any], cores: int
) -> list[str]:
    """Each target with what was measured and whether it holds."""
    lines: list[str] = []
    lines += ["", "## Targets", "", "| target | measured | holds |", "| --- | --- | --- |"]
    no_change_site = (
        shipped["make site, nothing changed"].wall / shipped["plain mkdocs build, same pages"].wall
    )
    direct = (
        shipped["make site, nothing changed"].wall
        / shipped["mkdocs build (same mkdocs.yml), nothing changed"].wall
    )
    lines += [
        _target("shipped: no-change `make site` ≤ 1.3 × `mkdocs build` (same mkdocs.yml)",
                f"{direct:.2f} ×", direct <= 1.3),
        _target("shipped: no-change `make site` ≤ 1.3 × plain `mkdocs build` (no plugin)",
                f"{no_change_site:.2f} ×", no_change_site <= 1.3),
    ]  # fmt: skip
    lines.append(
        _target(f"shipped kit renders clean in < 3 s on {cores} cores",
                f"{kit['clean'].wall:.2f} s", kit["clean"].wall < 3)
    )  # fmt: skip
    for size, result in results.items():
        rows = result["rows"]
        base = rows["baseline: plain mkdocs build"].wall
        no_change = rows["rebuild, nothing changed"].wall / base
        one_change = rows["rebuild, one material changed"].wall / base
        rendered, written = result["one_change_rendered"], result["no_change_written"]
        one = rows["printables, 1 worker"].wall
        many = rows[f"printables, {cores} workers"].wall if cores > 1 else one
        peak = rows["clean build"].peak_mb
        lines += [
            _target(f"{size}: no-change rebuild ≤ 1.3 × baseline", f"{no_change:.2f} ×",
                    no_change <= 1.3),
            _target(f"{size}: one-change rebuild ≤ 1.5 × baseline", f"{one_change:.2f} ×",
                    one_change <= 1.5),
            _target(f"{size}: one-change rebuild renders only that material's PDFs",
                    f"{rendered} PDFs", rendered is not None and rendered <= 12),
            _target(f"{size}: no-change rebuild rewrites no page", f"{written} pages",
                    written == 0),
            _target(f"{size}: no-change `make site` ≤ 1.3 × baseline",
                    f"{rows['make site, nothing changed'].wall / base:.2f} ×",
                    rows["make site, nothing changed"].wall / base <= 1.3),
            _target(f"{size}: printables on {cores} cores ≥ 1.7 × faster ({result['pdfs']} PDFs)",
                    f"{one / many:.2f} ×", one / many >= 1.7),
            _target(f"{size}: clean build peak memory < 1.5 GB", f"{peak:.0f} MB", peak < 1536),
        ]  # fmt: skip
        if size >= 500:
            lines.append(
                _target(f"{size}: printables clean on {cores} cores < 60 s", f"{many:.1f} s",
                        many < 60)
            )  # fmt: skip
    if 100 in results and 500 in results:
        per_100 = results[100]["rows"]["clean build"].wall / 100
        per_500 = results[500]["rows"]["clean build"].wall / 500
        growth = per_500 / per_100 - 1
        lines.append(
            _target("100 → 500: time per material grows ≤ 20 %", f"{growth:+.0%}", growth <= 0.2)
        )
    return lines


def _scale_lines(scale: dict[int, dict[str, Run]]) -> list[str]:
    """The scale goals of each large campaign, as more target rows."""
    lines: list[str] = []
    for size, rows in scale.items():
        plain = rows["plain mkdocs build, same pages"].wall
        clean = rows["make site, clean"].wall / plain
        unchanged = rows["make site, nothing changed"].wall / plain
        peak = rows["make site, clean"].peak_mb
        lines += [
            _target(f"{size}: clean `make site` ≤ 3 × plain build", f"{clean:.2f} ×",
                    clean <= 3),
            _target(f"{size}: no-change `make site` ≤ 1.3 × plain build", f"{unchanged:.2f} ×",
                    unchanged <= 1.3),
            _target(f"{size}: clean `make site` peak memory < 1.5 GB", f"{peak:.0f} MB",
                    peak < 1536),
        ]  # fmt: skip
    return lines


def _note_lines() -> list[str]:
    """What the figures mean."""
    lines: list[str] = []
    lines += [
        "",
        "## Notes",
        "",
        "- Printables are rendered by Typst in threads: Typst releases the GIL while it lays "
        "out and writes, but building each job's data, counting pages and setting the print "
        "shop's page boxes (pypdf) hold it, so two cores give about 1.3–1.6 ×, not the 1.7 × "
        "that the target was set for with the earlier WeasyPrint worker processes. One Typst "
        "thread is still faster than two WeasyPrint processes were (500 materials: 408 s with "
        "WeasyPrint on one core, 215 s on two).",
        "- The shipped kit's time is a whole process: start-up, loading the campaign, planning "
        "and rendering; the build's own log line counts the rendering alone.",
        "- The print fonts are made once per machine (about 12 s) before any timing.",
    ]
    return lines


def _target(name: str, measured: str, holds: bool) -> str:
    return f"| {name} | {measured} | {'yes' if holds else '**no**'} |"


if __name__ == "__main__":
    sys.exit(main())
