"""Publishing: one build of a site at a time, nothing half-built, one clear line on failure.

Each test runs the real build script (``scripts/build_site.py``) on a copy of
the project, and checks what a deployer relies on: ``site/`` is always a
complete site, no build folder is left next to it, and a failure says why in
one closing line without a Python traceback.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SUMMARY, Project, make_project

from hotline_site.web import publish

WAITING = "Waiting for the build started at"


def leftovers(project: Project) -> list[str]:
    """Build folders (and the fixed names of older versions) next to ``site/``."""
    return sorted(
        path.name
        for path in project.root.iterdir()
        if path.name.startswith(".site.") and path.name != ".site.lock"
    )


def _default_sigint() -> None:
    """In the child, before exec: Ctrl-C's default action back.

    A shell script starts its background jobs (``make test &``, nohup, some CI runners)
    with SIGINT ignored, and a child inherits that; Python then never raises
    KeyboardInterrupt, and the Ctrl-C test would measure the runner, not the build.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_build(project: Project, log: Path, *, new_session: bool = False) -> subprocess.Popen[str]:
    """Start the build script without waiting; its stderr goes to ``log``.

    SIGINT has its default action in the build, as in a terminal, whatever the test run
    inherited.
    """
    # A print cache of its own, empty: the build renders its PDFs, so it lasts long
    # enough to be stopped mid-way even on a fast machine.
    cache = log.with_suffix(".cache")
    with log.open("w") as stderr:
        return subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "build_site.py")],
            cwd=project.root,
            env={**os.environ, "HOTLINE_CACHE_DIR": str(cache)},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            text=True,
            start_new_session=new_session,
            preexec_fn=_default_sigint,
        )


def wait_inside_mkdocs(project: Project, build: subprocess.Popen[str]) -> None:
    """Return once MkDocs has started on the new site (and is rendering the PDFs)."""
    started = time.monotonic()
    while not list(project.root.glob(".site.build-*/new")) or time.monotonic() - started < 0.3:
        assert build.poll() is None, "the build ended before MkDocs wrote anything"
        assert time.monotonic() - started < 120, "MkDocs never started writing"
        time.sleep(0.02)
    assert build.poll() is None, "the build ended too soon to be killed mid-way"


def closing_line(stderr: str) -> str:
    return stderr.strip().splitlines()[-1]


def test_two_builds_at_once_take_turns(project: Project, tmp_path: Path) -> None:
    """Two builds started together: one waits for the other, both succeed, nothing is left."""
    project.built()
    single = project.site_fingerprint()

    # The second starts once the first holds the lock, so they overlap even on a busy machine.
    first_build = start_build(project, tmp_path / "build-1.log")
    wait_inside_mkdocs(project, first_build)
    builds = [first_build, start_build(project, tmp_path / "build-2.log")]
    statuses = [build.wait(timeout=300) for build in builds]
    logs = [(tmp_path / f"build-{n}.log").read_text() for n in (1, 2)]
    assert statuses == [0, 0], logs

    waited = [log for log in logs if WAITING in log]
    assert len(waited) == 1, logs  # the builds took turns: exactly one had to wait
    assert WAITING in logs[1]  # the second waited…
    assert (
        f"by process {first_build.pid}" in waited[0]
    )  # …and named the build it waited for  # and it named the build it waited for
    assert waited[0].count(WAITING) == 1  # said once
    assert project.site_fingerprint() == single  # complete: the same as a single build's
    assert leftovers(project) == []


def test_killed_build_keeps_the_site(project: Project, tmp_path: Path) -> None:
    """A build killed (SIGKILL, whole process group) inside MkDocs changes nothing.

    The next build does not wait (the kernel freed the lock), removes what the
    killed one left, and succeeds.
    """
    project.built()
    before = project.site_fingerprint()

    build = start_build(project, tmp_path / "killed.log", new_session=True)
    wait_inside_mkdocs(project, build)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait(timeout=30)

    assert project.site_fingerprint() == before
    assert leftovers(project), "the build was killed before it had a build folder"

    result = project.built()
    assert WAITING not in result.stderr
    assert leftovers(project) == []
    assert project.site_fingerprint() == before


def test_next_build_waits_for_mkdocs_of_a_killed_build(project: Project, tmp_path: Path) -> None:
    """Only the build script is killed: its MkDocs still runs and still holds the lock.

    The next build waits for that MkDocs to end, rather than deleting the
    folder it writes into, then removes it and succeeds.
    """
    project.built()
    before = project.site_fingerprint()

    build = start_build(project, tmp_path / "killed.log")
    wait_inside_mkdocs(project, build)
    build.kill()
    build.wait(timeout=30)

    result = project.built()
    assert f"{WAITING} " in result.stderr and f"by process {build.pid}" in result.stderr
    assert leftovers(project) == []
    assert project.site_fingerprint() == before


@pytest.mark.parametrize(
    ("how", "stop"),
    [
        ("Ctrl-C", lambda build: os.killpg(build.pid, signal.SIGINT)),
        ("SIGTERM", lambda build: build.terminate()),
    ],
)
def test_interrupted_build_tidies_up(
    how: str, stop: Callable[[subprocess.Popen[str]], None], project: Project, tmp_path: Path
) -> None:
    """Ctrl-C (the whole group) or SIGTERM (the script only) inside MkDocs: a clean stop."""
    project.built()
    before = project.site_fingerprint()

    build = start_build(project, tmp_path / "stopped.log", new_session=True)
    wait_inside_mkdocs(project, build)
    stop(build)
    status = build.wait(timeout=60)
    stderr = (tmp_path / "stopped.log").read_text()

    assert status == 130, stderr
    assert closing_line(stderr) == "Build failed: interrupted; site/ was left as it was."
    assert "Traceback" not in stderr
    assert leftovers(project) == []
    assert project.site_fingerprint() == before


