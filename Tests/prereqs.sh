#!/usr/bin/env bash
# Installs what the tests need from the system: bubblewrap, which runs every plugin process in its
# sandbox (docs/plugins.md). Only as root, and only when missing; otherwise it says what to install.
set -euo pipefail
if command -v bwrap >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq bubblewrap >/dev/null
else
  echo "prereqs: bubblewrap (bwrap) is missing: install the 'bubblewrap' package (plugin tests need it)" >&2
  exit 1
fi
