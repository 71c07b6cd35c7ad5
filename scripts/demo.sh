#!/usr/bin/env bash
# The main job, set-up included: a corpus article into Spanish with Apertium (offline) and into
# Russian with Argos Translate (its en→ru package comes from the Argos index, so only where this
# machine can reach it), then the CI check on the result.  Says plainly what it skipped and why.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
article=${1:-corpus/en/upm-delegation-visit.html}
nl=.venv/bin/newsl10n

echo "== Spanish, Apertium (offline)"
$nl translate "$article" --to es --engine apertium

echo "== Russian, Argos Translate"
if $nl models list | grep -q "en→ru"; then
  $nl translate "$article" --to ru --engine argos
elif $nl models install en ru --timeout 15; then
  $nl translate "$article" --to ru --engine argos
else
  echo "SKIPPED: machine translation into Russian. The Argos en→ru package could not be downloaded (the"
  echo "         error above says why; this machine may be offline). Russian catalog and page made from"
  echo "         translation memory and interface strings only (--engine none); install a downloaded"
  echo "         package with: $nl models install FILE.argosmodel"
  $nl translate "$article" --to ru --engine none
fi

echo "== check (terms and inline codes, machine translation included)"
$nl check locales --include-fuzzy --only term-missing,term-forbidden,codes,numbers
echo "Pages: build/es/ and build/ru/; catalogs for review: locales/es/ and locales/ru/"