@pytest.mark.parametrize("moved_to", [".site.build-killed/old", ".site.old"])
def test_site_moved_away_by_a_killed_swap_is_put_back(project: Project, moved_to: str) -> None:
    """Killed between the swap's two renames, a build leaves ``site/`` only in ``old``.

    The next build puts it back first, even when that build then fails on a
    content error. ``.site.old`` is where earlier versions of the build left it.
    """
    project.built()
    before = project.site_fingerprint()
    (project.root / moved_to).parent.mkdir(exist_ok=True)
    project.site.rename(project.root / moved_to)
    (project.campaign / "campaign.yml").write_text("title: [unclosed\n", encoding="utf-8")

    result = project.build()

    assert result.returncode != 0
    assert closing_line(result.stderr).startswith("Build failed: ")
    assert closing_line(result.stderr).endswith("; site/ was left as it was.")
    assert project.site_fingerprint() == before
    assert leftovers(project) == []


def test_failed_second_rename_puts_the_site_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``swap``: if the new site cannot take the old one's place, the old one goes back."""
    site, new, old = tmp_path / "site", tmp_path / "work" / "new", tmp_path / "work" / "old"
    for folder, text in ((site, "previous"), (new, "fresh")):
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(text)
    rename = Path.rename

    def failing_rename(self: Path, target: Path) -> Path:
        if self == new:
            raise OSError(errno.EACCES, "Permission denied", str(self))
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", failing_rename)
    with pytest.raises(OSError, match="Permission denied"):
        publish.swap(new, site, old)

    assert (site / "index.html").read_text() == "previous"
    assert not old.exists()


def test_file_system_errors_are_described_with_their_file() -> None:
    error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/srv/site/index.html")
    assert publish.describe(error) == "No space left on device: /srv/site/index.html"
    assert publish.describe(OSError(errno.ENOSPC, "No space left on device")) == (
        "No space left on device"
    )


def _kib(path: Path) -> int:
    """Disk use of ``path`` in KiB, as ``du`` counts it."""
    du = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
    return int(du.stdout.split()[0])


@pytest.fixture(scope="module")
def sizes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """What a build writes, in KiB: the site, its offline kit's ZIP and build, the docs."""
    measured = make_project(tmp_path_factory.mktemp("measure"))
    measured.built()
    work = measured.root / "kit"
    work.mkdir()
    publish.build_offline_kit(
        measured.root / "mkdocs.yml",
        work / "kit.zip",
        env=dict(os.environ),
        workdir=work / "offline",
    )
    result = {
        "site": _kib(measured.site),
        "zip": _kib(measured.site / "downloads" / "offline-site.zip"),
        "offline": _kib(work / "offline" / "site"),
        "docs": _kib(measured.root / "docs"),
    }
    SUMMARY.append(f"publish: a build writes (KiB) {result}")
    return result


@pytest.fixture
def small_disk(tmp_path: Path, sizes: dict[str, int]) -> Iterator[Path]:
    """A tmpfs mounted in ``tmp_path``, room for about three builds; unmounted afterwards."""
    if sys.platform != "linux" or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs Linux and mount(8)")
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    size = 3 * (sizes["site"] + sizes["offline"] + sizes["docs"]) + 4096
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}k", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        if subprocess.run(["umount", str(mount_point)], check=False).returncode != 0:
            subprocess.run(["umount", "--lazy", str(mount_point)], check=False)


@pytest.mark.parametrize("stage", ["pages", "offline kit", "offline kit's ZIP"])
def test_full_disk_keeps_the_site_and_says_so(
    stage: str, small_disk: Path, sizes: dict[str, int]
) -> None:
    """On a full disk the build stops in one line, keeps ``site/`` and removes its folder.

    The project is on a small tmpfs (the printables cache is not); a filler
    file leaves room for only part of a build, so that the disk fills up
    while MkDocs writes the pages, while it builds the offline kit, or while
    this process zips that kit.
    """
    project = make_project(small_disk)
    project.built()
    before = project.site_fingerprint()
    # A changed page: the offline kit is built again, not taken from the cache.
    page = project.root / "docs" / "safety.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    pages = sizes["site"] - sizes["zip"]  # the new site before the kit is zipped into it
    room = {
        "pages": pages // 2,
        "offline kit": pages + sizes["docs"] + sizes["offline"] // 2,
        "offline kit's ZIP": pages + sizes["docs"] + sizes["offline"] + sizes["zip"] // 2,
    }[stage]
    disk = os.statvfs(small_disk)
    with (small_disk / "filler").open("wb") as filler:
        os.posix_fallocate(filler.fileno(), 0, disk.f_bavail * disk.f_frsize - room * 1024)

    result = project.build()

    last = closing_line(result.stderr)
    SUMMARY.append(f"publish: full disk, {room} KiB free ({stage}): {last}")
    assert result.returncode != 0
    assert last.startswith("Build failed: No space left on device"), result.stderr
    assert last.endswith("; site/ was left as it was.")
    where = {"pages": "/new", "offline kit": "/offline/", "offline kit's ZIP": "offline-site.zip"}
    assert where[stage] in last  # the disk filled up at the stage this case is about
    assert "Traceback" not in result.stderr
    assert project.site_fingerprint() == before
    assert leftovers(project) == []
