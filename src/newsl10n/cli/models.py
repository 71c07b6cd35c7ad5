"""models list | install FROM TO | install FILE.argosmodel | remove NAME."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import UsageError
from .common import Out


def _progress(done: int, total: int | None) -> None:
    if not sys.stderr.isatty():
        return
    shown = f"{done / 1e6:.1f} MB" + (f" of {total / 1e6:.1f} MB" if total else "")
    print(f"\rdownloading {shown}", end="", file=sys.stderr, flush=True)


def cmd_models(args: argparse.Namespace) -> int:
    from ..engines.models import install_file, install_online, list_models, remove_model, resolve_models_dir

    out = Out(False)
    done = Out(args.quiet)  # confirmations
    models_dir = resolve_models_dir(args.models_dir, os.environ)
    if args.models_command == "list":
        installed = list_models(models_dir) if models_dir.is_dir() else []
        out.info(f"models directory: {models_dir}")
        for model in installed:
            out.info(f"  {model}")
        if not installed:
            out.info("  no Argos packages installed (newsl10n models install FROM TO, or FILE.argosmodel)")
        from ..engines.registry import available_engines

        for name, engine in available_engines(models_dir).items():
            out.info(f"{name}: " + ", ".join(str(p) for p in engine.pairs()))
        return 0
    if args.models_command == "install":
        what = args.what
        if len(what) == 1 and what[0].endswith(".argosmodel"):
            model = install_file(Path(what[0]), models_dir)
        elif len(what) == 2:
            from ..localize import normalize_lang

            src, tgt = (normalize_lang(code) for code in what)
            options = {"index_url": args.index_url} if args.index_url else {}
            model = install_online(src, tgt, models_dir, timeout=args.timeout, progress=_progress, **options)
            if sys.stderr.isatty():
                print(file=sys.stderr)
        else:
            raise UsageError("install takes FROM TO (two language codes) or one FILE.argosmodel")
        done.info(f"installed {model} in {models_dir}")
        return 0
    model = remove_model(args.name, models_dir)
    done.info(f"removed {model.name} from {models_dir}")
    return 0
