"""``make serve``: what the preview watches, and the names it answers.

The preview rebuilds when an editor saves a campaign file or the site's words, not
only a page in ``docs/``, and answers this computer's names only: a web page
elsewhere whose name resolves to 127.0.0.1 (DNS rebinding) gets no page of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from hotline_site.project import WORD_FILES, Project

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
"""Host names ``make serve`` answers (with or without a port)."""


def local_hosts_only(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    """A WSGI app answering ``app`` for a request to this computer's names, and 421 for
    any other ``Host`` header (a rebinding name, or none)."""

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST", "").strip().lower()
        name = host if host.startswith("[") and host.endswith("]") else host.rsplit(":", 1)[0]
        if host.startswith("[") and "]:" in host:
            name = host.split("]:", 1)[0] + "]"
        if name in LOCAL_HOSTS:
            return app(environ, start_response)
        start_response("421 Misdirected Request", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"This preview answers only http://127.0.0.1 and http://localhost.\n"]

    return guarded


def watch(server: Any, project: Project) -> Any:
    """``server`` (MkDocs' LiveReloadServer) watching the campaign and the site's words,
    and answering local names only."""
    server.watch(str(project.campaign.root))
    for words in WORD_FILES:
        server.watch(str(words))
    server.set_app(local_hosts_only(server.get_app()))
    return server
