#!/usr/bin/env bash
# Make sure the Python environment PYTHON (argument 1) has PyTorch's CPU build, never silently a GPU one.
#
# argostranslate needs torch (through stanza), although newsl10n never runs it: translation goes through
# CTranslate2 directly.  The torch wheel a plain `pip install torch` picks on Linux x86-64 is the CUDA build,
# which pulls several gigabytes of nvidia-* packages.  So, in this order:
#   1. torch already importable: keep it, and say which build it is;
#   2. TORCH_WHEEL=/path/to/torch-…+cpu-….whl, or such a wheel in ./wheels/ or in a folder pip's own find-links
#      setting names (PIP_FIND_LINKS, `pip config get global.find-links`): install that file (the newest by name);
#   3. TORCH_INDEX_URL=<PyTorch's CPU wheel index, as PyTorch's "Get started" page gives it for Linux, pip, CPU>:
#      install torch from there;
#   4. otherwise stop (exit 3) and say how to do 2 or 3.  NEWSL10N_ALLOW_GPU_TORCH=1 accepts the CUDA build
#      from the default index instead (several GB).
# After installing, a build that is not the CPU one stops the script (exit 3) unless NEWSL10N_ALLOW_GPU_TORCH=1.
# Prints one line saying which torch build the environment has.
set -euo pipefail
python=${1:?usage: torch-cpu.sh PYTHON}
pip=("$python" -m pip install -q --disable-pip-version-check)

build() {  # "2.13.0+cpu cpu" or "2.5.1 cuda-12.4"; nothing if torch cannot be imported
  "$python" -c 'import torch; print(torch.__version__, "cuda-" + torch.version.cuda if torch.version.cuda else "cpu")' \
    2>/dev/null || true
}

found=$(build)
if [ -z "$found" ]; then
  wheel=${TORCH_WHEEL:-}
  if [ -z "$wheel" ]; then
    dirs=(wheels ${PIP_FIND_LINKS:-} $("$python" -m pip config get global.find-links 2>/dev/null || true))
    for dir in "${dirs[@]}"; do
      dir=${dir#file://}
      for candidate in "$dir"/torch-*+cpu*.whl; do
        [ -f "$candidate" ] && wheel=$candidate
      done
      [ -n "$wheel" ] && break
    done
  fi
  if [ -n "$wheel" ]; then
    [ -f "$wheel" ] || { echo "torch-cpu.sh: TORCH_WHEEL=$wheel: no such file" >&2; exit 3; }
    "${pip[@]}" "$wheel"
  elif [ -n "${TORCH_INDEX_URL:-}" ]; then
    "${pip[@]}" torch --index-url "$TORCH_INDEX_URL"
  elif [ "${NEWSL10N_ALLOW_GPU_TORCH:-}" = 1 ]; then
    "${pip[@]}" torch
  else
    cat >&2 <<'MSG'
torch-cpu.sh: PyTorch is not installed, and the default index would install its CUDA build (several GB).
argostranslate needs torch; newsl10n itself never runs it, so the CPU build is enough. Either:
  TORCH_INDEX_URL=<PyTorch's CPU wheel index, from PyTorch's "Get started" page: Linux, Pip, CPU> scripts/setup.sh
  TORCH_WHEEL=/path/to/torch-VERSION+cpu-….whl scripts/setup.sh      (or put that wheel in ./wheels/)
  NEWSL10N_ALLOW_GPU_TORCH=1 scripts/setup.sh                          (accept the CUDA build)
MSG
    exit 3
  fi
  found=$(build)
  [ -n "$found" ] || { echo "torch-cpu.sh: torch was installed but cannot be imported" >&2; exit 3; }
fi
version=${found% *}
kind=${found#* }
if [ "$kind" != cpu ] && [ "${NEWSL10N_ALLOW_GPU_TORCH:-}" != 1 ]; then
  echo "torch-cpu.sh: torch $version is a GPU build ($kind); set NEWSL10N_ALLOW_GPU_TORCH=1 to keep it" >&2
  exit 3
fi
echo "torch $version ($([ "$kind" = cpu ] && echo "CPU build" || echo "GPU build, $kind"))"
