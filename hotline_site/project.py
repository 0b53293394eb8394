"""Facts about the project read from mkdocs.yml, for code that runs outside MkDocs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """SafeLoader that ignores MkDocs' !ENV and !relative tags."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def site_languages(mkdocs_yml: Path) -> list[str]:
    """The i18n plugin's languages, default first: the one list of languages."""
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages: list[dict[str, Any]] = plugin["i18n"]["languages"]
            return [
                entry["locale"]
                for entry in sorted(languages, key=lambda entry: not entry.get("default"))
            ]
    raise ValueError(f"{mkdocs_yml}: no i18n plugin with languages")
