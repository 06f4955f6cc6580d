#!/usr/bin/env bash
# Set up nudump on a Debian machine: the Debian packages the notebooks and the figure export
# need (Jupyter's nbconvert/nbclient, Chromium, the DejaVu fonts the figures are drawn with,
# MathJax for the offline report), then the npm packages (npm ci, which also
# builds lib/ into dist/ through the "prepare" script). Safe to run again: it installs only
# what is missing. apt needs root; without it the missing packages are listed and it stops.
set -euo pipefail
cd "$(dirname "$0")/.."

# g++ and libhepmc3-dev: test/eventFormats.test.ts compiles a HepMC3 reader against the library
debs=(chromium fonts-dejavu-core libjs-mathjax jupyter-core jupyter-client python3-ipykernel python3-nbclient jupyter-nbconvert python3-nbformat g++ libhepmc3-dev)
missing=()
for p in "${debs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages: ${missing[*]} — install them as root (apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

# pyarrow + pandas read the Parquet event files back in the tests (test/parquetPyarrow.test.ts),
# as a Python user would. pip is pointed at the index this machine is configured with (a
# configured extra index, else pip's default).
if ! python3 -c "import pyarrow, pandas" >/dev/null 2>&1; then
  idx=$(pip config get global.extra-index-url 2>/dev/null | cut -d' ' -f1 || true)
  echo "setup: pip install pyarrow pandas${idx:+ (index $idx)}"
  python3 -m pip install -q ${idx:+--index-url "$idx"} pyarrow pandas
fi

echo "setup: npm ci"
npm ci --no-audit --no-fund
