#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through Playwright (never `playwright install`).
# Install it when it is missing and we are root; otherwise say how to get it.
set -u
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
    exit 0
  fi
  echo "Could not install chromium with apt-get." >&2
fi
if [ "${CI:-}" = "true" ]; then
  echo "CI=true: browser tests must run, but no Chromium at $chromium." >&2
  exit 1
fi
echo "No Chromium at $chromium: browser tests will be skipped (apt-get install chromium, or set CHROMIUM_PATH)."
exit 0
