#!/usr/bin/env bash
# Notebook pipeline for CI (called by .ci/run) and for anyone checking the notebooks:
#   1. installs the Debian packages it needs when they are missing (root; apt only);
#   2. re-executes every notebook headless and fails if one breaks or if a committed
#      notebook is stale (re-execution must reproduce it byte for byte);
#   3. exports the figures (figures/) and builds the report (site/) — steps 2 and 3 overlap;
#   4. with --with-tests, runs the plotting and report tests (test/plots.test.ts,
#      test/site.test.ts, which opens site/ in Chromium); otherwise they run in the project's
#      full `npx vitest run`, which must come AFTER this script (under CI=true the site test
#      fails if site/ was not built).
# Needs `npm ci` done. Exit status non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=(jupyter-core jupyter-client python3-ipykernel python3-nbclient jupyter-nbconvert python3-nbformat
      chromium fonts-dejavu-core libjs-mathjax)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "ci-notebooks: installing ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then echo "ci-notebooks: need root to apt-get install ${missing[*]}" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

step() { local t0=$SECONDS; echo "ci-notebooks: $*"; "$@"; echo "ci-notebooks: done in $((SECONDS - t0)) s"; }
# `npm run main -- --check`: the three steps of `npm run notebooks -- --check`, `npm run figures`
# and `npm run report` in one process, overlapped (notebooks 2 at once, each one's figures drawn
# as soon as it passed, the report's pages beside the last figures); fails like the first.
step npm run --silent main -- --check
if [[ "${1:-}" == "--with-tests" ]]; then
  # Console reporter only, so as not to overwrite the full suite's test-results.json.
  CI=true step npx vitest run test/plots.test.ts test/site.test.ts --reporter=default
fi
