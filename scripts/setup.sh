#!/usr/bin/env bash
# Install everything the app and its tests need: Python packages in .venv, npm packages,
# the compiled stylesheet. Safe to run again; it only installs what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  echo "==> Creating the virtual environment (.venv)"
  python3.11 -m venv .venv 2>/dev/null || python3 -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "==> Installing Python packages"
  .venv/bin/pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/pip install --quiet --disable-pip-version-check -e '.[dev]'
  rm -f .venv/.installed-* && touch "$stamp"
fi

npm_stamp=node_modules/.installed-$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-16)
if [ ! -f "$npm_stamp" ]; then
  echo "==> Installing npm packages"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
  rm -f node_modules/.installed-* && touch "$npm_stamp"
fi
echo "==> Building the stylesheet"
npm run --silent build
