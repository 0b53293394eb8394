"""Start a new material with every field its kind needs: ``make new``.

Usage: python scripts/new_material.py KIND AUDIENCE ID [--for WORKSHEET_ID]
       [--campaign FOLDER (default: mkdocs.yml's, the hotline plugin's campaign)]
Writes ``<campaign>/materials/<ID>.yml`` with placeholder text in every language
of the site, checks that the campaign is still valid with it, and prints the
path. On any problem prints it, writes nothing and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hotline_site import project
from hotline_site.content.problems import ContentError
from hotline_site.content.scaffold import ScaffoldError, write_new
from hotline_site.content.store import locked
from hotline_site.web.settings import settings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind")
    parser.add_argument("audience")
    parser.add_argument("id")
    parser.add_argument("--for", dest="answers_for", default=None)
    parser.add_argument("--campaign", default=None)
    args = parser.parse_args(argv)
    root = Path.cwd()
    config = settings(root / "mkdocs.yml", campaign=args.campaign)
    campaign, languages = config.campaign, list(config.languages)
    try:
        with locked(campaign):  # no other import or `make new` writes the folder meanwhile
            path = write_new(
                campaign,
                root,
                args.kind,
                args.audience,
                args.id,
                languages,
                answers_for=args.answers_for,
            )
    except ScaffoldError as exc:
        print(f"make new: {exc}", file=sys.stderr)
        return 1
    try:
        project.load(config)
    except ContentError as exc:
        ours = [problem for problem in exc.problems if path.name in problem.file]
        if ours:  # the new file itself does not fit this campaign (an id already used…)
            path.unlink()
            print("\n".join(map(str, ours)), file=sys.stderr)
            print(f"make new: {path} was not written", file=sys.stderr)
            return 1
        print(f"note: the campaign has other problems:\n{exc}", file=sys.stderr)
    print(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}")
    print("Replace every placeholder text, in every language, then `make site`.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
