"""The translation round trip: ``make translations-export`` / ``translations-import``.

Usage:
  python scripts/translations.py export [LANG ...] [--out translations]
      Write translations/<LANG>.po (every language that has texts when none is given).
  python scripts/translations.py import FILE.po
      Check FILE.po completely, then write its translations into the YAML files.
  python scripts/translations.py status
      Per language: strings, translated, untranslated, stale, unreviewed.
Exits 1, writing nothing, on any problem; each is printed with file, line and id.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from hotline_site.content.problems import ContentError, Problem
from hotline_site.content.translation_import import import_file
from hotline_site.content.translations import (
    Project,
    export,
    languages_of,
    source_files,
)
from hotline_site.print.fonts import charset
from hotline_site.project import check_edits
from hotline_site.web.settings import settings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Translation round trip (gettext PO files)")
    commands = parser.add_subparsers(dest="command", required=True)
    export_cmd = commands.add_parser("export")
    export_cmd.add_argument("languages", nargs="*")
    export_cmd.add_argument("--out", default="translations")
    import_cmd = commands.add_parser("import")
    import_cmd.add_argument("file")
    commands.add_parser("status")
    args = parser.parse_args(argv)
    config = settings(Path.cwd() / "mkdocs.yml")
    project = Project.at(Path.cwd(), config.languages, config.campaign)
    try:
        if args.command == "import":
            report = import_file(
                project, Path(args.file), charset=charset(), verify=_build_checks(project)
            )
            print("\n".join(report.lines()))
            return 0
        languages = (
            args.languages
            if args.command == "export" and args.languages
            else languages_of(project, source_files(project))
        )
        for language in languages:
            po, report = export(project, language)
            if args.command == "export":
                target = Path(args.out) / f"{language}.po"
                target.parent.mkdir(parents=True, exist_ok=True)
                po.save(str(target))
                print(f"wrote {target}")
            print("\n".join(report.lines()))
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"translations: {exc}", file=sys.stderr)
        return 1
    return 0


def _build_checks(texts: Project) -> Callable[[Mapping[Path, str]], Sequence[Problem]]:
    """The build's own checks (``make site``'s verdict) on the campaign with new texts."""
    config = settings(texts.root / "mkdocs.yml", campaign=str(texts.campaign))

    def verify(outputs: Mapping[Path, str]) -> Sequence[Problem]:
        campaign = texts.campaign.resolve()
        inside = {
            path: text for path, text in outputs.items() if path.resolve().is_relative_to(campaign)
        }
        return check_edits(config, inside) if inside else []

    return verify


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
