#!/usr/bin/env bash
# Set up everything newsl10n needs on a Debian machine with Python 3.11:
# Debian packages (gettext for msgfmt, Apertium with its English–Spanish pair, Chromium and its WebDriver for the review
# page's browser tests), a virtual environment in .venv,
# PyTorch's CPU build (see scripts/torch-cpu.sh: it stops rather than pull the CUDA build) and the project with its
# test tools.  Safe to run again: it skips what is in place.
set -euo pipefail
cd "$(dirname "$0")/.."

debs=(gettext apertium apertium-eng-spa chromium chromium-driver)
missing=()
for pkg in "${debs[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
pip=".venv/bin/python -m pip"
$pip install -q --disable-pip-version-check --upgrade pip
# argostranslate pulls torch in through stanza: the CPU build, never silently the multi-GB CUDA one
# (scripts/torch-cpu.sh says how to point it at a CPU wheel or index); then torch is held at that version
# so that installing the project cannot swap it for another build.
torch=$(scripts/torch-cpu.sh .venv/bin/python)
constraints=$(mktemp)
trap 'rm -f "$constraints"' EXIT
.venv/bin/python -c 'import torch; print("torch==" + torch.__version__)' >"$constraints"
$pip install -q --disable-pip-version-check --constraint "$constraints" -e '.[test,review,cluster]'
echo "ready: .venv with newsl10n, $torch"
