#!/usr/bin/env bash
# Debian packages the tests need: poppler (pdftoppm, to look at PDFs) and, for the browser
# journeys, chromium. Installed only when missing; needs root (as on CI and dev machines).
set -euo pipefail
need=()
command -v pdftoppm >/dev/null || need+=(poppler-utils)
if [ -d tests/browser ]; then
  command -v chromium >/dev/null || need+=(chromium)
fi
command -v pg_isready >/dev/null || need+=(postgresql-client)
command -v redis-cli >/dev/null || need+=(redis-tools)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> Installing Debian packages: ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
