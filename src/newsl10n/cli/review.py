"""review: the local review web app (needs the ``review`` extra)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from ..review.security import Gate


def cmd_review(args: argparse.Namespace) -> int:
    try:
        from ..review.server import serve
        from ..review.workspace import Workspace
    except ImportError as exc:
        raise UsageError(f"the review page needs the 'review' extra (pip install 'newsl10n[review]'): {exc}") from None
    from ..localize import normalize_lang

    paths = [Path(p) for p in (args.paths or ["corpus"])]
    langs = [normalize_lang(t.strip()) for t in args.to.split(",") if t.strip()] if args.to else []
    from .common import glossary_of  # the glossary options' one reading, as extract/translate/check use it

    workspace = Workspace(Path(args.locales), paths, langs=langs, glossary=glossary_of(args))
    if not workspace.articles:
        raise UsageError(f"no articles in {', '.join(str(p) for p in paths)}")

    def ready(gate: Gate) -> None:
        url = gate.url()
        print(f"newsl10n review: {len(workspace.refs())} catalogs; open {url}", flush=True)
        print("press Ctrl-C to stop", flush=True)
        if not args.no_browser:
            import webbrowser

            webbrowser.open(url)

    try:
        serve(workspace, port=args.port, ready=ready)
    except KeyboardInterrupt:  # Ctrl-C is how one stops it: every save was already written
        pass
    print("newsl10n review: stopped", file=sys.stderr)
    return 0
