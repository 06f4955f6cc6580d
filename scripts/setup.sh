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

echo "setup: npm ci"
npm ci --no-audit --no-fund
