"""Load and validate a whole campaign folder into one content model.

A campaign folder holds ``campaign.yml`` and ``materials/*.yml``. Every file
is checked before anything is built, and all problems are reported at once.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from hotline_site.content.kinds import TABLE as KIND_TABLE
from hotline_site.content.labels import named_languages
from hotline_site.content.model import AUDIENCES, Audience, CampaignInfo, Material, field_names
from hotline_site.content.problems import ContentError, Problem, validation_message
from hotline_site.content.yamlfile import YamlDocument, dotted, load_yaml, read_text

M = TypeVar("M", bound=BaseModel)


class FigureCheck(Protocol):
    """What the content needs to know of the figures a text shows (``{trafficking.calls}``),
    without knowing the statistics: :class:`hotline_site.project.FigureRules` is one."""

    def check(self, text: str) -> str | None:
        """What is wrong with the figure names in ``text`` (unknown, no period), or None."""

    def problem(self, text: str) -> str | None:
        """What is wrong with the figures ``text`` shows given the data (none has them)."""


@dataclass(frozen=True)
class Campaign:
    """A validated campaign: its description and its materials, in every language."""

    root: Path
    slug: str
    languages: tuple[str, ...]
    info: CampaignInfo
    materials: tuple[Material, ...]
    sources: dict[str, Path]
    """Material id -> the YAML file it came from."""
    extra_languages: tuple[str, ...] = ()
    """Languages beyond the site's that some materials are also printed in (``languages:``)."""

    def print_languages(self, material: Material) -> list[str]:
        """The languages ``material`` is printed in: the site's, then its own."""
        return [*self.languages, *material.languages]

    def audiences(self) -> list[Audience]:
        """Audiences that have materials, in their fixed order."""
        used = {material.audience for material in self.materials}
        return [audience for audience in AUDIENCES if audience in used]

    def materials_for(self, audience: Audience) -> list[Material]:
        return [material for material in self.materials if material.audience == audience]

    def material(self, material_id: str) -> Material:
        return _by_id(self.materials, material_id)


def load_campaign(
    root: Path,
    *,
    languages: Sequence[str],
    figures: FigureCheck | None = None,
    charset: frozenset[int] | None = None,
) -> Campaign:
    """Validate every file of the campaign in ``root``; raise :class:`ContentError` if any fails.

    With ``figures``, every figure a text names (``{trafficking.calls}``) must pass its
    checks: known, with its period, and present in the statistics. ``charset`` holds the
    code points the print fonts can draw; text with any other character is refused
    (``None`` skips that check).
    """
    root = root.resolve()
    context = {
        "languages": tuple(languages),
        "site_languages": tuple(languages),
        "root": root,
        "figures": figures,
        "charset": charset,
    }
    problems: list[Problem] = []
    files = _material_files(root)
    extra = extra_languages(files, languages)
    # The campaign's texts may have the materials' own languages (their printables use them)
    # and the languages the project knows (named in labels.yml).
    known = tuple(code for code in named_languages() if code not in languages)
    optional = (*extra, *(code for code in known if code not in extra))
    info = _validate(
        root / "campaign.yml", CampaignInfo, {**context, "optional": optional}, problems, root
    )
    materials: list[Material] = []
    sources: dict[str, Path] = {}
    material_dir = root / "materials"
    if not files:
        problems.append(
            Problem(
                shown_path(material_dir, root),
                None,
                None,
                "no material files (*.yml, *.yaml) found",
            )
        )
    for path in files:
        # A material's own languages (``languages: [ko]``): its texts need them too.
        own = tuple(code for code in _declared_languages(path) if code not in languages)
        material_context = {**context, "languages": (*languages, *own)}
        material = _validate(path, Material, material_context, problems, root)
        if material is None:
            continue
        if material.id in sources:
            problems.append(
                Problem(
                    shown_path(path, root),
                    _line(path, ("id",)),
                    "id",
                    f"duplicate material id '{material.id}', already used by "
                    f"{shown_path(sources[material.id], root)}; every material needs its own id",
                )
            )
            continue
        sources[material.id] = path
        materials.append(material)

    short_ids: dict[str, str] = {material.id: material.id for material in materials}
    for material in materials:
        for former in material.redirect_from:
            owner = short_ids.get(former)
            if owner is not None:
                problems.append(
                    Problem(
                        shown_path(sources[material.id], root),
                        _line(sources[material.id], ("redirect_from",)),
                        "redirect_from",
                        f"'{former}' already leads to material '{owner}'; "
                        "a former id may lead to one material only",
                    )
                )
            short_ids[former] = material.id
    for material in materials:
        target = material.answers_for
        answers = KIND_TABLE[material.kind].answers
        if target and (target not in sources or _by_id(materials, target).kind != answers):
            problems.append(
                Problem(
                    shown_path(sources[material.id], root),
                    _line(sources[material.id], ("answers_for",)),
                    "answers_for",
                    f"'{target}' is not the id of a {answers} in this campaign",
                )
            )
    if info is not None:
        for material in materials:
            if material.audience not in info.audiences:
                problems.append(
                    Problem(
                        shown_path(root / "campaign.yml", root),
                        None,
                        "audiences",
                        f"audience '{material.audience}' (used by material '{material.id}') "
                        "is not described; add its title, summary and intro",
                    )
                )

    if figures is not None and not problems:
        for material in materials:
            for loc, text in _texts(material.model_dump()):
                problem = figures.problem(text)
                if problem:
                    path = sources[material.id]
                    problems.append(
                        Problem(shown_path(path, root), _line(path, loc), dotted(loc), problem)
                    )
                    break
    if problems or info is None:
        raise ContentError(problems)
    materials.sort(key=lambda m: (AUDIENCES.index(m.audience), m.order, m.id))
    return Campaign(
        root=root,
        slug=root.name,
        languages=tuple(languages),
        info=info,
        materials=tuple(materials),
        sources=sources,
        extra_languages=extra,
    )


