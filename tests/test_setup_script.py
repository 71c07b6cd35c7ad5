"""scripts/torch-cpu.sh: PyTorch's CPU build, or a clear stop; never the multi-GB CUDA build without being asked.

The script is run for real against a stand-in Python that records every `pip install` and answers
`import torch` from a state file, so no package is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "torch-cpu.sh"

FAKE_PYTHON = r"""#!/usr/bin/env bash
state="$FAKE_STATE"
if [ "$1" = -m ] && [ "$3" = config ]; then
  echo "${FAKE_PIP_FIND_LINKS:-}"; exit 0
fi
if [ "$1" = -c ]; then
  [ -f "$state/torch" ] || exit 1
  cat "$state/torch"; exit 0
fi
shift 3  # -m pip install
echo "$*" >>"$state/pip.log"
case "$*" in
  *--index-url*|*.whl*) echo "2.13.0+cpu cpu" >"$state/torch" ;;
  *) echo "2.5.1 cuda-12.4" >"$state/torch" ;;
esac
"""


@dataclass
class Run:
    code: int
    out: str
    err: str
    pip: list[str]


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., Run]:
    python = tmp_path / "python"
    python.write_text(FAKE_PYTHON, encoding="utf-8")
    python.chmod(0o755)

    def go(torch: str | None = None, **env: str) -> Run:
        state = tmp_path / "state"
        if state.exists():
            shutil.rmtree(state)
        state.mkdir()
        if torch is not None:
            (state / "torch").write_text(torch + "\n", encoding="utf-8")
        environ = {"PATH": os.environ["PATH"], "FAKE_STATE": str(state), **env}
        done = subprocess.run(["bash", str(SCRIPT), str(python)], check=False, capture_output=True, text=True,
                              env=environ, cwd=tmp_path, timeout=30)
        log = state / "pip.log"
        pip = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        return Run(done.returncode, done.stdout, done.stderr, pip)

    return go


def test_torch_already_there_is_kept_and_named(run: Callable[..., Run]) -> None:
    result = run(torch="2.13.0+cpu cpu")
    assert (result.code, result.out, result.pip) == (0, "torch 2.13.0+cpu (CPU build)\n", [])


def test_no_torch_and_no_cpu_source_stops_without_installing(run: Callable[..., Run]) -> None:
    result = run()
    assert result.code == 3 and result.pip == []
    assert "default index would install its CUDA build" in result.err and "TORCH_INDEX_URL" in result.err


def test_cpu_index_is_used_when_given(run: Callable[..., Run]) -> None:
    result = run(TORCH_INDEX_URL="https://wheels.example/cpu")
    assert result.code == 0, result.err
    assert result.pip == ["-q --disable-pip-version-check torch --index-url https://wheels.example/cpu"]
    assert result.out == "torch 2.13.0+cpu (CPU build)\n"


def test_a_local_cpu_wheel_comes_first(run: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "wheels").mkdir()
    (tmp_path / "wheels" / "torch-2.13.0+cpu-cp311-cp311-linux_x86_64.whl").write_bytes(b"")
    result = run(TORCH_INDEX_URL="https://wheels.example/cpu")
    assert result.code == 0, result.err
    assert result.pip == ["-q --disable-pip-version-check wheels/torch-2.13.0+cpu-cp311-cp311-linux_x86_64.whl"]


def test_a_cpu_wheel_in_pips_find_links_is_used(run: Callable[..., Run], tmp_path: Path) -> None:
    """Where pip is set up with a folder of local wheels (as on the team's machines), the CPU wheel there is taken."""
    local = tmp_path / "opt-wheels"
    local.mkdir()
    (local / "torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl").write_bytes(b"")
    (local / "torch-2.13.0-cp311-cp311-manylinux_2_28_x86_64.whl").write_bytes(b"")  # a CUDA build: never taken
    result = run(FAKE_PIP_FIND_LINKS=str(local))
    assert result.code == 0, result.err
    assert result.pip == [f"-q --disable-pip-version-check {local}/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl"]
    from_env = run(PIP_FIND_LINKS=f"file://{local}")
    assert from_env.code == 0 and from_env.pip == result.pip


def test_a_gpu_build_is_refused_unless_allowed(run: Callable[..., Run]) -> None:
    refused = run(torch="2.5.1 cuda-12.4")
    assert refused.code == 3 and "GPU build (cuda-12.4)" in refused.err


def test_the_cuda_build_only_when_asked(run: Callable[..., Run]) -> None:
    result = run(NEWSL10N_ALLOW_GPU_TORCH="1")
    assert result.code == 0 and result.pip == ["-q --disable-pip-version-check torch"]
    assert result.out == "torch 2.5.1 (GPU build, cuda-12.4)\n"


def test_setup_holds_torch_at_the_installed_build() -> None:
    text = (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "scripts/torch-cpu.sh .venv/bin/python" in text and "--constraint" in text
