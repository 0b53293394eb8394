"""Write the JSON Schemas of the editors' YAML files and the recommended editor settings.

Usage: python scripts/make_schema.py [--check]
Writes ``schemas/*.schema.json`` and ``.vscode/settings.json`` from the content
models and the site's languages (``mkdocs.yml``), and gives every YAML file a
schema describes its ``# yaml-language-server: $schema=…`` first line. With
``--check`` writes nothing and exits 1 if a file is missing or out of date.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from hotline_site.content import schema
from hotline_site.content.store import locked
from hotline_site.project import SCHEMAS
from hotline_site.web.settings import site_languages

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    languages = site_languages(ROOT / "mkdocs.yml")
    optional = schema.declared_languages(ROOT, languages)
    if "--check" in argv:
        stale = [
            relative
            for relative, text in schema.expected_files(SCHEMAS, languages, optional).items()
            if not (ROOT / relative).is_file()
            or (ROOT / relative).read_text(encoding="utf-8") != text
        ]
        for relative in stale:
            print(f"{relative} is out of date: run `make schema`", file=sys.stderr)
        lacking = [
            path
            for path, entry in schema.described_files(ROOT, SCHEMAS)
            if not path.read_text(encoding="utf-8").startswith(
                schema.modeline(path, ROOT, entry) + "\n"
            )
        ]
        for path in lacking:
            print(
                f"{path.relative_to(ROOT)} lacks its schema line: run `make schema`",
                file=sys.stderr,
            )
        return 1 if stale or lacking else 0
    with contextlib.ExitStack() as held:  # each campaign's editing lock, in one order
        for campaign in sorted(path for path in (ROOT / "campaigns").glob("*") if path.is_dir()):
            held.enter_context(locked(campaign))
        changed = schema.write(ROOT, SCHEMAS, languages, optional)
        changed += schema.add_modelines(ROOT, SCHEMAS)
    for path in changed:
        print(f"wrote {path.relative_to(ROOT)}")
    print(f"{len(SCHEMAS)} schemas, {len(changed)} files changed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
