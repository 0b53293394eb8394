"""The one reader of ``mkdocs.yml``: the site's languages and the hotline plugin's settings.

Code that runs outside MkDocs (``make check``, the scripts, the tests) reads the
file here; the plugin turns MkDocs' own config into the same :class:`Settings`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag  # type: ignore[import-untyped]  # as MkDocs reads !ENV

from hotline_site.project import Settings

DEFAULT_CAMPAIGN = "campaigns/hotline-111"
DEFAULT_CACHE = ".cache/printables"


class _ConfigLoader(yaml.SafeLoader):
    """SafeLoader that reads MkDocs' ``!ENV`` tag as MkDocs does (``site_url: !ENV
    [SITE_URL, …]`` must give ``make check`` the address ``make site`` prints) and
    ignores its other tags (``!relative``)."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_constructor("!ENV", construct_env_tag)


def read_config(mkdocs_yml: Path) -> dict[str, Any]:
    """``mkdocs.yml`` as plain data (MkDocs' tags read as null). Raises ``ValueError``."""
    try:
        config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"{mkdocs_yml}: cannot be read: {exc}") from None
    if not isinstance(config, dict):
        raise ValueError(f"{mkdocs_yml}: expected a mapping of settings")
    return config


def site_languages(mkdocs_yml: Path) -> list[str]:
    """The i18n plugin's languages, default first: the one list of languages."""
    return languages_of(_plugin(read_config(mkdocs_yml), "i18n", mkdocs_yml).get("languages", []))


def languages_of(entries: list[dict[str, Any]]) -> list[str]:
    """The locales of mkdocs-static-i18n's ``languages`` entries, the default first."""
    codes = [entry for entry in entries if entry.get("locale") not in (None, "null")]
    return [
        str(entry["locale"]) for entry in sorted(codes, key=lambda entry: not entry.get("default"))
    ]


def settings(
    mkdocs_yml: Path,
    *,
    campaign: str | None = None,
    cache_dir: str | None = None,
    site_url: str | None = None,
    printables: bool | None = None,
    languages: list[str] | None = None,
) -> Settings:
    """The build's settings from ``mkdocs.yml`` (the hotline plugin's options), each
    overridable; the cache folder from ``$HOTLINE_CACHE_DIR`` if set."""
    config = read_config(mkdocs_yml)
    options = _plugin(config, "hotline", mkdocs_yml)
    root = mkdocs_yml.resolve().parent
    return make_settings(
        root,
        languages=languages or site_languages(mkdocs_yml),
        campaign=campaign or options.get("campaign") or DEFAULT_CAMPAIGN,
        cache_dir=cache_dir or options.get("cache_dir") or DEFAULT_CACHE,
        docs_dir=root / str(config.get("docs_dir") or "docs"),
        site_url=site_url if site_url is not None else _directory_url(config.get("site_url")),
        printables=printables if printables is not None else options.get("printables", True),
    )


def _directory_url(value: object) -> str:
    """``site_url`` as MkDocs makes it: ending with ``/`` (``https://x.vn`` -> ``https://x.vn/``)."""
    url = str(value or "")
    return url if not url or url.endswith("/") else f"{url}/"


def cache_folder(root: Path, cache_dir: str = DEFAULT_CACHE) -> Path:
    """The printables cache: ``$HOTLINE_CACHE_DIR`` if set, else ``cache_dir`` in ``root``."""
    return Path(os.environ.get("HOTLINE_CACHE_DIR") or root / cache_dir)


def make_settings(
    root: Path,
    *,
    languages: Sequence[str],
    campaign: str,
    cache_dir: str,
    docs_dir: Path,
    site_url: str,
    printables: bool,
) -> Settings:
    """:class:`Settings` of the project in ``root`` (the folder of ``mkdocs.yml``), from the
    hotline plugin's options; for this reader and for the plugin alike."""
    return Settings(
        root=root,
        languages=tuple(languages),
        campaign=root / campaign,
        cache_dir=cache_folder(root, cache_dir),
        docs_dir=docs_dir,
        site_url=site_url,
        printables=printables,
    )


def _plugin(config: dict[str, Any], name: str, mkdocs_yml: Path) -> dict[str, Any]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and name in plugin:
            return dict(plugin[name] or {})
        if plugin == name:
            return {}
    if name == "hotline":
        return {}
    raise ValueError(f"{mkdocs_yml}: no {name} plugin in plugins")


def from_mkdocs(config: Any, i18n: Any, options: Any) -> Settings:
    """The build's settings as MkDocs has read them: ``config`` (MkDocsConfig), the
    i18n plugin's languages, the hotline plugin's ``options`` (its config)."""
    entries = [{"locale": lang.locale, "default": lang.default} for lang in i18n.config.languages]
    return make_settings(
        Path(config.config_file_path).parent,
        languages=languages_of(entries),
        campaign=options.campaign,
        cache_dir=options.cache_dir,
        docs_dir=Path(config.docs_dir),
        site_url=config.site_url or "",
        printables=options.printables,
    )
