"""``stats.yml`` as the importer writes it back: the model (``stats/model.py``) as text.

:func:`statistics_text` gives the whole file: a header that says where the figures
come from, then the plain data of :func:`as_data` (every source and period, without
the empty or default fields an editor need not see), every value written out in
full (no YAML anchors), and the file's JSON Schema line kept. Only
``make stats`` writes ``stats.yml``: the build reads it (``stats/model.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from hotline_site.stats.model import Statistics


def as_data(stats: Statistics) -> dict[str, Any]:
    """Plain data for YAML, without empty or default fields an editor need not see."""
    data = stats.model_dump(mode="python", exclude_defaults=False)
    for source in data["sources"]:
        for key in [k for k, v in source.items() if v is None]:
            del source[key]
    for periods in data["services"].values():
        for period in periods:
            for name in ("figures", "breakdowns", "history"):
                if not period[name]:
                    del period[name]
            for figure in period.get("figures", {}).values():
                _drop_defaults(figure)
            for split in period.get("breakdowns", {}).values():
                if split.get("quote") is None:
                    split.pop("quote", None)
            for entry in period.get("history", []):
                for key in ("figure", "split"):
                    if entry[key] is None:
                        del entry[key]
                    elif key == "figure":
                        _drop_defaults(entry[key])
    return data


def _drop_defaults(figure: dict[str, Any]) -> None:
    if figure.get("quote") is None:
        figure.pop("quote", None)
    if figure.get("approx") is None:
        figure.pop("approx", None)
    if not figure.get("derived"):
        figure.pop("derived", None)
    if isinstance(figure.get("value"), float) and figure["value"] == int(figure["value"]):
        figure["value"] = int(figure["value"])


class _NoAliasDumper(yaml.SafeDumper):
    """Write every value out in full; `&id001` anchors would puzzle an editor."""

    def ignore_aliases(self, data: object) -> bool:
        return True


_HEADER = """\
# Hotline 111 statistics: every period of each service ever imported, each value
# with its source and the sentence it was read from. Written by
# scripts/update_stats.py (make stats); edit by hand only to fix a source.
# Measures, breakdowns and services: hotline_site/stats/vocabulary.yml.
"""


def statistics_text(stats: Statistics, path: Path) -> str:
    """``stats`` as the text of ``stats.yml`` at ``path`` (its schema line kept)."""
    text = _HEADER + yaml.dump(
        as_data(stats), Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=100
    )
    if path.is_file():  # keep the line that names the file's JSON Schema for editors
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if first.startswith("# yaml-language-server:"):
            text = f"{first}\n{text}"
    return text
