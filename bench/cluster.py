"""Articles per second: local translate runs (-j 1, -j 2) against the Dask cluster runner with 1 and 2 workers.

    python bench/cluster.py [--articles N] [--engine none|argos] [--threads N] [--keep DIR]

Generates N articles (bench/corpus.py) and, with ``--engine argos``, the bench's
realistic-size Argos model (bench/argos_model.py: random weights, fixed output
length), one for en→ru and one for en→de; runs ``newsl10n translate --to ru,de`` on fresh
copies of the same inputs:
locally with ``-j 1`` (one process) and ``-j 2`` (articles planned and built on
two forked workers, machine translation in the parent; at least 16 articles, or
``-j 2`` runs in one process), then with ``--cluster local:1`` and
``--cluster local:2``; checks that the four output trees are byte-identical;
prints seconds, articles/s, ratios against ``-j 1``, and the scheduling overhead
per article (cluster with one worker minus ``-j 1``, over N).  The cluster's start-up (a LocalCluster of
that many workers, timed apart in a process of its own) is subtracted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from bench import corpus as gen

#: Two target languages: a batch's machine translation is one task per language, so two workers can share it.
TARGETS = ("ru", "de")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run(work: Path, name: str, extra: list[str], engine: list[str]) -> float:
    folder = work / name
    folder.mkdir()
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), SOURCE_DATE_EPOCH="1700000000")
    cmd = [sys.executable, "-m", "newsl10n", "translate", str(work / "articles"), "--to", ",".join(TARGETS), "--from", "en",
           "--glossary", str(REPO / "glossary"), "-q", *engine, *extra]
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=folder, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"bench: {name} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds


def cluster_start(workers: int) -> float:
    """Seconds to start a LocalCluster of ``workers`` processes and connect to it (what every --cluster local:N pays)."""
    probe = ("import time; t = time.perf_counter(); from distributed import LocalCluster, Client\n"
             "if __name__ == '__main__':\n"
             f"    with LocalCluster(n_workers={workers}, threads_per_worker=1, processes=True, host='127.0.0.1', "
             "dashboard_address=':0') as c, Client(c) as cl: cl.wait_for_workers(" f"{workers}); "
             "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return float(out.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--engine", choices=("none", "argos"), default="none")
    parser.add_argument("--threads", type=int, default=1, help="CTranslate2 threads per engine (default: 1)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())  # the machine's load before the bench (1, 5, 15 min)
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench-cluster-"))
    work.mkdir(parents=True, exist_ok=True)
    gen.write_corpus(work / "articles", args.articles)
    engine = ["--engine", "none"]
    if args.engine == "argos":
        from bench import argos_model

        from newsl10n.engines.models import install_file

        for lang in TARGETS:
            built = argos_model.build_package(work / f"pkg-{lang}", gen.training_text(200), to_code=lang, vocab_size=4000)
            install_file(built.package, work / "models")
        engine = ["--engine", "argos", "--models-dir", str(work / "models"), "--threads", str(args.threads)]
    rows = {"local": run(work, "local", ["-j", "1"], engine), "local-2": run(work, "local-2", ["-j", "2"], engine)}
    for n in (1, 2):
        total = run(work, f"cluster-{n}", ["--cluster", f"local:{n}"], engine)
        start = cluster_start(n)
        rows[f"cluster-{n}"] = total - start
        rows[f"start-{n}"] = start
    same = all(tree(work / name) == tree(work / "local") for name in ("local-2", "cluster-1", "cluster-2"))
    n = args.articles
    print(f"{n} articles → {','.join(TARGETS)}, engine {args.engine}, outputs byte-identical: {same}")
    print(f"  load average before: {load}")
    for name, label in (("local", "-j 1 (local)"), ("local-2", "-j 2 (local)"), ("cluster-1", "cluster, 1 worker"),
                        ("cluster-2", "cluster, 2 workers")):
        s = rows[name]
        print(f"  {label:19} {s:7.2f} s  {n / s:6.2f} articles/s  ×{rows['local'] / s:.2f} of -j 1")
    overhead = (rows["cluster-1"] - rows["local"]) / n
    print(f"  cluster start-up: {rows['start-1']:.2f} s (1 worker), {rows['start-2']:.2f} s (2 workers), not counted")
    print(f"  scheduling overhead per article (cluster-1 − local): {overhead * 1000:.1f} ms")
    print(json.dumps({**{k: round(v, 3) for k, v in rows.items()}, "articles": n, "identical": same,
                      "overhead_ms_per_article": round(overhead * 1000, 2)}))
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