def _texts(data: Any, loc: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    """Every string in a material's data, with where it is."""
    if isinstance(data, str):
        return [(loc, data)]
    if isinstance(data, dict):
        return [item for key, value in data.items() for item in _texts(value, (*loc, key))]
    if isinstance(data, list):
        return [item for index, value in enumerate(data) for item in _texts(value, (*loc, index))]
    return []


def _material_files(root: Path) -> list[Path]:
    """The material files, sorted; hidden files and backups skipped (said at INFO)."""
    material_dir = root / "materials"
    files: list[Path] = []
    for path in sorted(material_dir.iterdir()) if material_dir.is_dir() else []:
        if not path.name.rstrip("~").endswith((".yml", ".yaml")):
            continue
        if path.name.startswith(".") or path.name.endswith("~"):
            # Hidden files, Emacs locks (.#x.yml), macOS resource forks (._x.yml) and
            # backups (x.yml~) are never published. INFO: the build is --strict.
            logging.getLogger(f"mkdocs.plugins.{__name__}").info(
                "Materials: skipped %s (a hidden file or an editor's backup copy)",
                f"{shown_path(material_dir, root)}/{path.name}",  # an Emacs lock is a broken link
            )
            continue
        files.append(path)
    return files


def _declared_languages(path: Path) -> list[str]:
    """The ``languages`` a material file declares, read leniently (validation says more)."""
    try:
        if "languages" not in read_text(path):  # at most 1 MB of a regular file
            return []  # most materials: no second parse
        data = load_yaml(path).data
    except (ContentError, OSError):
        return []
    declared = data.get("languages") if isinstance(data, dict) else None
    return [str(code) for code in declared] if isinstance(declared, list) else []


def extra_languages(files: Sequence[Path], languages: Sequence[str]) -> tuple[str, ...]:
    """Languages beyond the site's that any of the material ``files`` declares, in order."""
    found: list[str] = []
    for path in files:
        found += [c for c in _declared_languages(path) if c not in languages and c not in found]
    return tuple(found)


def _by_id(materials: Sequence[Material], material_id: str) -> Material:
    return next(material for material in materials if material.id == material_id)


def _validate(
    path: Path,
    model: type[M],
    context: dict[str, Any],
    problems: list[Problem],
    root: Path,
) -> M | None:
    shown = shown_path(path, root)
    try:
        document = load_yaml(path, display_path=shown)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None
    if not isinstance(document.data, dict):
        problems.append(Problem(shown, 1, None, "expected a mapping of fields (key: value)"))
        return None
    try:
        return model.model_validate(document.data, context=context)
    except ValidationError as exc:
        problems.extend(_problems(exc, document, model, shown))
        return None


def _problems(
    exc: ValidationError, document: YamlDocument, model: type[BaseModel], shown: str
) -> list[Problem]:
    problems = []
    errors = exc.errors(include_url=False)
    unknown = [_location(e["loc"]) for e in errors if e["type"] == "extra_forbidden"]
    for error in errors:
        loc = _location(error["loc"])
        kind = error["type"]
        line = document.line_of(loc)
        if kind == "extra_forbidden":
            message = _unknown_field(str(loc[-1]), field_names(model, loc[:-1]))
            line = document.key_line_of(loc)
        elif kind == "missing":
            message = "required field is missing"
            siblings = [str(u[-1]) for u in unknown if u[:-1] == loc[:-1]]
            misspelt = _close(str(loc[-1]), siblings)
            if misspelt:
                where = document.key_line_of((*loc[:-1], misspelt))
                message += f" (is `{misspelt}` on line {where} a misspelling of it?)"
        else:
            message = validation_message(error, lower_first=True)
            given = error.get("input")
            if (
                not isinstance(given, dict | list)
                and "input" in error
                and repr(given) not in message
            ):
                message += f" (got {given!r})"
        problems.append(Problem(shown, line, dotted(loc) or None, message))
    return problems


def _close(name: str, candidates: Sequence[str]) -> str | None:
    matches = difflib.get_close_matches(name, candidates, n=1, cutoff=0.7)
    return matches[0] if matches else None


def _unknown_field(name: str, allowed: Sequence[str]) -> str:
    """``unknown field; did you mean `summary`? (…)`` for a misspelt field name."""
    guess = _close(name, allowed)
    if guess:
        return f"unknown field; did you mean `{guess}`? (the fields here: {', '.join(allowed)})"
    return "unknown field" + (f"; expected one of: {', '.join(allowed)}" if allowed else "")


def _location(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    return tuple(part for part in loc if not _is_union_tag(part))


def _is_union_tag(part: str | int) -> bool:
    # pydantic adds the type it tried inside unions, e.g. 'int' or 'function-after[...]'
    return isinstance(part, str) and ("[" in part or part in {"int", "str", "none"})


def shown_path(path: Path, root: Path) -> str:
    """Path as the editor sees it: relative to the folder above the campaigns."""
    try:  # the link's own name, not where a link leads (never a machine path)
        return str(path.absolute().relative_to(root.absolute().parent.parent))
    except ValueError:
        pass
    try:
        return str(path.resolve().relative_to(root.resolve().parent.parent))
    except ValueError:
        return path.name


def _line(path: Path, loc: tuple[str | int, ...]) -> int | None:
    try:
        return load_yaml(path).line_of(loc)
    except ContentError:
        return None
