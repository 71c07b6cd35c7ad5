"""``translate --cluster``: the Dask front door (this module, and Dask, are imported only with --cluster).

The arguments are the Project of a local run; :func:`newsl10n.cluster.translate`
runs its steps on the workers and hands back one result per batch of
articles, which this process alone writes, with the local run's writer, under
the locales lock, and reports as a local run does.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..errors import UsageError
from .articles import say_articles, say_summary
from .common import Out

if TYPE_CHECKING:
    from ..workflow import Problem, Project


def translate_on_cluster(args: argparse.Namespace, proj: Project, out: Out) -> int:
    try:
        from .. import cluster
    except ImportError as exc:
        raise UsageError(f"--cluster needs Dask distributed ({exc}); pip install 'newsl10n[cluster]'") from None
    from ..fill import FillStats

    cluster.check_spec(args.cluster)
    stats = FillStats()
    problems: list[Problem] = []
    with cluster.connect(args.cluster) as connection, proj.session():
        dashboard = connection.dashboard or "not served (pip install bokeh on the scheduler)"
        workers = connection.workers
        out.info(f"cluster: {workers} worker{'s' if workers != 1 else ''}; dashboard: {dashboard}")
        for part in cluster.translate(proj, args.articles, to=args.to, client=connection.client):
            part.write()
            out.progress("")
            for note in part.notes:
                out.info(note)
            say_articles(part, out)
            problems.extend(part.problems)
            stats.add(part.stats)
    return say_summary(problems, stats, out)
